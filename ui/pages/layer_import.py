"""Import a layer file (KSJ C02/L05/N02/P29, 工業用水 tables, GeoJSON, GPKG, Shapefile zip): preview for
anyone, per-row report, and — for a signed-in editor only — write with source, licence, date and
completeness, after which the layer shows up like every other (map, layer table, gaps).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from geo import infra, regions
from geo.errors import ChiikiMapError
from geo.infra.imports import (
    LAYER_FILE_SUFFIXES,
    LayerImportPlan,
    import_files,
    plan_layer_import,
    write_layer_import,
)
from geo.io.uploads import upload_path
from geo.store import open_store
from i18n import Lang, named, t
from i18n.errors import error_text
from i18n.reasons import reasons_text
from ui import auth
from ui.context import current
from ui.markdown import escape, text_dataframe

PREVIEW_ROWS = 20


@st.cache_data(show_spinner=False, max_entries=4)
def _plan(filename: str, data: bytes, layer_id: str) -> LayerImportPlan:
    """The import plan of an uploaded file (cached per content and layer); nothing is written."""
    with upload_path(filename, data) as path:
        return plan_layer_import(path, layer_id)


def _report(plan: LayerImportPlan, lang: Lang) -> None:
    ok, bad = plan.counts
    st.caption(t("layer_import_dataset", lang, name=escape(plan.dataset_name), id=plan.dataset))
    if plan.note:
        st.caption(escape(plan.note))
    st.subheader(t("layer_import_counts", lang, ok=ok, bad=bad))
    if plan.mapping:
        st.caption(t("layer_import_mapping", lang))
        text_dataframe(
            pd.DataFrame(
                {
                    t("layer_import_col_file", lang): list(plan.mapping),
                    t("layer_import_col_target", lang): list(plan.mapping.values()),
                }
            ),
            hide_index=True,
            key="layer_import_mapping",
        )
    if bad:
        st.caption(t("layer_import_rejected", lang))
        row_key = "import_col_feature" if plan.numbering == "feature" else "import_col_row"
        worded = plan.rejected.assign(reason=[reasons_text(r, lang) for r in plan.rejected["reason"]])
        shown = worded.rename(columns={"row": t(row_key, lang), "reason": t("import_col_reason", lang)})
        text_dataframe(shown, hide_index=True, width="stretch", key="layer_import_rejected")
    if ok:
        shown = pd.DataFrame(plan.accepted.drop(columns=plan.accepted.geometry.name)).head(PREVIEW_ROWS)
        text_dataframe(shown, hide_index=True, width="stretch", key="layer_import_preview")


def page() -> None:
    """Upload, preview and report for anyone signed in; the write for editors."""
    lang = current().lang
    actor = auth.sign_in_widget(lang)
    st.title(t("layer_import_title", lang))
    st.caption(t("layer_import_intro", lang))
    names = {lid: named(s, lang) for lid, s in infra.LAYERS.items()}
    layer_id = st.selectbox(
        t("layer_import_layer", lang), list(names), format_func=lambda i: names[i], key="layer_import_layer"
    )
    upload = auth.file_uploader(
        actor,
        lang,
        t("layer_import_file", lang),
        type=[s.lstrip(".") for s in LAYER_FILE_SUFFIXES],
        key="layer_import_file",
    )
    if upload is None:
        return
    try:
        plan = _plan(upload.name, upload.getvalue(), layer_id)
    except ChiikiMapError as exc:
        st.error(t("layer_import_error", lang, error=escape(error_text(exc, lang))))
        return
    _report(plan, lang)
    st.caption(t("layer_import_editor", lang))
    if not auth.is_editor(actor) or not plan.counts[0]:
        if not auth.is_editor(actor):
            st.info(t("auth_editor_required", lang))
        return
    with st.form("layer_import_form"):
        source = st.text_input(t("layer_import_source", lang), value=f"{plan.dataset_name} ({plan.file_name})")
        licence = st.text_input(t("layer_import_licence", lang), value=plan.licence)
        date = st.text_input(t("layer_import_date", lang), value=dt.date.today().isoformat())
        region = st.text_input(t("layer_import_region", lang), value="")
        complete = st.checkbox(t("layer_import_complete", lang), value=False)
        submitted = st.form_submit_button(t("layer_import_button", lang), type="primary")
    if not submitted:
        return
    files = import_files(plan)
    detail = {"layer": layer_id, "accepted": plan.counts[0], "rejected": plan.counts[1]}
    try:
        store = open_store()
        store.authorize(actor)
        with store.recording(actor, "layer_import", files[0].name, files=files, **detail):  # files and record
            write_layer_import(
                plan,
                actor,
                source=source.strip() or None,
                licence=licence.strip() or None,
                date=date.strip() or None,
                completeness="complete" if complete and region.strip() else "partial",
                region=regions.resolve_region(region.strip()) if region.strip() else None,
            )
    except ChiikiMapError as exc:
        st.error(t("layer_import_error", lang, error=escape(error_text(exc, lang))))
        return
    st.success(t("layer_import_done", lang, n=plan.counts[0], layer=names[layer_id]))


page()
