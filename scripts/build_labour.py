"""Build the committed labour-market data: IPSS projections and manufacturing per census unit, prefecture tables.

Input (never committed), under ``<shared data>`` (see each SOURCES.md):
  ``labour/ipss_projection/{muni_projection_ipss2023.csv, pref_projection_ipss2023.csv, code_crosswalk_ipss.csv}``,
  ``industry/estat/muni_employment_2020.csv`` (工業統計 2019 per municipality and ward),
  ``labour/job_openings/pref_job_openings.csv``, ``labour/wages/pref_minimum_wage_2010_2025.csv``,
  ``labour/graduates/pref_graduates.csv``, ``labour/commuting/pref_commuting_census_2000_2020.csv``;
  and the committed census units ``data/population/municipal_2020.parquet`` (build_population.py).

Output (committed) in ``data/labour/``:
  - ``units_outlook.parquet``   per census unit: IPSS population and 15–64, 2020–2050 (浜松 wards summed, 浜通り
    members by their 2020 share of the group), 工業統計 2019 manufacturing establishments and persons engaged
  - ``ipss_prefectures.parquet`` the IPSS prefecture rows (the reference the unit sums are checked against)
  - ``job_openings.parquet``, ``minimum_wage.parquet``, ``hs_leavers.parquet``, ``commuting.parquet``: counts and
    published figures per prefecture and year (shares are computed by ``geo.labour.market`` from the counts)
  - ``SOURCES.json``: per dataset the source, licence, credit lines, years, processing and checks

Run: ``python scripts/build_labour.py`` (``make data``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a plain script from anywhere

from geo import config
from geo.labour.market import FILES as MARKET_FILES
from geo.labour.outlook import IPSS_PREF_FILE, UNITS_FILE
from geo.labour.projection import POP_COLUMNS, WA_COLUMNS, YEARS, JoinError, units_manufacturing, units_projection
from scripts.build_boundaries import sha256
from scripts.labour_sources import DATASETS

IPSS = Path("labour") / "ipss_projection"
RAW = {
    "ipss_muni": IPSS / "muni_projection_ipss2023.csv",
    "ipss_pref": IPSS / "pref_projection_ipss2023.csv",
    "ipss_crosswalk": IPSS / "code_crosswalk_ipss.csv",
    "muni_employment": Path("industry") / "estat" / "muni_employment_2020.csv",
    "job_openings": Path("labour") / "job_openings" / "pref_job_openings.csv",
    "minimum_wage": Path("labour") / "wages" / "pref_minimum_wage_2010_2025.csv",
    "graduates": Path("labour") / "graduates" / "pref_graduates.csv",
    "commuting": Path("labour") / "commuting" / "pref_commuting_census_2000_2020.csv",
}
#: National figures the build must reproduce (the SOURCES.md checks).
IPSS_WA_2020, IPSS_WA_2050 = 75_087_865, 55_402_035
MFG_PERSONS_2019 = 7_778_124
CODES = {"muni_code": str, "pref_code": str, "app_code": str, "ipss_code": str}


class BuildError(RuntimeError):
    """The raw input is missing or not what this script expects."""


def _read(src: Path, key: str) -> pd.DataFrame:
    return pd.read_csv(src / RAW[key], dtype=CODES, encoding="utf-8")


def build_units(src: Path, unit_codes: list[str]) -> tuple[pd.DataFrame, dict[str, object]]:
    """Projection and manufacturing per census unit, with the checks against the IPSS prefecture table."""
    try:
        proj = units_projection(_read(src, "ipss_muni"), _read(src, "ipss_crosswalk"), unit_codes)
        mfg = units_manufacturing(_read(src, "muni_employment"), unit_codes)
    except JoinError as exc:
        raise BuildError(str(exc)) from None
    units = proj.rename(columns={"basis": "ipss_basis", "source_code": "ipss_code", "group_share": "ipss_share"})
    units = units.merge(mfg[["code", "manufacturing_establishments_2019", "manufacturing_persons_2019"]], on="code")
    units.insert(1, "pref_code", units["code"].str[:2])
    pref = ipss_prefectures(src)
    sums = units.groupby("pref_code")[WA_COLUMNS + POP_COLUMNS].sum().reindex(pref.index)
    worst = float((sums - pref[WA_COLUMNS + POP_COLUMNS]).abs().to_numpy().max())
    national = units[WA_COLUMNS].sum()
    checks: dict[str, object] = {
        "units": len(units),
        "bases": {str(k): int(v) for k, v in units["ipss_basis"].value_counts().items()},
        "working_age_2020": round(float(national["working_age_2020"])),
        "working_age_2050": round(float(national["working_age_2050"])),
        "largest_difference_to_ipss_prefecture_table": round(worst, 6),
        "manufacturing_persons_2019": round(float(units["manufacturing_persons_2019"].sum())),
    }
    if worst > 0.5 or (checks["working_age_2020"], checks["working_age_2050"]) != (IPSS_WA_2020, IPSS_WA_2050):
        raise BuildError(f"IPSS sums differ from the prefecture table or the national totals: {checks}")
    if checks["manufacturing_persons_2019"] != MFG_PERSONS_2019:
        raise BuildError(f"manufacturing persons 2019 sum {checks['manufacturing_persons_2019']:,} != 7,778,124")
    return units, checks


def ipss_prefectures(src: Path) -> pd.DataFrame:
    """The IPSS prefecture rows (``pref_code`` index; working age and population per year)."""
    raw = _read(src, "ipss_pref")
    out = pd.DataFrame(index=raw["pref_code"].str.zfill(2).to_numpy())
    for y, wa, pop in zip(YEARS, WA_COLUMNS, POP_COLUMNS, strict=True):
        out[wa] = raw[f"pop_15_64_{y}"].astype(float).to_numpy()
        out[pop] = raw[f"pop_{y}"].astype(float).to_numpy()
    if len(out) != 47:
        raise BuildError(f"IPSS prefecture table has {len(out)} rows, not 47")
    return out[WA_COLUMNS + POP_COLUMNS]


def market_tables(src: Path) -> dict[str, pd.DataFrame]:
    """Tidy per-prefecture tables: the published figures and the counts the shares are computed from."""
    jobs = _read(src, "job_openings")
    wage = _read(src, "minimum_wage")
    grads = _read(src, "graduates")
    comm = _read(src, "commuting")
    tables = {
        "job_openings": jobs[["pref_code", "year", "active_opening_ratio"]].dropna(),
        "minimum_wage": wage[["pref_code", "fiscal_year", "minimum_wage_yen", "effective_date", "source", "note"]],
        "hs_leavers": grads[["pref_code", "year", "hs_graduates", "hs_grad_employed", "hs_grad_employed_in_pref"]]
        .dropna(subset=["hs_grad_employed", "hs_grad_employed_in_pref"])
        .astype({"hs_grad_employed": "int64", "hs_grad_employed_in_pref": "int64"}),
        "commuting": comm[
            ["pref_code", "year", "employed_residents", "work_in_own_muni", "work_in_other_muni_same_pref"]
            + ["work_in_other_pref"]
        ],
    }
    for name, table in tables.items():
        if set(table["pref_code"]) != {f"{i:02d}" for i in range(1, 48)}:
            raise BuildError(f"{name}: not every prefecture has a row")
    return {k: v.sort_values(["pref_code", v.columns[1]], ignore_index=True) for k, v in tables.items()}


def write(out: Path, units: pd.DataFrame, pref: pd.DataFrame, market: dict[str, pd.DataFrame], meta: dict) -> None:
    """Every output file and ``SOURCES.json``."""
    out.mkdir(parents=True, exist_ok=True)
    units.to_parquet(out / UNITS_FILE, index=False, compression="zstd")
    pref.rename_axis("pref_code").reset_index().to_parquet(out / IPSS_PREF_FILE, index=False, compression="zstd")
    for name, table in market.items():
        table.to_parquet(out / MARKET_FILES[name], index=False, compression="zstd")
    (out / "SOURCES.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Build the processed labour-market files; returns the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--src", type=Path, default=config.shared_data_dir(), help="raw data folder (%(default)s)")
    ap.add_argument("--out", type=Path, default=config.DATA_DIR, help="output data folder (%(default)s)")
    args = ap.parse_args(argv)
    census = args.out / "population" / "municipal_2020.parquet"
    missing = [str(args.src / p) for p in RAW.values() if not (args.src / p).is_file()]
    missing += [] if census.is_file() else [f"{census} (run scripts/build_population.py first)"]
    if missing:
        print(f"build_labour: missing input files: {', '.join(missing)}; set CHIIKI_MAP_SHARED", file=sys.stderr)
        return 2
    unit_codes = sorted(pd.read_parquet(census, columns=["code"])["code"].astype(str))
    try:
        units, checks = build_units(args.src, unit_codes)
        pref = ipss_prefectures(args.src)
        market = market_tables(args.src)
    except BuildError as exc:
        print(f"build_labour: {exc}", file=sys.stderr)
        return 1
    datasets = [dict(d) for d in DATASETS]
    for d in datasets:
        d["inputs"] = [
            {"file": str(RAW[k]), "sha256": sha256(args.src / RAW[k]), "bytes": (args.src / RAW[k]).stat().st_size}
            for k in d.pop("raw")  # type: ignore[union-attr]
        ]
    meta = {"build_date": dt.date.today().isoformat(), "datasets": datasets, "checks": checks}
    meta["latest"] = {name: int(np.max(t.iloc[:, 1])) for name, t in market.items()}
    write(args.out / "labour", units, pref, market, meta)
    print(
        f"labour: {len(units):,} units; working age 2020 {checks['working_age_2020']:,} -> 2050 "
        f"{checks['working_age_2050']:,} (IPSS); bases {checks['bases']}"
    )
    print(f"latest years: {meta['latest']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
