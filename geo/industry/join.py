"""Join municipal statistics to the N03-2021 polygons when designated cities are given as whole cities.

SSDSE (and other 市区町村 tables) give each of the 20 designated cities (政令指定都市) as one row with the
city code (01100 札幌市 …) while N03 has their wards (01101 中央区 …). The city's wards are found by
name, never by arithmetic on the code (大阪市 27100 has wards 27102–27128): the N03 rows whose prefecture
(``N03_001``) and city (``N03_003``) equal the table's prefecture and city name, and whose unit
(``N03_004``) is a ward (…区). The city's polygon is the union of those wards.

Build-time logic (``scripts/build_industry.py``), kept here so that it is tested with hand-made rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

#: How N03 writes a designated city (N03_003, e.g. 札幌市) and its wards (N03_004, e.g. 中央区).
CITY_SUFFIX = "市"
WARD_SUFFIX = "区"
#: ``kind`` of a unit: a municipality (or 東京 special ward) with its own N03 polygon, or a designated city.
KIND_MUNICIPALITY = "municipality"
KIND_DESIGNATED_CITY = "designated_city"


@dataclass(frozen=True)
class N03Join:
    """Result of :func:`join_n03`.

    ``units``: ``code``, ``kind`` and ``n03_codes`` (the N03 codes whose polygons make the unit) per table
    row, in the table's order; ``unmatched_table``: table codes with no polygon; ``unmatched_n03``: coded
    N03 polygons that belong to no row (the Northern Territories villages have no statistics).
    """

    units: pd.DataFrame
    unmatched_table: list[str]
    unmatched_n03: list[str]


def join_n03(table: pd.DataFrame, n03: pd.DataFrame) -> N03Join:
    """Map each table row to the N03 polygons that make it up.

    Parameters
    ----------
    table
        ``code`` (5 digits), ``pref_name`` (e.g. 北海道) and ``name`` (e.g. 札幌市) per row.
    n03
        N03 attributes ``N03_001`` (prefecture name), ``N03_003`` (county or designated city),
        ``N03_004`` (municipality or ward) and ``N03_007`` (code; missing for 所属未定地).

    Returns
    -------
    N03Join
        A row joins directly when its code is an N03 code; otherwise, when it names a designated city
        that has wards in N03, it becomes that city with the ward codes (sorted).
    """
    attrs = n03.assign(code=n03["N03_007"].astype("string").str.strip().str.zfill(5)).dropna(subset=["code"])
    attrs = attrs.drop_duplicates("code")
    known = set(attrs["code"])
    is_ward = attrs["N03_004"].fillna("").str.endswith(WARD_SUFFIX)
    wards = attrs[is_ward & attrs["N03_003"].fillna("").str.endswith(CITY_SUFFIX)]
    by_city = wards.groupby(["N03_001", "N03_003"])["code"].agg(lambda s: sorted(map(str, s)))
    codes, kinds, parts, unmatched = [], [], [], []
    for code, pref_name, name in zip(table["code"].astype(str), table["pref_name"], table["name"], strict=True):
        if code in known:
            kind, n03_codes = KIND_MUNICIPALITY, [code]
        elif (pref_name, name) in by_city.index:
            kind, n03_codes = KIND_DESIGNATED_CITY, list(by_city.loc[(pref_name, name)])
        else:
            unmatched.append(code)
            continue
        codes.append(code)
        kinds.append(kind)
        parts.append(n03_codes)
    units = pd.DataFrame({"code": codes, "kind": kinds, "n03_codes": parts})
    used = {c for group in parts for c in group}
    return N03Join(units, unmatched, sorted(known - used))
