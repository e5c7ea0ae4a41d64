"""Offline base-map labels: from our own data, thinned by zoom so no two shown labels overlap."""

from __future__ import annotations

import numpy as np

from geo.infra import basemap


def test_labels_never_overlap_and_thin_by_zoom() -> None:
    labels = basemap.basemap_labels()
    assert list(labels.columns) == basemap.LABEL_COLUMNS
    per_zoom = basemap.labels_per_zoom(labels)
    assert per_zoom[5] <= 47 and per_zoom[9] > 1000  # prefecture names nationally; municipalities from 9
    assert list(per_zoom.values())[:8] == sorted(list(per_zoom.values())[:8])
    kumamoto = labels[labels["lon"].between(130.5, 131.1) & labels["lat"].between(32.6, 33.1)]
    shown13 = kumamoto[(kumamoto["min_zoom"] <= 13) & (kumamoto["max_zoom"] >= 13)]
    assert {"菊陽町", "熊本空港", "熊本IC"} <= set(shown13["name"])
    kyushu = labels[labels["lon"].between(129.4, 132.3) & labels["lat"].between(30.9, 34.3)]
    for z in (6, 9, 11, 13):
        shown = kyushu[(kyushu["min_zoom"] <= z) & (kyushu["max_zoom"] >= z)]
        x, y = basemap._mercator_px0(shown["lon"].to_numpy(), shown["lat"].to_numpy())
        w, h = basemap._text_px(shown["name"], shown["kind"])
        xs, ys = x * 2.0**z, y * 2.0**z
        overlap = (np.abs(xs[:, None] - xs[None, :]) * 2 < w[:, None] + w[None, :]) & (
            np.abs(ys[:, None] - ys[None, :]) * 2 < h[:, None] + h[None, :]
        )
        np.fill_diagonal(overlap, False)
        assert not overlap.any(), (z, int(overlap.sum()))
