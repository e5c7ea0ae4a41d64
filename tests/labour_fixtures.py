"""Hand-made census units, schools and sites for the labour tests: distances in UTM 52 are exact.

Sites S1 at WEST, S2 40 km east; units U1 10 km west of S1, U2 20 km east (20 km from both), U3 55 km
east (15 km from S2). At 30 km: S1 ← {U1, U2}, S2 ← {U2, U3}, sharing U2; at 16 km they share nothing.
"""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.labour.jobs import parse_labour_units
from tests.analysis_fixtures import WEST, make_sites, offset

#: (code, pref, population, share under 15, share 65+, metres east of WEST) → working age 6,000 / 12,000 / 2,000
UNITS = [
    ("90001", "43", 10_000.0, 0.10, 0.30, -10_000.0),
    ("90002", "43", 20_000.0, 0.15, 0.25, 20_000.0),
    ("90003", "44", 5_000.0, 0.20, 0.40, 55_000.0),
]
WORKING_AGE = {"90001": 6_000.0, "90002": 12_000.0, "90003": 2_000.0}


def units() -> gpd.GeoDataFrame:
    points = [offset(*WEST, dx) for *_, dx in UNITS]
    df = pd.DataFrame(
        {
            "code": [u[0] for u in UNITS],
            "name_ja": ["一町", "二町", "三町"],
            "pref_code": [u[1] for u in UNITS],
            "population": [u[2] for u in UNITS],
            "pct_child_under15": [u[3] for u in UNITS],
            "pct_elderly_65": [u[4] for u in UNITS],
            "female_labor_participation": [float("nan")] * 3,
        }
    )
    df["working_age"] = df["population"] * (1 - df["pct_child_under15"] - df["pct_elderly_65"])
    return gpd.GeoDataFrame(df, geometry=gpd.points_from_xy(*zip(*points)), crs="EPSG:4326")


def schools() -> pd.DataFrame:
    return pd.DataFrame({"kind": ["kosen", "university", "junior_college"], "unit_code": ["90002", "90001", "99999"]})


def labour_units():
    return parse_labour_units(
        {"units": {"ai_semiconductor": {"jobs_per_100oku": 17, "basis": "source", "note": "JASM fab 1"}}}
    )


def sites() -> gpd.GeoDataFrame:
    """S1 discloses 900 jobs; S2 discloses none but 500 億円 (→ 85 estimated); S3 has neither."""
    s2 = offset(*WEST, 40_000.0)
    s3 = offset(*WEST, 20_000.0, -100_000.0)
    return make_sites(
        [
            {"name": "S1", "field": "ai_semiconductor", "lon": WEST[0], "lat": WEST[1], "jobs": "900"},
            {"name": "S2", "field": "ai_semiconductor", "lon": s2[0], "lat": s2[1], "investment_oku_yen": "500"},
            {"name": "S3", "field": "shipbuilding", "lon": s3[0], "lat": s3[1], "investment_oku_yen": ""},
        ]
    )
