"""Candidate investment sites.

The schema and its validation (``schema``), the one duplicate rule (``duplicates``), planning a file
import (``imports``), checking one edit (``edit``), filters and totals (``summary``) and the site under a
click (``selection``). Storage is ``geo.store``.
"""
