"""Static layer files for the live app: content-hashed, two zoom levels, and an index for warm starts."""

from __future__ import annotations

import html
import json

from geo import infra
from layers import static_files
from layers.assets import STATIC_URL


def test_publish_all_writes_every_layer_with_data_and_reuses_its_index(tmp_path, monkeypatch) -> None:
    urls = static_files.publish_all("ja", "fp1", tmp_path)
    assert set(urls) == {"prefectures", "blocks", "municipalities", "empty", "units", "industry_units", *infra.LAYERS}
    status = {r.id: r for r in infra.layer_status(None)}
    for layer_id in infra.LAYERS:
        has_data = status[layer_id].count > 0
        assert (urls[layer_id] is not None) == has_data, layer_id
    for key, url in urls.items():
        if url is None or key == "empty":
            continue
        path = tmp_path / url.removeprefix(f"{STATIC_URL}/")
        fc = json.loads(path.read_text(encoding="utf-8"))
        assert fc["type"] == "FeatureCollection" and fc["features"]
        coarse = path.with_name(path.name.replace(".json", static_files.COARSE_SUFFIX)).exists()
        assert coarse == (key != "municipalities"), key  # municipal outlines: one file, drawn from zoom 9
    # the industry units: a designated city whole (札幌市 01100, 横浜市 14100), never its wards; 23 wards stay
    industry = json.loads((tmp_path / str(urls["industry_units"]).removeprefix(f"{STATIC_URL}/")).read_text("utf-8"))
    codes = {f["properties"]["code"] for f in industry["features"]}
    assert {"01100", "14100", "13101"} <= codes and not {"01101", "14101"} & codes
    assert "packed" in industry  # one packed stream for the canvas
    index = tmp_path / static_files.LAYER_SUBDIR / f"index-ja-fp1-{static_files.INDEX_VERSION}.json"
    assert json.loads(index.read_text(encoding="utf-8")) == urls

    # warm start: the index answers, no layer is regenerated
    def boom(*args, **kwargs):
        raise AssertionError("regenerated although the index was valid")

    monkeypatch.setattr(static_files, "publish_layer", boom)
    monkeypatch.setattr(static_files, "publish_boundaries", boom)
    assert static_files.publish_all("ja", "fp1", tmp_path) == urls


def test_a_missing_file_or_new_fingerprint_regenerates(tmp_path) -> None:
    urls = static_files.publish_all("en", "fp1", tmp_path)
    victim = tmp_path / urls["airports"].removeprefix(f"{STATIC_URL}/")
    victim.unlink()
    again = static_files.publish_all("en", "fp1", tmp_path)
    assert (tmp_path / again["airports"].removeprefix(f"{STATIC_URL}/")).exists()
    assert static_files.publish_all("en", "fp2", tmp_path) == again  # same data, same content hashes
    # the file written again has a tooltip on every feature: the airport's name (and subtype) where it
    # has one, else the English layer name
    features = json.loads(victim.read_text(encoding="utf-8"))["features"]
    airports = infra.load_layer("airports")
    names = airports["name"].fillna("").astype(str).str.strip()
    tips = [f["properties"].get("_tip", "") for f in features]
    assert len(features) == len(airports)
    with_name = sum(bool(n) and tip.startswith(html.escape(n)) for tip, n in zip(tips, names))
    assert with_name == names.ne("").sum() > 0, "each named airport's tooltip shows its name"
    assert tips.count(infra.LAYERS["airports"].name_en) == names.eq("").sum(), "the others show the layer name"


def test_points_are_thinned_by_zoom_below_the_detail_level() -> None:
    """At the national zoom one point per 12-px square stays (the first); lines and far points all stay."""
    import geopandas as gpd
    from shapely.geometry import LineString, Point

    # at zoom 5 one degree of longitude is 256 * 32 / 360 ≈ 22.8 px: 0.1° apart share a square, 1° apart do not
    gdf = gpd.GeoDataFrame(
        {"name": ["a", "b", "c", "line", "d"]},
        geometry=[
            Point(135.0, 35.0),
            Point(135.01, 35.01),
            Point(136.0, 35.0),
            LineString([(135, 35), (136, 36)]),
            Point(135.02, 35.0),
        ],
        crs="EPSG:4326",
    )
    kept = static_files.thinned_points(gdf)
    assert list(kept["name"]) == ["a", "c", "line"]
    ics = infra.load_layer("expressway_ic")
    coarse = static_files.generalised(ics, "point", "IC", simplify_deg=0.01, decimals=3)
    assert 100 < len(coarse["features"]) < len(ics) / 3, "2,303 IC squares over Japan thinned at the national zoom"
