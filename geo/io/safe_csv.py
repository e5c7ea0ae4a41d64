"""CSV export that spreadsheet programs cannot turn into formulas (CSV/formula injection guard)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

#: A cell starting with one of these is read as a formula by Excel/LibreOffice/Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Text starting with a formula character gets a leading apostrophe; other values are unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_frame(df: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``df`` whose text cells and headers cannot start a formula (numbers stay numbers)."""
    out = df.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: neutralise(v) if isinstance(v, str) else v)
    return out


def safe_csv(df: pd.DataFrame) -> bytes:
    """CSV bytes (UTF-8 with BOM, so Excel reads the Japanese) with formula-like cells neutralised.

    List cells are written as ``a; b`` text before the guard applies.
    """
    flat = df.copy()
    for col in flat.columns:
        if flat[col].map(lambda v: isinstance(v, (list, tuple))).any():
            flat[col] = flat[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    return safe_frame(flat).to_csv(index=False).encode("utf-8-sig")


def write_safe_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write :func:`safe_csv` bytes of ``df`` to ``path``; returns the path."""
    path = Path(path)
    path.write_bytes(safe_csv(df))
    return path
