"""Which sites an analysis looks at: the sidebar's filters and the largest-first order of briefings."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import pandas as pd

from geo.domain import ALL_FIELDS, PLAN_TYPES, STATUSES, Term
from geo.errors import ParameterError

if TYPE_CHECKING:
    import geopandas as gpd

    from geo.regions import Region


def check_ids(values: Iterable[str] | None, known: dict[str, Term], what: str) -> set[str] | None:
    """The selected ids as a set (None = no filter); unknown ids raise ``ParameterError`` (a ``ValueError``)."""
    if values is None:
        return None
    chosen = {values} if isinstance(values, str) else set(values)
    unknown = sorted(chosen - set(known))
    if unknown:
        raise ParameterError("ids_unknown", what=what, ids=", ".join(map(repr, unknown)), known=", ".join(known))
    return chosen


def filter_sites(
    sites: gpd.GeoDataFrame,
    region: Region | None = None,
    fields: Iterable[str] | None = None,
    plan_types: Iterable[str] | None = None,
    statuses: Iterable[str] | None = None,
) -> gpd.GeoDataFrame:
    """Sites in ``region`` (by ``pref_code``) with the given fields, plan types and statuses.

    ``None`` means no filter on that attribute; an empty collection selects nothing.
    """
    mask = pd.Series(True, index=sites.index)
    if region is not None:
        mask &= sites["pref_code"].isin(region.pref_codes)
    for col, values, known in (
        ("field", fields, ALL_FIELDS),
        ("plan_type", plan_types, PLAN_TYPES),
        ("status", statuses, STATUSES),
    ):
        chosen = check_ids(values, known, col)
        if chosen is not None:
            mask &= sites[col].isin(chosen)
    return sites if bool(mask.all()) else sites.loc[mask]  # nothing filtered out: no copy of a large register


def largest_first(sites: pd.DataFrame, limit: int | None = None) -> pd.DataFrame:
    """Sites by disclosed investment, largest first; undisclosed amounts last, ties in their order.

    The briefing's site table and the cards it inlines take the first ``limit`` rows of this order (only
    those rows are copied: a national register is not sorted whole).
    """
    key = pd.Series(pd.to_numeric(sites["investment_oku_yen"], errors="coerce").to_numpy(dtype=float))
    order = key.sort_values(ascending=False, na_position="last", kind="stable").index.to_numpy()
    return sites.iloc[order if limit is None else order[:limit]]
