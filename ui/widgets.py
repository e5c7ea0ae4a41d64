"""Streamlit's own words in the page's language: the file uploader, the multiselect, the input hints.

Streamlit (1.67) has no setting for the language of its widgets: "Upload", "50MB per file • CSV", "Select all",
"Press Enter to apply" stay English. In the Japanese UI :func:`streamlit_words` puts Japanese in their place with
a style sheet (the English is hidden and our words drawn instead, from ``i18n/widgets.py``), and
:func:`upload_caption` adds our own caption under every uploader (``ui.auth.file_uploader``): which files
it takes and how large, in words.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import streamlit as st

from i18n import Lang, t
from ui.markdown import style_sheet


def _replace(selector: str, words: str) -> str:
    """CSS hiding the text of ``selector`` and showing ``words`` in its place."""
    return (
        f"{selector}{{font-size:0 !important;line-height:0}}"
        f"{selector}::after{{content:{json.dumps(words, ensure_ascii=False)};font-size:0.875rem;line-height:1.6}}"
    )


#: Metric labels wrap instead of being cut with an ellipsis (Streamlit truncates them to one line): a label
#: says what a figure is and must be read whole (``tests/test_page_words.py`` bounds their length to two lines).
LABEL_CSS = (
    '[data-testid="stMetricLabel"],[data-testid="stMetricLabel"] *'
    "{white-space:normal !important;overflow:visible !important;text-overflow:clip !important;height:auto !important}"
)


def words_css(lang: Lang) -> str:
    """The style sheet that puts ``lang``'s words in place of Streamlit's English, and lets labels wrap."""
    if lang == "en":
        return LABEL_CSS
    limit = int(st.get_option("server.maxUploadSize"))
    return LABEL_CSS + "".join(
        (
            _replace(
                '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p',
                t("widget_upload", lang),
            ),
            _replace(
                '[data-testid="stFileUploaderDropzoneInstructions"] span', t("widget_upload_limit", lang, mb=limit)
            ),
            _replace('[data-key="__select_all__"] [data-item-hl]', t("widget_select_all", lang)),
            _replace('[data-testid="InputInstructions"] > span:first-child', t("widget_enter", lang)),
            _replace(
                '[data-testid="stTextArea"] [data-testid="InputInstructions"] > span:first-child',
                t("widget_ctrl_enter", lang),
            ),
        )
    )


def streamlit_words(lang: Lang) -> None:
    """Put ``lang``'s words in place of Streamlit's English on this page, labels whole (call once per run)."""
    style_sheet(words_css(lang))


def upload_caption(types: Sequence[str] | None, lang: Lang, where: Any = st) -> None:
    """Our caption under an uploader (``ui.auth.file_uploader`` draws every one): the file kinds it takes and
    the size limit, in ``lang``."""
    kinds = t("list_sep", lang).join(s.upper() for s in types or ())
    limit = int(st.get_option("server.maxUploadSize"))
    where.caption(t("widget_upload_caption", lang, kinds=kinds, mb=limit))
