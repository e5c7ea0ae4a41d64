"""Candidate sites for the map: one packed layer (ids, positions, field, size) plus escaped names.

Issue 14: a national register holds 100,000 sites, and streamlit-folium re-sends the map on every
re-run. The layer therefore carries per site only what the map draws — its id, its position on a
Web Mercator grid, its field and its circle size, packed by :func:`layers.canvas.packing.pack_sites`
(about 16 bytes of base64) — and its escaped name for the tooltip. The card is built on demand from
the clicked site's id (the app) or inlined for the top sites only (a briefing, ``cards``).

Many sites are drawn on the canvas by ``cmCanvas.sites``: while more than :data:`BIN_ABOVE` sites lie in
the view they are merged per :data:`BIN_PX` pixel cell into one circle with its count (the legend says
so, :func:`binning_note`); zoomed in, each site is its own circle. Up to :data:`SVG_MAX` sites the app
draws one SVG circle per site from the same data (per-site DOM events: picking a location, tests).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import shapely

from geo.domain import ALL_FIELDS
from geo.sites.selection import largest_first
from i18n import Lang, t
from i18n import format as fmt
from layers.canvas.packing import pack_sites
from layers.markup import escape_text
from layers.popups import site_card_html
from layers.style import FIELD_COLOURS, UNKNOWN_FIELD_COLOUR, site_radii

#: The app draws up to this many sites as SVG circles; more go on the canvas.
SVG_MAX = 3000


def on_canvas(n_sites: int) -> bool:
    """Whether a layer of ``n_sites`` sites (or markers placed on them) is drawn on the canvas, not as SVG."""
    return n_sites > SVG_MAX


#: A map inlines the cards of, and a briefing lists, at most this many sites (the largest investments).
TOP_SITES = 500
#: More sites than this in the view are merged per cell of BIN_PX screen pixels.
BIN_ABOVE = 5000
BIN_PX = 40
#: Field index of a site whose field is not one of ``ALL_FIELDS`` (its colour is the unknown grey).
_FIELD_IDS = list(ALL_FIELDS)
_UNKNOWN = len(_FIELD_IDS)
COLOURS = [*(FIELD_COLOURS[f] for f in _FIELD_IDS), UNKNOWN_FIELD_COLOUR]


def _site_ids(sites: gpd.GeoDataFrame) -> np.ndarray:
    """Integer site ids (the store's); sites from a file without ids are numbered 1..n."""
    if "site_id" not in sites:
        return np.arange(1, len(sites) + 1, dtype=np.int64)
    return pd.to_numeric(sites["site_id"], errors="raise").to_numpy(dtype=np.int64)


def site_cards_note(n_sites: int, lang: Lang = "ja") -> str | None:
    """What a map or briefing with more than :data:`TOP_SITES` sites says about its cards, or None."""
    if n_sites <= TOP_SITES:
        return None
    return t("cards_top_only", lang, n=fmt.number(TOP_SITES, lang), total=fmt.number(n_sites, lang))


def point_layer(
    ids: np.ndarray,
    points: gpd.GeoDataFrame,
    classes: np.ndarray,
    radii: np.ndarray,
    colours: list[str],
    tips: Sequence[object] | np.ndarray | pd.Series,
) -> dict[str, Any]:
    """Points in the site layer's packed form, sorted by id: the site layer, and the gap markers of a briefing.

    ``classes`` index ``colours``; ``tips`` are plain text (line breaks become spaces: one tip a line),
    escaped here in one pass over the joined lines (escaping maps each character on its own).
    """
    order = np.argsort(ids, kind="stable")
    geoms = points.geometry.to_numpy()[order]
    lonlat = np.column_stack([shapely.get_x(geoms), shapely.get_y(geoms)])
    return {
        "sites": pack_sites(np.asarray(ids)[order], lonlat, np.asarray(classes)[order], np.asarray(radii)[order]),
        "colours": list(colours),
        "tips": escape_text(_lines(tips, order)),
    }


def _lines(tips: Sequence[object] | np.ndarray | pd.Series, order: np.ndarray) -> str:
    """The tips in ``order``, line breaks as spaces, joined one a line — in Arrow, without a Python string each."""
    text = tips.reset_index(drop=True) if isinstance(tips, pd.Series) else pd.Series(np.asarray(tips, dtype=object))
    text = text.astype("string[pyarrow]").fillna("").iloc[order]
    flat = pa.array(text.str.replace(r"[\r\n]+", " ", regex=True).array).cast(pa.large_string())
    if len(flat) == 0:
        return ""
    rows = pa.LargeListArray.from_arrays(pa.array([0, len(flat)], pa.int64()), flat)
    return str(pc.binary_join(rows, pa.scalar("\n", pa.large_string()))[0].as_py())


def site_layer(sites: gpd.GeoDataFrame, lang: Lang = "ja", *, cards: bool = False) -> dict[str, Any]:
    r"""The site layer's data: packed sites, field colours, escaped names, optional cards.

    Parameters
    ----------
    sites
        Validated sites in EPSG:4326 with unique integer ``site_id`` (or none: numbered 1..n).
    lang
        ``"ja"`` or ``"en"`` (the cards and their note).
    cards
        Inline the card HTML (:func:`layers.popups.site_card_html`) of the :data:`TOP_SITES` sites with
        the largest investment (:func:`geo.sites.selection.largest_first`), which a click opens in place
        (a briefing, the analysis pages); a click on another site shows its name and
        :func:`site_cards_note`. False: the app builds the clicked site's card from its id.

    Returns
    -------
    dict
        ``{"sites": packed, "colours": [...], "tips": "name\\nname...", "cards": {id: html}, "note": html}``;
        ``tips`` are escaped names in id order, one a line.
    """
    ids = _site_ids(sites)
    codes = pd.Index(_FIELD_IDS).get_indexer(sites["field"].astype(str)).astype(np.int64)
    investment = pd.to_numeric(sites["investment_oku_yen"], errors="coerce").to_numpy(dtype=float)
    classes = np.where(codes < 0, _UNKNOWN, codes)
    names = sites["name"].to_numpy(dtype=object)
    data = point_layer(ids, sites, classes, site_radii(investment), COLOURS, names)
    if cards:
        top = largest_first(sites.reset_index(drop=True), TOP_SITES)
        top_ids = ids[top.index.to_numpy()]
        data["cards"] = {str(i): site_card_html(row, lang) for i, (_, row) in zip(top_ids, top.iterrows(), strict=True)}
        data["note"] = escape_text(site_cards_note(len(sites), lang) or "")
    return data


def binning_note(n_sites: int, lang: Lang = "ja") -> str | None:
    """The legend line saying how sites are merged when many are in view, or None when they never are."""
    if n_sites <= BIN_ABOVE:
        return None
    return t("legend_binned", lang, n=fmt.number(BIN_ABOVE, lang), px=BIN_PX)


def bin_tip(lang: Lang = "ja") -> str:
    """Tooltip of a merged cell (escaped; ``{n}`` is replaced by its count in the browser)."""
    return escape_text(t("site_bin_tip", lang))
