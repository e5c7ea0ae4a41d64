"""The site form shared by "add" and "edit": schema fields, coordinates and the derived location.

Widgets are keyed ``{prefix}_{column}``, so what a person typed stays in ``st.session_state``
across re-runs (and after a refused save) until :func:`load` or :func:`clear` replaces it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from geo import regions
from geo.domain import BLOCKS, PLAN_TYPES, PREFECTURES, STATUSES
from geo.sites.edit import EDITABLE_COLUMNS
from geo.sites.schema import ALLOWED_FIELDS
from i18n import Lang, t
from i18n import format as fmt
from i18n.names import code_name

#: Number inputs: column → (UI text key, step, format).
NUMBER_FIELDS: dict[str, tuple[str, float, str]] = {
    "investment_oku_yen": ("investment", 1.0, "%.1f"),
    "jobs": ("jobs", 1.0, "%.0f"),
    "land_ha": ("land", 0.1, "%.1f"),
    "water_m3_day": ("water", 100.0, "%.0f"),
    "power_mw": ("power", 1.0, "%.1f"),
}


def _key(prefix: str, column: str) -> str:
    return f"{prefix}_{column}"


def load(prefix: str, row: Mapping[str, Any]) -> None:
    """Put a stored site's values into the form (call before the widgets are drawn)."""
    for col in EDITABLE_COLUMNS:
        value = row.get(col)
        if col in NUMBER_FIELDS or col in ("lon", "lat"):
            st.session_state[_key(prefix, col)] = fmt.finite(value)
        else:
            st.session_state[_key(prefix, col)] = "" if value is None or value != value else str(value)


def clear(prefix: str) -> None:
    """Empty the form (call before the widgets are drawn).

    Values are set rather than deleted: a deleted key leaves the browser showing the old value.
    """
    load(prefix, {"plan_type": "A", "field": next(iter(ALLOWED_FIELDS["A"])), "status": "planned"})


def values(prefix: str) -> dict[str, Any]:
    """The form's current values by schema column."""
    return {col: st.session_state.get(_key(prefix, col)) for col in EDITABLE_COLUMNS}


def set_point(prefix: str, lon: float, lat: float) -> None:
    """Set the coordinates (from a map click) before the coordinate inputs are drawn."""
    st.session_state[_key(prefix, "lon")] = round(float(lon), 6)
    st.session_state[_key(prefix, "lat")] = round(float(lat), 6)


def coordinates(prefix: str, lang: Lang) -> tuple[float | None, float | None]:
    """Longitude / latitude inputs (any degrees: points outside Japan are refused by the preview)."""
    left, right = st.columns(2)
    lon = left.number_input(
        t("edit_lon", lang),
        min_value=-180.0,
        max_value=180.0,
        value=None,
        step=0.0001,
        format="%.6f",
        key=_key(prefix, "lon"),
    )
    lat = right.number_input(
        t("edit_lat", lang),
        min_value=-90.0,
        max_value=90.0,
        value=None,
        step=0.0001,
        format="%.6f",
        key=_key(prefix, "lat"),
    )
    return lon, lat


def location_preview(lon: float | None, lat: float | None, lang: Lang) -> bool:
    """Show the prefecture/municipality/block of the point; False (with a message) if there is none."""
    if lon is None or lat is None:
        st.info(t("edit_no_location", lang))
        return False
    found = regions.locate(lon, lat)
    if not found:
        st.error(t("edit_outside_japan", lang, lon=lon, lat=lat))
        return False
    st.success(
        t(
            "edit_location",
            lang,
            pref=code_name(PREFECTURES, found["pref_code"], lang),
            muni=found.get("muni_name_ja") or "",
            block=code_name(BLOCKS, found["block"], lang),
        )
    )
    return True


def fields(prefix: str, lang: Lang) -> None:
    """The schema fields; the field list follows the plan type (A: 17 fields, C: local, B: both)."""
    st.text_input(t("edit_name", lang), key=_key(prefix, "name"), max_chars=200)
    left, mid, right = st.columns(3)
    plan_key, field_key, status_key = (_key(prefix, c) for c in ("plan_type", "field", "status"))
    if st.session_state.get(plan_key) not in PLAN_TYPES:
        st.session_state[plan_key] = "A"
    plan = left.selectbox(
        t("plan_type", lang),
        list(PLAN_TYPES),
        key=plan_key,
        format_func=lambda p: f"{p}: {code_name(PLAN_TYPES, p, lang)}",
    )
    allowed = list(ALLOWED_FIELDS[plan])
    if st.session_state.get(field_key) not in allowed:
        st.session_state[field_key] = allowed[0]
    mid.selectbox(
        t("field", lang),
        allowed,
        key=field_key,
        help=t(f"edit_field_hint_{plan}", lang),
        format_func=lambda f: code_name(ALLOWED_FIELDS[plan], f, lang),
    )
    if st.session_state.get(status_key) not in STATUSES:
        st.session_state[status_key] = "planned"
    right.selectbox(
        t("status", lang), list(STATUSES), key=status_key, format_func=lambda s: code_name(STATUSES, s, lang)
    )
    st.text_input(t("company", lang), key=_key(prefix, "company"), max_chars=200)
    for box, (col, (label, step, pattern)) in zip(st.columns(len(NUMBER_FIELDS)), NUMBER_FIELDS.items()):
        box.number_input(t(label, lang), min_value=0.0, value=None, step=step, format=pattern, key=_key(prefix, col))
    st.text_input(t("edit_address", lang), key=_key(prefix, "address_ja"), max_chars=300)
    st.text_area(t("source_note", lang), key=_key(prefix, "source_note"), max_chars=2000, height=80)
