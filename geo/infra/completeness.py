"""Completeness measured against a reference, per prefecture — never typed by hand.

The build (``scripts/build_layers.py``) measures each committed layer against an independent reference
and stores the counts per prefecture in ``data/layers/manifest.json``:

- ``near``: the share of reference points with a layer feature within ``within_m`` metres — railways
  (N02-23 stations within 300 m of a line), roads (N06 ICs within 1 km of a road line), airports
  (``airportsdata`` airports), ports (the designated ports and the World Port Index);
- ``register``: the layer *is* the official register (N02-23 stations, N06 expressways and ICs) — it is
  still measured against the register's own list, and complete where that share reaches the threshold
  or by definition;
- ``dated``: a dated snapshot with nothing to count it against (the 2016 power grid, the 2007 plants):
  always partial, with its year.

A layer is complete in an area only when the measured share there reaches :data:`COMPLETE_SHARE` and
its reference lists every feature of the kind (``reference_subset`` says it does not: the 163 WPI
ports are not the ~990 ports under 港湾法). Areas are prefectures; a region sums its prefectures.

Codes and numbers only: ``i18n.completeness`` words them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal, cast

import geopandas as gpd
import numpy as np
import shapely

from geo.crs import CRS_STORE, by_zone
from geo.io.records import Record

Completeness = Literal["complete", "partial", "none"]
COMPLETENESS: tuple[Completeness, ...] = ("complete", "partial", "none")
Method = Literal["near", "register", "dated"]
#: Measured share (0–1) a layer needs in an area to count as complete there.
COMPLETE_SHARE = 0.98


@dataclass(frozen=True)
class Note:
    """One thing said about a layer's completeness: a code and its parameters (``i18n`` words it)."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict, hash=False)

    def as_json(self) -> Record:
        """``{"code": …, "params": {…}}`` for machine-readable output."""
        return {"code": self.code, "params": dict(self.params)}


@dataclass(frozen=True)
class Measurement:
    """How a layer was measured and what was found per prefecture (JIS code → (found, expected)).

    ``what`` names what is counted (``stations_on_line``, ``ics_near_road``, ``reference_found``) for the
    words; ``reference`` is a short label of the reference (``N02-23``), ``reference_name`` its full name.
    ``outside`` counts reference features that fell in no prefecture (never in a share).
    """

    method: Method
    what: str
    reference: str
    reference_name: str
    measured: str  # ISO date of the build that measured it
    data_date: str = ""  # the layer's own date (for dated sources)
    within_m: float | None = None
    reference_subset: bool = False
    by_pref: Mapping[str, tuple[int, int]] = field(default_factory=dict, hash=False)
    outside: int = 0

    def counts(self, pref_codes: Iterable[str] | None = None) -> tuple[int, int]:
        """(found, expected) summed over ``pref_codes`` (None: every prefecture)."""
        codes = self.by_pref.keys() if pref_codes is None else pref_codes
        pairs = [self.by_pref[c] for c in codes if c in self.by_pref]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)

    def level(self, pref_codes: Iterable[str] | None = None) -> Completeness:
        """``complete`` or ``partial`` in the prefectures given (by the rule in the module docstring)."""
        if self.method == "dated" or self.reference_subset:
            return "partial"
        found, expected = self.counts(pref_codes)
        if self.method == "register" and expected == 0:
            return "complete"
        return "complete" if expected and found / expected >= COMPLETE_SHARE else "partial"

    def partial_prefs(self) -> list[str]:
        """Prefectures (JIS codes) where the layer is not complete by its own measurement."""
        if self.method == "dated" or self.reference_subset:
            return sorted(self.by_pref)
        return sorted(c for c in self.by_pref if self.level([c]) != "complete")

    def as_json(self) -> Record:
        """The manifest form (``from_json`` reads it back)."""
        return {
            "method": self.method,
            "what": self.what,
            "reference": self.reference,
            "reference_name": self.reference_name,
            "measured": self.measured,
            "data_date": self.data_date,
            "within_m": self.within_m,
            "reference_subset": self.reference_subset,
            "outside": self.outside,
            "by_pref": {k: list(v) for k, v in sorted(self.by_pref.items())},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Measurement:
        """A measurement from its manifest form (``ValueError`` for a method we do not know)."""
        method = str(data["method"])
        if method not in ("near", "register", "dated"):
            raise ValueError(f"unknown completeness method {method!r} in data/layers/manifest.json: run make data")
        pairs = data.get("by_pref") or {}
        by_pref = {str(k): _pair(v) for k, v in pairs.items()} if isinstance(pairs, Mapping) else {}
        within = data.get("within_m")
        return cls(
            method=cast(Method, method),
            what=str(data.get("what", "")),
            reference=str(data.get("reference", "")),
            reference_name=str(data.get("reference_name", "")),
            measured=str(data.get("measured", "")),
            data_date=str(data.get("data_date", "") or ""),
            within_m=float(within) if isinstance(within, int | float) else None,
            reference_subset=bool(data.get("reference_subset", False)),
            by_pref=by_pref,
            outside=int(str(data.get("outside", 0))),
        )


def _pair(value: object) -> tuple[int, int]:
    """(found, expected) from a manifest ``[found, expected]``."""
    if not isinstance(value, list | tuple) or len(value) != 2:
        raise ValueError(f"a per-prefecture count must be [found, expected], got {value!r}: run make data")
    return int(value[0]), int(value[1])


@dataclass(frozen=True)
class CompletenessMeasure:
    """A measurement summed over one area: what ``layers --json`` shows as ``completeness_measure``."""

    reference: str
    found: int | None
    expected: int | None
    share: float | None
    method: Method
    what: str
    measured: str
    data_date: str = ""

    def as_json(self) -> Record:
        """``reference``, ``found``, ``expected``, ``share`` (0–1, 3 decimals) plus how and when."""
        return {
            "reference": self.reference,
            "found": self.found,
            "expected": self.expected,
            "share": self.share,
            "method": self.method,
            "what": self.what,
            "measured": self.measured,
            "data_date": self.data_date,
        }


def summarise(m: Measurement, pref_codes: Iterable[str] | None = None) -> CompletenessMeasure:
    """The measurement summed over ``pref_codes`` (None: all of Japan)."""
    if m.method == "dated":
        return CompletenessMeasure(m.reference, None, None, None, m.method, m.what, m.measured, m.data_date)
    found, expected = m.counts(pref_codes)
    share = round(found / expected, 3) if expected else None
    return CompletenessMeasure(m.reference, found, expected, share, m.method, m.what, m.measured, m.data_date)


def measure_note(m: Measurement, pref_codes: Iterable[str] | None = None) -> Note:
    """What to say about the measurement in an area (a code with the numbers; ``i18n`` words it)."""
    s = summarise(m, pref_codes)
    if m.method == "dated":
        return Note("dated", {"date": m.data_date})
    params = {"reference": m.reference, "found": s.found, "expected": s.expected, "share": s.share}
    if m.reference_subset:
        return Note("reference_subset", params)
    return Note(m.what, params)


def found_near(
    reference: gpd.GeoSeries,
    ref_prefs: Iterable[object],
    features: gpd.GeoSeries,
    within_m: float,
) -> tuple[dict[str, tuple[int, int]], int]:
    """Per prefecture (found, expected): reference points with a feature within ``within_m`` metres.

    ``reference`` (points) and ``features`` are EPSG:4326; ``ref_prefs`` gives each reference point's
    prefecture (JIS code; missing → counted in the second return value, outside every prefecture).
    Distances in the JGD2011 UTM zone of each reference point, one STRtree query per zone.
    """
    for s in (reference, features):
        if s.crs is None or not s.crs.equals(CRS_STORE):
            raise ValueError(f"reference and features must be in {CRS_STORE}, got {s.crs}")
    prefs = np.array([None if p is None or p != p else str(p) for p in ref_prefs], dtype=object)
    found = np.zeros(len(reference), dtype=bool)
    feats = features[~(features.is_empty | features.isna())]
    if len(feats) and len(reference):
        for crs, idx in by_zone(reference):
            pts = reference.iloc[idx].to_crs(crs).values
            tree = shapely.STRtree(feats.to_crs(crs).values)
            hit, _ = tree.query(pts, predicate="dwithin", distance=within_m)
            found[idx[np.unique(hit)]] = True
    out: dict[str, tuple[int, int]] = {}
    known = prefs != None  # noqa: E711 (element-wise)
    for code in sorted(set(prefs[known])):
        mine = prefs == code
        out[str(code)] = (int(found[mine].sum()), int(mine.sum()))
    return out, int((~known).sum())
