"""User text shown by Streamlit: through here, always. Messages, labels and ``st.table`` render Markdown.

``escape`` makes a value literal Markdown (for ``st.success/error/info/caption``, headings and widget
labels); ``escaped_table`` is ``st.table`` with every cell, header and index escaped (it renders Markdown: an
image link in a company name would be fetched by every viewer's browser); ``text_dataframe`` is
``st.dataframe`` with every text column pinned to plain text (a data grid never renders Markdown, links or
images unless told to, so its cells are not escaped, which would show the backslashes). Pages call
``st.table``/``st.dataframe`` only through these (``tests/test_architecture.py`` checks it).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd
import streamlit as st

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&=\"'])")
#: Starts of GitHub-style bare autolinks (``http://…``, ``www.…``, ``name@host``), which survive escaping.
_AUTOLINK = re.compile(r"(?i)(?<=h)(?=ttps?\\:)|(?<=f)(?=tp\\:)|(?<=w)(?=ww\\\.)|(?<=@)")
_WORD_JOINER = "\u2060"


def escape(value: object) -> str:
    """``value`` as literal text in Markdown: punctuation backslash-escaped, no autolinks, one line.

    Use it for every user-supplied value (names, headers, file names, error details that quote
    them) passed to ``st.success/error/info/caption`` or a widget label. An invisible word joiner
    breaks would-be autolinks.
    """
    text = _SPECIAL.sub(r"\\\1", re.sub(r"[\r\n]+", " ", str(value)))
    return _AUTOLINK.sub(_WORD_JOINER, text)


def escaped_table(data: pd.DataFrame) -> None:
    """``st.table`` of ``data`` with every cell, column name and index label shown as literal text."""
    shown = data.astype(object).map(lambda v: "" if v is None or v != v else escape(v))
    shown.columns = [escape(c) for c in data.columns]
    shown.index = pd.Index(
        [escape(i) for i in data.index], name=None if data.index.name is None else escape(data.index.name)
    )
    st.table(shown)


def text_dataframe(data: Any, **kwargs: Any) -> Any:
    """``st.dataframe`` (same arguments) with every text column shown as plain text, never Markdown, a link or an image.

    ``data`` is a DataFrame or a pandas ``Styler``; a ``column_config`` given for a column is kept.
    """
    frame = data.data if hasattr(data, "data") and isinstance(data.data, pd.DataFrame) else data
    config: dict[Any, Any] = {}
    if isinstance(frame, pd.DataFrame):
        texts = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
        config = {str(c): st.column_config.TextColumn() for c in texts}
    config.update(kwargs.pop("column_config", None) or {})
    return st.dataframe(data, column_config=config or None, **kwargs)
