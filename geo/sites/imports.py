"""Plan a bulk import of sites: read an uploaded file, map its columns, validate, find duplicates.

Nothing here writes: ``plan_import`` splits the rows of a file into the sites that can be added
(one ``store.add`` call) and the rejected rows with a plain-language reason per row.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.crs import CRS_STORE
from geo.sites.duplicates import find_duplicates
from geo.sites.schema import SITE_COLUMNS, normalise_columns, read_sites_file, validate_sites

#: File types the import accepts (lower-case suffixes).
IMPORT_SUFFIXES: tuple[str, ...] = (".csv", ".txt", ".xlsx", ".geojson", ".json", ".gpkg")
DEFAULT_MAX_IMPORT_MB = 50.0


def max_import_bytes() -> int:
    """Largest accepted import file: ``CHIIKI_MAP_MAX_IMPORT_MB`` megabytes (default 50)."""
    try:
        mb = float(os.environ.get("CHIIKI_MAP_MAX_IMPORT_MB", DEFAULT_MAX_IMPORT_MB))
    except ValueError:
        mb = DEFAULT_MAX_IMPORT_MB
    return int(mb * 1024 * 1024)


def read_upload(filename: str, data: bytes) -> pd.DataFrame:
    """Read uploaded bytes as a site file (every cell as text), via ``geo.sites.read_sites_file``.

    Raises ``ValueError`` with a plain message for an unsupported type, an oversized or empty file.
    """
    suffix = Path(filename).suffix.lower()
    if suffix not in IMPORT_SUFFIXES:
        raise ValueError(f"{filename}: unsupported file type {suffix or '(none)'}; use {', '.join(IMPORT_SUFFIXES)}")
    if len(data) > max_import_bytes():
        raise ValueError(
            f"{filename}: {len(data) / 2**20:.1f} MB is over the limit of "
            f"{max_import_bytes() / 2**20:.0f} MB (CHIIKI_MAP_MAX_IMPORT_MB)"
        )
    if not data.strip():
        raise ValueError(f"{filename}: the file is empty")
    with tempfile.TemporaryDirectory(prefix="chiiki-import-") as tmp:
        path = Path(tmp) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            return read_sites_file(path).reset_index(drop=True)
        except (ValueError, FileNotFoundError):
            raise
        except Exception as exc:  # pandas/GDAL raise many types for malformed files
            raise ValueError(f"{filename}: not a readable {suffix} file ({type(exc).__name__}: {exc})") from exc


def suggest_mapping(columns: Sequence[object]) -> dict[str, str]:
    """Header → schema column for every header ('' = not imported), from English ids or Japanese aliases."""
    mapping: dict[str, str] = {}
    used: set[str] = set()
    for col in columns:
        target = str(normalise_columns(pd.DataFrame(columns=[col])).columns[0])
        ok = target in SITE_COLUMNS and target not in used
        mapping[str(col)] = target if ok else ""
        used.add(target)
    return mapping


def apply_mapping(raw: pd.DataFrame, mapping: Mapping[str, str]) -> pd.DataFrame:
    """Only the mapped columns, renamed to schema columns; ``ValueError`` if two map to the same one."""
    chosen = {str(c): mapping.get(str(c), "") for c in raw.columns}
    targets = [t for t in chosen.values() if t]
    twice = sorted({t for t in targets if targets.count(t) > 1})
    if twice:
        detail = "; ".join(f"{', '.join(c for c, t in chosen.items() if t == col)} → {col}" for col in twice)
        raise ValueError(f"several columns are mapped to the same field: {detail}")
    out = raw.copy()
    out.columns = [str(c) for c in out.columns]
    out = out[[c for c, t in chosen.items() if t]]
    return out.rename(columns={c: t for c, t in chosen.items() if t})


@dataclass
class ImportPlan:
    """What an import would do: ``accepted`` sites to add, ``rejected`` original rows with ``row``/``reason``."""

    accepted: gpd.GeoDataFrame
    rejected: pd.DataFrame

    @property
    def counts(self) -> tuple[int, int]:
        """(accepted, rejected) row counts."""
        return len(self.accepted), len(self.rejected)


def plan_import(raw: pd.DataFrame, mapping: Mapping[str, str], existing: gpd.GeoDataFrame) -> ImportPlan:
    """Validate mapped rows and drop duplicates of ``existing`` (active) sites; writes nothing.

    ``rejected`` holds the rows as given in the file, plus ``row`` (1 = first data row) and ``reason``.
    """
    raw = raw.reset_index(drop=True)
    accepted, bad = validate_sites(apply_mapping(raw, mapping))
    reasons = pd.Series("", index=raw.index, dtype=object)
    reasons.loc[bad.index] = bad["reason"]
    dup = find_duplicates(accepted, existing)
    reasons.loc[dup.index] = dup
    rejected = raw.loc[reasons.ne("")].copy()
    rejected["row"] = rejected.index + 1
    rejected["reason"] = reasons.loc[rejected.index]
    rejected = rejected[["row", "reason", *[c for c in rejected.columns if c not in ("row", "reason")]]]
    keep = accepted.loc[dup.eq("")]
    return ImportPlan(gpd.GeoDataFrame(keep, geometry=keep.geometry, crs=CRS_STORE), rejected)
