"""Read the tables planners have (CSV, TSV, Excel .xlsx) within limits, so a hostile file is refused fast.

Text: UTF-8, Shift_JIS (CP932, as Japanese Excel writes it) or UTF-16 (Excel's "Unicode text", tab-separated).

Limits (one place, used by ``sites import``, ``firms``, ``land-import`` and every upload page):

* file size: ``CHIIKI_MAP_MAX_IMPORT_MB`` megabytes (default 50; Streamlit's ``server.maxUploadSize`` equals it);
* rows: ``CHIIKI_MAP_MAX_IMPORT_ROWS`` (default 100,000), reading stops at the first row past it;
* .xlsx: the zip's declared uncompressed size (at most ``XLSX_EXPANSION`` times the size limit) and its
  compression ratio (at most ``XLSX_MAX_RATIO``:1 for a part over 10 MB) are checked before any XML is
  parsed, then rows are streamed (openpyxl ``read_only``) and at most ``MAX_COLUMNS`` columns kept.
  Python's ``zipfile`` never inflates a member past its declared size, so the declared sizes bound the work.

Every message names the file as the person knows it (``display_name``), never a temporary path, in
Japanese and English, and says what to do; parser internals never reach them.
"""

from __future__ import annotations

import codecs
import io
import os
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from geo.errors import InputFileError, InputFileNotFound
from geo.io.bounded import bounded_read
from geo.io.gis_files import check_gis_content
from geo.text import clip, name_key

if TYPE_CHECKING:
    from openpyxl import Workbook

TABLE_SUFFIXES = (".csv", ".txt", ".xlsx")
#: Index name of the rows ``read_table`` returns: each row's number as Excel shows it (the header is row 1,
#: the first data row 2; blank rows are left out but keep their numbers counted).
SHEET_ROW = "sheet_row"
#: Index name of the rows of a GeoJSON/GeoPackage: the feature's number (1 = the first, as QGIS lists them).
FEATURE_ROW = "feature"
DEFAULT_MAX_IMPORT_MB = 50.0
DEFAULT_MAX_IMPORT_ROWS = 100_000
#: An .xlsx may expand to at most this many times the file size limit (declared uncompressed bytes).
XLSX_EXPANSION = 4
#: Largest compression ratio accepted for a workbook part of more than 10 MB (real sheets: 5-30:1).
XLSX_MAX_RATIO = 100
#: Columns kept per row of a workbook (a site file has 15; a bomb may claim 16,384).
MAX_COLUMNS = 200


def max_import_bytes() -> int:
    """Largest accepted input file: ``CHIIKI_MAP_MAX_IMPORT_MB`` megabytes (default 50)."""
    try:
        mb = float(os.environ.get("CHIIKI_MAP_MAX_IMPORT_MB", DEFAULT_MAX_IMPORT_MB))
    except ValueError:
        mb = DEFAULT_MAX_IMPORT_MB
    return int(mb * 1024 * 1024)


def max_import_rows() -> int:
    """Most data rows read from one file: ``CHIIKI_MAP_MAX_IMPORT_ROWS`` (default 100,000)."""
    try:
        return max(1, int(os.environ.get("CHIIKI_MAP_MAX_IMPORT_ROWS", DEFAULT_MAX_IMPORT_ROWS)))
    except ValueError:
        return DEFAULT_MAX_IMPORT_ROWS


def shown(path: str | Path, display_name: str | None = None) -> str:
    """How a file is named in messages: ``display_name`` (what the person uploaded) or the file's name."""
    return clip(display_name if display_name else Path(path).name, 120)


def check_size(path: Path, display_name: str | None = None) -> int:
    """The file's size in bytes; ``InputFileError`` if it is over ``max_import_bytes()`` (checked before reading)."""
    size, limit = path.stat().st_size, max_import_bytes()
    if size > limit:
        raise InputFileError("file_too_large", file=shown(path, display_name), mb=size / 2**20, limit_mb=limit / 2**20)
    if size == 0:
        raise InputFileError("file_empty", file=shown(path, display_name))
    return size


def too_many_rows(path: str | Path, display_name: str | None = None) -> InputFileError:
    """The error for a file with more than ``max_import_rows()`` rows."""
    limit = max_import_rows()
    return InputFileError("file_too_many_rows", file=shown(path, display_name), limit=limit)


def _looks_utf16(head: bytes) -> bool:
    """Whether BOM-less text is UTF-16: a NUL in at least every 16th byte pair, on one side of the pairs.

    Every line break, comma, digit or Latin letter of UTF-16 text has a NUL half; a stray NUL in UTF-8 or
    Shift_JIS text (one cell) is far rarer, and is kept as a character, so the row holding it is refused
    naming it (``geo.text.has_control``) instead of the whole file being read as UTF-16 mojibake.
    """
    pairs = max(len(head) // 2, 1)
    return max(head[0::2].count(0), head[1::2].count(0)) * 16 >= pairs


def decode_text(data: bytes, source: str | Path = "file") -> str:
    """Decode bytes: UTF-16 (BOM, or the NUL bytes of UTF-16), UTF-8 with or without BOM, else CP932.

    Raises ``InputFileError`` (naming ``source``) when none of them fits.
    """
    name = clip(str(source), 120)
    try:
        if data.startswith(codecs.BOM_UTF8):
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            return data.decode("utf-16")
        head = data[:4096]
        if _looks_utf16(head):  # UTF-16 without BOM: ASCII characters have a NUL half
            odd_nuls = head[1::2].count(0)
            return data.decode("utf-16-le" if odd_nuls >= head[0::2].count(0) else "utf-16-be")
    except UnicodeDecodeError:
        pass
    else:
        for enc in ("utf-8", "cp932"):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                continue
    raise InputFileError("file_encoding", file=name)


def _separator(text: str) -> str:
    """Tab for tab-separated text (Excel's "Unicode text"), else comma: judged on the header line."""
    header = text.split("\n", 1)[0]
    return "\t" if header.count("\t") > header.count(",") else ","


def _read_csv(path: Path, display_name: str | None) -> pd.DataFrame:
    name = shown(path, display_name)
    text = decode_text(path.read_bytes(), name)
    if not text.strip():
        raise InputFileError("file_empty", file=name)
    limit = max_import_rows()
    try:
        df = pd.read_csv(
            io.StringIO(text),
            sep=_separator(text),
            dtype=str,
            keep_default_na=False,
            skipinitialspace=True,
            skip_blank_lines=False,
            nrows=limit + 1,
        )
    except pd.errors.EmptyDataError:
        raise InputFileError("csv_no_header", file=name) from None
    except (pd.errors.ParserError, ValueError) as exc:
        found = re.search(r"line (\d+)", str(exc))
        if found:
            raise InputFileError("csv_malformed_at", file=name, line=int(found.group(1))) from None
        raise InputFileError("csv_malformed", file=name) from None
    if len(df) > limit:
        raise too_many_rows(path, display_name)
    return _drop_blank_rows(df, np.arange(len(df), dtype=np.int64) + 2)


def _drop_blank_rows(df: pd.DataFrame, sheet_rows: np.ndarray) -> pd.DataFrame:
    """``df`` without its all-empty rows, indexed by ``sheet_rows`` (``SHEET_ROW``)."""
    df.index = pd.Index(sheet_rows, name=SHEET_ROW)
    if df.shape[1] == 0:
        return df
    filled: np.ndarray = (df.to_numpy(dtype=object) != "").any(axis=1)
    return df if filled.all() else df.iloc[np.flatnonzero(filled)]


def source_rows(df: pd.DataFrame) -> np.ndarray:
    """Each row's number in its file: the ``SHEET_ROW`` or ``FEATURE_ROW`` index the readers set.

    A frame without either is numbered as a sheet with a header would be (its first row is 2).
    """
    if df.index.name in (SHEET_ROW, FEATURE_ROW):
        return df.index.to_numpy(dtype=np.int64)
    return np.arange(len(df), dtype=np.int64) + 2


def numbering(df: pd.DataFrame) -> str:
    """How ``source_rows`` numbers ``df``: ``"feature"`` for a spatial file's features, else ``"row"``."""
    return "feature" if df.index.name == FEATURE_ROW else "row"


def check_xlsx(path: Path, display_name: str | None = None) -> None:
    """Refuse a workbook whose parts expand past the limits (a zip bomb) before parsing any XML."""
    check_zip(path, display_name, XLSX_EXPANSION * max_import_bytes())


def check_zip(path: Path, display_name: str | None = None, cap: int | None = None) -> None:
    """Refuse a zip bomb (an .xlsx, a zipped shapefile) before anything is inflated.

    Refused: more than ``cap`` bytes declared in all, or a part of over 10 MB compressed more than
    ``XLSX_MAX_RATIO``:1.
    """
    name = shown(path, display_name)
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputFileError("xlsx_unreadable", file=name) from None
    total = sum(i.file_size for i in infos)
    ratios = [i.file_size / max(i.compress_size, 1) for i in infos if i.file_size > 10 * 2**20]
    if (cap is not None and total > cap) or any(r > XLSX_MAX_RATIO for r in ratios):
        if cap is not None:
            raise InputFileError("zip_bomb", file=name, mb=total / 2**20, limit_mb=cap / 2**20, ratio=XLSX_MAX_RATIO)
        raise InputFileError("zip_bomb_ratio", file=name, mb=total / 2**20, ratio=XLSX_MAX_RATIO)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    return str(value)


def _first_sheet_workbook(path: Path) -> Workbook:
    """The workbook (openpyxl ``read_only``) with only its first worksheet, not yet parsed.

    openpyxl's own ``load_workbook`` looks for each sheet's ``<dimension>`` and, when a sheet has none,
    parses the whole sheet to find out: a bomb without it would be read in full before the first row.
    Here the first sheet is opened lazily (dimensions unknown) and the others are not opened at all.
    """
    from openpyxl.reader.excel import ExcelReader
    from openpyxl.worksheet._read_only import ReadOnlyWorksheet

    class LazySheet(ReadOnlyWorksheet):
        def _get_size(self) -> None:
            self._min_column = self._min_row = 1
            self._max_column = self._max_row = None

    class FirstSheetReader(ExcelReader):
        def read_worksheets(self) -> None:
            for sheet, rel in self.parser.find_sheets():
                if rel.target in self.valid_files and "chartsheet" not in rel.Type:
                    self.wb._sheets.append(LazySheet(self.wb, sheet.name, rel.target, self.shared_strings))
                    return

    reader = FirstSheetReader(path, read_only=True, data_only=True)
    reader.read()
    if not reader.wb.worksheets:
        raise ValueError("no worksheet")
    return reader.wb


def _read_xlsx(path: Path, display_name: str | None) -> pd.DataFrame:
    """The first sheet, streamed (openpyxl ``read_only``), every cell as text; stops past the row limit."""
    check_xlsx(path, display_name)
    name, limit = shown(path, display_name), max_import_rows()
    rows: list[list[str]] = []
    try:
        wb = _first_sheet_workbook(path)
        try:
            ws = wb.worksheets[0]
            for values in ws.iter_rows(max_row=limit + 2, max_col=MAX_COLUMNS, values_only=True):
                if len(rows) > limit:  # header + limit data rows read: one more is too many
                    raise too_many_rows(path, display_name)
                cells = [_cell(v) for v in values]
                while cells and cells[-1] == "":
                    cells.pop()
                rows.append(cells)
        finally:
            wb.close()
    except InputFileError:
        raise
    except Exception:  # openpyxl/lxml/zipfile raise many types for broken workbooks
        raise InputFileError("xlsx_unreadable", file=name) from None
    while rows and not rows[-1]:
        rows.pop()
    if not rows:
        raise InputFileError("sheet_empty", file=name)
    width = max(len(r) for r in rows)
    header = _unique_headers(rows[0] + [""] * (width - len(rows[0])))
    body = [r + [""] * (width - len(r)) for r in rows[1:]]
    return _drop_blank_rows(pd.DataFrame(body, columns=header, dtype=object), np.arange(len(body), dtype=np.int64) + 2)


def _unique_headers(cells: list[str]) -> list[str]:
    """Header cells as pandas names them: blank → ``Unnamed: i``, repeats → ``name.1``."""
    out: list[str] = []
    seen: dict[str, int] = {}
    for i, cell in enumerate(cells):
        col = cell.strip() or f"Unnamed: {i}"
        if col in seen:
            seen[col] += 1
            col = f"{col}.{seen[col]}"
        else:
            seen[col] = 0
        out.append(col)
    return out


def read_table(path: str | Path, display_name: str | None = None) -> pd.DataFrame:
    """A CSV/TSV (any of the encodings above) or the first sheet of an .xlsx, every cell as text ('' if empty).

    Parameters
    ----------
    path
        The file to read.
    display_name
        The name the person knows the file by (an upload's name), used in messages; default the file's name.

    Raises
    ------
    geo.errors.InputFileError
        Unsupported type, over the size or row limits, undecodable or malformed (the message says what to do).
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileNotFound("file_not_found", file=shown(path, display_name))
    suffix = path.suffix.lower()
    if suffix not in TABLE_SUFFIXES:
        raise InputFileError(
            "table_type", file=shown(path, display_name), suffix=clip(suffix, 20), use=", ".join(TABLE_SUFFIXES)
        )
    check_size(path, display_name)
    return bounded_read(_read_any, path, display_name, file=shown(path, display_name))  # geo.io.bounded


def _read_any(path: Path, display_name: str | None) -> pd.DataFrame:
    return _read_csv(path, display_name) if path.suffix.lower() in (".csv", ".txt") else _read_xlsx(path, display_name)


def check_spatial(path: Path, display_name: str | None = None) -> None:
    """Size, content (``geo.io.gis_files``) and feature-count limits of a GeoJSON/GeoPackage, before reading."""
    import pyogrio

    check_size(path, display_name)
    check_gis_content(path, max_import_rows(), display_name)  # only real tables of the promised format
    try:
        layers = pyogrio.list_layers(path)
        counts = [pyogrio.read_info(path, layer=str(layer[0])).get("features", 0) for layer in layers]
    except Exception:  # pyogrio/GDAL raise several types for broken files
        raise InputFileError("spatial_unreadable", file=shown(path, display_name)) from None
    if any(int(c or 0) > max_import_rows() for c in counts):
        raise too_many_rows(path, display_name)


def header_lookup(aliases: Mapping[str, str], columns: Iterable[str]) -> dict[str, str]:
    """Key → column for Japanese/English ``aliases`` and the column ids themselves."""
    lookup = {name_key(k): v for k, v in aliases.items()}
    lookup.update({name_key(c): c for c in columns})
    return lookup


def rename_headers(df: pd.DataFrame, lookup: Mapping[str, str]) -> pd.DataFrame:
    """Rename recognised headers to column ids (others kept); two headers meaning one column: ``InputFileError``."""
    mapping: dict[str, str] = {}
    seen: dict[str, str] = {}
    for col in df.columns:
        target = lookup.get(name_key(col))
        if target is None:
            continue
        if target in seen:
            raise InputFileError(
                "headers_same_column", first=clip(seen[target], 60), second=clip(col, 60), column=target
            )
        seen[target], mapping[col] = str(col), target
    return df.rename(columns=mapping)
