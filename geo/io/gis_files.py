"""What a GIS file someone uploads must be before GDAL opens it.

GDAL chooses its driver from a file's content, not its name. So a ``.geojson`` or ``.gml`` holding an
OGR VRT reads any file on the server (and shows it in the preview), a ``.shp`` in a zip holding a SQLite
database is read as one, and a GeoPackage may list views over a recursive query (10^9 rows from a 98 KB
file), virtual tables or generated columns. ``check_gis_content`` refuses all of these from the first
bytes and, for a SQLite file, from its schema (``geo.io.gpkg.inspect_sqlite``): only real tables of the
format the name says are read, so the work is bounded by the file's size (``geo.io.tables`` limits).
Refusals are ``InputFileError`` (codes ``file_*``, ``gpkg_*``; ``i18n/errors_reading.py`` words them).
"""

from __future__ import annotations

import re
import sqlite3
import warnings
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from geo.errors import InputFileError
from geo.io.gpkg import SQLITE_MAGIC, inspect_sqlite
from geo.io.reasons import Reason
from geo.text import clip

#: What each file name promises, by suffix (``.shp`` as a member of a zip).
EXPECTED_CONTENT = {
    ".gpkg": "sqlite",
    ".geojson": "json",
    ".json": "json",
    ".gml": "xml",
    ".xml": "xml",
    ".shp": "shapefile",
    ".zip": "zip",
}
#: Root elements of the GML that is read (KSJ ``Dataset``, WFS/OGR/GML ``FeatureCollection``).
GML_ROOTS = frozenset({"Dataset", "FeatureCollection"})
_HEAD = 64 * 1024
_ROOT = re.compile(rb"<(?![?!])([^\s>/]+)")
_PROLOG = re.compile(rb"<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^\[>]*(?:\[.*?\])?\s*>", re.S)


def content_kind(head: bytes) -> str:
    """The format the first bytes of a file show: sqlite, json, xml, shapefile, zip or other."""
    if head.startswith(SQLITE_MAGIC):
        return "sqlite"
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"\x00\x00\x27\x0a"):  # the shapefile main file code 9994, big-endian
        return "shapefile"
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if text[:1] in (b"{", b"["):
        return "json"
    if text[:1] == b"<":
        return "xml"
    return "other"


def xml_root(head: bytes) -> str:
    """Local name of the root element of an XML document's first bytes ('' if none is seen)."""
    found = _ROOT.search(_PROLOG.sub(b"", head))
    return found.group(1).decode("utf-8", "replace").rsplit(":", 1)[-1] if found else ""


def check_gis_bytes(head: bytes, suffix: str, name: str) -> None:
    """Refuse content that is not what ``suffix`` promises (and XML that is not a GML feature collection)."""
    expected, found = EXPECTED_CONTENT.get(suffix.lower()), content_kind(head)
    if expected is not None and found != expected:
        raise InputFileError("file_content_mismatch", file=name, suffix=suffix, content=Reason.of(f"content_{found}"))
    if found == "xml" and xml_root(head) not in GML_ROOTS:
        raise InputFileError("file_not_gml", file=name, root=clip(xml_root(head) or "?", 60))


def check_gis_content(path: str | Path, max_rows: int, display_name: str | None = None) -> None:
    """Refuse a GIS file whose content is not its suffix's format, or a SQLite file GDAL must not read.

    A SQLite file (a GeoPackage) is refused if it holds views, virtual tables other than R-tree indexes,
    generated columns, or a layer of more than ``max_rows`` rows, or if even looking takes too long.
    """
    path = Path(path)
    name = clip(display_name or path.name, 120)
    with path.open("rb") as fh:
        head = fh.read(_HEAD)
    check_gis_bytes(head, path.suffix, name)
    if content_kind(head) != "sqlite":
        return
    try:
        found = inspect_sqlite(path, max_rows)
    except sqlite3.DatabaseError:
        raise InputFileError("gpkg_unreadable", file=name) from None
    if found.views:
        raise InputFileError("gpkg_views", file=name, names=clip(", ".join(found.views), 200))
    if found.virtual_tables:
        raise InputFileError("gpkg_virtual_tables", file=name, names=clip(", ".join(found.virtual_tables), 200))
    if found.generated_columns:
        raise InputFileError("gpkg_generated_columns", file=name, names=clip(", ".join(found.generated_columns), 200))
    if found.exhausted:
        raise InputFileError("gpkg_too_slow", file=name)
    if any(n > max_rows for n in found.rows.values()):
        raise InputFileError("file_too_many_rows", file=name, limit=max_rows)


def read_gis(source: str | Path | bytes, **kwargs: object) -> tuple[gpd.GeoDataFrame, np.ndarray]:
    """``pyogrio.read_dataframe(source, **kwargs)``, and which features have a polygon ring that is not closed.

    GEOS cannot build such a polygon and GDAL passes it on, so one feature used to fail the whole file with
    a ``GEOSException`` (a traceback). Those features come back without a geometry, flagged in the mask
    (the other features are read as they are); the caller refuses them with a reason. The file is read
    again only when a feature failed.
    """
    import pyogrio

    with warnings.catch_warnings():  # GDAL warns "Non closed ring detected" for each
        warnings.simplefilter("ignore", RuntimeWarning)
        try:
            gdf = pyogrio.read_dataframe(source, **kwargs)
            return gdf, np.zeros(len(gdf), dtype=bool)
        except shapely.errors.GEOSException:
            pass
        gdf = pyogrio.read_dataframe(source, on_invalid="ignore", **kwargs)
        closed = pyogrio.read_dataframe(source, on_invalid="fix", columns=[], **kwargs)  # fixes unclosed rings only
    unclosed = (gdf.geometry.isna() & closed.geometry.notna()).to_numpy(dtype=bool)
    return gdf, unclosed
