"""A fixed sample of sites for briefing tests (independent of the committed sample CSV)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd

from geo.sites.schema import validate_sites

XSS = "<img src=x onerror=alert(1)>"
#: name, plan, field, company, 億円, jobs, land ha, status, lon, lat
ROWS = [
    (XSS, "A", "ai_semiconductor", "<b>Evil & Co</b>", 1200, 300, 20, "planned", 130.80, 32.90),
    ("菊陽テスト工場", "A", "ai_semiconductor", "テスト半導体", 800, 200, None, "construction", 130.84, 32.88),
    ("合志テスト拠点", "A", "ai_semiconductor", "テスト電子", None, 150, 5.5, "planned", 130.78, 32.89),
    ("北九州テスト港", "B", "port_logistics", "テスト港運", 300, None, None, "operating", 130.83, 33.86),
    ("有田テスト窯", "C", "crafts", "テスト窯元", 2.5, 12, None, "operating", 129.88, 33.19),
]
GOLDEN = {"n_sites": 5, "investment_oku_yen": 2302.5, "jobs": 662, "land_ha": 25.5}


def fixed_sites() -> gpd.GeoDataFrame:
    """The five validated sample sites (with ``site_id`` 1..5)."""
    cols = ["name", "plan_type", "field", "company", "investment_oku_yen", "jobs", "land_ha", "status", "lon", "lat"]
    df = pd.DataFrame(ROWS, columns=cols).astype(object)
    df = df.where(df.notna(), "")
    accepted, rejected = validate_sites(df.astype(str).replace({"None": ""}))
    assert rejected.empty, rejected
    return accepted.assign(site_id=range(1, len(accepted) + 1))
