"""Infrastructure requirement profiles: per field, the maximum distance to each kind of infrastructure.

The profiles live in ``data/requirements.toml`` (planner-editable assumptions). ``load_requirements``
parses and validates the file and returns a :class:`Requirements`; every error names the file, the
profile and the key, and says what is accepted.
"""

from __future__ import annotations

import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.config import DATA_DIR
from geo.domain import ALL_FIELDS
from geo.errors import RequirementsError

REQUIREMENTS_TOML: Path = DATA_DIR / "requirements.toml"


@dataclass(frozen=True)
class Kind:
    """An infrastructure kind: the layer it is measured against and, optionally, the subtypes that count."""

    id: str
    layer_id: str
    name_ja: str
    name_en: str
    subtypes: tuple[str, ...] | None = None


KINDS: dict[str, Kind] = {
    k.id: k
    for k in (
        Kind("expressway_ic", "expressway_ic", "高速道路IC", "Expressway IC", ("ic", "sic")),
        Kind("rail", "stations", "駅・貨物駅", "Rail station / freight terminal"),
        Kind("industrial_water", "industrial_water", "工業用水", "Industrial water"),
        Kind("substation", "substations", "変電所", "Substation"),
        Kind("port", "ports", "港湾", "Port"),
        Kind("airport", "airports", "空港", "Airport"),
        Kind("industrial_land", "industrial_land", "工業用地", "Industrial land"),
    )
}
#: Spellings of "not required" (compared case-insensitively, spaces/underscores ignored).
NOT_REQUIRED = {"notrequired", "不要", "none", "no"}
DEFAULT_PROFILE = "default"


@dataclass(frozen=True)
class Requirements:
    """Validated profiles: ``profiles[name][kind]`` is a limit in km or None (not required)."""

    profiles: dict[str, dict[str, float | None]]
    source: str

    def limits(self, field: str) -> dict[str, float | None]:
        """Limits for a field: its own profile over the default profile."""
        return {**self.profiles[DEFAULT_PROFILE], **self.profiles.get(field, {})}

    def required(self, field: str) -> dict[str, float]:
        """Only the kinds a field needs, with their limits in km."""
        return {k: v for k, v in self.limits(field).items() if v is not None}


def _limit(value: Any, where: str) -> float | None:
    if value is False:
        return None
    if isinstance(value, str):
        if value.replace(" ", "").replace("_", "").casefold() in NOT_REQUIRED:
            return None
        raise RequirementsError("req_value_text", where=where, value=repr(value))
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise RequirementsError("req_value_type", where=where, value=repr(value))
    if not math.isfinite(value) or value <= 0:
        raise RequirementsError("req_value_positive", where=where, value=repr(value))
    return float(value)


def parse_requirements(data: Mapping[str, object], source: str = "<requirements>") -> Requirements:
    """Validate parsed TOML (``[profiles.<field or default>]`` tables of kind = km | "not required")."""
    profiles_in = data.get("profiles")
    if not isinstance(profiles_in, dict) or not profiles_in:
        raise RequirementsError("req_no_profiles", where=source, kinds=", ".join(KINDS))
    extra = sorted(set(data) - {"profiles", "meta"})
    if extra:
        raise RequirementsError("req_top_keys", where=source, keys=", ".join(extra))
    profiles: dict[str, dict[str, float | None]] = {}
    for name, table in profiles_in.items():
        if name != DEFAULT_PROFILE and name not in ALL_FIELDS:
            raise RequirementsError("req_profile_field", where=source, name=name, fields=", ".join(ALL_FIELDS))
        if not isinstance(table, dict):
            raise RequirementsError("req_profile_table", where=source, name=name)
        unknown = sorted(set(table) - set(KINDS))
        if unknown:
            raise RequirementsError(
                "req_profile_kinds", where=source, name=name, unknown=", ".join(unknown), kinds=", ".join(KINDS)
            )
        profiles[name] = {k: _limit(v, f"{source}: [profiles.{name}] {k}") for k, v in table.items()}
    default = profiles.get(DEFAULT_PROFILE)
    if default is None:
        raise RequirementsError("req_no_default", where=source, kinds=", ".join(KINDS))
    missing = [k for k in KINDS if k not in default]
    if missing:
        raise RequirementsError("req_default_lacks", where=source, kinds=", ".join(missing))
    return Requirements({n: {k: p[k] for k in KINDS if k in p} for n, p in profiles.items()}, source)


def load_requirements(path: str | Path | None = None) -> Requirements:
    """Read and validate a requirements TOML file (default ``data/requirements.toml``)."""
    path = Path(path) if path is not None else REQUIREMENTS_TOML
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RequirementsError("req_not_found", path=str(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise RequirementsError("toml_invalid", path=str(path), problem=str(exc)) from None
    except UnicodeDecodeError:
        raise RequirementsError("toml_not_utf8", path=str(path)) from None
    return parse_requirements(data, str(path))
