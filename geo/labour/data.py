"""Read the processed labour-supply data: census units and schools (built by ``scripts/build_population.py``).

Both are read once per process from ``data/population`` and ``data/talent`` (EPSG:4326); their
``SOURCES.json`` give the credit lines the app and the briefing must show.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from geo import config, regions
from geo.crs import to_store_crs
from geo.domain import Bilingual
from geo.errors import DataMissingError, ParameterError
from geo.labour import census

POPULATION_DIR: Path = config.DATA_DIR / "population"
TALENT_DIR: Path = config.DATA_DIR / "talent"

POPULATION_CREDIT = (
    "出典：総務省統計局『統計でみる市区町村のすがた 2024』『令和2年国勢調査』（e-Stat）を加工して作成"
    "（加工：mu373/election-202602-shugiin、および本プロジェクト）"
)
POPULATION_CREDIT_EN = (
    "Source: Statistics Bureau of Japan, 'Municipalities in statistics 2024' and the 2020 Population Census "
    "(e-Stat), processed by mu373/election-202602-shugiin and this project."
)
TALENT_CREDIT = (
    "高専キャンパス：Code for KOSEN 高専オープンデータ（MIT License）／"
    "学校コード：文部科学省『学校コード』（令和5年5月1日時点）を加工して作成"
)
TALENT_CREDIT_EN = (
    "KOSEN campuses: Code for KOSEN kosen-opendata (MIT License); school codes: MEXT school codes "
    "(as of 2023-05-01), processed by this project."
)
#: Position notes of a school point.
POSITION_CAMPUS = "キャンパス所在地（Code for KOSEN の座標）"
POSITION_MUNICIPALITY = "市区町村の代表点（概略）"
#: The names of the two data sets (日本語, English), as the source lists show them.
SOURCE_NAMES = {
    "population": ("人口・生産年齢人口（市区町村、推計）", "Population and working age (municipalities, estimate)"),
    "talent": ("高専・大学・短大", "KOSEN, universities, junior colleges"),
}
#: School kinds: 高専 campus, university (大学), junior college (短期大学).
SCHOOL_KINDS: tuple[str, ...] = ("kosen", "university", "junior_college")


def _read(path: Path) -> gpd.GeoDataFrame:
    if not path.is_file():
        raise DataMissingError("data_missing", path=str(path), script="scripts/build_population.py", raw="population")
    gdf = gpd.read_parquet(path)
    return to_store_crs(gdf)


@functools.cache
def _units() -> gpd.GeoDataFrame:
    return _read(POPULATION_DIR / "municipal_2020.parquet")


@functools.cache
def _schools() -> gpd.GeoDataFrame:
    return _read(TALENT_DIR / "schools.parquet")


@functools.cache
def _manifest(folder: str) -> dict[str, Any]:
    path = Path(folder) / "SOURCES.json"
    if not path.is_file():
        raise DataMissingError("data_missing", path=str(path), script="scripts/build_population.py", raw="population")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def clear_caches() -> None:
    """Forget loaded data (tests that rebuild or replace the files)."""
    for fn in (_units, _schools, _manifest, _unit_polygons):
        fn.cache_clear()


def municipal_units() -> gpd.GeoDataFrame:
    """Census units (``geo.labour.census.UNIT_COLUMNS``) with their representative points (EPSG:4326)."""
    return _units().copy()


def schools() -> gpd.GeoDataFrame:
    """高専 campuses, universities and junior colleges as points (EPSG:4326).

    Columns ``school_code``, ``kind`` (``SCHOOL_KINDS``), ``name``, ``founder`` (国/公/私), ``pref_code``,
    ``muni_code``, ``unit_code`` (the census unit), ``address``, ``position`` (a position note).
    """
    return _schools().copy()


def credits() -> list[Bilingual]:
    """Credit lines of the census and the school data, as their ``SOURCES.json`` give them in both languages."""
    return [
        Bilingual(str(meta["credit"]), str(meta["credit_en"]))
        for meta in (_manifest(str(POPULATION_DIR)), _manifest(str(TALENT_DIR)))
    ]


def manifest(kind: str) -> dict[str, object]:
    """``SOURCES.json`` of ``population`` or ``talent`` (source, licence, date, processing, counts)."""
    folder = {"population": POPULATION_DIR, "talent": TALENT_DIR}.get(kind)
    if folder is None:
        raise ParameterError("labour_data_kind", kind=kind)
    return dict(_manifest(str(folder)))


def source_rows() -> list[dict[str, object]]:
    """Source rows of the census and the school data, with the keys of ``geo.briefing.boundary_source``."""
    rows: list[dict[str, object]] = []
    for kind, (name_ja, name_en) in SOURCE_NAMES.items():
        meta = _manifest(str(POPULATION_DIR if kind == "population" else TALENT_DIR))
        rows.append(
            {
                "id": meta["id"],
                "name_ja": name_ja,
                "name_en": name_en,
                "source": meta["name"],
                "licence": meta["licence"],
                "date": meta["date"],
                "credit": meta["credit"],
                "credit_en": meta["credit_en"],
            }
        )
    return rows


@functools.cache
def _unit_polygons() -> gpd.GeoDataFrame:
    return census.unit_polygons(regions.municipalities())[["code", "geometry"]]


def unit_polygons(codes: pd.Series | list[str] | None = None) -> gpd.GeoDataFrame:
    """Polygons of the census units (N03-2021, 浜松市 dissolved): ``code`` and geometry (EPSG:4326)."""
    polys = _unit_polygons()
    if codes is None:
        return polys.copy()
    return polys[polys["code"].isin(set(map(str, codes)))].copy()
