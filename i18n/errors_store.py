"""The words of errors about the site store, its sites and its accounts: ``err_<code>``.

Worded by ``i18n.errors`` from the code and parameters ``geo.store`` and ``geo.accounts`` raise.
Japanese first, then English.
"""

from __future__ import annotations

_ADMIN_EN = (
    "admin sign-in required: {why} (attempted by '{name}' ({role})). Nothing was changed. Sign in with an "
    "admin account (chiiki-map users add NAME --role admin creates one)."
)
_MOVE_EN = (
    "Move the file aside (e.g. rename it to {name}.{ext}) and start again: "
    "a new store is then created and seeded with the sample sites."
)

TEXT: dict[str, tuple[str, str]] = {
    # accounts
    "err_account_name_unusable": (
        "ユーザー名 {name!r} は使えません（空白なしの 1〜100 文字）",
        "user name {name!r} is not usable: 1-100 visible characters, no spaces",
    ),
    "err_account_role_unknown": (
        "権限 {role!r} はありません。次のいずれかにしてください: {roles}",
        "role {role!r} is unknown: use one of {roles}",
    ),
    "err_password_too_short": (
        "パスワードが短すぎます（空白以外で {least} 文字以上）。いくつかの単語を並べると良いパスワードになります",
        "password too short: use at least {least} characters that are not spaces (a few words make a good password)",
    ),
    "err_password_too_long": (
        "パスワードが長すぎます（{most:,} 文字まで）",
        "password too long: use at most {most:,} characters",
    ),
    "err_password_common": (
        "よく使われる・推測しやすいパスワードです（よく知られたもの、繰り返し、アカウント名を含むもの）。"
        "別のものにしてください",
        "this password is too common or easy to guess (a well-known password, a repeated pattern, or the "
        "account name): choose another one",
    ),
    "err_admin_only": (
        "管理者のサインインが必要です（'{name}' は {role}）。"
        "何も変更していません。管理者アカウントでサインインしてください",
        _ADMIN_EN.replace("{why}", "only admins may manage accounts"),
    ),
    "err_admin_nobody": (
        "管理者のサインインが必要です（誰もサインインしていません）。何も変更していません。"
        "管理者アカウントでサインインしてください",
        "admin sign-in required: no one is signed in (attempted by nobody). Nothing was changed. Sign in with "
        "an admin account (chiiki-map users add NAME --role admin creates one).",
    ),
    "err_admin_sign_in_again": (
        "サインインし直してください: アカウント '{name}' はサインイン後に変更または削除されました。"
        "何も変更していません",
        _ADMIN_EN.replace("{why}", "please sign in again: your account was changed or removed since you signed in"),
    ),
    "err_account_unknown": (
        "ユーザー '{name}' はありません（chiiki-map users list で一覧）",
        "no user '{name}': see chiiki-map users list",
    ),
    "err_account_last_admin": (
        "'{name}' は最後の管理者のため、権限を変更できません。先に別のアカウントを管理者にしてください。"
        "何も変更していません",
        "'{name}' is the last admin: make another account admin first, then change this one. Nothing was changed.",
    ),
    "err_account_exists": (
        "ユーザー '{name}' は既にあります。パスワードを再設定してください",
        "user '{name}' already exists: reset its password instead",
    ),
    "err_account_locked": (
        "'{name}' はパスワードを {failures} 回続けて間違えたため {until} までロックされています。"
        "待つか、管理者に `chiiki-map users unlock {name}` を依頼してください",
        "account '{name}' is locked until {until} after {failures} wrong passwords in a row: wait, "
        "or ask an administrator to run `chiiki-map users unlock {name}`",
    ),
    # editing sites
    "err_editor_required": (
        "編集者のサインインが必要です（'{name}' は {role}）。編集者アカウントでサインインしてください",
        "editor sign-in required: this change was attempted by '{name}' ({role}). Sign in with an editor "
        "account (chiiki-map users add NAME --role editor creates one).",
    ),
    "err_editor_required_anonymous": (
        "編集者のサインインが必要です（サインインしていません）。編集者アカウントでサインインしてください",
        "editor sign-in required: this change was attempted by nobody (anonymous). Sign in with an editor "
        "account (chiiki-map users add NAME --role editor creates one).",
    ),
    "err_editor_sign_in_again": (
        "サインインし直してください: アカウント '{name}' はサインイン後に（パスワードか権限が）変更または削除された"
        "ため、このセッションでは書き込めません。何も保存していません",
        "please sign in again: the account '{name}' was changed (password or role) or removed since you signed "
        "in, so this session may no longer write. Nothing was saved.",
    ),
    "err_sites_none": ("候補地がありません。追加するものがありません", "no sites given: nothing to add"),
    "err_sites_invalid": (
        "{total} 件中 {n} 件の候補地が無効なため、何も保存していません: {rows}。"
        "これらの行を直すか除いてやり直してください",
        "{n} of {total} site(s) are invalid, nothing was saved: {rows}. "
        "Fix these rows (or leave them out) and try again.",
    ),
    "err_sites_duplicate": (
        "{n} 件の候補地が重複しているため、何も保存していません: {rows}",
        "{n} duplicate site(s), nothing was saved: {rows}",
    ),
    "err_site_not_editable": (
        "{columns} は変更できません。変更できる項目: {editable}",
        "cannot change {columns}: editable columns are {editable}",
    ),
    "err_site_deleted": (
        "候補地 {site_id} は削除されています。編集する前に復元してください",
        "site {site_id} is deleted: restore it before editing",
    ),
    "err_site_already_deleted": (
        "候補地 {site_id} は既に削除されています",
        "site {site_id} is already deleted: nothing to do",
    ),
    "err_site_not_deleted": ("候補地 {site_id} は削除されていません", "site {site_id} is not deleted: nothing to do"),
    "err_site_not_found": (
        "候補地 {site_id} が {store} にありません。候補地の一覧を読み込み直してください",
        "site {site_id} not found in {store}: reload the site list",
    ),
    "err_site_conflict": (
        "他の人が先に保存しました: 候補地 {site_id} は {saved_by} が {at} に版 {version} を保存しました"
        "（編集したのは版 {expected}）。読み込み直して変更をやり直してください。入力した変更は失われていません",
        "site {site_id} was changed by someone else: {saved_by} saved version {version} at {at} (you edited "
        "version {expected}). Reload the site and re-apply your changes; nothing of yours was lost — your "
        "attempted changes are kept in this error (.changes).",
    ),
    # the store itself
    "err_store_legacy": (
        "サイトデータ {path} は使えません: 以前の版で作られたものです（版・監査の列がありません）",
        "cannot use the site store {path}: it was written by an earlier version (no version/audit columns); "
        "import your own rows from the moved file with `chiiki-map sites import FILE`. "
        + _MOVE_EN.replace("{ext}", "old"),
    ),
    "err_store_not_sites": (
        "サイトデータ {path} は使えません: 候補地ストアの列を持つ 'sites' レイヤがありません（別の GeoPackage では？）",
        "cannot use the site store {path}: it has no 'sites' layer with the store's columns "
        "(is it another GeoPackage?). " + _MOVE_EN.replace("{ext}", "old"),
    ),
    "err_store_unreadable": (
        "サイトデータ {path} を読み込めません: {problem}",
        "cannot read the site store {path}: {problem}. " + _MOVE_EN.replace("{ext}", "broken"),
    ),
    "err_store_busy": (
        "サイトデータ {path} は使用中です（他のプログラムが {seconds:.0f} 秒以上ロックしています）。"
        "QGIS などで閉じてからやり直してください",
        "the site store {path} is busy (another program keeps it locked for over {seconds:.0f} s): "
        "close it in QGIS/other tools and try again",
    ),
    "err_store_pg_connect": (
        "PostGIS のストア {target} に接続できません: {problem}。DATABASE_URL とサーバーの稼働を確認してください",
        "cannot connect to the PostGIS store {target}: {problem}. Check DATABASE_URL "
        "(postgresql://user:password@host:port/db) and that the server is running",
    ),
    "err_store_no_postgis": (
        "{target} で PostGIS が有効ではなく、このユーザーでは有効にできません。"
        "データベース管理者に CREATE EXTENSION postgis の実行を依頼してください",
        "PostGIS is not enabled in {target} and this user may not enable it: ask the database administrator "
        "to run CREATE EXTENSION postgis",
    ),
    "err_store_no_result": ("ストアが結果を返しませんでした（{statement}）", "no result from {statement!r}"),
}
