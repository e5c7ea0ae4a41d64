"""Place names for the offline base map, thinned by zoom so they never pile up.

Labels come from our own data: prefecture and municipality names at their representative points (N03
boundaries), and closer in the names of expressway ICs/JCTs, every station (N02-23, transfer hubs
first), ports and airports (the committed layers). For each label ``min_zoom`` is the first web-map
zoom at which its text box does not overlap a label of higher priority; once shown it stays shown up
to its kind's ``max_zoom`` (zooming in only moves labels apart). No network, no tiles: the map gives
its bearings from this table.
"""

from __future__ import annotations

import functools

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.config import derived_dir
from geo.crs import web_mercator_px
from geo.infra.load import data_fingerprint, load_layer
from geo.io.files import derived
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
#: The label rule's version, in the kept table's file name: a new rule thins again instead of reading the old
#: table (2: airports named in English on the English map).
LABELS_FORMAT = 2
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
    # prefectures and airports have an English name in our data; the others keep theirs (N03, KSJ) in English too
    out["name_en"] = out["name_en"].where(out["name_en"].notna(), out["name"])
    out["priority"] = out["kind"].map(lambda k: LABEL_KINDS[k]["priority"])
    return out.sort_values(["priority", "size"], ascending=[True, False], kind="stable").reset_index(drop=True)


def _layer_labels(gdf: gpd.GeoDataFrame, kind: str, suffix: np.ndarray | str = "") -> pd.DataFrame:
    pts = gdf.geometry.representative_point()
    name = gdf["port_name_ja"].where(gdf["port_name_ja"] != "", gdf["name"]) if "port_name_ja" in gdf else gdf["name"]
    name = name.fillna("").astype(str)
    if not isinstance(suffix, str) or suffix:
        name = name + pd.Series(suffix, index=name.index).where(~name.str.contains("IC|JCT|SIC"), "")
    # transfer hubs first among stations (lines through the station group); other kinds keep their order
    size = gdf["n_lines"].fillna(0).astype(float) if "n_lines" in gdf else 0.0
    # a layer with English names (airports) gives them to the English map; the others keep their own name
    name_en = None
    if "name_en" in gdf:
        name_en = gdf["name_en"].where(gdf["name_en"].fillna("").astype(str).str.strip() != "")
    return pd.DataFrame({"name": name, "name_en": name_en, "kind": kind, "lon": pts.x, "lat": pts.y, "size": size})


def _text_px(names: pd.Series, kinds: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Label box width and height in pixels (CJK characters are square at the font size)."""
    font = kinds.map(lambda k: LABEL_KINDS[k]["font"]).to_numpy(dtype=float)
    chars = names.map(lambda s: sum(1.0 if ord(c) > 0x2E80 else 0.6 for c in s)).to_numpy(dtype=float)
    return chars * font + _PAD_PX, font + _PAD_PX


def _clashes(xs: np.ndarray, ys: np.ndarray, w: np.ndarray, h: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Pairs (i < j) of labels whose boxes overlap (``thin``'s exact test), from one STRtree query."""
    half_w, half_h = w / 2 + 1.0, h / 2 + 1.0  # a pixel of slack: rounding cannot hide a clash
    boxes = shapely.box(xs - half_w, ys - half_h, xs + half_w, ys + half_h)
    left, right = shapely.STRtree(boxes).query(boxes, predicate="intersects")
    keep = left < right
    left, right = left[keep], right[keep]
    exact = (np.abs(xs[left] - xs[right]) * 2 < w[left] + w[right]) & (
        np.abs(ys[left] - ys[right]) * 2 < h[left] + h[right]
    )
    return left[exact], right[exact]


def _greedy_keep(forced: np.ndarray, left: np.ndarray, right: np.ndarray) -> np.ndarray:
    """Which labels the greedy pass keeps: forced ones, then each in order unless it clashes with one kept.

    Labels are in priority order (position). Computed in rounds, vectorised: a label is kept once no
    label before it that clashes with it is still undecided, and dropped once one of them is kept — the
    same result as walking the labels one by one.
    """
    n = len(forced)
    kept = forced.copy()
    dropped = np.zeros(n, dtype=bool)
    # forced labels are shown whatever clashes with them: a label clashing with one is dropped
    hit = np.concatenate([right[forced[left] & ~forced[right]], left[forced[right] & ~forced[left]]])
    dropped[hit] = True
    pair = ~forced[left] & ~forced[right]
    lo, hi = left[pair], right[pair]  # lo comes first
    while True:
        open_ = ~(kept | dropped)
        live = open_[lo] & open_[hi]
        if not open_.any():
            return kept
        blocked = np.zeros(n, dtype=bool)
        blocked[hi[live]] = True  # an undecided label before it clashes with it: wait
        now = open_ & ~blocked
        kept |= now
        dropped[hi[now[lo] & open_[hi]]] = True
        dropped[lo[now[hi] & open_[lo]]] = True


def thin(labels: pd.DataFrame) -> np.ndarray:
    """First zoom at which each label fits (NaN: never within its kind's range). Greedy, priority order.

    Per zoom, the labels already shown stay shown; the others in range are then taken in order, each
    unless its box overlaps a label kept before it (:func:`_greedy_keep`, vectorised over the clashing
    pairs of one STRtree query per zoom).
    """
    x0, y0 = web_mercator_px(labels["lon"].to_numpy(float), labels["lat"].to_numpy(float))
    w, h = _text_px(labels["name"], labels["kind"])
    lo = labels["kind"].map(lambda k: LABEL_KINDS[k]["min"]).to_numpy(float)
    hi = labels["kind"].map(lambda k: LABEL_KINDS[k]["max"]).to_numpy(float)
    first = np.full(len(labels), np.nan)
    for z in ZOOMS:
        scale = 2.0**z
        shown = ~np.isnan(first) & (hi >= z)
        order = np.flatnonzero(shown | (np.isnan(first) & (lo <= z) & (hi >= z)))
        if not len(order):
            continue
        left, right = _clashes(x0[order] * scale, y0[order] * scale, w[order], h[order])
        kept = order[_greedy_keep(shown[order], left, right)]
        first[kept[np.isnan(first[kept])]] = z
    return first


def _thinned() -> pd.DataFrame:
    cand = _candidates()
    cand["min_zoom"] = thin(cand)
    cand["max_zoom"] = cand["kind"].map(lambda k: LABEL_KINDS[k]["max"]).astype(int)
    out = cand[cand["min_zoom"].notna()].copy()
    out["min_zoom"] = out["min_zoom"].astype(int)
    out["lon"], out["lat"] = out["lon"].round(5), out["lat"].round(5)
    return out[LABEL_COLUMNS].reset_index(drop=True)


@functools.lru_cache(maxsize=2)
def _labels(fingerprint: str) -> pd.DataFrame:
    """The label table of one data version, read from ``derived/labels/`` or thinned and kept there.

    Thinning takes seconds with every station, so ``make assets`` thins once and every process reads the
    table instead.
    """
    return derived(derived_dir() / "labels" / f"{fingerprint}-{LABELS_FORMAT}.pkl", _thinned)


def thinned_labels() -> pd.DataFrame:
    """The thinned label table: ``LABEL_COLUMNS`` (EPSG:4326 lon/lat), best first."""
    return _labels(data_fingerprint()).copy()
