"""The 地域カルテ section of the briefing: same figures as the profile JSON, escaped, no external request."""

from __future__ import annotations

import re

from geo import regions
from geo.analysis.profile import profile_json, region_profile
from i18n.labour import catchment_rule
from layers.profile_section import profile_section, stacked_bars


def test_profile_section_escapes_and_keeps_unknown(make_sites, west) -> None:
    sites = make_sites(
        [
            {"name": "<script>x</script>", "field": "ai_semiconductor", "lon": west[0], "lat": west[1], "jobs": "900"},
            {"name": "B", "field": "crafts", "plan_type": "C", "lon": west[0] - 0.05, "lat": west[1]},
        ]
    )
    region = regions.resolve_region("43")
    profile = region_profile(region, sites, sites, None)
    data = profile_json(profile)
    assert data["land"]["available_ha"] is None and data["land"]["balance_ha"] is None
    html_text = profile_section(profile, "ja", rule=catchment_rule(30.0), credits=["出典 <a>"])
    assert "<script>" not in html_text and "出典 &lt;a&gt;" in html_text
    assert "地域カルテ：熊本県" in html_text and "<svg" in html_text
    assert re.search(r"利用可能面積（ha）<b>不明</b>", html_text), "unknown land supply is 不明, never 0"
    assert "969,397" in html_text and "女性の労働力率<b>不明</b>" in html_text
    assert not re.search(r"(src|href)=\"https?:", html_text)
    english = profile_section(profile, "en")
    assert "Region profile: Kumamoto" in english


def test_stacked_bars_skip_unknown_and_escape() -> None:
    svg = stacked_bars([("<b>", [3.0, None]), ("y", [1.0, 1.0])], [("a", "#111111"), ("b&c", "#222222")])
    assert "&lt;b&gt;" in svg and "b&amp;c" in svg and svg.count("<rect") == 3 + 2
    assert stacked_bars([("x", [None])], [("a", "#111111")]) == ""


def test_briefing_has_the_profile_section(fixed_sites) -> None:
    import datetime as dt

    from geo.briefing import collect
    from layers.briefing import build_briefing

    region = regions.resolve_region("43")
    data = collect(region, fixed_sites, ["expressways"], today=dt.date(2026, 3, 31))
    page = build_briefing(data).html
    expected = profile_json(region_profile(region, data.sites, fixed_sites, None))
    assert data.profile is not None
    shown = profile_json(data.profile)
    assert shown["labour"] == expected["labour"] and shown["gaps"] == expected["gaps"]
    assert '<section class="cm-prof"><h2>地域カルテ：熊本県</h2>' in page
    assert f"生産年齢人口（推計）<b>{expected['labour']['working_age']:,}</b>" in page
    assert "統計でみる市区町村のすがた 2024" in page and "Code for KOSEN" in page, "census and school credits"
    assert page.index('<section class="cm-prof">') < page.index('<section class="cm-sources">')
    assert not re.search(r"<(script|img|link|iframe)[^>]+(src|href)=", page, re.I)


def test_a_comparison_reads_no_catchment_and_says_what_the_full_profile_says() -> None:
    """``region_profiles`` skips the per-site catchments; every figure it shows equals the full profile's."""
    from geo.analysis import land
    from geo.analysis.compare import region_profiles
    from geo.config import SAMPLE_SITES_CSV
    from geo.sites import selection
    from geo.sites.schema import read_sites_file, validate_sites

    sites, _rejected = validate_sites(read_sites_file(SAMPLE_SITES_CSV))
    sites["site_id"] = range(1, len(sites) + 1)
    specs = ["43", "kyushu", "01", "japan"]
    compared = region_profiles(specs, sites)
    assert [p.labour for p in compared] == [None] * 4, "no catchment computed"
    for spec, profile in zip(specs, compared, strict=True):
        region = regions.resolve_region(spec)
        full = region_profile(region, selection.filter_sites(sites, region=region), sites, land.load_parcels(region))
        assert full.labour is not None
        assert profile_json(profile) == profile_json(full), spec
        assert profile.labour_figures == full.labour_figures, spec
    kumamoto = profile_json(compared[0])["labour"]
    assert kumamoto["working_age"] == 969_397 and kumamoto["jobs_disclosed"] > 0  # type: ignore[index]
