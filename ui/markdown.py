"""User text shown by Streamlit: through here, always. Messages, labels and ``st.table`` render Markdown.

``escape`` makes a value literal Markdown (for ``st.success/error/info/caption``, headings and widget
labels); ``escaped_table`` is a small table of text as a Markdown table with every cell, header and index
escaped (an image link in a company name would be fetched by every viewer's browser); ``text_dataframe`` is
``st.dataframe`` with every text column pinned to plain text (a data grid never renders Markdown, links or
images unless told to, so its cells are not escaped, which would show the backslashes), and
``text_data_editor`` the same for ``st.data_editor``. Pages call ``st.table``/``st.dataframe``/``st.data_editor``
only through these (``tests/test_user_text_app.py`` checks it).
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


def escaped_table(data: pd.DataFrame, missing: str = "") -> None:
    """``data`` as a Markdown table, every cell, column name and index label shown as literal text.

    A named or non-default index is the first column; a missing cell shows ``missing``. Drawn by the Markdown
    the page already has, not by ``st.table``/``st.dataframe`` (each loads ~1–1.5 MB of Arrow and grid code
    into the browser on a session's first page).
    """
    cells = data.astype(object).map(lambda v: missing if v is None or v != v else escape(v))
    rows = [list(row) for row in cells.itertuples(index=False)]
    header = [escape(c) for c in data.columns]
    if data.index.name is not None or not isinstance(data.index, pd.RangeIndex):
        header.insert(0, "" if data.index.name is None else escape(data.index.name))
        rows = [[escape(label), *row] for label, row in zip(data.index, rows, strict=True)]
    lines = [header, ["---"] * len(header), *rows]
    st.markdown("\n".join("| " + " | ".join(line) + " |" for line in lines))


def _plain_text_config(frame: Any, given: Any) -> dict[Any, Any]:
    """A ``TextColumn`` (plain text, never Markdown) for every text column of ``frame``; ``given`` configs kept."""
    config: dict[Any, Any] = {}
    if isinstance(frame, pd.DataFrame):
        texts = [c for c in frame.columns if frame[c].dtype == object or pd.api.types.is_string_dtype(frame[c])]
        config = {str(c): st.column_config.TextColumn() for c in texts}
    config.update(given or {})
    return config


def text_dataframe(data: Any, **kwargs: Any) -> Any:
    """``st.dataframe`` (same arguments) with every text column shown as plain text, never Markdown, a link or an image.

    ``data`` is a DataFrame or a pandas ``Styler``; a ``column_config`` given for a column is kept.
    """
    frame = data.data if hasattr(data, "data") and isinstance(data.data, pd.DataFrame) else data
    config = _plain_text_config(frame, kwargs.pop("column_config", None))
    return st.dataframe(data, column_config=config or None, **kwargs)


def text_data_editor(data: Any, **kwargs: Any) -> Any:
    """``st.data_editor`` (same arguments) with every text column shown as plain text, as :func:`text_dataframe`."""
    config = _plain_text_config(data, kwargs.pop("column_config", None))
    return st.data_editor(data, column_config=config or None, **kwargs)


def style_sheet(css: str) -> None:
    """Our own style sheet on the page (``ui.widgets``' Japanese words for Streamlit's widgets): never user text."""
    st.html(f"<style>{css}</style>")
