"""The small text tables a page draws as Markdown (``ui.markdown.escaped_table``), read back in AppTest."""

from __future__ import annotations

import re

import pandas as pd
from streamlit.testing.v1 import AppTest

_CELL_BORDER = re.compile(r"(?<!\\)\|")


def parse_table(text: str) -> pd.DataFrame:
    """A Markdown table's cells as written (still escaped), its first column the index named by its header."""
    lines = [line.strip() for line in text.strip().splitlines()]
    rows = [[cell.strip() for cell in _CELL_BORDER.split(line)[1:-1]] for line in lines]
    header, body = rows[0], rows[2:]
    index = pd.Index([row[0] for row in body], name=header[0] or None)
    return pd.DataFrame([row[1:] for row in body], columns=header[1:], index=index)


def page_tables(at: AppTest) -> list[pd.DataFrame]:
    """Every Markdown table ``at`` shows, in page order."""
    return [parse_table(m.value) for m in at.markdown if m.value.lstrip().startswith("| ")]
