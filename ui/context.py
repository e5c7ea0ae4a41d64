"""The sidebar every page shares (language, region, filters) and the cached loaders behind it."""

from __future__ import annotations

import hashlib
import json
import logging
from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import infra, regions
from geo.domain import ALL_FIELDS, BLOCKS, PLAN_TYPES, PREFECTURES, STATUSES
from geo.io.http import http_reachable
from geo.io.system import system_refusal
from geo.sites import selection
from geo.store import SiteStore, StoreError, open_store
from geo.store.snapshot import read_snapshot
from i18n import Lang, t
from i18n.errors import command_line_text, error_text
from i18n.names import code_name
from layers import assets, static_files
from layers.gsi_tiles import GSI_PROBE_URL
from ui import share
from ui.markdown import escape
from ui.widgets import streamlit_words

_KEY = "_chiiki_view"
_LOG = logging.getLogger("chiiki_map.ui")


#: Session key the clusters page sets and the 計画素案 page reads: ``{"name": …, "ids": [site ids]}`` of the
#: cluster a new plan starts from.
PLAN_FROM_CLUSTER = "plans_from_cluster"


@dataclass
class View:
    """What the sidebar selected, with the sites and layer status for it.

    ``key`` names the selection (store, its version, region and filters): what a page computes from the
    view is cached under it (``ui.cached``), so a re-run or another session with the same view reuses it.
    ``sites`` and ``all_sites`` are shared between sessions: read them, never change them.
    """

    lang: Lang
    region: regions.Region
    filters: dict[str, list[str] | None]
    sites: gpd.GeoDataFrame
    all_sites: gpd.GeoDataFrame
    status: list[infra.LayerStatus]
    fingerprint: str
    key: str = ""


@st.cache_resource(show_spinner=False)
def static_urls(lang: Lang, fingerprint: str) -> dict[str, str | None]:
    """Copy Leaflet and write (or find) the static layer files once per data version and language."""
    assets.install_static()
    return static_files.publish_all(lang, fingerprint)


@st.cache_resource(show_spinner=False, max_entries=4)
def _cached_sites(_store: SiteStore, target: str, version_token: str) -> gpd.GeoDataFrame:
    """All stored (not deleted) sites of ``target``; re-read whenever its version token changes.

    A resource, not ``cache_data``: unpickling 100,000 sites on every re-run cost ~0.2 s. A new server process
    starts from the store's snapshot of this version (``geo.store.snapshot``) instead of reading it row by row.
    """
    return read_snapshot(_store, target, version_token)


def _sites(store: SiteStore, target: str, version_token: str) -> gpd.GeoDataFrame:
    """The cached sites as this run's own frame (a shallow copy: pandas' copy-on-write keeps the cache intact)."""
    return _cached_sites(store, target, version_token).copy(deep=False)


@st.cache_resource(show_spinner=False, max_entries=8)
def _filtered(_all: gpd.GeoDataFrame, key: str, region_id: str, filters_json: str) -> gpd.GeoDataFrame:
    """The sites of one region and filters (``key`` names the store version, region and filters)."""
    return selection.filter_sites(_all, region=regions.resolve_region(region_id), **json.loads(filters_json))


def view_key(target: str, version_token: str, region_id: str, filters: dict[str, list[str] | None]) -> str:
    """A short name of one selection: the store, its version, the region and the filters."""
    text = json.dumps([target, version_token, region_id, filters], sort_keys=True, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def _view_sites(all_sites: gpd.GeoDataFrame, key: str, region: regions.Region, filters: dict) -> gpd.GeoDataFrame:
    """The region's filtered sites, computed once per selection; all of Japan unfiltered is the whole store."""
    if region.kind == "japan" and not any(filters.values()):
        return all_sites
    return _filtered(all_sites, key, region.id, json.dumps(filters, sort_keys=True)).copy(deep=False)


@st.cache_data(show_spinner=False)
def _layer_status(region_id: str, fingerprint: str) -> list[infra.LayerStatus]:
    return infra.region_layer_status(region_id)


@st.cache_data(show_spinner=False, ttl=300)
def basemap_online() -> bool:
    """Whether the GSI basemap tiles answer (a real HTTP request; proxies accept any TCP connect)."""
    return http_reachable(GSI_PROBE_URL, timeout=2.0)


#: The filters of the sidebar as it opens: none chosen (:func:`_sidebar` gives an empty choice as None).
NO_FILTERS: dict[str, list[str] | None] = {"fields": None, "plan_types": None, "statuses": None}


def _view(lang: Lang, region: regions.Region, filters: dict[str, list[str] | None]) -> View:
    """The view of ``region`` and ``filters``: the store's sites at its current version, the layer status."""
    fingerprint = infra.data_fingerprint()
    store = open_store()
    token = store.version_token()
    all_sites = _sites(store, store.target, token)
    key = view_key(str(store.target), token, region.id, filters)
    sites = _view_sites(all_sites, key, region, filters)
    return View(lang, region, filters, sites, all_sites, _layer_status(region.id, fingerprint), fingerprint, key)


def national_view(lang: Lang = "ja") -> View:
    """The view every session opens on (全国, no filter), as :func:`build_view` makes it, without a sidebar."""
    return _view(lang, regions.resolve_region("japan"), dict(NO_FILTERS))


def preload(lang: Lang = "ja") -> View:
    """Read what a session's first run reads into the caches it reads them from (a new server, ``ui.startup``).

    The static layer files, the store's sites (from its snapshot), the national view's layer status and
    whether the basemap tiles answer: the default view every session opens on, which is returned.
    """
    view = national_view(lang)
    static_urls(lang, view.fingerprint)
    basemap_online()
    return view


def sites_key(sites: gpd.GeoDataFrame) -> str:
    """A cheap key of a site frame (ids and versions) for the caches of pages that analyse it."""
    cols = [c for c in ("site_id", "version") if c in sites.columns]
    if not cols or sites.empty:
        return f"n{len(sites)}"
    return f"n{len(sites)}:{int(pd.util.hash_pandas_object(sites[cols], index=False).sum())}"


def region_options() -> list[str]:
    """Region ids a planner can pick: Japan, the blocks, then the prefectures."""
    return ["japan", *BLOCKS, *PREFECTURES]


def region_label(rid: str, lang: Lang) -> str:
    """A region id as a list of regions shows it (全国, 九州（ブロック）, 熊本県)."""
    if rid == "japan":
        return t("all_japan", lang)
    if rid in BLOCKS:  # 北海道 is a block and a prefecture: the list says which
        return t("region_block_label", lang, name=code_name(BLOCKS, rid, lang))
    return code_name(PREFECTURES, rid, lang)


def _sidebar(lang: Lang) -> tuple[regions.Region, dict[str, list[str] | None]]:
    sb = st.sidebar
    sb.header(t("filters", lang))
    block: str = (
        sb.selectbox(
            t("block", lang),
            ["japan", *BLOCKS],
            key="block",
            format_func=lambda b: t("all_japan", lang) if b == "japan" else code_name(BLOCKS, b, lang),
        )
        or "japan"
    )
    pref: str = ""
    if block != "japan":
        pref = (
            sb.selectbox(
                t("prefecture", lang),
                ["", *BLOCKS[block].pref_codes],
                key="pref",
                format_func=lambda c: t("all_prefs", lang) if not c else code_name(PREFECTURES, c, lang),
            )
            or ""
        )
    region = regions.resolve_region(pref or block)
    every = t("all_option", lang)  # an empty multiselect means "no filter"
    chosen = {
        "fields": sb.multiselect(
            t("fields", lang),
            list(ALL_FIELDS),
            key="fields",
            placeholder=every,
            format_func=lambda f: code_name(ALL_FIELDS, f, lang),
        ),
        "plan_types": sb.multiselect(
            t("plan_types", lang),
            list(PLAN_TYPES),
            key="plan_types",
            placeholder=every,
            format_func=lambda p: f"{p}: {code_name(PLAN_TYPES, p, lang)}",
        ),
        "statuses": sb.multiselect(
            t("statuses", lang),
            list(STATUSES),
            key="statuses",
            placeholder=every,
            format_func=lambda s: code_name(STATUSES, s, lang),
        ),
    }
    return region, {k: (v or None) for k, v in chosen.items()}


def _is_choice(value: object) -> bool:
    """A value a choice widget (selectbox, radio, multiselect) can hold: an option id or a list of them."""
    if isinstance(value, str):
        return True
    return isinstance(value, list | tuple) and all(isinstance(v, str) for v in value)


def _relabel_choices() -> None:
    """On a language change, set each choice's value again so the browser shows it in the new words.

    A keyed selectbox or radio keeps the label it was chosen with (全国 in the English UI, or a labour
    measure the page can no longer read back) unless its value is set from the server; setting it to
    itself keeps the choice and sends the new label. Only option ids (text, lists of text) are set again:
    buttons, uploads and numbers are left alone.
    """
    for key in list(st.session_state.keys()):
        value = st.session_state[key]
        if key != "lang" and _is_choice(value):
            st.session_state[key] = value


def build_view() -> View:
    """Draw the shared sidebar and load what it selects; stops the page with a message on bad data.

    A shared address fills the widgets first (``ui.share.restore``); the choice goes back into it.
    """
    share.restore()
    choice = st.sidebar.radio(
        t("language"), ["日本語", "English"], horizontal=True, key="lang", on_change=_relabel_choices
    )
    lang: Lang = "en" if choice == "English" else "ja"
    streamlit_words(lang)
    try:
        region, filters = _sidebar(lang)
        view = _view(lang, region, filters)
    except Exception as exc:  # the data or the system refused (a store that is a folder, a full disk): say so
        said = system_refusal(exc) or exc
        if said is exc and not isinstance(exc, (ValueError, OSError, StoreError)):
            raise  # a bug: Streamlit's short notice (client.showErrorDetails = "none"), the traceback in the log
        _LOG.error("the sidebar's data could not be loaded: %s", command_line_text(said, "en"))
        st.error(t("error_data", lang, detail=escape(error_text(said, lang))))
        st.stop()
    st.session_state[_KEY] = view
    share.publish(lang, region.id, filters)
    return view


def current() -> View:
    """The view built by ``app.py`` for this run."""
    return st.session_state[_KEY]
