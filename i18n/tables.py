"""Words of big tables shown a page at a time (``ui.tables``)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "table_page": ("ページ", "Page"),
    "table_rows": ("{first}–{last}件目（全{total}件）", "Rows {first}–{last} of {total}"),
    "table_top_rows": (
        "上位{shown}件を表示（全{total}件）。すべての行はダウンロードで。",
        "The first {shown} of {total} rows are shown; download for every row.",
    ),
    "table_choose_top": (
        "選択肢は上位{shown}件（全{total}件、{order}）",
        "The first {shown} of {total} are offered ({order})",
    ),
}
