"""CLI ``clusters``/``gaps`` JSON keys, CSV formula-injection guard and escaped analysis map layers."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from chiiki_cli.main import main
from geo.analysis.clusters import find_clusters
from geo.analysis.gaps import infrastructure_gaps
from geo.io.safe_csv import neutralise, safe_csv
from layers.analysis import gap_markers
from layers.popups import cluster_popup


@pytest.fixture()
def sites_csv(tmp_path, monkeypatch, offset, west):
    monkeypatch.setenv("CHIIKI_MAP_VAR", str(tmp_path))
    monkeypatch.delenv("CHIIKI_MAP_CACHE", raising=False)
    east = offset(*west, 20_000)
    path = tmp_path / "sites.csv"
    pd.DataFrame(
        {
            "name": ['=HYPERLINK("x")', "東サイト"],
            "plan_type": ["A", "A"],
            "field": ["ai_semiconductor"] * 2,
            "status": ["planned"] * 2,
            "investment_oku_yen": [100, 300],
            "lon": [west[0], east[0]],
            "lat": [west[1], east[1]],
        }
    ).to_csv(path, index=False)
    return path


def test_clusters_json(sites_csv, capsys) -> None:
    assert main(["clusters", "--region", "kyushu", "--sites", str(sites_csv), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == 1
    assert list(rows[0]) == [
        "id",
        "field",
        "sites",
        "pref_codes",
        "blocks",
        "investment_oku_yen",
        "jobs",
        "land_ha",
        "cross_prefecture",
        "cross_block",
    ]
    assert rows[0]["cross_prefecture"] is True and rows[0]["pref_codes"] == ["43", "44"]
    assert main(["clusters", "--sites", str(sites_csv), "--threshold-km", "10", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []  # 20 km apart: two lone sites, no cluster
    assert main(["clusters", "--sites", str(sites_csv), "--threshold-km", "10"]) == 0
    assert ": 0 (0 cross-prefecture; 2 lone site(s) in no cluster)" in capsys.readouterr().out
    assert main(["clusters", "--sites", str(sites_csv), "--threshold-km", "0"]) == 2
    assert "positive" in capsys.readouterr().err


def test_gaps_json_and_guarded_csv(sites_csv, tmp_path, capsys) -> None:
    out_csv = tmp_path / "gaps.csv"
    assert main(["gaps", "--region", "kyushu", "--sites", str(sites_csv), "--csv", str(out_csv), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    keys = ["site", "requirement", "status", "distance_km", "limit_km", "method", "layer_completeness", "reason"]
    assert rows and all(list(r)[:8] == keys for r in rows)
    assert {r["status"] for r in rows} <= {"ok", "gap", "unknown"}
    assert {r["method"] for r in rows} == {"straight"}
    water = [r for r in rows if r["requirement"] == "industrial_water"]
    assert water and all(r["status"] == "unknown" for r in water)  # no industrial-water data anywhere
    table = pd.read_csv(io.BytesIO(out_csv.read_bytes()), encoding="utf-8-sig")
    evil_rows = sum(r["site"] == '=HYPERLINK("x")' for r in rows)
    assert evil_rows > 0 and (table["site"] == '\'=HYPERLINK("x")').sum() == evil_rows
    assert not table["site"].str.startswith("=").any()


def test_gaps_bad_requirements_file(sites_csv, tmp_path, capsys) -> None:
    bad = tmp_path / "r.toml"
    bad.write_text("[profiles.default]\nport = 'far'\n", encoding="utf-8")
    assert main(["gaps", "--sites", str(sites_csv), "--requirements", str(bad)]) == 2
    assert "not understood" in capsys.readouterr().err


def test_safe_csv_neutralises_formula_cells() -> None:
    df = pd.DataFrame(
        {
            "a": ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "plain", "\tTAB"],
            "n": [-1, 2, 3, 4, 5, 6],
            "lst": [["=x", "y"], [], ["a"], ["b"], ["c"], ["d"]],
        }
    )
    text = safe_csv(df).decode("utf-8-sig")
    back = pd.read_csv(io.StringIO(text))
    assert list(back["a"]) == ["'=1+1", "'+SUM(A1)", "'-2+3", "'@cmd", "plain", "'\tTAB"]
    assert list(back["n"]) == [-1, 2, 3, 4, 5, 6]  # numbers are not text: negative numbers stay numbers
    assert back["lst"].iloc[0] == "'=x; y"
    assert neutralise(5) == 5 and neutralise("ok") == "ok"


def test_analysis_layers_escape_names(border_pair, make_sites, west) -> None:
    evil = "<img src=x onerror=alert(1)>"
    sites = make_sites(
        [
            {"name": evil, "field": "ai_semiconductor", "lon": west[0], "lat": west[1]},
            {"name": "B&B", "field": "ai_semiconductor", "lon": west[0] + 0.1, "lat": west[1]},
        ]
    )
    clusters = find_clusters(sites, 30.0)
    html_text = cluster_popup(clusters.iloc[0], "ja")
    assert evil not in html_text and "&lt;img src=x onerror=alert(1)&gt;" in html_text and "B&amp;B" in html_text
    gaps = infrastructure_gaps(border_pair.assign(name=[evil, "x"]))
    data = gap_markers(border_pair.assign(name=[evil, "x"]), gaps, "en")
    assert data["features"] and all(evil not in f["properties"]["_tip"] for f in data["features"])


def test_analysis_overlays_render_before_layer_control(border_pair) -> None:
    """The LayerControl script must come after the overlays (else Leaflet gets an undefined layer)."""
    import folium

    from layers.analysis import add_cluster_layer, add_gap_layer
    from layers.map import MapLayer, MapOptions, build_map

    sites = border_pair
    empty = {"type": "FeatureCollection", "features": []}
    m = build_map(
        bounds=(130.5, 32.5, 131.8, 33.6),
        sites=sites,
        options=MapOptions(leaflet_base_url="/static/leaflet"),
        prefectures=MapLayer("pref", "p", "polygon", data=empty),
        blocks=MapLayer("block", "b", "line", data=empty),
    )
    add_cluster_layer(m, find_clusters(sites, 30.0))
    add_gap_layer(m, sites, infrastructure_gaps(sites))
    html_text = m.get_root().render()
    children = list(m._children.values())
    assert isinstance(children[-1], folium.LayerControl)
    control_at = html_text.index("L.control.layers")
    assert all(html_text.index(g.get_name()) < control_at for g in children if isinstance(g, folium.FeatureGroup))


def test_sites_file_rows_skipped_in_japanese_then_english(sites_csv, capsys) -> None:
    table = pd.read_csv(sites_csv)
    table.loc[len(table)] = ["x", "A", "rocket_science", "planned", 1, 130.8, 32.9]
    table.to_csv(sites_csv, index=False)
    assert main(["clusters", "--sites", str(sites_csv), "--json"]) == 0
    err = capsys.readouterr().err
    # the header is row 1: the third data row is row 4
    assert "4 行目: 読み飛ばし: 分野「rocket_science」は使えません" in err
    assert " / row 4 skipped: Field 'rocket_science' is not known" in err
