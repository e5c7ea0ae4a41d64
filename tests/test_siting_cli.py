"""CLI ``site-search`` and ``compare``: the options and JSON keys of issue 21, the rule in ``--help``, errors."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from chiiki_cli.main import main
from geo.analysis.profile import PROFILE_JSON_KEYS
from geo.siting.search import CANDIDATE_JSON_KEYS, CHECK_JSON_KEYS


@pytest.fixture()
def sites_csv(tmp_path, monkeypatch, west, offset):
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    monkeypatch.delenv("CHIIKI_MAP_CACHE", raising=False)
    east = offset(*west, 20_000)
    path = tmp_path / "sites.csv"
    pd.DataFrame(
        {
            "name": ["西サイト", "東サイト"],
            "plan_type": ["A", "A"],
            "field": ["ai_semiconductor", "ai_semiconductor"],
            "status": ["planned", "construction"],
            "jobs": [300, 250],
            "lon": [west[0], east[0]],
            "lat": [west[1], east[1]],
        }
    ).to_csv(path, index=False)
    return path


def test_site_search_json(sites_csv, capsys) -> None:
    args = ["site-search", "--field", "ai_semiconductor", "--region", "43", "--max-ic-km", "5"]
    args += ["--max-airport-km", "60", "--land-ha", "20", "--jobs", "500", "--radius-km", "25"]
    assert main([*args, "--top", "4", "--sites", str(sites_csv), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {"criteria", "candidates"} <= set(out)
    crit = {(c["criterion"], c["measure"]): c["limit"] for c in out["criteria"]}
    assert crit[("expressway_ic", "distance")] == 5 and crit[("airport", "distance")] == 60
    assert crit[("industrial_land", "area")] == 20 and crit[("substation", "distance")] == 10  # from the profile
    assert out["needs"]["radius_km"] == 25 and out["needs"]["jobs"] == 500
    cands = out["candidates"]
    assert [c["rank"] for c in cands] == [1, 2, 3, 4] and out["candidates_total"] >= 40
    for c in cands:
        assert list(c) == CANDIDATE_JSON_KEYS and c["kind"] in ("parcel", "municipality") and c["pref_code"] == "43"
        assert all(list(k) == CHECK_JSON_KEYS for k in c["checks"])
        assert {(k["criterion"], k["measure"]) for k in c["checks"]} == set(crit)
        assert all(k["status"] in ("ok", "gap", "unknown") for k in c["checks"])
        ic = next(k for k in c["checks"] if k["criterion"] == "expressway_ic")
        assert ic["limit"] == 5 and (ic["status"] != "ok" or ic["value"] <= 5)
    # rank order follows the rule: gaps, then unknowns never increase down the list
    keys = [(c["n_gap"], c["n_unknown"]) for c in cands]
    assert keys == sorted(keys)


def test_site_search_help_states_the_rule(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["site-search", "--help"])
    text = capsys.readouterr().out
    for option in ("--land-ha", "--water-m3-day", "--power-mw", "--jobs", "--max-ic-km", "--max-station-km"):
        assert option in text
    for option in ("--max-port-km", "--max-airport-km", "--max-substation-km", "--region", "--radius-km", "--top"):
        assert option in text
    assert "不足（gap）の少ない順" in text and "fewer gaps first" in text
    assert "ties: parcels before municipalities" in text and "代表点" in text


def test_site_search_errors_in_both_languages(capsys) -> None:
    assert main(["site-search", "--field", "ai_semiconductor", "--land-ha", "-3"]) == 2
    err = capsys.readouterr().err
    assert "正の数" in err and "must be a positive number" in err
    assert main(["site-search", "--field", "ai_semiconductor", "--max-ic-km", "0"]) == 2
    assert "km" in capsys.readouterr().err


def test_compare_json_in_the_order_given(sites_csv, capsys) -> None:
    assert main(["compare", "43", "kyushu", "--sites", str(sites_csv), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["regions"]
    assert [r["region"]["id"] for r in out["regions"]] == ["43", "kyushu"]
    for r in out["regions"]:
        assert list(r)[: len(PROFILE_JSON_KEYS)] == PROFILE_JSON_KEYS
    assert out["regions"][0]["sites"] == 1 and out["regions"][1]["sites"] == 2  # 東サイト is in 大分県
    # 熊本県 by hand from the sources: IPSS pref table 15–64 (2020 963,053; 2050 671,032); SSDSE-A 2025 private
    # employees 農業，林業 10,749 of 716,508 in 熊本県, 412,411 of 57,937,290 in Japan → LQ 2.108
    kumamoto = out["regions"][0]
    assert kumamoto["labour"]["working_age_2020"] == 963_053 and kumamoto["labour"]["working_age_2050"] == 671_032
    assert kumamoto["industry"]["top"][0] == {
        "division": "A",
        "name_ja": "農業，林業",
        "name_en": "Agriculture and forestry",
        "lq": 2.108,
        "employees": 10_749,
    }
    assert main(["profile", "--region", "43", "--sites", str(sites_csv), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == out["regions"][0]  # the same figures as `profile`


def test_compare_text_and_too_few_regions(sites_csv, capsys) -> None:
    assert main(["compare", "熊本県", "北海道", "--sites", str(sites_csv)]) == 0
    text = capsys.readouterr().out
    assert "熊本県" in text and "Hokkaido" in text and "生産年齢人口（推計）" in text and "969,397" in text
    assert main(["compare", "43"]) == 2
    err = capsys.readouterr().err
    assert "2 つ以上" in err and "two or more" in err


def test_export_with_a_compare_section(sites_csv, tmp_path, capsys) -> None:
    out = tmp_path / "briefing.html"
    args = ["export", "--region", "43", "--sites", str(sites_csv), "--layers", "airports", "--out", str(out)]
    assert main([*args, "--compare", "nowhere", "01"]) == 2  # an unknown region is refused, nothing written
    assert not out.exists()
    capsys.readouterr()
    assert main([*args, "--compare", "44", "01"]) == 0
    html = out.read_text(encoding="utf-8")
    section = html[html.index('class="cm-compare"') :]
    section = section[: section.index("</section>")]
    # columns in the order given: the briefing's region first; 西サイト in 熊本県, 東サイト 20 km east in 大分県
    heads = section[section.index("<thead>") : section.index("</thead>")]
    assert heads.index("熊本県") < heads.index("大分県") < heads.index("北海道")
    sites_row = section[section.index("<td>候補地数</td>") :].split("</tr>")[0]
    assert sites_row.count('<td class="n">1</td>') == 2 and '<td class="n">0</td>' in sites_row
    assert "969,397" in section  # 熊本県's working-age estimate, as in `compare`
    # headings align with their columns: the region columns are numeric, heading and cells right-aligned
    assert heads.count('<th class="n">') == 3 and "<th>項目</th>" in heads
    wa_2050 = section[section.index("<td>生産年齢人口 2050（IPSS推計）</td>") :].split("</tr>")[0]
    assert '<td class="n">671,032</td>' in wa_2050 and '<td class="n">1,867,276</td>' in wa_2050  # IPSS pref table
    top = section[section.index("<td>特化係数 1位（産業大分類）</td>") :].split("</tr>")[0]
    assert '<td class="n">A 農業，林業（2.11）</td>' in top  # 熊本県: 10,749 / 716,508 ÷ 412,411 / 57,937,290
    assert "推計値" in section and "実績ではありません" in section  # projections said as such
    # small multiples: working age 2050 as an index of 2020, from the IPSS prefecture table (熊本県 671,032 /
    # 963,053 = 69.7; 大分県 412,914 / 613,637 = 67.3; 北海道 1,867,276 / 2,988,800 = 62.5);
    # 1.0 marked on each region's 特化係数 chart
    assert ">69.7</text>" in section and ">67.3</text>" in section and ">62.5</text>" in section
    assert section.count('stroke="#d62728"') == 3, "one 1.0 line per region's 特化係数 chart"
    assert main([*args, "--compare", "44", "01", "02", "03"]) == 2
    assert "3 つまで" in capsys.readouterr().err
    assert main(args) == 0 and 'class="cm-compare"' not in out.read_text(encoding="utf-8")
