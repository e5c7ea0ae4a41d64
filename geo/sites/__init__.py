"""Candidate investment sites.

The schema and its validation (``schema``), the one duplicate rule (``duplicates``), planning a file
import (``imports``), checking one edit (``edit``), which sites an analysis looks at (``selection``:
the sidebar's filters, largest first) and their totals (``summary``). Storage is ``geo.store``.
"""
