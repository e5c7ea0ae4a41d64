"""Completeness measured against a reference: the rule, the words, and the build's measurement."""

from __future__ import annotations

import geopandas as gpd
import pytest
import shapely

from geo.crs import CRS_STORE
from geo.infra import completeness as cm
from i18n.completeness import completeness_text, note_text, percent

# A fixture "station" reference: 50 points along a line in 熊本 (43) and 10 in 福岡 (40), 1 km apart.
KUMAMOTO = [(130.60 + 0.0107 * i, 32.80) for i in range(50)]  # ~1 km apart at 32.8°N
FUKUOKA = [(130.40 + 0.0107 * i, 33.58) for i in range(10)]


def _points(xy: list[tuple[float, float]]) -> gpd.GeoSeries:
    return gpd.GeoSeries(gpd.points_from_xy(*zip(*xy, strict=True)), crs=CRS_STORE)


def _reference() -> tuple[gpd.GeoSeries, list[str]]:
    return _points(KUMAMOTO + FUKUOKA), ["43"] * len(KUMAMOTO) + ["40"] * len(FUKUOKA)


def _line_layer(segments: list[tuple[int, int]]) -> gpd.GeoSeries:
    """Line features through the reference points i..j of 熊本 (and one line through all of 福岡)."""
    lines = [shapely.LineString([KUMAMOTO[i], KUMAMOTO[j]]) for i, j in segments]
    lines.append(shapely.LineString([FUKUOKA[0], FUKUOKA[-1]]))
    return gpd.GeoSeries(lines, crs=CRS_STORE)


def _measure(layer: gpd.GeoSeries) -> cm.Measurement:
    ref, prefs = _reference()
    by_pref, outside = cm.found_near(ref, prefs, layer, 300.0)
    return cm.Measurement(
        "near", "stations_on_line", "N02-23", "fixture", "2026-12-07", by_pref=by_pref, outside=outside
    )


def test_deleting_features_makes_completeness_drop() -> None:
    whole = _measure(_line_layer([(0, 24), (24, 49)]))
    assert whole.by_pref == {"40": (10, 10), "43": (50, 50)}
    assert whole.level(["43"]) == "complete" and whole.level() == "complete"
    # delete the second half of the 熊本 line: the 25 stations beyond point 24 lose their line
    cut = _measure(_line_layer([(0, 24)]))
    assert cut.by_pref["43"] == (25, 50) and cut.by_pref["40"] == (10, 10)
    assert cut.level(["43"]) == "partial" and cut.level(["40"]) == "complete"
    assert cut.partial_prefs() == ["43"]
    summary = cm.summarise(cut, ["40", "43"])
    assert (summary.found, summary.expected, summary.share) == (35, 60, 0.583)
    assert cut.level(["40", "43"]) == "partial"


def test_threshold_is_98_percent_and_never_rounds_up() -> None:
    def with_counts(found: int, expected: int) -> cm.Measurement:
        return cm.Measurement("near", "reference_found", "ref", "ref", "2026-12-07", by_pref={"01": (found, expected)})

    assert with_counts(98, 100).level() == "complete"
    assert with_counts(979, 1000).level() == "partial"
    assert percent(0.979) == "97%" and percent(0.98) == "98%" and percent(None) == "—"
    dated = cm.Measurement("dated", "dated", "", "", "2026-12-07", data_date="2016")
    assert dated.level() == "partial" and cm.summarise(dated).share is None
    subset = cm.Measurement(
        "near", "reference_found", "WPI", "", "2026-12-07", reference_subset=True, by_pref={"01": (5, 5)}
    )
    assert subset.level() == "partial"  # the reference itself lists only some of the kind
    register = cm.Measurement("register", "reference_found", "N02-23", "", "2026-12-07", by_pref={"01": (9, 10)})
    assert register.level() == "partial"  # a register copy is measured too: 90 % of it is not the register


def test_measurement_round_trips_through_the_manifest() -> None:
    m = _measure(_line_layer([(0, 24)]))
    assert cm.Measurement.from_json(m.as_json()) == m
    assert m.as_json()["by_pref"] == {"40": [10, 10], "43": [25, 50]}


def test_points_outside_every_prefecture_are_counted_apart() -> None:
    ref = _points([(130.6, 32.8), (150.0, 20.0)])
    by_pref, outside = cm.found_near(ref, ["43", None], _points([(130.6, 32.8)]), 300.0)
    assert by_pref == {"43": (1, 1)} and outside == 1
    with pytest.raises(ValueError, match="EPSG:4326"):
        cm.found_near(ref.to_crs(6690), ["43", None], _points([(130.6, 32.8)]), 300.0)


def test_words_come_from_i18n() -> None:
    m = _measure(_line_layer([(0, 24), (24, 47)]))  # 48 of 50 熊本 stations on a line: 96 %
    note = cm.measure_note(m, ["43"])
    assert note.code == "stations_on_line" and note.params["share"] == 0.96
    assert note_text(note, "ja") == "駅の96%が路線上（N02-23基準）"
    assert note_text(note, "en") == "96% of stations on a line (N02-23)"
    assert completeness_text("partial", [note], "ja") == "一部のみ（駅の96%が路線上（N02-23基準））"
    assert completeness_text("complete", [cm.Note("dated", {"date": "2023"})], "en") == "complete (as of 2023)"
    areas = cm.Note("areas_only", {"areas": [("九州", "Kyushu"), ("道央", "Doo")]})
    assert completeness_text("partial", [areas], "ja") == "一部のみ（九州・道央のみ）"
    assert completeness_text("none", [cm.Note("no_data")], "en") == "none"


def test_the_build_measures_the_committed_airports_and_sees_a_deletion() -> None:
    from geo import infra
    from scripts.layer_measures import measure

    airports = infra.load_layer("airports")
    full = measure("airports", airports, "2026-12-07")
    assert full is not None and full.counts(["45"]) == (1, 1) and full.level(["45"]) == "complete"
    assert full.by_pref == infra.measurement("airports").by_pref  # the manifest holds what the build measured
    cut = measure("airports", airports[airports["iata"] != "KMI"], "2026-12-07")  # 宮崎空港 deleted
    assert cut is not None and cut.counts(["45"]) == (0, 1) and cut.level(["45"]) == "partial"
    assert cut.level(["43"]) == "complete"
