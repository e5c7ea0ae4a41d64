"""Where each layer's data comes from and which area it covers: committed sources and the user's OSM cache.

A layer whose sources do not cover a region has status ``no_data`` — never an empty "nothing there".
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from geo.config import LAYERS_DIR
from geo.domain import JAPAN_BBOX
from geo.infra.load import load_layer
from geo.infra.osm import cache as osm_cache
from geo.infra.registry import LAYERS, NO_DATA_MESSAGE, check_layer_ids
from geo.io.files import read_json_cached
from geo.regions import RegionLike, as_region


def _committed_manifest() -> dict[str, Any]:
    """``data/layers/manifest.json`` (empty layers when it has not been built)."""
    return read_json_cached(LAYERS_DIR / "manifest.json") or {"layers": {}}


def _coverage_geometry(coverage: object) -> BaseGeometry:
    """Geometry of a manifest coverage: ``"japan"`` or a list of named boxes."""
    if coverage == "japan":
        return shapely.box(*JAPAN_BBOX)
    boxes = coverage if isinstance(coverage, list) else []
    return shapely.union_all([shapely.box(*b["bbox"]) for b in boxes])


def _sources(layer_id: str) -> list[dict[str, Any]]:
    """All sources of a layer (committed first, then cache entries) with a ``geometry`` coverage."""
    out = []
    for src in _committed_manifest()["layers"].get(layer_id, {}).get("sources", []):
        out.append({**src, "geometry": _coverage_geometry(src.get("coverage"))})
    for entry, path in osm_cache.entries_for(layer_id):
        out.append(
            {
                **entry,
                "id": path.stem,
                "name": entry.get("source", "OpenStreetMap"),
                "geometry": osm_cache.coverage_geometry(entry),
            }
        )
    return out


def coverage_geometry(layer_id: str) -> BaseGeometry:
    """Union (EPSG:4326) of the areas a layer's sources cover, committed and cached; empty when none.

    Outside it, "no feature" means "not known", never "nothing there".
    """
    check_layer_ids([layer_id])
    return shapely.union_all([s["geometry"] for s in _sources(layer_id)])


def _join(values: Iterable[str]) -> str:
    return " + ".join(dict.fromkeys(v for v in values if v))


def _coverage_share(coverages: list[BaseGeometry], region: BaseGeometry | None) -> float | None:
    """Share (0–1) of the region's area (in degrees², good enough for a ratio) covered by the sources."""
    if region is None or region.area == 0:
        return None
    if not coverages:
        return 0.0
    covered = shapely.intersection(shapely.union_all(coverages), region).area
    return round(min(covered / region.area, 1.0), 3)


def layer_status(region: RegionLike | None = None) -> list[dict[str, object]]:
    """Per layer: id, names, count in region, sources, licence, date, credit, status, coverage, note.

    ``status`` is ``loaded`` when any source's coverage intersects the region, else ``no_data`` (with the
    bilingual ``message``/``message_en`` asking to fetch from OSM or import a file). ``coverage`` is the
    share of the region covered by the sources (None without a region): ``loaded`` with coverage 0.3
    means only part of the region has data.
    """
    reg = None if region is None else as_region(region)
    geom = None if reg is None else reg.geometry
    out: list[dict[str, object]] = []
    for spec in LAYERS.values():
        sources = [s for s in _sources(spec.id) if geom is None or s["geometry"].intersects(geom)]
        loaded = bool(sources)
        row: dict[str, object] = {
            "id": spec.id,
            "name_ja": spec.name_ja,
            "name_en": spec.name_en,
            "count": int(len(load_layer(spec.id, reg))) if loaded else 0,
            "source": _join(s.get("name", "") for s in sources),
            "licence": _join(s.get("licence", "") for s in sources),
            "date": _join(str(s.get("date", "")) for s in sources),
            "credit": _join(s.get("credit", "") for s in sources),
            "status": "loaded" if loaded else "no_data",
            "coverage": _coverage_share([s["geometry"] for s in sources], geom),
            "note": _join(s.get("note", "") for s in sources)
            or _committed_manifest()["layers"].get(spec.id, {}).get("note", ""),
        }
        if not loaded:
            row["message"], row["message_en"] = NO_DATA_MESSAGE["ja"], NO_DATA_MESSAGE["en"]
        out.append(row)
    return out


def credits_for(layer_ids: str | Iterable[str] | None) -> list[str]:
    """Distinct credit lines (committed sources and user OSM cache) of the given layers, in order."""
    lines: list[str] = []
    for layer_id in check_layer_ids(layer_ids):
        lines.extend(s.get("credit", "") for s in _sources(layer_id))
    return list(dict.fromkeys(c for c in lines if c))
