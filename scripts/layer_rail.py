"""Rail for ``build_layers.py``: every N02-23 station, and railway lines without the closed ones.

Stations: one point per N02-23 station group (``N02_005g``: a transfer complex such as 博多 is one
station), at the mean position of its platforms, with its lines and operators.

Railways: the Overture rail lines carry no status, and some closed lines are still drawn (日高本線の廃止
区間, 山鹿温泉鉄道跡, 胆振線 …). A line segment is **not a railway** when

1. its name says so (``廃止`` / ``廃線`` / ``跡``, or a name starting with ``旧``), or
2. its name is Japanese and no N02-23 station *of that line* lies within :data:`STATION_NEAR_M` of it,
   and less than half of its length runs along an active N02 section (a closed branch passes other
   lines' stations only where it left them; long station-less tunnels of an active line run along N02).

A name in parentheses that ends in 支線 (``JR石勝線 (夕張支線)``) is matched as that branch. Freight
lines (``専用鉄道``, ``貨物``) have no passenger stations and stay. Names not in Japanese (``Chitose
Linie``) cannot be matched: they stay unless no station at all lies near them and they run along no
N02 section.
"""

from __future__ import annotations

import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import CRS_STORE

#: A station this close (m) to a line segment lies on it (generalised lines are off by up to ~150 m).
STATION_NEAR_M = 500.0
#: A segment runs along an N02 section where it lies within this distance (m) of it.
ALONG_N02_M = 200.0
CLOSED_NAME = re.compile(r"廃止|廃線|跡|^旧")
FREIGHT_NAME = re.compile(r"専用鉄道|貨物")
_CJK = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")
_PAREN = re.compile(r"[（(]\s*(.*?)\s*[)）]")
#: N02 rail type codes whose stations are not on a railway line of our kind (funicular, trolleybus).
NOT_LINE_RAIL_TYPES = ("13", "17")
#: Station subtype by N02 operator type code (N02_002); a group takes the first that applies.
OPERATOR_SUBTYPES = (("1", "shinkansen"), ("2", "jr"), ("3", "public"), ("5", "third_sector"), ("4", "private"))


def read_station_points(folder: Path) -> gpd.GeoDataFrame:
    """The 10,240 N02-23 platform points (codes kept as strings), EPSG:4326."""
    pts = pd.read_csv(folder / "stations_n02_2023_points.csv", dtype=str, keep_default_na=False)
    geom = gpd.points_from_xy(pts["lon"].astype(float), pts["lat"].astype(float))
    return gpd.GeoDataFrame(pts, geometry=geom, crs=CRS_STORE)


def station_groups(folder: Path, points: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One point per N02-23 station group, with lines, operators and a subtype from its operator types."""
    groups = pd.read_csv(folder / "station_groups_n02_2023.csv", dtype=str, keep_default_na=False)
    types = points.groupby("group_code")["operator_type_code"].agg(set)
    codes = groups["group_code"].map(types)
    subtype = np.array(
        [next((name for code, name in OPERATOR_SUBTYPES if code in (c or set())), "other") for c in codes]
    )
    geom = gpd.points_from_xy(groups["lon"].astype(float), groups["lat"].astype(float))
    out = gpd.GeoDataFrame(groups, geometry=geom, crs=CRS_STORE)
    out["subtype"] = subtype
    out["n_lines"] = groups["n_line_features"].astype(int)
    return out


def _line_keys(name: str) -> list[str]:
    """Comparable keys of an Overture line name: ``JR鹿児島本線`` → ``鹿児島``; a 支線 in parentheses wins."""
    branch = [p for p in _PAREN.findall(name) if p.endswith("支線")]
    base = branch or [_PAREN.sub("", name)]
    keys = []
    for part in base:
        for piece in part.replace("JR", "").replace(" ", "").split("・"):
            key = piece.replace("本線", "線").removesuffix("線")
            if key:
                keys.append(key)
    return keys


def _station_key(line: str) -> str:
    return _PAREN.sub("", line).replace("本線", "線").removesuffix("線")


def closed_lines(lines: gpd.GeoDataFrame, stations: gpd.GeoDataFrame, n02: gpd.GeoDataFrame) -> pd.Series:
    """Per line segment: why it is not a railway (``name``, ``no_station_of_line``, ``no_station``) or ""."""
    crs = "EPSG:6690"  # one metric CRS is enough for a yes/no at 200–500 m across Kyushu and Hokkaido
    seg = lines.to_crs(crs).geometry.values
    pts = stations.to_crs(crs)
    along_area = shapely.union_all(shapely.buffer(n02.to_crs(crs).geometry.values, ALONG_N02_M))
    along = shapely.length(shapely.intersection(seg, along_area)) / np.maximum(shapely.length(seg), 1e-9)
    which, hit = shapely.STRtree(pts.geometry.values).query(seg, predicate="dwithin", distance=STATION_NEAR_M)
    keys = pts["line_name"].map(_station_key).to_numpy()
    why = []
    for k, name in enumerate(lines["name"].fillna("").astype(str)):
        near = keys[hit[which == k]]
        if CLOSED_NAME.search(name):
            why.append("name")
        elif FREIGHT_NAME.search(name) or along[k] >= 0.5:
            why.append("")
        elif _CJK.search(name):
            mine = any(p.endswith(s) or s.endswith(p) for p in _line_keys(name) for s in near if s)
            why.append("" if mine else "no_station_of_line")
        else:
            why.append("" if len(near) else "no_station")
    return pd.Series(why, index=lines.index, dtype=str)
