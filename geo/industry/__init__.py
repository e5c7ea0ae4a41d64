"""Industry structure (産業構造): employees by JSIC division and 特化係数 per municipality, prefecture, block.

Public API: ``structure(level)`` → :class:`Structure` (every unit of the level, the national base taken
over all of them), ``in_region`` to keep a region's units, ``region_divisions(region)`` for one region as
a whole (a prefecture, a block or Japan), ``top_divisions`` and ``structure_records`` (the JSON of
``chiiki-map industry``). The counts are the 2021 経済センサス-活動調査 (private establishments) per
municipality; designated cities are whole cities (their N03 wards dissolved, ``kind`` says so).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from geo.domain import BLOCKS, DIVISIONS, PREFECTURES, block_of
from geo.errors import ParameterError
from geo.industry import data
from geo.industry.join import KIND_DESIGNATED_CITY, KIND_MUNICIPALITY
from geo.industry.quotient import Quotients, aggregate, location_quotients
from geo.io.records import Record, plain
from geo.regions import Region

Level = Literal["municipality", "prefecture", "block"]
LEVELS: tuple[Level, ...] = ("municipality", "prefecture", "block")
#: Division letters A–R in order.
DIVISION_IDS: tuple[str, ...] = tuple(DIVISIONS)
#: Digits of shares and quotients in JSON.
SHARE_DIGITS, LQ_DIGITS = 5, 3


@dataclass(frozen=True)
class Structure:
    """Every unit of one level with its counts, shares and 特化係数.

    ``units``: ``code``, ``name_ja``, ``name_en``, ``pref_code``, ``block``, ``kind``, ``n03_codes``;
    ``q``: the quotients (index = ``code``, columns = division letters).
    """

    level: Level
    year: int
    units: pd.DataFrame
    q: Quotients


@dataclass(frozen=True)
class DivisionFigure:
    """One division of one unit: employees, share of the unit's employees and 特化係数 (None = unknown)."""

    division: str
    employees: int | None
    share: float | None
    lq: float | None


def check_level(level: str) -> Level:
    """``level`` if it is one of ``LEVELS``; ``ParameterError("industry_level_unknown")`` otherwise."""
    for known in LEVELS:
        if level == known:
            return known
    raise ParameterError("industry_level_unknown", value=str(level), levels=", ".join(LEVELS))


def check_division(division: str) -> str:
    """The division letter (A–R, any case); ``ParameterError("industry_division_unknown")`` otherwise."""
    letter = str(division).strip().upper()
    if letter not in DIVISIONS:
        raise ParameterError("industry_division_unknown", value=str(division))
    return letter


def _municipal() -> tuple[pd.DataFrame, pd.DataFrame, pd.Series]:
    table = data.municipal_counts().set_index("code", drop=False)
    table.index.name = None
    employees = table[[data.EMPLOYEE_COLUMNS[d] for d in DIVISIONS]].set_axis(list(DIVISIONS), axis=1)
    return table, employees, table["employees_total"]


def _grouped(table: pd.DataFrame, level: Level) -> tuple[pd.DataFrame, pd.Series]:
    """The unit table of a prefecture or block level and the municipality → unit key."""
    pref = table["pref_code"].astype(str)
    key = pref if level == "prefecture" else pref.map(block_of)
    names = PREFECTURES if level == "prefecture" else BLOCKS
    codes = [c for c in names if c in set(key)]
    units = pd.DataFrame(
        {
            "code": codes,
            "name_ja": [names[c].ja for c in codes],
            "name_en": [names[c].en for c in codes],
            "pref_code": codes if level == "prefecture" else None,
            "block": [block_of(c) for c in codes] if level == "prefecture" else codes,
            "kind": level,
            "n03_codes": None,
        },
        index=codes,
    )
    return units, key


def structure(level: str = "municipality") -> Structure:
    """Counts, shares and 特化係数 of every unit of ``level`` (the national base over all of them).

    Parameters
    ----------
    level
        ``municipality`` (designated cities as whole cities), ``prefecture`` or ``block`` (METI blocks).

    Returns
    -------
    Structure
        Prefectures and blocks sum their municipalities; the base is the same national sum at every level.
    """
    lvl = check_level(level)
    table, employees, totals = _municipal()
    if lvl == "municipality":
        units = table[["code", "name_ja", "pref_code", "kind", "n03_codes"]].copy()
        units["name_en"] = None
        units["block"] = units["pref_code"].map(block_of)
    else:
        units, key = _grouped(table, lvl)
        employees, totals = aggregate(employees, totals, key)
        employees, totals = employees.reindex(units.index), totals.reindex(units.index)
    return Structure(lvl, data.year(), units, location_quotients(employees, totals))


def in_region(st: Structure, region: Region) -> Structure:
    """The units of ``st`` inside ``region`` (its prefectures; for blocks, the blocks of its prefectures)."""
    prefs = set(region.pref_codes)
    if st.level == "block":
        keep = st.units["code"].isin({block_of(p) for p in prefs})
    else:
        keep = st.units["pref_code"].isin(prefs)
    idx = st.units.index[keep.to_numpy()]
    q = st.q
    sub = Quotients(q.employees.loc[idx], q.totals.loc[idx], q.share.loc[idx], q.lq.loc[idx], q.national_share)
    return Structure(st.level, st.year, st.units.loc[idx], sub)


def region_divisions(pref_codes: Iterable[str]) -> tuple[int | None, list[DivisionFigure]]:
    """One area made of whole prefectures (a prefecture, a block, Japan) as a single unit.

    Returns its total employees and every division's figures, the national base being all municipalities.
    """
    table, employees, totals = _municipal()
    inside = table["pref_code"].astype(str).isin(set(map(str, pref_codes)))
    key = pd.Series(np.where(inside, "area", "rest"), index=table.index)
    summed, total = aggregate(employees, totals, key)
    q = location_quotients(summed, total)
    return _int(q.totals.get("area")), figures(q, "area") if "area" in q.lq.index else []


def _int(value: object) -> int | None:
    x = plain(value)
    return None if x is None else int(round(float(x)))  # type: ignore[arg-type]


def _float(value: object, digits: int) -> float | None:
    x = plain(value, digits)
    return None if x is None else float(x)  # type: ignore[arg-type]


def figures(q: Quotients, code: str, divisions: Iterable[str] = DIVISION_IDS) -> list[DivisionFigure]:
    """The figures of unit ``code`` for ``divisions`` (letters, in that order)."""
    return [
        DivisionFigure(
            d,
            _int(q.employees.at[code, d]),
            _float(q.share.at[code, d], SHARE_DIGITS),
            _float(q.lq.at[code, d], LQ_DIGITS),
        )
        for d in divisions
    ]


def top_divisions(items: list[DivisionFigure], n: int = 5) -> list[DivisionFigure]:
    """The ``n`` most specialised divisions (highest 特化係数, then most employees); unknown LQs last."""
    ranked = sorted(items, key=lambda f: (f.lq is None, -(f.lq or 0.0), -(f.employees or 0)))
    return ranked[:n]


def structure_records(st: Structure, division: str | None = None) -> list[Record]:
    """``units`` of ``chiiki-map industry --json``: ``code``, ``name``, ``employees_total``, ``divisions``.

    ``divisions`` is keyed by letter (only ``division`` when given), each ``{employees, share, lq}``;
    then ``kind`` (``designated_city`` for a whole designated city) and ``n03_codes`` (its N03 polygons).
    """
    letters = (check_division(division),) if division else DIVISION_IDS
    out: list[Record] = []
    for code, row in st.units.iterrows():
        figs = figures(st.q, str(code), letters)
        rec: Record = {
            "code": str(code),
            "name": row["name_ja"],
            "employees_total": _int(st.q.totals.get(code)),
            "divisions": {f.division: {"employees": f.employees, "share": f.share, "lq": f.lq} for f in figs},
            "kind": row["kind"],
        }
        if st.level == "municipality":
            rec["pref_code"] = row["pref_code"]
            rec["n03_codes"] = [str(c) for c in row["n03_codes"]]
        else:
            rec["name_en"] = row["name_en"]
        out.append(rec)
    return out


__all__ = [
    "DIVISION_IDS",
    "KIND_DESIGNATED_CITY",
    "KIND_MUNICIPALITY",
    "LEVELS",
    "DivisionFigure",
    "Level",
    "Structure",
    "check_division",
    "check_level",
    "figures",
    "in_region",
    "region_divisions",
    "structure",
    "structure_records",
    "top_divisions",
]
