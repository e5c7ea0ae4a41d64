"""Build the committed boundary files in ``data/boundaries/`` from the raw SmartNews/N03 copies.

Input (never committed): ``<shared data>/boundaries/`` (see ``geo.config.shared_data_dir()``)
  - ``prefectures_s0010.geojson``                  47 prefectures, JIS order, attribute ``N03_001``
  - ``municipalities_N03-21_210101_s0010.topojson`` 1,906 municipalities/wards (N03 attributes)

Output (committed):
  - ``prefectures.parquet``     code, name_ja, name_en, block, geometry (47 rows)
  - ``municipalities.parquet``  code, name_ja, pref_code, geometry (1,906 rows)
  - ``SOURCES.json``            source, licence, credit lines, data date, build date, input sha256s

Processing: CRS set to EPSG:4326 (the files carry none), geometries repaired with
``shapely.make_valid`` keeping polygonal parts only, coordinates snapped to a 1e-6 degree grid
(about 0.1 m) with ``shapely.set_precision``. Run: ``python scripts/build_boundaries.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # run as a plain script from anywhere

from geo import config, domain
from geo.crs import CRS_STORE
from geo.infra.ksj import ksj_credit

PREF_FILE = "prefectures_s0010.geojson"
MUNI_FILE = "municipalities_N03-21_210101_s0010.topojson"
GRID = 1e-6  # degrees: 6 decimals
N_PREFS = 47
N_MUNIS = 1906
UNASSIGNED = "所属未定地"

CREDIT_JA = (
    ksj_credit("行政区域データ") + "（加工：SmartNews Media Research Institute japan-topography、および本プロジェクト）"
)
CREDIT_EN = (
    "Source: MLIT National Land Numerical Information, Administrative Areas (N03, 2021-01-01), "
    "processed by SmartNews japan-topography and this project."
)


class BuildError(RuntimeError):
    """The raw input is missing or not what this script expects."""


def sha256(path: Path) -> str:
    """Hex sha256 of a file."""
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _polygonal(geom: BaseGeometry | None) -> BaseGeometry | None:
    """Polygon/MultiPolygon made of the polygonal parts of ``geom`` (None if there are none)."""
    if geom is None or geom.is_empty:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = shapely.get_parts(geom)
    polys: list[shapely.Polygon] = []
    for part in parts:
        if part.geom_type == "Polygon":
            polys.append(part)
        elif part.geom_type in ("MultiPolygon", "GeometryCollection"):
            sub = _polygonal(part)
            if sub is not None:
                polys.extend(shapely.get_parts(sub))
    if not polys:
        return None
    return polys[0] if len(polys) == 1 else shapely.MultiPolygon(polys)


def clean_geometries(geoms: gpd.GeoSeries, label: pd.Series) -> gpd.GeoSeries:
    """Valid, polygonal-only geometries with coordinates on a 1e-6 degree grid."""
    arr = shapely.make_valid(np.asarray(geoms.values, dtype=object))
    arr = np.array([_polygonal(g) for g in arr], dtype=object)
    arr = shapely.set_precision(arr, GRID)  # default mode keeps the output valid
    arr = shapely.make_valid(arr)
    arr = np.array([_polygonal(g) for g in arr], dtype=object)
    bad = [str(lbl) for lbl, g in zip(label, arr) if g is None or g.is_empty or not g.is_valid]
    if bad:
        raise BuildError(f"geometries empty or invalid after cleaning: {', '.join(bad[:10])}")
    return gpd.GeoSeries(arr, index=geoms.index, crs=CRS_STORE)


def build_prefectures(path: Path) -> gpd.GeoDataFrame:
    """47 prefectures coded by feature position, names checked against ``geo.domain``."""
    raw = gpd.read_file(path, engine="pyogrio")
    if len(raw) != N_PREFS:
        raise BuildError(f"{path}: expected {N_PREFS} prefecture features, found {len(raw)}")
    raw = raw.set_crs(CRS_STORE, allow_override=True)
    codes = [f"{i:02d}" for i in range(1, N_PREFS + 1)]
    mismatched = [
        f"{code}: file {name!r} != domain {domain.PREFECTURES[code].ja!r}"
        for code, name in zip(codes, raw["N03_001"])
        if name != domain.PREFECTURES[code].ja
    ]
    if mismatched:
        raise BuildError("prefecture order differs from JIS X 0401: " + "; ".join(mismatched))
    out = gpd.GeoDataFrame(
        {
            "code": codes,
            "name_ja": [domain.PREFECTURES[c].ja for c in codes],
            "name_en": [domain.PREFECTURES[c].en for c in codes],
            "block": [domain.block_of(c) for c in codes],
        },
        geometry=clean_geometries(raw.geometry, pd.Series(codes)).values,
        crs=CRS_STORE,
    )
    return out


def build_municipalities(path: Path) -> gpd.GeoDataFrame:
    """1,906 N03 units with 5-digit code, display name and prefecture code."""
    raw = gpd.read_file(path, engine="pyogrio")  # TopoJSON driver; no CRS in the file
    if len(raw) != N_MUNIS:
        raise BuildError(f"{path}: expected {N_MUNIS} municipality features, found {len(raw)}")
    raw = raw.set_crs(CRS_STORE, allow_override=True)
    pref_by_name = {t.ja: code for code, t in domain.PREFECTURES.items()}
    unknown = sorted(set(raw["N03_001"]) - set(pref_by_name))
    if unknown:
        raise BuildError(f"unknown prefecture names in N03_001: {unknown}")
    pref_code = raw["N03_001"].map(pref_by_name)

    code = pd.Series(
        [None if pd.isna(c) else str(c).strip().zfill(5) for c in raw["N03_007"]],
        index=raw.index,
        dtype=object,
    )
    has_code = code.notna()
    if not code[has_code].str.fullmatch(r"\d{5}").all():
        raise BuildError(
            "N03_007 values that are not 5-digit codes: "
            f"{sorted(code[has_code & ~code.fillna('').str.fullmatch(r'[0-9]{5}')])[:10]}"
        )
    if (code[has_code].str[:2] != pref_code[has_code]).any():
        raise BuildError("N03_007 prefix disagrees with the prefecture name N03_001")
    if code[has_code].duplicated().any():
        raise BuildError(f"duplicate N03_007 codes: {sorted(code[code.duplicated() & has_code])[:10]}")
    if (raw.loc[~has_code, "N03_004"] != UNASSIGNED).any():
        raise BuildError(f"rows without N03_007 that are not {UNASSIGNED}")

    county_or_city = raw["N03_003"].fillna("")
    unit = raw["N03_004"].fillna("")
    is_ward = county_or_city.str.endswith("市") & unit.str.endswith("区")  # 政令指定都市の区
    name_ja = unit.where(~is_ward, county_or_city + unit)

    return gpd.GeoDataFrame(
        {"code": code, "name_ja": name_ja, "pref_code": pref_code},
        geometry=clean_geometries(raw.geometry, code.fillna(name_ja)).values,
        crs=CRS_STORE,
    )


def write_sources(out_dir: Path, inputs: dict[str, Path], prefs: int, munis: int) -> Path:
    """Write ``SOURCES.json`` (source, licence, credit, dates, input checksums)."""
    meta = {
        "id": "ksj_n03_boundaries",
        "name": "国土数値情報 行政区域データ (N03) / MLIT Administrative Areas",
        "source": {
            "publisher": "国土交通省 (MLIT) 国土数値情報",
            "dataset": "行政区域データ N03 (N03-21_210101)",
            "url": "https://nlftp.mlit.go.jp/ksj/",
            "processor": "SmartNews Media Research Institute, japan-topography (simplified to 1% of vertices, s0010)",
            "processor_url": "https://github.com/smartnews-smri/japan-topography",
            "processor_commit": "b403e71eb97f1fdf32f63d16bd485129f703855e",
        },
        "licence": "国土数値情報ダウンロードサイトコンテンツ利用規約 (2020-04-01; 政府標準利用規約, "
        "compatible with CC BY 4.0): source citation required; processed data must say so. "
        "SmartNews: free for commercial and non-commercial use.",
        "credit": CREDIT_JA,
        "credit_en": CREDIT_EN,
        "date": "2021-01-01",
        "build_date": dt.date.today().isoformat(),
        "crs": CRS_STORE,
        "processing": [
            "CRS set to EPSG:4326 (source N03 is JGD2011; difference < 1 m)",
            "prefecture codes assigned by feature position (JIS X 0401) and checked against names",
            "designated-city wards named city+ward (e.g. 札幌市中央区)",
            "geometries repaired with shapely.make_valid, polygonal parts only",
            "coordinates snapped to a 1e-6 degree grid (shapely.set_precision)",
        ],
        "inputs": [
            {"file": name, "sha256": sha256(path), "bytes": path.stat().st_size} for name, path in inputs.items()
        ],
        "outputs": [
            {"file": "prefectures.parquet", "rows": prefs},
            {"file": "municipalities.parquet", "rows": munis},
        ],
    }
    path = out_dir / "SOURCES.json"
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Build the processed boundary files; returns the exit status."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--src",
        type=Path,
        default=config.shared_data_dir() / "boundaries",
        help="folder with the raw boundary files (default: %(default)s)",
    )
    ap.add_argument("--out", type=Path, default=config.BOUNDARIES_DIR, help="output folder (default: %(default)s)")
    args = ap.parse_args(argv)

    inputs = {PREF_FILE: args.src / PREF_FILE, MUNI_FILE: args.src / MUNI_FILE}
    missing = [str(p) for p in inputs.values() if not p.is_file()]
    if missing:
        print(
            f"build_boundaries: missing input files: {', '.join(missing)}; set CHIIKI_MAP_SHARED "
            "or --src to the folder holding them (see shared/data/boundaries/SOURCES.md)",
            file=sys.stderr,
        )
        return 2
    try:
        prefs = build_prefectures(inputs[PREF_FILE])
        munis = build_municipalities(inputs[MUNI_FILE])
    except BuildError as exc:
        print(f"build_boundaries: {exc}", file=sys.stderr)
        return 1

    args.out.mkdir(parents=True, exist_ok=True)
    prefs.to_parquet(args.out / "prefectures.parquet", index=False, compression="zstd")
    munis.to_parquet(args.out / "municipalities.parquet", index=False, compression="zstd")
    write_sources(args.out, inputs, len(prefs), len(munis))
    for name in ("prefectures.parquet", "municipalities.parquet", "SOURCES.json"):
        p = args.out / name
        print(f"wrote {p} ({p.stat().st_size:,} B)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
