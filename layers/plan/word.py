"""The plan draft as a Word file (python-docx): what a bureau edits further before the 有識者検討会.

Title, facts, 概要, the checklist with evidence, the member table, 必要な措置 (the free text, then the candidate
measures from the gap checks), investment, 人材 (the free text and the labour figures), 用地 and 出典. Text
goes in as text (Word does not interpret it), so nothing a person typed can become markup or a field.
"""

from __future__ import annotations

import io

from docx import Document
from docx.document import Document as Docx
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from i18n import t
from layers.plan.document import PlanDocument, Table

#: The font Word uses for Japanese text (installed with every Japanese Windows and Office).
EAST_ASIAN_FONT = "Yu Gothic"


def _font(doc: Docx) -> None:
    style = doc.styles["Normal"]
    style.font.size = Pt(9.5)
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _landscape(doc: Docx) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(297), Mm(210)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(15))


def _table(doc: Docx, table: Table) -> None:
    """A grid table: a bold header row, then the rows as text."""
    grid = doc.add_table(rows=1, cols=len(table.head))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.head, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, row, strict=True)):
            cell.text = text
            if i in table.numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph()


def _text(doc: Docx, text: str) -> None:
    for para in (text or "—").split("\n"):
        doc.add_paragraph(para)


def plan_docx(document: PlanDocument) -> bytes:
    """The .docx bytes of ``document``."""
    lang = document.lang
    doc = Document()
    _font(doc)
    _landscape(doc)
    doc.core_properties.title = document.title
    doc.add_heading(document.title, level=0)
    doc.add_paragraph(document.kind)
    _table(doc, Table((t("export_item", lang), t("export_value", lang)), document.meta))
    sections = dict(enumerate(document.sections))
    doc.add_heading(sections[0][0], level=1)
    _text(doc, sections[0][1])
    doc.add_heading(t("plans_checklist", lang), level=1)
    doc.add_paragraph(document.checklist_source)
    _table(doc, document.checklist)
    doc.add_heading(t("plans_members", lang), level=1)
    _table(doc, document.members)
    doc.add_heading(sections[1][0], level=1)
    _text(doc, sections[1][1])
    doc.add_heading(t("plans_infrastructure", lang), level=2)
    doc.add_paragraph(document.measures_counts)
    doc.add_paragraph(t("plans_infrastructure_note", lang))
    _table(doc, document.measures)
    doc.add_heading(t("plans_investment", lang), level=1)
    _table(doc, document.investment)
    _table(doc, document.investment_by_field)
    doc.add_heading(sections[2][0], level=1)
    _text(doc, sections[2][1])
    doc.add_heading(t("plans_labour", lang), level=2)
    _table(doc, document.labour)
    doc.add_heading(t("plans_land", lang), level=1)
    _table(doc, document.land)
    doc.add_paragraph(document.land_note)
    if document.firms is not None:
        doc.add_heading(t("plans_firms", lang), level=1)
        _table(doc, document.firms)
    doc.add_heading(t("plans_sources", lang), level=1)
    _table(doc, document.sources)
    for note in document.notes:
        doc.add_paragraph(note)
    doc.add_paragraph(document.footer)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
