"""計画素案 page: the plans of the sidebar region; a new plan from the sidebar's selection or from a cluster
(clusters page); members added and removed on the map; checklist, sections and status; the derived sections
(recomputed from the members on every run); exports. Only a signed-in editor sees the writing controls, and
every write goes through the store's ``plans`` aggregate (versioned and audited, a stale version refused).
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import ExitStack

import geopandas as gpd
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import regions
from geo.accounts import Actor
from geo.analysis.firms import analyse_firm_files
from geo.domain import ALL_FIELDS, PLAN_TYPES
from geo.errors import ChiikiMapError, PlanConflictError
from geo.io.tables import TABLE_SUFFIXES
from geo.io.uploads import upload_path
from geo.plans.area import overlaps, plan_region, region_id
from geo.plans.checklist import load_checklist
from geo.plans.derived import member_firms
from geo.plans.model import CHECK_STATUSES, PLAN_STATUSES, SECTIONS, Plan, PlanChange, new_plan
from geo.plans.view import PlanView, view_plan
from geo.store import open_store
from geo.store import plans as plan_store
from i18n import Lang, named, pick, t, term_name
from i18n.errors import error_text
from i18n.names import code_name
from layers.geojson_layer import SITE_REF
from layers.map import MapLayer, MapOptions, build_map
from layers.plan.document import PlanDocument, Table, plan_document
from layers.plan.export import MIME_TYPES, export_bytes
from layers.plan.page import map_bounds, plan_overlays
from ui import auth
from ui.context import PLAN_FROM_CLUSTER, View, current, static_urls
from ui.markdown import escape, escaped_table, text_dataframe

_FLASH = "plans_flash"
_CURRENT = "plans_current"


def _flash() -> None:
    message = st.session_state.pop(_FLASH, None)
    if message:
        st.success(message)


def _write(action: Callable[[], Plan], message: Callable[[Plan], str], lang: Lang) -> None:
    """Run a plan write; on success remember the message and re-run, else say why nothing was saved."""
    try:
        plan = action()
    except PlanConflictError:
        st.warning(t("plans_conflict", lang))
        return
    except ChiikiMapError as exc:  # not an editor, a bad value, a member that is not stored, the store itself
        st.error(escape(error_text(exc, lang)))
        return
    st.session_state[_CURRENT] = plan.id
    st.session_state[_FLASH] = message(plan)
    st.rerun()


def _table(table: Table) -> None:
    if table.rows:
        text_dataframe(pd.DataFrame(list(table.rows), columns=list(table.head)), hide_index=True, width="stretch")


def _plan_list(plans: list[Plan], lang: Lang) -> None:
    st.subheader(t("plans_list", lang))
    if not plans:
        st.info(t("plans_none", lang))
        return
    rows = {
        t("plans_col_id", lang): [p.id for p in plans],
        t("plans_col_type", lang): [f"{p.type}: {term_name(p.plan_type, lang)}" for p in plans],
        t("plans_col_name", lang): [p.name for p in plans],
        t("plans_col_region", lang): [named(plan_region(p.region, p.area), lang) for p in plans],
        t("plans_col_status", lang): [t(f"plans_status_{p.status}", lang) for p in plans],
        t("plans_col_sites", lang): [len(p.sites) for p in plans],
        t("plans_col_version", lang): [p.version for p in plans],
        t("plans_col_updated", lang): [f"{p.updated_at or ''} {p.updated_by or ''}" for p in plans],
    }
    text_dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def _create(view: View, actor: Actor) -> None:
    """A new plan of the sidebar region: type, name, members (selection, cluster or none), fields."""
    lang = view.lang
    cluster = st.session_state.get(PLAN_FROM_CLUSTER)
    with st.expander(t("plans_new", lang), expanded=bool(cluster)):
        kinds = list(PLAN_TYPES)
        kind = st.selectbox(
            t("plans_type", lang), kinds, format_func=lambda k: f"{k}: {term_name(PLAN_TYPES[k], lang)}", key="pn_type"
        )
        name = st.text_input(t("plans_name", lang), value=cluster["name"] if cluster else "", key="pn_name")
        sources = {"selection": (t("plans_new_from_selection", lang, n=len(view.sites)), list(view.sites["site_id"]))}
        if cluster:
            sources["cluster"] = (
                t("plans_new_from_cluster", lang, name=cluster["name"], n=len(cluster["ids"])),
                cluster["ids"],
            )
        sources["empty"] = (t("plans_new_empty", lang), [])
        keys = list(sources)
        source = st.radio(
            t("plans_new_from", lang), keys, index=keys.index("cluster") if cluster else 0,
            format_func=lambda k: sources[k][0], key="pn_source",
        )  # fmt: skip
        ids = [int(i) for i in sources[source][1]]
        present = view.all_sites.loc[view.all_sites["site_id"].isin(ids), "field"]
        fields = st.multiselect(
            t("plans_fields", lang), list(ALL_FIELDS), default=[f for f in ALL_FIELDS if f in set(present)],
            format_func=lambda f: code_name(ALL_FIELDS, f, lang), key=f"pn_fields_{source}",
            placeholder=t("widget_choose", lang),
        )  # fmt: skip
        if st.button(t("plans_create", lang), type="primary", key="pn_create"):
            rid, area = region_id(view.region)

            def make() -> Plan:
                draft = new_plan(kind, name, rid, fields, ids, area=area)
                return plan_store.create_plan(open_store(), draft, actor)

            st.session_state.pop(PLAN_FROM_CLUSTER, None)
            _write(make, lambda p: t("plans_created", lang, id=p.id, name=escape(p.name)), lang)


def _map(view: View, plan: Plan, pv: PlanView, editing: bool) -> None:
    """The plan's area, its members (by gap status) and the region's other sites; a click picks a site."""
    lang = view.lang
    urls = static_urls(lang, view.fingerprint)
    shown_ids = set(view.sites["site_id"]) | set(plan.sites)
    sites = view.all_sites[view.all_sites["site_id"].isin(shown_ids)]
    overlays, legend = plan_overlays(pv.derived, lang)
    m = build_map(
        bounds=map_bounds(pv.derived) or regions.view_bounds(pv.derived.region),
        region=pv.derived.region,
        sites=sites,
        lang=lang,
        credits=[term_name(regions.boundary_credit(), lang)],
        prefectures=MapLayer("pref", t("prefectures_layer", lang), "polygon", url=urls["prefectures"]),
        blocks=MapLayer("block", t("blocks_layer", lang), "line", url=urls["blocks"]),
        overlays=overlays,
        legend_extra=legend,
        options=MapOptions(keep_view=("plans", f"{plan.id}")),
    )
    if editing:
        st.caption(t("plans_members_map_hint", lang))
    out = st_folium(
        m, height=480, use_container_width=True, key="plans_map", returned_objects=["last_object_clicked_tooltip"]
    )
    found = SITE_REF.search(str((out or {}).get("last_object_clicked_tooltip") or ""))
    if editing and found and found.group(0) != st.session_state.get("plans_last_pick"):
        st.session_state["plans_last_pick"] = found.group(0)
        sid = int(found.group(1))
        box = "plans_remove" if sid in plan.sites else "plans_add"
        st.session_state[box] = [*st.session_state.get(box, []), sid]
        st.rerun()


def _site_label(sites: gpd.GeoDataFrame) -> Callable[[int], str]:
    names = dict(zip(sites["site_id"].astype(int), sites["name"].astype(str), strict=True))
    return lambda sid: f"{sid} {names.get(int(sid), '')}"


def _members_form(view: View, plan: Plan, actor: Actor) -> None:
    lang = view.lang
    label = _site_label(view.all_sites)
    addable = [int(s) for s in view.sites["site_id"] if int(s) not in plan.sites]
    for box, options in (("plans_add", addable), ("plans_remove", list(plan.sites))):
        st.session_state[box] = [s for s in st.session_state.get(box, []) if s in options]
    left, right = st.columns(2)
    choose = t("plans_choose_sites", lang)
    add = left.multiselect(
        t("plans_members_add", lang), addable, format_func=label, key="plans_add", placeholder=choose
    )
    remove = right.multiselect(
        t("plans_members_remove", lang), list(plan.sites), format_func=label, key="plans_remove", placeholder=choose
    )
    if st.button(t("plans_members_save", lang), key="plans_members_save"):
        change = PlanChange(add_sites=tuple(add), remove_sites=tuple(remove))
        _write(
            lambda: plan_store.update_plan(open_store(), plan.id, change, actor, plan.version),
            lambda p: t("plans_saved", lang, version=p.version),
            lang,
        )


def _edit_forms(view: View, plan: Plan, actor: Actor) -> None:
    """Status, the free-text sections and one requirement (editors only)."""
    lang = view.lang

    def save(change: PlanChange) -> None:
        _write(
            lambda: plan_store.update_plan(open_store(), plan.id, change, actor, plan.version),
            lambda p: t("plans_saved", lang, version=p.version),
            lang,
        )

    left, right = st.columns([1, 2])
    status = left.selectbox(
        t("plans_status_change", lang), list(PLAN_STATUSES), index=PLAN_STATUSES.index(plan.status),
        format_func=lambda s: t(f"plans_status_{s}", lang), key=f"plans_status_{plan.id}",
    )  # fmt: skip
    if left.button(t("plans_status_change", lang), key="plans_status_save") and status != plan.status:
        save(PlanChange(status=status))
    with right.form(f"plans_check_{plan.id}"):
        st.subheader(t("plans_check_set", lang))
        items = [r for r in load_checklist().for_type(plan.type) if r.rule is None]
        item = st.selectbox(
            t("plans_check_item", lang), [r.id for r in items],
            format_func=lambda i: f"{i} {pick(*next((r.text_ja, r.text_en) for r in items if r.id == i), lang)}"[:90],
        )  # fmt: skip
        check = st.radio(
            t("plans_check_status", lang), list(CHECK_STATUSES), horizontal=True,
            format_func=lambda s: t(f"plans_check_{s}", lang),
        )  # fmt: skip
        evidence = st.text_input(t("plans_check_evidence", lang))
        if st.form_submit_button(t("plans_check_save", lang)):
            save(PlanChange(check=(item, check, evidence)))
    if plan.type == "B":
        _firms_form(plan, actor, lang, save)
    with st.form(f"plans_sections_{plan.id}"):
        texts = {s: st.text_area(t(f"plans_section_{s}", lang), value=plan.sections.get(s, "")) for s in SECTIONS}
        if st.form_submit_button(t("plans_sections_save", lang)):
            save(PlanChange(sections=texts))


def _firms_form(plan: Plan, actor: Actor, lang: Lang, save: Callable[[PlanChange], None]) -> None:
    """Plan B: the member firms from a firm table (and prefecture totals), as on the 重点企業 page."""
    left, right = st.columns(2)
    types = [x[1:] for x in TABLE_SUFFIXES]
    firm_file = auth.file_uploader(
        actor, lang, t("plans_firms_upload", lang), where=left, type=types, key=f"plans_firms_{plan.id}"
    )
    totals_file = auth.file_uploader(
        actor, lang, t("firms_totals", lang), where=right, type=types, key=f"plans_totals_{plan.id}"
    )
    if firm_file is None or not st.button(t("plans_firms_save", lang), key="plans_firms_save"):
        return
    try:
        with ExitStack() as files:
            firms = files.enter_context(upload_path(firm_file.name, firm_file.getvalue()))
            totals = (
                None
                if totals_file is None
                else files.enter_context(upload_path(totals_file.name, totals_file.getvalue()))
            )
            rows, sums = member_firms(analyse_firm_files(firms, totals))
    except ChiikiMapError as exc:
        st.error(escape(error_text(exc, lang)))
        return
    save(PlanChange(firms=rows, firm_totals=sums))


def _sections(doc: PlanDocument, lang: Lang) -> None:
    """The derived sections and the checklist, as the exports word them."""
    st.subheader(t("plans_checklist", lang))
    _table(doc.checklist)
    st.caption(doc.checklist_source)
    st.subheader(t("plans_members", lang))
    _table(doc.members)
    st.subheader(t("plans_investment", lang))
    _table(doc.investment)
    _table(doc.investment_by_field)
    st.subheader(t("plans_infrastructure", lang))
    st.caption(doc.measures_counts)
    _table(doc.measures)
    st.subheader(t("plans_labour", lang))
    _table(doc.labour)
    st.subheader(t("plans_land", lang))
    _table(doc.land)
    st.caption(doc.land_note)
    if doc.firms is not None:
        st.subheader(t("plans_firms", lang))
        _table(doc.firms)
    for note in doc.notes:
        st.caption(note)
    with st.expander(t("plans_sources", lang)):
        _table(doc.sources)


def _exports(pv: PlanView, lang: Lang) -> None:
    st.subheader(t("plans_export", lang))
    key = f"plans_files_{pv.plan.id}_{pv.plan.version}_{lang}"
    if st.button(t("plans_export_make", lang), key="plans_export_make"):
        st.session_state[key] = {suffix: export_bytes(pv, suffix, lang) for suffix in MIME_TYPES}
    files = st.session_state.get(key)
    if not files:
        return
    columns = st.columns(len(files))
    for col, (suffix, data) in zip(columns, files.items(), strict=True):
        col.download_button(
            t(f"plans_export_{suffix[1:]}", lang),
            data,
            file_name=f"plan_{pv.plan.id}_v{pv.plan.version}{suffix}",
            mime=MIME_TYPES[suffix],
            key=f"plans_dl_{suffix[1:]}",
        )


def page() -> None:
    view = current()
    lang = view.lang
    st.title(t("plans_title", lang))
    st.caption(t("plans_caption", lang))
    actor = auth.sign_in_widget(lang)
    editor = actor if auth.is_editor(actor) else None
    _flash()
    store = open_store()
    plans = [p for p in plan_store.list_plans(store) if overlaps(plan_region(p.region, p.area), view.region)]
    _plan_list(plans, lang)
    if editor is not None:
        _create(view, editor)
    else:
        st.caption(t("plans_viewer_note", lang))
    if not plans:
        return
    ids = [p.id for p in plans]
    chosen = st.session_state.get(_CURRENT)
    plan_id = st.selectbox(
        t("plans_pick", lang), ids, index=ids.index(chosen) if chosen in ids else len(ids) - 1,
        format_func=lambda i: f"{i}: {next(p.name for p in plans if p.id == i)}", key="plans_pick",
    )  # fmt: skip
    st.session_state[_CURRENT] = plan_id
    plan = plan_store.get_plan(store, int(plan_id))
    pv = view_plan(plan, view.all_sites)
    doc = plan_document(plan, pv.derived, pv.checks, lang)
    st.header(escape(doc.title))
    st.caption(t("plans_meta", lang, version=plan.version, by=plan.updated_by or "", at=plan.updated_at or ""))
    escaped_table(pd.DataFrame({" ": [value for _, value in doc.meta]}, index=[label for label, _ in doc.meta]))
    for heading, text in doc.sections:
        if text:
            st.subheader(heading)
            st.text(text)
    _map(view, plan, pv, editing=editor is not None)
    if editor is not None:
        _members_form(view, plan, editor)
        _edit_forms(view, plan, editor)
    _sections(doc, lang)
    _exports(pv, lang)


page()
