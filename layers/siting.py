"""Map layer of the siting search: the ranked candidates, coloured by their worst check status.

Green: every check ok; grey: no gap, some unknown; red: at least one gap (``layers.style.STATUS_COLOURS``,
the gap analysis's colours). The chosen candidate is drawn larger with a dark ring. Each marker carries
its candidate id as ``site_id`` = ``cand-<id>`` (:data:`CANDIDATE_REF`), so a click on it is reported as a
site click is (hidden ``[site:cand-ID]`` in the tooltip) and the page shows that candidate's card.
"""

from __future__ import annotations

import re

import folium
import geopandas as gpd

from i18n import Lang, t
from i18n.siting import status_word
from layers.geojson_layer import add_geojson_layer, to_geojson
from layers.legend import LEGEND_BOX_PX
from layers.markup import escaped_props
from layers.style import STATUS_COLOURS

#: How a candidate's id rides in a click: ``[site:cand-12]`` → 12.
CANDIDATE_REF = re.compile(r"\[site:cand-(\d+)\]\s*$")
#: Most candidates drawn on the map (the best ranked; the table lists them all).
MAP_MAX = 500
#: Ring colour of the chosen candidate.
CHOSEN_RING = "#111111"
#: The siting map's legend as its framing plans for it (width, height px): the three statuses, the pipeline sites
#: folded under one line (they start switched off) and the boundaries — about 190 px tall, plus Leaflet's 10-px
#: margin and the credits line under it (tests/test_browser_siting.py measures it). The full legend's 330 px
#: squeezed 熊本 into 240 px of the 560-px map.
LEGEND_PX = (LEGEND_BOX_PX[0], 230)


def candidate_markers(table: gpd.GeoDataFrame, lang: Lang, chosen: int | None = None) -> dict[str, object]:
    """GeoJSON of the first :data:`MAP_MAX` candidates in rank order (worst status colours, rank in the tooltip)."""
    shown = table.head(MAP_MAX)
    ids = shown["candidate_id"].astype(int).tolist()
    tips = [
        t("siting_map_tip", lang, rank=int(r), name=n, status=status_word(s, lang))
        for r, n, s in zip(shown["rank"], shown["name"].astype(str), shown["status"], strict=True)
    ]
    is_chosen = [i == chosen for i in ids]
    props: dict[str, list[object]] = {
        "_color": [CHOSEN_RING if c else STATUS_COLOURS[s] for c, s in zip(is_chosen, shown["status"], strict=True)],
        "_fill": [STATUS_COLOURS[s] for s in shown["status"]],
        "_radius": [11 if c else 7 for c in is_chosen],
        "_tip": list(escaped_props(tips)),
        "site_id": [f"cand-{i}" for i in ids],
    }
    return to_geojson(shown, props, decimals=5)


def add_candidate_layer(
    m: folium.Map, table: gpd.GeoDataFrame, lang: Lang, chosen: int | None = None
) -> folium.FeatureGroup:
    """The candidates above the sites (SVG circles: each its own click), the chosen one ringed."""
    return add_geojson_layer(
        m,
        "siting-candidates",
        t("siting_layer", lang),
        pane="sites",
        data=candidate_markers(table, lang, chosen),
        style={"weight": 2, "fillOpacity": 0.9},
    )
