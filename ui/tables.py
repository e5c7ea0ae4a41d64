"""Big tables a page at a time: a page chooser, its rows and a line saying which rows they are.

A national register makes tables of 100,000 rows or more; Streamlit would send (and style) every cell on
every run. Pages show :data:`PAGE_ROWS` rows at a time instead and offer the whole table as a download.
"""

from __future__ import annotations

import math

import pandas as pd
import streamlit as st

from i18n import Lang, t
from i18n import format as fmt

#: Rows per page of a big table (a screenful or two; every row's cells are sent on every run).
PAGE_ROWS = 200
#: Rows per page of a table styled cell by cell (each cell also carries its CSS).
STYLED_PAGE_ROWS = 100


def own_categories(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with each categorical column keeping only the categories it holds.

    Streamlit sends a categorical column with its whole dictionary: a page of 200 rows cut from a national
    table (compact, its site names categorical) carried all 99,043 names, 1.8 MB on every run of インフラ不足.
    """
    tight = [c for c in frame.columns if _categorical(frame[c])]
    if not tight:
        return frame
    out = frame.copy(deep=False)
    for column in tight:
        out[column] = frame[column].cat.remove_unused_categories()
    return out


def _categorical(column: pd.Series) -> bool:
    return isinstance(column.dtype, pd.CategoricalDtype)


def page_rows(table: pd.DataFrame, key: str, lang: Lang, rows: int = PAGE_ROWS) -> pd.DataFrame:
    """The rows of the page chosen under ``key`` (a number input when there is more than one page)."""
    total = len(table)
    pages = max(1, math.ceil(total / rows))
    page = 1
    if pages > 1:
        page = int(st.number_input(t("table_page", lang), 1, pages, 1, step=1, key=key))
    first = (page - 1) * rows
    shown = own_categories(table.iloc[first : first + rows])
    if pages > 1:
        st.caption(
            t(
                "table_rows",
                lang,
                first=fmt.number(first + 1, lang),
                last=fmt.number(first + len(shown), lang),
                total=fmt.number(total, lang),
            )
        )
    return shown
