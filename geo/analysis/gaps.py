"""Infrastructure gaps: per site and required kind, the distance to the nearest feature and its status.

For every site and each infrastructure kind its field requires, the distance to the nearest feature
and whether it is within the limit.

Status per site × requirement:

- ``ok``: a known feature lies within the limit (this holds wherever the data come from);
- ``gap``: no known feature within the limit **and** the layer's data are *complete* over the whole
  disc of that radius around the site (so a closer feature would be in the data);
- ``unknown``: otherwise — the layer's data around the site are partial (measured below 98 %, a 2016
  grid …), cover only part of the disc, or are missing. Unknown is never counted as a gap.

Every row says why (``reason_code``, one of ``GAP_REASONS``; ``i18n.gaps.worded_gaps`` words it as the
``reason`` / ``reason_en`` columns of the CSV and JSON) and how complete the layer is around the site
(``layer_completeness``: ``complete`` over the whole disc, ``none`` where no data reach the disc,
else ``partial``).

Distances are straight lines in the JGD2011 UTM zone of each site (STRtree nearest, vectorised per
zone). With a road graph, the distance to the nearest expressway IC is measured on the network where
both ends snap to the graph (``method`` = ``network``); elsewhere it stays ``straight``.
"""

from __future__ import annotations

import functools

import geopandas as gpd
import networkx as nx
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo import infra
from geo.analysis.distance_index import KindIndex, kind_features, kind_index
from geo.analysis.requirements import KINDS, Requirements, load_requirements
from geo.crs import Zoned, check_store_crs
from geo.errors import ParameterError
from geo.infra import LayerCoverage
from geo.infra.osm.roadnet import DEFAULT_MAX_SNAP_KM, network_distance_km
from geo.io.compact import compact, concat_compact, release_freed_memory
from geo.io.records import Record, json_records
from geo.text import per_distinct

#: Columns of the long-form result, in order.
GAP_COLUMNS: list[str] = [
    "site",
    "site_id",
    "requirement",
    "status",
    "distance_km",
    "limit_km",
    "method",
    "layer_completeness",
    "reason_code",
    "field",
    "pref_code",
    "block",
]
#: Keys of one row in machine-readable output (CLI ``--json``), of the rows worded by ``i18n.gaps.worded_gaps``.
JSON_KEYS: list[str] = [
    "site",
    "requirement",
    "status",
    "distance_km",
    "limit_km",
    "method",
    "layer_completeness",
    "reason",
    "reason_en",
]
GAP_STATUSES = ("ok", "gap", "unknown")
#: Why a row has its status: a feature within the limit; complete data and none within it; partial data,
#: the edge of the data or no data there (so it cannot be decided). Worded by ``i18n.gaps``.
GAP_REASONS = ("ok", "gap", "partial", "edge", "none")
#: The order of the requirement kinds within a site's rows (that of ``KINDS``).
_KIND_RANK = {k: i for i, k in enumerate(KINDS)}


def _sites(sites: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    check_store_crs(sites)
    missing = [c for c in ("name", "field") if c not in sites.columns]
    if missing:
        raise ValueError(f"sites lack the column(s) {', '.join(missing)} (see geo.sites.schema.SITE_COLUMNS)")
    df = sites.copy()
    if "site_id" not in df.columns:
        df["site_id"] = np.arange(1, len(df) + 1)
    for col in ("pref_code", "block"):
        if col not in df.columns:
            df[col] = None
    geom = df.geometry.values
    return df[~(shapely.is_missing(geom) | shapely.is_empty(geom))].reset_index(drop=True)


def _limits(reqs: Requirements, kind_id: str, fields: pd.Series) -> pd.Series:
    """Distance limit (km) of ``kind_id`` per field (NaN where the field does not require it)."""
    return fields.map(lambda f: reqs.limits(str(f)).get(kind_id)).astype(float)


def kind_distances(
    sites: gpd.GeoDataFrame,
    kind_id: str,
    features: gpd.GeoDataFrame | None = None,
    coverage: BaseGeometry | LayerCoverage | None = None,
    within_km: float | None = None,
    zoned: Zoned | None = None,
) -> pd.DataFrame:
    """Per site (positional): distance to the nearest feature of a kind and to the layer's coverage.

    ``distance_km``: to the nearest feature; ``edge_km``: to the edge of the *complete* coverage (-1 =
    site not inside it); ``partial_km`` and ``covered_km``: to the partial area and to any covered area
    (0 inside, inf when there is none). A bare geometry as ``coverage`` counts as complete. With
    ``within_km`` (the largest limit the distances are compared with) the three coverage distances beyond it
    are inf: the statuses of :func:`classify` are the same, and a site deep inside the data is not measured
    to its edge. Vectorised per UTM zone; without ``features`` and ``coverage`` the registry's indexes are
    reused (``geo.analysis.distance_index.kind_index``). ``zoned``: the sites already projected
    (:class:`geo.crs.Zoned`, positional), when they are checked for several kinds.
    """
    n = len(sites)
    dist, edge, partial, covered = np.full(n, np.inf), np.full(n, -1.0), np.full(n, np.inf), np.full(n, np.inf)
    if features is None and coverage is None:
        index_in = functools.partial(kind_index, kind_id)
    else:
        feats = kind_features(kind_id) if features is None else features
        cover = infra.layer_coverage(KINDS[kind_id].layer_id) if coverage is None else LayerCoverage.of(coverage)
        index_in = functools.partial(KindIndex.build, feats, cover)
    within_m = None if within_km is None else within_km * 1000.0
    for crs, idx, pts in (zoned or Zoned.of(sites.geometry)).groups():
        dist[idx], edge[idx], partial[idx], covered[idx] = index_in(crs).distances_m(pts, within_m)
    return pd.DataFrame(
        {
            "distance_km": dist / 1000.0,
            "edge_km": np.where(edge >= 0, edge / 1000.0, -1.0),
            "partial_km": partial / 1000.0,
            "covered_km": covered / 1000.0,
        }
    )


def classify(
    distance_km: np.ndarray,
    limit_km: np.ndarray,
    edge_km: np.ndarray,
    partial_km: np.ndarray | None = None,
    covered_km: np.ndarray | None = None,
) -> pd.DataFrame:
    """Status, layer completeness around the site and the reason code (``GAP_REASONS``) per site.

    ``ok`` within the limit; ``gap`` only when the disc of the limit lies inside *complete* coverage;
    else ``unknown`` — because the data there are partial, the disc crosses the edge of the data, or
    there are no data. Without ``partial_km``/``covered_km`` the coverage is taken as complete.
    """
    n = len(distance_km)
    partial = np.full(n, np.inf) if partial_km is None else partial_km
    covered = np.where(edge_km >= 0, 0.0, np.inf) if covered_km is None else covered_km
    ok = distance_km <= limit_km
    complete = edge_km >= limit_km
    completeness = np.where(complete, "complete", np.where(covered < limit_km, "partial", "none"))
    why = np.select([ok, complete, partial < limit_km, covered < limit_km], ["ok", "gap", "partial", "edge"], "none")
    status = np.where(ok, "ok", np.where(complete, "gap", "unknown"))
    return pd.DataFrame({"status": status, "layer_completeness": completeness, "reason_code": why})


#: More sites than this are checked a chunk at a time, each chunk's rows kept compact
#: (:func:`geo.io.compact.compact`) before the next: memory follows the result, not the work.
CHUNK_SITES = 100_000


def infrastructure_gaps(
    sites: gpd.GeoDataFrame,
    requirements: Requirements | None = None,
    graph: nx.Graph | None = None,
    *,
    layers: dict[str, tuple[gpd.GeoDataFrame, BaseGeometry | LayerCoverage]] | None = None,
    max_snap_km: float = DEFAULT_MAX_SNAP_KM,
) -> pd.DataFrame:
    """Long-form gaps: one row per site × required kind with ``GAP_COLUMNS``.

    ``requirements`` defaults to ``data/requirements.toml``; kinds a field does not require are left
    out. ``graph`` (osmnx, EPSG:4326) enables network distance to the nearest IC. ``layers`` may
    supply (features, coverage) per kind instead of the registry (tests, benchmarks; a bare geometry
    is complete coverage, a ``LayerCoverage`` says where it is partial). ``distance_km``
    is the nearest known feature (NaN when none is known, also for ``unknown`` rows). With more than
    :data:`CHUNK_SITES` sites the text columns come as categories (the same values, a fifth of the memory).
    """
    reqs = requirements or load_requirements()
    df = _sites(sites)
    if len(df) <= CHUNK_SITES:
        return _gap_rows(df, reqs, graph, layers, max_snap_km)
    parts = []
    for i in range(0, len(df), CHUNK_SITES):
        parts.append(compact(_gap_rows(df.iloc[i : i + CHUNK_SITES], reqs, graph, layers, max_snap_km)))
        release_freed_memory()  # the chunk's working tables: memory follows the result
    out = concat_compact(parts)
    del parts
    kind = out["requirement"].map(_KIND_RANK).to_numpy(dtype=np.int64)
    key = out["site_id"].to_numpy(dtype=np.int64) * len(KINDS) + kind
    if len(key) < 2 or bool((key[1:] >= key[:-1]).all()):  # chunks of a register in site order: no copy
        return out[GAP_COLUMNS]
    return out.take(np.argsort(key, kind="stable")).reset_index(drop=True)[GAP_COLUMNS]


def _gap_rows(
    df: gpd.GeoDataFrame,
    reqs: Requirements,
    graph: nx.Graph | None,
    layers: dict[str, tuple[gpd.GeoDataFrame, BaseGeometry | LayerCoverage]] | None,
    max_snap_km: float,
) -> pd.DataFrame:
    """The rows of :func:`infrastructure_gaps` for prepared sites (``_sites``)."""
    rows = []
    zoned = Zoned.of(df.geometry)  # once: each kind checks a selection of the same sites
    for kind_id in KINDS:
        limits = per_distinct(df["field"], functools.partial(_limits, reqs, kind_id))
        need = np.flatnonzero(limits.notna().to_numpy())
        if len(need) == 0:
            continue
        sub = df.iloc[need]
        feats, cover = (layers or {}).get(kind_id, (None, None))
        d = kind_distances(sub, kind_id, feats, cover, within_km=float(limits.max()), zoned=zoned.take(need))
        dist, edge = d["distance_km"].to_numpy(), d["edge_km"].to_numpy()
        method = np.full(len(sub), "straight", dtype=object)
        if graph is not None and kind_id == "expressway_ic":
            targets = kind_features(kind_id) if feats is None else feats
            net = network_distance_km(graph, sub.geometry, targets.geometry, max_snap_km)
            use = np.isfinite(net)
            dist, method = np.where(use, net, dist), np.where(use, "network", method)
        limit = limits.to_numpy()[need]
        judged = classify(dist, limit, edge, d["partial_km"].to_numpy(), d["covered_km"].to_numpy())
        rows.append(
            pd.DataFrame(
                {
                    # the sites' own arrays (no index): text stays as it is stored, not converted there and back
                    "site": sub["name"].astype(str).array,
                    "site_id": sub["site_id"].astype(int).to_numpy(),
                    "requirement": kind_id,
                    "status": judged["status"].array,
                    "distance_km": np.where(np.isfinite(dist), np.round(dist, 3), np.nan),
                    "limit_km": limit,
                    "method": method,
                    "layer_completeness": judged["layer_completeness"].array,
                    "reason_code": judged["reason_code"].array,
                    "field": sub["field"].array,
                    "pref_code": sub["pref_code"].array,
                    "block": sub["block"].array,
                }
            )
        )
    if not rows:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in GAP_COLUMNS})
    out = pd.concat(rows, ignore_index=True)
    out["_k"] = out["requirement"].map(_KIND_RANK)
    out = out.sort_values(["site_id", "_k"], kind="stable", ignore_index=True)
    return out[GAP_COLUMNS]


def gap_matrix(gaps: pd.DataFrame) -> pd.DataFrame:
    """Sites × requirements table of statuses (empty cell = not required)."""
    if gaps.empty:
        return pd.DataFrame()
    wide = gaps.pivot_table(index=["site_id", "site"], columns="requirement", values="status", aggfunc="first")
    return wide.reindex(columns=[k for k in KINDS if k in wide.columns]).reset_index()


def aggregate(gaps: pd.DataFrame, key: str, site_groups: dict[int, int] | None = None) -> pd.DataFrame:
    """Per group: sites, counts of ``ok``/``gap``/``unknown`` and sites with at least one gap.

    ``gap_requirements`` says which kinds are missing how often as text (``substation×1``, for the CLI);
    ``gap_counts`` holds the same as a dict ``{kind: n}`` for a UI to word.

    ``key`` is a column of ``gaps`` (``pref_code``, ``block``, ``field``) or ``cluster``, in which case
    ``site_groups`` maps ``site_id`` to a cluster id (``geo.analysis.clusters.site_cluster_ids``). Sorted by gaps.
    """
    df = gaps.astype({c: object for c in gaps.columns if isinstance(gaps[c].dtype, pd.CategoricalDtype)})  # compact
    if key == "cluster":
        if site_groups is None:
            raise ParameterError("gaps_site_groups")
        df["cluster"] = df["site_id"].map(site_groups)
    elif key not in df.columns:
        raise ParameterError("gaps_aggregate_by", key=key)
    if df.empty:
        return pd.DataFrame(columns=[key, "n_sites", *GAP_STATUSES, "sites_with_gap", "gap_requirements", "gap_counts"])
    grouped = df.groupby(key, dropna=False)
    # dropna=False throughout: sites in no cluster (NaN) are a group of their own, counted like the others
    counts = (
        (df.groupby([key, "status"], dropna=False).size().unstack(fill_value=0).reindex(columns=list(GAP_STATUSES)))
        .fillna(0)
        .astype(int)
    )
    out = pd.DataFrame({"n_sites": grouped["site_id"].nunique()}).join(counts)
    gap_rows = df[df["status"] == "gap"]
    out["sites_with_gap"] = (
        gap_rows.groupby(key, dropna=False)["site_id"].nunique().reindex(out.index).fillna(0).astype(int)
    )
    out["gap_requirements"] = (
        gap_rows.groupby(key, dropna=False)["requirement"]
        .agg(lambda s: ", ".join(f"{k}×{n}" for k, n in s.value_counts().items()))
        .reindex(out.index)
        .fillna("")
    )
    counts_by: dict[object, dict[str, int]] = {}
    for group, kind in zip(gap_rows[key], gap_rows["requirement"], strict=True):
        per = counts_by.setdefault(None if pd.isna(group) else group, {})
        per[str(kind)] = per.get(str(kind), 0) + 1
    out["gap_counts"] = pd.Series(
        [counts_by.get(None if pd.isna(g) else g, {}) for g in out.index], index=out.index, dtype=object
    )
    out = out.reset_index().rename(columns={"index": key})
    return out.sort_values(["gap", "sites_with_gap", key], ascending=[False, False, True], ignore_index=True)


def gaps_json(worded: pd.DataFrame) -> list[Record]:
    """Rows worded by ``i18n.gaps.worded_gaps`` as plain dicts with ``JSON_KEYS``; NaN distances become None."""
    return json_records(worded, JSON_KEYS)


def methods_used(gaps: pd.DataFrame) -> list[str]:
    """Distance methods that occur in a result (``straight``, ``network``)."""
    return sorted(set(gaps["method"])) if len(gaps) else []
