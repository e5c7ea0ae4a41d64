"""Read the tables planners have: CSV in UTF-8 or Shift_JIS (CP932, as Japanese Excel writes it) or Excel."""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from geo.errors import InputFileError, InputFileNotFound
from geo.text import name_key

TABLE_SUFFIXES = (".csv", ".txt", ".xlsx")


def decode_text(data: bytes, source: str | Path = "file") -> str:
    """Decode bytes: UTF-8 with or without BOM, else Shift_JIS (CP932); a clear error otherwise."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    for enc in ("utf-8", "cp932"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise InputFileError(f"{source}: cannot read the text encoding; save the file as UTF-8 or Shift_JIS (CP932)")


def read_table(path: str | Path) -> pd.DataFrame:
    """A CSV (any of the encodings above) or the first sheet of an .xlsx, every cell as text ('' if empty)."""
    path = Path(path)
    if not path.is_file():
        raise InputFileNotFound(f"file not found: {path}")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        text = decode_text(path.read_bytes(), path)
        return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False, skipinitialspace=True)
    if suffix == ".xlsx":
        try:
            df = pd.read_excel(path, dtype=str, engine="openpyxl")
        except Exception as exc:  # openpyxl raises several types for broken workbooks
            raise InputFileError(f"{path}: not a readable Excel workbook ({type(exc).__name__}: {exc})") from exc
        return df.fillna("")
    raise InputFileError(f"{path}: unsupported table type {suffix!r}; use {', '.join(TABLE_SUFFIXES)}")


def header_lookup(aliases: Mapping[str, str], columns: Iterable[str]) -> dict[str, str]:
    """Key → column for Japanese/English ``aliases`` and the column ids themselves."""
    lookup = {name_key(k): v for k, v in aliases.items()}
    lookup.update({name_key(c): c for c in columns})
    return lookup


def rename_headers(df: pd.DataFrame, lookup: Mapping[str, str], error: type[ValueError] = ValueError) -> pd.DataFrame:
    """Rename recognised headers to column ids (others kept); two headers meaning one column raise ``error``."""
    mapping: dict[str, str] = {}
    seen: dict[str, str] = {}
    for col in df.columns:
        target = lookup.get(name_key(col))
        if target is None:
            continue
        if target in seen:
            raise error(f"columns {seen[target]!r} and {col!r} both mean {target!r}: keep only one of them")
        seen[target], mapping[col] = str(col), target
    return df.rename(columns=mapping)
