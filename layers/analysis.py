"""Map layers of the analyses: cluster polygons (cross-prefecture highlighted) and gap markers.

Only drawing: the numbers come from ``geo.analysis.clusters`` and ``geo.analysis.gaps``. Every text that reaches the
tooltip/popup HTML is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable

import folium
import geopandas as gpd
import numpy as np
import pandas as pd

from i18n import Lang, t
from layers.geojson_layer import add_geojson_layer, to_geojson
from layers.markup import escaped_props
from layers.popups import cluster_popup, cluster_tooltip
from layers.sites import BIN_ABOVE, BIN_PX, bin_tip, point_layer
from layers.style import CROSS_PREF_COLOUR, MARKER_OUTLINE, STATUS_COLOURS, field_colour

__all__ = ["CROSS_PREF_COLOUR", "STATUS_COLOURS", "add_cluster_layer", "add_gap_layer", "gap_markers", "gap_points"]


def add_cluster_layer(
    m: folium.Map, clusters: gpd.GeoDataFrame, lang: Lang = "ja", *, canvas: bool = False
) -> folium.FeatureGroup:
    """Cluster polygons: field colour, cross-prefecture clusters outlined thick red."""
    tips = [cluster_tooltip(row, lang) for _, row in clusters.iterrows()]
    props: dict[str, Iterable[object]] = {
        "_color": [
            CROSS_PREF_COLOUR if x else field_colour(f)
            for x, f in zip(clusters["cross_prefecture"], clusters["field"], strict=True)
        ],
        "_fill": [field_colour(f) for f in clusters["field"]],
        "_tip": escaped_props(tips),
        "_popup": [cluster_popup(row, lang) for _, row in clusters.iterrows()],
        "cross_prefecture": [bool(x) for x in clusters["cross_prefecture"]],
    }
    data = to_geojson(clusters, props, decimals=5, simplify_deg=0.001)
    group = add_geojson_layer(
        m,
        "clusters",
        t("clusters_layer", lang),
        pane="infra",
        data=data,
        style={"weight": 2.5, "fillOpacity": 0.18, "opacity": 0.9},
        canvas=canvas,
    )
    return group


def gap_markers(sites: gpd.GeoDataFrame, gaps: pd.DataFrame, lang: Lang = "ja") -> dict:
    """GeoJSON of one marker per checked site, coloured by its worst status, gaps listed in the tooltip."""
    if gaps.empty or sites.empty:
        return {"type": "FeatureCollection", "features": []}
    chosen, status, tips = _gap_markers(sites, gaps, lang)
    props: dict[str, Iterable[object]] = {
        "_color": [STATUS_COLOURS[s] for s in status],
        "_fill": [STATUS_COLOURS[s] for s in status],
        "_radius": [9 if s == "gap" else 6 for s in status],
        "_tip": escaped_props(tips),
        "status": list(status),
    }
    return to_geojson(chosen, props, decimals=5)


def gap_points(sites: gpd.GeoDataFrame, gaps: pd.DataFrame, lang: Lang = "ja") -> dict:
    """:func:`gap_markers` packed like the site layer (:func:`layers.sites.point_layer`), for the canvas."""
    chosen, status, tips = _gap_markers(sites, gaps, lang)
    order = list(STATUS_COLOURS)
    classes = status.map(order.index).to_numpy()
    return point_layer(
        chosen["site_id"].to_numpy(), chosen, classes, np.where(status == "gap", 9.0, 6.0),
        [STATUS_COLOURS[s] for s in order], tips,
    )  # fmt: skip


def _gap_markers(
    sites: gpd.GeoDataFrame, gaps: pd.DataFrame, lang: Lang
) -> tuple[gpd.GeoDataFrame, pd.Series, pd.Series]:
    """The checked sites, the worst status of each and its tooltip text (plain)."""
    if "site_id" not in sites.columns:  # sites from a file: row numbers, as geo.analysis.gaps numbers them
        sites = sites.assign(site_id=range(1, len(sites) + 1))
    order = {"gap": 0, "unknown": 1, "ok": 2}  # per site the worst; categories (a large result) map as text
    rank = pd.Series(gaps["status"].map(order).astype("int8").to_numpy(), index=gaps["site_id"].to_numpy())
    worst = rank.groupby(level=0).min().map({0: "gap", 1: "unknown", 2: "ok"})
    missing = gaps[gaps["status"] == "gap"]
    kinds = {k: t(f"gaps_kind_{k}", lang) for k in missing["requirement"].unique()}
    listed = missing.assign(_k=missing["requirement"].map(kinds)).groupby("site_id")["_k"].agg(", ".join)
    checked = sites["site_id"].isin(worst.index)
    chosen = sites if bool(checked.all()) else sites[checked]  # every site checked: no copy of a large register
    status = chosen["site_id"].map(worst)
    words = {s: t(f"gaps_status_{s}", lang) for s in STATUS_COLOURS}
    text = "string[pyarrow]"  # a million tips as Arrow strings, not a Python object each
    gap_list = chosen["site_id"].map(listed).astype(text).fillna("")
    tips = (
        chosen["name"].astype(text).fillna("")
        + " — "
        + status.map(words).astype(text)
        + (": " + gap_list).where(status.to_numpy() == "gap", "")
    )
    return chosen, status, tips


def add_gap_layer(
    m: folium.Map,
    sites: gpd.GeoDataFrame,
    gaps: pd.DataFrame,
    lang: Lang = "ja",
    *,
    canvas: bool = False,
    data: dict | None = None,
) -> folium.FeatureGroup:
    """Gap markers above the sites: red = at least one gap, grey = only unknowns, green = all ok.

    On the canvas (a briefing, a national register) they are packed like the sites and merged per cell like
    them, a cell taking the worst status in it; a click goes through to the site below. ``data`` is the
    layer already made (:func:`gap_points` for the canvas, else :func:`gap_markers`, kept by the caller).
    """
    group = add_geojson_layer(
        m,
        "gaps",
        t("gaps_layer", lang),
        pane="sites",
        data=data if data is not None else gap_points(sites, gaps, lang) if canvas else gap_markers(sites, gaps, lang),
        style={"weight": 2, "fillOpacity": 0.9, "color": MARKER_OUTLINE},
        canvas=canvas,
        options={"binAbove": BIN_ABOVE, "binPx": BIN_PX, "binTip": bin_tip(lang), "clickable": False, "binWorst": True},
    )
    return group
