"""Where each layer's data come from, which area they cover and how completely.

Sources are the committed data and the user cache (OSM fetches, OSM files, imported layer files).

A layer whose sources do not cover a region has status ``no_data`` — never an empty "nothing there".
How complete the committed data are is **measured** by the build against a reference, per prefecture
(``data/layers/manifest.json``, ``geo.infra.completeness``): a prefecture is complete where the measured
share reaches 98 %. A cached OSM fetch is complete for its region; an imported file is partial unless
the editor said it holds the whole layer for an area. Outside every coverage a layer is ``none``.
``layer_coverage`` gives the areas as geometries (for gap checks), ``layer_status`` a ``LayerStatus``
per layer for a region (codes and numbers; ``i18n.completeness`` words them).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any, Literal

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

from geo.config import LAYERS_DIR, derived_dir
from geo.domain import JAPAN_BBOX
from geo.infra.completeness import (
    Completeness,
    CompletenessMeasure,
    Measurement,
    Note,
    measure_note,
    summarise,
)
from geo.infra.load import data_fingerprint, load_layer
from geo.infra.osm import cache as osm_cache
from geo.infra.registry import LAYERS, check_layer_ids
from geo.io.files import derived, file_stamp, read_json_cached
from geo.io.records import Record
from geo.regions import RegionLike, as_region, prefectures

LayerState = Literal["loaded", "no_data"]
#: Share of a region that complete areas must cover for it to count as complete, measured with the
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


@dataclass(frozen=True)
class LayerStatus:
    """One layer in one region: what is there, where it comes from and how complete it is.

    ``status`` is ``loaded`` when any source covers part of the region, else ``no_data``. ``coverage``
    is the share of the region the sources cover (None without a region). ``completeness`` is
    ``complete`` / ``partial`` / ``none`` for the region; ``measure`` the build's measurement summed
    over the region's prefectures (None for a layer with no committed data); ``notes`` what to say
    about it, as codes with parameters (``i18n.completeness.completeness_text`` words them).
    """

    id: str
    name_ja: str
    name_en: str
    count: int
    source: str
    licence: str
    date: str
    credit: str
    status: LayerState
    coverage: float | None
    completeness: Completeness
    measure: CompletenessMeasure | None
    notes: tuple[Note, ...]
    note: str

    @property
    def loaded(self) -> bool:
        """Whether any source covers part of the region."""
        return self.status == "loaded"

    def as_json(self) -> Record:
        """Machine-readable form (``layers --json``): the fields, ``completeness_measure`` and the note codes."""
        return {
            "id": self.id,
            "name_ja": self.name_ja,
            "name_en": self.name_en,
            "count": self.count,
            "source": self.source,
            "licence": self.licence,
            "date": self.date,
            "credit": self.credit,
            "status": self.status,
            "coverage": self.coverage,
            "completeness": self.completeness,
            "completeness_measure": None if self.measure is None else self.measure.as_json(),
            "completeness_notes": [n.as_json() for n in self.notes],
            "note": self.note,
        }


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


def measurement(layer_id: str) -> Measurement | None:
    """The build's completeness measurement of a layer's committed data (None: not measured)."""
    data = _committed_manifest()["layers"].get(layer_id, {}).get("completeness")
    return Measurement.from_json(data) if data else None


def _committed_source(src: dict[str, Any]) -> dict[str, Any]:
    return {**src, "geometry": _coverage_geometry(src.get("coverage")), "areas": _area_names(src.get("coverage"))}


def _file_note(entry: osm_cache.CacheEntry) -> Note:
    """What a partial cache entry is: an imported file (by its name) or a partial OSM extract."""
    return Note("imported_file", {"file": entry.get("file_name") or entry.get("source") or ""})


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
        "file_note": None if is_complete else _file_note(entry),
        "cached": True,
    }


def _committed_sources(layer_id: str) -> list[dict[str, Any]]:
    return [_committed_source(s) for s in _committed_manifest()["layers"].get(layer_id, {}).get("sources", [])]


def _sources(layer_id: str) -> list[dict[str, Any]]:
    """All sources of a layer (committed first, then cache entries) with their coverage geometries."""
    out = _committed_sources(layer_id)
    out.extend(_cache_source(entry, path.stem) for entry, path in osm_cache.entries_for(layer_id))
    return out


@functools.lru_cache(maxsize=64)
def _pref_union(codes: tuple[str, ...], grow_deg: float) -> BaseGeometry:
    """Union of some prefectures (EPSG:4326), grown by ``grow_deg`` into the sea; memoised."""
    prefs = prefectures()
    geoms = prefs.loc[prefs["code"].isin(codes)].geometry.to_numpy()
    if not len(geoms):
        return shapely.Polygon()
    union = shapely.union_all(shapely.simplify(geoms, _OUTLINE_TOLERANCE_DEG))
    return shapely.buffer(union, grow_deg) if grow_deg else union


@functools.lru_cache(maxsize=32)
def _committed_coverage(layer_id: str, stamp: object) -> LayerCoverage:
    """Where the committed data are complete by the build's measurement, and where only partial.

    Partial: the prefectures measured partial (grown a little, so a feature just off their simplified
    outline stays with them), inside the sources' coverage; complete: the rest of the coverage, the sea
    included (a disc over the sea next to a complete prefecture can still show a real gap).
    """
    cover = shapely.union_all([s["geometry"] for s in _committed_sources(layer_id)])
    m = measurement(layer_id)
    if m is None or cover.is_empty or m.method == "dated" or m.reference_subset:
        return LayerCoverage(shapely.Polygon(), cover)
    partial = shapely.intersection(_pref_union(tuple(m.partial_prefs()), _OUTLINE_TOLERANCE_DEG), cover)
    return LayerCoverage(shapely.difference(cover, partial), partial)


def coverage_geometry(layer_id: str) -> BaseGeometry:
    """Union (EPSG:4326) of the areas a layer's sources cover, committed and cached; empty when none.

    Outside it, "no feature" means "not known", never "nothing there".
    """
    return layer_coverage(layer_id).covered


def layer_coverage(layer_id: str) -> LayerCoverage:
    """Where the layer is complete and where only partial (partial excludes the complete area)."""
    check_layer_ids([layer_id])
    committed = _committed_coverage(layer_id, file_stamp(LAYERS_DIR / "manifest.json"))
    cached = [_cache_source(entry, path.stem) for entry, path in osm_cache.entries_for(layer_id)]
    complete = shapely.union_all([committed.complete, *(s["complete"] for s in cached)])
    partial = shapely.difference(shapely.union_all([committed.partial, *(s["partial"] for s in cached)]), complete)
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


def _region_completeness(
    layer_id: str, sources: list[dict[str, Any]], region: BaseGeometry, pref_codes: tuple[str, ...]
) -> tuple[Completeness, tuple[Note, ...]]:
    """``complete``/``partial``/``none`` of a layer in a region, and the notes that say why.

    Complete where the build measured the committed data complete over the region's prefectures and
    they cover (nearly) all of it, or where complete sources (an OSM fetch) cover it. Notes: the
    measurement in the region, the areas that have data when part of the region has none, and the
    partial files imported there.
    """
    here = [s for s in sources if s["geometry"].intersects(region)]
    if not here:
        return "none", (Note("no_data"),)
    m = measurement(layer_id)
    committed = [s for s in here if not s.get("cached")]
    cached = [s for s in here if s.get("cached")]
    notes: list[Note] = []
    if m is not None and committed:
        if m.method == "register":
            notes.append(Note("register", {"reference": m.reference}))
        notes.append(measure_note(m, pref_codes))
    covers_all = _share(shapely.union_all([s["geometry"] for s in here]), region) >= _COMPLETE_SHARE
    level: Completeness = "partial"
    committed_here = _share(shapely.union_all([s["geometry"] for s in committed]), region) if committed else 0.0
    if m is not None and m.level(pref_codes) == "complete" and committed_here >= _COMPLETE_SHARE:
        level = "complete"
    elif cached:
        complete = layer_coverage(layer_id).complete
        if _share(shapely.buffer(complete, _OUTLINE_TOLERANCE_DEG), region) >= _COMPLETE_SHARE:
            level = "complete"
    if not covers_all:
        areas = [a for s in here for a in s["areas"]]
        if areas:
            notes.append(Note("areas_only", {"areas": list(dict.fromkeys(areas))}))
    notes.extend(s["file_note"] for s in cached if s.get("file_note") is not None)
    return level, tuple(notes)


def layer_status(region: RegionLike | None = None) -> list[LayerStatus]:
    """A ``LayerStatus`` per layer for ``region`` (None: all data, completeness over all of Japan).

    ``status`` is ``loaded`` when any source's coverage intersects the region, else ``no_data``.
    ``coverage`` is the share of the region covered by the sources (None without a region).
    """
    reg = None if region is None else as_region(region)
    geom = None if reg is None else reg.geometry
    whole = as_region("japan") if reg is None else reg
    out: list[LayerStatus] = []
    for spec in LAYERS.values():
        every = _sources(spec.id)
        sources = [s for s in every if geom is None or s["geometry"].intersects(geom)]
        loaded = bool(sources)
        level, notes = _region_completeness(spec.id, every, whole.geometry, whole.pref_codes)
        m = measurement(spec.id)
        out.append(
            LayerStatus(
                id=spec.id,
                name_ja=spec.name_ja,
                name_en=spec.name_en,
                count=int(len(load_layer(spec.id, reg))) if loaded else 0,
                source=_join(s.get("name", "") for s in sources),
                licence=_join(s.get("licence", "") for s in sources),
                date=_join(str(s.get("date", "")) for s in sources),
                credit=_join(s.get("credit", "") for s in sources),
                status="loaded" if loaded else "no_data",
                coverage=_coverage_share([s["geometry"] for s in sources], geom),
                completeness=level,
                measure=None if m is None or not loaded else summarise(m, whole.pref_codes),
                notes=notes,
                note=_join(s.get("note", "") for s in sources)
                or _committed_manifest()["layers"].get(spec.id, {}).get("note", ""),
            )
        )
    return out


def region_layer_status(region_id: str) -> list[LayerStatus]:
    """:func:`layer_status` of a region by id, kept per data version under ``derived/`` (``make assets`` writes 全国's).

    Counting every layer reads it whole; a new server reads the counts instead of doing that on its first run.
    """
    shape = ",".join(f.name for f in fields(LayerStatus))  # a changed record is computed again
    key = hashlib.sha1(f"{region_id}|{data_fingerprint()}|{shape}".encode(), usedforsecurity=False).hexdigest()[:20]
    return derived(derived_dir() / "layer_status" / f"{key}.pkl", lambda: layer_status(region_id))


def credits_for(layer_ids: str | Iterable[str] | None) -> list[str]:
    """Distinct credit lines (committed sources and user cache) of the given layers, in order."""
    lines: list[str] = []
    for layer_id in check_layer_ids(layer_ids):
        lines.extend(s.get("credit", "") for s in _sources(layer_id))
    return list(dict.fromkeys(c for c in lines if c))
