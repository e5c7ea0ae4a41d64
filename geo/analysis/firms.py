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
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from geo.domain import PREFECTURES
from geo.errors import FirmDataError
from geo.io.records import Record, json_records
from geo.io.tables import header_lookup, read_table, rename_headers, source_rows
from geo.text import name_key, to_number, to_text

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
_JA = {
    "firm": "企業名",
    "pref_code": "都道府県コード",
    "out_region_sales": "域外販売額",
    "in_region_purchases": "域内仕入額",
}
_PREF_KEYS: dict[str, str] = {}
for _code, _term in PREFECTURES.items():
    _short = _term.ja[:-1] if _term.ja != "北海道" else _term.ja  # 熊本県 → 熊本, 京都府 → 京都
    for _name in (_term.ja, _term.en, _short):
        _PREF_KEYS[name_key(_name)] = _code


@dataclass
class FirmAnalysis:
    """Ranked firms (``RESULT_COLUMNS``), rejected rows (``row``, ``firm``, ``reason``) and the totals used."""

    firms: pd.DataFrame
    rejected: pd.DataFrame
    totals: pd.DataFrame
    totals_source: str  # "table" or "file"
    warnings: list[str] = field(default_factory=list)


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
    return rename_headers(df, _HEADER_KEYS, FirmDataError)


def _require(data: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in data.columns]
    if missing:
        named = ", ".join(f"{c} ({_JA[c]})" for c in missing)
        raise FirmDataError(f"{what} lacks the column(s) {named}; found: {', '.join(map(str, data.columns))}")


def validate_firms(df: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Split rows into (accepted firms with ``FIRM_COLUMNS`` + ``row``, rejected ``row``/``firm``/``reason``).

    ``row`` is the row as Excel shows it (the header is row 1, the first data row 2).
    """
    rows = source_rows(df)  # as Excel shows it: the header is row 1
    data = normalise_firm_columns(df.reset_index(drop=True))
    _require(data, REQUIRED, "the firm table")
    n = len(data)
    reasons: list[list[str]] = [[] for _ in range(n)]

    def flag(mask: Any, messages: str | list[str]) -> None:
        msgs = [messages] * n if isinstance(messages, str) else messages
        for i in np.flatnonzero(np.asarray(mask, dtype=bool)):
            reasons[i].append(msgs[i])

    for col in FIRM_COLUMNS:
        if col not in data.columns:
            data[col] = pd.NA
    out = pd.DataFrame({"firm": to_text(data["firm"])})
    flag(out["firm"].eq(""), "firm name (企業名) is empty")
    pref_text = to_text(data["pref_code"])
    out["pref_code"] = pref_text.map(pref_code_of)
    flag(
        out["pref_code"].isna(),
        [
            f"unknown prefecture '{v}': give a JIS code 01-47 or a name such as 熊本県"
            if v
            else "prefecture (都道府県コード) is missing"
            for v in pref_text
        ],
    )
    for col in FIRM_COLUMNS[2:]:
        values, bad = to_number(data[col])
        text = to_text(data[col])
        flag(bad, [f"{col} '{v}' is not a number" for v in text])
        if col in AMOUNTS:
            flag(values.isna() & ~bad, f"{col} ({_JA[col]}) is missing: give 0 if the firm has none")
        if col != "profit":  # losses are real; negative sales, purchases or staff are not
            flag(values.lt(0).fillna(False), [f"{col} {v:g} is negative" for v in values.fillna(0)])
        out[col] = values
    half = out["lon"].isna() ^ out["lat"].isna()
    flag(half, "only one of lon/lat (経度/緯度) is given: give both or neither")
    out["row"] = rows
    ok = np.array([not r for r in reasons], dtype=bool)
    rejected = pd.DataFrame(
        {
            "row": out["row"][~ok].to_numpy(),
            "firm": out["firm"][~ok].to_numpy(),
            "reason": ["; ".join(r) for r in reasons if r],
        }
    )
    return out.loc[ok].reset_index(drop=True), rejected


def read_totals(path: str | Path) -> pd.DataFrame:
    """A prefecture totals table (``pref_code``, ``out_region_sales``, ``in_region_purchases``), index pref_code.

    Any bad row is a ``FirmDataError`` listing every problem (totals must all be right).
    """
    data = normalise_firm_columns(read_table(path))
    _require(data, ["pref_code", *AMOUNTS], f"the totals table {Path(path).name}")
    codes = to_text(data["pref_code"]).map(pref_code_of)
    problems = [
        f"row {i + 1}: unknown prefecture '{v}'"
        for i, (v, c) in enumerate(zip(to_text(data["pref_code"]), codes, strict=True))
        if c is None
    ]
    out = pd.DataFrame({"pref_code": codes})
    for col in AMOUNTS:
        values, bad = to_number(data[col])
        problems += [
            f"row {i + 1}: {col} '{t}' is not a number or is missing"
            for i in np.flatnonzero((bad | values.isna()).to_numpy())
            for t in [to_text(data[col]).iloc[i]]
        ]
        problems += [f"row {i + 1}: {col} {values.iloc[i]:g} is negative" for i in np.flatnonzero(values.lt(0))]
        out[col] = values
    dup = out["pref_code"].dropna()
    problems += [f"prefecture {c} appears more than once" for c in sorted(set(dup[dup.duplicated()]))]
    if problems:
        raise FirmDataError(f"{Path(path).name}: " + "; ".join(problems))
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
            names = ", ".join(f"{c} {PREFECTURES[c].ja}" for c in missing)
            raise FirmDataError(f"the totals file has no row for prefecture(s) {names}: add them or drop the firms")
        used = totals.loc[codes, AMOUNTS]
    for col in AMOUNTS:
        zero = used.index[used[col].eq(0)]
        if len(zero):
            names = ", ".join(f"{c} {PREFECTURES[c].ja}" for c in zero)
            what = "connector" if col == "out_region_sales" else "hub"
            raise FirmDataError(
                f"prefecture {names}: total {col} ({_JA[col]}) is 0, so the {what} degree cannot be computed; "
                "check the amounts or give a totals file (--totals) with the prefecture's figure"
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
            f"no usable firm rows ({len(rejected)} rejected): "
            + "; ".join(f"row {r}: {w}" for r, w in zip(rejected["row"], rejected["reason"], strict=True))[:800]
        )
    if pref_codes is not None:
        accepted = accepted[accepted["pref_code"].isin(set(pref_codes))]
    used = prefecture_totals(accepted, totals)
    ranked = rank_firms(accepted, used)
    warnings = [
        f"{f} ({c}): {k} {v:.3f} exceeds 1 — the firm's amount is larger than the prefecture total"
        for f, c, k, v in [
            (r.firm, r.pref_code, k, getattr(r, k)) for r in ranked.itertuples() for k in ("connector", "hub")
        ]
        if v > 1
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
