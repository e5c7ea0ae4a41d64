"""Build the committed labour-supply data: census units in ``data/population/``, schools in ``data/talent/``.

Input (never committed): ``<shared data>/population/census_muni_2020.csv`` and
``<shared data>/talent/{kosen_campus.csv, school_codes_mext_2023.csv}`` (see their SOURCES.md), plus the
committed N03 boundaries (``data/boundaries/municipalities.parquet``, built by build_boundaries.py).

Output (committed):
  - ``population/municipal_2020.parquet``  one row per municipality / ward (浜松市 as one unit): population,
    working-age estimate, usable shares, representative point (``geo.labour.census``)
  - ``population/SOURCES.json``            source, licence, credit, date, processing, checks
  - ``talent/schools.parquet``             高専 campuses (their coordinates) and universities / junior
    colleges placed at the representative point of their municipality (「市区町村の代表点（概略）」)
  - ``talent/unmatched_schools.csv``       school rows whose address matched no municipality
  - ``talent/SOURCES.json``

Run: ``python scripts/build_population.py`` (``make data``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a plain script from anywhere

from geo import config, regions
from geo.crs import CRS_STORE
from geo.labour.address import match_addresses
from geo.labour.census import HAMAMATSU_CODE, HAMAMATSU_NAME, HAMAMATSU_NOTE, HAMAMATSU_OLD_WARDS, census_units
from geo.labour.data import (
    POPULATION_CREDIT,
    POPULATION_CREDIT_EN,
    POSITION_CAMPUS,
    POSITION_MUNICIPALITY,
    TALENT_CREDIT,
    TALENT_CREDIT_EN,
)
from scripts.build_boundaries import sha256

CENSUS_FILE = "census_muni_2020.csv"
KOSEN_FILE = "kosen_campus.csv"
SCHOOLS_FILE = "school_codes_mext_2023.csv"
CENSUS_TOTAL = 126_146_099
KINDS = {"F1": "university", "F2": "junior_college", "G1": "kosen"}
FOUNDERS = {"1": "国", "2": "公", "3": "私"}


class BuildError(RuntimeError):
    """The raw input is missing or not what this script expects."""


def build_units(census_path: Path) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Census units with representative points, checked against the national total."""
    census = pd.read_csv(census_path, dtype={"muni_code": str, "pref_code": str}, encoding="utf-8")
    units, unmatched = census_units(census, regions.municipalities())
    total = float(census["pop_total"].sum())
    if round(total) != CENSUS_TOTAL or round(float(units["population"].sum())) != CENSUS_TOTAL:
        raise BuildError(
            f"population total {total:,.0f} / units {units['population'].sum():,.0f} != census {CENSUS_TOTAL:,}"
        )
    census_side = unmatched[unmatched["side"] == "census"]
    if len(census_side):
        raise BuildError(f"census rows without a polygon: {', '.join(census_side['code'])}")
    return units, unmatched


def _school_table(path: Path) -> pd.DataFrame:
    raw = pd.read_csv(path, dtype=str, encoding="utf-8-sig").fillna("")
    raw.columns = [str(c).replace("\n", "") for c in raw.columns]
    return pd.DataFrame(
        {
            "school_code": raw["学校コード"].str.strip(),
            "kind": raw["学校種"].str[:2].map(KINDS),
            "pref_code": raw["都道府県番号"].str[:2],
            "founder": raw["設置区分"].str[:1].map(FOUNDERS).fillna(""),
            "closed": raw["本分校"].str.startswith("9"),
            "name": raw["学校名"].str.strip(),
            "address": raw["学校所在地"].str.strip(),
        }
    )


def _unit_of(codes: pd.Series) -> pd.Series:
    return codes.where(~codes.isin(HAMAMATSU_OLD_WARDS), HAMAMATSU_CODE)


def build_schools(src: Path, units: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """(schools placed on the map, school rows that could not be placed with the reason)."""
    munis = regions.municipalities()
    muni_points = dict(zip(munis["code"], shapely.point_on_surface(np.asarray(munis.geometry.values, dtype=object))))
    unit_points = dict(zip(units["code"], units.geometry.values))
    table = _school_table(src / SCHOOLS_FILE)
    table = table[~table["closed"]]
    # university / junior college: address -> municipality -> its representative point
    unis = table[table["kind"].isin(["university", "junior_college"])].copy()
    unis["muni_code"] = match_addresses(
        unis["address"], unis["pref_code"], munis, extra_names=[("22", HAMAMATSU_NAME, HAMAMATSU_CODE)]
    )
    unmatched = unis[unis["muni_code"].isna()].assign(
        reason="住所が市区町村名と一致しない / address matches no municipality"
    )
    unis = unis[unis["muni_code"].notna()].copy()
    unis["unit_code"] = _unit_of(unis["muni_code"].astype(str))
    unis["geometry"] = [muni_points.get(c) or unit_points.get(c) for c in unis["muni_code"]]
    unis["muni_code"] = unis["muni_code"].where(unis["muni_code"] != HAMAMATSU_CODE, None)
    unis["position"] = POSITION_MUNICIPALITY
    unis["note"] = np.where(unis["unit_code"] == HAMAMATSU_CODE, HAMAMATSU_NOTE, "")

    # 高専: campus coordinates from Code for KOSEN; the municipality from the point
    kosen_raw = pd.read_csv(src / KOSEN_FILE, dtype=str, encoding="utf-8-sig").fillna("")
    lon, lat = kosen_raw["lng"].astype(float), kosen_raw["lat"].astype(float)
    where = regions.locate_many(lon, lat)
    founders = kosen_raw["type"].map({"国立": "国", "スーパー高専": "国", "商船": "国", "公立": "公", "私立": "私"})
    kosen = pd.DataFrame(
        {
            "school_code": kosen_raw["scode"].str.strip(),
            "kind": "kosen",
            "pref_code": where["pref_code"],
            "founder": founders.fillna(""),
            "name": kosen_raw["name"].str.strip(),
            "address": kosen_raw["city"].str.strip(),
            "muni_code": where["muni_code"],
            "unit_code": _unit_of(where["muni_code"].astype(str)),
            "geometry": gpd.points_from_xy(lon, lat),
            "position": POSITION_CAMPUS,
            "note": "",
        }
    )
    g1 = set(table.loc[table["kind"] == "kosen", "school_code"])
    missing_g1 = table[(table["kind"] == "kosen") & ~table["school_code"].isin(set(kosen["school_code"]))]
    unmatched = pd.concat(
        [
            unmatched,
            missing_g1.assign(reason="高専の学校コードがキャンパス表にない / kosen code not in the campus file"),
        ]
    )
    if kosen["pref_code"].isna().any() or not g1:
        raise BuildError("a 高専 campus lies outside every prefecture, or the MEXT list has no 高専 rows")
    cols = [
        "school_code",
        "kind",
        "name",
        "founder",
        "pref_code",
        "muni_code",
        "unit_code",
        "address",
        "position",
        "note",
    ]
    schools = pd.concat([kosen[[*cols, "geometry"]], unis[[*cols, "geometry"]]], ignore_index=True)
    out = gpd.GeoDataFrame(schools[cols], geometry=list(schools["geometry"]), crs=CRS_STORE)
    report = unmatched[["school_code", "kind", "pref_code", "name", "address", "reason"]].reset_index(drop=True)
    return out.sort_values(["pref_code", "kind", "school_code"], ignore_index=True), report


def _manifest(meta: dict[str, object], inputs: list[Path], out: Path) -> None:
    meta["build_date"] = dt.date.today().isoformat()
    meta["crs"] = CRS_STORE
    meta["inputs"] = [{"file": p.name, "sha256": sha256(p), "bytes": p.stat().st_size} for p in inputs]
    out.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def write_population(units: gpd.GeoDataFrame, unmatched: pd.DataFrame, census_path: Path, out_dir: Path) -> None:
    """``municipal_2020.parquet`` and its ``SOURCES.json``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    units.to_parquet(out_dir / "municipal_2020.parquet", index=False, compression="zstd")
    boundary_only = unmatched.loc[unmatched["side"] == "boundary", "code"].tolist()
    meta: dict[str, object] = {
        "id": "census_municipal_2020",
        "name": "令和2年国勢調査 市区町村別人口・指標 / 2020 census figures per municipality",
        "source": {
            "publisher": "総務省統計局 (Statistics Bureau of Japan), e-Stat",
            "dataset": "統計でみる市区町村のすがた 2024 (A, C, F, H, J tables) and 令和2年国勢調査",
            "processor": "mu373/election-202602-shugiin data/processed/census_muni.csv",
            "processor_url": "https://github.com/mu373/election-202602-shugiin",
            "processor_commit": "17cc7942790b1baa515171c20ac3e2f5debb9257",
        },
        "licence": "e-Stat content: 政府標準利用規約 第2.0版 (compatible with CC BY 4.0), source credit and a note "
        "that it was processed are required; upstream derived file CC0 1.0.",
        "credit": POPULATION_CREDIT,
        "credit_en": POPULATION_CREDIT_EN,
        "date": "2020-10-01",
        "processing": [
            "working_age = pop_total × (1 − pct_child_under15 − pct_elderly_65): an ESTIMATE (推計); "
            "0 where the population is 0 (双葉町 2020)",
            HAMAMATSU_NOTE,
            "representative point = shapely representative_point() of the N03-2021 polygon (dissolved for 浜松市)",
            "dropped: pct_single_parent (unreliable upstream), the columns empty in every row, and the "
            "items not used for labour supply; female_labor_participation kept as null (empty upstream), never 0",
            f"N03 polygons without a census row (no unit): {', '.join(boundary_only)}",
        ],
        "checks": {"population_total": int(round(float(units["population"].sum()))), "census_total": CENSUS_TOTAL},
        "outputs": [{"file": "municipal_2020.parquet", "rows": len(units)}],
    }
    _manifest(meta, [census_path], out_dir / "SOURCES.json")


def write_talent(schools: gpd.GeoDataFrame, report: pd.DataFrame, src: Path, out_dir: Path) -> None:
    """``schools.parquet``, ``unmatched_schools.csv`` and ``SOURCES.json``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    schools.to_parquet(out_dir / "schools.parquet", index=False, compression="zstd")
    report.to_csv(out_dir / "unmatched_schools.csv", index=False, encoding="utf-8")
    counts = {str(k): int(v) for k, v in schools["kind"].value_counts().sort_index().items()}
    meta: dict[str, object] = {
        "id": "talent_schools",
        "name": "高専キャンパス・大学・短期大学 / KOSEN campuses, universities and junior colleges",
        "source": {
            "kosen": "Code for KOSEN, codeforkosen/kosen-opendata data/kosen_campus.csv (2023-12-12)",
            "schools": "文部科学省 学校コード（令和5年5月1日時点・暫定版） via codeforkosen/kosen-opendata "
            "data/mext/scode.csv",
            "repository_commit": "3e8a7e1b1f491c529ad852a2627d9b170c011f64",
        },
        "licence": "kosen-opendata: MIT License (c) 2020 Taisuke Fukuno; MEXT school codes: 政府標準利用規約 "
        "(compatible with CC BY 4.0). School emblem images are not used.",
        "credit": TALENT_CREDIT,
        "credit_en": TALENT_CREDIT_EN,
        "date": "2023-05-01",
        "processing": [
            f"高専: {POSITION_CAMPUS} — campus coordinates of Code for KOSEN (campus level)",
            f"大学・短大: {POSITION_MUNICIPALITY} — the address (main campus only) matched to an N03 "
            "municipality by name, placed at its representative point; other campuses are not counted",
            "closed schools (本分校 9(廃)) dropped; 高専 rows of the MEXT list replaced by the campus file",
            f"rows that could not be placed: {len(report)} (listed in unmatched_schools.csv)",
            HAMAMATSU_NOTE,
        ],
        "counts": counts,
        "unmatched": len(report),
        "outputs": [
            {"file": "schools.parquet", "rows": len(schools)},
            {"file": "unmatched_schools.csv", "rows": len(report)},
        ],
    }
    _manifest(meta, [src / KOSEN_FILE, src / SCHOOLS_FILE], out_dir / "SOURCES.json")


def main(argv: list[str] | None = None) -> int:
    """Build the processed population and talent files; returns the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=config.shared_data_dir(), help="raw data folder (%(default)s)")
    ap.add_argument("--out", type=Path, default=config.DATA_DIR, help="output data folder (%(default)s)")
    args = ap.parse_args(argv)
    census_path = args.src / "population" / CENSUS_FILE
    talent = args.src / "talent"
    missing = [str(p) for p in (census_path, talent / KOSEN_FILE, talent / SCHOOLS_FILE) if not p.is_file()]
    if missing:
        print(f"build_population: missing input files: {', '.join(missing)}; set CHIIKI_MAP_SHARED", file=sys.stderr)
        return 2
    try:
        units, unmatched_units = build_units(census_path)
        schools, report = build_schools(talent, units)
    except BuildError as exc:
        print(f"build_population: {exc}", file=sys.stderr)
        return 1
    write_population(units, unmatched_units, census_path, args.out / "population")
    write_talent(schools, report, talent, args.out / "talent")
    print(f"units: {len(units):,}, population {units['population'].sum():,.0f}, ")
    print(f"schools placed: {len(schools):,} ({schools['kind'].value_counts().to_dict()})")
    print(f"school rows not placed: {len(report)} (see {args.out / 'talent' / 'unmatched_schools.csv'})")
    for row in report.itertuples():
        print(f"  {row.school_code} {row.name} — {row.address}: {row.reason}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
