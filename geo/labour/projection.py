"""IPSS projections and manufacturing counts per census unit (build-time logic, tested with hand-made rows).

The census units of ``geo.labour.census`` are municipalities and designated-city wards, with 浜松市 as
one unit (22130). Two sources do not share that layout, and are joined openly:

- **浜松市**: IPSS and the municipal manufacturing table use the old wards 22131–22137; they are summed
  into 22130 (``basis = "wards_summed"``).
- **浜通り**: IPSS projects 13 municipalities of 福島県浜通り as one unit (07999). Each member gets the
  group's figure times its share of the group's 2020 census population (the IPSS crosswalk's counts;
  ``basis = "group_share"``). This is an approximation — evacuated towns follow other paths than いわき市 —
  and every figure that uses it says so (``ipss_group_share`` count per catchment).

Everything else joins by code (``basis = "direct"``). Designated-city totals are dropped (their wards
are the units).
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from geo.labour.census import HAMAMATSU_CODE, HAMAMATSU_OLD_WARDS

#: Years of the IPSS 令和5年推計 (2020 = census, 2025–2050 = projection, medium variant).
YEARS: tuple[int, ...] = (2020, 2025, 2030, 2035, 2040, 2045, 2050)
#: Values of ``basis``.
BASES: tuple[str, ...] = ("direct", "wards_summed", "group_share")
WA_COLUMNS: list[str] = [f"working_age_{y}" for y in YEARS]
POP_COLUMNS: list[str] = [f"population_{y}" for y in YEARS]


class JoinError(ValueError):
    """A census unit found no row in the source (or the source is not laid out as expected)."""


def _codes(series: pd.Series) -> pd.Series:
    return series.astype(str).str.strip().str.zfill(5)


def _base_rows(table: pd.DataFrame) -> pd.DataFrame:
    rows = table[table["unit_type"] != "designated_city_total"].copy()
    rows["muni_code"] = _codes(rows["muni_code"])
    return rows.set_index("muni_code")


def _join(values: pd.DataFrame, units: Sequence[str], groups: dict[str, tuple[str, float]]) -> pd.DataFrame:
    """Per unit: its own row, the 浜松 wards summed, or a group's row times the member's share."""
    rows, bases, sources, shares = [], [], [], []
    for code in units:
        if code in values.index:
            rows.append(values.loc[code])
            bases.append("direct")
            sources.append(code)
            shares.append(1.0)
        elif code == HAMAMATSU_CODE and set(HAMAMATSU_OLD_WARDS) <= set(values.index):
            rows.append(values.loc[list(HAMAMATSU_OLD_WARDS)].sum())
            bases.append("wards_summed")
            sources.append("+".join(HAMAMATSU_OLD_WARDS))
            shares.append(1.0)
        elif code in groups and groups[code][0] in values.index:
            group, share = groups[code]
            rows.append(values.loc[group] * share)
            bases.append("group_share")
            sources.append(group)
            shares.append(share)
        else:
            raise JoinError(f"census unit {code} has no row in the source and no crosswalk entry")
    out = pd.DataFrame(rows).reset_index(drop=True)
    out.insert(0, "code", list(units))
    out["basis"], out["source_code"], out["group_share"] = bases, sources, shares
    return out


def group_shares(crosswalk: pd.DataFrame) -> dict[str, tuple[str, float]]:
    """Member code → (IPSS group code, share of the group's 2020 census population), from the counts."""
    members = crosswalk[crosswalk["relation"] == "member_of_group"].copy()
    members["app_code"] = _codes(members["app_code"])
    members["ipss_code"] = _codes(members["ipss_code"])
    pop = pd.to_numeric(members["census_pop_2020"], errors="raise").astype(float)
    total = pop.groupby(members["ipss_code"]).transform("sum")
    if (total <= 0).any():
        raise JoinError("an IPSS group has no 2020 population in the crosswalk")
    return {a: (g, float(s)) for a, g, s in zip(members["app_code"], members["ipss_code"], pop / total, strict=True)}


def units_projection(ipss: pd.DataFrame, crosswalk: pd.DataFrame, units: Sequence[str]) -> pd.DataFrame:
    """IPSS population and 15–64 per census unit, 2020–2050.

    Parameters
    ----------
    ipss
        IPSS municipal rows: ``muni_code``, ``unit_type``, ``pop_<year>`` and ``pop_15_64_<year>``.
    crosswalk
        ``app_code``, ``ipss_code``, ``relation`` (``member_of_group`` rows are used) and ``census_pop_2020``.
    units
        Census-unit codes (``geo.labour.data.municipal_units()["code"]``).

    Returns
    -------
    pandas.DataFrame
        ``code``, ``WA_COLUMNS``, ``POP_COLUMNS`` (floats: a 浜通り member's share is not whole),
        ``basis`` (``BASES``), ``source_code`` and ``group_share``.
    """
    rows = _base_rows(ipss)
    values = pd.DataFrame(
        {
            **{wa: pd.to_numeric(rows[f"pop_15_64_{y}"]) for wa, y in zip(WA_COLUMNS, YEARS, strict=True)},
            **{pop: pd.to_numeric(rows[f"pop_{y}"]) for pop, y in zip(POP_COLUMNS, YEARS, strict=True)},
        }
    ).astype(float)
    return _join(values, [str(c) for c in units], group_shares(crosswalk))


def units_manufacturing(table: pd.DataFrame, units: Sequence[str]) -> pd.DataFrame:
    """工業統計 2019 manufacturing establishments and persons engaged per census unit (浜松 wards summed).

    ``table`` is the municipal employment file (``muni_code``, ``unit_type``, ``mfg_establishments_2019``,
    ``mfg_persons_engaged_2019``). Returns ``code``, ``manufacturing_establishments_2019``,
    ``manufacturing_persons_2019``, ``basis``, ``source_code``, ``group_share``.
    """
    rows = _base_rows(table)
    values = pd.DataFrame(
        {
            "manufacturing_establishments_2019": pd.to_numeric(rows["mfg_establishments_2019"]),
            "manufacturing_persons_2019": pd.to_numeric(rows["mfg_persons_engaged_2019"]),
        }
    ).astype(float)
    return _join(values, [str(c) for c in units], {})
