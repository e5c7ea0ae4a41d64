"""Turn a table of OSM tags + geometries into per-layer GeoDataFrames (shared by Overpass, .osm and .pbf).

Everything is vectorised over the table: tag matching with pandas, geometry-kind filtering and
closed-way-to-polygon conversion with shapely 2 array functions.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import CRS_STORE
from geo.infra.registry import LAYERS, check_layer_ids

#: Tag keys read besides the layer filters (names, subtypes and extra conditions).
EXTRA_KEYS = (
    "name",
    "name:ja",
    "name:en",
    "ref",
    "operator",
    "voltage",
    "substation",
    "plant:source",
    "aerodrome:type",
    "aerodrome",
    "industrial",
    "station",
    "usage",
    "substance",
    "landuse",
    "water",
    "amenity",
)
_KIND_TYPES = {
    "point": ("Point", "MultiPoint"),
    "line": ("LineString", "MultiLineString"),
    "polygon": ("Polygon", "MultiPolygon"),
}
_TYPE_IDS = {"Point": 0, "LineString": 1, "Polygon": 3, "MultiPoint": 4, "MultiLineString": 5, "MultiPolygon": 6}
_HSTORE_PAIR = r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"'


def tag_keys(layer_ids: list[str] | None = None) -> list[str]:
    """Every tag key the classification of ``layer_ids`` reads."""
    keys = [k for lid in check_layer_ids(layer_ids) for k in LAYERS[lid].osm_tags]
    return list(dict.fromkeys([*keys, *EXTRA_KEYS]))


def _values(val: bool | str | list[str]) -> list[str]:
    """Tag values of a filter entry (``True`` means any value: no list)."""
    return [] if isinstance(val, bool) else [val] if isinstance(val, str) else list(val)


def union_tags(layer_ids: list[str] | None = None) -> dict[str, bool | str | list[str]]:
    """The OR-combined osmnx tag filter of several layers."""
    out: dict[str, bool | str | list[str]] = {}
    for lid in check_layer_ids(layer_ids):
        for key, val in LAYERS[lid].osm_tags.items():
            before = out.get(key, [])
            if val is True or before is True:
                out[key] = True
            else:
                out[key] = list(dict.fromkeys([*_values(before), *_values(val)]))
    return out


def parse_hstore(other_tags: pd.Series, keys: list[str]) -> pd.DataFrame:
    """Columns ``keys`` from GDAL's ``other_tags`` hstore strings (``"k"=>"v","k2"=>"v2"``)."""
    out = pd.DataFrame(index=other_tags.index, columns=keys, dtype=object)
    pairs = other_tags.dropna().astype(str).str.extractall(_HSTORE_PAIR)
    if pairs.empty:
        return out
    pairs.columns = ["key", "value"]
    pairs = pairs[pairs["key"].isin(keys)].reset_index(level="match", drop=True)
    pairs["value"] = pairs["value"].str.replace(r"\\(.)", r"\1", regex=True)
    pairs = pairs.rename_axis("_row").reset_index().drop_duplicates(["_row", "key"])
    wide = pairs.pivot(index="_row", columns="key", values="value")
    out.update(wide.reindex(columns=keys))
    return out


def _col(tags: pd.DataFrame, key: str) -> pd.Series:
    """A tag column as strings (NaN where absent)."""
    if key in tags.columns:
        return tags[key].astype(object).where(tags[key].notna())
    return pd.Series(np.nan, index=tags.index, dtype=object)


def _matches(tags: pd.DataFrame, layer_id: str) -> np.ndarray:
    """Rows matching the layer's OSM tag filter and its extra conditions."""
    mask = np.zeros(len(tags), dtype=bool)
    for key, val in LAYERS[layer_id].osm_tags.items():
        col = _col(tags, key)
        mask |= (col.notna() if val is True else col.isin(_values(val))).to_numpy()
    if layer_id == "industrial_water":  # pipelines and pumping stations only when they carry water
        man_made, substance = _col(tags, "man_made"), _col(tags, "substance").fillna("")
        not_water = man_made.isin(["pipeline", "pumping_station"]) & ~substance.str.contains("water")
        mask &= ~not_water.to_numpy()
    return mask


def max_kv(voltage: pd.Series) -> pd.Series:
    """Highest voltage in kV from OSM values like ``"275000;66000"`` (NaN when unknown)."""
    parts = voltage.fillna("").astype(str).str.split(";", expand=True)
    return parts.apply(pd.to_numeric, errors="coerce").max(axis=1) / 1000.0


#: Layers whose subtype is one tag's value (tag key, default).
_SUBTYPE_TAG = {
    "railways": ("railway", "rail"),
    "substations": ("substation", "substation"),
    "power_plants": ("plant:source", "plant"),
    "industrial_land": ("industrial", "industrial"),
    "schools": ("amenity", "school"),
}


def _subtype(tags: pd.DataFrame, layer_id: str) -> pd.Series:
    """Vectorised subtype per layer, from the tags."""
    c = lambda key: _col(tags, key)  # noqa: E731
    if layer_id in _SUBTYPE_TAG:
        key, default = _SUBTYPE_TAG[layer_id]
        return c(key).fillna(default)
    if layer_id in ("roads", "expressways"):
        return c("highway").fillna("motorway")
    if layer_id == "expressway_ic":
        name = c("name").fillna("")
        return pd.Series(
            np.select(
                [name.str.contains("JCT|ジャンクション"), name.str.contains("SIC|スマート")], ["jct", "sic"], "ic"
            ),
            index=tags.index,
        )
    if layer_id == "stations":
        freight = c("station").eq("freight") | c("usage").eq("freight")
        return c("railway").where(~freight, "freight").fillna("station")
    if layer_id == "industrial_water":
        reservoir = c("landuse").eq("reservoir") | c("water").eq("reservoir")
        return c("man_made").where(~reservoir, "reservoir").fillna("reservoir")
    if layer_id == "power_lines":
        kv = max_kv(c("voltage"))
        return (kv.round().astype("Int64").astype(str) + "kV").where(kv.notna(), "unknown")
    if layer_id == "ports":
        port = c("landuse").eq("port") | c("industrial").eq("port")
        return pd.Series(np.where(port, "port", "harbour"), index=tags.index)
    if layer_id == "airports":
        return c("aerodrome:type").fillna(c("aerodrome")).fillna("aerodrome")
    raise ValueError(f"no subtype rule for layer {layer_id!r}")


def closed_lines_to_polygons(geoms: np.ndarray) -> np.ndarray:
    """Replace closed LineStrings (≥ 4 coordinates) by Polygons; other geometries are unchanged."""
    geoms = np.asarray(geoms, dtype=object)
    is_ring = (shapely.get_type_id(geoms) == 1) & shapely.is_closed(geoms) & (shapely.get_num_coordinates(geoms) >= 4)
    if not is_ring.any():
        return geoms
    coords, index = shapely.get_coordinates(geoms[is_ring], return_index=True)
    rings = shapely.linearrings(coords, indices=index)
    out = geoms.copy()
    out[is_ring] = shapely.make_valid(shapely.polygons(rings))
    return out


def classify(
    tags: pd.DataFrame,
    geometry: np.ndarray | gpd.GeoSeries,
    osm_ids: pd.Series,
    layer_ids: list[str] | None = None,
    source_id: str = "osm",
) -> dict[str, gpd.GeoDataFrame]:
    """Split a tag table into per-layer GeoDataFrames (EPSG:4326).

    ``tags`` has one column per OSM key (NaN where absent), aligned with ``geometry`` (EPSG:4326) and
    ``osm_ids`` (``"way/123"``). Output columns: name, subtype, source_id, osm_id, operator,
    voltage_kv, geometry. A feature can belong to several layers (e.g. a motorway to roads and expressways).
    """
    tags = tags.reset_index(drop=True)
    geoms = np.asarray(geometry, dtype=object)
    ids = pd.Series(np.asarray(osm_ids, dtype=object))
    name = (
        _col(tags, "name")
        .fillna(_col(tags, "name:ja"))
        .fillna(_col(tags, "name:en"))
        .fillna(_col(tags, "ref"))
        .fillna("")
    )
    out: dict[str, gpd.GeoDataFrame] = {}
    for lid in check_layer_ids(layer_ids):
        kind = LAYERS[lid].kind
        g = closed_lines_to_polygons(geoms) if kind in ("polygon", "mixed") else geoms
        mask = _matches(tags, lid) & ~shapely.is_missing(g) & ~shapely.is_empty(g)
        if kind in _KIND_TYPES:
            mask &= np.isin(shapely.get_type_id(g), [_TYPE_IDS[t] for t in _KIND_TYPES[kind]])
        sub = tags[mask]
        frame = gpd.GeoDataFrame(
            {
                "name": name[mask].astype(str).to_numpy(),
                "subtype": _subtype(sub, lid).astype(str).to_numpy(),
                "source_id": source_id,
                "osm_id": ids[mask].astype(str).to_numpy(),
                "operator": _col(sub, "operator").fillna("").astype(str).to_numpy(),
                "voltage_kv": max_kv(_col(sub, "voltage")).to_numpy(dtype=float),
            },
            geometry=gpd.GeoSeries(g[mask], crs=CRS_STORE).values,
            crs=CRS_STORE,
        )
        out[lid] = frame.drop_duplicates(subset=["osm_id"]).reset_index(drop=True)
    return out
