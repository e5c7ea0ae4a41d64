"""Read KSJ (国土数値情報) GML: JPGIS 2.1 GML with geometries referenced by ``xlink:href``.

The geometries (``gml:Point``, ``gml:Curve``, ``gml:Surface``) are listed once and the features refer
to them.

GDAL's GML driver does not resolve these references, so this small reader does. Coordinates are in
KSJ order, latitude first (``fguuid:jgd2011.bl`` / JGD2000 B L), and come back as lon/lat (EPSG:4326;
JGD2011 is within a metre of it). Feature attributes are the features' child elements, by local name.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.crs import CRS_STORE
from geo.errors import InputFileError

GML_NS = ("http://www.opengis.net/gml/3.2", "http://www.opengis.net/gml")
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
_GEOMETRY_TAGS = {"Point", "Curve", "LineString", "Surface", "Polygon", "OrientableCurve"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _ns(tag: str) -> str:
    return tag[1:].split("}", 1)[0] if tag.startswith("{") else ""


def _gml_id(el: ET.Element) -> str | None:
    for ns in GML_NS:
        value = el.get(f"{{{ns}}}id")
        if value:
            return value
    return el.get("id")


def is_ksj_gml(data: bytes) -> bool:
    """True for a KSJ GML document (its application schema namespace)."""
    head = data[:4000]
    return b"nlftp.mlit.go.jp/ksj" in head or b"ksj-app" in head


def _coords(text: str | None) -> list[tuple[float, float]]:
    """``lat lon lat lon …`` → [(lon, lat), …]."""
    values = [float(v) for v in (text or "").split()]
    return [(values[i + 1], values[i]) for i in range(0, len(values) - 1, 2)]


def _find(el: ET.Element, name: str) -> list[ET.Element]:
    return [e for e in el.iter() if _local(e.tag) == name]


class _Geometries:
    """The document's identified geometries, resolved on demand (curves referenced by rings …)."""

    def __init__(self, root: ET.Element) -> None:
        self.by_id = {i: el for el in root.iter() if _local(el.tag) in _GEOMETRY_TAGS and (i := _gml_id(el))}
        self.done: dict[str, BaseGeometry | None] = {}

    def ref(self, href: str) -> BaseGeometry | None:
        key = href.lstrip("#")
        if key not in self.done:
            el = self.by_id.get(key)
            self.done[key] = None if el is None else self.parse(el)
        return self.done[key]

    def _line(self, el: ET.Element) -> list[tuple[float, float]]:
        href = el.get(XLINK_HREF)
        if href:
            geom = self.ref(href)
            return list(geom.coords) if geom is not None and geom.geom_type == "LineString" else []
        pts: list[tuple[float, float]] = []
        for part in el.iter():
            if _local(part.tag) in ("posList", "pos"):
                pts.extend(_coords(part.text))
        return pts

    def _ring(self, ring: ET.Element) -> list[tuple[float, float]]:
        members = _find(ring, "curveMember")
        if not members:
            return self._line(ring)
        pts: list[tuple[float, float]] = []
        for m in members:
            seg = self._line(m)
            pts.extend(seg[1:] if pts and seg and seg[0] == pts[-1] else seg)
        return pts

    def parse(self, el: ET.Element) -> BaseGeometry | None:
        kind = _local(el.tag)
        if kind == "Point":
            pts = _coords(next((p.text for p in _find(el, "pos")), None))
            return shapely.Point(pts[0]) if pts else None
        if kind in ("Curve", "LineString", "OrientableCurve"):
            pts = self._line(el)
            return shapely.LineString(pts) if len(pts) >= 2 else None
        exterior = next(iter(_find(el, "exterior")), None)
        if exterior is None:
            return None
        shell = self._ring(exterior)
        holes = [self._ring(i) for i in _find(el, "interior")]
        return shapely.Polygon(shell, [h for h in holes if len(h) >= 4]) if len(shell) >= 4 else None


def _feature_geometry(feature: ET.Element, geoms: _Geometries) -> BaseGeometry | None:
    for child in feature:
        href = child.get(XLINK_HREF)
        if href and href.lstrip("#") in geoms.by_id:
            return geoms.ref(href)
        inline = next((g for g in child if _local(g.tag) in _GEOMETRY_TAGS), None)
        if inline is not None:
            return geoms.parse(inline)
    return None


def read_ksj_gml(data: bytes, name: str = "file.gml") -> gpd.GeoDataFrame:
    """Features of a KSJ GML document: attribute columns by element name, geometry in EPSG:4326."""
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise InputFileError("xml_malformed", file=name, problem=str(exc)) from None
    geoms = _Geometries(root)
    rows, shapes = [], []
    for feature in root:
        if _ns(feature.tag) in GML_NS or _local(feature.tag) in _GEOMETRY_TAGS:
            continue
        attrs = {
            _local(c.tag): (c.text or "").strip()
            for c in feature
            if c.get(XLINK_HREF) is None and len(c) == 0 and _ns(c.tag) not in GML_NS
        }
        rows.append(attrs)
        shapes.append(_feature_geometry(feature, geoms))
    if not rows:
        raise InputFileError("ksj_gml_empty", file=name)
    return gpd.GeoDataFrame(rows, geometry=shapes, crs=CRS_STORE)
