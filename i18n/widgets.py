"""Streamlit's own widget words in the page's language (``ui.widgets``: Streamlit has no setting for them)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "widget_upload": ("ファイルを選択", "Upload"),
    "widget_upload_limit": ("またはここにドラッグ＆ドロップ（1ファイル{mb} MBまで）", "{mb}MB per file"),
    "widget_upload_caption": (
        "読み込めるファイル：{kinds}（1ファイル{mb} MBまで）",
        "Files it takes: {kinds} (up to {mb} MB each)",
    ),
    "widget_select_all": ("すべて選択", "Select all"),
    "widget_choose": ("選択してください", "Choose options"),
    "widget_choose_one": ("1つ選択してください", "Choose an option"),
    "widget_enter": ("Enter キーで確定", "Press Enter to apply"),
    "widget_ctrl_enter": ("Ctrl＋Enter キーで確定", "Press Ctrl+Enter to apply"),
}
