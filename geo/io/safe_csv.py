r"""CSV export that spreadsheet programs cannot turn into formulas (CSV/formula injection guard).

Two things make a cell start a formula: its first character, and any line break inside it (a bare
``\r`` ends a row for Excel when the field is not quoted). So every line of a text cell is guarded,
and the CSV is written with CRLF row ends and fields holding CR or LF quoted.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pandas as pd

#: A cell starting with one of these is read as a formula by Excel/LibreOffice/Sheets.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: A formula start right after a line break inside a cell (CR, LF or CRLF).
_AFTER_BREAK = re.compile(r"(?<=[\r\n])(?=[=+\-@\t])")


def neutralise(value: object) -> object:
    r"""Text whose first line or any later line starts with a formula character gets an apostrophe there.

    ``"Acme\r=cmd|' /C calc'!A0"`` → ``"Acme\r'=cmd|' /C calc'!A0"``; other values are unchanged.
    """
    if not isinstance(value, str):
        return value
    if "\r" in value or "\n" in value:
        value = _AFTER_BREAK.sub("'", value)
    if value.startswith(FORMULA_PREFIXES):
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

    Rows end in CRLF and any field holding a CR or LF is quoted, so a line break inside a cell never
    starts a new row. List cells are written as ``a; b`` text before the guard applies. Every CSV
    the app and the command line write goes through here.
    """
    flat = df.copy()
    for col in flat.columns:
        if flat[col].map(lambda v: isinstance(v, (list, tuple))).any():
            flat[col] = flat[col].map(lambda v: "; ".join(map(str, v)) if isinstance(v, (list, tuple)) else v)
    text = safe_frame(flat).to_csv(index=False, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    return text.encode("utf-8-sig")


def write_safe_csv(df: pd.DataFrame, path: str | Path) -> Path:
    """Write :func:`safe_csv` bytes of ``df`` to ``path``; returns the path."""
    path = Path(path)
    path.write_bytes(safe_csv(df))
    return path
