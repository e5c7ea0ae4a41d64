"""Large, filter-independent layers written once as static GeoJSON files for the live app.

The browser fetches each file once and caches it (the name carries a content hash), so a Streamlit
re-run after a filter change only re-sends the small site layer.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import geopandas as gpd

from geo import infra, regions
from layers.assets import STATIC_ROOT, STATIC_URL
from layers.geojson_layer import escaped_props, to_geojson

LAYER_SUBDIR = "layers"
#: Simplification for display, in degrees (~50 m at Japan's latitudes): invisible at region zooms.
SIMPLIFY_DEG = {"line": 0.0005, "polygon": 0.0005, "mixed": 0.0005, "point": 0.0}
BOUNDARY_SIMPLIFY_DEG = 0.002


def _write(collection: dict[str, Any], stem: str, static_root: Path) -> str:
    """Write a FeatureCollection under a content-hashed name; returns its URL."""
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]
    folder = static_root / LAYER_SUBDIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{stem}-{digest}.json"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return f"{STATIC_URL}/{LAYER_SUBDIR}/{path.name}"


def layer_tooltips(gdf: gpd.GeoDataFrame, layer_name: str) -> list[str]:
    """Escaped tooltip per feature: the feature's name (and subtype), or the layer name."""
    names = gdf["name"] if "name" in gdf else [None] * len(gdf)
    subtypes = gdf["subtype"] if "subtype" in gdf else [None] * len(gdf)
    tips = []
    for name, sub in zip(escaped_props(names), escaped_props(subtypes), strict=True):
        label = name or html_layer(layer_name)
        tips.append(f"{label} <small>({sub})</small>" if sub else label)
    return tips


def html_layer(layer_name: str) -> str:
    """Escaped layer name."""
    return escaped_props([layer_name])[0]


def publish_layer(layer_id: str, lang: str = "ja", static_root: Path = STATIC_ROOT) -> str | None:
    """Write one infrastructure layer (all loaded data) as a static file; None when it has no data."""
    spec = infra.LAYERS[layer_id]
    gdf = infra.load_layer(layer_id)
    if gdf.empty:
        return None
    name = spec.name_en if lang == "en" else spec.name_ja
    collection = to_geojson(
        gdf, {"_tip": layer_tooltips(gdf, name)}, simplify_deg=SIMPLIFY_DEG.get(spec.kind, 0.0)
    )
    return _write(collection, f"{layer_id}-{lang}", static_root)


def publish_boundaries(lang: str = "ja", static_root: Path = STATIC_ROOT) -> dict[str, str]:
    """Prefecture and block outlines as static files: ``{"prefectures": url, "blocks": url}``."""
    prefs = regions.prefectures()
    blocks = regions.blocks()
    pref_names = prefs["name_en"] if lang == "en" else prefs["name_ja"]
    block_names = blocks["name_en"] if lang == "en" else blocks["name_ja"]
    pref_fc = to_geojson(
        prefs, {"_tip": escaped_props(pref_names), "code": list(prefs["code"])},
        decimals=4, simplify_deg=BOUNDARY_SIMPLIFY_DEG,
    )
    block_fc = to_geojson(
        blocks, {"_tip": escaped_props(block_names), "block": list(blocks["block"])},
        decimals=4, simplify_deg=BOUNDARY_SIMPLIFY_DEG,
    )
    return {
        "prefectures": _write(pref_fc, f"prefectures-{lang}", static_root),
        "blocks": _write(block_fc, f"blocks-{lang}", static_root),
    }
