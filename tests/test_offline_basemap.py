"""The offline base map (municipal outlines, thinned names), the honest legend, and unknown land demand."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pandas as pd
import pytest

from chiiki_cli import main as cli
from geo.analysis.headlines import LandFigures, land_figures
from layers.legend import legend_html
from layers.offline_basemap import label_rows, municipality_collection

KIKUYO = (130.82, 32.86)


def test_legend_says_estimated_links_and_one_rail_style() -> None:
    body = legend_html([], [("power_lines", "送電線", "line"), ("railways", "鉄道", "line")], "ja")
    assert "推定接続（2016）" in body and "stroke-dasharray" in body  # drawn dotted, not solid
    assert "鉄道（OSM・国土数値情報 N02 主要路線、同一表示）" in body
    assert "Estimated links (2016)" in legend_html([], [("power_lines", "Power lines", "line")], "en")


def test_label_rows_and_municipal_outlines_near_kikuyo() -> None:
    rows = label_rows((130.7, 32.8, 130.9, 32.9), pad_deg=0.05)
    names = {r[2] for r in rows}
    assert {"菊陽町", "合志市", "熊本空港"} <= names
    assert all(len(r) == 6 and r[4] <= r[5] for r in rows)
    munis = municipality_collection(["43"])
    assert 40 <= len(munis["features"]) <= 60  # 熊本県: 45 municipalities and wards
    assert {f["geometry"]["type"] for f in munis["features"]} <= {"LineString", "MultiLineString"}


@pytest.mark.browser
def test_briefing_offline_at_zoom_13_shows_names_and_boundaries(
    tmp_path: Path, request_guard, browser_page, artifacts: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "kumamoto.html"
    assert cli.main(["export", "--region", "43", "--out", str(out), "--no-analyses"]) == 0
    assert "basemap" in capsys.readouterr().out
    guard = request_guard(allow_file=out.as_uri())
    with browser_page(guard) as page:
        started = time.monotonic()
        page.goto(out.as_uri())
        page.wait_for_function("document.querySelector('.leaflet-container[data-labels-shown]') !== null")
        first_draw_s = time.monotonic() - started
        name = page.evaluate("Object.keys(window).find(k => k.startsWith('map_') && window[k].setView)")
        page.evaluate(f"{name}.setView([{KIKUYO[1]}, {KIKUYO[0]}], 13, {{animate: false}})")
        page.wait_for_timeout(600)
        shown = int(page.evaluate(f"{name}.getContainer().getAttribute('data-labels-shown')"))
        munis = int(page.evaluate(f"{name}.getContainer().getAttribute('data-loaded-muni')"))
        page.screenshot(path=str(artifacts / "offline_kikuyo_z13.png"))
    assert guard.blocked == [], "no outside request, ever"
    assert shown >= 3 and munis >= 40
    assert first_draw_s < 10.0


def test_briefing_land_demand_unknown_is_none() -> None:
    counts = {c: [0, 1] for c in ("unknown_parcels", "n_parcels", "demand_sites", "demand_unknown_sites")}
    land = pd.DataFrame({"available_ha": [10.0, None], "demand_ha": [None, None], **counts})
    assert land_figures(land) == LandFigures(
        available_ha=10.0, demand_ha=None, balance_ha=None, unknown_prefs=1, unknown_parcels=1, demand_unknown_sites=1
    )


def test_briefing_summary_says_dash_when_no_site_discloses_land() -> None:
    from geo import regions
    from geo.briefing import collect
    from geo.config import SAMPLE_SITES_CSV
    from geo.sites.schema import read_sites_file, validate_sites
    from layers.briefing.page import summary_rows

    sites, _ = validate_sites(read_sites_file(SAMPLE_SITES_CSV))
    data = collect(regions.resolve_region("43"), sites, [])
    assert data.summary["n_known"]["land_ha"] == 0  # no Kumamoto sample site discloses its land
    rows = {key: value for key, _label, value in summary_rows(data, "ja")}
    assert rows["land_ha"] == "—" and rows["investment_oku_yen"] != "—"


def test_prefecture_labels_follow_the_language() -> None:
    ja = {r[2] for r in label_rows((130.7, 32.8, 130.9, 32.9), pad_deg=0.5) if r[3] == "pref"}
    en = {r[2] for r in label_rows((130.7, 32.8, 130.9, 32.9), pad_deg=0.5, lang="en") if r[3] == "pref"}
    assert "熊本県" in ja and "Kumamoto" in en and not any("県" in n for n in en)
    # municipalities keep their N03 name in English (no English name in our data)
    muni_en = {r[2] for r in label_rows((130.7, 32.8, 130.9, 32.9), pad_deg=0.05, lang="en") if r[3] == "muni"}
    assert muni_en and muni_en == {r[2] for r in label_rows((130.7, 32.8, 130.9, 32.9), pad_deg=0.05) if r[3] == "muni"}


def test_the_map_says_where_the_base_maps_detail_ends() -> None:
    """Beyond zoom 13 our own data has no more detail: the map says so instead of going blank (issue 24)."""
    import folium

    from layers.offline_basemap import OfflineBasemap, add_offline_basemap

    m = folium.Map(location=[42.81, 141.70], zoom_start=14)
    add_offline_basemap(m, OfflineBasemap(labels=()), "ja")
    html_text = m.get_root().render()
    assert "map.getZoom() > zoom" in html_text  # cmMap.detailNote, inlined with our scripts
    said = "この縮尺では背景の詳細（市区町村界・地名・駅・IC）はここまでです。道路や建物は背景にありません。"
    assert f"cmMap.detailNote({m.get_name()}, {json.dumps(said)}, " in html_text  # as JSON: never HTML
    assert html_text.count(", 13);") >= 1 and "box.textContent = text;" in html_text
