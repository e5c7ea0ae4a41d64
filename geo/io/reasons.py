"""Why a row of a site file is refused, as data: a ``Reason`` is a code and its parameters, never words.

``geo`` decides *what* is wrong with a row; the words (Japanese first, English on the toggle, both on
the command line) are chosen by ``i18n.reasons``. ``Reasons`` collects them check by check and builds a
reason only for the rows a check flags, so validating 100,000 good rows builds none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo.text import clip

#: A reason's parameter: text from the file (already clipped), a count, a number, or a list of names or ids.
ReasonParam = str | int | float | tuple[str, ...]


@dataclass(frozen=True)
class Reason:
    """One problem of a row: ``code`` (e.g. ``term_unknown``) and its ``params`` (name → value)."""

    code: str
    params: tuple[tuple[str, ReasonParam], ...] = ()

    @classmethod
    def of(cls, code: str, **params: ReasonParam) -> Reason:
        """``Reason.of("negative", column="jobs", value=-3.0)``; numpy scalars become Python ones."""
        plain = {k: v.item() if isinstance(v, np.generic) else v for k, v in params.items()}
        return cls(code, tuple(plain.items()))

    @property
    def args(self) -> dict[str, ReasonParam]:
        """The parameters as a dict."""
        return dict(self.params)

    def __str__(self) -> str:
        """A technical form (``code(name=value, …)``) for logs and errors raised below the UI."""
        return f"{self.code}({', '.join(f'{k}={v!r}' for k, v in self.params)})"


def cell_reason(code: str, column: str, cells: pd.Series, i: int) -> Reason:
    """``Reason`` ``code`` for the cell of row position ``i`` in ``column``: its text (clipped) or its number.

    Bind the first three with ``functools.partial`` to flag a column with ``Reasons.flag``.
    """
    value = cells.iloc[i]
    return Reason.of(code, column=column, value=clip(value, 40) if isinstance(value, str) else float(value))


def technical(reasons: Iterable[Reason]) -> str:
    """``reasons`` in their technical form, joined by "; " (messages of errors raised inside ``geo``)."""
    return "; ".join(map(str, reasons))


def codes(reasons: Iterable[Reason]) -> list[str]:
    """The codes of ``reasons``, in order."""
    return [r.code for r in reasons]


class Reasons:
    """Problems per row, collected check by check (``flag`` appends a reason to the masked rows)."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.rows: list[list[Reason]] = [[] for _ in range(n)]

    def flag(self, mask: pd.Series | np.ndarray, reason: Reason | Callable[[int], Reason]) -> None:
        """Append ``reason`` (a Reason, or row position → Reason, built only for flagged rows) to the masked rows."""
        for i in np.flatnonzero(np.asarray(mask, dtype=bool)):
            self.rows[i].append(reason if isinstance(reason, Reason) else reason(int(i)))

    def ok(self) -> np.ndarray:
        """Rows with no problem."""
        return np.array([not r for r in self.rows], dtype=bool)

    def flagged(self) -> list[tuple[Reason, ...]]:
        """The reasons of each row with a problem, in row order."""
        return [tuple(r) for r in self.rows if r]
