"""The ranking rule of the siting search, in one place (the page and ``--help`` word :data:`RANK_RULE`).

Candidates are ordered by, in turn:

1. ``n_gap``: fewer gaps first — a candidate without a gap always ranks above any candidate with one;
2. ``n_unknown``: fewer unknown checks first (unknown is never ok and never a gap);
3. ``catchment_working_age``: the larger working-age population of the commuting catchment first
   (census 2020 estimate; the 2035/2050 projections and the manufacturing workforce of the same catchment are
   shown beside it, ``geo.siting.search.OUTLOOK_COLUMNS``, never ranked on);
4. ``distance_share``: the smaller mean of distance ÷ limit over the distance checks with a measured
   distance first (no measured distance: last);
5. ties: parcels before municipalities (``geo.siting.candidates.CANDIDATE_KINDS``), then by ``code``
   (text order), then by ``name``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo.siting.candidates import CANDIDATE_KINDS

#: The keys of the rule, in the order they decide (codes; ``i18n.siting`` words them).
RANK_RULE: tuple[str, ...] = ("n_gap", "n_unknown", "catchment_working_age", "distance_share", "kind", "code", "name")


def check_summary(checks: pd.DataFrame, n: int) -> pd.DataFrame:
    """Per candidate position: ``n_ok``, ``n_gap``, ``n_unknown``, ``status`` (the worst) and ``distance_share``.

    The worst status is ``gap`` if any check is a gap, else ``unknown`` if any is unknown, else ``ok``
    (a candidate without checks is ``ok``: nothing was asked).
    """
    pos = checks["candidate"].to_numpy(dtype=np.int64)
    status = checks["status"].to_numpy()
    out = pd.DataFrame(index=pd.RangeIndex(n))
    for s in ("ok", "gap", "unknown"):
        out[f"n_{s}"] = np.bincount(pos[status == s], minlength=n).astype(int)
    out["status"] = np.where(out["n_gap"] > 0, "gap", np.where(out["n_unknown"] > 0, "unknown", "ok"))
    dist = (checks["measure"] == "distance").to_numpy()
    value = checks["value"].to_numpy(dtype=float)
    limit = checks["limit"].to_numpy(dtype=float)
    measured = dist & np.isfinite(value)
    share = np.bincount(pos[measured], weights=value[measured] / limit[measured], minlength=n)
    count = np.bincount(pos[measured], minlength=n)
    out["distance_share"] = np.where(count > 0, share / np.maximum(count, 1), np.nan)
    return out


def rank_order(table: pd.DataFrame) -> np.ndarray:
    """Row positions of ``table`` in rank order (columns of :data:`RANK_RULE`; the module rule)."""
    kind = table["kind"].map({k: i for i, k in enumerate(CANDIDATE_KINDS)}).to_numpy(dtype=float)
    wa = table["catchment_working_age"].to_numpy(dtype=float)
    share = table["distance_share"].to_numpy(dtype=float)
    code = pd.factorize(table["code"].astype(str), sort=True)[0]
    name = pd.factorize(table["name"].astype(str), sort=True)[0]
    keys = (
        name,
        code,
        kind,
        np.where(np.isfinite(share), share, np.inf),
        -np.nan_to_num(wa, nan=-np.inf),
        table["n_unknown"].to_numpy(),
        table["n_gap"].to_numpy(),
    )
    return np.lexsort(keys)
