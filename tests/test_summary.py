"""geo.sites.summary: filters and totals on a hand-made four-site fixture."""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd
import pytest

from geo.regions import resolve_region
from geo.sites.selection import filter_sites
from geo.sites.summary import summarise
from tests.support.wording import raises_words


@pytest.fixture
def sites() -> gpd.GeoDataFrame:
    df = pd.DataFrame(
        {
            "site_id": [1, 2, 3, 4],
            "name": ["fab K", "fab K2", "DC H", "crafts S"],
            "plan_type": ["A", "A", "B", "C"],
            "field": ["ai_semiconductor", "ai_semiconductor", "ict", "crafts"],
            "investment_oku_yen": [1000.0, 500.0, math.nan, math.nan],
            "jobs": [100.0, math.nan, 20.0, 5.0],
            "land_ha": [20.0, 10.0, 5.0, math.nan],
            "status": ["operating", "construction", "planned", "operating"],
            "pref_code": ["43", "43", "01", "41"],
            "block": ["kyushu", "kyushu", "hokkaido", "kyushu"],
            "lon": [130.8, 130.8, 141.7, 129.9],
            "lat": [32.9, 32.9, 42.8, 33.2],
        }
    )
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(df.lon, df.lat), crs="EPSG:4326")


def test_totals_are_nan_safe(sites: gpd.GeoDataFrame) -> None:
    s = summarise(sites)
    assert s["n_sites"] == 4
    assert s["investment_oku_yen"] == 1500.0
    assert s["n_investment_known"] == 2
    assert s["jobs"] == 125.0
    assert s["land_ha"] == 35.0
    assert s["water_m3_day"] == 0.0  # column absent: nothing known
    assert s["n_known"] == {"investment_oku_yen": 2, "jobs": 3, "land_ha": 3, "water_m3_day": 0, "power_mw": 0}


def test_by_field_and_by_pref(sites: gpd.GeoDataFrame) -> None:
    s = summarise(sites)
    bf = s["by_field"]
    assert bf["field"].tolist() == ["ai_semiconductor", "ict", "crafts"]
    assert bf["n_sites"].tolist() == [2, 1, 1]
    assert bf["investment_oku_yen"].tolist() == [1500.0, 0.0, 0.0]
    bp = s["by_pref"]
    assert bp["pref_code"].tolist() == ["43", "01", "41"]
    assert bp["block"].tolist() == ["kyushu", "hokkaido", "kyushu"]
    assert bp["jobs"].tolist() == [100.0, 20.0, 5.0]


def test_by_field_pref_is_long_form_for_a_stacked_chart(sites: gpd.GeoDataFrame) -> None:
    long = summarise(sites)["by_field_pref"]
    assert list(long[["pref_code", "field", "n_sites"]].itertuples(index=False, name=None)) == [
        ("43", "ai_semiconductor", 2),
        ("01", "ict", 1),
        ("41", "crafts", 1),
    ]
    assert long["investment_oku_yen"].sum() == 1500.0
    assert not {"name_ja", "pref_name_ja", "field_name_ja"} & set(long.columns)  # codes: named at the edge


def test_empty_selection_summarises_to_zero(sites: gpd.GeoDataFrame) -> None:
    s = summarise(sites.iloc[0:0])
    assert s["n_sites"] == 0 and s["investment_oku_yen"] == 0.0
    assert s["by_field"].empty and s["by_pref"].empty and s["by_field_pref"].empty


def test_filter_by_region(sites: gpd.GeoDataFrame) -> None:
    assert filter_sites(sites, region=resolve_region("kyushu"))["site_id"].tolist() == [1, 2, 4]
    assert filter_sites(sites, region=resolve_region("熊本県"))["site_id"].tolist() == [1, 2]
    assert filter_sites(sites, region=resolve_region("japan"))["site_id"].tolist() == [1, 2, 3, 4]
    assert filter_sites(sites, region=resolve_region("kanto")).empty


def test_filter_by_attributes(sites: gpd.GeoDataFrame) -> None:
    assert filter_sites(sites, fields=["ai_semiconductor", "ict"])["site_id"].tolist() == [1, 2, 3]
    assert filter_sites(sites, plan_types=["A"])["site_id"].tolist() == [1, 2]
    assert filter_sites(sites, statuses=["operating"])["site_id"].tolist() == [1, 4]
    both = filter_sites(sites, region=resolve_region("43"), statuses=["operating"], plan_types="A")
    assert both["site_id"].tolist() == [1]
    assert filter_sites(sites, fields=[]).empty  # an empty selection selects nothing
    assert isinstance(filter_sites(sites, fields=["ict"]), gpd.GeoDataFrame)


def test_filter_rejects_unknown_ids(sites: gpd.GeoDataFrame) -> None:
    with raises_words(ValueError, "unknown status 'done'"):
        filter_sites(sites, statuses=["done"])
    with raises_words(ValueError, "unknown field 'semis'"):
        filter_sites(sites, fields=["semis"])
