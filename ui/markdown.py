"""User text inside Streamlit messages: alerts, captions and labels render Markdown, so escape it."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")
#: Starts of GitHub-style bare autolinks (``http://…``, ``www.…``, ``name@host``), which survive escaping.
_AUTOLINK = re.compile(r"(?i)(?<=h)(?=ttps?\\:)|(?<=f)(?=tp\\:)|(?<=w)(?=ww\\\.)|(?<=@)")
_WORD_JOINER = "\u2060"


def escape(value: object) -> str:
    """``value`` as literal text in Markdown: punctuation backslash-escaped, no autolinks, one line.

    Use it for every user-supplied value (names, headers, file names, error details that quote
    them) passed to ``st.success/error/info/caption`` or a widget label; plain ``st.text`` and
    ``st.dataframe`` need no escaping. An invisible word joiner breaks would-be autolinks.
    """
    text = _SPECIAL.sub(r"\\\1", re.sub(r"[\r\n]+", " ", str(value)))
    return _AUTOLINK.sub(_WORD_JOINER, text)
