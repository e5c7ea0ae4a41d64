"""Build the committed infrastructure layers from the raw shared data.

Reads ``<shared>/osm/*.geojson``, ``<shared>/ksj/*.geojson``, ``<shared>/ksj/stations_n02_2023/*.csv`` and
``<shared>/ports`` (see their SOURCES.md) and the ``airportsdata`` package, and writes
``data/layers/<layer_id>.parquet`` (GeoParquet, EPSG:4326, coordinates rounded to 6 decimals) plus
``data/layers/manifest.json`` with per-layer sources, licences, credits, dates, coverage, caveats and
the completeness measured against a reference per prefecture (``scripts/layer_measures.py``).

Run: ``python scripts/build_layers.py`` (all layers) or ``python scripts/build_layers.py airports`` (only the
named layers; the others keep their files and manifest entries)
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
from geo.crs import CRS_STORE, to_store_crs
from geo.infra import BOXES, LAYERS
from scripts.layer_airports import NAMES_JA_SOURCE, iata_airports, join_c28, name_ja, names_ja
from scripts.layer_measures import measure
from scripts.layer_rail import closed_lines, read_station_points, station_groups
from scripts.layer_sources import NO_DATA_NOTES, SOURCES, WPI_FIXES

BUILT = dt.date.today().isoformat()
STATIONS_N02_23 = shared_data_dir() / "ksj" / "stations_n02_2023"


def read(sub: str, name: str) -> gpd.GeoDataFrame:
    """One raw GeoJSON file from the shared data folder, in EPSG:4326."""
    path = shared_data_dir() / sub / name
    gdf = gpd.read_file(path)
    return to_store_crs(gdf)


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
    """Overture rail in the Kyushu and 道央 boxes without closed lines, the N02 main lines elsewhere."""
    n02 = read("ksj", "railways_n02_2024_preview_subset.geojson")
    stations = read_station_points(STATIONS_N02_23)
    out = []
    for name in ("kyushu_railways_overture.geojson", "hokkaido_doo_railways_overture.geojson"):
        g = read("osm", name)
        why = closed_lines(g, stations, n02)
        for reason, names in g[why != ""].groupby(why[why != ""])["name"]:
            print(f"  not a railway ({reason}): {', '.join(dict.fromkeys(names))}")
        g = g[why == ""].reset_index(drop=True)
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
    """Every N02-23 station group (9,059)."""
    g = station_groups(STATIONS_N02_23, read_station_points(STATIONS_N02_23))
    return [
        frame(
            g,
            "ksj_n02_2023_stations",
            g["station_names"],
            g["subtype"],
            lines=g["lines"],
            operator=g["operators"],
            n_lines=g["n_lines"],
            group_code=g["group_code"],
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
    """Every Japanese airport with an IATA code (airportsdata), C28 attributes where they match; other C28 rows."""
    c28 = read("ksj", "airports_c28_2021.geojson")
    c28 = c28.sort_values("runway_length_m_max", ascending=False, na_position="last")
    c28 = c28.drop_duplicates("name").sort_index().reset_index(drop=True)
    iata, rest = join_c28(iata_airports(), c28)
    iata = name_ja(iata, names_ja())
    military = iata["name"].str.contains("Air Base|Naval Air Facility", regex=True)
    subtype = iata["c28_airport_type"].where(iata["c28_airport_type"].notna(), np.where(military, "military", "other"))
    return [
        frame(
            iata,
            "airportsdata",
            iata["name_ja"],
            subtype,
            name_en=iata["name"],
            runway_length_m=pd.to_numeric(iata["c28_runway_length_m_max"], errors="coerce"),
            iata=iata["iata"],
            icao=iata["icao"].fillna(""),
            attributes_from=iata["attributes_from"],
        ),
        frame(
            rest,
            "ksj_c28",
            rest["name"],
            rest["airport_type"],
            name_en=pd.Series([""] * len(rest)),
            runway_length_m=rest["runway_length_m_max"],
            iata=rest["iata"].fillna(""),
            icao=rest["icao"].fillna(""),
            attributes_from=pd.Series(["ksj_c28"] * len(rest)),
        ),
    ]


#: Legal port class (港湾法) → subtype.
PORT_SUBTYPES = {"国際戦略港湾": "international_strategic", "国際拠点港湾": "international_hub"}


def build_ports() -> list[gpd.GeoDataFrame]:
    """WPI Japanese ports joined with the 23 国際戦略港湾・国際拠点港湾 designations (class where designated)."""
    g = read("ports", "japan_ports_wpi.geojson")
    des = pd.read_csv(shared_data_dir() / "ports" / "port_designations_international_2025.csv", dtype=str)
    des = des.assign(wpi=des["wpi_main_port_names"].str.split("; ")).explode("wpi")
    by_wpi = des.set_index("wpi")
    wpi_no = pd.to_numeric(g["World Port Index Number"], errors="coerce").astype("Int64").astype(str)
    port_class = g["Main Port Name"].map(by_wpi["port_class"]).fillna("")
    fixes = wpi_no.map(WPI_FIXES)
    fixed = fixes.notna().to_numpy()
    if fixed.any():
        xy = np.array([f for f in fixes[fixed]], dtype=object)
        g.loc[fixed, "geometry"] = gpd.points_from_xy(xy[:, 0].astype(float), xy[:, 1].astype(float))
    return [
        frame(
            g,
            "nga_wpi",
            g["Main Port Name"],
            port_class.map(PORT_SUBTYPES).fillna("other"),
            port_class=port_class,
            port_name_ja=g["Main Port Name"].map(by_wpi["port_name_ja"]).fillna(""),
            harbor_size=g["Harbor Size"].fillna(""),
            harbor_type=g["Harbor Type"].fillna(""),
            wpi_number=wpi_no,
            unlocode=g["UN/LOCODE"].fillna(""),
            channel_depth_m=pd.to_numeric(g["Channel Depth (m)"], errors="coerce"),
            position_note=fixes.map(lambda f: f[2] if isinstance(f, tuple) else ""),
        )
    ]


BUILDERS: dict[str, tuple[Callable[[], list[gpd.GeoDataFrame]], list[str]]] = {
    "roads": (build_roads, ["overture_roads"]),
    "expressways": (build_expressways, ["ksj_n06"]),
    "expressway_ic": (build_expressway_ic, ["ksj_n06"]),
    "railways": (build_railways, ["overture_rail", "ksj_n02_rail"]),
    "stations": (build_stations, ["ksj_n02_2023_stations"]),
    "substations": (build_substations, ["osm_power_grid_nodes"]),
    "power_lines": (build_power_lines, ["osm_power_grid_links"]),
    "power_plants": (build_power_plants, ["ksj_p03"]),
    "airports": (build_airports, ["airportsdata", "ksj_c28", NAMES_JA_SOURCE]),
    "ports": (build_ports, ["nga_wpi"]),
}


def finish(parts: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """Concatenate, drop empty geometries and round coordinates to 6 decimals."""
    gdf = gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), geometry="geometry", crs=CRS_STORE)
    gdf = gdf[gdf.geometry.notna() & ~gdf.geometry.is_empty].reset_index(drop=True)
    gdf["geometry"] = shapely.transform(gdf.geometry.values, lambda c: np.round(c, 6))
    return gdf


def source_counts(gdf: gpd.GeoDataFrame) -> pd.Series:
    """Rows per source id; a source that gives only names (no row of its own) counts the rows it named."""
    counts = gdf["source_id"].value_counts()
    if "attributes_from" in gdf:
        named = gdf["attributes_from"].value_counts()
        counts = pd.concat([counts, named[~named.index.isin(counts.index)]])
    return counts


def _share_text(measured: dict | None) -> str:
    """``found/expected (share)`` of a manifest measurement over Japan, for the build log."""
    if not measured or not measured.get("by_pref"):
        return measured.get("method", "") if measured else ""
    found = sum(v[0] for v in measured["by_pref"].values())
    expected = sum(v[1] for v in measured["by_pref"].values())
    return f"{measured['reference']}: {found}/{expected} ({found / expected:.1%})"


def main(out_dir: Path = LAYERS_DIR, only: set[str] | None = None) -> dict:
    """Build every layer (or the ``only`` ones, keeping the others' manifest entries) into ``out_dir``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest: dict = {"built": BUILT, "crs": CRS_STORE, "boxes": {k: list(v) for k, v in BOXES.items()}, "layers": {}}
    kept = json.loads((out_dir / "manifest.json").read_text(encoding="utf-8"))["layers"] if only else {}
    for layer_id, spec in LAYERS.items():
        if only and layer_id not in only:
            manifest["layers"][layer_id] = kept[layer_id]
            continue
        entry: dict = {"name_ja": spec.name_ja, "name_en": spec.name_en, "count": 0, "sources": []}
        target = out_dir / f"{layer_id}.parquet"
        if layer_id in BUILDERS:
            build, source_ids = BUILDERS[layer_id]
            gdf = finish(build())
            gdf.to_parquet(target, index=False)
            counts = source_counts(gdf)
            entry["count"] = int(len(gdf))
            entry["sources"] = [
                {"id": sid, **SOURCES[sid], "built": BUILT, "count": int(counts.get(sid, 0))} for sid in source_ids
            ]
            measured = measure(layer_id, gdf, BUILT)
            if measured is not None:
                entry["completeness"] = measured.as_json()
        else:
            target.unlink(missing_ok=True)
            entry["note"] = NO_DATA_NOTES[layer_id]
        manifest["layers"][layer_id] = entry
        print(f"{layer_id:18s} {entry['count']:6d}  {_share_text(entry.get('completeness'))}")
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return manifest


if __name__ == "__main__":
    unknown = set(sys.argv[1:]) - set(LAYERS)
    if unknown:
        sys.exit(f"unknown layer(s) {sorted(unknown)}; choose from {sorted(LAYERS)} or none for all")
    main(only=set(sys.argv[1:]) or None)
