"""Plan a bulk import of sites: read an uploaded file, map its columns, validate, find duplicates.

Nothing here writes: ``plan_import`` splits the rows of a file into the sites that can be added
(one ``store.add`` call) and the rejected rows with their reasons (``geo.io.reasons.Reason``; the
words are ``i18n.reasons``'s) and their row number as Excel shows it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from geo.crs import CRS_STORE
from geo.errors import ChiikiMapError, InputFileError
from geo.io.tables import DEFAULT_MAX_IMPORT_MB, max_import_bytes, numbering, source_rows
from geo.io.uploads import upload_path
from geo.sites.duplicates import find_duplicates
from geo.sites.schema import GEOMETRY_PROBLEM, SITE_COLUMNS, normalise_columns, read_sites_file, validate_sites
from geo.text import clip

#: File types the import accepts (lower-case suffixes).
IMPORT_SUFFIXES: tuple[str, ...] = (".csv", ".txt", ".xlsx", ".geojson", ".json", ".gpkg")
__all__ = [
    "DEFAULT_MAX_IMPORT_MB",
    "max_import_bytes",
    "not_imported",
    "plan_import",
    "read_upload",
    "suggest_mapping",
]


def read_upload(filename: str, data: bytes, headers: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Read uploaded bytes as a site file (every cell as text), via ``geo.sites.schema.read_sites_file``.

    Messages name ``filename`` (never the temporary copy). Raises ``geo.errors.InputFileError`` (a
    ``ValueError``) for an unsupported type, an oversized, empty, bomb-like or malformed file.
    ``headers``: the app's own column labels (``geo.sites.schema.normalise_columns``).
    """
    name = clip(Path(filename).name or filename, 120)
    suffix = Path(filename).suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise InputFileError("file_type", file=name, suffix=clip(suffix, 20), use=", ".join(IMPORT_SUFFIXES))
    with upload_path(name, data) as path:
        try:
            return read_sites_file(path, display_name=name, headers=headers)  # indexed by row number
        except ChiikiMapError:
            raise
        except ValueError as exc:  # a reader's own message (a bug if it reaches this far)
            raise InputFileError("file_unreadable", file=name, detail=str(exc)) from None


def _target(col: object, headers: Mapping[str, str] | None) -> str:
    """The schema column a header means (the header itself when it means none)."""
    return str(normalise_columns(pd.DataFrame(columns=[col]), headers).columns[0])


def mapping_conflicts(columns: Sequence[object], headers: Mapping[str, str] | None = None) -> dict[str, list[str]]:
    """Schema column → the headers that all mean it, where more than one does (e.g. ``name`` and ``名称``)."""
    by_target: dict[str, list[str]] = {}
    for col in columns:
        if str(col) == GEOMETRY_PROBLEM:
            continue
        target = _target(col, headers)
        if target in SITE_COLUMNS:
            by_target.setdefault(target, []).append(str(col))
    return {t: cols for t, cols in by_target.items() if len(cols) > 1}


def conflict_error(conflicts: Mapping[str, Sequence[str]]) -> InputFileError:
    """The error naming each set of headers that mean the same column (``mapping_conflicts``)."""
    parts = [f"{' / '.join(repr(clip(c, 40)) for c in cols)} → {target}" for target, cols in conflicts.items()]
    return InputFileError("headers_conflict", detail="; ".join(parts))


def suggest_mapping(columns: Sequence[object], headers: Mapping[str, str] | None = None) -> dict[str, str]:
    """Header → schema column for every header ('' = not imported), from English ids or Japanese aliases.

    ``headers`` adds the app's own column labels (``i18n.sites_edit.column_headers``): a table the app
    shows or downloads, in either language, maps back column for column. Where several headers mean
    one column only the first is mapped: check ``mapping_conflicts`` first, so the others are reported
    rather than silently left out; ``not_imported`` names the headers left out.
    """
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for col in columns:
        if str(col) == GEOMETRY_PROBLEM:
            continue
        target = _target(col, headers)
        ok = target in SITE_COLUMNS and target not in used
        mapping[str(col)] = target if ok else ""
        used.add(target)
    return mapping


def not_imported(mapping: Mapping[str, str]) -> list[str]:
    """The headers a mapping leaves out (unrecognised, derived from the location, or the store's own)."""
    return [h for h, target in mapping.items() if not target]


def apply_mapping(raw: pd.DataFrame, mapping: Mapping[str, str]) -> pd.DataFrame:
    """Only the mapped columns, renamed to schema columns; ``ValueError`` if two map to the same one.

    A ``GEOMETRY_PROBLEM`` column (from ``read_sites_file``) is always kept, so those rows are rejected.
    """
    chosen = {str(c): mapping.get(str(c), "") for c in raw.columns if str(c) != GEOMETRY_PROBLEM}
    targets = [t for t in chosen.values() if t]
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        detail = "; ".join(f"{', '.join(c for c, t in chosen.items() if t == col)} → {col}" for col in twice)
        raise InputFileError("mapping_twice", detail=detail)
    out = raw.copy()
    out.columns = [str(c) for c in out.columns]
    keep = [c for c, t in chosen.items() if t] + ([GEOMETRY_PROBLEM] if GEOMETRY_PROBLEM in out.columns else [])
    return out[keep].rename(columns={c: t for c, t in chosen.items() if t})


@dataclass
class ImportPlan:
    """What an import would do: ``accepted`` sites to add, ``rejected`` original rows with ``row``/``reason``.

    ``numbering`` says what ``row`` counts: ``"row"`` (the row as Excel shows it, header = row 1) or
    ``"feature"`` (a GeoJSON/GeoPackage feature, 1 = the first).
    """

    accepted: gpd.GeoDataFrame
    rejected: pd.DataFrame
    numbering: str = "row"

    @property
    def counts(self) -> tuple[int, int]:
        """(accepted, rejected) row counts."""
        return len(self.accepted), len(self.rejected)


def plan_import(raw: pd.DataFrame, mapping: Mapping[str, str], existing: gpd.GeoDataFrame) -> ImportPlan:
    """Validate mapped rows and drop duplicates of ``existing`` (active) sites; writes nothing.

    ``rejected`` holds the rows as given in the file, plus ``row`` (``geo.io.tables.source_rows``: as
    Excel shows it, the header being row 1) and ``reason`` (a tuple of ``Reason``).
    """
    rows, kind = source_rows(raw), numbering(raw)
    raw = raw.reset_index(drop=True)
    accepted, bad = validate_sites(apply_mapping(raw, mapping))
    reasons = np.full(len(raw), None, dtype=object)  # raw has a RangeIndex: labels are positions
    for pos, why in zip(bad.index, bad["reason"], strict=True):
        reasons[pos] = why
    dup = find_duplicates(accepted, existing)
    found = dup.notna()
    for pos, why in zip(dup.index[found], dup[found], strict=True):
        reasons[pos] = (why,)
    flagged = np.array([r is not None for r in reasons], dtype=bool)
    rejected = raw.loc[flagged].drop(columns=[GEOMETRY_PROBLEM, "row", "reason"], errors="ignore")
    rejected.insert(0, "reason", pd.Series(list(reasons[flagged]), index=rejected.index, dtype=object))
    rejected.insert(0, "row", rows[flagged])
    keep = accepted.loc[~found]
    return ImportPlan(gpd.GeoDataFrame(keep, geometry=keep.geometry, crs=CRS_STORE), rejected, kind)
