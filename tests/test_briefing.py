"""Briefing export without a browser: golden summary numbers, escaping, no external references, size."""

from __future__ import annotations

import datetime as dt
import html
import re

import pytest

from geo import regions
from geo.analysis import clusters, gaps, land, land_balance
from geo.briefing import collect
from geo.sites import selection, summary
from layers.briefing import build_briefing
from layers.briefing.detail import detail_for

LAYERS = ["expressways", "expressway_ic", "substations", "railways"]


@pytest.fixture(scope="module")
def kyushu(fixed_sites):
    region = regions.resolve_region("kyushu")
    data = collect(region, fixed_sites, LAYERS, today=dt.date(2026, 3, 31))
    return data, build_briefing(data)


def _summary_cells(page: str) -> dict[str, float | None]:
    """``data-key`` → number of the summary table (None for 不明)."""
    out = {}
    for key, value in re.findall(r'<tr data-key="([a-z_]+)"><td>[^<]*</td><td class="n">([^<]*)</td>', page):
        out[key] = None if value == "不明" else float(value.replace(",", ""))
    return out


def test_summary_matches_golden_sample_and_geo_summary(kyushu, fixed_sites, briefing_golden) -> None:
    data, briefing = kyushu
    cells = _summary_cells(briefing.html)
    expected = summary.summarise(selection.filter_sites(fixed_sites, region=data.region))
    assert cells["n_sites"] == briefing_golden["n_sites"] == expected["n_sites"]
    assert cells["investment_oku_yen"] == pytest.approx(round(briefing_golden["investment_oku_yen"]))
    assert cells["investment_oku_yen"] == pytest.approx(round(expected["investment_oku_yen"]))
    assert cells["jobs"] == briefing_golden["jobs"] == expected["jobs"]
    assert cells["land_ha"] == briefing_golden["land_ha"] == expected["land_ha"]


def test_analysis_figures_match_the_analyses(kyushu) -> None:
    data, briefing = kyushu
    cells = _summary_cells(briefing.html)
    found = clusters.find_clusters(data.sites)
    assert cells["n_clusters"] == len(found) == 1, "the three Kumamoto semiconductor sites form one cluster"
    assert cells["n_cross_pref_clusters"] == int(found["cross_prefecture"].sum())
    rows = gaps.infrastructure_gaps(data.sites)
    assert cells["n_gaps"] == int((rows["status"] == "gap").sum())
    assert cells["n_sites_with_gap"] == rows.loc[rows["status"] == "gap", "site_id"].nunique()
    assert cells["n_unknown"] == int((rows["status"] == "unknown").sum())


def test_land_balance_matches(kyushu) -> None:
    data, briefing = kyushu
    table = land_balance.land_balance(land.load_parcels(data.region, osm=False), data.sites, data.region.pref_codes)
    cells = _summary_cells(briefing.html)
    assert cells["demand_ha"] == pytest.approx(round(table["demand_ha"].sum(), 1))
    known = table["available_ha"].dropna()
    assert cells["available_ha"] == (pytest.approx(round(known.sum(), 1)) if len(known) else None)


def test_user_strings_are_escaped(kyushu, xss) -> None:
    _, briefing = kyushu
    page = briefing.html
    assert xss not in page and "<b>Evil" not in page
    assert html.escape(xss) in page, "the site table shows the name as text"
    # in the inline map data (JSON inside a JS string) the name is escaped HTML with & as \\u0026
    assert "\\\\u0026lt;img src=x onerror=alert(1)\\\\u0026gt;" in page


def test_self_contained_no_external_reference(kyushu) -> None:
    _, briefing = kyushu
    page = briefing.html
    assert not re.search(r"<(script|img|link|iframe)[^>]+(src|href)=", page, re.I)
    assert not re.search(r"https?://[^\"' ]*(cdn|unpkg|jsdelivr|googleapis)", page)
    assert "cyberjapandata" not in page, "the basemap is opt-in"
    assert "url(images/" not in page, "Leaflet's CSS images are inlined as data: URIs"
    assert "@page{size:A4 landscape" in page


def test_credits_and_sources_listed(kyushu) -> None:
    data, briefing = kyushu
    page = briefing.html
    assert "出典：国土数値情報（行政区域データ）（国土交通省）" in page
    assert "国土数値情報（高速道路時系列データ）（国土交通省）" in page
    for row in data.sources:
        assert html.escape(str(row["source"])) in page
    assert data.layer_status and all(html.escape(r.source) in page for r in data.layer_status)
    assert "駅の" not in page or "N02-23基準" in page
    assert "一部のみ（2016年時点）" in page  # the measured completeness of each layer, in words


def test_size_parts_and_only_chosen_layers(kyushu) -> None:
    data, briefing = kyushu
    assert set(data.layers) == set(LAYERS)
    assert {f"layer:{i}" for i in LAYERS} <= set(briefing.parts)
    assert not any(k.startswith("layer:roads") or k == "layer:power_lines" for k in briefing.parts)
    assert sum(briefing.parts.values()) == briefing.size
    assert briefing.parts["leaflet"] > 100_000
    assert briefing.size < 1_500_000


def test_detail_follows_zoom() -> None:
    country = detail_for(regions.resolve_region("japan").bounds)
    prefecture = detail_for(regions.resolve_region("43").bounds)
    assert prefecture.zoom > country.zoom
    assert prefecture.tolerance_deg < country.tolerance_deg
    assert prefecture.grid_zoom >= country.grid_zoom


def test_many_sites_list_and_inline_cards_of_the_largest_only(kyushu, monkeypatch) -> None:
    """Issue 14: a national briefing stays bounded — the site and gap tables and the inlined cards cover
    the TOP_SITES largest sites, and the page says so (here TOP_SITES = 2 of the 5 fixture sites)."""
    import layers.briefing.page as page_module
    import layers.sites as sites_module
    from layers.canvas.packing import unpack_sites

    monkeypatch.setattr(page_module, "TOP_SITES", 2)
    monkeypatch.setattr(sites_module, "TOP_SITES", 2)
    data, _ = kyushu
    page = build_briefing(data).html
    largest = selection.largest_first(data.sites).head(2)
    rows = re.findall(r'<section class="cm-sites">.*?<tbody>(.*?)</tbody>', page, re.S)[0].count("<tr")
    assert rows == 2
    assert "全5件のうち投資額の大きい上位2件を表示しています。全件は CSV で出力できます" in page
    gap_body = re.findall(r'<section class="cm-gaps">.*?<tbody>(.*?)</tbody>', page, re.S)[0]
    gap_sites = set(re.findall(r"<tr><td>([^<]*)</td>", gap_body))
    assert gap_sites and gap_sites <= {html.escape(str(n)) for n in largest["name"]}, gap_sites
    layer = sites_module.site_layer(data.sites, "ja", cards=True)
    assert sorted(layer["cards"]) == sorted(str(i) for i in largest["site_id"])
    assert "上位2件のカードを収録" in layer["note"]
    assert sorted(unpack_sites(layer["sites"])["ids"]) == sorted(data.sites["site_id"]), "every site is drawn"
