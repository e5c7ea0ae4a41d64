"""The server's garbage collection: long-lived objects frozen, dropped ones still collected at the next freeze."""

from __future__ import annotations

import gc
import weakref

from ui.memory import freeze_long_lived


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the cyclic collector frees it


def test_frozen_objects_leave_the_collection_and_dropped_ones_are_collected_at_the_next_freeze() -> None:
    try:
        kept = [_Node() for _ in range(10)]
        assert freeze_long_lived(growth=0), "objects outside the frozen set: collected and frozen"
        assert gc.get_freeze_count() > 0 and len(gc.get_objects(generation=2)) < 1_000
        assert not freeze_long_lived(growth=10**9), "too little new: nothing done"
        gone = weakref.ref(kept[0])
        del kept
        gc.collect()
        assert gone() is not None, "frozen: the ordinary collection leaves it"
        assert freeze_long_lived(growth=0)
        assert gone() is None, "the next freeze collects what was dropped since the last"
    finally:
        gc.unfreeze()
