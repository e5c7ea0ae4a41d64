"""Import a layer file (KSJ C02/L05/N02/P29, 工業用水 tables, GeoJSON, GPKG, Shapefile zip): preview for
anyone, per-row report, and — for a signed-in editor only — write with source, licence, date and
completeness, after which the layer shows up like every other (map, layer table, gaps).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st
from streamlit.runtime.uploaded_file_manager import UploadedFile

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
from i18n import TEXT, Lang, named, t
from i18n.errors import error_text
from i18n.reasons import reasons_text
from ui import auth, charts
from ui.context import current
from ui.markdown import escape

PREVIEW_ROWS = 20
_LAYER, _RECOGNISED, _PICKED = "layer_import_layer", "layer_import_recognised", "layer_import_picked"


@st.cache_data(show_spinner=False, max_entries=4)
def _plan(filename: str, data: bytes, layer_id: str) -> LayerImportPlan:
    """The import plan of an uploaded file (cached per content and layer); nothing is written."""
    with upload_path(filename, data) as path:
        return plan_layer_import(path, layer_id)


def dataset_words(dataset: str, lang: Lang) -> str:
    """What a file was recognised as, in words (never the dataset's id)."""
    key = f"layer_dataset_{dataset}"
    return t(key, lang) if key in TEXT else t("layer_dataset_generic", lang)


def attribute_words(column: str, lang: Lang) -> str:
    """A layer attribute (``capacity_m3_day``) as the preview's header (給水能力（m³/日）); others as given."""
    key = f"layer_attr_{column}"
    return t(key, lang) if key in TEXT else str(column)


def _preview(plan: LayerImportPlan, names: dict[str, str], lang: Lang) -> pd.DataFrame:
    """The first accepted rows with worded headers; a subtype that is the layer's id shows the layer's name."""
    shown = pd.DataFrame(plan.accepted.drop(columns=[plan.accepted.geometry.name, "source_id"], errors="ignore"))
    shown = shown.head(PREVIEW_ROWS)
    if "subtype" in shown:
        shown["subtype"] = shown["subtype"].map(lambda v: names.get(v, v))
    return shown.rename(columns=lambda c: attribute_words(str(c), lang))


def _report(plan: LayerImportPlan, names: dict[str, str], lang: Lang) -> None:
    ok, bad = plan.counts
    st.caption(t("layer_import_dataset", lang, name=dataset_words(plan.dataset, lang)))
    if f"layer_dataset_note_{plan.dataset}" in TEXT:
        st.caption(t(f"layer_dataset_note_{plan.dataset}", lang))
    st.subheader(t("layer_import_counts", lang, ok=ok, bad=bad))
    if plan.mapping:
        st.caption(t("layer_import_mapping", lang))
        charts.table(
            pd.DataFrame(
                {
                    t("layer_import_col_file", lang): list(plan.mapping),
                    t("layer_import_col_target", lang): [attribute_words(c, lang) for c in plan.mapping.values()],
                }
            ),
            lang,
            key="layer_import_mapping",
        )
    if bad:
        st.caption(t("layer_import_rejected", lang))
        row_key = "import_col_feature" if plan.numbering == "feature" else "import_col_row"
        worded = plan.rejected.assign(reason=[reasons_text(r, lang) for r in plan.rejected["reason"]])
        shown = worded.rename(columns={"row": t(row_key, lang), "reason": t("import_col_reason", lang)})
        charts.table(shown, lang, key="layer_import_rejected")
    if ok:
        charts.table(_preview(plan, names, lang), lang, key="layer_import_preview")


def _target(upload: UploadedFile | None, names: dict[str, str], lang: Lang) -> str:
    """The target layer: the layer the file was recognised as, until the planner chooses another."""
    if upload is not None and st.session_state.get(_RECOGNISED) != upload.file_id:
        current_layer = st.session_state.get(_LAYER, next(iter(names)))
        try:
            recognised = _plan(upload.name, upload.getvalue(), current_layer).dataset_layer
        except ChiikiMapError:
            recognised = None
        st.session_state[_RECOGNISED] = upload.file_id
        st.session_state[_PICKED] = recognised if recognised in names else None
        if recognised in names:
            st.session_state[_LAYER] = recognised
    layer_id = st.selectbox(t("layer_import_layer", lang), list(names), format_func=lambda i: names[i], key=_LAYER)
    if upload is not None and st.session_state.get(_PICKED) == layer_id:
        plan = _plan(upload.name, upload.getvalue(), layer_id)
        name = dataset_words(plan.dataset, lang)
        st.caption(t("layer_import_target_picked", lang, name=name, layer=names[layer_id]))
    return layer_id


def page() -> None:
    """Upload, preview and report for anyone signed in; the write for editors."""
    lang = current().lang
    actor = auth.sign_in_widget(lang)
    st.title(t("layer_import_title", lang))
    st.caption(t("layer_import_intro", lang))
    names = {lid: named(s, lang) for lid, s in infra.LAYERS.items()}
    upload = auth.file_uploader(
        actor,
        lang,
        t("layer_import_file", lang),
        type=[s.lstrip(".") for s in LAYER_FILE_SUFFIXES],
        key="layer_import_file",
    )
    layer_id = _target(upload, names, lang)
    if upload is None:
        return
    try:
        plan = _plan(upload.name, upload.getvalue(), layer_id)
    except ChiikiMapError as exc:
        st.error(t("layer_import_error", lang, error=escape(error_text(exc, lang))))
        return
    _report(plan, names, lang)
    if not auth.is_editor(actor) or not plan.counts[0]:
        if not auth.is_editor(actor):
            st.info(auth.not_allowed_note(actor, lang, "auth_editor_required"))
        return
    with st.form("layer_import_form"):
        source = st.text_input(
            t("layer_import_source", lang), value=f"{dataset_words(plan.dataset, lang)} ({plan.file_name})"
        )
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
