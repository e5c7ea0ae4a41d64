"""Numbers as people read them, in one place: thousands separators, decimals, and what a missing figure says.

A missing figure is never shown as 0. Why it is missing decides the words (``missing=``):

* ``"unknown"`` — 不明 / unknown: could not be determined (no data, no member disclosed it in a total);
* ``"undisclosed"`` — 未公表 / not disclosed: the company did not publish it (site cards, cluster totals);
* ``"none"`` — "—": a metric no site discloses;
* ``"blank"`` — nothing: the row is left out.

Counts and amounts use the same digits in both languages (``1,200``); only the words differ.
"""

from __future__ import annotations

import math
from decimal import Decimal

import i18n  # its ``t`` is looked up when called: this module is loaded while i18n merges TEXT
from i18n import Lang

TEXT: dict[str, tuple[str, str]] = {
    "value_unknown": ("不明", "unknown"),
    "value_undisclosed": ("未公表", "not disclosed"),
    "value_none": ("—", "—"),
}

#: Amounts below this get one decimal when fractional (2.5 億円), larger ones none (1,200 億円).
AMOUNT_DECIMALS_BELOW = 10.0
#: Figures of a site card get one decimal below this when fractional (25.5 ha).
CARD_DECIMALS_BELOW = 100.0


def finite(value: object) -> float | None:
    """``value`` as a finite float, or None when it is missing, NaN, infinite or not a number.

    The same rule as ``geo.io.numbers.finite``: i18n imports nothing from ``geo`` and ``geo`` nothing
    from i18n, so the rule is written on each side of that border and ``tests/test_headlines.py`` holds
    the two to the same answers.
    """
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None


def missing(lang: Lang, why: str = "unknown") -> str:
    """What a missing figure says (``why``: unknown, undisclosed, none or blank)."""
    return "" if why == "blank" else i18n.t(f"value_{why}", lang)


def number(value: object, lang: Lang = "ja", digits: int = 0, *, unit: str = "", why: str = "unknown") -> str:
    """``1,234`` (``digits`` decimals, ``unit`` appended), or the :func:`missing` words."""
    x = finite(value)
    return missing(lang, why) if x is None else f"{x:,.{digits}f}{unit}"


def amount(
    value: object, lang: Lang = "ja", *, decimals_below: float = AMOUNT_DECIMALS_BELOW, why: str = "unknown"
) -> str:
    """Whole numbers, with one decimal for a fractional value below ``decimals_below``."""
    x = finite(value)
    if x is None:
        return missing(lang, why)
    return number(x, lang, 1 if x < decimals_below and x != int(x) else 0)


def exact(value: object) -> str:
    """A figure with thousands separators and every decimal it has (``3,500.25``), never rounded; "" if missing."""
    x = finite(value)
    if x is None:
        return ""
    decimals = max(0, -int(Decimal(repr(x)).normalize().as_tuple().exponent))
    return f"{x:,.{min(decimals, 10)}f}"


def amount_oku_yen(value: object, lang: Lang = "ja") -> str:
    """An investment in 億円 for tables: ``1,200``, ``2.5``; 不明 when missing."""
    return amount(value, lang)


def card_figure(value: object, lang: Lang = "ja") -> str:
    """A figure of a site card (億円, jobs, ha, m³/day, MW): ``25.5``, ``1,200``; 未公表 when missing."""
    return amount(value, lang, decimals_below=CARD_DECIMALS_BELOW, why="undisclosed")


def hectares(value: object, lang: Lang = "ja", *, unit: bool = False) -> str:
    """An area with one decimal (``12.5``, with ``unit`` ``12.5 ha``); 不明 when missing."""
    return number(value, lang, 1, unit=" ha" if unit else "")
