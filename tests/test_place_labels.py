"""Offline base-map labels: from our own data, thinned by zoom so no two shown labels overlap."""

from __future__ import annotations

import numpy as np
import pandas as pd

from geo import place_labels
from geo.crs import web_mercator_px
from layers.offline_basemap import label_rows


def test_labels_never_overlap_and_thin_by_zoom() -> None:
    labels = place_labels.thinned_labels()
    assert list(labels.columns) == place_labels.LABEL_COLUMNS
    per_zoom = {z: int(((labels["min_zoom"] <= z) & (labels["max_zoom"] >= z)).sum()) for z in place_labels.ZOOMS}
    assert per_zoom[5] <= 47 and per_zoom[9] > 1000  # prefecture names nationally; municipalities from 9
    assert list(per_zoom.values())[:8] == sorted(list(per_zoom.values())[:8])
    kumamoto = labels[labels["lon"].between(130.5, 131.1) & labels["lat"].between(32.6, 33.1)]
    shown13 = kumamoto[(kumamoto["min_zoom"] <= 13) & (kumamoto["max_zoom"] >= 13)]
    assert {"菊陽町", "熊本空港", "熊本IC"} <= set(shown13["name"])
    kyushu = labels[labels["lon"].between(129.4, 132.3) & labels["lat"].between(30.9, 34.3)]
    for z in (6, 9, 11, 13):
        shown = kyushu[(kyushu["min_zoom"] <= z) & (kyushu["max_zoom"] >= z)]
        x, y = web_mercator_px(shown["lon"].to_numpy(), shown["lat"].to_numpy())
        w, h = place_labels._text_px(shown["name"], shown["kind"])
        xs, ys = x * 2.0**z, y * 2.0**z
        overlap = (np.abs(xs[:, None] - xs[None, :]) * 2 < w[:, None] + w[None, :]) & (
            np.abs(ys[:, None] - ys[None, :]) * 2 < h[:, None] + h[None, :]
        )
        np.fill_diagonal(overlap, False)
        assert not overlap.any(), (z, int(overlap.sum()))


def _thin_oracle(labels) -> np.ndarray:
    """The greedy rule written plainly: per zoom, shown labels first, then the rest in order, each kept
    unless its box overlaps one kept before it (all pairs, no grid, no shortcut)."""
    x0, y0 = web_mercator_px(labels["lon"].to_numpy(float), labels["lat"].to_numpy(float))
    w, h = place_labels._text_px(labels["name"], labels["kind"])
    lo = labels["kind"].map(lambda k: place_labels.LABEL_KINDS[k]["min"]).to_numpy(float)
    hi = labels["kind"].map(lambda k: place_labels.LABEL_KINDS[k]["max"]).to_numpy(float)
    first = np.full(len(labels), np.nan)
    for z in place_labels.ZOOMS:
        xs, ys = x0 * 2.0**z, y0 * 2.0**z
        shown = [i for i in range(len(labels)) if not np.isnan(first[i]) and hi[i] >= z]
        rest = [i for i in range(len(labels)) if np.isnan(first[i]) and lo[i] <= z <= hi[i]]
        kept: list[int] = []
        for i in shown + rest:
            if i in shown or not any(
                abs(xs[i] - xs[j]) * 2 < w[i] + w[j] and abs(ys[i] - ys[j]) * 2 < h[i] + h[j] for j in kept
            ):
                kept.append(i)
                first[i] = z if np.isnan(first[i]) else first[i]
    return first


def test_thin_equals_the_plain_greedy_rule() -> None:
    rng = np.random.default_rng(4)
    n = 600
    labels = pd.DataFrame(
        {
            "name": rng.choice(["菊陽町", "熊本空港", "IC", "あいうえおかきくけこ", "A"], n),
            "kind": rng.choice(list(place_labels.LABEL_KINDS), n),
            "lon": rng.uniform(130.0, 131.5, n),
            "lat": rng.uniform(32.0, 33.5, n),
        }
    )
    np.testing.assert_array_equal(place_labels.thin(labels), _thin_oracle(labels))


def test_every_station_can_be_named_at_close_zoom() -> None:
    labels = place_labels.thinned_labels()
    stations = labels[labels["kind"] == "station"]
    assert len(stations) > 9000  # N02-23: every station group, not 47 major ones
    assert stations["min_zoom"].min() >= place_labels.LABEL_KINDS["station"]["min"]  # close zoom only
    by_name = stations.drop_duplicates("name").set_index("name")
    assert by_name.loc["博多", "min_zoom"] <= 11  # a transfer hub comes before its neighbours
    for name in ("原水", "三里木", "光の森", "伊万里"):  # 豊肥本線 through 菊陽, and 伊万里
        assert by_name.loc[name, "min_zoom"] <= 16, name


def test_the_english_map_names_airports_in_english() -> None:
    """Issue 24: the English map showed 熊本空港, 福岡空港 …; airports have English names (prefectures too)."""
    box = (130.5, 32.6, 131.1, 33.1)
    ja = {str(row[2]) for row in label_rows(box, 0.0, "ja") if row[3] == "airport"}
    en = {str(row[2]) for row in label_rows(box, 0.0, "en") if row[3] == "airport"}
    assert "熊本空港" in ja and "Kumamoto Airport" in en and "熊本空港" not in en
    munis_en = {str(row[2]) for row in label_rows(box, 0.0, "en") if row[3] == "muni"}
    assert "菊陽町" in munis_en  # no English name in our data: kept as it is
