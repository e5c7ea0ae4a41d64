r"""What GDAL loses reading a GeoJSON file: text after a NUL character (``\u0000``) in a property.

GDAL keeps strings as C strings, so ``"abc\u0000def"`` arrives as ``"abc"``: the rest is lost without a
word. ``nul_strings`` finds such properties in the file itself (a byte search first; the JSON is parsed
only when one is there) and ``restore_cut_text`` puts the whole text back, so the row is refused for its NUL.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import geopandas as gpd

#: A JSON ``\u0000`` escape (not an escaped backslash followed by ``u0000``).
_NUL_ESCAPE = re.compile(rb"(?<!\\)(?:\\\\)*\\u0000")


def nul_strings(path: str | Path) -> dict[tuple[int, str], str]:
    r"""(feature position, property name) → the property's full text, for each string holding a NUL.

    Empty when the file holds no ``\u0000`` escape (or is not a FeatureCollection JSON).
    """
    data = Path(path).read_bytes()
    if not _NUL_ESCAPE.search(data):
        return {}
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return {}  # GDAL reports the file as unreadable
    features = doc.get("features") if isinstance(doc, dict) else None
    out: dict[tuple[int, str], str] = {}
    for pos, feature in enumerate(features if isinstance(features, list) else []):
        props = feature.get("properties") if isinstance(feature, dict) else None
        for key, value in props.items() if isinstance(props, dict) else ():
            if isinstance(value, str) and "\x00" in value:
                out[pos, str(key)] = value
    return out


def restore_cut_text(gdf: gpd.GeoDataFrame, path: str | Path) -> None:
    """Put back into ``gdf`` (read by GDAL from the GeoJSON ``path``, in file order) the text GDAL cut at a NUL."""
    if Path(path).suffix.lower() not in (".geojson", ".json"):
        return
    for (pos, key), text in nul_strings(path).items():
        if key in gdf.columns and pos < len(gdf):
            gdf.iloc[pos, gdf.columns.get_loc(key)] = text
