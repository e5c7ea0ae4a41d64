"""Cross-prefecture strategic clusters: single-linkage clustering of sites within each field.

Two sites of the same field are *linked* when they are at most ``threshold_km`` apart (measured in the
JGD2011 UTM zone of the first site). **A cluster is a connected group of at least** :data:`MIN_SITES`
**(two) linked sites**, so a chain of sites 25 km apart forms one cluster at 30 km; a site with no
same-field neighbour within the threshold is a *lone site*, in no cluster. This is the one definition:
the clusters page, the command line, the briefing, the gaps, land and labour analyses all take
:func:`find_clusters` (and ``geo.analysis.headlines.cluster_figures``). The explanation of a cluster
is its minimum spanning tree: the nearest-neighbour links, shortest first, that single linkage used to
join its members.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, overload

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.analysis.linkage import field_linkage
from geo.crs import CRS_STORE, check_store_crs, zone_crs
from geo.domain import ALL_FIELDS
from geo.errors import ParameterError
from geo.io.records import Record, json_records
from geo.sites.selection import check_ids

DEFAULT_THRESHOLD_KM = 30.0
#: The fewest sites a cluster has: one site alone is not a cluster.
MIN_SITES = 2
#: Columns of the cluster table (plus ``geometry``), in order.
CLUSTER_COLUMNS: list[str] = [
    "id",
    "field",
    "n_sites",
    "sites",
    "site_ids",
    "pref_codes",
    "blocks",
    "investment_oku_yen",
    "n_investment_known",
    "jobs",
    "land_ha",
    "cross_prefecture",
    "cross_block",
    "links",
    "main_muni_code",
]
#: Columns of :func:`cluster_members`: who belongs to which cluster, without links or polygon.
MEMBER_COLUMNS: list[str] = ["id", "field", "n_sites", "sites", "site_ids", "pref_codes", "blocks"]
#: Keys of one cluster in machine-readable output (CLI ``--json``).
JSON_KEYS: list[str] = [
    "id",
    "field",
    "sites",
    "pref_codes",
    "blocks",
    "investment_oku_yen",
    "jobs",
    "land_ha",
    "cross_prefecture",
    "cross_block",
]
_SUMS = ("investment_oku_yen", "jobs", "land_ha")


def _check(sites: gpd.GeoDataFrame, threshold_km: float, fields: Iterable[str] | None) -> set[str] | None:
    if not np.isfinite(threshold_km) or threshold_km <= 0:
        raise ParameterError("distance_positive", name="threshold_km", value=repr(threshold_km))
    check_store_crs(sites)
    missing = [c for c in ("name", "field") if c not in sites.columns]
    if missing:
        raise ValueError(f"sites lack the column(s) {', '.join(missing)} (see geo.sites.schema.SITE_COLUMNS)")
    return check_ids(fields, ALL_FIELDS, "field")


def _prepare(sites: gpd.GeoDataFrame, chosen: set[str] | None) -> gpd.GeoDataFrame:
    """Sites with a usable point, in the chosen fields, with ``site_id`` (row number if absent)."""
    # only the columns the clusters read: a national register's other text columns are most of its memory
    wanted = ("site_id", "name", "field", "pref_code", "block", "muni_code", *_SUMS)
    df = sites[[c for c in wanted if c in sites.columns] + [sites.geometry.name]].copy()
    if "site_id" not in df.columns:
        df["site_id"] = np.arange(1, len(df) + 1)
    geom = df.geometry.values
    keep = ~(shapely.is_missing(geom) | shapely.is_empty(geom))
    if chosen is not None:
        keep &= df["field"].isin(chosen).to_numpy()
    df = df.loc[keep].reset_index(drop=True)
    for col in ("pref_code", "block", "muni_code", *_SUMS):
        if col not in df.columns:
            df[col] = np.nan
    for col in _SUMS:
        df[col] = pd.to_numeric(df[col], errors="coerce")
    return df


#: Links of single linkage: positions ``a`` < ``b`` of two sites of the table and their distance ``km``.
Links = tuple[np.ndarray, np.ndarray, np.ndarray]


def _link_fields(df: gpd.GeoDataFrame, threshold_km: float) -> tuple[np.ndarray, Links]:
    """Cluster label per site (unique across fields) and the single-linkage links, field by field."""
    labels = np.empty(len(df), dtype=np.int64)
    a, b, km = [np.empty(0, np.int64)], [np.empty(0, np.int64)], [np.empty(0, float)]
    lon, lat = df.geometry.x.to_numpy(), df.geometry.y.to_numpy()
    offset = 0
    for _field, rows in df.groupby("field", sort=True).indices.items():
        rows = np.sort(rows)
        field_labels, field_links = field_linkage(lon[rows], lat[rows], threshold_km)
        labels[rows] = field_labels + offset
        offset += int(field_labels.max()) + 1
        a.append(rows[field_links["a"].to_numpy()])
        b.append(rows[field_links["b"].to_numpy()])
        km.append(field_links["km"].to_numpy(dtype=float))
    return labels, (np.concatenate(a), np.concatenate(b), np.concatenate(km))


def _without_lone_sites(
    df: gpd.GeoDataFrame, labels: np.ndarray, links: Links
) -> tuple[gpd.GeoDataFrame, np.ndarray, Links]:
    """Only the sites of groups of at least :data:`MIN_SITES`, relabelled 0..k-1 (links renumbered)."""
    member = np.bincount(labels)[labels] >= MIN_SITES
    rows = np.flatnonzero(member)
    position = np.full(len(df), -1, dtype=np.int64)
    position[rows] = np.arange(len(rows))
    _, dense = np.unique(labels[rows], return_inverse=True)
    a, b, km = links  # links join members only
    return df.iloc[rows].reset_index(drop=True), dense.astype(np.int64), (position[a], position[b], km)


class ClusterLinks(Sequence[dict[str, Any]]):
    """One cluster's links, shortest first, each read as ``{"a", "b", "km"}`` (site names, km to 3 decimals).

    Arrays underneath: a national register's clusters hold a million links, as dicts a quarter of a gigabyte.
    """

    __slots__ = ("a", "b", "km")

    def __init__(self, a: np.ndarray, b: np.ndarray, km: np.ndarray) -> None:
        self.a, self.b, self.km = a, b, km

    def __len__(self) -> int:
        return len(self.km)

    @overload
    def __getitem__(self, i: int) -> dict[str, Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[dict[str, Any]]: ...
    def __getitem__(self, i: int | slice) -> dict[str, Any] | list[dict[str, Any]]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return {"a": str(self.a[i]), "b": str(self.b[i]), "km": float(self.km[i])}

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, Sequence) else NotImplemented

    def __repr__(self) -> str:
        return f"ClusterLinks({list(self[:3])}{' …' if len(self) > 3 else ''}, n={len(self)})"


def _cluster_links(names: np.ndarray, labels: np.ndarray, links: Links, n_clusters: int) -> list[ClusterLinks]:
    """Per cluster: its links (site names), shortest first (then by position)."""
    a, b, km = links
    order = np.lexsort((b, a, km))
    order = order[np.argsort(labels[a[order]], kind="stable")]  # grouped by cluster, each group still in order
    a_names, b_names, dist = names[a[order]], names[b[order]], np.round(km[order], 3)
    ends = np.cumsum(np.bincount(labels[a[order]], minlength=n_clusters))
    starts = np.r_[0, ends[:-1]]
    return [ClusterLinks(a_names[i:j], b_names[i:j], dist[i:j]) for i, j in zip(starts, ends, strict=True)]


def _polygons(df: gpd.GeoDataFrame, labels: np.ndarray, n_clusters: int, threshold_km: float) -> np.ndarray:
    """Per cluster: convex hull of its sites buffered by half the threshold, in EPSG:4326."""
    out = np.empty(n_clusters, dtype=object)
    centre_lon = pd.Series(df.geometry.x.to_numpy()).groupby(labels).mean().reindex(range(n_clusters))
    cluster_crs = zone_crs(centre_lon.to_numpy())
    for crs in sorted(set(cluster_crs)):
        wanted = np.flatnonzero(cluster_crs == crs)
        rows = np.flatnonzero(np.isin(labels, wanted))
        order = rows[np.argsort(labels[rows], kind="stable")]  # creation with indices needs them sorted
        multi = np.empty(n_clusters, dtype=object)
        shapely.multipoints(df.geometry.iloc[order].to_crs(crs).values, indices=labels[order], out=multi)
        hulls = shapely.buffer(shapely.convex_hull(multi[wanted]), threshold_km * 500.0, quad_segs=16)
        out[wanted] = gpd.GeoSeries(hulls, crs=crs).to_crs(CRS_STORE).values
    return out


def _unique(values: pd.Series) -> list[str]:
    return sorted({str(v) for v in values if isinstance(v, str) and v})


def _main_municipality(df: gpd.GeoDataFrame, labels: np.ndarray) -> pd.Series:
    """Per cluster label: the municipality of its largest disclosed investment (else its first member's)."""
    ranked = df.assign(_label=labels, _inv=df["investment_oku_yen"].fillna(-1.0)).sort_values(
        ["_label", "_inv"], ascending=[True, False], kind="stable"
    )
    return ranked.groupby("_label")["muni_code"].first()


def cluster_candidates(sites: gpd.GeoDataFrame, fields: Iterable[str] | None = None) -> gpd.GeoDataFrame:
    """The sites :func:`find_clusters` considers: with a location, in ``fields`` (None = all)."""
    return _prepare(sites, check_ids(fields, ALL_FIELDS, "field(s)"))


def _no_clusters() -> gpd.GeoDataFrame:
    empty = {c: pd.Series(dtype=object) for c in CLUSTER_COLUMNS}
    return gpd.GeoDataFrame(empty, geometry=gpd.GeoSeries([], crs=CRS_STORE), crs=CRS_STORE)


def find_clusters(
    sites: gpd.GeoDataFrame,
    threshold_km: float = DEFAULT_THRESHOLD_KM,
    fields: Iterable[str] | None = None,
) -> gpd.GeoDataFrame:
    """Single-linkage clusters of ``sites`` (EPSG:4326) within each field, biggest investment first.

    ``fields`` limits the analysis to some fields (None = every field present). Lone sites are in no
    cluster (:data:`MIN_SITES`; ``geo.analysis.headlines.cluster_figures`` counts them). Returns one row per
    cluster with ``CLUSTER_COLUMNS`` and a polygon (EPSG:4326): ``sites``/``site_ids`` list the members,
    ``pref_codes``/``blocks`` what they span, sums treat unknown amounts as 0 (``n_investment_known``
    counts the members with a figure), ``links`` is a list of ``{"a", "b", "km"}`` (site names) in the
    order single linkage joined them, ``main_muni_code`` the municipality of its largest investment (a
    cluster's name: field + main municipality).
    """
    table = _clustered(sites, threshold_km, fields, detail=True)
    return _no_clusters() if table is None else table[CLUSTER_COLUMNS + ["geometry"]]


def cluster_members(
    sites: gpd.GeoDataFrame,
    threshold_km: float = DEFAULT_THRESHOLD_KM,
    fields: Iterable[str] | None = None,
) -> pd.DataFrame:
    """The clusters of :func:`find_clusters` (same ids, same order) with :data:`MEMBER_COLUMNS` only.

    For an analysis that reads who belongs to which cluster (the labour catchments): no links, main
    municipality or polygon are built, which at 1,000,000 sites are most of the clusters' memory.
    """
    table = _clustered(sites, threshold_km, fields, detail=False)
    if table is None:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in MEMBER_COLUMNS})
    return table[MEMBER_COLUMNS]


def _clustered(
    sites: gpd.GeoDataFrame, threshold_km: float, fields: Iterable[str] | None, *, detail: bool
) -> pd.DataFrame | None:
    """The cluster table in its order with ids (None: no cluster); ``detail`` adds links, municipality, polygon."""
    chosen = _check(sites, threshold_km, fields)
    df = _prepare(sites, chosen)
    if df.empty:
        return None
    labels, tree_links = _link_fields(df, threshold_km)
    df, labels, tree_links = _without_lone_sites(df, labels, tree_links)
    if df.empty:
        return None
    n_clusters = int(labels.max()) + 1
    grouped = df.assign(_label=labels).groupby("_label", sort=True)
    table = pd.DataFrame(
        {
            "field": grouped["field"].first(),
            "n_sites": grouped.size(),
            "sites": grouped["name"].agg(lambda s: [str(v) for v in s]),
            "site_ids": grouped["site_id"].agg(lambda s: [int(v) for v in s]),
            "pref_codes": grouped["pref_code"].agg(_unique),
            "blocks": grouped["block"].agg(_unique),
            # NaN (JSON null) when no member discloses the figure: unknown is not zero
            **{col: grouped[col].sum(min_count=1).astype(float) for col in _SUMS},
            "n_investment_known": grouped["investment_oku_yen"].count(),
        }
    )
    table["cross_prefecture"] = table["pref_codes"].map(len) > 1
    table["cross_block"] = table["blocks"].map(len) > 1
    table["first"] = table["sites"].map(lambda s: s[0])
    if detail:
        links = _cluster_links(df["name"].astype(str).to_numpy(), labels, tree_links, n_clusters)
        table["links"] = pd.Series(links, index=table.index, dtype=object)
        table["main_muni_code"] = _main_municipality(df, labels).reindex(table.index)
        table = gpd.GeoDataFrame(table, geometry=_polygons(df, labels, n_clusters, threshold_km), crs=CRS_STORE)
    table = table.sort_values(
        ["investment_oku_yen", "n_sites", "field", "first"],
        ascending=[False, False, True, True],
        kind="stable",
        ignore_index=True,
    )
    table["id"] = np.arange(1, len(table) + 1)
    return table


def site_cluster_ids(clusters: gpd.GeoDataFrame) -> dict[int, int]:
    """``site_id`` -> cluster ``id`` (to join clusters onto per-site results)."""
    exploded = clusters[["id", "site_ids"]].explode("site_ids").dropna()
    return {int(s): int(c) for s, c in zip(exploded["site_ids"], exploded["id"], strict=True)}


def clusters_json(clusters: gpd.GeoDataFrame, extra: Iterable[str] = ()) -> list[Record]:
    """Clusters as plain dicts with ``JSON_KEYS`` (plus ``extra`` columns), JSON-safe types."""
    return json_records(clusters, [*JSON_KEYS, *extra])
