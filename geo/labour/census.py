"""2020 census figures per municipality joined to the N03-2021 polygons (build-time logic, testable).

``census_units`` turns the raw ``census_muni_2020.csv`` rows and the N03 municipality polygons into
one *unit* per municipality or designated-city ward: population, the working-age estimate (推計), the
usable shares and the representative point (``representative_point()`` of the polygon, EPSG:4326).

Two joins are not one-to-one, and are handled openly:

- 浜松市 reorganised its wards in 2024. The census rows are the new wards 22138–22140 (no N03-2021
  polygon); N03-2021 has the old wards 22131–22137 (no census row). Both sides are dissolved into one
  unit, 22130 浜松市; its representative point is that of the dissolved polygon.
- N03 polygons without a census row (the six Northern Territories villages) get no unit.

Columns that SOURCES.md calls broken or empty upstream are not carried: ``pct_single_parent``
(unreliable) and the empty placeholders. ``female_labor_participation`` is empty in every row of the
source; it is kept as a column of nulls so that it shows as unknown, never as 0.
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.crs import check_store_crs

#: 浜松市 as one unit, and the codes dissolved into it (N03-2021 old wards, 2024 census new wards).
HAMAMATSU_CODE = "22130"
HAMAMATSU_NAME = "浜松市"
HAMAMATSU_OLD_WARDS: tuple[str, ...] = tuple(f"{c}" for c in range(22131, 22138))
HAMAMATSU_NEW_WARDS: tuple[str, ...] = ("22138", "22139", "22140")
HAMAMATSU_NOTE = (
    "浜松市は2024年の区再編で、国勢調査側（新区 22138–22140）と境界側（N03-2021 旧区 22131–22137）の区が"
    "一致しないため、両側とも市全体（22130 浜松市）に統合して結合 / 浜松市 dissolved to one unit (22130): "
    "the census rows are the 2024 wards, the N03-2021 polygons the old wards"
)
#: Shares of the population carried into the units (population-weighted when units are merged).
POP_SHARES: tuple[str, ...] = ("pct_child_under15", "pct_elderly_65", "pct_foreign")
#: Shares with another denominator: kept per municipality, null for merged units (no denominator counts).
OTHER_SHARES: tuple[str, ...] = ("pct_secondary_ind", "pct_college")
#: Column that is empty in every source row; carried as null (unknown).
EMPTY_COLUMNS: tuple[str, ...] = ("female_labor_participation",)
#: Columns of a unit table, in order (plus ``geometry``, the representative point).
UNIT_COLUMNS: list[str] = [
    "code",
    "name_ja",
    "pref_code",
    "population",
    "working_age",
    *POP_SHARES,
    *OTHER_SHARES,
    *EMPTY_COLUMNS,
    "n03_codes",
    "note",
    "rep_lon",
    "rep_lat",
]


def working_age(population: pd.Series, child: pd.Series, elderly: pd.Series) -> pd.Series:
    """Working-age (15–64) estimate = population × (1 − share under 15 − share 65+).

    Parameters
    ----------
    population, child, elderly
        Population counts and the two age shares (0–1) of the same rows.

    Returns
    -------
    pandas.Series
        The estimate; 0 where the population is 0, NaN where a share is missing for people who live there.
    """
    est = population * (1.0 - child - elderly)
    return est.where(population.ne(0), 0.0)


def _read_census(census: pd.DataFrame) -> pd.DataFrame:
    """The usable census columns with codes as zero-padded strings and numbers as floats."""
    missing = [c for c in ("muni_code", "pref_code", "pop_total", *POP_SHARES, *OTHER_SHARES) if c not in census]
    if missing:
        raise ValueError(f"census table lacks the column(s) {', '.join(missing)} (see population/SOURCES.md)")
    df = pd.DataFrame(
        {
            "code": census["muni_code"].astype(str).str.strip().str.zfill(5),
            "pref_code": census["pref_code"].astype(str).str.strip().str.zfill(2),
            "population": pd.to_numeric(census["pop_total"], errors="coerce").astype(float),
        }
    )
    for col in (*POP_SHARES, *OTHER_SHARES, *EMPTY_COLUMNS):
        df[col] = pd.to_numeric(census[col], errors="coerce").astype(float) if col in census else np.nan
    df["working_age"] = working_age(df["population"], df["pct_child_under15"], df["pct_elderly_65"])
    return df


def _merge_hamamatsu(df: pd.DataFrame) -> pd.DataFrame:
    """Replace the census rows of the new 浜松 wards by one 浜松市 row (counts summed, shares weighted)."""
    new = df[df["code"].isin(HAMAMATSU_NEW_WARDS)]
    if new.empty:
        return df
    pop = new["population"].sum(min_count=1)
    row: dict[str, object] = {"code": HAMAMATSU_CODE, "pref_code": "22", "population": pop}
    row["working_age"] = new["working_age"].sum(min_count=len(new))  # NaN if any ward is unknown
    for col in POP_SHARES:
        row[col] = float((new[col] * new["population"]).sum(min_count=len(new)) / pop) if pop else np.nan
    for col in (*OTHER_SHARES, *EMPTY_COLUMNS):
        row[col] = np.nan  # no counts of employed persons / persons 15+ to weight by
    rest = df[~df["code"].isin(HAMAMATSU_NEW_WARDS)]
    return pd.concat([rest, pd.DataFrame([row])], ignore_index=True)


def unit_polygons(munis: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """N03 polygons keyed by census-unit code: the old 浜松 wards dissolved into 22130.

    Parameters
    ----------
    munis
        N03 municipalities (``code``, ``name_ja``, geometry) in EPSG:4326.

    Returns
    -------
    geopandas.GeoDataFrame
        ``code``, ``n03_name``, ``n03_codes`` (the N03 codes of the unit) and the polygon, sorted by code.
    """
    check_store_crs(munis)
    m = munis[munis["code"].notna()][["code", "name_ja", "geometry"]].copy()
    m["code"] = m["code"].astype(str)
    m["unit"] = m["code"].where(~m["code"].isin(HAMAMATSU_OLD_WARDS), HAMAMATSU_CODE)
    grouped = m.groupby("unit", sort=True)
    geoms = grouped["geometry"].agg(lambda g: shapely.union_all(np.asarray(g.values, dtype=object)))
    out = gpd.GeoDataFrame(
        {
            "code": geoms.index.astype(str),
            "n03_name": grouped["name_ja"].first().reindex(geoms.index).to_numpy(),
            "n03_codes": grouped["code"].agg(lambda s: sorted(str(v) for v in s)).reindex(geoms.index).to_numpy(),
        },
        geometry=geoms.to_numpy(),
        crs=munis.crs,
    )
    out.loc[out["code"] == HAMAMATSU_CODE, "n03_name"] = HAMAMATSU_NAME
    return out.reset_index(drop=True)


def census_units(census: pd.DataFrame, munis: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, pd.DataFrame]:
    """Join census rows to N03 polygons: (units with representative points, rows that did not join).

    Parameters
    ----------
    census
        Raw rows of ``census_muni_2020.csv`` (``muni_code``, ``pref_code``, ``pop_total``, shares).
    munis
        N03 municipalities (``code``, ``name_ja``, geometry) in EPSG:4326, e.g. ``geo.regions.municipalities()``.

    Returns
    -------
    (units, unmatched)
        ``units``: ``UNIT_COLUMNS`` with the representative point of each unit polygon as geometry
        (EPSG:4326); ``unmatched``: ``code``, ``side`` (``census`` or ``boundary``) of what found no partner.
    """
    df = _merge_hamamatsu(_read_census(census))
    polys = unit_polygons(munis)
    joined = df.merge(polys, on="code", how="inner")
    unmatched = pd.concat(
        [
            pd.DataFrame({"code": sorted(set(df["code"]) - set(polys["code"])), "side": "census"}),
            pd.DataFrame({"code": sorted(set(polys["code"]) - set(df["code"])), "side": "boundary"}),
        ],
        ignore_index=True,
    )
    points = shapely.point_on_surface(np.asarray(joined["geometry"].values, dtype=object))
    joined["name_ja"] = joined["n03_name"]
    joined["note"] = np.where(joined["code"] == HAMAMATSU_CODE, HAMAMATSU_NOTE, "")
    joined["rep_lon"] = np.round(shapely.get_x(points), 6)
    joined["rep_lat"] = np.round(shapely.get_y(points), 6)
    units = gpd.GeoDataFrame(
        joined[UNIT_COLUMNS],
        geometry=gpd.points_from_xy(joined["rep_lon"], joined["rep_lat"]),
        crs=munis.crs,
    )
    return units.sort_values("code", ignore_index=True), unmatched
