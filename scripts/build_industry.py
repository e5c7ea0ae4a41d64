"""Build the committed industry data: employees and establishments by JSIC division per municipality, 2021.

Input (never committed): ``<shared data>/industry/ssdse_a_2025/ssdse_a_2025_municipalities.csv`` (SSDSE-A-2025,
2021 経済センサス-活動調査, private establishments; see its SOURCES.md) and the raw N03-2021 boundaries
``<shared data>/boundaries/municipalities_N03-21_210101_s0010.topojson`` (its N03_003 city names find the wards
of the 20 designated cities, which SSDSE gives as whole cities).

Output (committed):
  - ``industry/municipal_2021.parquet``  one row per SSDSE municipality: code, pref_code, name_ja, kind
    (municipality / designated_city), n03_codes (the N03 polygons of the unit), employees and establishments in
    total and per division A–R (counts only; 特化係数 are computed by ``geo.industry`` from these counts)
  - ``industry/SOURCES.json``            source, licence, credit lines, date, processing, checks

Run: ``python scripts/build_industry.py`` (``make data``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import geopandas as gpd
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a plain script from anywhere

from geo import config
from geo.crs import CRS_STORE
from geo.domain import DIVISIONS, PREFECTURES
from geo.industry.data import EMPLOYEE_COLUMNS, ESTABLISHMENT_COLUMNS, MUNICIPAL_FILE
from geo.industry.join import KIND_DESIGNATED_CITY, join_n03
from scripts.build_boundaries import MUNI_FILE, sha256

SSDSE_FILE = Path("industry") / "ssdse_a_2025" / "ssdse_a_2025_municipalities.csv"
#: SSDSE item-code suffix of each division (C2208xx employees, C2108xx establishments; SOURCES.md).
SSDSE_SUFFIX: dict[str, str] = dict(
    zip(
        DIVISIONS,
        ("32", "33", "35", "36", "37", "38", "39", "40", "41", "44", "45", "46", "47", "48", "49", "50", "51", "52"),
    )
)
N_ROWS = 1741
N_DESIGNATED = 20
#: Figures the build must reproduce (SOURCES.md "Checks done").
NATIONAL_EMPLOYEES = 57_937_290
HOKKAIDO_EMPLOYEES, HOKKAIDO_MANUFACTURING = 2_165_390, 187_396
NORTHERN_TERRITORIES = [f"{c:05d}" for c in range(1695, 1701)]
CREDIT = (
    "出典：独立行政法人統計センター『SSDSE-A-2025（教育用標準データセット）』（原データ：総務省・経済産業省"
    "『令和3年経済センサス-活動調査』ほか）を加工して作成（特化係数は本プロジェクトが算出）"
)
CREDIT_EN = (
    "Source: NSTAC, SSDSE-A-2025 (Standardized Statistical Data Set for Education; original data: MIC and METI, "
    "2021 Economic Census for Business Activity), processed by this project (location quotients computed by "
    "this project)."
)


class BuildError(RuntimeError):
    """The raw input is missing or not what this script expects."""


def read_ssdse(path: Path) -> pd.DataFrame:
    """The SSDSE rows with the columns this build uses (counts as int64)."""
    raw = pd.read_csv(path, dtype={"muni_code": str}, encoding="utf-8")
    items = ["C2208", "C2108"] + [f"C2{k}08{s}" for s in SSDSE_SUFFIX.values() for k in ("2", "1")]
    missing = [c for c in ("muni_code", "pref_name", "muni_name", *items) if c not in raw.columns]
    if missing:
        raise BuildError(f"{path}: columns missing: {', '.join(missing)} (see ssdse_a_2025/SOURCES.md)")
    if len(raw) != N_ROWS:
        raise BuildError(f"{path}: expected {N_ROWS} municipality rows, found {len(raw)}")
    counts = raw[items].apply(pd.to_numeric, errors="coerce")
    if counts.isna().any().any() or (counts < 0).any().any():
        raise BuildError(f"{path}: empty, non-numeric or negative counts in the division columns")
    out = pd.DataFrame(
        {
            "code": raw["muni_code"].str.strip().str.zfill(5),
            "pref_code": raw["muni_code"].str.strip().str.zfill(5).str[:2],
            "pref_name": raw["pref_name"].str.strip(),
            "name_ja": raw["muni_name"].str.strip(),
            "employees_total": counts["C2208"].astype("int64"),
            "establishments_total": counts["C2108"].astype("int64"),
        }
    )
    for d, s in SSDSE_SUFFIX.items():
        out[EMPLOYEE_COLUMNS[d]] = counts[f"C2208{s}"].astype("int64")
        out[ESTABLISHMENT_COLUMNS[d]] = counts[f"C2108{s}"].astype("int64")
    wrong = out[out["pref_code"].map(lambda c: PREFECTURES[c].ja if c in PREFECTURES else None) != out["pref_name"]]
    if len(wrong):
        raise BuildError(f"prefecture name disagrees with the code: {', '.join(wrong['code'][:5])}")
    return out


def read_n03(path: Path) -> pd.DataFrame:
    """The N03 attributes (no geometry) of the raw boundary file."""
    raw = gpd.read_file(path, engine="pyogrio", ignore_geometry=True)
    return pd.DataFrame(raw[["N03_001", "N03_003", "N03_004", "N03_007"]])


def build(ssdse_path: Path, n03_path: Path) -> tuple[pd.DataFrame, dict[str, object]]:
    """The municipal table and the checks made on it."""
    table = read_ssdse(ssdse_path)
    joined = join_n03(table.rename(columns={"name_ja": "name"}), read_n03(n03_path))
    if joined.unmatched_table:
        raise BuildError(f"SSDSE rows with no N03 polygon: {', '.join(joined.unmatched_table)}")
    if sorted(joined.unmatched_n03) != NORTHERN_TERRITORIES:
        raise BuildError(f"N03 polygons without a row other than the Northern Territories: {joined.unmatched_n03}")
    table = table.merge(joined.units, on="code", how="left", validate="one_to_one")
    designated = table[table["kind"] == KIND_DESIGNATED_CITY]
    if len(designated) != N_DESIGNATED:
        raise BuildError(f"expected {N_DESIGNATED} designated cities given whole, found {len(designated)}")
    national = int(table["employees_total"].sum())
    hokkaido = table[table["pref_code"] == "01"]
    checks: dict[str, object] = {
        "rows": len(table),
        "national_employees": national,
        "sum_of_divisions": int(table[list(EMPLOYEE_COLUMNS.values())].sum().sum()),
        "rows_where_divisions_do_not_add_up": int(
            (table[list(EMPLOYEE_COLUMNS.values())].sum(axis=1) != table["employees_total"]).sum()
        ),
        "hokkaido_employees": int(hokkaido["employees_total"].sum()),
        "hokkaido_manufacturing": int(hokkaido[EMPLOYEE_COLUMNS["E"]].sum()),
        "designated_cities": {r.code: r.name_ja for r in designated.itertuples()},
    }
    if (national, checks["hokkaido_employees"], checks["hokkaido_manufacturing"]) != (
        NATIONAL_EMPLOYEES,
        HOKKAIDO_EMPLOYEES,
        HOKKAIDO_MANUFACTURING,
    ):
        raise BuildError(f"totals differ from SOURCES.md: {checks}")
    cols = ["code", "pref_code", "name_ja", "kind", "n03_codes", "employees_total", "establishments_total"]
    cols += [*EMPLOYEE_COLUMNS.values(), *ESTABLISHMENT_COLUMNS.values()]
    return table[cols].sort_values("code", ignore_index=True), checks


def write(table: pd.DataFrame, checks: dict[str, object], inputs: list[Path], out_dir: Path) -> None:
    """``municipal_2021.parquet`` and ``SOURCES.json``."""
    out_dir.mkdir(parents=True, exist_ok=True)
    table.to_parquet(out_dir / MUNICIPAL_FILE, index=False, compression="zstd")
    meta: dict[str, object] = {
        "id": "ssdse_a_2025_ecensus_2021",
        "name": "令和3年経済センサス-活動調査 産業大分類別 従業者数・事業所数（民営、市区町村）/ "
        "2021 Economic Census: employees and establishments by JSIC division (private, municipalities)",
        "name_ja": "産業大分類別従業者数・特化係数（経済センサス2021、市区町村）",
        "name_en": "Employees by JSIC division and location quotients (2021 Economic Census, municipalities)",
        "year": 2021,
        "date": "2021-06-01",
        "source": {
            "publisher": "独立行政法人統計センター (NSTAC), SSDSE-A-2025; original data 総務省・経済産業省 "
            "令和3年経済センサス-活動調査 (e-Stat)",
            "url": "https://www.nstac.go.jp/use/literacy/ssdse/",
            "carrier": "somakai-sumasi/map_test SSDSE-A-2025.csv (blob adb7d16f252f80bcfd8ee1c2d522e7405e4994a1)",
            "carrier_commit": "2674fd2b42aadb94f6b3f3538c848dabef4c59a0",
        },
        "licence": "政府標準利用規約（第2.0版） (compatible with CC BY 4.0): credit the source and say it was "
        "processed; NSTAC distributes SSDSE for free use in education and analysis.",
        "credit": CREDIT,
        "credit_en": CREDIT_EN,
        "processing": [
            "counts only (C2208/C2108 and C2208xx/C2108xx); 特化係数 are computed by geo.industry from them, with "
            "the national base = the sum over all 1,741 municipalities of this file",
            "the 20 designated cities are rows for the whole city: their N03-2021 wards are found by prefecture and "
            "city name (N03_001, N03_003) and dissolved into the city (n03_codes lists them)",
            "経済センサス counts private establishments only (no public administration), by place of work",
            f"the 18 divisions add up to {checks['sum_of_divisions']:,} against the total "
            f"{checks['national_employees']:,} (differences in {checks['rows_where_divisions_do_not_add_up']} rows, "
            "the source's own rounding or suppression); shares use the total",
            "N03 polygons without a row: the six Northern Territories villages (01695–01700)",
        ],
        "checks": checks,
        "build_date": dt.date.today().isoformat(),
        "crs": CRS_STORE,
        "inputs": [{"file": p.name, "sha256": sha256(p), "bytes": p.stat().st_size} for p in inputs],
        "outputs": [{"file": MUNICIPAL_FILE, "rows": len(table)}],
    }
    (out_dir / "SOURCES.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Build the processed industry files; returns the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=config.shared_data_dir(), help="raw data folder (%(default)s)")
    ap.add_argument("--out", type=Path, default=config.DATA_DIR, help="output data folder (%(default)s)")
    args = ap.parse_args(argv)
    inputs = [args.src / SSDSE_FILE, args.src / "boundaries" / MUNI_FILE]
    missing = [str(p) for p in inputs if not p.is_file()]
    if missing:
        print(f"build_industry: missing input files: {', '.join(missing)}; set CHIIKI_MAP_SHARED", file=sys.stderr)
        return 2
    try:
        table, checks = build(*inputs)
    except BuildError as exc:
        print(f"build_industry: {exc}", file=sys.stderr)
        return 1
    write(table, checks, inputs, args.out / "industry")
    print(f"industry: {len(table):,} municipalities, {checks['national_employees']:,} employees (2021)")
    print(f"designated cities dissolved from N03 wards: {len(checks['designated_cities'])}")  # type: ignore[arg-type]
    return 0


if __name__ == "__main__":
    sys.exit(main())
