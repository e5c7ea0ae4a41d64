"""The display name of a coded id: one rule (i18n.names.code_name) for the pages, layers and briefing."""

from __future__ import annotations

import math

import pandas as pd

from geo.domain import ALL_FIELDS, PREFECTURES, STATUSES
from i18n.names import code_name


def test_known_codes_are_named_in_the_language() -> None:
    assert code_name(PREFECTURES, "43", "ja") == "熊本県" and code_name(PREFECTURES, "43", "en") == "Kumamoto"
    assert code_name(STATUSES, "planned", "ja") == "計画"
    assert code_name(ALL_FIELDS, "ai_semiconductor") == "AI・半導体"


def test_unknown_codes_stay_as_given_and_missing_ones_are_blank() -> None:
    assert code_name(PREFECTURES, "99", "en") == "99" and code_name(STATUSES, "done") == "done"
    assert [code_name(STATUSES, v) for v in (None, math.nan, pd.NA)] == ["", "", ""]
