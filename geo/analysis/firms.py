"""Priority firms for plan B (地域産業クラスター計画): connector and hub degree (DOMAIN.md).

- connector degree (コネクター度) = firm's out-of-region sales / its prefecture's out-of-region sales
- hub degree (ハブ度) = firm's in-region purchases / its prefecture's in-region purchases

Prefecture totals are the sums over the firm table unless a totals table is given (then the degrees
are shares of the prefecture's economy, not of the listed firms). **Ranking rule**: by
``score`` = connector + hub, highest first; ties by connector, then by firm name. ``rank`` is over the
whole table, ``pref_rank`` within the firm's prefecture.

Rows with a missing, non-numeric or negative amount (or no firm name / unknown prefecture) are
reported with their row number and reason in ``rejected``, never dropped silently. A prefecture whose
total is zero raises ``FirmDataError`` naming the prefecture.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import numpy as np
import pandas as pd

from geo.domain import PREFECTURES
from geo.errors import FirmDataError
from geo.io.reasons import Reason, Reasons, cell_reason
from geo.io.records import Record, json_records
from geo.io.tables import header_lookup, read_table, rename_headers, source_rows
from geo.text import clip, name_key, to_number, to_text

FIRM_COLUMNS: list[str] = [
    "firm",
    "pref_code",
    "out_region_sales",
    "in_region_purchases",
    "lon",
    "lat",
    "employees",
    "profit",
]
REQUIRED: list[str] = ["firm", "pref_code", "out_region_sales", "in_region_purchases"]
AMOUNTS: list[str] = ["out_region_sales", "in_region_purchases"]
RESULT_COLUMNS: list[str] = [
    "rank",
    "pref_rank",
    "firm",
    "pref_code",
    "pref_name_ja",
    "connector",
    "hub",
    "score",
    "out_region_sales",
    "in_region_purchases",
    "employees",
    "profit",
    "lon",
    "lat",
    "row",
]
#: Keys of one firm in machine-readable output (CLI ``--json``).
JSON_KEYS: list[str] = ["firm", "pref_code", "connector", "hub", "rank"]

HEADER_ALIASES: dict[str, str] = {
    "企業名": "firm",
    "事業者名": "firm",
    "会社名": "firm",
    "企業": "firm",
    "name": "firm",
    "company": "firm",
    "都道府県コード": "pref_code",
    "県コード": "pref_code",
    "都道府県": "pref_code",
    "pref": "pref_code",
    "域外販売額": "out_region_sales",
    "域外販売額（百万円）": "out_region_sales",
    "域内仕入額（百万円）": "in_region_purchases",
    "域外売上高": "out_region_sales",
    "域外売上額": "out_region_sales",
    "域外販売": "out_region_sales",
    "域内仕入額": "in_region_purchases",
    "域内調達額": "in_region_purchases",
    "域内仕入": "in_region_purchases",
    "域内調達": "in_region_purchases",
    "従業員数": "employees",
    "従業者数": "employees",
    "利益": "profit",
    "営業利益": "profit",
    "経度": "lon",
    "longitude": "lon",
    "lng": "lon",
    "緯度": "lat",
    "latitude": "lat",
}
_HEADER_KEYS = header_lookup(HEADER_ALIASES, FIRM_COLUMNS)
#: The Japanese header of each column a firm table must have (named in messages beside the column id).
HEADERS_JA = {
    "firm": "企業名",
    "pref_code": "都道府県コード",
    "out_region_sales": "域外販売額",
    "in_region_purchases": "域内仕入額",
}
_PREF_KEYS: dict[str, str] = {
    name_key(name): code
    for code, term in PREFECTURES.items()
    for name in (term.ja, term.en, term.ja if term.ja == "北海道" else term.ja[:-1])  # 熊本県 → 熊本
}


@dataclass
class FirmAnalysis:
    """Ranked firms (``RESULT_COLUMNS``), rejected rows (``row``, ``firm``, ``reason``) and the totals used."""

    firms: pd.DataFrame
    rejected: pd.DataFrame
    totals: pd.DataFrame
    totals_source: str  # "table" or "file"
    warnings: list[Reason] = field(default_factory=list)  # a degree over 1 (``share_over_one``), worded by i18n


def pref_code_of(value: object) -> str | None:
    """JIS code from ``43``, ``"43"``, ``"43.0"``, ``"熊本県"``, ``"熊本"`` or ``"Kumamoto"``; None if unknown."""
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if text.endswith(".0"):
        text = text[:-2]
    if text.isascii() and text.isdigit():
        code = f"{int(text):02d}"
        return code if code in PREFECTURES else None
    return _PREF_KEYS.get(name_key(text))


def normalise_firm_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Rename recognised headers (English ids or Japanese) to firm columns; duplicates are an error."""
    return rename_headers(df, _HEADER_KEYS)


def _require(data: pd.DataFrame, columns: list[str], totals_file: str | None = None) -> None:
    """``FirmDataError`` naming the columns the firm table (or the totals table ``totals_file``) lacks."""
    missing = [c for c in columns if c not in data.columns]
    if missing:
        raise FirmDataError(
            "firm_columns" if totals_file is None else "totals_columns",
            file=totals_file or "",
            columns=", ".join(f"{c} ({HEADERS_JA[c]})" for c in missing),
            found=", ".join(map(str, data.columns)),
        )


def validate_firms(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split rows into (accepted firms with ``FIRM_COLUMNS`` + ``row``, rejected ``row``/``firm``/``reason``).

    ``row`` is the row as Excel shows it (the header is row 1, the first data row 2).
    """
    rows = source_rows(df)  # as Excel shows it: the header is row 1
    data = normalise_firm_columns(df.reset_index(drop=True))
    _require(data, REQUIRED)
    why = Reasons(len(data))
    for col in FIRM_COLUMNS:
        if col not in data.columns:
            data[col] = pd.NA
    out = pd.DataFrame({"firm": to_text(data["firm"])})
    why.flag(out["firm"].eq(""), Reason.of("firm_name_empty"))
    pref_text = to_text(data["pref_code"])
    out["pref_code"] = pref_text.map(pref_code_of)
    why.flag(out["pref_code"].isna() & pref_text.eq(""), Reason.of("firm_pref_missing"))
    unknown = out["pref_code"].isna() & pref_text.ne("")
    why.flag(unknown, lambda i: Reason.of("firm_pref_unknown", value=clip(pref_text.iloc[i], 40)))
    for col in FIRM_COLUMNS[2:]:
        values, bad = to_number(data[col])
        text = to_text(data[col])
        why.flag(bad, partial(cell_reason, "not_a_number", col, text))
        if col in AMOUNTS:
            why.flag(values.isna() & ~bad, Reason.of("firm_amount_missing", column=col, header=HEADERS_JA[col]))
        if col != "profit":  # losses are real; negative sales, purchases or staff are not
            why.flag(values.lt(0).fillna(False), partial(cell_reason, "negative", col, values))
        out[col] = values
    why.flag(out["lon"].isna() ^ out["lat"].isna(), Reason.of("firm_lonlat_half"))
    out["row"] = rows
    ok = why.ok()
    rejected = pd.DataFrame(
        {"row": out["row"][~ok].to_numpy(), "firm": out["firm"][~ok].to_numpy(), "reason": why.flagged()}
    )
    return out.loc[ok].reset_index(drop=True), rejected


def read_totals(path: str | Path) -> pd.DataFrame:
    """A prefecture totals table (``pref_code``, ``out_region_sales``, ``in_region_purchases``), index pref_code.

    Any bad row is a ``FirmDataError`` listing every problem (totals must all be right).
    """
    data = normalise_firm_columns(read_table(path))
    _require(data, ["pref_code", *AMOUNTS], Path(path).name)
    rows = source_rows(data)
    texts = to_text(data["pref_code"])
    codes = texts.map(pref_code_of)
    problems = [
        Reason.of("totals_pref_unknown", row=int(rows[i]), value=clip(texts.iloc[i], 40))
        for i in np.flatnonzero(codes.isna().to_numpy())
    ]
    out = pd.DataFrame({"pref_code": codes})
    for col in AMOUNTS:
        values, bad = to_number(data[col])
        cells = to_text(data[col])
        problems += [
            Reason.of("totals_not_a_number", row=int(rows[i]), column=col, value=clip(cells.iloc[i], 40))
            for i in np.flatnonzero((bad | values.isna()).to_numpy())
        ]
        problems += [
            Reason.of("totals_negative", row=int(rows[i]), column=col, value=float(values.iloc[i]))
            for i in np.flatnonzero(values.lt(0))
        ]
        out[col] = values
    dup = out["pref_code"].dropna()
    problems += [Reason.of("totals_pref_twice", pref=c) for c in sorted(set(dup[dup.duplicated()]))]
    if problems:
        raise FirmDataError("totals_invalid", file=Path(path).name, problems=tuple(problems))
    return out.set_index("pref_code")


def prefecture_totals(firms: pd.DataFrame, totals: pd.DataFrame | None = None) -> pd.DataFrame:
    """Totals per ``pref_code`` of the firms' prefectures: from ``totals`` if given, else sums over ``firms``.

    A prefecture missing from ``totals`` or with a zero total raises ``FirmDataError`` naming it.
    """
    codes = sorted(set(firms["pref_code"]))
    if totals is None:
        used = firms.groupby("pref_code")[AMOUNTS].sum().reindex(codes)
    else:
        missing = [c for c in codes if c not in totals.index]
        if missing:
            raise FirmDataError("totals_pref_missing", prefs=tuple(PREFECTURES[c] for c in missing))
        used = totals.loc[codes, AMOUNTS]
    for col in AMOUNTS:
        zero = used.index[used[col].eq(0)]
        if len(zero):
            raise FirmDataError(
                "totals_zero_connector" if col == "out_region_sales" else "totals_zero_hub",
                prefs=tuple(PREFECTURES[c] for c in zero),
                column=col,
                header=HEADERS_JA[col],
            )
    return used


def rank_firms(firms: pd.DataFrame, totals: pd.DataFrame) -> pd.DataFrame:
    """Connector, hub, score and ranks (see the module docstring for the rule); ``RESULT_COLUMNS``."""
    out = firms.copy()
    out["connector"] = out["out_region_sales"] / out["pref_code"].map(totals["out_region_sales"])
    out["hub"] = out["in_region_purchases"] / out["pref_code"].map(totals["in_region_purchases"])
    out["score"] = (out["connector"] + out["hub"]).round(12)
    out["_c"] = out["connector"].round(12)
    out = out.sort_values(["score", "_c", "firm"], ascending=[False, False, True], kind="stable", ignore_index=True)
    out["rank"] = np.arange(1, len(out) + 1)
    out["pref_rank"] = out.groupby("pref_code").cumcount() + 1
    out["pref_name_ja"] = out["pref_code"].map(lambda c: PREFECTURES[c].ja)
    return out[RESULT_COLUMNS]


def analyse_firms(
    firm_table: pd.DataFrame, totals: pd.DataFrame | None = None, pref_codes: Iterable[str] | None = None
) -> FirmAnalysis:
    """Validate, total and rank a raw firm table; ``totals`` as returned by ``read_totals``.

    ``pref_codes`` keeps the firms of those prefectures (a region); degrees are per prefecture, so they
    do not change, and the ranks are within the region.
    """
    accepted, rejected = validate_firms(firm_table)
    if accepted.empty:
        raise FirmDataError(
            "firms_no_rows",
            n=len(rejected),
            rejected_rows=tuple(rejected["row"]),
            rejected_reasons=tuple(rejected["reason"]),
        )
    if pref_codes is not None:
        accepted = accepted[accepted["pref_code"].isin(set(pref_codes))]
    used = prefecture_totals(accepted, totals)
    ranked = rank_firms(accepted, used)
    warnings = [
        Reason.of(f"share_over_one_{k}", firm=str(r.firm), pref=str(r.pref_code), value=float(getattr(r, k)))
        for r in ranked.itertuples()
        for k in ("connector", "hub")
        if getattr(r, k) > 1
    ]
    return FirmAnalysis(ranked, rejected, used.reset_index(), "table" if totals is None else "file", warnings)


def analyse_firm_files(
    path: str | Path, totals_path: str | Path | None = None, pref_codes: Iterable[str] | None = None
) -> FirmAnalysis:
    """``analyse_firms`` on a CSV (UTF-8 / CP932) or .xlsx firm table and an optional totals table."""
    totals = read_totals(totals_path) if totals_path else None
    return analyse_firms(read_table(path), totals, pref_codes)


def firms_records(firms: pd.DataFrame) -> list[Record]:
    """JSON-ready firms: ``JSON_KEYS`` first, then score, pref_rank, amounts (NaN → None)."""
    keys = [*JSON_KEYS, "pref_rank", "score", "out_region_sales", "in_region_purchases", "lon", "lat"]
    return json_records(firms, keys)
