"""Hand-made sites: the briefing sample (its summary added up by hand) and grids of valid sites."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.sites.schema import validate_sites

XSS = "<img src=x onerror=alert(1)>"
#: name, plan, field, company, 億円, jobs, land ha, status, lon, lat
BRIEFING_ROWS = [
    (XSS, "A", "ai_semiconductor", "<b>Evil & Co</b>", 1200, 300, 20, "planned", 130.80, 32.90),
    ("菊陽テスト工場", "A", "ai_semiconductor", "テスト半導体", 800, 200, None, "construction", 130.84, 32.88),
    ("合志テスト拠点", "A", "ai_semiconductor", "テスト電子", None, 150, 5.5, "planned", 130.78, 32.89),
    ("北九州テスト港", "B", "port_logistics", "テスト港運", 300, None, None, "operating", 130.83, 33.86),
    ("有田テスト窯", "C", "crafts", "テスト窯元", 2.5, 12, None, "operating", 129.88, 33.19),
]
#: The summary of BRIEFING_ROWS, added up by hand (1200 + 800 + 300 + 2.5 億円; 300 + 200 + 150 + 12 jobs; 20 + 5.5 ha).
BRIEFING_GOLDEN = {"n_sites": 5, "investment_oku_yen": 2302.5, "jobs": 662, "land_ha": 25.5}


def make_fixed_sites() -> gpd.GeoDataFrame:
    """The five validated sites of ``BRIEFING_ROWS`` (with ``site_id`` 1..5)."""
    cols = ["name", "plan_type", "field", "company", "investment_oku_yen", "jobs", "land_ha", "status", "lon", "lat"]
    df = pd.DataFrame(BRIEFING_ROWS, columns=cols).astype(object)
    df = df.where(df.notna(), "")
    accepted, rejected = validate_sites(df.astype(str).replace({"None": ""}))
    assert rejected.empty, rejected
    return accepted.assign(site_id=range(1, len(accepted) + 1))


def make_site_rows(n: int, prefix: str, lon: float = 130.845, lat: float = 32.882, **extra: object) -> pd.DataFrame:
    """``n`` valid plan-A sites with unique names on a grid (spacing ~100 m) around an inland point."""
    rows = [
        {
            "name": f"{prefix}-{i:04d}",
            "plan_type": "A",
            "field": "ai_semiconductor",
            "status": "planned",
            "lon": lon + (i % 25) * 0.001,
            "lat": lat + (i // 25) * 0.001,
            **extra,
        }
        for i in range(n)
    ]
    return pd.DataFrame(rows)
