"""How ``chiiki-map`` ends: exit codes and the one user-facing error type of the command line.

``0`` done; ``1`` partly done (e.g. an import that wrote the accepted rows and refused others);
``2`` nothing done: a usage or input error, printed without a traceback. Deliberate errors from ``geo``
(``geo.errors.ChiikiMapError``) exit 2 as well; anything else is a bug and shows its traceback.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_PARTIAL = 1
EXIT_ERROR = 2


class CliError(Exception):
    """A user-facing error: printed without a traceback, exits with ``status`` (default 2)."""

    def __init__(self, message: str, status: int = EXIT_ERROR) -> None:
        super().__init__(message)
        self.status = status
