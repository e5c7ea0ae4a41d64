"""Bulk import of sites (editors only): upload, map columns, preview, per-row report, confirm.

Nothing is written until the user confirms; the accepted rows are then added in one transaction
and the rejected rows can be downloaded as a formula-safe CSV.
"""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from geo.accounts import Actor
from geo.io.safe_csv import safe_csv
from geo.sites.imports import (
    IMPORT_SUFFIXES,
    ImportPlan,
    conflict_error,
    mapping_conflicts,
    not_imported,
    plan_import,
    read_upload,
    suggest_mapping,
)
from geo.sites.schema import GEOMETRY_PROBLEM, SITE_COLUMNS
from geo.store import StoreError, ValidationError, open_store
from i18n import Lang, t
from i18n.errors import error_text
from i18n.reasons import reasons_text
from i18n.sites_edit import column_headers
from ui import auth
from ui.context import current
from ui.markdown import escape, text_dataframe
from ui.site_tables import column_label, rejected_table, sites_table

PREVIEW_ROWS = 20
_FLASH = "import_flash"


@st.cache_data(show_spinner=False, max_entries=4)
def _read(filename: str, data: bytes) -> pd.DataFrame:
    """The uploaded file as text cells (cached per file content)."""
    return read_upload(filename, data, column_headers())


def mapping_controls(columns: list[str], key: str, lang: Lang) -> dict[str, str]:
    """One selectbox per file column, pre-set from its header; returns header → schema column ('' = ignore)."""
    st.subheader(t("import_mapping", lang))
    st.caption(t("import_mapping_hint", lang))
    suggested = suggest_mapping(columns, column_headers())
    options = ["", *SITE_COLUMNS]
    chosen: dict[str, str] = {}
    boxes = st.columns(4)
    for i, col in enumerate(columns):
        chosen[col] = boxes[i % 4].selectbox(
            escape(col),
            options,
            index=options.index(suggested[col]),
            key=f"import_map_{key}_{i}",
            format_func=lambda c: t("import_ignore", lang) if not c else column_label(c, lang),
        )
    left_out = not_imported(chosen)
    if left_out:  # named, never dropped silently
        listed = ("、" if lang == "ja" else ", ").join(left_out)
        st.warning(t("import_not_imported", lang, columns=escape(listed)))
    return chosen


def report(plan: ImportPlan, lang: Lang) -> None:
    """Counts, the rows to import, and the rejected rows with their reason (downloadable)."""
    ok, bad = plan.counts
    st.subheader(t("import_summary", lang, ok=ok, bad=bad))
    if bad:
        st.caption(t("import_rejected", lang))
        shown = rejected_table(plan, lang)
        text_dataframe(shown, hide_index=True, width="stretch", key="import_rejected_table")
        st.download_button(
            t("import_download", lang),
            data=safe_csv(shown),
            file_name="rejected_rows.csv",
            mime="text/csv",
            key="import_download",
        )
    if ok:
        st.caption(t("import_accepted", lang))
        shown = sites_table(pd.DataFrame(plan.accepted.drop(columns=plan.accepted.geometry.name)), lang)
        text_dataframe(shown, hide_index=True, width="stretch", key="import_accepted_table")


def confirm(plan: ImportPlan, actor: Actor, lang: Lang) -> None:
    """The confirm button; on click the accepted rows are added in one transaction."""
    n = len(plan.accepted)
    if not n:
        st.warning(t("import_nothing", lang))
        return
    if not st.button(t("import_confirm", lang, n=n), type="primary", key="import_confirm"):
        return
    try:
        ids = open_store().add(plan.accepted, actor, action="import")
    except ValidationError as exc:  # a row saved by someone else since the preview (e.g. a duplicate)
        detail = t("reason_join", lang).join(reasons_text(why, lang) for why in exc.rejected["reason"])
        st.error(t("import_failed", lang, detail=escape(detail)))
        return
    except (PermissionError, ValueError, StoreError) as exc:
        st.error(t("import_failed", lang, detail=escape(error_text(exc, lang))))
        return
    st.session_state[_FLASH] = t("import_done", lang, n=len(ids), first=min(ids), last=max(ids))
    st.session_state["import_round"] = st.session_state.get("import_round", 0) + 1  # a fresh uploader
    st.rerun()


def page() -> None:
    """Editor-only page: upload, map columns, preview, report, confirm."""
    lang = current().lang
    st.title(t("import_title", lang))
    st.caption(t("import_caption", lang))
    actor = auth.editor(lang)
    if actor is None:
        return
    if message := st.session_state.pop(_FLASH, None):
        st.success(message)
    upload = auth.file_uploader(
        actor,
        lang,
        t("import_file", lang),
        type=[s.lstrip(".") for s in IMPORT_SUFFIXES],
        key=f"import_file_{st.session_state.get('import_round', 0)}",
    )
    if upload is None:
        return
    data = upload.getvalue()
    try:
        raw = _read(upload.name, data)
    except (ValueError, OSError) as exc:
        st.error(t("import_read_error", lang, detail=escape(error_text(exc, lang))))
        return
    if raw.empty:
        st.warning(t("import_empty", lang))
        return
    key = hashlib.sha1(data).hexdigest()[:10]
    conflicts = mapping_conflicts(list(raw.columns), column_headers())
    if conflicts:  # e.g. both name and 名称: say so, the person picks one below (never silently dropped)
        st.warning(t("import_mapping_error", lang, detail=escape(error_text(conflict_error(conflicts), lang))))
    mapping = mapping_controls([str(c) for c in raw.columns if str(c) != GEOMETRY_PROBLEM], key, lang)
    st.caption(t("import_preview", lang, n=min(PREVIEW_ROWS, len(raw))))
    preview = raw.head(PREVIEW_ROWS).drop(columns=[GEOMETRY_PROBLEM], errors="ignore")
    text_dataframe(preview, hide_index=True, width="stretch", key="import_preview")
    try:
        plan = plan_import(raw, mapping, open_store().read())
    except ValueError as exc:
        st.error(t("import_mapping_error", lang, detail=escape(error_text(exc, lang))))
        return
    report(plan, lang)
    confirm(plan, actor, lang)


page()
