"""Site schema: import, normalise and validate investment sites (CSV / GeoJSON → GeoDataFrame).

A *site* is one announced or planned investment (plan A/B) or a local industry (plan C) at a point.
Files may use English ids or Japanese headers and values; ``validate_sites`` splits the rows into
accepted sites (EPSG:4326, with the prefecture/municipality/block derived from the location) and
rejected rows with a plain-language reason. Every input row ends up in exactly one of the two.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import partial
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import CRS_STORE, to_store_crs
from geo.domain import ALL_FIELDS, FIELDS, LOCAL_CATEGORIES, PLAN_TYPES, STATUSES, Term, in_japan_bbox
from geo.errors import InputFileError, InputFileNotFound
from geo.io.bounded import bounded_read
from geo.io.geojson import restore_cut_text
from geo.io.gis_files import read_gis
from geo.io.reasons import Reason, Reasons
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
from geo.regions import locate_many
from geo.sites.geometry import GEOMETRY_PROBLEM, geometry_rows
from geo.text import FALSE_WORDS, TRUE_WORDS, blank, clip, has_control, name_key, per_distinct, to_number, to_text

#: Columns of a site file, in display order (``lon``/``lat`` in WGS 84 degrees).
SITE_COLUMNS: list[str] = [
    "name",
    "plan_type",
    "field",
    "company",
    "investment_oku_yen",
    "jobs",
    "land_ha",
    "water_m3_day",
    "power_mw",
    "status",
    "address_ja",
    "source_note",
    "is_sample",
    "lon",
    "lat",
]
#: Columns derived from the location, never read from the file.
DERIVED_COLUMNS: list[str] = ["pref_code", "muni_code", "block"]
#: Columns a file must have (each row needs a value in each).
REQUIRED_COLUMNS: list[str] = ["name", "plan_type", "field", "status", "lon", "lat"]
NUMERIC_COLUMNS: list[str] = ["investment_oku_yen", "jobs", "land_ha", "water_m3_day", "power_mw"]
TEXT_COLUMNS: list[str] = ["name", "company", "address_ja", "source_note"]
#: Longest accepted text per column (characters): a name repeats in every tooltip and briefing.
TEXT_LIMITS: dict[str, int] = {"name": 200, "company": 200, "address_ja": 500, "source_note": 2000}
#: Most characters of a coded value (plan type, field, status, yes/no) or a number cell.
CODE_LIMIT = 100

#: Accepted header spellings → schema column (compared after NFKC, case-folding and removing spaces,
#: so full-width/half-width brackets and ``m³``/``m3`` variants all match).
HEADER_ALIASES: dict[str, str] = {
    "名称": "name",
    "名前": "name",
    "サイト名": "name",
    "案件名": "name",
    "プロジェクト名": "name",
    "計画類型": "plan_type",
    "計画種別": "plan_type",
    "類型": "plan_type",
    "plan": "plan_type",
    "分野": "field",
    "戦略分野": "field",
    "産業分野": "field",
    "企業名": "company",
    "企業": "company",
    "事業者": "company",
    "事業者名": "company",
    "投資額（億円）": "investment_oku_yen",
    "投資額": "investment_oku_yen",
    "投資額(億円)": "investment_oku_yen",
    "investment": "investment_oku_yen",
    "雇用": "jobs",
    "雇用者数": "jobs",
    "雇用数": "jobs",
    "雇用（人）": "jobs",
    "用地面積（ha）": "land_ha",
    "用地面積": "land_ha",
    "面積（ha）": "land_ha",
    "工業用水（m3/日）": "water_m3_day",
    "工業用水（m³/日）": "water_m3_day",
    "工業用水": "water_m3_day",
    "用水（m3/日）": "water_m3_day",
    "電力（mw）": "power_mw",
    "電力": "power_mw",
    "電力需要（mw）": "power_mw",
    "状況": "status",
    "ステータス": "status",
    "進捗": "status",
    "住所": "address_ja",
    "所在地": "address_ja",
    "address": "address_ja",
    "出典": "source_note",
    "出典・備考": "source_note",
    "備考": "source_note",
    "source": "source_note",
    "サンプル": "is_sample",
    "sample": "is_sample",
    "経度": "lon",
    "longitude": "lon",
    "lng": "lon",
    "x": "lon",
    "緯度": "lat",
    "latitude": "lat",
    "y": "lat",
}
#: The usual Japanese header of each column (the first alias): how a missing column is named beside its id.
JAPANESE_HEADERS: dict[str, str] = {col: header for header, col in reversed(HEADER_ALIASES.items())}

_HEADER_KEYS: dict[str, str] = header_lookup(HEADER_ALIASES, SITE_COLUMNS + DERIVED_COLUMNS)


def _header_keys(headers: Mapping[str, str] | None) -> dict[str, str]:
    """Key → column for the built-in aliases plus ``headers`` (the app's own labels, ``i18n.column_headers``)."""
    return _HEADER_KEYS if not headers else {**_HEADER_KEYS, **header_lookup(headers, ())}


def _value_map(terms: dict[str, Term], extra: dict[str, str] | None = None) -> dict[str, str]:
    """Key → id for a term table: the id, the Japanese and English names, and ``extra`` synonyms."""
    out: dict[str, str] = {}
    for t in terms.values():
        out[name_key(t.id)] = out[name_key(t.ja)] = out[name_key(t.en)] = t.id
        short = re.sub(r"[（(].*[)）]", "", t.ja)  # マテリアル（重要鉱物・部素材） → マテリアル
        out.setdefault(name_key(short), t.id)
    for k, v in (extra or {}).items():
        out[name_key(k)] = v
    return out


_PLAN_VALUES = _value_map(
    PLAN_TYPES, {"計画a": "A", "計画b": "B", "計画c": "C", "a計画": "A", "b計画": "B", "c計画": "C", "地場産業": "C"}
)
_FIELD_VALUES = _value_map(
    ALL_FIELDS,
    {
        "半導体": "ai_semiconductor",
        "ai": "ai_semiconductor",
        "バイオ": "biotech",
        "宇宙": "aerospace",
        "航空": "aerospace",
        "gx": "energy_gx",
        "エネルギー": "energy_gx",
        "創薬": "pharma_medical",
        "防衛": "defense",
        "伝統工芸": "crafts",
        "食品": "agri_food",
    },
)
_STATUS_VALUES = _value_map(
    STATUSES,
    {
        "計画中": "planned",
        "建設中": "construction",
        "工事中": "construction",
        "稼働中": "operating",
        "操業": "operating",
        "操業中": "operating",
        "構想中": "concept",
        "under construction": "construction",
    },
)
#: Fields allowed per plan type: A uses the 17 strategic fields, B any field or local category
#: (a prefecture plan may cover any industry), C the local-resource categories.
ALLOWED_FIELDS: dict[str, dict[str, Term]] = {"A": FIELDS, "B": ALL_FIELDS, "C": LOCAL_CATEGORIES}


def normalise_columns(df: pd.DataFrame, headers: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Rename recognised headers (English ids, Japanese aliases, ``headers``) to schema columns.

    ``headers`` maps more header texts to columns: the labels the app itself shows and downloads
    (``i18n.sites_edit.column_headers``), so a table saved from the app imports back. Unrecognised
    columns are kept unchanged. Raises ``ValueError`` if two headers map to the same column (e.g.
    both 雇用 and 雇用者数).
    """
    return rename_headers(df, _header_keys(headers))


def _lookup(s: pd.Series, table: dict[str, str]) -> pd.Series:
    """Map cells through a key → id table; unknown or blank → NaN (``name_key`` once per distinct cell)."""
    return per_distinct(s.astype("string").fillna(""), lambda u: u.map(name_key).map(table))


def _choices(terms: dict[str, Term]) -> dict[str, tuple[str, ...]]:
    """The accepted values of a coded column as reason parameters: their names, and the ids of plan types."""
    ids = tuple(terms) if terms is PLAN_TYPES else ()
    return {
        "choices_ja": tuple(t.ja for t in terms.values()),
        "choices_en": tuple(t.en for t in terms.values()),
        "ids": ids,
    }


_TERMS: dict[str, dict[str, Term]] = {"plan_type": PLAN_TYPES, "field": ALL_FIELDS, "status": STATUSES}
#: Per coded column, its accepted values named in Japanese and English (reason parameters).
_CHOICES: dict[str, dict[str, tuple[str, ...]]] = {col: _choices(terms) for col, terms in _TERMS.items()}


def _unknown_term(col: str, given: np.ndarray, i: int) -> Reason:
    return Reason.of("term_unknown", column=col, value=clip(given[i], 40), **_CHOICES[col])


def _not_a_number(col: str, cells: pd.Series, i: int) -> Reason:
    return Reason.of("not_a_number", column=col, value=clip(to_text(cells.iloc[[i]]).iloc[0], 40))


def _negative(col: str, values: np.ndarray, i: int) -> Reason:
    return Reason.of("negative", column=col, value=float(values[i]))


def _too_long(col: str, limit: int, lengths: np.ndarray, i: int) -> Reason:
    return Reason.of("too_long", column=col, length=int(lengths[i]), limit=limit)


def _mismatch(plans: np.ndarray, fields: np.ndarray, i: int) -> Reason:
    plan, field = str(plans[i]), ALL_FIELDS[str(fields[i])]
    allowed = ALLOWED_FIELDS.get(plan, {})
    return Reason.of(
        "field_plan_mismatch",
        plan=plan,
        field_ja=field.ja,
        field_en=field.en,
        allowed_ja=tuple(t.ja for t in allowed.values()),
        allowed_en=tuple(t.en for t in allowed.values()),
    )


def _check_lengths(data: pd.DataFrame, out: pd.DataFrame, why: Reasons) -> None:
    """Text longer than ``TEXT_LIMITS`` and coded or number cells longer than ``CODE_LIMIT`` are refused."""
    for col, limit in TEXT_LIMITS.items():
        text_lengths = out[col].str.len().fillna(0).astype(int).to_numpy()
        why.flag(text_lengths > limit, partial(_too_long, col, limit, text_lengths))
    for col in [c for c in SITE_COLUMNS if c not in TEXT_LIMITS]:
        cell_lengths = data[col].astype("string").fillna("").str.len()
        why.flag(cell_lengths.gt(CODE_LIMIT), Reason.of("cell_too_long", column=col, limit=CODE_LIMIT))


def _control(col: str, found: np.ndarray, i: int) -> Reason:
    char, position = found[i]
    return Reason.of("control_character", column=col, char=char, position=position)


def _check_controls(data: pd.DataFrame, why: Reasons) -> None:
    """Cells holding a control character (NUL, BEL, ESC …; ``geo.text.has_control``) are refused."""
    for col in SITE_COLUMNS:
        found = has_control(data[col])
        why.flag(pd.notna(found), partial(_control, col, found))


def _check_terms(data: pd.DataFrame, out: pd.DataFrame, has: dict[str, bool], why: Reasons) -> None:
    """plan_type, field and status as ids (in ``out``), and whether the field fits the plan type."""
    for col, table in (("plan_type", _PLAN_VALUES), ("field", _FIELD_VALUES), ("status", _STATUS_VALUES)):
        given = to_text(data[col])
        out[col] = _lookup(data[col], table)
        why.flag(given.eq("") & has[col], Reason.of("term_empty", column=col, **_CHOICES[col]))
        why.flag(given.ne("") & out[col].isna(), partial(_unknown_term, col, given.to_numpy()))
    plans, fields = out["plan_type"].to_numpy(dtype=object), out["field"].to_numpy(dtype=object)
    mismatch = np.zeros(len(out), dtype=bool)
    for plan, allowed in ALLOWED_FIELDS.items():
        mismatch |= (plans == plan) & out["field"].notna().to_numpy() & ~out["field"].isin(list(allowed)).to_numpy()
    why.flag(mismatch, partial(_mismatch, plans, fields))


def _check_numbers(data: pd.DataFrame, out: pd.DataFrame, why: Reasons) -> None:
    """``NUMERIC_COLUMNS`` as finite, non-negative floats (NaN where empty), and ``is_sample`` as bool."""
    for col in NUMERIC_COLUMNS:
        values, bad = to_number(data[col])
        finite = np.isfinite(values.fillna(0))
        why.flag(bad, partial(_not_a_number, col, data[col]))
        why.flag(~finite, Reason.of("not_finite", column=col))
        why.flag(values.lt(0).fillna(False), partial(_negative, col, values.to_numpy()))
        out[col] = values.where(finite)
    sample_text = to_text(data["is_sample"])
    sample_key = per_distinct(sample_text, lambda u: u.map(name_key))
    samples = sample_text.to_numpy()
    why.flag(
        ~sample_key.isin(TRUE_WORDS | FALSE_WORDS),
        lambda i: Reason.of("sample_not_bool", value=clip(samples[i], 40)),
    )
    out["is_sample"] = sample_key.isin(TRUE_WORDS).astype(bool)


def _check_coordinates(
    data: pd.DataFrame, has: dict[str, bool], why: Reasons, explained: np.ndarray
) -> tuple[pd.Series, pd.Series, np.ndarray]:
    """(lon, lat, usable): parsed coordinates and where both are finite numbers.

    Missing coordinates are not reported where ``explained`` (a geometry problem already says why).
    """
    lon, lon_bad = to_number(data["lon"])
    lat, lat_bad = to_number(data["lat"])
    bad = (lon_bad | lat_bad).to_numpy()
    if bad.any():
        lon_text, lat_text = to_text(data["lon"]).to_numpy(), to_text(data["lat"]).to_numpy()
        why.flag(
            bad,
            lambda i: Reason.of("coords_not_numbers", lon=clip(lon_text[i], 40), lat=clip(lat_text[i], 40)),
        )
    no_coords = (blank(data["lon"]) | blank(data["lat"])).to_numpy() & ~bad
    why.flag(no_coords & has["lon"] & has["lat"] & ~explained, Reason.of("coords_missing"))
    usable = (np.isfinite(lon) & np.isfinite(lat)).to_numpy()
    x, y = lon.to_numpy(), lat.to_numpy()
    why.flag(~(no_coords | bad | usable), lambda i: Reason.of("coords_not_finite", lon=float(x[i]), lat=float(y[i])))
    return lon, lat, usable


def _outside(lon: float, lat: float, swapped: bool, in_box: bool) -> Reason:
    code = "outside_swapped" if swapped else "outside_sea" if in_box else "outside_far"
    return Reason.of(code, lon=float(lon), lat=float(lat))


def _locate(lon: pd.Series, lat: pd.Series, usable: np.ndarray, why: Reasons) -> dict[str, np.ndarray]:
    """``DERIVED_COLUMNS`` per row from the location (None where unusable or outside Japan)."""
    located = {c: np.full(why.n, None, dtype=object) for c in DERIVED_COLUMNS}
    if usable.any():
        found = locate_many(lon.to_numpy()[usable], lat.to_numpy()[usable])
        for col in DERIVED_COLUMNS:
            vals = found[col].astype(object)
            located[col][usable] = vals.where(vals.notna(), None).to_numpy()
    outside = usable & pd.isna(located["pref_code"])
    swapped = np.zeros(why.n, dtype=bool)
    if outside.any():  # would (lat, lon) be in Japan?
        swapped[outside] = locate_many(lat.to_numpy()[outside], lon.to_numpy()[outside])["pref_code"].notna()
    in_box = in_japan_bbox(lon, lat)
    x, y = lon.to_numpy(), lat.to_numpy()
    why.flag(outside, lambda i: _outside(x[i], y[i], bool(swapped[i]), bool(in_box[i])))
    return located


def validate_sites(df: pd.DataFrame, headers: Mapping[str, str] | None = None) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Split rows into (accepted sites, rejected rows).

    Parameters
    ----------
    df
        Rows with English or Japanese headers (``normalise_columns``, with ``headers``) and text or typed cells.

    Returns
    -------
    (accepted, rejected)
        Accepted: GeoDataFrame in EPSG:4326 with ``SITE_COLUMNS`` + ``DERIVED_COLUMNS`` + point geometry,
        keeping the input index. Rejected: the original rows as given (without ``GEOMETRY_PROBLEM``), plus
        ``row`` (``geo.io.tables.source_rows``: the row as Excel shows it, header = row 1) and ``reason``
        (a tuple of ``geo.io.reasons.Reason``, every problem of the row; ``i18n.reasons`` words them).
        Accepted + rejected = input.
    """
    raw = df.copy()
    data = normalise_columns(df.copy(), headers)
    why = Reasons(len(data))
    missing = [c for c in REQUIRED_COLUMNS if c not in data.columns]
    for col in missing:
        why.flag(np.ones(why.n, bool), Reason.of("column_missing", column=col))
    for col in SITE_COLUMNS:
        if col not in data.columns:
            data[col] = pd.NA
    # every check reads a cell as text first: convert each column once (the checks' own conversions are then no-ops)
    data = data.astype({c: "string" for c in SITE_COLUMNS})
    has = {c: c not in missing for c in REQUIRED_COLUMNS}

    out = pd.DataFrame(index=data.index)
    for col in TEXT_COLUMNS:
        out[col] = to_text(data[col])
    _check_lengths(data, out, why)
    _check_controls(data, why)
    explained = np.zeros(why.n, dtype=bool)
    if GEOMETRY_PROBLEM in data.columns:
        problem = data[GEOMETRY_PROBLEM].to_numpy(dtype=object)
        explained = np.array([isinstance(p, tuple) and len(p) > 0 for p in problem], dtype=bool)
        for i in np.flatnonzero(explained):
            why.rows[i].extend(problem[i])
    invisible = per_distinct(out["name"], lambda u: u.map(name_key)).eq("")  # only zero-width spaces … = empty
    why.flag(invisible & has["name"], Reason.of("name_empty"))
    _check_terms(data, out, has, why)
    _check_numbers(data, out, why)
    lon, lat, usable = _check_coordinates(data, has, why, explained)
    located = _locate(lon, lat, usable, why)
    out["lon"], out["lat"] = lon, lat
    for col in DERIVED_COLUMNS:
        out[col] = located[col]

    ok = why.ok()
    acc = out.loc[ok, SITE_COLUMNS + DERIVED_COLUMNS]
    accepted = gpd.GeoDataFrame(acc, geometry=gpd.points_from_xy(acc["lon"], acc["lat"], crs=CRS_STORE), crs=CRS_STORE)
    rejected = raw.loc[~ok].drop(columns=[GEOMETRY_PROBLEM], errors="ignore")
    rejected["row"] = source_rows(raw)[~ok]
    rejected["reason"] = pd.Series(why.flagged(), index=rejected.index, dtype=object)
    return accepted, rejected


def read_sites_file(
    path: str | Path, display_name: str | None = None, headers: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """Read a site file (CSV in UTF-8/UTF-8-BOM/Shift_JIS/UTF-16, .xlsx, GeoJSON or GeoPackage) as raw text cells.

    For GeoJSON and GeoPackage (layer ``sites`` if there is one, else the first), ``lon``/``lat``
    come from the geometry (see ``geo.sites.geometry`` for MultiPoints and conflicting properties).
    Limits: ``geo.io.tables``; content checks: ``geo.io.gis_files``; a time and memory budget: ``geo.io.bounded``.
    ``display_name`` names the file in messages. Validate with ``validate_sites``; ``headers``: ``normalise_columns``.
    """
    return bounded_read(_read_sites_file, Path(path), display_name, headers, file=shown(path, display_name))


def _read_sites_file(path: Path, display_name: str | None, headers: Mapping[str, str] | None) -> pd.DataFrame:
    if not path.is_file():
        raise InputFileNotFound("file_not_found", file=shown(path, display_name))
    suffix = path.suffix.lower()
    if suffix in {".geojson", ".json", ".gpkg"}:
        check_spatial(path, display_name)
        try:
            layers = gpd.list_layers(path)["name"].tolist() if suffix == ".gpkg" else []
            layer = ("sites" if "sites" in layers else layers[0]) if layers else None
            gdf, _unclosed = read_gis(path, layer=layer)  # a site is a point: a broken polygon has no coordinates
        except Exception:  # pyogrio/GDAL raise several types for broken files
            raise InputFileError("spatial_unreadable", file=shown(path, display_name)) from None
        gdf = to_store_crs(gdf)
        restore_cut_text(gdf, path)  # GDAL cut text at a NUL: put it back, so the row is refused for it
        df = normalise_columns(pd.DataFrame(gdf.drop(columns=gdf.geometry.name)), headers)
        df = geometry_rows(gdf, df.astype(object).where(df.notna(), ""))
        df.index = pd.RangeIndex(1, len(df) + 1, name=FEATURE_ROW)  # QGIS numbers features from 1
        return df.astype(object).where(df.notna(), "")
    if suffix in TABLE_SUFFIXES:
        return read_table(path, display_name)
    raise InputFileError(
        "file_type", file=shown(path, display_name), suffix=clip(suffix, 20), use=".csv, .xlsx, .geojson, .gpkg"
    )
