"""Completeness of each built layer, measured against a reference per prefecture (``build_layers.py``).

The rules and their words are in ``geo.infra.completeness`` and ``i18n.completeness``; this module says
which reference each layer is measured against:

| layer | reference | counted |
|---|---|---|
| railways | N02-23 stations (not funiculars or trolleybuses) | a line within 300 m |
| stations | N02-23 station groups (the register) | a station within 300 m |
| roads | N06 ICs and smart ICs | a road line within 1 km |
| expressways | N06 ICs and smart ICs (the register) | an expressway section within 1 km |
| expressway_ic | N06 joints in service, IC/SIC/JCT (the register) | an IC/JCT point within 1 km |
| airports | ``airportsdata``: Japanese airports with an IATA code | an airport within 5 km |
| ports | World Port Index (incl. the 23 designated ports) — a subset of ~990 ports | a port within 3.5 km |
| substations, power_lines, power_plants | none: dated snapshots | — |
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely

from geo.config import shared_data_dir
from geo.crs import CRS_STORE
from geo.infra.completeness import Measurement, Method, found_near
from geo.regions import locate_many
from scripts.layer_airports import airportsdata_version, iata_airports
from scripts.layer_rail import NOT_LINE_RAIL_TYPES, read_station_points, station_groups
from scripts.layer_sources import WPI_FIXES

#: A reference point off the simplified coast still belongs to the prefecture this close (m).
PREF_TOLERANCE_M = 5000.0


def _read(sub: str, name: str) -> gpd.GeoDataFrame:
    gdf = gpd.read_file(shared_data_dir() / sub / name)
    return gdf.set_crs(CRS_STORE, allow_override=True) if gdf.crs is None else gdf.to_crs(CRS_STORE)


def _stations_folder() -> Path:
    return shared_data_dir() / "ksj" / "stations_n02_2023"


def line_stations() -> gpd.GeoSeries:
    """N02-23 platform points of lines of our railway kind (funiculars and trolleybuses left out)."""
    pts = read_station_points(_stations_folder())
    return pts[~pts["rail_type_code"].isin(NOT_LINE_RAIL_TYPES)].geometry


def station_group_points() -> gpd.GeoSeries:
    """The 9,059 N02-23 station groups."""
    folder = _stations_folder()
    return station_groups(folder, read_station_points(folder)).geometry


def n06_ics() -> gpd.GeoSeries:
    """N06 interchanges and smart ICs (one point per name and position)."""
    g = _read("ksj", "expressway_ic_jct_sapa_n06_ordered.geojson")
    g = g[(g["is_IC"] + g["is_SIC"]) > 0]
    key = g["name"] + g.geometry.x.round(4).astype(str) + g.geometry.y.round(4).astype(str)
    return g[~key.duplicated()].geometry


def n06_joints() -> gpd.GeoSeries:
    """Raw N06 joints in service (``N06_014`` = 9999) of type IC, SIC or JCT (``N06_019`` 1–3)."""
    g = _read("ksj", "expressway_joints_n06_fixed.geojson")
    in_service = pd.to_numeric(g["N06_014"], errors="coerce") == 9999
    kind = pd.to_numeric(g["N06_019"], errors="coerce").isin([1, 2, 3])
    return g[in_service & kind].geometry


def airport_points() -> gpd.GeoSeries:
    """Japanese airports with an IATA code (``airportsdata``)."""
    return iata_airports().geometry


def wpi_ports() -> gpd.GeoSeries:
    """The 163 World Port Index ports of Japan (the 23 designated ports are among them), known slips fixed."""
    g = _read("ports", "japan_ports_wpi.geojson")
    number = pd.to_numeric(g["World Port Index Number"], errors="coerce").astype("Int64").astype(str)
    fixed = [shapely.Point(WPI_FIXES[n][:2]) if n in WPI_FIXES else p for n, p in zip(number, g.geometry, strict=True)]
    return gpd.GeoSeries(fixed, crs=CRS_STORE)


@dataclass(frozen=True)
class Rule:
    """How one layer is measured: method, what is counted, the reference and its loader, the distance."""

    method: Method
    what: str
    reference: str
    reference_name: str
    load: Callable[[], gpd.GeoSeries] | None = None
    within_m: float | None = None
    reference_subset: bool = False
    data_date: str = ""


RULES: dict[str, Rule] = {
    "railways": Rule(
        "near", "stations_on_line", "N02-23", "国土数値情報 N02-23 駅（鋼索鉄道・無軌条を除く）", line_stations, 300.0
    ),
    "stations": Rule(
        "register", "reference_found", "N02-23", "国土数値情報 N02-23 駅グループ", station_group_points, 300.0
    ),
    "roads": Rule("near", "ics_near_road", "N06", "国土数値情報 N06 IC・スマートIC", n06_ics, 1000.0),
    "expressways": Rule("register", "ics_near_road", "N06", "国土数値情報 N06 IC・スマートIC", n06_ics, 1000.0),
    "expressway_ic": Rule(
        "register", "reference_found", "N06", "国土数値情報 N06 接合部（供用中のIC・SIC・JCT）", n06_joints, 1000.0
    ),
    "airports": Rule(
        "near", "reference_found", "airportsdata", "airportsdata: IATAコードのある日本の空港", airport_points, 5000.0
    ),
    "ports": Rule(
        "near",
        "reference_found",
        "WPI",
        "World Port Index（国際戦略港湾・国際拠点港湾23港を含む）",
        wpi_ports,
        3500.0,
        reference_subset=True,
    ),
    "substations": Rule(
        "dated", "dated", "OSM 2016", "OpenStreetMap の送電網（2016年ごろ）: 照合する台帳なし", data_date="2016"
    ),
    "power_lines": Rule(
        "dated", "dated", "OSM 2016", "OpenStreetMap の送電網（2016年ごろ）: 照合する台帳なし", data_date="2016"
    ),
    "power_plants": Rule(
        "dated", "dated", "P03-07", "国土数値情報 P03 発電施設 2007: 照合する台帳なし", data_date="2007"
    ),
}


def measure(layer_id: str, layer: gpd.GeoDataFrame, measured: str) -> Measurement | None:
    """The completeness of a built layer per prefecture by its rule (None: a layer with no rule)."""
    rule = RULES.get(layer_id)
    if rule is None:
        return None
    by_pref: dict[str, tuple[int, int]] = {}
    outside = 0
    version = f"（airportsdata {airportsdata_version()}）" if layer_id == "airports" else ""
    if rule.load is not None and rule.within_m is not None:
        ref = rule.load().reset_index(drop=True)
        prefs = locate_many(ref.x, ref.y, PREF_TOLERANCE_M)["pref_code"]
        by_pref, outside = found_near(ref, prefs.to_numpy(), layer.geometry, rule.within_m)
    return Measurement(
        method=rule.method,
        what=rule.what,
        reference=rule.reference,
        reference_name=rule.reference_name + version,
        measured=measured,
        data_date=rule.data_date,
        within_m=rule.within_m,
        reference_subset=rule.reference_subset,
        by_pref=by_pref,
        outside=outside,
    )
