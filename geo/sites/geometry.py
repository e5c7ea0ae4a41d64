"""Where a GeoJSON/GeoPackage feature's geometry gives a site its ``lon``/``lat``, and where it cannot.

``read_sites_file`` calls ``geometry_rows``; rows it cannot turn into one point carry their reasons
(``geo.io.reasons.Reason``) in the ``GEOMETRY_PROBLEM`` column, which ``validate_sites`` reports as the
row's rejection (nothing vanishes).
"""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from geo.io.reasons import Reason
from geo.text import blank, clip, to_number

#: A column ``read_sites_file`` adds for rows whose geometry cannot be one site (MultiPoint, conflicts);
#: ``validate_sites`` rejects those rows with its reasons (a tuple of ``Reason``; ``()`` where none).
GEOMETRY_PROBLEM = "_geometry_problem"
#: Degrees within which ``lon``/``lat`` properties agree with a GeoJSON/GPKG geometry (about 1 m).
LONLAT_TOLERANCE = 1e-5


def geometry_rows(gdf: gpd.GeoDataFrame, df: pd.DataFrame) -> pd.DataFrame:
    """``lon``/``lat`` from the geometry, and ``GEOMETRY_PROBLEM`` where it cannot be one site's point.

    A point gives itself, a polygon or line its representative point. A MultiPoint of one point is
    that point; one of several points is refused (one row must not become several sites, which would
    count its investment and jobs several times, nor silently keep one of its places). ``lon``/``lat``
    properties that disagree with the geometry (by more than ``LONLAT_TOLERANCE`` degrees) are a
    reported conflict, never an override; blank ones are filled from the geometry.
    """
    geom = gdf.geometry
    has_geom = (geom.notna() & ~geom.is_empty).to_numpy()
    parts = np.array([shapely.get_num_geometries(g) if g is not None else 0 for g in geom], dtype=int)
    multi = has_geom & (geom.geom_type == "MultiPoint").to_numpy() & (parts > 1)
    pts = geom.representative_point()
    problems: list[tuple[Reason, ...]] = [()] * len(df)
    for i in np.flatnonzero(multi):
        problems[i] = (Reason.of("geometry_multipoint", parts=int(parts[i])),)
    for col, vals in (("lon", pts.x), ("lat", pts.y)):
        geom_vals = pd.Series(
            ["" if not ok or pd.isna(v) else repr(float(v)) for ok, v in zip(has_geom & ~multi, vals)], index=df.index
        )
        if col not in df.columns:
            df[col] = geom_vals
            continue
        given = df[col]
        empty = blank(given).to_numpy()
        numbers, _bad = to_number(given)
        disagree = ~empty & has_geom & ~multi & ~(np.abs(numbers.to_numpy() - vals.to_numpy()) <= LONLAT_TOLERANCE)
        for i in np.flatnonzero(disagree):
            value, at = clip(given.iloc[i], 40), float(vals.iloc[i])
            note = Reason.of("geometry_conflict", column=col, value=value, geometry=at)
            problems[i] = (*problems[i], note)
        df[col] = given.where(~empty, geom_vals)
    if any(problems):
        df[GEOMETRY_PROBLEM] = pd.Series(problems, index=df.index, dtype=object)
    return df
