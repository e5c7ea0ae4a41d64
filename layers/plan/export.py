"""A plan's export file by its suffix: ``.html`` (offline, A4 print), ``.docx`` (Word draft), ``.xlsx`` (annex)."""

from __future__ import annotations

import datetime as dt

from geo.plans.view import PlanView
from i18n import Lang
from layers.plan.document import plan_document
from layers.plan.excel import plan_xlsx
from layers.plan.page import plan_html
from layers.plan.word import plan_docx

#: What each export is, by suffix (the MIME type a download offers).
MIME_TYPES: dict[str, str] = {
    ".html": "text/html",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def export_bytes(view: PlanView, suffix: str, lang: Lang = "ja", *, today: dt.date | None = None) -> bytes:
    """The file of ``view`` for ``suffix`` (one of ``MIME_TYPES``), worded in ``lang``.

    Raises
    ------
    ValueError
        For any other suffix.
    """
    if suffix not in MIME_TYPES:
        raise ValueError(f"no plan export for {suffix!r}: use one of {', '.join(MIME_TYPES)}")
    document = plan_document(view.plan, view.derived, view.checks, lang, today=today)
    if suffix == ".docx":
        return plan_docx(document)
    if suffix == ".xlsx":
        return plan_xlsx(document)
    html = plan_html(view.plan, view.derived, view.checks, lang, today=today, document=document)
    return html.encode("utf-8")
