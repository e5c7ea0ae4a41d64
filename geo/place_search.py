"""Place search: a municipality, station or site by name, kana-insensitive, for moving the map there.

Names are compared by :func:`geo.text.kana_key` (NFKC, case-folded, no spaces, katakana = hiragana).
A place matches when its key holds the query's key; the order is: the whole name first, then names that
begin with the query, then the rest; within each, municipalities, stations, sites; then the shorter name.
A query ending in 駅 finds the station without it (N02 names stations without 駅).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.text import kana_key

PlaceKind = Literal["municipality", "station", "site"]
#: Kinds in the order a match lists them, with the zoom the map moves to.
PLACE_ZOOM: dict[str, int] = {"municipality": 11, "station": 15, "site": 15}
#: What people add to a station's name that N02 leaves off (a pattern of what they type, not a message).
STATION_SUFFIX = "駅"
#: The longest query looked at (characters).
MAX_QUERY = 60


@dataclass(frozen=True)
class Place:
    """One match: what it is, its name, its code (municipality code, station id, site id) and where."""

    kind: PlaceKind
    name: str
    code: str
    pref_code: str
    lon: float
    lat: float
    zoom: int


def place_table(munis: gpd.GeoDataFrame, stations: gpd.GeoDataFrame, sites: gpd.GeoDataFrame) -> pd.DataFrame:
    """The searchable places: ``kind``, ``name``, ``code``, ``pref_code``, ``lon``, ``lat``, ``key``.

    ``munis`` at their representative points (``code``, ``name_ja``, ``pref_code``); ``stations`` a
    stations layer (``name``, ``source_id``), one row per name and group (a station served by several lines
    is one place); ``sites`` the site frame (``site_id``, ``name``, ``pref_code``). All points in EPSG:4326.
    """
    parts = [
        _frame("municipality", munis["name_ja"], munis["code"], munis.get("pref_code"), munis.geometry),
        _frame("station", stations["name"], _station_codes(stations), None, stations.geometry),
        _frame(
            "site",
            sites["name"],
            sites.get("site_id", pd.Series(range(len(sites)))),
            sites.get("pref_code"),
            sites.geometry,
        ),
    ]
    table = pd.concat([p for p in parts if len(p)], ignore_index=True)
    table = table[(table["key"] != "") & np.isfinite(table["lon"]) & np.isfinite(table["lat"])]
    return table.drop_duplicates(["kind", "key", "pref_code", "code"]).reset_index(drop=True)


def _station_codes(stations: gpd.GeoDataFrame) -> pd.Series:
    col = "group_code" if "group_code" in stations.columns else "source_id"
    return stations[col] if col in stations.columns else pd.Series([""] * len(stations), index=stations.index)


def _frame(kind: str, names: pd.Series, codes: pd.Series, prefs: pd.Series | None, geom: gpd.GeoSeries) -> pd.DataFrame:
    points = geom.representative_point() if len(geom) else geom
    names = names.astype("string").fillna("")
    return pd.DataFrame(
        {
            "kind": kind,
            "name": names.to_numpy(dtype=object),
            "code": codes.astype("string").fillna("").to_numpy(dtype=object),
            "pref_code": ("" if prefs is None else prefs.astype("string").fillna("").to_numpy(dtype=object)),
            "lon": points.x.to_numpy(dtype=float) if len(points) else np.array([], dtype=float),
            "lat": points.y.to_numpy(dtype=float) if len(points) else np.array([], dtype=float),
            "key": [kana_key(n) for n in names],
        }
    )


def find_places(table: pd.DataFrame, query: str, limit: int = 10) -> list[Place]:
    """The places of ``table`` (:func:`place_table`) whose name holds ``query``, best first (module rule)."""
    key = kana_key(str(query)[:MAX_QUERY])
    if not key:
        return []
    station_key = key.removesuffix(STATION_SUFFIX) or key
    keys = table["key"]
    wanted = np.where(table["kind"].to_numpy() == "station", station_key, key)
    holds = np.fromiter((w in k for k, w in zip(keys, wanted, strict=True)), dtype=bool, count=len(table))
    hits = table[holds]
    if hits.empty:
        return []
    want = wanted[holds]
    exact = hits["key"].to_numpy() == want
    prefix = np.fromiter((k.startswith(w) for k, w in zip(hits["key"], want, strict=True)), dtype=bool, count=len(hits))
    order = pd.DataFrame(
        {
            "match": np.where(exact, 0, np.where(prefix, 1, 2)),
            "kind": hits["kind"].map({k: i for i, k in enumerate(PLACE_ZOOM)}).to_numpy(),
            "length": hits["key"].str.len().to_numpy(),
        },
        index=hits.index,
    ).sort_values(["match", "kind", "length"], kind="stable")
    best = hits.loc[order.index[:limit]]
    return [
        Place(kind, str(name), str(code), str(pref), float(lon), float(lat), PLACE_ZOOM[kind])
        for kind, name, code, pref, lon, lat in zip(
            best["kind"], best["name"], best["code"], best["pref_code"], best["lon"], best["lat"], strict=True
        )
    ]


@functools.cache
def national_places() -> pd.DataFrame:
    """Municipalities and stations of all Japan (read once per process); sites are added per store."""
    from geo import infra, regions

    munis = regions.municipalities()
    empty = gpd.GeoDataFrame({"name": pd.Series(dtype=str)}, geometry=gpd.GeoSeries([], crs="EPSG:4326"))
    return place_table(munis[munis["code"].notna()], infra.load_layer("stations"), empty)


def places_with_sites(sites: gpd.GeoDataFrame) -> pd.DataFrame:
    """:func:`national_places` and ``sites`` in one table."""
    empty = gpd.GeoDataFrame(
        {"name_ja": pd.Series(dtype=str), "code": pd.Series(dtype=str)}, geometry=gpd.GeoSeries([], crs="EPSG:4326")
    )
    stations = gpd.GeoDataFrame({"name": pd.Series(dtype=str)}, geometry=gpd.GeoSeries([], crs="EPSG:4326"))
    own = place_table(empty, stations, sites)
    return pd.concat([national_places(), own], ignore_index=True)
