"""Every error ``geo`` raises on purpose, under one base class.

Each error also subclasses the builtin it is a kind of, so ``except ValueError`` keeps working, while
callers that show messages to people (the CLI, the app) catch ``ChiikiMapError`` and nothing broader.

An error carries a ``code`` and its ``params``, never words: ``RegionError("region_unknown", spec="x")``.
``i18n.errors`` words it (what was wrong and what to do; Japanese first, English), e.g.
``error_text(exc, lang)``; ``str(exc)`` is a technical form for logs and tracebacks. A parameter is text
from the input (already clipped), a number, a path, a nested error or ``Reason``; one given per language
is passed as ``name_ja`` and ``name_en``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # errors must stay cheap to import (the CLI imports them before anything else)
    import pandas as pd


class ChiikiMapError(Exception):
    """Base of every deliberate error: a ``code`` and ``params`` that ``i18n.errors`` words for the person."""

    def __init__(self, code: str, /, **params: object) -> None:
        super().__init__(code)
        if code.isidentifier():
            self.code, self.params = code, dict(params)
        else:  # not yet a code: a message written in geo (being moved to i18n)
            self.code, self.params = "legacy", {"text": code, **params}

    def __str__(self) -> str:
        """``code(name=value, …)``: the technical form, for logs and tracebacks."""
        return f"{self.code}({', '.join(f'{k}={v!r}' for k, v in self.params.items())})"

    def __reduce__(self) -> tuple[object, ...]:
        """Pickled with its code and parameters (another process words the same error)."""
        return (_restore, (type(self), self.args, self.__dict__))


def _restore(kind: type[ChiikiMapError], args: tuple[object, ...], state: dict[str, object]) -> ChiikiMapError:
    # the builtin that lays the object out (OSError for InputFileNotFound) creates it, not ValueError's __new__
    solid = max((b for b in kind.__mro__ if b.__module__ == "builtins"), key=lambda b: b.__basicsize__)
    exc = solid.__new__(kind)  # type: ignore[call-overload]
    exc.args = args
    exc.__dict__.update(state)
    return exc


class RegionError(ChiikiMapError, ValueError):
    """A region spec that names no known region; the message lists the accepted forms."""


class LayerError(ChiikiMapError, ValueError):
    """An unknown infrastructure layer id; the message lists the valid ids."""


class ParameterError(ChiikiMapError, ValueError):
    """An option or argument value that cannot be used (a negative distance, an unknown field id)."""


class DataMissingError(ChiikiMapError, FileNotFoundError):
    """Processed data the app ships with is missing; the message says how to build it."""


class InputFileError(ChiikiMapError, ValueError):
    """A file given by a person cannot be read as a whole (type, encoding, size, headers)."""


class InputFileNotFound(InputFileError, FileNotFoundError):
    """A file given by a person does not exist."""


class OsmFileError(InputFileError):
    """An OSM file could not be used; the message says what was wrong and what to do."""


class FirmDataError(InputFileError):
    """The firm or totals table cannot be used as a whole; the message says what to fix."""


class RequirementsError(ChiikiMapError, ValueError):
    """The requirements file is missing or malformed; the message says where and how to fix it."""


class LabourUnitsError(ChiikiMapError, ValueError):
    """The 原単位 file (jobs per 100 億円) is missing or malformed; the message names the entry and the fix."""


class FieldDivisionsError(ChiikiMapError, ValueError):
    """The strategic field → JSIC division table (``data/field_divisions.toml``) is missing or malformed."""


class NetworkUnavailable(ChiikiMapError, ConnectionError):
    """An online source (Overpass, tiles) cannot be reached; cached and local data stay in use."""


class StoreError(ChiikiMapError, RuntimeError):
    """The store cannot be used (unreadable, busy, read-only, full, misconfigured, not upgraded by its owner)."""


class SiteNotFoundError(ChiikiMapError, LookupError):
    """No site with that id."""


class SiteStateError(ChiikiMapError, ValueError):
    """An action that does not apply to the site as it is (editing a deleted site, restoring a live one)."""


class AccountError(ChiikiMapError, ValueError):
    """An account name, role or password that cannot be used, or an unknown account."""


class EditorRequired(ChiikiMapError, PermissionError):
    """A write attempted without a signed-in editor."""


class AdminRequired(ChiikiMapError, PermissionError):
    """An account change attempted by someone who is not (or no longer) a signed-in admin."""


class ValidationError(ChiikiMapError, ValueError):
    """Rows refused before anything was written; ``rejected`` has ``row`` and ``reason`` per bad row."""

    def __init__(self, code: str, rejected: pd.DataFrame, /, **params: object) -> None:
        super().__init__(code, **params)
        self.rejected = rejected


class ConflictError(ChiikiMapError, RuntimeError):
    """Someone else saved the site since it was loaded; ``changes`` keeps what the caller tried to save."""

    def __init__(
        self, site_id: int, expected_version: int, current: Mapping[str, object], changes: Mapping[str, object]
    ) -> None:
        self.site_id, self.expected_version = site_id, expected_version
        self.current = dict(current)
        self.current_version = int(str(current["version"]))
        self.saved_by, self.saved_at = current.get("updated_by"), current.get("updated_at")
        self.changes = dict(changes)
        super().__init__(
            "site_conflict",
            site_id=site_id,
            saved_by=str(self.saved_by or ""),
            version=self.current_version,
            at=str(self.saved_at),
            expected=expected_version,
        )
