"""Text into HTML and into inline scripts, each rule once.

Every untrusted value that reaches HTML in ``layers`` (tooltips, popups, legends, credits, the briefing
page) goes through :func:`escape_text`; the briefing template uses it as its autoescape (see
:mod:`layers.briefing.page`). Data inlined into ``<script>`` goes through :func:`script_json` and
:func:`script_string`.
"""

from __future__ import annotations

import html
import json
from collections.abc import Iterable
from typing import Any

from geo.io.records import is_missing

#: Braces as character references too: folium passes some rendered text through Jinja again, where
#: ``{{ … }}`` in a user's text would be evaluated (our own elements avoid that, :mod:`layers.element`).
_BRACES = str.maketrans({"{": "&#123;", "}": "&#125;"})


def escape_text(value: object) -> str:
    """HTML-escaped text of one untrusted value (quotes and braces included).

    Parameters
    ----------
    value
        Anything; it is shown as text.

    Returns
    -------
    str
        The escaped text; empty for None, NA and NaN.
    """
    if is_missing(value):
        return ""
    return html.escape(str(value), quote=True).translate(_BRACES)


def escaped_props(values: Iterable[object]) -> list[str]:
    """:func:`escape_text` of each value, for ``_tip``/``_popup`` properties.

    Parameters
    ----------
    values
        One value per feature.

    Returns
    -------
    list of str
        The escaped texts, in order.
    """
    return [escape_text(v) for v in values]


def script_json(data: Any) -> str:
    r"""Compact JSON safe inside ``<script>``: ``<``, ``>``, ``&`` and ``'`` as ``\\u00XX`` escapes.

    Parameters
    ----------
    data
        JSON-serialisable data (NaN is refused).

    Returns
    -------
    str
        The JSON text.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for ch in "<>&'":
        text = text.replace(ch, f"\\u{ord(ch):04x}")
    return text


def script_string(text: str) -> str:
    """``text`` as the body of a single-quoted JS string (backslashes and quotes escaped).

    Parameters
    ----------
    text
        Any text, typically :func:`script_json` output.

    Returns
    -------
    str
        The text to put between ``'`` and ``'``.
    """
    return text.replace("\\", "\\\\").replace("'", "\\'")
