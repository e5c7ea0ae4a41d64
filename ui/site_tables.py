"""Site values as a planner reads them: column names and coded values in words, numbers formatted.

Tables of sites (import preview, change history) never show a schema id (``investment_oku_yen``), a
code (``ai_semiconductor``, ``planned``, ``add``) or ``None``: this module turns them into the UI's words.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from geo import regions
from geo.domain import ALL_FIELDS, BLOCKS, PLAN_TYPES, PREFECTURES, STATUSES
from geo.sites.imports import ImportPlan
from geo.text import TRUE_WORDS, name_key
from i18n import Lang, t
from i18n import format as fmt
from i18n.names import code_name
from i18n.reasons import reasons_text
from i18n.sites_edit import column_key
from ui.site_form import NUMBER_FIELDS

#: Columns of a site table that only the store needs.
HIDDEN_COLUMNS = frozenset({"geometry", "version", "deleted", "created_at", "created_by", "updated_at", "updated_by"})


def column_label(column: str, lang: Lang) -> str:
    """The words for a site column (``investment_oku_yen`` → 投資額（億円）); unknown columns as given.

    The same words read the column back on import (``i18n.sites_edit.column_headers``).
    """
    key = column_key(column)
    return t(key, lang) if key else str(column)


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and value != value) or str(value) in ("", "nan", "None")


def value_words(column: str, value: object, lang: Lang) -> str:
    """A site value in words: coded values named, numbers formatted, missing values empty."""
    if _missing(value):
        return ""
    text = str(value)
    tables: dict[str, Mapping[str, Any]] = {
        "plan_type": PLAN_TYPES,
        "field": ALL_FIELDS,
        "status": STATUSES,
        "pref_code": PREFECTURES,
        "block": BLOCKS,
    }
    if column in tables:
        return code_name(tables[column], text, lang)
    if column == "muni_code":
        return regions.municipality_name(text) or text
    if column in ("is_sample", "deleted"):
        return t("yes", lang) if name_key(text) in TRUE_WORDS else t("words_no", lang)
    if column in NUMBER_FIELDS or column in ("lon", "lat"):
        number = fmt.finite(value)
        if number is None:
            return text
        return fmt.number(number, lang, 6) if column in ("lon", "lat") else fmt.exact(number)
    return text


def sites_table(df: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """``df`` (site columns) with headers and values in words; store-only columns left out.

    Nothing is rounded: the table as shown and downloaded imports back with nothing lost.
    """
    shown = [c for c in df.columns if c not in HIDDEN_COLUMNS]
    return pd.DataFrame(
        {column_label(c, lang): [value_words(c, v, lang) for v in df[c]] for c in shown}, index=df.index
    )


def action_words(action: object, lang: Lang) -> str:
    """An audit action (``add``, ``update``, ``delete``, ``restore``, ``import``) in words."""
    key = f"words_action_{action}"
    try:
        return t(key, lang)
    except KeyError:
        return str(action)


def changes_table(changes: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The change history (``geo.sites.edit.CHANGE_COLUMNS``) in words, with translated headers."""
    out = pd.DataFrame(
        {
            "at": changes["at"],
            "user": changes["user"],
            "action": [action_words(a, lang) for a in changes["action"]],
            "column": [column_label(c, lang) if c else "" for c in changes["column"]],
            "before": [value_words(c, v, lang) for c, v in zip(changes["column"], changes["before"], strict=True)],
            "after": [value_words(c, v, lang) for c, v in zip(changes["column"], changes["after"], strict=True)],
        }
    )
    return out.rename(columns={c: t(f"edit_col_{c}", lang) for c in out.columns})


def rejected_table(plan: ImportPlan, lang: Lang) -> pd.DataFrame:
    """Rejected import rows for a person: the row number (as Excel shows it, or the feature's) and the reasons
    in ``lang`` first, then the row as given (the same table is shown and downloaded as CSV)."""
    row_key = "import_col_feature" if plan.numbering == "feature" else "import_col_row"
    worded = plan.rejected.assign(reason=[reasons_text(r, lang) for r in plan.rejected["reason"]])
    return worded.rename(columns={"row": t(row_key, lang), "reason": t("import_col_reason", lang)})
