"""The plan's annex as an Excel workbook (openpyxl): members, measures, checklist (and firms, sources).

One sheet per table of the worded document, header row first. Every text cell passes the formula guard
(``geo.io.safe_csv.safe_frame``): a site name or evidence starting with ``=`` stays text.
"""

from __future__ import annotations

import io

import pandas as pd

from geo.io.safe_csv import safe_frame
from geo.text import to_number
from i18n import t
from layers.plan.document import PlanDocument, Table

#: Excel's limit on a sheet name.
_SHEET_NAME = 31


def _frame(table: Table) -> pd.DataFrame:
    """The table as a frame: numeric columns as numbers (a missing figure an empty cell), text guarded."""
    columns = list(zip(*table.rows)) if table.rows else [() for _ in table.head]
    data = {}
    for i, (head, values) in enumerate(zip(table.head, columns, strict=True)):
        cells = pd.Series(list(values), dtype=object)
        data[head] = to_number(cells)[0] if i in table.numeric else cells
    return safe_frame(pd.DataFrame(data, columns=list(table.head)))


def plan_xlsx(document: PlanDocument) -> bytes:
    """The .xlsx bytes of the annex of ``document``: members, measures, checklist, firms (B) and sources."""
    lang = document.lang
    sheets: list[tuple[str, Table]] = [
        (t("plans_sheet_members", lang), document.members),
        (t("plans_sheet_measures", lang), document.measures),
        (t("plans_sheet_checklist", lang), document.checklist),
    ]
    if document.firms is not None:
        sheets.append((t("plans_sheet_firms", lang), document.firms))
    sheets.append((t("plans_sheet_sources", lang), document.sources))
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, table in sheets:
            _frame(table).to_excel(writer, sheet_name=name[:_SHEET_NAME], index=False)
            sheet = writer.sheets[name[:_SHEET_NAME]]
            for col, head in zip(sheet.columns, table.head, strict=False):
                width = max([len(head), *(len(str(c.value or "")) for c in col[1:50])])
                sheet.column_dimensions[col[0].column_letter].width = min(60, max(8, width + 2))
            sheet.freeze_panes = "A2"
    return out.getvalue()
