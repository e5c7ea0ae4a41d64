"""geo.crs.Zoned: sites projected once to their own UTM zone, selected per kind by the gap checks."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from geo.crs import Zoned

# 那覇 127.68°E (zone 52, EPSG:6689), 熊本 130.71°E (zone 52), 東京 139.69°E (zone 54, EPSG:6691),
# 札幌 141.35°E (zone 54), 根室 145.58°E (zone 55, EPSG:6692)
LON = [139.69, 127.68, 145.58, 130.71, 141.35]
LAT = [35.69, 26.21, 43.33, 32.80, 43.06]


def test_each_point_is_projected_to_its_own_zone_once() -> None:
    points = gpd.GeoSeries(shapely.points(LON, LAT), crs="EPSG:4326")
    zoned = Zoned.of(points)
    assert list(zoned.crs) == ["EPSG:6691", "EPSG:6689", "EPSG:6692", "EPSG:6689", "EPSG:6691"]
    for i, code in enumerate(zoned.crs):  # as geopandas projects the point alone
        alone = points.iloc[[i]].to_crs(code).values[0]
        assert shapely.equals_exact(zoned.metric[i], alone, tolerance=1e-6)
    groups = [(code, idx.tolist()) for code, idx, _ in zoned.groups()]
    assert groups == [("EPSG:6689", [1, 3]), ("EPSG:6691", [0, 4]), ("EPSG:6692", [2])]
    part = zoned.take(np.array([4, 1]))
    assert list(part.crs) == ["EPSG:6691", "EPSG:6689"]
    assert [(code, idx.tolist()) for code, idx, _ in part.groups()] == [("EPSG:6689", [1]), ("EPSG:6691", [0])]
