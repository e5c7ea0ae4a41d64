"""What a project needs (立地要件): the input of the siting search, pre-filled from ``data/requirements.toml``.

A :class:`Needs` holds the field, the amounts (land in ha, water in m³/day, power in MW, jobs) and a
maximum distance in km per infrastructure kind of ``geo.analysis.requirements.KINDS`` (None: not
required). :func:`needs_for` starts from the field's requirement profile (its own limits over the
default profile) and applies what the planner changed; every value is checked here (codes, no words).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping
from dataclasses import dataclass

from geo.analysis.requirements import KINDS, Requirements, load_requirements
from geo.domain import ALL_FIELDS
from geo.errors import ParameterError
from geo.labour.catchment import DEFAULT_RADIUS_KM, check_radius

#: The command line's distance options (``--max-<name>-km``) and the requirement kind each sets.
DISTANCE_OPTIONS: dict[str, str] = {
    "ic": "expressway_ic",
    "station": "rail",
    "port": "port",
    "airport": "airport",
    "substation": "substation",
}
#: The amounts of a project: name → unit (the unit is data: "ha", "m3_day", "mw", "persons").
AMOUNTS: dict[str, str] = {"land_ha": "ha", "water_m3_day": "m3_day", "power_mw": "mw", "jobs": "persons"}


@dataclass(frozen=True)
class Needs:
    """A requirement profile for the siting search.

    ``limits`` maps every kind of ``KINDS`` to its maximum distance in km (None: not required);
    amounts are None when not given. ``radius_km`` is the commuting radius of the labour catchment.
    """

    field: str
    limits: Mapping[str, float | None]
    land_ha: float | None = None
    water_m3_day: float | None = None
    power_mw: float | None = None
    jobs: float | None = None
    radius_km: float = DEFAULT_RADIUS_KM
    source: str = dataclasses.field(default="", compare=False)

    def required(self) -> dict[str, float]:
        """The kinds with a distance limit, in ``KINDS`` order."""
        return {k: float(v) for k in KINDS if (v := self.limits.get(k)) is not None}

    def as_json(self) -> dict[str, object]:
        """The profile as JSON: field, amounts, ``max_km`` per kind (null: not required), radius."""
        return {
            "field": self.field,
            "land_ha": self.land_ha,
            "water_m3_day": self.water_m3_day,
            "power_mw": self.power_mw,
            "jobs": self.jobs,
            "max_km": {k: self.limits.get(k) for k in KINDS},
            "radius_km": self.radius_km,
        }


def _amount(name: str, value: float | None) -> float | None:
    """A positive finite amount, or None; ``ParameterError`` otherwise."""
    if value is None:
        return None
    number = float(value)
    if not math.isfinite(number) or number <= 0:
        raise ParameterError("siting_amount_positive", name=name, value=repr(value))
    return number


def _distance(name: str, value: float | None) -> float | None:
    if value is None:
        return None
    number = float(value)
    if not math.isfinite(number) or number <= 0:
        raise ParameterError("distance_positive", name=name, value=repr(value))
    return number


def needs_for(
    field_id: str,
    requirements: Requirements | None = None,
    *,
    limits: Mapping[str, float | None] | None = None,
    land_ha: float | None = None,
    water_m3_day: float | None = None,
    power_mw: float | None = None,
    jobs: float | None = None,
    radius_km: float = DEFAULT_RADIUS_KM,
) -> Needs:
    """The field's requirement profile with the planner's changes.

    Parameters
    ----------
    field_id
        A field of ``geo.domain.ALL_FIELDS`` (its profile, else the default profile, gives the limits).
    requirements
        Requirement profiles (default ``data/requirements.toml``).
    limits
        Kind → maximum distance in km over the profile's; None in it removes the requirement.
    land_ha, water_m3_day, power_mw, jobs
        The project's amounts (None: not given).
    radius_km
        Commuting radius of the labour catchment (km, straight line).

    Returns
    -------
    Needs
    """
    if field_id not in ALL_FIELDS:
        raise ParameterError("ids_unknown", what="field", ids=repr(field_id), known=", ".join(ALL_FIELDS))
    reqs = requirements or load_requirements()
    merged: dict[str, float | None] = dict(reqs.limits(field_id))
    for kind, value in (limits or {}).items():
        if kind not in KINDS:
            raise ParameterError("ids_unknown", what="kind", ids=repr(kind), known=", ".join(KINDS))
        merged[kind] = _distance(kind, value)
    return Needs(
        field=field_id,
        limits={k: merged.get(k) for k in KINDS},
        land_ha=_amount("land_ha", land_ha),
        water_m3_day=_amount("water_m3_day", water_m3_day),
        power_mw=_amount("power_mw", power_mw),
        jobs=_amount("jobs", jobs),
        radius_km=check_radius(radius_km),
        source=reqs.source,
    )
