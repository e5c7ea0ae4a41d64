"""UI text of the add/edit sites page (候補地の登録・編集) and the site columns' names."""

from __future__ import annotations

import i18n  # its ``TEXT`` is looked up when called: this module is loaded while i18n merges TEXT

#: Site schema column → the UI text key of its name (the form's labels, table headers, rejection reasons).
COLUMN_KEYS: dict[str, str] = {
    "name": "edit_name",
    "plan_type": "plan_type",
    "field": "field",
    "company": "company",
    "investment_oku_yen": "investment",
    "jobs": "jobs",
    "land_ha": "land",
    "water_m3_day": "water",
    "power_mw": "power",
    "status": "status",
    "address_ja": "edit_address",
    "source_note": "source_note",
    "is_sample": "import_is_sample",
    "lon": "edit_lon",
    "lat": "edit_lat",
}
#: Columns a site table shows besides the schema's (derived from the location, kept by the store): their
#: labels, so a table the app shows is worded and a downloaded one imports back with them named.
OTHER_COLUMN_KEYS: dict[str, str] = {
    "pref_code": "prefecture",
    "muni_code": "words_muni",
    "block": "block",
    "site_id": "words_site_id",
    "version": "words_version",
    "deleted": "words_deleted",
    "updated_at": "words_updated_at",
    "updated_by": "words_updated_by",
    "created_at": "words_created_at",
    "created_by": "words_created_by",
}


def column_key(column: str) -> str | None:
    """The UI text key naming a site column (None for a column that has no name of ours)."""
    return COLUMN_KEYS.get(column) or OTHER_COLUMN_KEYS.get(column)


def column_headers() -> dict[str, str]:
    """Every header the app gives a site column, in Japanese and English → the column id.

    The one list (``COLUMN_KEYS``, ``OTHER_COLUMN_KEYS``) that names the columns of the site tables the
    app shows and downloads also reads them back on import (``geo.sites.imports.suggest_mapping``).
    """
    out: dict[str, str] = {}
    for column, key in {**COLUMN_KEYS, **OTHER_COLUMN_KEYS}.items():
        for label in i18n.TEXT[key]:
            out.setdefault(label, column)
    return out


TEXT: dict[str, tuple[str, str]] = {
    "page_sites_edit": ("候補地の登録・編集", "Add / edit sites"),
    "edit_title": ("候補地の登録・編集", "Add and edit sites"),
    "edit_mode": ("操作", "Action"),
    "edit_mode_add": ("新規登録", "Add a site"),
    "edit_mode_edit": ("編集・削除", "Edit or delete"),
    "edit_mode_deleted": ("削除済みの復元", "Restore deleted"),
    "edit_map_hint": (
        "地図をクリックすると位置を設定します（候補地の円の上でも可）。赤い印はドラッグで動かせます。"
        "下の経度・緯度に直接入力することもできます。",
        "Click the map to set the location (also on a site's circle); drag the red pin to adjust it, "
        "or type the longitude and latitude below.",
    ),
    "edit_lon": ("経度（東経・度）", "Longitude (°E)"),
    "edit_lat": ("緯度（北緯・度）", "Latitude (°N)"),
    "edit_location": (
        "所在地（自動判定）: {pref} {muni}（{block}ブロック）",
        "Location (derived): {muni}, {pref} ({block} block)",
    ),
    "edit_no_location": (
        "位置が未設定です。地図をクリックするか座標を入力してください。",
        "No location yet: click the map or type the coordinates.",
    ),
    "edit_outside_japan": (
        "この地点（経度 {lon:.5f}, 緯度 {lat:.5f}）は日本国外のため登録できません。日本国内の地点を指定してください。",
        "This point (lon {lon:.5f}, lat {lat:.5f}) is outside Japan and cannot be saved. Choose a point in Japan.",
    ),
    "edit_name": ("名称", "Name"),
    "edit_field_hint_A": ("計画A: 17の戦略分野から選択", "Plan A: one of the 17 strategic fields"),
    "edit_field_hint_B": ("計画B: 戦略分野または地場産業カテゴリ", "Plan B: a strategic field or a local category"),
    "edit_field_hint_C": ("計画C: 地場産業カテゴリから選択", "Plan C: one of the local categories"),
    "edit_address": ("住所", "Address"),
    "edit_save_new": ("登録する", "Save new site"),
    "edit_saved_new": ("候補地「{name}」を登録しました。", "Saved the site “{name}”."),
    "edit_invalid": ("保存できません: {detail}", "Cannot save: {detail}"),
    "edit_no_permission": ("編集権限がありません: {detail}", "Not allowed: {detail}"),
    "edit_select": ("編集する候補地", "Site to edit"),
    "edit_version": (
        "バージョン {version}（最終更新 {at} 日本時間、{user}）",
        "Version {version} (last saved {at} JST by {user})",
    ),
    "edit_save_changes": ("変更を保存", "Save changes"),
    "edit_saved_changes": (
        "候補地「{name}」の変更を保存しました（バージョン {version}）。",
        "Saved changes to the site “{name}” (version {version}).",
    ),
    "edit_nothing_changed": ("変更はありません。", "Nothing changed."),
    "edit_conflict": (
        "保存できませんでした: この候補地は編集中に {user} さんが {at}（日本時間）に"
        "更新しました（バージョン {version}）。"
        "あなたの入力はフォームに残っています。最新の内容を確認してから、もう一度保存してください。",
        "Not saved: {user} changed this site at {at} JST while you were editing (now version {version}). "
        "Your input is still in the form. Check the latest values, then save again.",
    ),
    "edit_conflict_changes": ("相手の変更内容", "Their changes"),
    "edit_reload": ("最新の内容を読み込む（自分の入力は破棄）", "Load the latest version (discards your input)"),
    "edit_delete": ("削除（あとで復元できます）", "Delete (can be restored)"),
    "edit_deleted": (
        "候補地「{name}」（{place}）を削除しました。「削除済みの復元」から元に戻せます。",
        "Deleted the site “{name}” ({place}). Restore it under “Restore deleted”.",
    ),
    "edit_delete_confirm": (
        "候補地「{name}」（{place}）を削除しますか？（「削除済みの復元」から元に戻せます）",
        "Delete the site “{name}” ({place})? (It can be restored under “Restore deleted”.)",
    ),
    "edit_delete_yes": ("削除する", "Delete"),
    "edit_delete_no": ("やめる", "Cancel"),
    "edit_choose_hint": (
        "地図上の候補地をクリックすると、その候補地を編集できます（一覧はサイドバーの絞り込みに従います）。",
        "Click a site on the map to edit it (the list follows the sidebar filters).",
    ),
    "edit_pin_hint": ("ドラッグして位置を調整", "Drag to adjust the location"),
    "edit_no_sites": ("編集できる候補地がありません。", "There are no sites to edit."),
    "edit_select_deleted": ("削除済みの候補地", "Deleted site"),
    "edit_no_deleted": ("削除済みの候補地はありません。", "No deleted sites."),
    "edit_restore": ("復元する", "Restore"),
    "edit_restored": ("候補地「{name}」（{place}）を復元しました。", "Restored the site “{name}” ({place})."),
    "edit_audit": ("変更履歴", "Change history"),
    "edit_audit_empty": ("この候補地の変更履歴はありません。", "No changes recorded for this site."),
    "edit_col_at": ("日時（日本時間）", "When (JST)"),
    "edit_col_user": ("ユーザー", "Who"),
    "edit_col_action": ("操作", "Action"),
    "edit_col_column": ("項目", "Field"),
    "edit_col_before": ("変更前", "Before"),
    "edit_col_after": ("変更後", "After"),
}
