"""Compact geometry for inlined canvas layers: a Web Mercator pixel grid, deltas, zigzag varints, base64.

A briefing inlines every layer. Plain GeoJSON spends bytes on nested brackets and decimal digits and
makes the browser build one JS array per vertex; here all vertices of a layer become one string:

* each vertex is rounded to the pixel grid of zoom ``grid_zoom`` (Web Mercator, 256-pixel tiles), so
  the error is at most half a pixel at that zoom, the same everywhere on the map;
* the stream holds x, y differences from the previous vertex, zigzag-encoded as unsigned varints
  (a neighbour a few pixels away costs one byte), then base64;
* each geometry keeps its type and only its vertex counts (``"n"``) to cut the stream into rings.

``layers/canvas/cm_canvas.js`` decodes it straight into a Float64Array with no trigonometry.
"""

from __future__ import annotations

import base64
from collections.abc import Mapping
from typing import Any

import numpy as np

from geo.crs import web_mercator_px

#: Varints of 7 bits per byte; grid values below 2**35 need at most 5 bytes.
_MAX_VARINT_BYTES = 5
#: Sites are placed on the pixel grid of this zoom (about 2 m in Japan): finer than any map zoom.
SITE_GRID_ZOOM = 16


def mercator_grid(lonlat: np.ndarray, grid_zoom: int) -> np.ndarray:
    """``(n, 2)`` longitude/latitude (EPSG:4326) as int64 pixel coordinates at ``grid_zoom``."""
    lonlat = np.asarray(lonlat, dtype=float).reshape(-1, 2)
    x, y = web_mercator_px(lonlat[:, 0], lonlat[:, 1], grid_zoom)
    return np.rint(np.column_stack([x, y])).astype(np.int64)


def varints(values: np.ndarray) -> bytes:
    """Signed integers as zigzag LEB128 varints (vectorised)."""
    v = np.asarray(values, dtype=np.int64)
    zz = ((v << 1) ^ (v >> 63)).astype(np.uint64)
    if len(zz) and int(zz.max()) >= 1 << (7 * _MAX_VARINT_BYTES):
        raise ValueError("coordinate delta too large for the packed format: lower grid_zoom")
    nbytes = np.ones(len(zz), dtype=np.int64)
    for k in range(1, _MAX_VARINT_BYTES):
        nbytes += zz >= np.uint64(1 << (7 * k))
    start = np.concatenate([[0], np.cumsum(nbytes)[:-1]])
    out = np.zeros(int(nbytes.sum()), dtype=np.uint8)
    for k in range(_MAX_VARINT_BYTES):
        sel = nbytes > k
        byte = (zz[sel] >> np.uint64(7 * k)) & np.uint64(0x7F)
        more = np.where(nbytes[sel] > k + 1, 0x80, 0).astype(np.uint64)
        out[start[sel] + k] = (byte | more).astype(np.uint8)
    return out.tobytes()


def _walk(geom: Mapping[str, Any], rings: list[np.ndarray]) -> dict[str, Any]:
    """The geometry with its coordinates replaced by vertex counts; rings appended to ``rings``."""
    kind, c = geom["type"], geom.get("coordinates", ())
    if kind == "GeometryCollection":
        return {"type": kind, "geometries": [_walk(g, rings) for g in geom["geometries"]]}

    def ring(coords: Any) -> int:
        arr = np.asarray(coords, dtype=float).reshape(-1, 2)
        rings.append(arr)
        return len(arr)

    if kind == "Point":
        ring([c])
        return {"type": kind}
    if kind in ("LineString", "MultiPoint"):
        return {"type": kind, "n": ring(c)}
    if kind in ("Polygon", "MultiLineString"):
        return {"type": kind, "n": [ring(r) for r in c]}
    if kind == "MultiPolygon":
        return {"type": kind, "n": [[ring(r) for r in poly] for poly in c]}
    raise ValueError(f"cannot pack geometry type {kind!r}")


def pack(collection: Mapping[str, Any], grid_zoom: int) -> dict[str, Any]:
    """A FeatureCollection whose coordinates are one packed stream (see the module docstring).

    Only :func:`layers.geojson_layer.GeoJsonLayer` with ``canvas=True`` reads this format.
    """
    rings: list[np.ndarray] = []
    features = [{**f, "geometry": _walk(f["geometry"], rings)} for f in collection["features"] if f.get("geometry")]
    grid = mercator_grid(np.concatenate(rings) if rings else np.empty((0, 2)), grid_zoom)
    flat = grid.ravel()
    deltas = np.diff(flat.reshape(-1, 2), axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel()
    return {
        "type": "FeatureCollection",
        "features": features,
        "packed": {
            "zoom": int(grid_zoom),
            "count": int(len(grid)),
            "coords": base64.b64encode(varints(deltas)).decode("ascii"),
        },
    }


def unpack_coords(packed: Mapping[str, Any]) -> np.ndarray:
    """The stream back as ``(n, 2)`` pixel coordinates at the grid zoom (for tests and tools)."""
    raw = np.frombuffer(base64.b64decode(packed["coords"]), dtype=np.uint8)
    values, shift, acc = [], 0, 0
    for b in raw.tolist():
        acc |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            values.append((acc >> 1) ^ -(acc & 1))
            acc, shift = 0, 0
    return np.cumsum(np.asarray(values, dtype=np.int64).reshape(-1, 2), axis=0)


def pack_sites(ids: np.ndarray, lonlat: np.ndarray, field_index: np.ndarray, radius_px: np.ndarray) -> dict[str, Any]:
    """Sites as one base64 string: ~12 bytes a site before base64 (issue 14: bytes per site per re-run).

    The sites must come sorted by ``ids`` (ascending integers). The stream holds, one section after the
    other: the id differences (varints), the x, y differences on the grid of :data:`SITE_GRID_ZOOM`
    (zigzag varints, a few metres), then one byte per site for the field index and one for the radius
    in quarter pixels. ``cm_canvas.js`` (``cmCanvas.sites``) reads it.
    """
    ids = np.asarray(ids, dtype=np.int64)
    if len(ids) > 1 and (np.diff(ids) <= 0).any():
        raise ValueError("pack_sites needs unique site ids in ascending order")
    grid = mercator_grid(lonlat, SITE_GRID_ZOOM)
    xy = np.diff(grid, axis=0, prepend=np.zeros((1, 2), dtype=np.int64)).ravel()
    fields = np.asarray(field_index, dtype=np.int64)
    quarters = np.clip(np.rint(np.asarray(radius_px, dtype=float) * 4), 1, 255).astype(np.uint8)
    if len(fields) and (fields.min() < 0 or fields.max() > 255):
        raise ValueError("field index out of range 0..255")
    raw = b"".join(
        [varints(np.diff(ids, prepend=0)), varints(xy), fields.astype(np.uint8).tobytes(), quarters.tobytes()]
    )
    return {"count": int(len(ids)), "zoom": SITE_GRID_ZOOM, "data": base64.b64encode(raw).decode("ascii")}


def unpack_sites(packed: Mapping[str, Any]) -> dict[str, np.ndarray]:
    """:func:`pack_sites` read back (for tests and tools): ids, grid x/y, field index, radius."""
    raw = base64.b64decode(packed["data"])
    values: list[int] = []
    n, shift, acc, pos = int(packed["count"]), 0, 0, 0
    while len(values) < 3 * n:
        b = raw[pos]
        pos += 1
        acc |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            values.append((acc >> 1) ^ -(acc & 1))
            acc, shift = 0, 0
    v = np.asarray(values, dtype=np.int64)
    tail = np.frombuffer(raw[pos:], dtype=np.uint8)
    return {
        "ids": np.cumsum(v[:n]),
        "xy": np.cumsum(v[n:].reshape(-1, 2), axis=0),
        "field": tail[:n].astype(np.int64),
        "radius": tail[n : 2 * n] / 4.0,
    }
