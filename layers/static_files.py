"""Large, filter-independent layers written once as static GeoJSON files for the live app.

The browser fetches each file once and caches it (the name carries a content hash), so a Streamlit
re-run after a filter change only re-sends the small site layer. Each layer is written twice: a
detailed file and a generalised sibling (``….z0.json``: lines merged per route/name, coarser
simplification and rounding) that the map draws below :data:`DETAIL_MIN_ZOOM`; see :func:`levels_for`.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import infra, regions
from geo.crs import web_mercator_px
from geo.industry import data as industry_data
from geo.labour.data import unit_polygons
from i18n import Lang, named
from layers.assets import STATIC_ROOT, STATIC_URL
from layers.canvas.packing import pack
from layers.geojson_layer import to_geojson
from layers.markup import escaped_props
from layers.offline_basemap import EMPTY_COLLECTION, municipality_collection
from layers.popups import layer_tooltips

LAYER_SUBDIR = "layers"
#: Simplification for display, in degrees (~50 m at Japan's latitudes): invisible at region zooms.
SIMPLIFY_DEG = {"line": 0.0005, "polygon": 0.0005, "mixed": 0.0005, "point": 0.0}
BOUNDARY_SIMPLIFY_DEG = 0.002
#: Zoom from which the detailed file replaces the generalised one (the national view is z5, a block z6–7).
DETAIL_MIN_ZOOM = 7
#: Generalised level: about a pixel at zoom 6 (0.01° ≈ 1 km), coordinates to 3 decimals (~100 m).
COARSE_SIMPLIFY_DEG = 0.01
COARSE_DECIMALS = 3
COARSE_SUFFIX = ".z0.json"
#: Bumped when the set of published files changes (an older index lacks the new files).
INDEX_VERSION = 4
#: Points of a layer in the generalised file (below DETAIL_MIN_ZOOM): at most one point per POINT_CELL_PX square at
#: the national zoom POINT_ZOOM — 2,303 IC squares over Japan were a dark mass; from DETAIL_MIN_ZOOM all show.
POINT_ZOOM = 5
POINT_CELL_PX = 12.0


def _write(collection: dict[str, Any], stem: str, static_root: Path, coarse: dict[str, Any] | None = None) -> str:
    """Write a FeatureCollection under a content-hashed name (and its generalised sibling); returns its URL."""
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    folder = static_root / LAYER_SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}-{digest}.json"
    files = [(path, text)]
    if coarse is not None:
        files.insert(
            0,
            (path.with_name(path.stem + COARSE_SUFFIX), json.dumps(coarse, ensure_ascii=False, separators=(",", ":"))),
        )
    for target, body in files:  # the detailed file last: its presence means both are complete
        if not target.exists() or (target.name.endswith(COARSE_SUFFIX) and target.read_text("utf-8") != body):
            tmp = target.with_suffix(".tmp")
            tmp.write_text(body, encoding="utf-8")
            tmp.replace(target)
    return f"{STATIC_URL}/{LAYER_SUBDIR}/{path.name}"


def levels_for(url: str, static_root: Path = STATIC_ROOT) -> list[tuple[float, str]]:
    """Zoom levels of a published file: ``[(0, generalised), (DETAIL_MIN_ZOOM, url)]``, or ``[(0, url)]``."""
    prefix = f"{STATIC_URL}/{LAYER_SUBDIR}/"
    if url.startswith(prefix) and url.endswith(".json") and not url.endswith(COARSE_SUFFIX):
        name = url.removeprefix(prefix).removesuffix(".json") + COARSE_SUFFIX
        if (static_root / LAYER_SUBDIR / name).is_file():
            return [(0.0, prefix + name), (float(DETAIL_MIN_ZOOM), url)]
    return [(0.0, url)]


def merge_lines(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """Lines merged per route (``road_name``, else ``name``) and ``subtype``: one feature per group.

    Used for low-zoom files: thousands of short links become a few hundred routes.
    """
    keys = [k for k in ("road_name" if "road_name" in gdf else "name", "subtype") if k in gdf]
    if not keys or gdf.empty:
        return gdf
    frame = gdf[[*keys, "geometry"]].copy()
    for k in keys:
        frame[k] = frame[k].fillna("").astype(str)
    merged = frame.dissolve(by=keys, as_index=False, sort=True)
    merged["geometry"] = shapely.line_merge(merged.geometry.values)
    return merged.rename(columns={keys[0]: "name"}) if keys[0] != "name" else merged


def thinned_points(gdf: gpd.GeoDataFrame, zoom: float = POINT_ZOOM, cell_px: float = POINT_CELL_PX) -> gpd.GeoDataFrame:
    """The first point (in the layer's order) of each ``cell_px`` square at ``zoom``: a layer thinned by zoom.

    Points are placed as the map places them (``geo.crs.web_mercator_px``); other geometries pass as they are.
    """
    points = gdf.geom_type == "Point"
    if not points.any():
        return gdf
    geoms = gdf.geometry.values
    x, y = web_mercator_px(np.nan_to_num(shapely.get_x(geoms)), np.nan_to_num(shapely.get_y(geoms)), zoom)
    cells = pd.Series(list(zip(np.floor(x / cell_px), np.floor(y / cell_px), strict=True)), index=gdf.index)
    return gdf[~points | ~(cells.where(points).duplicated() & points)]


def generalised(
    gdf: gpd.GeoDataFrame, kind: str, layer_name: str, *, simplify_deg: float, decimals: int
) -> dict[str, Any]:
    """A low-zoom FeatureCollection of one layer: lines merged per route, simplified, rounded; points thinned."""
    if kind == "line" and gdf.geom_type.isin(["LineString", "MultiLineString"]).all():
        gdf = merge_lines(gdf)
    if kind in ("point", "mixed"):
        gdf = thinned_points(gdf)
    return to_geojson(
        gdf,
        {"_tip": layer_tooltips(gdf, layer_name)},
        decimals=decimals,
        simplify_deg=simplify_deg if kind != "point" else 0.0,
    )


def publish_layer(layer_id: str, lang: Lang = "ja", static_root: Path = STATIC_ROOT) -> str | None:
    """Write one infrastructure layer (all loaded data) as a static file; None when it has no data."""
    spec = infra.LAYERS[layer_id]
    gdf = infra.load_layer(layer_id)
    if gdf.empty:
        return None
    name = named(spec, lang)
    collection = to_geojson(gdf, {"_tip": layer_tooltips(gdf, name)}, simplify_deg=SIMPLIFY_DEG.get(spec.kind, 0.0))
    coarse = generalised(gdf, spec.kind, name, simplify_deg=COARSE_SIMPLIFY_DEG, decimals=COARSE_DECIMALS)
    return _write(collection, f"{layer_id}-{lang}", static_root, coarse)


def publish_boundaries(lang: Lang = "ja", static_root: Path = STATIC_ROOT) -> dict[str, str]:
    """Boundaries as static files: prefectures, blocks, municipalities, empty, units and industry_units.

    ``units`` and ``industry_units`` are the polygons the labour and industry choropleths join values to.
    """
    prefs = regions.prefectures()
    blocks = regions.blocks()
    pref_names, block_names = named(prefs, lang), named(blocks, lang)
    pref_props = {"_tip": escaped_props(pref_names), "code": list(prefs["code"])}
    block_props = {"_tip": escaped_props(block_names), "block": list(blocks["block"])}
    urls = {}
    for key, gdf, props in (("prefectures", prefs, pref_props), ("blocks", blocks, block_props)):
        detail = to_geojson(gdf, props, decimals=4, simplify_deg=BOUNDARY_SIMPLIFY_DEG)
        coarse = to_geojson(gdf, props, decimals=COARSE_DECIMALS, simplify_deg=COARSE_SIMPLIFY_DEG)
        urls[key] = _write(detail, f"{key}-{lang}", static_root, coarse)
    # the offline base map: municipal outlines from zoom 9 (an empty file below it)
    urls["municipalities"] = _write(municipality_collection(), f"municipalities-{lang}", static_root)
    urls["empty"] = _write(EMPTY_COLLECTION, "empty", static_root)
    urls["units"] = publish_units(static_root)
    urls["industry_units"] = publish_units(static_root, industry_data.unit_polygons(), "industry-units")
    return urls


#: Unit polygons for the labour and industry choropleths: (simplification in degrees, packing grid zoom) of the
#: generalised file (below ``DETAIL_MIN_ZOOM``) and of the detailed one.
UNIT_LEVELS = {"coarse": (0.01, 9), "detail": (0.002, 12)}


def publish_units(
    static_root: Path = STATIC_ROOT, polygons: gpd.GeoDataFrame | None = None, stem: str = "units"
) -> str:
    """Unit polygons (``code`` only) packed for the canvas: the census units by default.

    ``polygons`` are other units (the industry page's: ``geo.industry.data.unit_polygons``) written as
    ``stem``. The labour and industry pages join their values to them by ``code`` in the browser
    (``cmMap.geojson`` ``o.join``), so a re-run sends the values of the units in view, never the polygons again.
    """
    polys = unit_polygons() if polygons is None else polygons
    props = {"code": list(polys["code"].astype(str))}
    coarse_deg, coarse_zoom = UNIT_LEVELS["coarse"]
    detail_deg, detail_zoom = UNIT_LEVELS["detail"]
    detail = pack(to_geojson(polys, props, decimals=5, simplify_deg=detail_deg), detail_zoom)
    coarse = pack(to_geojson(polys, props, decimals=4, simplify_deg=coarse_deg), coarse_zoom)
    return _write(detail, stem, static_root, coarse)


def publish_all(lang: Lang, fingerprint: str, static_root: Path = STATIC_ROOT) -> dict[str, str | None]:
    """Boundaries and every layer as static files, with an on-disk index per data ``fingerprint``.

    A warm start (index present, files present) reads one small JSON file instead of regenerating
    every layer, so the first page view of a (re)started app does not keep the server busy.
    """
    index = static_root / LAYER_SUBDIR / f"index-{lang}-{fingerprint}-{INDEX_VERSION}.json"
    if index.exists():
        urls: dict[str, str | None] = json.loads(index.read_text(encoding="utf-8"))
        files = [static_root / u.removeprefix(f"{STATIC_URL}/") for u in urls.values() if u]
        if all(f.exists() for f in files):
            return urls
    urls = dict(publish_boundaries(lang, static_root))
    for layer_id in infra.LAYERS:
        urls[layer_id] = publish_layer(layer_id, lang, static_root)
    tmp = index.with_suffix(".tmp")
    tmp.write_text(json.dumps(urls, ensure_ascii=False), encoding="utf-8")
    tmp.replace(index)
    return urls


if __name__ == "__main__":  # `python -m layers.static_files` at setup: warm the app's first start
    from geo.place_labels import thinned_labels
    from geo.regions import resolve_region, view_bounds
    from layers.assets import install_static

    install_static()
    for code in ("ja", "en"):
        print(f"{code}: {len(publish_all(code, infra.data_fingerprint()))} static layer files ready")
    # what a first page view derives from the data, kept under derived/: layer counts of 全国, place labels
    print(f"{len(infra.region_layer_status('japan'))} layer counts, {len(thinned_labels()):,} place labels ready")
    print(f"全国 view box {view_bounds(resolve_region('japan'))} (the nine blocks dissolved)")
