"""Reading and writing files and the network.

Tables planners have (CSV/Excel), CSV exports safe in spreadsheets, JSON-ready records, memoised file
reads and atomic writes, the fast HTTP probe.
"""
