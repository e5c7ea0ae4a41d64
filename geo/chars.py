"""Which characters of a person's text are invisible or control characters (no dependencies).

Kept apart from ``geo.text`` (which needs pandas) because the command line's terminal output uses
``CONTROL_CHARACTERS`` before anything heavy is imported (``chiiki-map --help`` stays fast).
"""

from __future__ import annotations

import re

#: Unicode format characters (category Cf, as of Unicode 15.1): invisible, yet they make two names differ —
#: zero-width space and joiners, word joiner, soft hyphen, byte order mark, bidirectional marks and overrides,
#: tags. ``tests/test_invisible_text.py`` checks the set against the running Python's ``unicodedata``.
FORMAT_CHARACTERS = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f]"
)
#: Control characters (category Cc) other than tab, line feed and carriage return: C0, DEL and C1. A name
#: holding NUL, BEL or ESC is refused (they are cut, ring or drive the terminal); the CLI prints them escaped.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
