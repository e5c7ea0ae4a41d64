"""立地候補探索 page: a requirement profile → ranked parcels or municipalities, on the map, with a card each.

The form (``ui.siting_form``) gives the needs; the search (``geo.siting``) runs for the sidebar region
and is cached per profile, region, data version and site store. The ranking rule is written on the page
(``i18n.siting.rank_rule``). The map shows the best :data:`layers.siting.MAP_MAX` candidates coloured by
their worst check; a click on one, or a row chosen in the table, opens its card beside the map. Editors
can take a candidate to 候補地の登録・編集 with the form filled in.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from geo import regions
from geo.domain import ALL_FIELDS, FIELDS, PREFECTURES
from geo.errors import ChiikiMapError
from geo.io.safe_csv import safe_csv
from geo.labour.catchment import catchment_disc
from geo.siting import RANK_RULE, SiteSearch
from geo.siting.search import wide_table
from i18n import Lang, named, t, term_name
from i18n import format as fmt
from i18n.errors import error_text
from i18n.names import code_name
from i18n.siting import check_rows, rank_rule, wide_headers
from layers.labour import add_catchment_layer
from layers.map import MapLayer, MapOptions, build_map
from layers.siting import CANDIDATE_REF, LEGEND_PX, MAP_MAX, add_candidate_layer
from ui import auth, cached, charts, share, site_form, siting_form
from ui.context import View, current, static_urls
from ui.downloads import excel_bytes
from ui.markdown import escape, text_dataframe
from ui.tables import PAGE_ROWS, page_rows

CHOSEN = "ss_chosen"
#: The address parameter of the chosen candidate (``kind:code``).
CHOSEN_PARAM = "candidate"


def _rule(result: SiteSearch, lang: Lang) -> None:
    """The ranking rule in one line, and in full with the candidate and check rules."""
    lines = rank_rule(RANK_RULE, lang, result.needs.radius_km)
    st.caption(t("siting_rule_short", lang, rule=" → ".join(t(f"siting_rule_short_{k}", lang) for k in RANK_RULE)))
    with st.expander(t("siting_rule_head", lang)):
        st.text("\n".join(f"{i}. {line}" for i, line in enumerate(lines, 1)))  # plain text, never Markdown
        st.caption(t("siting_candidate_rule", lang))
        st.caption(t("siting_check_rule", lang))


def _metrics(result: SiteSearch, lang: Lang) -> None:
    table = result.candidates
    kinds = table["kind"].value_counts()
    c = st.columns(4)
    c[0].metric(t("siting_n_candidates", lang), fmt.number(len(table), lang))
    c[1].metric(t("siting_n_parcels", lang), fmt.number(int(kinds.get("parcel", 0)), lang))
    c[2].metric(t("siting_n_munis", lang), fmt.number(int(kinds.get("municipality", 0)), lang))
    c[3].metric(t("siting_n_no_gap", lang), fmt.number(int((table["n_gap"] == 0).sum()), lang))
    if result.parcels_too_small:
        st.caption(t("siting_too_small", lang, n=result.parcels_too_small))


def _chosen(result: SiteSearch) -> pd.Series | None:
    """The chosen candidate (kept by kind and code across searches and in the address), if still one."""
    key = st.session_state.get(CHOSEN) or share.param(CHOSEN_PARAM)
    if not key:
        return None
    table = result.candidates
    hit = table[(table["kind"] + ":" + table["code"].astype(str)) == key]
    return None if hit.empty else hit.iloc[0]


def _choose(row: pd.Series) -> None:
    st.session_state[CHOSEN] = f"{row['kind']}:{row['code']}"
    share.set_param(CHOSEN_PARAM, st.session_state[CHOSEN])


def _map(view: View, result: SiteSearch, chosen: pd.Series | None) -> None:
    lang = view.lang
    urls = static_urls(lang, view.fingerprint)
    m = build_map(
        bounds=regions.view_bounds(view.region),
        region=view.region,
        legend_extra=[("siting-candidates", t("siting_layer", lang), "point")],
        sites=view.sites,
        site_data=cached.site_data(view),
        lang=lang,
        credits=[term_name(regions.boundary_credit(), lang)],
        prefectures=MapLayer("pref", t("prefectures_layer", lang), "polygon", url=urls["prefectures"]),
        blocks=MapLayer("block", t("blocks_layer", lang), "line", url=urls["blocks"]),
        # the pipeline sites start switched off: their field colours would read as check statuses
        options=MapOptions(
            site_cards=False,
            keep_view=("siting", view.region.id),
            hidden=("site",),
            size_px=(560, 560),
            legend_px=LEGEND_PX,
        ),
    )
    if chosen is not None:
        pairs = result.labour.catchments.pairs
        codes = pairs.loc[pairs["site_id"] == int(chosen["candidate_id"]), "code"].tolist()
        disc = catchment_disc(float(chosen["lon"]), float(chosen["lat"]), result.needs.radius_km)
        add_catchment_layer(m, disc, codes, result.needs.radius_km, lang)
    add_candidate_layer(m, result.candidates, lang, None if chosen is None else int(chosen["candidate_id"]))
    out = st_folium(
        m, height=560, use_container_width=True, key="siting_map", returned_objects=["last_object_clicked_tooltip"]
    )
    found = CANDIDATE_REF.search(str((out or {}).get("last_object_clicked_tooltip") or ""))
    if found and found.group(0) != st.session_state.get("ss_last_click"):
        st.session_state["ss_last_click"] = found.group(0)
        hit = result.candidates[result.candidates["candidate_id"] == int(found.group(1))]
        if len(hit):
            _choose(hit.iloc[0])
            st.rerun()
    st.caption(t("siting_map_colours", lang))
    if len(result.candidates) > MAP_MAX:
        st.caption(t("siting_map_max", lang, n=MAP_MAX))


def _card(result: SiteSearch, row: pd.Series, lang: Lang) -> None:
    """The candidate's card: where it is, its checks, its catchment and competitors; add it as a site."""
    st.subheader(t("siting_card", lang, rank=int(row["rank"]), name=escape(row["name"])))
    kind = t(f"siting_kind_{row['kind']}", lang)
    st.caption(f"{kind}・{code_name(PREFECTURES, row['pref_code'], lang)}・{row['lon']:.4f}, {row['lat']:.4f}")
    if row["is_sample"]:
        st.caption(t("sample_badge", lang))
    charts.table(check_rows(result.checks_of(int(row["candidate_id"])), lang), lang, key="ss_card_checks")
    km = f"{result.needs.radius_km:g}"
    # one figure per line: the card is a narrow column, side-by-side metrics would cut the numbers
    st.metric(t("siting_catchment_wa", lang, km=km), fmt.number(row["catchment_working_age"], lang))
    st.metric(t("siting_catchment_wa_2050", lang, km=km), fmt.number(row["catchment_working_age_2050"], lang))
    change = _change(row["catchment_working_age_2020"], row["catchment_working_age_2050"], lang)
    if change is not None:  # a caption, not a metric delta: Streamlit's arrow would point up for a fall
        st.caption(change)
    st.metric(t("siting_catchment_mfg", lang, km=km), fmt.number(row["catchment_manufacturing_employees"], lang))
    st.caption(t("siting_catchment_outlook_note", lang))
    if pd.notna(row["catchment_ipss_group_share"]) and int(row["catchment_ipss_group_share"]) > 0:
        st.caption(t("labour_note_hamadori", lang))
    if pd.notna(row["jobs_per_1000_working_age"]):
        st.caption(t("siting_jobs_ratio", lang, ratio=fmt.number(row["jobs_per_1000_working_age"], lang, 2)))
    st.caption(t("siting_competing", lang, n=int(row["n_competing"])))
    if len(row["competing_sites"]):
        st.text("\n".join(f"・{site}" for site in row["competing_sites"]))  # plain text, never Markdown
    _add_as_site(result, row, lang)


def _change(before: object, after: object, lang: Lang) -> str | None:
    """``after`` against ``before`` in per cent (None when either is unknown): 2020 → 2050 of the catchment."""
    b, a = pd.to_numeric(pd.Series([before, after]), errors="coerce")
    if pd.isna(a) or pd.isna(b) or b <= 0:
        return None
    return t("siting_change_since_2020", lang, pct=fmt.number((a / b - 1.0) * 100.0, lang, 1, unit="%"))


def _add_as_site(result: SiteSearch, row: pd.Series, lang: Lang) -> None:
    """An editor takes the candidate to 候補地の登録・編集 with the form filled in; others are told how."""
    if not auth.is_editor(auth.current_actor()):
        st.caption(t("siting_add_needs_editor", lang))
        return
    if not st.button(t("siting_add_site", lang), key="ss_add_site"):
        return
    needs = result.needs
    site_form.load(
        "add",
        {
            "name": row["name"],
            "plan_type": "A" if needs.field in FIELDS else "C",
            "field": needs.field,
            "status": "concept",
            "land_ha": needs.land_ha,
            "water_m3_day": needs.water_m3_day,
            "power_mw": needs.power_mw,
            "jobs": needs.jobs,
            "lon": round(float(row["lon"]), 6),
            "lat": round(float(row["lat"]), 6),
            "source_note": t(
                "siting_add_note", lang, rank=int(row["rank"]), kind=t(f"siting_kind_{row['kind']}", lang)
            ),
        },
    )
    st.session_state["edit_mode"] = "add"
    st.switch_page("ui/pages/sites_edit.py")


def _worded(result: SiteSearch, lang: Lang, wide: pd.DataFrame | None = None) -> pd.DataFrame:
    """Candidates as the planner reads them (the page's table and the downloads): prefectures named, cells
    and headers in words (``i18n.siting.wide_headers``); every candidate unless ``wide`` (rows of ``wide_table``)."""
    rows = wide_table(result) if wide is None else wide
    rows = rows.assign(pref_code=[code_name(PREFECTURES, c, lang) for c in rows["pref_code"]])
    units = {f"{c.criterion}_{c.measure}": c.unit for c in result.criteria}
    return wide_headers(rows, units, lang)


def _table(result: SiteSearch, lang: Lang) -> None:
    wide = wide_table(result)
    st.caption(t("siting_table", lang, n=min(len(wide), PAGE_ROWS), total=len(wide)))
    page = page_rows(wide, "ss_table_page", lang)  # a page at a time, worded (the downloads hold every row)
    offset = int(wide.index.get_indexer(page.index[:1])[0]) if len(page) else 0  # each page its own selection
    shown = _worded(result, lang, page)
    event = text_dataframe(
        shown,
        column_config=charts.column_config(shown, lang),
        hide_index=True,
        width="stretch",
        on_select="rerun",
        selection_mode="single-row",
        key="ss_table" if offset == 0 else f"ss_table_{offset}",
    )
    rows = getattr(getattr(event, "selection", None), "rows", None) or []
    picked = None if not rows else offset + int(rows[0])  # the row among every candidate
    if picked is not None and picked != st.session_state.get("ss_last_row"):
        st.session_state["ss_last_row"] = picked
        _choose(result.candidates.iloc[picked])
        st.rerun()
    left, right = st.columns(2)
    left.download_button(  # files are written when asked for, not on every run
        t("siting_download_csv", lang),
        data=lambda: safe_csv(_worded(result, lang)),
        file_name="site_search.csv",
        mime="text/csv",
        key="ss_csv",
    )
    right.download_button(
        t("siting_download_xlsx", lang),
        data=lambda: excel_bytes(_worded(result, lang)),
        file_name="site_search.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="ss_xlsx",
    )


def page() -> None:
    view = current()
    lang = view.lang
    st.title(t("siting_title", lang))
    st.caption(t("siting_caption", lang))
    st.caption(t("siting_region", lang, region=named(view.region, lang)))
    needs = siting_form.form(lang)
    if needs is None:
        return
    try:
        with st.spinner(t("siting_running", lang)):
            result = cached.search(view, needs)
    except (ChiikiMapError, OSError) as exc:
        st.error(t("error_data", lang, detail=escape(error_text(exc, lang))))
        return
    _rule(result, lang)
    _metrics(result, lang)
    if result.candidates.empty:
        st.info(t("siting_none", lang))
        return
    chosen = _chosen(result)
    map_column, card_column = st.columns([3, 2], gap="small")
    with map_column:
        _map(view, result, chosen)
    with card_column:
        if chosen is None:
            st.caption(t("siting_click_hint", lang))
        else:
            _card(result, chosen, lang)
    _table(result, lang)
    st.caption(t("siting_field_used", lang, field=term_name(ALL_FIELDS[needs.field], lang)))


page()
