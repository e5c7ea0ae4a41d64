"""Industrial-land page: balance map per prefecture, tables per prefecture/block, chart, reach, import."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import regions
from geo.accounts import Actor
from geo.analysis import land
from geo.analysis.clusters import DEFAULT_THRESHOLD_KM
from geo.analysis.headlines import land_figures
from geo.analysis.land_balance import block_balance, parcels_within_reach, reach_summary
from geo.domain import BLOCKS, PREFECTURES
from geo.errors import ChiikiMapError
from geo.io.safe_csv import safe_csv
from geo.io.uploads import upload_path
from geo.store import open_store
from i18n import Lang, t, term_name
from i18n import format as fmt
from i18n.errors import error_text
from i18n.names import code_name
from i18n.reasons import reasons_text
from layers.land import add_balance_layers, add_parcel_layer
from layers.map import MapLayer, MapOptions, build_map
from layers.popups import cluster_labels
from ui import auth, cached, charts
from ui.context import View, current, static_urls
from ui.live_map import live_map
from ui.markdown import escape

UPLOAD_TYPES = ["csv", "txt", "xlsx", "geojson", "json", "gpkg"]


def _imports_stamp() -> tuple[tuple[str, int], ...]:
    """Names and modification times of the imported parcel files (cache key)."""
    folder = land.land_dir()
    return tuple((n, (folder / f"{n}.parquet").stat().st_mtime_ns) for n in land.list_imports())


@st.cache_data(show_spinner=False)
def _parcels(
    region_id: str, sample: bool, imported: bool, osm: bool, stamp: tuple, fingerprint: str
) -> gpd.GeoDataFrame:
    return land.load_parcels(regions.resolve_region(region_id), sample=sample, imported=imported, osm=osm)


def _ha(values: pd.Series, lang: Lang) -> list[str]:
    """Hectares as text; unknown (NaN) says 「不明」, never 0."""
    return [fmt.hectares(v, lang) for v in values]


def _balance_table(table: pd.DataFrame, lang: Lang, level: str) -> pd.DataFrame:
    """Per-prefecture (``level="pref"``) or per-block (``"block"``) balance table, unknown as 「不明」."""
    by_pref = level == "pref"
    unit, names = ("pref_code", PREFECTURES) if by_pref else ("block", BLOCKS)
    unknown_col, unknown_key = (
        ("demand_unknown_sites", "land_col_unknown_sites") if by_pref else ("unknown_prefs", "land_col_unknown_prefs")
    )
    return pd.DataFrame(
        {
            t(f"land_col_{level}", lang): [code_name(names, c, lang) for c in table[unit]],
            t("land_col_parcels", lang): table["n_parcels"],
            t("land_col_available", lang): _ha(table["available_ha"], lang),
            t("land_col_demand", lang): _ha(table["demand_ha"], lang),
            t("land_col_balance", lang): _ha(table["balance_ha"], lang),
            t("land_col_unknown", lang): table["unknown_parcels"],
            t(unknown_key, lang): table[unknown_col],
            t("land_col_status", lang): [t(f"land_status_{s}", lang) for s in table["status"]],
        }
    )


def _chart(table: pd.DataFrame, lang: Lang) -> None:
    """Available vs demand for prefectures whose availability is known; the others are named, not drawn."""
    st.subheader(t("land_chart", lang))
    known = table[table["available_ha"].notna()]
    if len(known):
        charts.bars(
            pd.DataFrame(
                {
                    t("land_col_available", lang): known["available_ha"].to_numpy(),
                    t("land_col_demand", lang): known["demand_ha"].to_numpy(),
                },
                index=[code_name(PREFECTURES, c, lang) for c in known["pref_code"]],
            ),
            lang,
            title=t("chart_ha_axis", lang),
            stack=False,
            digits=1,
        )
    else:
        charts.no_data(lang)
    unknown = table[table["available_ha"].isna()]
    if len(unknown):
        st.caption(
            t(
                "land_chart_unknown",
                lang,
                names="・".join(code_name(PREFECTURES, c, lang) for c in unknown["pref_code"]),
            )
        )


def _reach(view: View, parcels: gpd.GeoDataFrame) -> None:
    """Parcels within reach of each cluster of the shown sites (geo.analysis.clusters)."""
    lang = view.lang
    st.subheader(t("land_reach", lang))
    reach = st.slider(t("land_reach_km", lang), 1.0, 100.0, 20.0, 1.0, format="%g", key="land_reach_km")
    if view.sites.empty or parcels.empty:
        st.info(t("land_reach_none", lang))
        return
    clusters = cached.clusters(view, DEFAULT_THRESHOLD_KM)
    clusters = clusters.assign(label=cluster_labels(clusters, lang))  # named as on the clusters page
    pairs = parcels_within_reach(clusters, parcels, reach, id_column="label")
    st.caption(t("land_reach_clusters", lang, km=DEFAULT_THRESHOLD_KM))
    if pairs.empty:
        st.info(t("land_reach_none", lang))
        return
    summary = reach_summary(pairs)
    charts.table(
        pd.DataFrame(
            {
                t("land_col_area", lang): summary["area_id"],
                t("land_col_parcels", lang): summary["n_parcels"],
                t("land_col_available", lang): _ha(summary["available_ha"], lang),
                t("land_col_unknown", lang): summary["unknown_parcels"],
            }
        ),
        lang,
    )
    charts.table(
        pd.DataFrame(
            {
                t("land_col_area", lang): pairs["area_id"],
                t("land_col_name", lang): pairs["parcel"],
                t("land_col_distance", lang): [
                    t("land_inside_area", lang) if d == 0 else fmt.number(d, lang, 1) for d in pairs["distance_km"]
                ],
                t("land_col_available", lang): _ha(pairs["available_ha"], lang),
            }
        ),
        lang,
    )


def _import(lang: Lang) -> None:
    """Upload a parcel file, preview accepted and rejected rows, import on request; or remove an import.

    Uploading and previewing need a signed-in person; importing and removing an editor (``ui.auth``), and
    are recorded in the store's activity log (``SiteStore.record``).
    """
    actor = auth.sign_in_widget(lang)
    with st.expander(t("land_import", lang), expanded=False):
        st.caption(t("land_import_help", lang))
        may_write = auth.is_editor(actor)
        if not may_write:
            st.info(auth.not_allowed_note(actor, lang, "land_editor_required"))
        upload = auth.file_uploader(actor, lang, t("land_upload", lang), type=UPLOAD_TYPES, key="land_file")
        if upload is not None:
            try:
                with upload_path(upload.name, upload.getvalue()) as path:
                    _preview(lang, actor if may_write else None, upload.name, path)
            except (ValueError, OSError) as exc:  # empty or too large: refused before reading
                st.error(t("land_import_error", lang, detail=escape(error_text(exc, lang))))
        names = land.list_imports()
        if names:
            st.caption(t("land_imports", lang, names=escape(", ".join(names))))
            if may_write:
                gone = st.selectbox(t("land_remove", lang), names, key="land_remove")
                if st.button(t("land_remove_button", lang), key="land_remove_button") and _write(
                    lang,
                    actor,
                    lambda: land.remove_import(gone),
                    ("land_remove", gone, land.imported_file(gone)),
                    {},
                    "",
                ):
                    st.rerun()


def _preview(lang: Lang, writer: Actor | None, name: str, path: Path) -> None:
    """Accepted and rejected rows of an uploaded parcel file; the import button for an editor (``writer``)."""
    try:
        accepted, rejected = land.load_parcel_file(path, display_name=name)
    except (ValueError, OSError) as exc:
        st.error(t("land_import_error", lang, detail=escape(error_text(exc, lang))))
        return
    st.caption(t("land_preview", lang, ok=len(accepted), bad=len(rejected)))
    charts.table(pd.DataFrame(accepted.drop(columns="geometry")).head(50), lang)
    if len(rejected):
        st.warning(t("land_rejected", lang))
        worded = rejected.assign(reason=[reasons_text(r, lang) for r in rejected["reason"]])
        charts.table(worded, lang)
    if writer is not None and len(accepted) and st.button(t("land_import_button", lang), key="land_import_button"):
        stored = land.import_target(path)
        _write(
            lang,
            writer,
            lambda: land.import_parcels(path, source=name),
            ("land_import", stored.stem, stored),
            {"file": name, "accepted": len(accepted), "rejected": len(rejected)},
            t("land_imported", lang, n=len(accepted), name=escape(name)),
        )


def _write(
    lang: Lang,
    actor: Actor | None,
    action: Callable[[], object],
    what: tuple[str, str, Path],
    detail: dict[str, object],
    done: str,
) -> bool:
    """Run one land write as ``actor`` with its activity row as one unit; show the outcome; True if done.

    ``what`` is (activity, target, the file written or removed); a read-only or full store stops before
    the file is touched, and a failed write or record puts the file back (``SiteStore.recording``).
    """
    kind, target, file = what
    store = open_store()
    try:
        store.authorize(actor)
        with store.recording(actor, kind, target, files=[file], **detail):
            action()
    except ChiikiMapError as exc:
        st.error(t("land_import_error", lang, detail=escape(error_text(exc, lang))))
        return False
    except (ValueError, OSError) as exc:
        st.error(t("land_import_error", lang, detail=escape(error_text(exc, lang))))
        return False
    if done:
        st.success(done)
    return True


def page() -> None:
    view = current()
    lang, region = view.lang, view.region
    st.title(t("land_title", lang))
    st.caption(t("land_caption", lang))
    st.sidebar.header(t("land_sources", lang))
    sample = st.sidebar.checkbox(t("land_use_sample", lang), value=True, key="land_sample")
    imported = st.sidebar.checkbox(t("land_use_imported", lang), value=True, key="land_imported")
    osm = st.sidebar.checkbox(t("land_use_osm", lang), value=True, key="land_osm")
    _import(lang)
    try:
        parcels = _parcels(region.id, sample, imported, osm, _imports_stamp(), view.fingerprint)
    except (ValueError, OSError) as exc:
        st.error(t("land_import_error", lang, detail=escape(error_text(exc, lang))))
        return
    table = cached.land_table(view, parcels, f"{sample}{imported}{osm}{_imports_stamp()}{view.fingerprint}")
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("land_metric_parcels", lang), fmt.number(len(parcels), lang))
    figures = land_figures(table)
    c2.metric(t("land_metric_available", lang), fmt.hectares(figures.available_ha, lang))
    c3.metric(t("land_metric_demand", lang), fmt.hectares(figures.demand_ha, lang))
    c4.metric(t("land_metric_unknown", lang), fmt.number(figures.unknown_parcels, lang))
    if sample:
        st.caption(t("land_sample_notice", lang))
    st.caption(t("land_demand_note", lang))
    if parcels.empty:
        st.info(t("land_no_parcels", lang))
    urls = static_urls(lang, view.fingerprint)
    credits = [term_name(regions.boundary_credit(), lang)] + (
        ["© OpenStreetMap contributors"] if osm and (parcels["origin"] == "osm").any() else []
    )
    m = build_map(
        bounds=regions.view_bounds(region),
        region=region,
        sites=view.sites,
        lang=lang,
        credits=credits,
        prefectures=MapLayer("pref", t("prefectures_layer", lang), "polygon", url=urls["prefectures"]),
        blocks=MapLayer("block", t("blocks_layer", lang), "line", url=urls["blocks"]),
        options=MapOptions(keep_view=("land", region.id)),
        site_data=cached.site_data(view),
    )
    add_balance_layers(m, table, lang)
    add_parcel_layer(m, parcels, lang)
    live_map(m, key="land_map", height=560)
    st.subheader(t("land_by_pref", lang))
    charts.table(_balance_table(table, lang, "pref"), lang)
    st.download_button(
        t("land_download", lang),
        lambda: safe_csv(table),  # written when asked for
        file_name=f"land_balance_{region.id}.csv",
        mime="text/csv",
        key="land_download",
    )
    if region.kind != "pref":
        st.subheader(t("land_by_block", lang))
        charts.table(_balance_table(block_balance(table), lang, "block"), lang)
    _chart(table, lang)
    if len(parcels):
        st.subheader(t("land_parcels_table", lang))
        charts.table(
            pd.DataFrame(
                {
                    t("land_col_name", lang): parcels["name"],
                    t("land_col_pref", lang): [code_name(PREFECTURES, c, lang) for c in parcels["pref_code"]],
                    t("land_col_total", lang): _ha(parcels["total_ha"], lang),
                    t("land_col_available", lang): _ha(parcels["available_ha"], lang),
                    t("land_col_origin", lang): [t(f"land_origin_{o}", lang) for o in parcels["origin"]],
                    t("land_col_source", lang): parcels["source"],
                }
            ),
            lang,
        )
    _reach(view, parcels)


page()
