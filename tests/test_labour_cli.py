"""CLI ``labour`` and ``profile``: every JSON key of the issue, in order, with unknown as null."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from chiiki_cli.main import main
from geo.analysis.profile import PROFILE_JSON_KEYS
from geo.labour.summary import REGION_JSON_KEYS, SITE_JSON_KEYS


@pytest.fixture()
def sites_csv(tmp_path, monkeypatch, west, offset):
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    monkeypatch.delenv("CHIIKI_MAP_CACHE", raising=False)
    east = offset(*west, 20_000)
    path = tmp_path / "sites.csv"
    pd.DataFrame(
        {
            "name": ["西サイト", "東サイト", "<b>不明サイト</b>"],
            "plan_type": ["A", "A", "A"],
            "field": ["ai_semiconductor", "ai_semiconductor", "quantum"],
            "status": ["planned", "construction", "concept"],
            "investment_oku_yen": [100, None, None],
            "jobs": [None, 250, None],
            "lon": [west[0], east[0], west[0] + 0.01],
            "lat": [west[1], east[1], west[1]],
        }
    ).to_csv(path, index=False)
    return path


def test_labour_json_keys(sites_csv, capsys) -> None:
    assert main(["labour", "--region", "kyushu", "--sites", str(sites_csv), "--radius-km", "25", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"regions", "sites"} <= set(out) and out["radius_km"] == 25
    assert [r["pref_code"] for r in out["regions"]] == ["40", "41", "42", "43", "44", "45", "46"]
    for r in out["regions"]:
        assert list(r)[: len(REGION_JSON_KEYS)] == REGION_JSON_KEYS
        assert r["female_labor_participation"] is None
    kumamoto = next(r for r in out["regions"] if r["pref_code"] == "43")
    assert kumamoto["working_age"] == 969_397 and kumamoto["population"] == 1_738_301
    assert kumamoto["jobs_estimated"] == 17 and kumamoto["jobs_disclosed"] is None  # 100 億円 × 17 / 100
    assert kumamoto["sites"] == 2 and kumamoto["sites_jobs_unknown"] == 1
    assert kumamoto["jobs_per_1000_working_age"] == round(17 / 969_397 * 1000, 3)
    sites = {s["name"]: s for s in out["sites"]}
    for s in out["sites"]:
        assert list(s)[: len(SITE_JSON_KEYS)] == SITE_JSON_KEYS
    assert sites["西サイト"]["jobs_basis"] == "estimated" and sites["東サイト"]["jobs_basis"] == "disclosed"
    assert sites["<b>不明サイト</b>"]["jobs"] is None and sites["<b>不明サイト</b>"]["jobs_basis"] == "unknown"
    assert set(sites["西サイト"]["competing_sites"]) == {"東サイト", "<b>不明サイト</b>"}
    assert isinstance(sites["西サイト"]["catchment_munis"], int) and sites["西サイト"]["catchment_working_age"] > 0


def test_labour_text_and_bad_radius(sites_csv, capsys) -> None:
    assert main(["labour", "--region", "43", "--sites", str(sites_csv)]) == 0
    text = capsys.readouterr().out
    assert "representative point" in text and "estimate" in text
    assert main(["labour", "--sites", str(sites_csv), "--radius-km", "0"]) == 2
    assert "positive" in capsys.readouterr().err


def test_profile_json_keys(sites_csv, capsys) -> None:
    assert main(["profile", "--region", "43", "--sites", str(sites_csv), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out)[: len(PROFILE_JSON_KEYS)] == PROFILE_JSON_KEYS
    assert out["region"]["id"] == "43"
    # 東サイト lies in 大分県: two sites in 熊本県, one without an investment figure
    assert out["investment_oku_yen"] == 100 and out["sites"] == 2 and out["sites_investment_unknown"] == 1
    assert out["sites_by_status"] == {"concept": 1, "planned": 1, "construction": 0, "operating": 0}
    assert list(out["gaps"]) == ["ok", "gap", "unknown"] and sum(out["gaps"].values()) > 0
    assert list(out["land"]) == ["available_ha", "demand_ha", "balance_ha"]
    if out["land"]["available_ha"] is None:
        assert out["land"]["balance_ha"] is None, "unknown supply: balance unknown too"
    assert list(out["labour"])[: len(REGION_JSON_KEYS)] == REGION_JSON_KEYS
    assert out["labour"]["pref_code"] == "43" and out["labour"]["working_age"] == 969_397
    assert main(["profile", "--region", "kyushu", "--sites", str(sites_csv)]) == 0
    assert "labour:" in capsys.readouterr().out
