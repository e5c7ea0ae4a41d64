"""The app's words of errors whose command-line words name a command, a flag or a file (``app_err_<code>``).

A planner cannot run ``chiiki-map users unlock`` or restore ``data/requirements.toml``: the app says what the
error means for them and whom to ask; the command line (and the server log) keeps the technical words
(``err_<code>``). ``i18n.errors.error_text`` uses these, ``i18n.errors.bilingual`` the command line's.
"""

from __future__ import annotations

_ASK_ADMIN_JA = "システム管理者に連絡してください"
_ASK_ADMIN_EN = "please contact your system administrator"
_STORE_JA = "候補地データを開けません（{why}）。" + _ASK_ADMIN_JA + "（詳しい内容はサーバーの記録にあります）"
_STORE_EN = "The site data cannot be opened ({why}): " + _ASK_ADMIN_EN + " (the server log has the details)"

TEXT: dict[str, tuple[str, str]] = {
    "app_err_data_missing": (
        "この機能に必要な加工済みデータがサーバーにありません。" + _ASK_ADMIN_JA,
        "The processed data this needs is missing on the server: " + _ASK_ADMIN_EN,
    ),
    "app_err_toml_invalid": (
        "設定ファイル（立地要件・雇用原単位）に誤りがあります（{problem}）。" + _ASK_ADMIN_JA,
        "A settings file (requirement profiles, jobs per investment) has an error ({problem}): " + _ASK_ADMIN_EN,
    ),
    "app_err_toml_not_utf8": (
        "設定ファイル（立地要件・雇用原単位）の文字コードが UTF-8 ではありません。" + _ASK_ADMIN_JA,
        "A settings file (requirement profiles, jobs per investment) is not saved as UTF-8: " + _ASK_ADMIN_EN,
    ),
    "app_err_plan_requirements_missing": (
        "計画要件の設定が見つかりません。" + _ASK_ADMIN_JA,
        "The plan requirements are missing: " + _ASK_ADMIN_EN,
    ),
    "app_err_plan_requirements_entry": (
        "計画要件の設定に使えない項目があります（{entry}）。" + _ASK_ADMIN_JA,
        "The plan requirements hold an entry that cannot be used ({entry}): " + _ASK_ADMIN_EN,
    ),
    "app_err_plan_not_found": (
        "計画 {id} はありません（削除されたか、別のデータです）。一覧から選び直してください",
        "There is no plan {id} (deleted, or in other data): choose one from the list again",
    ),
    "app_err_req_not_found": (
        "立地要件（編集可能な仮定）の設定がサーバーにありません。" + _ASK_ADMIN_JA,
        "The requirement profiles (editable assumptions) are missing on the server: " + _ASK_ADMIN_EN,
    ),
    "app_err_field_divisions_missing": (
        "戦略分野と産業大分類の対応表（編集可能な仮定）がサーバーにありません。" + _ASK_ADMIN_JA,
        "The table of strategic fields and industry divisions (an editable assumption) is missing on the server: "
        + _ASK_ADMIN_EN,
    ),
    "app_err_units_not_found": (
        "雇用原単位（投資額あたりの雇用）の設定がサーバーにありません。" + _ASK_ADMIN_JA,
        "The jobs-per-investment table is missing on the server: " + _ASK_ADMIN_EN,
    ),
    "app_err_overpass_offline": (
        "OpenStreetMap に接続できません（{host}: {problem}）。読込済みのデータはそのまま使えます。",
        "OpenStreetMap cannot be reached ({host}: {problem}). The data already loaded stays in use.",
    ),
    "app_err_overpass_offline_during": (
        "レイヤ {layer!r} の取得中に OpenStreetMap に接続できなくなりました（{host}: {problem}）。"
        "それまでに取得したレイヤは保存済みです。",
        "OpenStreetMap could no longer be reached while fetching layer {layer!r} ({host}: {problem}). "
        "The layers fetched before it are kept.",
    ),
    "app_err_file_too_large": (
        "{file}: ファイルが大きすぎます（{mb:.1f} MB、上限 {limit_mb:.0f} MB）。ファイルを分けてください"
        "（上限の引き上げはシステム管理者に依頼できます）",
        "{file}: the file is {mb:.1f} MB, over the limit of {limit_mb:.0f} MB: split the file (your system "
        "administrator can raise the limit)",
    ),
    "app_err_file_timeout": (
        "{file}: 読込が {seconds:,.0f} 秒以内に終わらないため中止しました。壊れているか、読込に時間のかかる"
        "構造のファイルです。QGIS で保存し直すか、ファイルを分割してください",
        "{file}: reading did not finish within {seconds:,.0f} s and was stopped: the file is damaged or built to be "
        "slow to read; save it again from QGIS, or split it",
    ),
    "app_err_file_too_much_memory": (
        "{file}: 読込に必要なメモリが上限 {mb:,} MB を超えたため中止しました。ファイルを分割してください",
        "{file}: reading needed more than {mb:,} MB of memory and was stopped: split the file",
    ),
    "app_err_system_memory": (
        "メモリが足りなくなったため中止しました。地域を狭くするか、ファイルを分割してください",
        "Stopped: the server ran out of memory; choose a smaller region, or split the file",
    ),
    "app_err_file_too_many_rows": (
        "{file}: 行数が上限 {limit:,} 行を超えています。ファイルを分けてください",
        "{file}: the file has more than {limit:,} rows: split it into smaller files",
    ),
    "app_err_totals_zero_connector": (
        "都道府県 {prefs}: {header}の合計が 0 のため、コネクター度を計算できません。"
        "金額を確認するか、その都道府県の値を持つ合計ファイルを選んでください",
        "prefecture {prefs}: the total of {header} is 0, so the connector degree cannot be computed; "
        "check the amounts or choose a totals file with the prefecture's figure",
    ),
    "app_err_totals_zero_hub": (
        "都道府県 {prefs}: {header}の合計が 0 のため、ハブ度を計算できません。"
        "金額を確認するか、その都道府県の値を持つ合計ファイルを選んでください",
        "prefecture {prefs}: the total of {header} is 0, so the hub degree cannot be computed; "
        "check the amounts or choose a totals file with the prefecture's figure",
    ),
    "app_err_admin_only": (
        "管理者のサインインが必要です（'{name}' は {role}）。何も変更していません。"
        "管理者アカウントでサインインしてください",
        "Admin sign-in required ('{name}' is {role}). Nothing was changed. Sign in with an admin account.",
    ),
    "app_err_admin_nobody": (
        "管理者のサインインが必要です（誰もサインインしていません）。何も変更していません。"
        "管理者アカウントでサインインしてください",
        "Admin sign-in required (no one is signed in). Nothing was changed. Sign in with an admin account.",
    ),
    "app_err_admin_sign_in_again": (
        "サインインし直してください: アカウント '{name}' はサインイン後に変更または削除されました。"
        "何も変更していません",
        "Please sign in again: the account '{name}' was changed or removed since you signed in. Nothing was changed.",
    ),
    "app_err_account_unknown": (
        "ユーザー '{name}' はありません。アカウントの一覧は「アカウント管理」で確認できます",
        "There is no user '{name}'. The accounts are listed on the Accounts page.",
    ),
    "app_err_editor_required": (
        "編集者のサインインが必要です（'{name}' は {role}）。編集者アカウントでサインインしてください",
        "Editor sign-in required ('{name}' is {role}). Sign in with an editor account.",
    ),
    "app_err_editor_required_anonymous": (
        "編集者のサインインが必要です（サインインしていません）。編集者アカウントでサインインしてください",
        "Editor sign-in required (no one is signed in). Sign in with an editor account.",
    ),
    "app_err_site_not_found": (
        "候補地 {site_id} が見つかりません（削除された可能性があります）。候補地の一覧を読み込み直してください",
        "Site {site_id} was not found (it may have been deleted): reload the site list",
    ),
    "app_err_store_no_pg_driver": (
        _STORE_JA.replace("{why}", "サーバーに PostgreSQL ドライバがありません"),
        _STORE_EN.replace("{why}", "the server lacks the PostgreSQL driver"),
    ),
    "app_err_store_legacy": (
        _STORE_JA.replace("{why}", "以前の版で作られたデータです"),
        _STORE_EN.replace("{why}", "it was written by an earlier version"),
    ),
    "app_err_store_not_sites": (
        _STORE_JA.replace("{why}", "候補地データではないファイルです"),
        _STORE_EN.replace("{why}", "the file is not a site store"),
    ),
    "app_err_store_unreadable": (
        _STORE_JA.replace("{why}", "ファイルを読めません"),
        _STORE_EN.replace("{why}", "the file cannot be read"),
    ),
    "app_err_store_busy": (
        "候補地データは他のプログラム（QGIS など）が使用中です（{seconds:.0f} 秒以上）。"
        "そちらを閉じてからやり直してください",
        "The site data is in use by another program (QGIS or similar) for over {seconds:.0f} s: close it and try again",
    ),
    "app_err_store_pg_connect": (
        _STORE_JA.replace("{why}", "データベースに接続できません"),
        _STORE_EN.replace("{why}", "the database cannot be reached"),
    ),
    "app_err_store_no_postgis": (
        _STORE_JA.replace("{why}", "データベースで PostGIS が有効ではありません"),
        _STORE_EN.replace("{why}", "PostGIS is not enabled in the database"),
    ),
}
