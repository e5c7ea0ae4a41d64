"""Industrial land (産業用地): one parcel table from OSM, planners' files and the committed sample.

A *parcel* is an industrial estate (工業団地) or a plot of industrial land with ``PARCEL_COLUMNS`` and a
polygon or point geometry in EPSG:4326, plus ``pref_code``/``block`` derived from its location and
``origin`` (``sample``, ``import`` or ``osm``). ``available_ha`` NaN means *unknown*, never zero.

Files planners have (a prefecture's 産業用地 list as CSV/Excel with 経度/緯度, or GeoJSON/GPKG) are
validated by ``load_parcel_file`` and kept by ``import_parcels`` under ``var_dir()/land`` so the app and
the CLI both see them. KSJ L05 (工業用地, 2009) is accepted on a best-effort basis: ``L05_001`` becomes
``source_id`` and ``L05_002`` the name; its area attributes are *not* mapped (their numbering could not
be checked here), so availability from L05 stays unknown.
"""

from __future__ import annotations

import os
import re
import uuid
from functools import partial
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.config import DATA_DIR, var_dir
from geo.crs import CRS_STORE, by_zone, to_store_crs
from geo.errors import InputFileError, InputFileNotFound, ParameterError
from geo.infra import load_layer
from geo.io.bounded import bounded_read
from geo.io.gis_files import read_gis
from geo.io.reasons import Reason, Reasons, cell_reason, technical
from geo.io.tables import (
    FEATURE_ROW,
    TABLE_SUFFIXES,
    check_spatial,
    header_lookup,
    read_table,
    rename_headers,
    shown,
    source_rows,
)
from geo.regions import RegionLike, as_region, locate_many
from geo.text import TRUE_WORDS, clip, name_key, to_number, to_text

#: Columns of the parcel table, in display order (areas in hectares, price in 円/㎡).
PARCEL_COLUMNS: list[str] = [
    "name",
    "total_ha",
    "available_ha",
    "price_yen_m2",
    "status",
    "source",
    "source_id",
    "is_sample",
]
#: Columns derived from the location and the loader.
PARCEL_DERIVED_COLUMNS: list[str] = ["pref_code", "block", "origin"]
PARCEL_NUMERIC_COLUMNS: list[str] = ["total_ha", "available_ha", "price_yen_m2"]
SAMPLE_PARCELS_CSV: Path = DATA_DIR / "land" / "sample_parcels.csv"
SPATIAL_SUFFIXES = (".geojson", ".json", ".gpkg")
FILE_SUFFIXES = (*TABLE_SUFFIXES, *SPATIAL_SUFFIXES)
OSM_SOURCE = "OpenStreetMap (landuse=industrial)"

#: Accepted header spellings → parcel column (compared after NFKC, case-folding and removing spaces).
#: The name given to a parcel without one (a value of the data, shown as the parcel's name).
UNNAMED_PARCEL = "名称なし #{row}"
UNNAMED_OSM_PARCEL = "工業用地（OSM・名称なし）"
HEADER_ALIASES: dict[str, str] = {
    "団地名": "name",
    "工業団地名": "name",
    "産業団地名": "name",
    "名称": "name",
    "用地名": "name",
    "産業用地名": "name",
    "名前": "name",
    "総面積（ha）": "total_ha",
    "総面積": "total_ha",
    "面積（ha）": "total_ha",
    "全体面積（ha）": "total_ha",
    "total_area_ha": "total_ha",
    "分譲可能面積（ha）": "available_ha",
    "分譲可能面積": "available_ha",
    "残区画面積（ha）": "available_ha",
    "残区画面積": "available_ha",
    "未分譲面積（ha）": "available_ha",
    "未分譲面積": "available_ha",
    "空き面積（ha）": "available_ha",
    "available_area_ha": "available_ha",
    "分譲価格（円/㎡）": "price_yen_m2",
    "分譲価格": "price_yen_m2",
    "分譲単価（円/㎡）": "price_yen_m2",
    "価格（円/㎡）": "price_yen_m2",
    "price": "price_yen_m2",
    "状況": "status",
    "分譲状況": "status",
    "ステータス": "status",
    "出典": "source",
    "出典・備考": "source",
    "source_note": "source",
    "id": "source_id",
    "番号": "source_id",
    "管理番号": "source_id",
    "サンプル": "is_sample",
    "sample": "is_sample",
    "経度": "lon",
    "longitude": "lon",
    "lng": "lon",
    "緯度": "lat",
    "latitude": "lat",
    # KSJ L05 工業用地 (best effort, see the module docstring)
    "L05_001": "source_id",
    "L05_002": "name",
}
_HEADER_KEYS = header_lookup(HEADER_ALIASES, [*PARCEL_COLUMNS, "lon", "lat"])


def land_dir() -> Path:
    """Folder of imported parcel files: ``var_dir()/land``."""
    return var_dir() / "land"


def normalise_parcel_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Rename recognised headers to parcel columns; two headers meaning one column is a ``ValueError``."""
    return rename_headers(df, _HEADER_KEYS)


def metric_area_ha(geoms: gpd.GeoSeries) -> pd.Series:
    """Area in hectares of EPSG:4326 geometries, each measured in its own JGD2011 UTM zone (points: 0)."""
    out = pd.Series(np.nan, index=geoms.index)
    for crs, pos in by_zone(geoms.representative_point()):
        out.iloc[pos] = geoms.iloc[pos].to_crs(crs).area.to_numpy() / 10_000.0
    return out


def validate_parcels(
    df: pd.DataFrame,
    geometry: gpd.GeoSeries | None = None,
    source: str = "",
    origin: str = "import",
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Split rows into (accepted parcels, rejected rows with ``row`` and ``reason``).

    Location: ``geometry`` (aligned with ``df``, EPSG:4326) where present, else ``lon``/``lat``.
    Empty names become ``名称なし #row``; a missing ``source`` cell takes ``source``; a missing
    ``source_id`` becomes ``source:row``. Empty availability stays NaN (unknown).
    """
    rows = source_rows(df)  # as Excel shows it (header = row 1), or the feature's number
    raw = df.reset_index(drop=True)
    data = normalise_parcel_columns(raw.copy())
    n = len(data)
    why = Reasons(n)

    for col in [*PARCEL_COLUMNS, "lon", "lat"]:
        if col not in data.columns:
            data[col] = pd.NA
    out = pd.DataFrame(index=data.index)
    name = to_text(data["name"])
    out["name"] = name.where(name.ne(""), pd.Series([UNNAMED_PARCEL.format(row=r) for r in rows], dtype=object))
    for col in PARCEL_NUMERIC_COLUMNS:
        values, bad = to_number(data[col])
        text = to_text(data[col])
        why.flag(bad, partial(cell_reason, "parcel_not_a_number", col, text))
        why.flag(values.lt(0).fillna(False), partial(cell_reason, "negative", col, values))
        out[col] = values.where(np.isfinite(values.fillna(0)))
    over = (out["available_ha"] > out["total_ha"]).fillna(False)
    why.flag(
        over,
        lambda i: Reason.of(
            "parcel_available_over_total",
            available=float(out["available_ha"].iloc[i]),
            total=float(out["total_ha"].iloc[i]),
        ),
    )
    out["status"] = to_text(data["status"])
    src = to_text(data["source"])
    out["source"] = src.where(src.ne(""), source)
    sid = to_text(data["source_id"])
    out["source_id"] = sid.where(sid.ne(""), pd.Series([f"{source}:{r}" for r in rows], dtype=object))
    out["is_sample"] = to_text(data["is_sample"]).map(name_key).isin(TRUE_WORDS).astype(bool)

    lon, lon_bad = to_number(data["lon"])
    lat, lat_bad = to_number(data["lat"])
    points = gpd.GeoSeries(gpd.points_from_xy(lon, lat), index=data.index, crs=CRS_STORE)
    if geometry is not None:
        geom = gpd.GeoSeries(geometry.to_numpy(), index=data.index, crs=CRS_STORE)
        has_geom = (geom.notna() & ~geom.is_empty).to_numpy()
    else:
        geom, has_geom = points, np.zeros(n, dtype=bool)
    geom = geom.where(has_geom, points)
    lon_text, lat_text = to_text(data["lon"]), to_text(data["lat"])
    why.flag(
        ~has_geom & (lon_bad | lat_bad).to_numpy(),
        lambda i: Reason.of("coords_not_numbers", lon=clip(lon_text.iloc[i], 40), lat=clip(lat_text.iloc[i], 40)),
    )
    usable = has_geom | (np.isfinite(lon) & np.isfinite(lat)).to_numpy()
    why.flag(~usable & ~(lon_bad | lat_bad).to_numpy(), Reason.of("parcel_no_location"))
    geom = geom.where(usable, None)
    where = pd.DataFrame({"pref_code": [None] * n, "block": [None] * n}, index=data.index)
    if usable.any():
        pts = geom[usable].representative_point()
        found = locate_many(pts.x.to_numpy(), pts.y.to_numpy())
        where.loc[usable, "pref_code"] = found["pref_code"].to_numpy()
        where.loc[usable, "block"] = found["block"].to_numpy()
    why.flag(usable & where["pref_code"].isna().to_numpy(), Reason.of("parcel_outside_japan"))
    out["pref_code"], out["block"], out["origin"] = where["pref_code"], where["block"], origin

    ok = why.ok()
    accepted = gpd.GeoDataFrame(
        out.loc[ok, PARCEL_COLUMNS + PARCEL_DERIVED_COLUMNS], geometry=geom[ok].to_numpy(), crs=CRS_STORE
    ).reset_index(drop=True)
    rejected = raw.loc[~ok].copy()
    rejected.insert(0, "row", rows[~ok])
    rejected["reason"] = pd.Series(why.flagged(), index=rejected.index, dtype=object)
    return accepted, rejected.reset_index(drop=True)


def read_parcel_file(path: str | Path, display_name: str | None = None) -> tuple[pd.DataFrame, gpd.GeoSeries | None]:
    """Raw rows of a parcel file and, for GeoJSON/GPKG, their geometry in EPSG:4326.

    The size and row limits of ``geo.io.tables`` and the content checks of ``geo.io.gis_files`` apply; the
    reading runs within the budget of ``geo.io.bounded``. ``display_name`` names the file in messages.
    """
    return bounded_read(_read_parcel_file, Path(path), display_name, file=shown(path, display_name))


def _read_parcel_file(path: Path, display_name: str | None) -> tuple[pd.DataFrame, gpd.GeoSeries | None]:
    if not path.is_file():
        raise InputFileNotFound("file_not_found", file=shown(path, display_name))
    suffix = path.suffix.lower()
    if suffix in SPATIAL_SUFFIXES:
        check_spatial(path, display_name)
        try:
            gdf, _unclosed = read_gis(path)  # a parcel whose ring is not closed comes without geometry
        except Exception:  # pyogrio/GDAL raise several types for broken files
            raise InputFileError("spatial_unreadable", file=shown(path, display_name)) from None
        gdf = to_store_crs(gdf)
        table = pd.DataFrame(gdf.drop(columns=gdf.geometry.name))
        table.index = pd.RangeIndex(1, len(table) + 1, name=FEATURE_ROW)  # QGIS numbers features from 1
        return table, gdf.geometry
    if suffix in TABLE_SUFFIXES:
        return read_table(path, display_name), None
    raise InputFileError("file_type", file=shown(path, display_name), suffix=path.suffix, use=", ".join(FILE_SUFFIXES))


def load_parcel_file(
    path: str | Path, source: str | None = None, origin: str = "import", display_name: str | None = None
) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Read and validate a parcel file: (accepted parcels, rejected rows with reasons)."""
    df, geometry = read_parcel_file(path, display_name)
    return validate_parcels(df, geometry, source=source or display_name or Path(path).name, origin=origin)


def _slug(name: str) -> str:
    slug = re.sub(r"[^\w.-]+", "_", name, flags=re.UNICODE).strip("._")
    return slug[:80] or "parcels"


def import_target(path: str | Path, name: str | None = None) -> Path:
    """Where ``import_parcels(path, name=name)`` keeps the parcels: ``land_dir()/<name or stem>.parquet``."""
    return land_dir() / f"{_slug(name or Path(path).stem)}.parquet"


def imported_file(name: str) -> Path:
    """The file of the import ``name`` (one of ``list_imports()``)."""
    return land_dir() / f"{name}.parquet"


def import_parcels(
    path: str | Path, source: str | None = None, name: str | None = None
) -> tuple[Path, gpd.GeoDataFrame, pd.DataFrame]:
    """Validate ``path`` and keep its accepted parcels as ``land_dir()/<name>.parquet`` (atomic write).

    ``name`` defaults to the file's stem; importing a file of the same name replaces the earlier import.
    Returns (stored file, accepted, rejected). No accepted row is a ``ValueError`` listing the reasons.
    """
    path = Path(path)
    accepted, rejected = load_parcel_file(path, source=source)
    if accepted.empty:
        raise InputFileError(
            "parcels_no_rows",
            file=path.name,
            n=len(rejected),
            rejected_rows=tuple(rejected["row"]),
            rejected_reasons=tuple(rejected["reason"]),
        )
    target = import_target(path, name)
    folder = target.parent
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f".{target.stem}.{uuid.uuid4().hex[:8]}.tmp"
    try:
        accepted.to_parquet(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target, accepted, rejected


def list_imports() -> list[str]:
    """Names of the imported parcel files (stems under ``land_dir()``), sorted."""
    folder = land_dir()
    return sorted(p.stem for p in folder.glob("*.parquet") if not p.name.startswith(".")) if folder.is_dir() else []


def remove_import(name: str) -> None:
    """Delete one imported parcel file; an unknown name is a ``ValueError`` listing the imports."""
    if name not in list_imports():
        raise ParameterError("land_no_import", name=name, imported=", ".join(list_imports()) or "-")
    imported_file(name).unlink()


def imported_parcels() -> gpd.GeoDataFrame:
    """All imported parcels (``origin`` = ``import``)."""
    frames = [gpd.read_parquet(land_dir() / f"{n}.parquet") for n in list_imports()]
    return concat_parcels(frames)


def sample_parcels(path: Path = SAMPLE_PARCELS_CSV) -> gpd.GeoDataFrame:
    """The committed, labelled sample estates (``origin`` = ``sample``); a bad row is a ``ValueError``."""
    accepted, rejected = load_parcel_file(path, source="sample", origin="sample")
    if len(rejected):
        raise ValueError(f"{path}: sample rows rejected: {[technical(w) for w in rejected['reason']]}")  # a bug
    return accepted


def osm_parcels(region: RegionLike | None = None) -> gpd.GeoDataFrame:
    """``landuse=industrial`` from the ``industrial_land`` layer.

    Total ha from the polygon area; availability unknown.
    """
    layer = load_layer("industrial_land", region)
    if layer.empty:
        return concat_parcels([])
    names = layer["name"].astype("string").fillna("").str.strip()
    df = pd.DataFrame(
        {
            "name": names.where(names.ne(""), UNNAMED_OSM_PARCEL).astype(object),
            "total_ha": metric_area_ha(layer.geometry).where(layer.geometry.geom_type.str.contains("Polygon")),
            "available_ha": np.nan,
            "price_yen_m2": np.nan,
            "status": "",
            "source": OSM_SOURCE,
            "source_id": layer["source_id"].astype(str),
            "is_sample": False,
        }
    )
    return validate_parcels(df, layer.geometry, source=OSM_SOURCE, origin="osm")[0]


def concat_parcels(frames: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """Parcel frames stacked (``PARCEL_COLUMNS`` + ``PARCEL_DERIVED_COLUMNS`` + geometry).

    No frames give a typed empty frame.
    """
    frames = [f for f in frames if len(f)]
    if not frames:
        empty = pd.DataFrame(
            {
                c: pd.Series(dtype=float if c in PARCEL_NUMERIC_COLUMNS else object)
                for c in PARCEL_COLUMNS + PARCEL_DERIVED_COLUMNS
            }
        )
        return gpd.GeoDataFrame(empty, geometry=gpd.GeoSeries([], crs=CRS_STORE), crs=CRS_STORE)
    gdf = pd.concat([f[PARCEL_COLUMNS + PARCEL_DERIVED_COLUMNS + ["geometry"]] for f in frames], ignore_index=True)
    return gpd.GeoDataFrame(gdf, geometry="geometry", crs=CRS_STORE)


def load_parcels(
    region: RegionLike | None = None, *, sample: bool = True, imported: bool = True, osm: bool = True
) -> gpd.GeoDataFrame:
    """Parcels from the chosen origins within ``region`` (a ``Region`` or spec; None = all), EPSG:4326."""
    reg = None if region is None else as_region(region)
    frames = [
        sample_parcels() if sample else None,
        imported_parcels() if imported else None,
        osm_parcels(reg) if osm else None,
    ]
    parcels = concat_parcels([f for f in frames if f is not None])
    if reg is not None and hasattr(reg, "pref_codes"):
        parcels = parcels[parcels["pref_code"].isin(reg.pref_codes)].reset_index(drop=True)
    return parcels
