"""Exports of a plan (計画素案).

The worded document (``document``) rendered as offline HTML with its map (``page``), as a Word draft
(``word``) and as an Excel annex (``excel``).
"""
