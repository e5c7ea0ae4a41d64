"""Import planners' own files into any infrastructure layer.

Formats: GeoJSON, GeoPackage, zipped Shapefile (Shift_JIS or UTF-8 .dbf), KSJ GML, or a CSV/Excel
table with 経度/緯度.

``plan_layer_import`` reads and maps a file (``geo.infra.ksj``) and splits its rows into accepted
features and rejected rows with a reason each — it writes nothing. ``write_layer_import`` writes an
accepted plan to the user cache with its source, licence, date and completeness, as an editor only;
from there it shows up like every other layer (``load_layer``, ``layer_status``, gaps).
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely

from geo.accounts import Actor
from geo.crs import CRS_STORE, by_zone, to_store_crs
from geo.domain import JAPAN_BBOX
from geo.errors import EditorRequired, InputFileError, InputFileNotFound, ParameterError
from geo.infra import ksj
from geo.infra.ksj_gml import is_ksj_gml, read_ksj_gml
from geo.infra.osm import cache
from geo.infra.registry import LAYERS, check_layer_ids
from geo.io.bounded import bounded_read
from geo.io.gis_files import check_gis_bytes, check_gis_content, read_gis
from geo.io.reasons import Reason
from geo.io.tables import FEATURE_ROW, SHEET_ROW, check_size, check_zip, max_import_rows, read_table, source_rows
from geo.regions import RegionLike, as_region

LAYER_FILE_SUFFIXES = (".geojson", ".json", ".gpkg", ".zip", ".gml", ".xml", ".csv", ".xlsx")
#: Values written into the imported layer's files (data, in both languages as the files keep them).
UNKNOWN_LICENCE = "不明（--licence で指定） / unknown"
AREA_COMPUTED = "ポリゴン面積（計算値） / computed from the polygon"
_KIND_TYPES = {
    "point": ("Point", "MultiPoint"),
    "line": ("LineString", "MultiLineString"),
    "polygon": ("Polygon", "MultiPolygon"),
}
#: Coverage of a file imported without a region: its features' hull, grown by this much (degrees).
_HULL_MARGIN_DEG = 0.01
#: ``attrs`` key of a read file: features whose polygon ring is not closed (``geo.io.gis_files.read_gis``).
UNCLOSED = "unclosed_ring"
_LONLAT = (("経度", "lon", "longitude", "x"), ("緯度", "lat", "latitude", "y"))


@dataclass(frozen=True)
class LayerImportPlan:
    """What an import would write: accepted features, rejected rows, the mapping used and the defaults."""

    layer_id: str
    file_name: str
    dataset: str  # an AttributeMap id, or "generic"
    dataset_name: str
    accepted: gpd.GeoDataFrame
    rejected: pd.DataFrame  # columns row (``numbering``), reason (a tuple of ``geo.io.reasons.Reason``)
    mapping: dict[str, str]
    licence: str
    credit: str
    note: str
    #: What ``rejected["row"]`` counts: "row" (a table's row as Excel shows it, header = row 1) or "feature" (1 = first)
    numbering: str = "feature"

    @property
    def counts(self) -> tuple[int, int]:
        """(accepted, rejected) rows."""
        return len(self.accepted), len(self.rejected)


def _dbf_encoding(zf: zipfile.ZipFile, shp: str) -> str:
    """Encoding of a zipped shapefile's .dbf: its .cpg if any, else UTF-8 when the records decode, else CP932."""
    stem = shp[: -len(".shp")]
    names = {n.lower(): n for n in zf.namelist()}
    cpg = names.get(f"{stem}.cpg".lower())
    if cpg:
        label = zf.read(cpg).decode("ascii", "ignore").strip().lower()
        return "cp932" if label in ("shift_jis", "sjis", "cp932", "932", "shift-jis") else label or "utf-8"
    dbf = names.get(f"{stem}.dbf".lower())
    if dbf is None:
        raise InputFileError("zip_no_dbf", file=shp)
    data = zf.read(dbf)
    header = int.from_bytes(data[8:10], "little")
    try:
        data[header:].decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        return "cp932"


def _read_zip(path: Path) -> gpd.GeoDataFrame:
    with zipfile.ZipFile(path) as zf:
        members = zf.namelist()
        shps = [n for n in members if n.lower().endswith(".shp")]
        other = [n for n in members if n.lower().endswith((".geojson", ".gml", ".xml")) and "meta" not in n.lower()]
        if shps:
            with zf.open(shps[0]) as member:  # GDAL reads by content: a "shapefile" must be one
                check_gis_bytes(member.read(64), ".shp", f"{path.name}/{shps[0]}")
            encoding = _dbf_encoding(zf, shps[0])
            return _with_unclosed(*read_gis(f"/vsizip/{path}/{shps[0]}", encoding=encoding))
        if other:
            data = zf.read(other[0])
    if other:
        return _read_bytes(Path(other[0]).name, data)
    raise InputFileError("zip_no_layer", file=path.name)


def text_encoding(name: str, data: bytes) -> str:
    """``utf-8``, or ``cp932`` for a file that is not UTF-8 but is Shift_JIS text (KSJ's Shift-JIS folders).

    MLIT's GeoJSON files in the Shift-JIS folders of its zips declare no encoding, and GDAL wrote them
    escaping bytes, not characters: every 0x5C trail byte of a two-byte character is doubled (能 = 0x94
    0x5C appears as 0x94 0x5C 0x5C). Read as cp932 by GDAL, the doubled byte is the JSON escape of that
    byte, so the text comes out right. ``InputFileError`` for text in neither encoding.
    """
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        data.decode("cp932")
        return "cp932"
    except UnicodeDecodeError as exc:
        raise InputFileError("text_not_utf8_or_cp932", file=name, position=exc.start) from None


def _with_unclosed(gdf: gpd.GeoDataFrame, unclosed: np.ndarray) -> gpd.GeoDataFrame:
    """``gdf`` with the mask of its features whose polygon ring was not closed in ``attrs`` (refused later)."""
    gdf.attrs[UNCLOSED] = unclosed
    return gdf


def _read_bytes(name: str, data: bytes) -> gpd.GeoDataFrame:
    check_gis_bytes(data[:65536], Path(name).suffix, name)  # a GML or GeoJSON, never a VRT or a database
    if name.lower().endswith((".gml", ".xml")) and is_ksj_gml(data):
        return read_ksj_gml(data, name)
    if name.lower().endswith((".geojson", ".json")):
        return _with_unclosed(*read_gis(data, encoding=text_encoding(name, data)))
    return _with_unclosed(*read_gis(data))


def _read_table(path: Path) -> gpd.GeoDataFrame:
    df = read_table(path)
    cols = {c.strip().lower(): c for c in df.columns}
    lon = next((cols[k] for k in _LONLAT[0] if k in cols), None)
    lat = next((cols[k] for k in _LONLAT[1] if k in cols), None)
    if lon is None or lat is None:
        raise InputFileError("table_no_lonlat", file=path.name, found=", ".join(map(str, df.columns)))
    x, y = (pd.to_numeric(df[c].astype(str).str.strip(), errors="coerce") for c in (lon, lat))
    return gpd.GeoDataFrame(df.drop(columns=[lon, lat]), geometry=gpd.points_from_xy(x, y), crs=CRS_STORE)


def _short(exc: BaseException, limit: int = 200) -> str:
    """An exception's message, one line, cut to ``limit`` characters (no path dumps in a message)."""
    text = " ".join(str(exc).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_layer_file(path: str | Path) -> gpd.GeoDataFrame:
    """Every row of a layer file with its geometry, in EPSG:4326 (a file without a CRS is taken as lon/lat).

    The file's size (``geo.io.tables``) and content (``geo.io.gis_files``: only real tables of the format
    its name says) are checked first; the reading runs within the budget of ``geo.io.bounded``.
    """
    path = Path(path)
    if not path.is_file():
        raise InputFileNotFound("file_not_found", file=str(path))
    suffix = path.suffix.lower()
    if suffix not in LAYER_FILE_SUFFIXES:
        raise InputFileError("file_type", file=path.name, suffix=suffix, use=", ".join(LAYER_FILE_SUFFIXES))
    check_size(path)
    if suffix in (".geojson", ".json", ".gpkg"):
        check_gis_content(path, max_import_rows())
    return bounded_read(_read_layer_file, path, file=path.name)


def _read_layer_file(path: Path) -> gpd.GeoDataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix == ".zip":
            check_zip(path)  # a zip bomb is refused from the zip's directory, before anything is inflated
            gdf = _read_zip(path)
        elif suffix in (".csv", ".xlsx"):
            gdf = _read_table(path)
        elif suffix in (".gml", ".xml", ".geojson", ".json"):
            gdf = _read_bytes(path.name, path.read_bytes())
        else:
            gdf = _with_unclosed(*read_gis(path))
    except (
        pyogrio.errors.DataSourceError,
        pyogrio.errors.DataLayerError,
        pyogrio.errors.CRSError,
        zipfile.BadZipFile,
    ) as exc:
        raise InputFileError("gis_unreadable", file=path.name, problem=_short(exc)) from None
    except (
        UnicodeDecodeError,
        pyogrio.errors.FieldError,
        pyogrio.errors.FeatureError,
        pyogrio.errors.GeometryError,
    ) as exc:
        raise InputFileError("gis_text_unreadable", file=path.name, problem=_short(exc)) from None
    if not isinstance(gdf, gpd.GeoDataFrame) or gdf.geometry.name not in gdf.columns:
        raise InputFileError("gis_no_geometry", file=path.name)
    unclosed = gdf.attrs.get(UNCLOSED, np.zeros(len(gdf), dtype=bool))
    gdf = to_store_crs(gdf)
    gdf.attrs[UNCLOSED] = unclosed
    if gdf.index.name != SHEET_ROW:  # a table keeps its rows as Excel numbers them (geo.io.tables)
        gdf.index = pd.RangeIndex(1, len(gdf) + 1, name=FEATURE_ROW)
    return gdf


def _as_layer_kind(geoms: np.ndarray, kind: str) -> tuple[np.ndarray, np.ndarray]:
    """Geometries fitted to the layer kind (lines → midpoints for point layers) and a fits mask."""
    types = shapely.get_type_id(geoms)
    if kind == "mixed":
        return geoms, types >= 0
    if kind == "point":
        lines = np.isin(types, (1, 5))
        out = geoms.copy()
        if lines.any():  # KSJ N02 stations are platform lines: their midpoint is the station
            out[lines] = shapely.line_interpolate_point(shapely.line_merge(geoms[lines]), 0.5, normalized=True)
        return out, np.isin(shapely.get_type_id(out), (0, 4))
    wanted = {"line": (1, 5), "polygon": (3, 6)}[kind]
    return geoms, np.isin(types, wanted)


def _area_ha(geoms: gpd.GeoSeries) -> np.ndarray:
    """Area in hectares, measured in each feature's JGD2011 UTM zone."""
    area = np.full(len(geoms), np.nan)
    for crs, idx in by_zone(geoms.representative_point()):
        area[idx] = geoms.iloc[idx].to_crs(crs).area.to_numpy() / 10_000.0
    return area


def plan_layer_import(path: str | Path, layer_id: str) -> LayerImportPlan:
    """Read a file and map it to ``layer_id``; rejected rows get a reason each. Nothing is written."""
    (layer_id,) = check_layer_ids([layer_id])
    spec = LAYERS[layer_id]
    path = Path(path)
    raw = read_layer_file(path)
    unclosed = np.asarray(raw.attrs.get(UNCLOSED, np.zeros(len(raw), dtype=bool)), dtype=bool)
    rows, numbering = source_rows(raw), "row" if raw.index.name == SHEET_ROW else "feature"
    raw = raw.reset_index(drop=True)
    raw = raw.rename(columns=ksj.canonical_columns(c for c in raw.columns if c != raw.geometry.name))
    amap = ksj.detect(raw.columns)
    if amap is ksj.P29 and len(raw) and raw["P29_004"].astype(str).str.fullmatch(r"\d{5}").all():
        raise InputFileError("ksj_p29_old", file=path.name)
    table = ksj.apply_map(pd.DataFrame(raw.drop(columns=raw.geometry.name)), amap, layer_id)
    geoms, fits = _as_layer_kind(raw.geometry.to_numpy(), spec.kind)
    empty = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    x0, y0, x1, y1 = JAPAN_BBOX
    inside = ~empty & shapely.intersects(geoms, shapely.box(x0, y0, x1, y1))
    wrong = Reason.of("layer_wrong_geometry", layer_ja=spec.name_ja, layer_en=spec.name_en, kind=spec.kind)
    reasons = np.full(len(geoms), None, dtype=object)  # the first problem of each row; None where none
    for bad, why in (
        (~fits, wrong),
        (~inside, Reason.of("layer_outside_japan")),
        (empty, Reason.of("layer_no_geometry")),
        (unclosed, Reason.of("layer_ring_not_closed")),  # read without its geometry: say why
    ):
        reasons[np.asarray(bad, dtype=bool)] = why
    ok = np.array([r is None for r in reasons], dtype=bool)
    accepted = gpd.GeoDataFrame(table[ok], geometry=geoms[ok], crs=CRS_STORE).reset_index(drop=True)
    accepted.insert(2, "source_id", f"import_{amap.id if amap else 'file'}")
    if layer_id == "industrial_land" and len(accepted):
        area = _area_ha(accepted.geometry)
        accepted["area_ha"] = np.where(area > 0, np.round(area, 2), np.nan)
        accepted["area_source"] = AREA_COMPUTED
    rejected = pd.DataFrame({"row": rows[~ok], "reason": [(r,) for r in reasons[~ok]]})
    return LayerImportPlan(
        layer_id=layer_id,
        file_name=path.name,
        dataset=amap.id if amap else "generic",
        dataset_name=amap.name_ja if amap else "GIS file",
        accepted=accepted,
        rejected=rejected,
        mapping=dict(ksj.mapping_report(raw.columns, amap)),
        licence=amap.licence if amap else "",
        credit=amap.credit if amap else "",
        numbering=numbering,
        note=" ".join(s for s in ((amap.spec if amap else ""), (amap.note if amap else "")) if s),
    )


def import_files(plan: LayerImportPlan) -> list[Path]:
    """The files ``write_layer_import(plan, …)`` writes: the layer's cache file and the cache manifest."""
    return [cache.layer_file(plan.layer_id, import_id(plan.file_name)), cache.manifest_file()]


def import_id(file_name: str) -> str:
    """Cache region id of an imported file (``import-<stem>``); importing the same name again replaces it."""
    return "import-" + (re.sub(r"[^0-9A-Za-z_-]+", "_", Path(file_name).stem).strip("_") or "file")


def _coverage(plan: LayerImportPlan, region: RegionLike | None) -> tuple[shapely.Geometry, str]:
    if region is not None:
        reg = as_region(region)
        return reg.geometry, reg.name_ja
    hull = shapely.convex_hull(shapely.union_all(plan.accepted.geometry.to_numpy()))
    return shapely.buffer(hull, _HULL_MARGIN_DEG), plan.file_name


def write_layer_import(
    plan: LayerImportPlan,
    actor: Actor | None,
    *,
    source: str | None = None,
    licence: str | None = None,
    date: str | None = None,
    completeness: str = "partial",
    region: RegionLike | None = None,
) -> Path:
    """Write an import plan's accepted features to the user cache (editors only) and return the file.

    ``completeness`` is ``partial`` unless the person says the file is the whole layer for ``region``
    (default area: the features' hull). ``source``/``licence``/``date`` default to the dataset's (KSJ)
    or the file name, 「不明」 and today.
    """
    if actor is None or not actor.can_edit:
        raise EditorRequired("editor_required_layer")
    if completeness not in ("complete", "partial"):
        raise ParameterError("completeness_value", value=completeness)
    if plan.accepted.empty:
        raise InputFileError("layer_no_rows", file=plan.file_name)
    coverage, area_name = _coverage(plan, region)
    meta: cache.CacheEntry = {
        "source": source or f"{plan.dataset_name} ({plan.file_name})",
        "licence": licence or plan.licence or UNKNOWN_LICENCE,
        "credit": plan.credit or (source or plan.file_name),
        "date": date or dt.date.today().isoformat(),
        "completeness": completeness,
        "file_name": plan.file_name,
        "note": plan.note,
        "imported_by": actor.name,
    }
    return cache.write_layer(
        plan.layer_id,
        import_id(plan.file_name),
        area_name,
        coverage,
        plan.accepted,
        meta["source"],
        plan.accepted["source_id"].iloc[0],
        meta=meta,
    )
