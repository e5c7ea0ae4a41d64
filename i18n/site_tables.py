"""UI text of site tables in words (``ui/site_tables.py``: import preview, change history)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "words_muni": ("市区町村", "Municipality"),
    "words_site_id": ("番号", "No."),
    "words_version": ("版", "Version"),
    "words_deleted": ("削除済み", "Deleted"),
    "words_updated_at": ("更新日時", "Updated"),
    "words_updated_by": ("更新者", "Updated by"),
    "words_created_at": ("登録日時", "Created"),
    "words_created_by": ("登録者", "Created by"),
    "words_no": ("いいえ", "no"),
    "words_action_add": ("登録", "added"),
    "words_action_update": ("更新", "updated"),
    "words_action_delete": ("削除", "deleted"),
    "words_action_restore": ("復元", "restored"),
    "words_action_import": ("一括取込", "imported"),
}
