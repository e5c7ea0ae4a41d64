"""Place names for the offline base map, thinned by zoom so they never pile up.

Labels come from our own data: prefecture and municipality names at their representative points (N03
boundaries), and closer in the names of expressway ICs/JCTs, stations, ports and airports (the
committed layers). For each label ``min_zoom`` is the first web-map zoom at which its text box does not
overlap a label of higher priority; once shown it stays shown up to its kind's ``max_zoom`` (zooming in
only moves labels apart). No network, no tiles: the map gives its bearings from this table.
"""

from __future__ import annotations

import functools

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import web_mercator_px
from geo.infra.load import load_layer
from geo.regions import municipalities, prefectures

#: Per kind: priority (lower first), the zoom range it may show in and the font size (px).
LABEL_KINDS: dict[str, dict[str, float]] = {
    "pref": {"priority": 0, "min": 5, "max": 9, "font": 14},
    "muni": {"priority": 1, "min": 9, "max": 18, "font": 12},
    "airport": {"priority": 2, "min": 8, "max": 18, "font": 11},
    "port": {"priority": 3, "min": 10, "max": 18, "font": 11},
    "station": {"priority": 4, "min": 10, "max": 18, "font": 11},
    "ic": {"priority": 5, "min": 11, "max": 18, "font": 10},
}
ZOOMS = range(5, 19)
LABEL_COLUMNS = ["name", "name_en", "kind", "lon", "lat", "min_zoom", "max_zoom"]
_PAD_PX = 6.0


def _candidates() -> pd.DataFrame:
    """Every label with its kind and position (not yet thinned), best first within a kind."""
    parts = []
    prefs = prefectures()
    pts = prefs.geometry.representative_point()
    parts.append(
        pd.DataFrame(
            {
                "name": prefs["name_ja"],
                "name_en": prefs["name_en"],
                "kind": "pref",
                "lon": pts.x,
                "lat": pts.y,
                "size": 1e9,
            }
        )
    )
    munis = municipalities()
    munis = munis[munis["code"].notna() & (munis["name_ja"].fillna("") != "")]
    pts = munis.geometry.representative_point()
    parts.append(
        pd.DataFrame(
            {
                "name": munis["name_ja"],
                "kind": "muni",
                "lon": pts.x,
                "lat": pts.y,
                "size": shapely.area(munis.geometry.values),
            }
        )
    )
    for layer_id, kind in (("airports", "airport"), ("ports", "port"), ("stations", "station")):
        parts.append(_layer_labels(load_layer(layer_id), kind))
    ics = load_layer("expressway_ic")
    parts.append(_layer_labels(ics, "ic", suffix=np.where(ics["subtype"] == "jct", "", "IC")))
    out = pd.concat(parts, ignore_index=True)
    out = out[out["name"].astype(str).str.strip() != ""]
    # only prefectures have an English name in our data; the others keep theirs (N03, KSJ) in English too
    out["name_en"] = out["name_en"].where(out["name_en"].notna(), out["name"])
    out["priority"] = out["kind"].map(lambda k: LABEL_KINDS[k]["priority"])
    return out.sort_values(["priority", "size"], ascending=[True, False], kind="stable").reset_index(drop=True)


def _layer_labels(gdf: gpd.GeoDataFrame, kind: str, suffix: np.ndarray | str = "") -> pd.DataFrame:
    pts = gdf.geometry.representative_point()
    name = gdf["port_name_ja"].where(gdf["port_name_ja"] != "", gdf["name"]) if "port_name_ja" in gdf else gdf["name"]
    name = name.fillna("").astype(str)
    if not isinstance(suffix, str) or suffix:
        name = name + pd.Series(suffix, index=name.index).where(~name.str.contains("IC|JCT|SIC"), "")
    return pd.DataFrame({"name": name, "kind": kind, "lon": pts.x, "lat": pts.y, "size": 0.0})


def _text_px(names: pd.Series, kinds: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Label box width and height in pixels (CJK characters are square at the font size)."""
    font = kinds.map(lambda k: LABEL_KINDS[k]["font"]).to_numpy(dtype=float)
    chars = names.map(lambda s: sum(1.0 if ord(c) > 0x2E80 else 0.6 for c in s)).to_numpy(dtype=float)
    return chars * font + _PAD_PX, font + _PAD_PX


def _may_clash(xs: np.ndarray, ys: np.ndarray, w: np.ndarray, h: np.ndarray) -> np.ndarray:
    """Per label: whether its box comes within a pixel of any other label's box (one STRtree query).

    The pixel of slack keeps this on the safe side of ``thin``'s exact test (rounding cannot hide a clash).
    """
    half_w, half_h = w / 2 + 1.0, h / 2 + 1.0
    boxes = shapely.box(xs - half_w, ys - half_h, xs + half_w, ys + half_h)
    left, right = shapely.STRtree(boxes).query(boxes, predicate="intersects")
    other = left != right
    return np.bincount(left[other], minlength=len(xs)) > 0


def thin(labels: pd.DataFrame) -> np.ndarray:
    """First zoom at which each label fits (NaN: never within its kind's range). Greedy, priority order.

    Per zoom, accepted boxes are kept in a grid hash (cell = the largest box); a label is accepted when
    its box overlaps no accepted box. Accepted labels stay accepted at higher zooms. A label whose box
    meets no other box at that zoom is accepted without the sequential pass (the same result: only
    labels that overlap can clash, and they are walked in the same order).
    """
    x0, y0 = web_mercator_px(labels["lon"].to_numpy(float), labels["lat"].to_numpy(float))
    w, h = _text_px(labels["name"], labels["kind"])
    lo = labels["kind"].map(lambda k: LABEL_KINDS[k]["min"]).to_numpy(float)
    hi = labels["kind"].map(lambda k: LABEL_KINDS[k]["max"]).to_numpy(float)
    first = np.full(len(labels), np.nan)
    cell = float(max(w.max(initial=1.0), h.max(initial=1.0)))
    for z in ZOOMS:
        scale = 2.0**z
        xs, ys = x0 * scale, y0 * scale
        grid: dict[tuple[int, int], list[int]] = {}
        shown = np.flatnonzero(~np.isnan(first) & (hi >= z))
        order = np.concatenate([shown, np.flatnonzero(np.isnan(first) & (lo <= z) & (hi >= z))])
        crowded = np.zeros(len(labels), dtype=bool)
        if len(order):
            crowded[order] = _may_clash(xs[order], ys[order], w[order], h[order])
        alone = order[~crowded[order]]
        first[alone[np.isnan(first[alone])]] = z
        shown_set = set(shown.tolist())
        for i in order[crowded[order]]:
            cx, cy = int(xs[i] // cell), int(ys[i] // cell)
            clash = i not in shown_set and any(
                abs(xs[i] - xs[j]) * 2 < w[i] + w[j] and abs(ys[i] - ys[j]) * 2 < h[i] + h[j]
                for dx in (-1, 0, 1)
                for dy in (-1, 0, 1)
                for j in grid.get((cx + dx, cy + dy), ())
            )
            if not clash:
                grid.setdefault((cx, cy), []).append(int(i))
                if np.isnan(first[i]):
                    first[i] = z
    return first


@functools.cache
def _labels() -> pd.DataFrame:
    cand = _candidates()
    cand["min_zoom"] = thin(cand)
    cand["max_zoom"] = cand["kind"].map(lambda k: LABEL_KINDS[k]["max"]).astype(int)
    out = cand[cand["min_zoom"].notna()].copy()
    out["min_zoom"] = out["min_zoom"].astype(int)
    out["lon"], out["lat"] = out["lon"].round(5), out["lat"].round(5)
    return out[LABEL_COLUMNS].reset_index(drop=True)


def thinned_labels() -> pd.DataFrame:
    """The thinned label table: ``LABEL_COLUMNS`` (EPSG:4326 lon/lat), best first."""
    return _labels().copy()


def labels_per_zoom(labels: pd.DataFrame | None = None) -> dict[int, int]:
    """How many labels show at each zoom (anywhere in Japan)."""
    df = thinned_labels() if labels is None else labels
    return {z: int(((df["min_zoom"] <= z) & (df["max_zoom"] >= z)).sum()) for z in ZOOMS}
