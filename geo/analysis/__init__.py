"""Analyses on sites and layers.

Clusters (single linkage), infrastructure gaps and their requirement profiles, industrial land and its
balance, plan-B priority firms. Each module takes GeoDataFrames in EPSG:4326 and measures in the JGD2011
metric CRS of ``geo.crs``.
"""
