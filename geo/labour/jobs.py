"""Jobs of each site and on what basis: disclosed, estimated from investment (原単位), or unknown.

The 原単位 (jobs per 100 億円 of investment, by field) live in ``data/labour_units.toml``: each value
is marked ``source`` (with the published figure it comes from) or ``assumption`` (仮定). A site's jobs
are its disclosed ``jobs`` when given; otherwise ``investment_oku_yen / 100 × jobs_per_100oku`` of its
field, labelled ``estimated`` (推計); otherwise unknown. Disclosed and estimated jobs are kept in
separate columns so that no total mixes them silently.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from geo.config import DATA_DIR
from geo.domain import ALL_FIELDS
from geo.errors import LabourUnitsError

LABOUR_UNITS_TOML: Path = DATA_DIR / "labour_units.toml"
#: Values of ``jobs_basis``.
BASES: tuple[str, ...] = ("disclosed", "estimated", "unknown")
UNIT_BASES: tuple[str, ...] = ("source", "assumption")


@dataclass(frozen=True)
class Unit:
    """One 原単位: jobs per 100 億円, whether it rests on a source or is an assumption, and the note."""

    field: str
    jobs_per_100oku: float
    basis: str
    note: str


@dataclass(frozen=True)
class LabourUnits:
    """Validated 原単位 by field id (fields without an entry get no estimate)."""

    units: dict[str, Unit]
    source: str

    def rate(self, field: str) -> float | None:
        """Jobs per 100 億円 of ``field``, or None when the table has no value for it."""
        unit = self.units.get(field)
        return unit.jobs_per_100oku if unit else None


def _unit(field: str, table: object, where: str) -> Unit:
    if field not in ALL_FIELDS:
        raise LabourUnitsError("units_field", where=where, field=field, fields=", ".join(ALL_FIELDS))
    if not isinstance(table, dict):
        raise LabourUnitsError("units_not_table", where=where, field=field)
    value = table.get("jobs_per_100oku")
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or value <= 0:
        raise LabourUnitsError("units_rate", where=where, field=field, value=repr(value))
    basis, note = table.get("basis"), str(table.get("note", "")).strip()
    if basis not in UNIT_BASES:
        raise LabourUnitsError("units_basis", where=where, field=field, value=repr(basis))
    if not note:
        raise LabourUnitsError("units_note", where=where, field=field)
    extra = sorted(set(table) - {"jobs_per_100oku", "basis", "note"})
    if extra:
        raise LabourUnitsError("units_keys", where=where, field=field, keys=", ".join(extra))
    return Unit(field, float(value), str(basis), note)


def parse_labour_units(data: dict[str, object], source: str = "<labour units>") -> LabourUnits:
    """Validate parsed TOML (``[units.<field>]`` tables with ``jobs_per_100oku``, ``basis``, ``note``)."""
    extra = sorted(set(data) - {"units", "meta"})
    if extra:
        raise LabourUnitsError("units_top_keys", where=source, keys=", ".join(extra))
    units = data.get("units", {})
    if not isinstance(units, dict):
        raise LabourUnitsError("units_tables", where=source)
    return LabourUnits({str(f): _unit(str(f), tab, source) for f, tab in units.items()}, source)


def load_labour_units(path: str | Path | None = None) -> LabourUnits:
    """Read and validate the 原単位 TOML (default ``data/labour_units.toml``)."""
    path = Path(path) if path is not None else LABOUR_UNITS_TOML
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise LabourUnitsError("units_not_found", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise LabourUnitsError("toml_invalid", path=str(path), problem=str(exc)) from None
    except UnicodeDecodeError:
        raise LabourUnitsError("toml_not_utf8", path=str(path)) from None
    return parse_labour_units(data, str(path))


def jobs_per_1000(jobs: pd.Series, working_age: pd.Series) -> pd.Series:
    """Jobs per 1,000 working-age residents: NaN where the jobs are unknown or no working-age figure is above 0.

    The one ratio of labour demand to supply: per prefecture, block, cluster, catchment and on the page.
    """
    return jobs / working_age.where(working_age > 0) * 1000.0


def numeric_column(sites: pd.DataFrame, name: str) -> pd.Series:
    """Column ``name`` as floats (unreadable → NaN); all NaN when the column is absent."""
    if name in sites.columns:
        return pd.to_numeric(sites[name], errors="coerce").astype(float)
    return pd.Series(np.nan, index=sites.index, dtype=float)


def site_jobs(sites: pd.DataFrame, units: LabourUnits | None = None) -> pd.DataFrame:
    """Jobs and their basis per site (index of ``sites``).

    Parameters
    ----------
    sites
        Sites with ``field`` and optionally ``jobs`` and ``investment_oku_yen``.
    units
        The 原単位 table; default ``data/labour_units.toml``.

    Returns
    -------
    pandas.DataFrame
        ``jobs`` (disclosed or estimated; NaN when unknown), ``jobs_basis`` (``BASES``),
        ``jobs_disclosed`` and ``jobs_estimated`` (NaN where the other basis applies), and
        ``unit_basis`` (``source``/``assumption`` of the 原単位 used; empty otherwise).
    """
    table = units or load_labour_units()
    disclosed = numeric_column(sites, "jobs")
    invest = numeric_column(sites, "investment_oku_yen")
    fields = sites["field"].astype(str) if "field" in sites.columns else pd.Series("", index=sites.index)
    rate = fields.map(lambda f: table.rate(f)).astype(float)
    estimate = (invest / 100.0 * rate).round(0)
    has_disclosed = disclosed.notna()
    has_estimate = ~has_disclosed & estimate.notna()
    basis = np.select([has_disclosed, has_estimate], ["disclosed", "estimated"], "unknown")
    unit_basis = fields.map(lambda f: table.units[f].basis if f in table.units else "")
    return pd.DataFrame(
        {
            "jobs": disclosed.where(has_disclosed, estimate),
            "jobs_basis": basis,
            "jobs_disclosed": disclosed.where(has_disclosed),
            "jobs_estimated": estimate.where(has_estimate),
            "unit_basis": unit_basis.where(has_estimate, ""),
        },
        index=sites.index,
    )
