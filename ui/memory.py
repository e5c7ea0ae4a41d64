"""Garbage collection that does not stall every click: what the caches keep is frozen out of it.

Streamlit collects every generation after each run (``runner.postScriptGC``): with 100,000 sites cached that
walks ~700,000 tracked objects, 0.18 s holding the interpreter lock after every click (py-spy during
``bench/bench_app.py``: a third of the server's time). Switching that collection off kept 300 MB more after
five sessions. So the collection stays, and what has lived through it is frozen (``gc.freeze``): after a run
that left many new long-lived objects (a cache filled), everything is unfrozen, collected once and frozen
again; the collection after each later run only looks at what that run made (~1 ms). Objects dropped since
the last freeze (an evicted cache entry, a closed session) are collected at the next one.
"""

from __future__ import annotations

import gc

#: Tracked objects outside the frozen set that trigger a new freeze (a national analysis adds ~100,000s).
FREEZE_GROWTH = 100_000


def freeze_long_lived(growth: int = FREEZE_GROWTH) -> bool:
    """Collect and freeze what is alive when more than ``growth`` tracked objects are outside the frozen set.

    Returns True when it froze (a full collection ran), False when there was too little new to bother.
    """
    if len(gc.get_objects(generation=2)) <= growth:
        return False
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    return True
