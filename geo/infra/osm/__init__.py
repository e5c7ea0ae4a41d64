"""OpenStreetMap for the infrastructure layers.

Overpass fetch and local file import (``fetch``), tag classification (``classify``), the user's layer
cache (``cache``) and road-network distances (``roadnet``).
"""
