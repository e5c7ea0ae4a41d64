"""Infrastructure layer registry and loaders.

Each layer combines the committed, processed data in ``data/layers`` (described by its
``manifest.json``) with the user's OSM cache (``geo.infra.osm.cache``). A layer whose sources do not cover a
region has status ``no_data`` — never an empty "nothing there".
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Literal

import geopandas as gpd
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.config import LAYERS_DIR
from geo.crs import CRS_STORE
from geo.infra.osm import cache as osm_cache

LayerKind = Literal["point", "line", "polygon", "mixed"]


@dataclass(frozen=True)
class LayerSpec:
    """One infrastructure layer: identifiers, geometry kind and the OSM tag filter used to fetch it.

    ``osm_tags`` is an osmnx/Overpass tag filter (key -> True | value | list of values, OR-combined).
    Extra AND conditions applied after fetching are stated in ``description``.
    """

    id: str
    name_ja: str
    name_en: str
    kind: LayerKind
    osm_tags: dict[str, bool | str | list[str]] = field(hash=False)
    description: str = ""


LAYERS: dict[str, LayerSpec] = {
    s.id: s
    for s in (
        LayerSpec(
            "roads",
            "高速道路・幹線道路",
            "Motorways & trunk roads",
            "line",
            {"highway": ["motorway", "trunk", "motorway_link", "trunk_link"]},
            "Motorways and trunk roads with their ramps (highway=motorway/trunk[_link]).",
        ),
        LayerSpec(
            "expressways",
            "高速道路網",
            "Expressway network",
            "line",
            {"highway": ["motorway"]},
            "Expressway sections between facilities (KSJ N06); from OSM: highway=motorway.",
        ),
        LayerSpec(
            "expressway_ic",
            "高速道路IC・JCT",
            "Expressway interchanges & junctions",
            "point",
            {"highway": ["motorway_junction"]},
            "Interchanges (ic), smart ICs (sic) and junctions (jct); SA/PA excluded.",
        ),
        LayerSpec(
            "railways",
            "鉄道",
            "Railways",
            "line",
            {"railway": ["rail", "light_rail", "narrow_gauge", "subway", "monorail"]},
            "Railway lines (railway=rail/light_rail/narrow_gauge/subway/monorail).",
        ),
        LayerSpec(
            "stations",
            "駅・貨物ターミナル",
            "Stations & freight terminals",
            "mixed",
            {"railway": ["station", "halt", "yard"]},
            "Stations and halts; railway=yard and stations tagged station=freight or usage=freight "
            "get subtype freight.",
        ),
        LayerSpec(
            "industrial_water",
            "工業用水",
            "Industrial water",
            "mixed",
            {
                "man_made": ["water_works", "pipeline", "water_intake", "pumping_station"],
                "landuse": ["reservoir"],
                "water": ["reservoir"],
            },
            "Water works, water pipelines (man_made=pipeline only with substance=water), intakes, "
            "pumping stations with substance=water, and reservoirs (landuse/water=reservoir).",
        ),
        LayerSpec(
            "substations",
            "変電所",
            "Substations",
            "mixed",
            {"power": ["substation"]},
            "Substations (power=substation); subtype from substation=* where tagged.",
        ),
        LayerSpec(
            "power_lines",
            "送電線",
            "Power lines",
            "line",
            {"power": ["line", "cable"]},
            "Transmission lines and cables (power=line/cable); subtype from voltage in kV.",
        ),
        LayerSpec(
            "power_plants",
            "発電所",
            "Power plants",
            "mixed",
            {"power": ["plant"]},
            "Power plants (power=plant); subtype from plant:source.",
        ),
        LayerSpec(
            "ports",
            "港湾",
            "Ports & harbours",
            "mixed",
            {"landuse": ["port"], "harbour": ["yes"], "industrial": ["port"]},
            "Port areas and harbours (landuse=port, industrial=port, harbour=yes).",
        ),
        LayerSpec(
            "airports",
            "空港",
            "Airports",
            "mixed",
            {"aeroway": ["aerodrome"]},
            "Aerodromes (aeroway=aerodrome); subtype from aerodrome:type / aerodrome.",
        ),
        LayerSpec(
            "industrial_land",
            "工業用地・工業団地",
            "Industrial land & estates",
            "polygon",
            {"landuse": ["industrial"]},
            "Industrial land and estates (landuse=industrial, closed ways and multipolygons).",
        ),
    )
}

#: Named demo boxes (lon/lat: west, south, east, north) used in the committed data's coverage.
BOXES: dict[str, tuple[float, float, float, float]] = {
    "kyushu": (129.4, 30.9, 132.3, 34.3),
    "doo": (140.3, 42.2, 142.5, 43.9),
}
#: Extent meant by coverage "japan".
JAPAN_BOX = (122.0, 20.0, 154.0, 46.0)
BASE_COLUMNS = ["name", "subtype", "source_id"]
NO_DATA_MESSAGE = {
    "ja": "データ未読込 — OSMから取得するかファイルを読み込んでください",
    "en": "no data loaded — fetch from OSM or import a file",
}


def check_layer_ids(layer_ids: Any) -> list[str]:
    """Validate layer ids (None means all); raises ValueError listing the valid ids."""
    if layer_ids is None:
        return list(LAYERS)
    ids = [layer_ids] if isinstance(layer_ids, str) else list(layer_ids)
    bad = [i for i in ids if i not in LAYERS]
    if bad:
        raise ValueError(f"unknown layer id(s) {', '.join(map(repr, bad))}; valid ids: {', '.join(LAYERS)}")
    return ids


def as_region(region: Any) -> Any:
    """A region object (``.id``, ``.name_ja``, ``.name_en``, ``.geometry``) from a Region, a spec or a geometry."""
    if region is None or hasattr(region, "geometry"):
        return region
    if isinstance(region, BaseGeometry):
        key = format(abs(hash(shapely.to_wkb(region))), "x")[:10]
        return SimpleNamespace(
            id=f"custom-{key}",
            kind="custom",
            name_ja="指定範囲",
            name_en="custom area",
            geometry=region,
            bounds=region.bounds,
        )
    from geo.regions.boundaries import resolve_region  # imported lazily: boundaries load on first use

    return resolve_region(region)


@functools.cache
def _committed_manifest(stamp: tuple[int, int] | None) -> dict[str, Any]:
    if stamp is None:
        return {"layers": {}}
    return json.loads((LAYERS_DIR / "manifest.json").read_text(encoding="utf-8"))


def committed_manifest() -> dict[str, Any]:
    """``data/layers/manifest.json`` (empty layers when it has not been built)."""
    return _committed_manifest(osm_cache._stamp(LAYERS_DIR / "manifest.json"))


def _coverage_geometry(coverage: Any) -> BaseGeometry:
    """Geometry of a manifest coverage: ``"japan"`` or a list of named boxes."""
    if coverage == "japan":
        return shapely.box(*JAPAN_BOX)
    return shapely.union_all([shapely.box(*b["bbox"]) for b in coverage or []])


def _sources(layer_id: str) -> list[dict[str, Any]]:
    """All sources of a layer (committed first, then cache entries) with a ``geometry`` coverage."""
    out = []
    for src in committed_manifest()["layers"].get(layer_id, {}).get("sources", []):
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


def _frames(layer_id: str) -> list[gpd.GeoDataFrame]:
    frames = []
    committed = osm_cache.read_parquet_cached(LAYERS_DIR / f"{layer_id}.parquet")
    if committed is not None:
        frames.append(committed)
    for _entry, path in osm_cache.entries_for(layer_id):
        gdf = osm_cache.read_parquet_cached(path)
        if gdf is not None and len(gdf):
            frames.append(gdf)
    return frames


def _clip(gdf: gpd.GeoDataFrame, geometry: BaseGeometry | None) -> gpd.GeoDataFrame:
    """Rows whose geometry intersects ``geometry`` (spatial-index query, original order)."""
    if geometry is None:
        return gdf.copy()
    idx = gdf.sindex.query(geometry, predicate="intersects")
    idx.sort()
    return gdf.iloc[idx].copy()


def data_fingerprint() -> str:
    """A short hash that changes whenever committed layer files or the user OSM cache change (for UI caches)."""
    root = osm_cache.osm_cache_dir()
    paths = [*sorted(LAYERS_DIR.glob("*")), root / osm_cache.MANIFEST, *sorted(root.glob("*.parquet"))]
    stamps = [(str(p), osm_cache._stamp(p)) for p in paths]
    return hashlib.sha1(repr(stamps).encode()).hexdigest()[:16]


def load_layer(layer_id: str, region: Any = None) -> gpd.GeoDataFrame:
    """Features of a layer (committed data + user OSM cache) intersecting ``region``, in EPSG:4326.

    ``region`` is None (everything), a ``geo.regions.Region``, a region spec (``"kyushu"``, ``"43"``) or a
    shapely geometry in EPSG:4326. Columns: ``name``, ``subtype``, ``source_id``, extras, geometry.
    """
    check_layer_ids([layer_id])
    reg = as_region(region)
    geom = None if reg is None else reg.geometry
    parts = [_clip(f, geom) for f in _frames(layer_id)]
    parts = [p for p in parts if len(p)]
    if not parts:
        return gpd.GeoDataFrame(
            {c: pd.Series(dtype=str) for c in BASE_COLUMNS}, geometry=gpd.GeoSeries([], crs=CRS_STORE), crs=CRS_STORE
        )
    gdf = pd.concat(parts, ignore_index=True)
    if "osm_id" in gdf.columns:  # the same OSM element fetched for overlapping regions
        dup = gdf["osm_id"].notna() & gdf.duplicated(subset=["osm_id"])
        gdf = gdf[~dup]
        if gdf["osm_id"].isna().all():
            gdf = gdf.drop(columns="osm_id")
    extras = [c for c in gdf.columns if c not in BASE_COLUMNS and c != "geometry"]
    gdf = gdf[BASE_COLUMNS + extras + ["geometry"]].reset_index(drop=True)
    return gpd.GeoDataFrame(gdf, geometry="geometry", crs=CRS_STORE)


def _join(values: list[str]) -> str:
    return " + ".join(dict.fromkeys(v for v in values if v))


def _coverage_share(coverages: list[BaseGeometry], region: BaseGeometry | None) -> float | None:
    """Share (0–1) of the region's area (in degrees², good enough for a ratio) covered by the sources."""
    if region is None or region.area == 0:
        return None
    if not coverages:
        return 0.0
    covered = shapely.intersection(shapely.union_all(coverages), region).area
    return round(min(covered / region.area, 1.0), 3)


def layer_status(region: Any = None) -> list[dict[str, Any]]:
    """Per layer: id, names, count in region, sources, licence, date, credit, status, coverage, note.

    ``status`` is ``loaded`` when any source's coverage intersects the region, else ``no_data`` (with the
    bilingual ``message``/``message_en`` asking to fetch from OSM or import a file). ``coverage`` is the
    share of the region covered by the sources (None without a region): ``loaded`` with coverage 0.3
    means only part of the region has data.
    """
    reg = as_region(region)
    geom = None if reg is None else reg.geometry
    out = []
    for spec in LAYERS.values():
        sources = [s for s in _sources(spec.id) if geom is None or s["geometry"].intersects(geom)]
        loaded = bool(sources)
        cover = _coverage_share([s["geometry"] for s in sources], geom)
        row: dict[str, Any] = {
            "id": spec.id,
            "name_ja": spec.name_ja,
            "name_en": spec.name_en,
            "count": int(len(load_layer(spec.id, reg))) if loaded else 0,
            "source": _join([s.get("name", "") for s in sources]),
            "licence": _join([s.get("licence", "") for s in sources]),
            "date": _join([str(s.get("date", "")) for s in sources]),
            "credit": _join([s.get("credit", "") for s in sources]),
            "status": "loaded" if loaded else "no_data",
            "coverage": cover,
            "note": _join([s.get("note", "") for s in sources])
            or committed_manifest()["layers"].get(spec.id, {}).get("note", ""),
        }
        if not loaded:
            row["message"], row["message_en"] = NO_DATA_MESSAGE["ja"], NO_DATA_MESSAGE["en"]
        out.append(row)
    return out


def credits_for(layer_ids: Any) -> list[str]:
    """Distinct credit lines (committed sources and user OSM cache) of the given layers, in order."""
    lines: list[str] = []
    for layer_id in check_layer_ids(layer_ids):
        lines.extend(s.get("credit", "") for s in _sources(layer_id))
    return list(dict.fromkeys(c for c in lines if c))
