"""Long tables kept small: repeated text as categories, and such tables joined without losing them.

A national register makes long tables (a gap check per site and requirement: 2.6 million rows at
1,000,000 sites) whose text columns repeat a few values (status, requirement, reason, prefecture) or one
per site (its name). As categories they take a fifth of the memory and stay text to every reader.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from pandas.api.types import union_categoricals


def compact(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with each text column that repeats its values (at most half distinct) as a category."""
    out = table.copy()
    for col in out.columns:
        values = out[col]
        text = values.dtype == object or (
            pd.api.types.is_string_dtype(values.dtype) and not isinstance(values.dtype, pd.CategoricalDtype)
        )
        if text and len(values) and values.nunique(dropna=False) <= len(values) // 2:
            out[col] = values.astype("category")
    return out


def concat_compact(parts: Sequence[pd.DataFrame]) -> pd.DataFrame:
    """The rows of ``parts`` (each :func:`compact`) in one table, categories joined rather than turned to text."""
    if not parts:
        raise ValueError("concat_compact needs at least one table")
    columns = {}
    for col in parts[0].columns:
        values = [p[col] for p in parts]
        if all(isinstance(v.dtype, pd.CategoricalDtype) for v in values):
            columns[col] = pd.Series(union_categoricals(values, ignore_order=True))
        else:
            columns[col] = pd.concat(
                [v.astype(object) if isinstance(v.dtype, pd.CategoricalDtype) else v for v in values], ignore_index=True
            )
    return pd.DataFrame(columns)
