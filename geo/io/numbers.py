"""What counts as a number: the "missing number" rule of ``geo`` (``i18n.format.finite`` is its twin in words).

A figure is known when it is a finite number; None, NaN, ±inf, ``pd.NA`` and text that is no number are
unknown — shown as 不明 / unknown (``i18n.format``), never as 0.
"""

from __future__ import annotations

import math


def finite(value: object) -> float | None:
    """``value`` as a finite float, or None when it is missing or not a number."""
    try:
        x = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return x if math.isfinite(x) else None
