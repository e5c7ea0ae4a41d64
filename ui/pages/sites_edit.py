"""Add, edit, delete and restore sites (editors only), with each site's change history.

Viewers and anonymous users see only the "editor sign-in required" note. Every write goes through
the store with the signed-in actor; a stale version is reported and the user's input is kept.
"""

from __future__ import annotations

from collections.abc import Callable

import folium
import geopandas as gpd
import pandas as pd
import streamlit as st

from geo import regions
from geo.accounts import Actor
from geo.sites import selection
from geo.sites.edit import audit_changes, changed_fields, check_site, local_time
from geo.store import ConflictError, SiteNotFoundError, StoreError, ValidationError, open_store
from i18n import Lang, t, term_name
from i18n.errors import error_text
from i18n.reasons import reasons_text
from layers.geojson_layer import SITE_REF
from layers.map import MapLayer, MapOptions, build_map
from layers.offline_basemap import offline_basemap_for
from layers.popups import site_place
from layers.view import PickMarker
from ui import auth, cached, charts, site_form
from ui.context import View, current, static_urls
from ui.live_map import live_map
from ui.markdown import escape
from ui.site_tables import changes_table

_FLASH = "edit_flash"
_ADD, _EDIT = "add", "edit"
#: The site the edit form shows next, set by a write: none after a delete (never the next site in the list),
#: the restored site after a restore.
_NEXT = "edit_next"


def _flash() -> None:
    """Show (once) the message a write left before its re-run."""
    message = st.session_state.pop(_FLASH, None)
    if message:
        st.success(message)


def _done(message: str) -> None:
    """Remember ``message`` for the next run and re-run (so the map and lists show the write)."""
    st.session_state[_FLASH] = message
    st.rerun()


def _write(action: Callable[[], object], lang: Lang) -> object | None:
    """Run a store write; show why it was refused (invalid data, no permission, store problem)."""
    try:
        return action()
    except PermissionError as exc:
        st.error(t("edit_no_permission", lang, detail=escape(error_text(exc, lang))))
    except SiteNotFoundError as exc:
        st.session_state.pop("edit_loaded", None)
        st.error(t("edit_invalid", lang, detail=escape(error_text(exc, lang))))
    except ValidationError as exc:  # e.g. the same name within 500 m of a stored site
        detail = t("reason_join", lang).join(reasons_text(why, lang) for why in exc.rejected["reason"])
        st.error(t("edit_invalid", lang, detail=escape(detail)))
    except (ValueError, LookupError, StoreError) as exc:
        st.error(t("edit_invalid", lang, detail=escape(error_text(exc, lang))))
    return None


def _map(view: View, sites: gpd.GeoDataFrame, *, picking: bool) -> folium.Map:
    lang = view.lang
    urls = static_urls(lang, view.fingerprint)
    return build_map(
        bounds=regions.view_bounds(view.region),
        region=view.region,
        sites=sites,
        lang=lang,
        credits=[term_name(regions.boundary_credit(), lang)],
        prefectures=MapLayer("pref", t("prefectures_layer", lang), "polygon", url=urls["prefectures"]),
        blocks=MapLayer("block", t("blocks_layer", lang), "line", url=urls["blocks"]),
        offline=offline_basemap_for(view.region.bounds, urls, lang),
        options=MapOptions(keep_view=("sites_edit", view.region.id), sites_interactive=not picking, size_px=(940, 440)),
        site_data=cached.site_data(view) if sites is view.sites else None,  # kept between re-runs
    )


def pick_on_map(view: View) -> None:
    """Pick mode: the sites ignore clicks, a click (or dropping the draggable pin) sets the coordinates."""
    lang = view.lang
    m = _map(view, view.sites, picking=True)
    lon, lat = st.session_state.get(f"{_ADD}_lon"), st.session_state.get(f"{_ADD}_lat")
    if lon is not None and lat is not None:
        PickMarker(lat, lon, t("edit_pin_hint", lang)).add_to(m)
    st.caption(t("edit_map_hint", lang))
    out = live_map(m, key="edit_map", height=460, report=("click",))
    click = (out or {}).get("last_clicked")
    if click and click != st.session_state.get("edit_last_click"):
        st.session_state["edit_last_click"] = click
        site_form.set_point(_ADD, click["lng"], click["lat"])
        st.rerun()


def choose_on_map(view: View, sites: gpd.GeoDataFrame) -> None:
    """The sites to edit on the map: a click on one chooses it in the list below."""
    st.caption(t("edit_choose_hint", view.lang))
    out = live_map(_map(view, sites, picking=False), key="edit_choose_map", height=420, report=("site",))
    found = SITE_REF.search(str((out or {}).get("last_object_clicked_tooltip") or ""))
    if found and found.group(0) != st.session_state.get("edit_last_pick"):
        st.session_state["edit_last_pick"] = found.group(0)
        chosen = int(found.group(1))
        if chosen in set(sites["site_id"]) and st.session_state.get("edit_site") != chosen:
            st.session_state["edit_site"] = chosen
            st.rerun()


def add_site(view: View, actor: Actor) -> None:
    """Map click or typed coordinates, the derived location, the schema fields, then save."""
    lang = view.lang
    if st.session_state.pop("add_reset", False):
        site_form.clear(_ADD)
    pick_on_map(view)
    lon, lat = site_form.coordinates(_ADD, lang)
    inside = site_form.location_preview(lon, lat, lang)
    site_form.fields(_ADD, lang)
    if not st.button(t("edit_save_new", lang), type="primary", disabled=not inside, key="add_save"):
        return
    accepted, problems = check_site(site_form.values(_ADD))
    if problems:
        st.error(t("edit_invalid", lang, detail=escape(reasons_text(problems, lang))))
        return
    ids = _write(lambda: open_store().add(accepted, actor), lang)
    if isinstance(ids, list) and ids:
        st.session_state["add_reset"] = True
        _done(t("edit_saved_new", lang, site_id=ids[0], name=escape(accepted["name"].iloc[0])))


def _label(sites: gpd.GeoDataFrame, lang: Lang) -> Callable[[int], str]:
    """A site as a planner finds it in a list: its name and where it is (no internal number)."""
    names = {int(r["site_id"]): f"{r['name']}（{site_place(r, lang)}）" for _, r in sites.iterrows()}
    return lambda i: names.get(int(i), "")


def _conflict(lang: Lang) -> None:
    """The kept conflict message: who saved in between, what they changed, and a reload button."""
    info = st.session_state.get("edit_conflict")
    if not info:
        return
    st.error(t("edit_conflict", lang, user=escape(info["user"]), at=info["at"], version=info["version"]))
    if len(info["changes"]):
        st.caption(t("edit_conflict_changes", lang))
        _audit_table(info["changes"], lang)
    if st.button(t("edit_reload", lang), key="edit_reload"):
        st.session_state.pop("edit_conflict", None)
        st.session_state.pop("edit_loaded", None)
        st.rerun()


def _on_conflict(exc: ConflictError, site_id: int) -> None:
    """Keep the other save's details; its version becomes the base of the next (deliberate) save.

    The form is not touched, so the user's input stays; ``edit_base`` stays the values they loaded.
    """
    theirs = audit_changes(open_store().audit(site_id), since=st.session_state["edit_base"].get("updated_at"))
    st.session_state["edit_conflict"] = {
        "user": exc.saved_by,
        "at": local_time(exc.saved_at),
        "version": exc.current_version,
        "changes": theirs,
    }
    st.session_state["edit_version"] = exc.current_version
    st.rerun()  # redraw with the current version; the form keeps the user's input


def _keep_choice(key: str, options: list[int]) -> None:
    """Forget a chosen site the sidebar filter no longer lists (the list then starts at its first site)."""
    if st.session_state.get(key) is not None and st.session_state[key] not in options:
        del st.session_state[key]


def _confirm_delete(sid: int, row: pd.Series, version: int, actor: Actor, lang: Lang) -> None:
    """Ask before deleting; then delete and say which site (name and place) was deleted."""
    what = {"name": escape(row["name"]), "place": site_place(row, lang)}
    st.warning(t("edit_delete_confirm", lang, **what))
    yes, no = st.columns(2)
    if no.button(t("edit_delete_no", lang), key="edit_delete_no"):
        st.session_state.pop("edit_confirm_delete", None)
        st.rerun()
    if not yes.button(t("edit_delete_yes", lang), type="primary", key="edit_delete_yes"):
        return
    st.session_state.pop("edit_confirm_delete", None)
    try:
        if _write(lambda: open_store().delete(sid, expected_version=version, actor=actor), lang) is not None:
            st.session_state.pop("edit_loaded", None)
            st.session_state[_NEXT] = None  # the form empties instead of jumping to another site
            _done(t("edit_deleted", lang, **what))
    except ConflictError as exc:
        _on_conflict(exc, sid)


def _choose(view: View, sites: gpd.GeoDataFrame) -> int | None:
    """The site to edit, from the list or the map; None after a delete until the planner picks one."""
    options = sites["site_id"].tolist()
    if _NEXT in st.session_state:
        st.session_state["edit_site"] = st.session_state.pop(_NEXT)
    _keep_choice("edit_site", options)
    choose_on_map(view, sites)
    return st.selectbox(
        t("edit_select", view.lang),
        options,
        key="edit_site",
        format_func=_label(sites, view.lang),
        placeholder=t("edit_select_placeholder", view.lang),
    )


def edit_site(view: View, sites: gpd.GeoDataFrame, actor: Actor) -> None:
    """Pick a site (on the map or in the list), change its fields, save with its version, or delete it."""
    lang = view.lang
    if sites.empty:
        st.info(t("edit_no_sites", lang))
        return
    sid = _choose(view, sites)
    if sid is None:  # after a delete: nothing chosen until the planner picks a site
        st.info(t("edit_select_none", lang))
        return
    row = sites.set_index("site_id").loc[sid]
    if st.session_state.get("edit_loaded") != sid:
        site_form.load(_EDIT, row)
        st.session_state.update(edit_loaded=sid, edit_version=int(row["version"]), edit_base=row.to_dict())
        st.session_state.pop("edit_conflict", None)
    st.caption(
        t(
            "edit_version",
            lang,
            version=st.session_state["edit_version"],
            at=local_time(row.get("updated_at")),
            user=escape(row.get("updated_by") or ""),
        )
    )
    site_form.fields(_EDIT, lang)
    lon, lat = site_form.coordinates(_EDIT, lang)
    inside = site_form.location_preview(lon, lat, lang)
    left, right = st.columns(2)
    save = left.button(t("edit_save_changes", lang), type="primary", disabled=not inside, key="edit_save")
    delete = right.button(t("edit_delete", lang), key="edit_delete")
    store, version = open_store(), st.session_state["edit_version"]
    if save:
        changes = changed_fields(st.session_state["edit_base"], site_form.values(_EDIT))
        _, problems = check_site({**st.session_state["edit_base"], **site_form.values(_EDIT)})
        if problems:
            st.error(t("edit_invalid", lang, detail=escape(reasons_text(problems, lang))))
        elif not changes:
            st.info(t("edit_nothing_changed", lang))
        else:
            try:
                new = _write(lambda: store.update(sid, changes, expected_version=version, actor=actor), lang)
            except ConflictError as exc:
                _on_conflict(exc, sid)
            else:
                if new is not None:
                    st.session_state.pop("edit_loaded", None)
                    _done(t("edit_saved_changes", lang, name=escape(row["name"]), version=new))
    if delete:
        st.session_state["edit_confirm_delete"] = sid
    if st.session_state.get("edit_confirm_delete") == sid:
        _confirm_delete(sid, row, version, actor, lang)
    _conflict(lang)
    audit_view(sid, lang)


def restore_site(sites: gpd.GeoDataFrame, actor: Actor, lang: Lang) -> None:
    """Pick a soft-deleted site and restore it."""
    if sites.empty:
        st.info(t("edit_no_deleted", lang))
        return
    options = sites["site_id"].tolist()
    _keep_choice("edit_deleted_site", options)
    sid = st.selectbox(
        t("edit_select_deleted", lang), options, key="edit_deleted_site", format_func=_label(sites, lang)
    )
    row = sites.set_index("site_id").loc[sid]
    if st.button(t("edit_restore", lang), type="primary", key="edit_restore"):
        try:
            if (
                _write(lambda: open_store().restore(sid, expected_version=int(row["version"]), actor=actor), lang)
                is not None
            ):
                st.session_state[_NEXT] = sid
                _done(t("edit_restored", lang, name=escape(row["name"]), place=site_place(row, lang)))
        except ConflictError as exc:
            st.error(
                t(
                    "edit_conflict",
                    lang,
                    user=escape(exc.saved_by),
                    at=local_time(exc.saved_at),
                    version=exc.current_version,
                )
            )
    audit_view(sid, lang)


def _audit_table(changes: pd.DataFrame, lang: Lang) -> None:
    charts.table(changes_table(changes, lang), lang)


def audit_view(site_id: int, lang: Lang) -> None:
    """Who changed the site, when, and each changed field before/after (plain text)."""
    st.subheader(t("edit_audit", lang))
    changes = audit_changes(open_store().audit(site_id))
    if changes.empty:
        st.caption(t("edit_audit_empty", lang))
    else:
        _audit_table(changes, lang)


def page() -> None:
    """Editor-only page: add (map click or coordinates), edit/delete, restore, history."""
    view = current()
    lang = view.lang
    st.title(t("edit_title", lang))
    actor = auth.editor(lang)
    if actor is None:
        return
    _flash()
    modes = {"add": "edit_mode_add", "edit": "edit_mode_edit", "deleted": "edit_mode_deleted"}
    mode = st.radio(
        t("edit_mode", lang), list(modes), key="edit_mode", horizontal=True, format_func=lambda m: t(modes[m], lang)
    )
    if mode == "add":
        add_site(view, actor)
        return
    stored = open_store().read(include_deleted=True)
    sites = selection.filter_sites(stored, region=view.region, **view.filters)  # the list follows the sidebar
    deleted = sites["deleted"].astype(bool)
    if mode == "edit":
        edit_site(view, sites[~deleted], actor)
    else:
        restore_site(sites[deleted], actor, lang)


page()
