"""data/sites/sample_sites.csv: enough real examples, labelled, sourced, located where they say."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from geo.config import SAMPLE_SITES_CSV
from geo.domain import FIELDS, LOCAL_CATEGORIES, PLAN_TYPES, STATUSES
from geo.regions import locate_many
from geo.sites.schema import SITE_COLUMNS, read_sites_file, validate_sites

PREF_RE = re.compile(r"^(北海道|東京都|京都府|大阪府|.{2,3}?県)")


@pytest.fixture(scope="module")
def raw() -> pd.DataFrame:
    return read_sites_file(SAMPLE_SITES_CSV)


def test_columns_are_the_schema(raw: pd.DataFrame) -> None:
    assert list(raw.columns) == SITE_COLUMNS


def test_enough_rows_across_enough_blocks(raw: pd.DataFrame) -> None:
    accepted, rejected = validate_sites(raw)
    assert rejected.empty, rejected[["row", "reason"]].to_string()
    assert len(accepted) >= 32
    assert accepted["block"].nunique() >= 6
    assert (accepted["plan_type"] != "C").sum() >= 32  # real announced investments, not counting plan C


def test_every_row_is_a_labelled_sample_with_a_source(raw: pd.DataFrame) -> None:
    assert (raw["is_sample"] == "true").all()
    assert raw["source_note"].str.len().gt(20).all()
    assert raw["source_note"].str.contains("approximate").all()
    assert raw["source_note"].str.contains(r"\b(?:19|20)\d\d\b").all(), "each note names a date"
    assert raw["name"].is_unique


def test_ids_are_valid(raw: pd.DataFrame) -> None:
    assert raw["plan_type"].isin(PLAN_TYPES).all()
    assert raw["status"].isin(STATUSES).all()
    ab = raw["plan_type"].isin(["A", "B"])
    assert raw.loc[ab, "field"].isin(FIELDS).all()
    assert raw.loc[~ab, "field"].isin(LOCAL_CATEGORIES).all()
    assert 4 <= (~ab).sum() <= 6


def test_plan_c_rows_are_local_industry_examples_without_money(raw: pd.DataFrame) -> None:
    c = raw[raw["plan_type"] == "C"]
    assert c["source_note"].str.contains("not an announced investment").all()
    assert (c[["investment_oku_yen", "jobs"]] == "").all().all()


def test_every_row_lies_in_the_prefecture_of_its_address(raw: pd.DataFrame) -> None:
    stated = raw["address_ja"].str.extract(PREF_RE)[0]
    assert stated.notna().all(), raw.loc[stated.isna(), "address_ja"].tolist()
    found = locate_many(raw["lon"].astype(float).to_numpy(), raw["lat"].astype(float).to_numpy())
    wrong = raw.loc[found["pref_name_ja"].to_numpy() != stated.to_numpy(), ["name", "address_ja"]]
    assert wrong.empty, wrong.to_string()


def test_every_row_lies_in_the_municipality_of_its_address(raw: pd.DataFrame) -> None:
    found = locate_many(raw["lon"].astype(float).to_numpy(), raw["lat"].astype(float).to_numpy())
    ok = [isinstance(m, str) and a.endswith(m) for a, m in zip(raw["address_ja"], found["muni_name_ja"])]
    assert all(ok), raw.loc[[not o for o in ok], ["name", "address_ja"]].to_string()


def test_every_unknown_figure_says_why(raw: pd.DataFrame) -> None:
    """An announced investment (plan A/B) with investment or jobs unknown says why in its note (issue 24):
    not announced / not known to us, or a shared total not split per site — never a silent blank."""
    ab = raw[raw["plan_type"].isin(["A", "B"])]
    for column, word in (("investment_oku_yen", "investment"), ("jobs", "jobs")):
        blank = ab[ab[column] == ""]
        said = blank["source_note"].str.contains(rf"{word} unknown:|investment and jobs unknown:")
        assert said.all(), blank.loc[~said, "name"].tolist()
    filled = ab[(ab["investment_oku_yen"] != "") & ab["source_note"].str.contains("investment unknown:")]
    assert filled.empty, filled["name"].tolist()  # a note never calls a given figure unknown
