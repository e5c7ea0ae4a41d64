"""特化係数 (location quotient): a division's share of a unit's employees over the same share nationally.

``LQ(unit, d) = (E[unit, d] / E[unit]) / (Σ E[·, d] / Σ E[·])`` where ``E[unit]`` is the unit's total
employees and the national base sums **every unit of the same table and year** (never a published
national figure from another file). A unit with no employees has no share and no LQ (unknown, not 0);
a division with no employees nationally has no LQ anywhere.

Pure arithmetic on counts; ``geo.industry`` applies it to the 2021 経済センサス table per municipality,
prefecture and block.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Quotients:
    """Shares and location quotients of one table (index = units, columns = divisions)."""

    employees: pd.DataFrame
    totals: pd.Series
    share: pd.DataFrame
    lq: pd.DataFrame
    national_share: pd.Series


def location_quotients(employees: pd.DataFrame, totals: pd.Series) -> Quotients:
    """Shares and 特化係数 of every unit and division.

    Parameters
    ----------
    employees
        Employees per unit (rows) and division (columns), counts.
    totals
        Each unit's total employees (same index). May exceed the sum of the divisions (a source's own
        rounding); the share's denominator is this total, in the unit and nationally.

    Returns
    -------
    Quotients
        ``share`` = employees / total (NaN where the total is 0 or unknown); ``national_share`` = column
        sums / the sum of totals; ``lq`` = share / national share (NaN where either is unknown or 0).
    """
    if not employees.index.equals(totals.index):
        raise ValueError("employees and totals must have the same index (one row per unit)")
    counts = employees.astype(float)
    total = totals.astype(float)
    national_total = float(total.sum(min_count=1))
    national = counts.sum(min_count=1) / national_total if national_total > 0 else counts.sum() * np.nan
    share = counts.div(total.where(total > 0), axis=0)
    lq = share.div(national.where(national > 0), axis=1)
    return Quotients(counts, total, share, lq, national)


def aggregate(employees: pd.DataFrame, totals: pd.Series, key: pd.Series) -> tuple[pd.DataFrame, pd.Series]:
    """Counts summed per ``key`` (a unit → group mapping on the same index), e.g. municipality → prefecture.

    A group's sum is unknown (NaN) when any of its units is unknown, never a partial sum.
    """
    summed = employees.astype(float).groupby(key).sum(min_count=1)
    summed = summed.where(employees.notna().groupby(key).all())
    total = totals.astype(float).groupby(key).sum(min_count=1).where(totals.notna().groupby(key).all())
    return summed, total
