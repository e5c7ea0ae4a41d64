"""The display name of a coded id — a field, plan type, status, prefecture or block — in one place.

``geo.domain`` keeps each id with its Japanese and English names (``Term``, ``Block``); the pages, the
layers and the briefing show a coded value through :func:`code_name`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


def _missing(code: object) -> bool:
    """None, NaN or ``pd.NA`` (which refuses to compare)."""
    if code is None:
        return True
    try:
        return bool(code != code)
    except TypeError:
        return True


def code_name(table: Mapping[str, Any], code: object, lang: str = "ja") -> str:
    """``code``'s name in ``lang`` from ``table`` (a ``geo.domain`` table of id → named term).

    The code itself, as text, when ``table`` does not know it; "" when there is no code (None, NaN).
    """
    if _missing(code):
        return ""
    term = table.get(str(code))
    if term is None:
        return str(code)
    return str(term.en if lang == "en" else term.ja)
