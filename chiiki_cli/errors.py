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
    """A user-facing error of the command line: a ``code`` and ``params`` (worded by ``i18n.errors``, words in
    ``i18n/cli.py``), printed in Japanese and English without a traceback; exits with ``status`` (default 2)."""

    def __init__(self, code: str, /, status: int = EXIT_ERROR, **params: object) -> None:
        super().__init__(code)
        self.status = status
        if code.isidentifier():
            self.code, self.params = code, dict(params)
        else:  # not yet a code: a message written here (being moved to i18n)
            self.code, self.params = "legacy", {"text": code, **params}

    def __str__(self) -> str:
        """``code(name=value, …)``: the technical form, for logs and tracebacks."""
        return f"{self.code}({', '.join(f'{k}={v!r}' for k, v in self.params.items())})"
