"""Downloads a page offers: an .xlsx of a table with formula-like text neutralised (no page code runs here)."""

from __future__ import annotations

import io

import pandas as pd

from geo.io.safe_csv import safe_frame


def excel_bytes(df: pd.DataFrame) -> bytes:
    """An .xlsx of ``df`` with formula-like text neutralised (lists written as ``a; b``)."""
    flat = pd.DataFrame(df).copy()
    for col in flat.columns:
        flat[col] = flat[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    buf = io.BytesIO()
    safe_frame(flat).to_excel(buf, index=False)
    return buf.getvalue()
