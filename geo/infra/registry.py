"""The infrastructure layers we know: identifiers, names, geometry kind and the OSM tags that fetch them.

Where each layer's data comes from, and for which area, is ``geo.infra.sources``; reading the features
is ``geo.infra.load``; fetching and importing OSM data is ``geo.infra.osm``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from geo.errors import LayerError

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
        LayerSpec(
            "schools",
            "学校（大学・高専等）",
            "Schools, colleges & universities",
            "mixed",
            {"amenity": ["university", "college"]},
            "Universities and colleges (amenity=university/college); KSJ P29 学校 files add every school type.",
        ),
    )
}

#: Named demo boxes (lon/lat: west, south, east, north) used in the committed data's coverage.
BOXES: dict[str, tuple[float, float, float, float]] = {
    "kyushu": (129.4, 30.9, 132.3, 34.3),
    "doo": (140.3, 42.2, 142.5, 43.9),
}
#: Columns every loaded layer has (plus extras and the geometry).
BASE_COLUMNS = ["name", "subtype", "source_id"]


def check_layer_ids(layer_ids: str | Iterable[str] | None) -> list[str]:
    """Validate layer ids (None means all); ``LayerError`` (a ``ValueError``) lists the valid ids."""
    if layer_ids is None:
        return list(LAYERS)
    ids = [layer_ids] if isinstance(layer_ids, str) else list(layer_ids)
    bad = [i for i in ids if i not in LAYERS]
    if bad:
        raise LayerError("layer_unknown", ids=", ".join(map(repr, bad)), valid=", ".join(LAYERS))
    return ids
