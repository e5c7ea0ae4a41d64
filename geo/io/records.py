"""Tables as JSON-ready records: the one conversion every ``--json`` output and download uses."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pandas as pd

#: A JSON-ready record: plain Python values (str, int, float, bool, None, lists/tuples of them).
Record = dict[str, object]


def is_missing(value: object) -> bool:
    """Whether a cell holds no value: None, ``pd.NA``, ``pd.NaT``, or a float that is NaN or infinite.

    A cell's value, numbers or text; for a number alone ``geo.io.numbers.finite`` is the rule.
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, (float, np.floating)) and not math.isfinite(value)


def plain(value: object, digits: int | None = None) -> object:
    """A JSON-friendly Python value: numpy scalars unwrapped, NaN/NA/inf → None, floats optionally rounded."""
    if is_missing(value):
        return None
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return round(value, digits) if digits is not None else value
    return value


def json_records(table: pd.DataFrame, columns: Sequence[str] | None = None, digits: int | None = None) -> list[Record]:
    """Rows of ``table`` (``columns`` in that order, default all) as records of plain values.

    Unknown numbers (NaN) become None (JSON null), never 0; ``digits`` rounds floats.
    """
    cols = list(table.columns if columns is None else columns)
    frame = pd.DataFrame(table)[cols]
    return [{str(k): plain(v, digits) for k, v in zip(cols, row)} for row in frame.itertuples(index=False)]
