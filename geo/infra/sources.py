"""Where each layer's data come from, which area they cover and how completely.

Sources are the committed data and the user cache (OSM fetches, OSM files, imported layer files).

A layer whose sources do not cover a region has status ``no_data`` — never an empty "nothing there".
Each source is ``complete`` or ``partial`` inside its coverage (``data/layers/manifest.json``,
``scripts/layer_sources.py``); outside every coverage a layer is ``none``. ``layer_coverage`` gives the
areas as geometries (for gap checks), ``layer_status`` the word for a region (for the table, the CLI).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.config import LAYERS_DIR
from geo.domain import JAPAN_BBOX
from geo.infra.load import load_layer
from geo.infra.osm import cache as osm_cache
from geo.infra.registry import LAYERS, NO_DATA_MESSAGE, check_layer_ids
from geo.io.files import read_json_cached
from geo.regions import RegionLike, as_region

Completeness = Literal["complete", "partial", "none"]
COMPLETENESS: tuple[Completeness, ...] = ("complete", "partial", "none")
#: Words for the sidebar, the layer table and the CLI (ja, en).
COMPLETENESS_WORDS: dict[str, tuple[str, str]] = {
    "complete": ("完全", "complete"),
    "partial": ("一部のみ", "partial"),
    "none": ("データなし", "none"),
}
#: Share of a region that complete sources must cover for it to count as complete, measured with the
#: coverage grown by the tolerance cached region outlines are simplified with (``osm.cache``).
_COMPLETE_SHARE = 0.99
_OUTLINE_TOLERANCE_DEG = 0.01


@dataclass(frozen=True)
class LayerCoverage:
    """Where a layer's data are complete, and where they are only partial (EPSG:4326; disjoint)."""

    complete: BaseGeometry
    partial: BaseGeometry

    @property
    def covered(self) -> BaseGeometry:
        """Everywhere the layer has any data."""
        return shapely.union(self.complete, self.partial)

    @classmethod
    def of(cls, coverage: BaseGeometry | LayerCoverage) -> LayerCoverage:
        """A coverage given as a bare geometry counts as complete (tests, benchmarks)."""
        return coverage if isinstance(coverage, LayerCoverage) else cls(coverage, shapely.Polygon())


def _committed_manifest() -> dict[str, Any]:
    """``data/layers/manifest.json`` (empty layers when it has not been built)."""
    return read_json_cached(LAYERS_DIR / "manifest.json") or {"layers": {}}


def _coverage_geometry(coverage: object) -> BaseGeometry:
    """Geometry of a manifest coverage: ``"japan"`` or a list of named boxes."""
    if coverage == "japan":
        return shapely.box(*JAPAN_BBOX)
    boxes = coverage if isinstance(coverage, list) else []
    return shapely.union_all([shapely.box(*b["bbox"]) for b in boxes])


def _area_names(coverage: object) -> list[tuple[str, str]]:
    """(ja, en) names of a coverage's boxes; nothing for nation-wide coverage."""
    boxes = coverage if isinstance(coverage, list) else []
    return [(b.get("name_ja", b["name"]), b.get("name_en", b["name"])) for b in boxes]


def _committed_source(src: dict[str, Any]) -> dict[str, Any]:
    cover = _coverage_geometry(src.get("coverage"))
    if src.get("completeness", "complete") != "complete":
        complete, partial = shapely.Polygon(), cover
    else:
        partial = shapely.intersection(_coverage_geometry(src.get("partial_coverage", [])), cover)
        complete = shapely.difference(cover, partial)
    return {**src, "geometry": cover, "complete": complete, "partial": partial, "areas": _area_names(src["coverage"])}


def _cache_source(entry: osm_cache.CacheEntry, stem: str) -> dict[str, Any]:
    cover = osm_cache.coverage_geometry(entry)
    is_complete = entry.get("completeness", "complete") == "complete"
    name = entry.get("region_name") or entry.get("region_id") or ""
    return {
        **entry,
        "id": stem,
        "name": entry.get("source", "OpenStreetMap"),
        "geometry": cover,
        "complete": cover if is_complete else shapely.Polygon(),
        "partial": shapely.Polygon() if is_complete else cover,
        "areas": [(name, entry.get("region_id") or name)] if name else [],
    }


def _sources(layer_id: str) -> list[dict[str, Any]]:
    """All sources of a layer (committed first, then cache entries) with their coverage geometries."""
    out = [_committed_source(s) for s in _committed_manifest()["layers"].get(layer_id, {}).get("sources", [])]
    out.extend(_cache_source(entry, path.stem) for entry, path in osm_cache.entries_for(layer_id))
    return out


def coverage_geometry(layer_id: str) -> BaseGeometry:
    """Union (EPSG:4326) of the areas a layer's sources cover, committed and cached; empty when none.

    Outside it, "no feature" means "not known", never "nothing there".
    """
    return layer_coverage(layer_id).covered


def layer_coverage(layer_id: str) -> LayerCoverage:
    """Where the layer is complete and where only partial (partial excludes the complete area)."""
    check_layer_ids([layer_id])
    sources = _sources(layer_id)
    complete = shapely.union_all([s["complete"] for s in sources])
    partial = shapely.difference(shapely.union_all([s["partial"] for s in sources]), complete)
    return LayerCoverage(complete, partial)


def _join(values: Iterable[str], sep: str = " + ") -> str:
    return sep.join(dict.fromkeys(v for v in values if v))


def region_overlap(part: BaseGeometry, region: BaseGeometry) -> np.ndarray:
    """The pieces of the region inside ``part`` (per polygon of the region it reaches: whole or clipped).

    A polygon of the region that ``part`` covers is kept whole, one it crosses is intersected with it:
    the same area as ``intersection(part, region)`` without overlaying the whole region (Japan is
    thousands of islands; a coverage box covers most of them whole).
    """
    polygons = shapely.get_parts(region)
    shapely.prepare(part)
    hit = polygons[shapely.intersects(part, polygons)]
    whole = shapely.covers(part, hit)
    pieces = hit.copy()
    pieces[~whole] = shapely.intersection(part, hit[~whole])
    return pieces


def _share(part: BaseGeometry, region: BaseGeometry) -> float:
    """Share (0–1) of the region's area (in degrees², good enough for a ratio) inside ``part``."""
    if region.area == 0:
        return 0.0
    return min(float(shapely.area(region_overlap(part, region)).sum()) / region.area, 1.0)


def _coverage_share(coverages: list[BaseGeometry], region: BaseGeometry | None) -> float | None:
    """Share (0–1) of the region covered by the sources (None without a region), rounded to 0.001."""
    if region is None or region.area == 0:
        return None
    return round(_share(shapely.union_all(coverages), region), 3) if coverages else 0.0


def _region_completeness(sources: list[dict[str, Any]], region: BaseGeometry) -> dict[str, str]:
    """``completeness`` (complete/partial/none) of a layer in a region, with a phrase in ja and en.

    ``complete`` needs complete sources over (nearly) the whole region; the phrase then names their
    vintage (「2023年時点」). ``partial`` names what is partial (「主要駅47のみ」) and, when part of the
    region has no data at all, the areas that have it (「九州・道央のみ」).
    """
    here = [s for s in sources if s["geometry"].intersects(region)]
    if not here:
        return {"completeness": "none", "completeness_ja": "データなし", "completeness_en": "no data"}
    complete = shapely.union_all([s["complete"] for s in here])
    if _share(shapely.buffer(complete, _OUTLINE_TOLERANCE_DEG), region) >= _COMPLETE_SHARE:
        done = [s for s in here if s["complete"].intersects(region)]
        return {
            "completeness": "complete",
            "completeness_ja": _join((s.get("completeness_ja", "") for s in done), "・"),
            "completeness_en": _join((s.get("completeness_en", "") for s in done), "; "),
        }
    ja, en = [], []
    for s in here:
        pieces = region_overlap(s["partial"], region)
        if len(pieces) and not shapely.covers(complete, pieces).all():
            ja.append(s.get("completeness_ja", ""))
            en.append(s.get("completeness_en", ""))
        for box in s.get("partial_coverage", []):
            if shapely.box(*box["bbox"]).intersects(region):
                ja.append(box.get("completeness_ja", ""))
                en.append(box.get("completeness_en", ""))
    if _share(shapely.union_all([s["geometry"] for s in here]), region) < _COMPLETE_SHARE:
        areas = [a for s in here for a in s["areas"]]
        if areas:
            ja.append(_join((a[0] for a in areas), "・") + "のみ")
            en.append(_join((a[1] for a in areas), ", ") + " only")
    return {"completeness": "partial", "completeness_ja": _join(ja, "・"), "completeness_en": _join(en, "; ")}


def layer_status(region: RegionLike | None = None) -> list[dict[str, object]]:
    """Per layer: id, names, count, sources, licence, date, credit, status, coverage, completeness, note.

    ``status`` is ``loaded`` when any source's coverage intersects the region, else ``no_data`` (with the
    bilingual ``message``/``message_en`` asking to fetch from OSM or import a file). ``coverage`` is the
    share of the region covered by the sources (None without a region). ``completeness`` is
    ``complete``/``partial``/``none`` for the region (all of Japan when no region is given).
    """
    reg = None if region is None else as_region(region)
    geom = None if reg is None else reg.geometry
    whole = geom if geom is not None else as_region("japan").geometry
    out: list[dict[str, object]] = []
    for spec in LAYERS.values():
        every = _sources(spec.id)
        sources = [s for s in every if geom is None or s["geometry"].intersects(geom)]
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
            **_region_completeness(every, whole),
            "note": _join(s.get("note", "") for s in sources)
            or _committed_manifest()["layers"].get(spec.id, {}).get("note", ""),
        }
        if not loaded:
            row["message"], row["message_en"] = NO_DATA_MESSAGE["ja"], NO_DATA_MESSAGE["en"]
        out.append(row)
    return out


def completeness_words(row: dict[str, object], lang: str = "ja") -> str:
    """「一部のみ（主要駅47のみ）」 / "partial (47 major stations only)" for a ``layer_status`` row."""
    word = COMPLETENESS_WORDS.get(str(row.get("completeness", "none")), COMPLETENESS_WORDS["none"])
    phrase = str(row.get("completeness_en" if lang == "en" else "completeness_ja", "") or "")
    head = word[1] if lang == "en" else word[0]
    if not phrase or phrase == head:
        return head
    return f"{head} ({phrase})" if lang == "en" else f"{head}（{phrase}）"


def credits_for(layer_ids: str | Iterable[str] | None) -> list[str]:
    """Distinct credit lines (committed sources and user cache) of the given layers, in order."""
    lines: list[str] = []
    for layer_id in check_layer_ids(layer_ids):
        lines.extend(s.get("credit", "") for s in _sources(layer_id))
    return list(dict.fromkeys(c for c in lines if c))
