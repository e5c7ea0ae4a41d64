"""Every error ``geo`` raises on purpose, under one base class.

Each error also subclasses the builtin it is a kind of, so ``except ValueError`` keeps working, while
callers that show messages to people (the CLI, the app) catch ``ChiikiMapError`` and nothing broader.
Messages say what was wrong and what to do.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # errors must stay cheap to import (the CLI imports them before anything else)
    import pandas as pd


class ChiikiMapError(Exception):
    """Base of every deliberate error: its message is meant for the person who caused it."""


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


class NetworkUnavailable(ChiikiMapError, ConnectionError):
    """An online source (Overpass, tiles) cannot be reached; cached and local data stay in use."""


class StoreError(ChiikiMapError, RuntimeError):
    """The store cannot be used: ``code`` says why, ``params`` (names → values) fill in the words.

    ``geo`` gives no words: ``i18n.store.store_error_text`` says what is wrong and what to do, Japanese
    first (the CLI prints both). ``str()`` is the technical form ``code(name=value, …)`` for logs.
    """

    def __init__(self, code: str, **params: object) -> None:
        self.code, self.params = code, params
        super().__init__(f"{code}({', '.join(f'{k}={v!r}' for k, v in params.items())})")


class SiteNotFoundError(ChiikiMapError, LookupError):
    """No site with that id."""


class AccountError(ChiikiMapError, ValueError):
    """An account name, role or password that cannot be used, or an unknown account."""


class EditorRequired(ChiikiMapError, PermissionError):
    """A write attempted without a signed-in editor."""


class AdminRequired(ChiikiMapError, PermissionError):
    """An account change attempted by someone who is not (or no longer) a signed-in admin."""


class ValidationError(ChiikiMapError, ValueError):
    """Rows refused before anything was written; ``rejected`` has ``row`` and ``reason`` per bad row."""

    def __init__(self, message: str, rejected: pd.DataFrame) -> None:
        super().__init__(message)
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
            f"他の人が先に保存しました / site {site_id} was changed by someone else: "
            f"{self.saved_by or 'another user'} saved version {self.current_version} at {self.saved_at} "
            f"(you edited version {expected_version}). Reload the site and re-apply your changes; "
            "nothing of yours was lost — your attempted changes are kept in this error (.changes)."
        )
