"""Build the committed infrastructure layers from the raw shared data.

Reads ``<shared>/osm/*.geojson`` and ``<shared>/ksj/*.geojson`` (see their SOURCES.md) and writes
``data/layers/<layer_id>.parquet`` (GeoParquet, EPSG:4326, coordinates rounded to 6 decimals) plus
``data/layers/manifest.json`` with per-layer sources, licences, credits, dates, coverage and caveats.

Run: ``python scripts/build_layers.py``
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.config import LAYERS_DIR, shared_data_dir
from geo.crs import CRS_STORE
from geo.infra import BOXES, LAYERS

BUILT = dt.date.today().isoformat()
KYUSHU = {"name": "kyushu", "bbox": list(BOXES["kyushu"])}
DOO = {"name": "doo", "bbox": list(BOXES["doo"])}

CREDIT_OVERTURE = "© OpenStreetMap contributors, Overture Maps Foundation (ODbL 1.0)"
CREDIT_N06 = (
    "国土数値情報（高速道路時系列データ）（国土交通省）を加工して作成; "
    "Wikipedia contributors (日本の高速道路一覧 ほか); yH3PO4/HighwayOrderedDS — CC BY-SA 3.0"
)
CREDIT_KSJ = "出典：国土数値情報（鉄道・空港・発電施設データ）（国土交通省）を加工して作成"
CREDIT_GRID = (
    "© OpenStreetMap contributors (ODbL 1.0); power grid topology: ComplexNetTSP/Power_grids, "
    "Zenodo DOI 10.5281/zenodo.250427"
)
KSJ_LICENCE = "国土数値情報利用規約 (CC BY 4.0 compatible, MLIT attribution)"

SOURCES: dict[str, dict] = {
    "overture_roads": {
        "name": "Overture Maps transportation 2026-02-18.0 (OSM), motorway + trunk",
        "licence": "ODbL 1.0",
        "credit": CREDIT_OVERTURE,
        "date": "2026-02",
        "coverage": [KYUSHU, DOO],
        "note": "Only motorway and trunk (no primary/secondary roads, no interchange nodes); _link ramps are "
        "in motorway; trunk < 3 km dropped; simplified to ~120–150 m. West of 130°E (Nagasaki, "
        "Sasebo, Karatsu) only a preview shard: motorway ≥ 8 km, trunk ≥ 22 km, so coverage is sparse there.",
    },
    "overture_rail": {
        "name": "Overture Maps transportation 2026-02-18.0 (OSM), rail",
        "licence": "ODbL 1.0",
        "credit": CREDIT_OVERTURE,
        "date": "2026-02",
        "coverage": [KYUSHU, DOO],
        "note": "Standard-gauge/unknown rail only, segments < 6 km dropped, simplified to 90–130 m; some "
        "disused lines remain (e.g. 日高本線 廃止区間) and there is no status attribute.",
    },
    "ksj_n06": {
        "name": "国土数値情報 N06 高速道路時系列 2023 (yH3PO4/HighwayOrderedDS)",
        "licence": "CC BY-SA 3.0",
        "credit": CREDIT_N06,
        "date": "2023",
        "coverage": "japan",
        "note": "N06 2023 base with manual fixes and Wikipedia data; routes opened after 2023 are missing. "
        "Only the current network is used (MLIT restricts commercial use of N06 as a time series). "
        "Derived copies stay under CC BY-SA 3.0.",
    },
    "ksj_n02_rail": {
        "name": "国土数値情報 N02 鉄道 2024 (preview subset)",
        "licence": KSJ_LICENCE,
        "credit": CREDIT_KSJ,
        "date": "2024",
        "coverage": "japan",
        "note": "A main-line subset: 1,105 of 21,769 N02 sections (all high-speed, trunk ≥ 6 km, branch ≥ 12 km, "
        "service ≥ 18 km) — not the full network. Inside the Kyushu and 道央 boxes it is replaced by "
        "Overture rail (features whose representative point lies in a box are dropped).",
    },
    "ksj_n02_stations": {
        "name": "国土数値情報 N02 鉄道 2024, major stations",
        "licence": KSJ_LICENCE,
        "credit": CREDIT_KSJ,
        "date": "2024",
        "coverage": "japan",
        "note": "Only 47 hand-picked major stations nationwide; no ordinary stations and no freight terminals "
        "or yards — fetch from OSM or import a file for those.",
    },
    "osm_power_grid_nodes": {
        "name": "OSM power grid of Japan ~2016 (ComplexNetTSP/Power_grids), heuristic nodes",
        "licence": "ODbL 1.0",
        "credit": CREDIT_GRID,
        "date": "2016",
        "coverage": "japan",
        "note": "OSM as of about 2016 (files 2017-01-04): substations built since (e.g. for JASM/TSMC or "
        "Rapidus) are missing; many have no name or voltage. Approximate topology, not an exact grid.",
    },
    "osm_power_grid_links": {
        "name": "OSM power grid of Japan ~2016 (ComplexNetTSP/Power_grids), heuristic links",
        "licence": "ODbL 1.0",
        "credit": CREDIT_GRID,
        "date": "2016",
        "coverage": "japan",
        "note": "Links are STRAIGHT LINES between network nodes (topology, not real tower routes); 66 kV and "
        "up; voltage unknown on about a third. OSM as of about 2016.",
    },
    "ksj_p03": {
        "name": "国土数値情報 P03 発電施設 2007",
        "licence": "国土数値情報 P03 使用許諾条件 (review before commercial use)",
        "credit": CREDIT_KSJ,
        "date": "2007",
        "coverage": "japan",
        "note": "A 2007 snapshot: recent plants (solar, wind, new thermal) are missing and some large plants "
        "cannot be found by name (e.g. 玄海); many plants appear once per generating unit.",
    },
    "ksj_c28": {
        "name": "国土数値情報 C28 空港 2021",
        "licence": KSJ_LICENCE,
        "credit": CREDIT_KSJ,
        "date": "2021",
        "coverage": "japan",
        "note": "Deduplicated on name (the source repeats some airports once per record); runway length is "
        "the longest runway.",
    },
}

#: Layers with no committed data, and why (kept in the manifest so the UI can say so).
NO_DATA_NOTES = {
    "industrial_water": "No open dataset of 工業用水道 (works, pipelines, supply areas) was found; fetch from OSM "
    "or import a file.",
    "ports": "No committed data: the only KSJ C02 port extract found was rejected upstream as misleading "
    "(it lacks 博多, 北九州, 苫小牧, 熊本, 八代, 大分 and other major ports and would show false "
    "port gaps). Fetch from OSM or import a file.",
    "industrial_land": "No committed data: KSJ L05 and the OSM industrial-zone extracts were too large to be "
    "obtained. Fetch from OSM or import a file.",
}


def read(sub: str, name: str) -> gpd.GeoDataFrame:
    """One raw GeoJSON file from the shared data folder, in EPSG:4326."""
    path = shared_data_dir() / sub / name
    gdf = gpd.read_file(path)
    return gdf.set_crs(CRS_STORE, allow_override=True) if gdf.crs is None else gdf.to_crs(CRS_STORE)


def frame(
    gdf: gpd.GeoDataFrame, source_id: str, name: pd.Series, subtype: pd.Series | str, **extra: pd.Series
) -> gpd.GeoDataFrame:
    """Standard layer frame: name, subtype, source_id, extras, geometry."""
    data = {
        "name": name.fillna("").astype(str).str.strip().values,
        "subtype": subtype if isinstance(subtype, str) else subtype.astype(str).values,
        "source_id": source_id,
    }
    data.update({k: v.values for k, v in extra.items()})
    return gpd.GeoDataFrame(data, geometry=gdf.geometry.values, crs=CRS_STORE)


def max_kv(voltage: pd.Series) -> pd.Series:
    """Highest voltage in kV from OSM strings like ``"275000;66000"`` (NaN when unknown)."""
    parts = voltage.fillna("").astype(str).str.split(";", expand=True)
    volts = parts.apply(pd.to_numeric, errors="coerce")
    return volts.max(axis=1) / 1000.0


def kv_class(kv: pd.Series) -> pd.Series:
    """Subtype label such as ``275kV`` or ``unknown``."""
    label = kv.round().astype("Int64").astype(str) + "kV"
    return label.where(kv.notna(), "unknown")


def in_boxes(geoms: gpd.GeoSeries) -> np.ndarray:
    """True where a feature's representative point lies in the Kyushu or 道央 box."""
    pts = geoms.representative_point()
    mask = np.zeros(len(geoms), dtype=bool)
    for box in BOXES.values():
        mask |= np.asarray(shapely.contains_xy(shapely.box(*box), pts.x.values, pts.y.values))
    return mask


def build_roads() -> list[gpd.GeoDataFrame]:
    out = []
    for name in ("kyushu_roads_motorway_trunk_overture.geojson", "hokkaido_doo_roads_motorway_trunk_overture.geojson"):
        g = read("osm", name)
        out.append(
            frame(
                g,
                "overture_roads",
                g["name"],
                g["road_class"],
                road_name=g["name"].fillna(""),
                length_m=g["length_m"].round(1),
                overture_id=g["overture_id"],
            )
        )
    return out


def build_expressways() -> list[gpd.GeoDataFrame]:
    g = read("ksj", "expressway_sections_n06_ordered.geojson")
    label = g["road_name"] + " " + g["source"].fillna("") + "–" + g["target"].fillna("")
    return [
        frame(
            g,
            "ksj_n06",
            label,
            "expressway",
            road_name=g["road_name"],
            from_node=g["source"],
            to_node=g["target"],
            length_km=g["length"],
        )
    ]


def build_expressway_ic() -> list[gpd.GeoDataFrame]:
    g = read("ksj", "expressway_ic_jct_sapa_n06_ordered.geojson")
    g = g[(g["is_IC"] + g["is_SIC"] + g["is_JCT"]) > 0].copy()
    # an IC that is also a JCT keeps "ic": it has public access, which is what planners look for
    g["subtype"] = np.select([g["is_IC"] == 1, g["is_SIC"] == 1], ["ic", "sic"], "jct")
    g["x"], g["y"] = g.geometry.x.round(4), g.geometry.y.round(4)
    # a JCT or shared IC appears once per route: keep one point and list the routes
    agg = (
        g.groupby(["name", "x", "y"], sort=False)
        .agg(
            road_name=("road_name", lambda s: "・".join(dict.fromkeys(s))),
            subtype=("subtype", "first"),
            kp=("kp", "first"),
            geometry=("geometry", "first"),
        )
        .reset_index()
    )
    agg = gpd.GeoDataFrame(agg, geometry="geometry", crs=CRS_STORE)
    return [frame(agg, "ksj_n06", agg["name"], agg["subtype"], road_name=agg["road_name"], kp=agg["kp"])]


def build_railways() -> list[gpd.GeoDataFrame]:
    out = []
    for name in ("kyushu_railways_overture.geojson", "hokkaido_doo_railways_overture.geojson"):
        g = read("osm", name)
        out.append(
            frame(
                g,
                "overture_rail",
                g["name"],
                g["line_class"],
                operator=pd.Series([""] * len(g)),
                length_m=g["length_m"].round(1),
            )
        )
    n02 = read("ksj", "railways_n02_2024_preview_subset.geojson")
    n02 = n02[~in_boxes(n02.geometry)].reset_index(drop=True)
    out.append(
        frame(
            n02,
            "ksj_n02_rail",
            n02["name"],
            n02["line_class"],
            operator=n02["operator"],
            length_m=n02["length_m"].round(1),
        )
    )
    return out


def build_stations() -> list[gpd.GeoDataFrame]:
    g = read("ksj", "rail_stations_major_n02_2024.geojson")
    return [
        frame(
            g,
            "ksj_n02_stations",
            g["name"],
            "major_station",
            importance=g["importance"],
            station_code=g["station_code"],
        )
    ]


def build_substations() -> list[gpd.GeoDataFrame]:
    g = read("osm", "japan_power_grid_osm2017_heuristic_nodes.geojson")
    g = g[g["node_type"].isin(["substation", "sub_station", "station"])].reset_index(drop=True)
    subtype = g["node_type"].replace({"sub_station": "substation"})
    return [
        frame(
            g,
            "osm_power_grid_nodes",
            g["name"],
            subtype,
            voltage_kv=max_kv(g["voltage"]),
            operator=g["operator"].fillna(""),
        )
    ]


def build_power_lines() -> list[gpd.GeoDataFrame]:
    g = read("osm", "japan_power_grid_osm2017_heuristic_links.geojson")
    kv = max_kv(g["voltage"])
    return [
        frame(
            g,
            "osm_power_grid_links",
            g["name"],
            kv_class(kv),
            voltage_kv=kv,
            operator=g["operator"].fillna(""),
            circuits=g["voltage"].fillna("").str.count(";") + 1,
        )
    ]


def build_power_plants() -> list[gpd.GeoDataFrame]:
    g = read("ksj", "power_plants_p03_2007.geojson")
    subtype = (
        g["facility_subtype"]
        .str.replace("_power_plant", "", regex=False)
        .replace(
            {
                "general_hydroelectric": "hydro",
                "pumped_storage_hydroelectric": "pumped_storage",
                "photovoltaic": "solar",
            }
        )
    )
    return [
        frame(g, "ksj_p03", g["name"], subtype, operator=g["operator"], status=g["status"], start_date=g["start_date"])
    ]


def build_airports() -> list[gpd.GeoDataFrame]:
    g = read("ksj", "airports_c28_2021.geojson")
    g = g.sort_values("runway_length_m_max", ascending=False, na_position="last")
    g = g.drop_duplicates("name").sort_index().reset_index(drop=True)
    return [
        frame(
            g,
            "ksj_c28",
            g["name"],
            g["airport_type"],
            runway_length_m=g["runway_length_m_max"],
            iata=g["iata"].fillna(""),
            icao=g["icao"].fillna(""),
        )
    ]


BUILDERS: dict[str, tuple[Callable[[], list[gpd.GeoDataFrame]], list[str]]] = {
    "roads": (build_roads, ["overture_roads"]),
    "expressways": (build_expressways, ["ksj_n06"]),
    "expressway_ic": (build_expressway_ic, ["ksj_n06"]),
    "railways": (build_railways, ["overture_rail", "ksj_n02_rail"]),
    "stations": (build_stations, ["ksj_n02_stations"]),
    "substations": (build_substations, ["osm_power_grid_nodes"]),
    "power_lines": (build_power_lines, ["osm_power_grid_links"]),
    "power_plants": (build_power_plants, ["ksj_p03"]),
    "airports": (build_airports, ["ksj_c28"]),
}


def finish(parts: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """Concatenate, drop empty geometries and round coordinates to 6 decimals."""
    gdf = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=CRS_STORE)
    gdf = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty].reset_index(drop=True)
    gdf["geometry"] = shapely.transform(gdf.geometry.values, lambda c: np.round(c, 6))
    return gdf


def main(out_dir: Path = LAYERS_DIR) -> dict:
    """Build every layer into ``out_dir``; returns the manifest."""
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest: dict = {"built": BUILT, "crs": CRS_STORE, "boxes": {k: list(v) for k, v in BOXES.items()}, "layers": {}}
    for layer_id, spec in LAYERS.items():
        entry: dict = {"name_ja": spec.name_ja, "name_en": spec.name_en, "count": 0, "sources": []}
        target = out_dir / f"{layer_id}.parquet"
        if layer_id in BUILDERS:
            build, source_ids = BUILDERS[layer_id]
            gdf = finish(build())
            gdf.to_parquet(target, index=False)
            counts = gdf["source_id"].value_counts()
            entry["count"] = int(len(gdf))
            entry["sources"] = [
                {"id": sid, **SOURCES[sid], "built": BUILT, "count": int(counts.get(sid, 0))} for sid in source_ids
            ]
        else:
            target.unlink(missing_ok=True)
            entry["note"] = NO_DATA_NOTES[layer_id]
        manifest["layers"][layer_id] = entry
        print(f"{layer_id:18s} {entry['count']:6d}")
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":
    main()
