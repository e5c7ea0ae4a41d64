"""The requirement-profile form of the 立地候補探索 page: field, amounts, distance limits, commuting radius.

Widgets are keyed ``ss_<name>``; choosing a field fills the distance limits from its profile in
``data/requirements.toml`` (an empty limit = not required). The applied profile (what the search uses)
is kept in ``st.session_state["ss_applied"]`` as plain values; it survives page switches and travels in
the address as ``?need=field=ai_semiconductor;land_ha=20;max_airport=60…`` (:data:`NEED_PARAM`, read
when a session opens the page with no profile of its own; only known keys and positive numbers count).
"""

from __future__ import annotations

import math
from typing import Any

import streamlit as st

from geo.analysis.requirements import KINDS, Requirements, load_requirements
from geo.domain import ALL_FIELDS
from geo.errors import ChiikiMapError
from geo.labour.catchment import DEFAULT_RADIUS_KM
from geo.siting import Needs, needs_for
from i18n import Lang, t
from i18n.errors import error_text
from i18n.names import code_name
from ui import share
from ui.markdown import escape

#: The applied profile in the session: field, amounts, ``max_<kind>`` and radius.
APPLIED = "ss_applied"
#: Amount inputs: name → (UI text key, step, format).
AMOUNT_INPUTS: dict[str, tuple[str, float, str]] = {
    "land_ha": ("siting_land_ha", 1.0, "%.1f"),
    "water_m3_day": ("siting_water_m3_day", 100.0, "%.0f"),
    "power_mw": ("siting_power_mw", 1.0, "%.1f"),
    "jobs": ("siting_jobs", 10.0, "%.0f"),
}
DEFAULT_FIELD = "ai_semiconductor"
#: The address parameter of the applied profile.
NEED_PARAM = "need"
#: Keys of the applied profile, in the order the address lists them.
PROFILE_KEYS: tuple[str, ...] = ("field", *AMOUNT_INPUTS, *(f"max_{k}" for k in KINDS), "radius_km")


@st.cache_resource(show_spinner=False)
def requirements() -> Requirements:
    """The requirement profiles of ``data/requirements.toml`` (read once per process)."""
    return load_requirements()


def _number(value: object) -> float | None:
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) and x > 0 else None


def fill_limits(field_id: str) -> None:
    """Set the distance inputs to the field's profile (before they are drawn)."""
    for kind, limit in requirements().limits(field_id).items():
        st.session_state[f"ss_max_{kind}"] = limit


def profile_of(values: dict[str, Any]) -> dict[str, Any]:
    """A complete applied profile from (possibly partial) values: the field's limits where none is given."""
    field_id = values.get("field") if values.get("field") in ALL_FIELDS else DEFAULT_FIELD
    out: dict[str, Any] = {"field": field_id}
    for key in AMOUNT_INPUTS:
        out[key] = _number(values.get(key))
    limits = requirements().limits(str(field_id))
    for kind in KINDS:
        key = f"max_{kind}"
        out[key] = _number(values[key]) if key in values else limits.get(kind)
    out["radius_km"] = _number(values.get("radius_km")) or DEFAULT_RADIUS_KM
    return out


def load_applied(values: dict[str, Any]) -> None:
    """Make ``values`` the applied profile and put them into the form (before it is drawn)."""
    applied = profile_of(values)
    st.session_state[APPLIED] = applied
    st.session_state["ss_field"] = applied["field"]
    for key in [*AMOUNT_INPUTS, *(f"max_{k}" for k in KINDS), "radius_km"]:
        st.session_state[f"ss_{key}"] = applied[key]


def to_param(values: dict[str, Any]) -> str:
    """An applied profile as the address carries it: ``key=value`` joined by ``;`` (empty: not required)."""
    parts = []
    for key in PROFILE_KEYS:
        value = values.get(key)
        parts.append(f"{key}={'' if value is None else value if isinstance(value, str) else f'{value:g}'}")
    return ";".join(parts)


def from_param(raw: str | None) -> dict[str, Any]:
    """The known keys of an address's profile (values checked later by :func:`profile_of`)."""
    out: dict[str, Any] = {}
    for part in (raw or "").split(";"):
        key, _, value = part.partition("=")
        if key in PROFILE_KEYS:
            out[key] = value or None
    return out


def applied() -> dict[str, Any]:
    """The applied profile: the session's, else the address's, else the default field's profile."""
    if APPLIED not in st.session_state:
        load_applied(from_param(share.param(NEED_PARAM)))
    return dict(st.session_state[APPLIED])


def needs_of(values: dict[str, Any]) -> Needs:
    """``Needs`` from an applied profile (``ParameterError`` for a value that cannot be used)."""
    return needs_for(
        values["field"],
        requirements(),
        limits={k: values.get(f"max_{k}") for k in KINDS},
        land_ha=values.get("land_ha"),
        water_m3_day=values.get("water_m3_day"),
        power_mw=values.get("power_mw"),
        jobs=values.get("jobs"),
        radius_km=values.get("radius_km") or DEFAULT_RADIUS_KM,
    )


def _on_field() -> None:
    fill_limits(st.session_state["ss_field"])


def form(lang: Lang) -> Needs | None:
    """Draw the form; returns the applied ``Needs`` (None, with a message, if they cannot be used)."""
    current = applied()
    st.selectbox(
        t("siting_field", lang),
        list(ALL_FIELDS),
        key="ss_field",
        on_change=_on_field,
        format_func=lambda f: code_name(ALL_FIELDS, f, lang),
        help=t("siting_field_help", lang),
    )
    with st.form("ss_form", border=True):
        st.caption(t("siting_amounts", lang))
        for box, (key, (label, step, fmt)) in zip(st.columns(len(AMOUNT_INPUTS)), AMOUNT_INPUTS.items(), strict=True):
            box.number_input(t(label, lang), min_value=0.0, value=None, step=step, format=fmt, key=f"ss_{key}")
        st.caption(t("siting_limits", lang))
        for box, kind in zip(st.columns(len(KINDS)), KINDS, strict=True):
            box.number_input(
                t(f"gaps_kind_{kind}", lang),
                min_value=0.0,
                value=None,
                step=1.0,
                format="%g",
                key=f"ss_max_{kind}",
                help=t("siting_limit_help", lang),
            )
        st.number_input(
            t("siting_radius", lang), min_value=1.0, max_value=200.0, step=5.0, format="%g", key="ss_radius_km"
        )
        submitted = st.form_submit_button(t("siting_search", lang), type="primary")
    if submitted:
        keys = [*AMOUNT_INPUTS, *(f"max_{k}" for k in KINDS), "radius_km"]
        current = profile_of(
            {"field": st.session_state["ss_field"], **{k: st.session_state.get(f"ss_{k}") for k in keys}}
        )
        st.session_state[APPLIED] = current
    share.set_param(NEED_PARAM, to_param(current))
    try:
        return needs_of(current)
    except ChiikiMapError as exc:
        st.error(t("error_data", lang, detail=escape(error_text(exc, lang))))
        return None
