"""Read the processed industry data (built by ``scripts/build_industry.py``) and its polygons.

``data/industry/municipal_2021.parquet``: one row per municipality of the 2021 経済センサス-活動調査
(SSDSE-A-2025, private establishments): ``code``, ``pref_code``, ``name_ja``, ``kind`` (municipality or
designated city), ``n03_codes`` (the N03-2021 polygons of the unit: a designated city's wards),
``employees_total``, ``establishments_total`` and ``employees_<D>`` / ``establishments_<D>`` per division
letter. ``SOURCES.json`` holds the source, licence, credit lines and date.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo import config, regions
from geo.domain import DIVISIONS, Bilingual
from geo.errors import DataMissingError

INDUSTRY_DIR: Path = config.DATA_DIR / "industry"
MUNICIPAL_FILE = "municipal_2021.parquet"
#: Count columns per division letter.
EMPLOYEE_COLUMNS: dict[str, str] = {d: f"employees_{d}" for d in DIVISIONS}
ESTABLISHMENT_COLUMNS: dict[str, str] = {d: f"establishments_{d}" for d in DIVISIONS}


def _missing(path: Path) -> DataMissingError:
    return DataMissingError("data_missing", path=str(path), script="scripts/build_industry.py", raw="industry")


@functools.cache
def _table() -> pd.DataFrame:
    path = INDUSTRY_DIR / MUNICIPAL_FILE
    if not path.is_file():
        raise _missing(path)
    return pd.read_parquet(path)


@functools.cache
def _manifest() -> dict[str, object]:
    path = INDUSTRY_DIR / "SOURCES.json"
    if not path.is_file():
        raise _missing(path)
    meta: dict[str, object] = json.loads(path.read_text(encoding="utf-8"))
    return meta


def clear_caches() -> None:
    """Forget loaded data (tests that rebuild or replace the files)."""
    for fn in (_table, _manifest, _polygons):
        fn.cache_clear()


def municipal_counts() -> pd.DataFrame:
    """Employees and establishments per municipality and division (a copy of the committed table)."""
    return _table().copy()


def manifest() -> dict[str, object]:
    """``SOURCES.json`` of the industry data (``id``, ``name``, ``year``, ``date``, ``licence``, ``credit`` …)."""
    return dict(_manifest())


def year() -> int:
    """Reference year of the counts (2021)."""
    return int(str(_manifest()["year"]))


def credit() -> Bilingual:
    """The credit line of the industry data in both languages (``SOURCES.json``)."""
    meta = _manifest()
    return Bilingual(str(meta["credit"]), str(meta["credit_en"]))


def source_row() -> dict[str, object]:
    """The industry data as a source row with the keys of ``geo.briefing.boundary_source``."""
    meta = _manifest()
    keys = ("id", "name_ja", "name_en", "licence", "date", "credit", "credit_en")
    return {**{k: meta.get(k) for k in keys}, "source": meta.get("name")}


@functools.cache
def _polygons() -> gpd.GeoDataFrame:
    table = _table()[["code", "n03_codes"]].explode("n03_codes").rename(columns={"n03_codes": "n03"})
    munis = regions.municipalities()[["code", "geometry"]].rename(columns={"code": "n03"})
    joined = munis.merge(table, on="n03", how="inner")
    geoms = joined.groupby("code")["geometry"].agg(lambda g: shapely.union_all(np.asarray(g.values, dtype=object)))
    return gpd.GeoDataFrame({"code": geoms.index.astype(str)}, geometry=geoms.to_numpy(), crs=munis.crs)


def unit_polygons(codes: pd.Series | list[str] | None = None) -> gpd.GeoDataFrame:
    """Polygons of the industry units (EPSG:4326): N03-2021, a designated city's wards dissolved into it."""
    polys = _polygons()
    if codes is None:
        return polys.copy()
    return polys[polys["code"].isin(set(map(str, codes)))].reset_index(drop=True)
