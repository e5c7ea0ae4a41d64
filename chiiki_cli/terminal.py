"""The one way text reaches the terminal: control characters shown as escapes, never sent raw.

A name, header or file name from a file may hold ESC (an escape sequence retitles the terminal, moves the
cursor or hides text), BEL, a carriage return that overwrites the line, C1 controls, or bidirectional
overrides that reorder what is shown. ``terminal_safe`` writes each of them as ``\\uXXXX`` (the same text
inside a JSON string, so ``--json`` output stays valid and equal). ``main`` routes ``sys.stdout`` and
``sys.stderr`` through ``SafeStream`` for the whole command, so no ``print`` can bypass it.
"""

from __future__ import annotations

import re
from typing import TextIO

from geo.chars import CONTROL_CHARACTERS

#: ``geo.text.CONTROL_CHARACTERS``, a carriage return, and the bidirectional embeddings, overrides and isolates.
_UNSAFE = re.compile(f"{CONTROL_CHARACTERS.pattern[:-1]}\\r\u202a-\u202e\u2066-\u2069]")


def terminal_safe(text: str) -> str:
    """``text`` with every control or bidirectional-override character written as ``\\uXXXX``."""
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class SafeStream:
    """A text stream that writes through ``terminal_safe`` to ``stream`` (everything else is delegated)."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream

    def write(self, text: str) -> int:
        """Write ``text`` made terminal-safe; returns the length of ``text`` (as ``print`` expects)."""
        self.stream.write(terminal_safe(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.stream, name)
