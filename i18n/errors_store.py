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

#: Read-only and full stores: never advise moving the store aside (it holds the accounts and the audit).
_KEEP_JA = "ストアのファイルを移動・削除しないでください（アカウントと監査記録が失われます）"
_KEEP_EN = "Do not move or delete the store: it holds the accounts and the audit trail."

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
    "err_store_no_pg_driver": (
        "PostgreSQL ドライバ（psycopg）がありませんが、ストアは PostGIS データベースです。"
        "`pip install -r requirements.txt`（または `pip install 'chiiki-map[postgres]'`）で入れるか、"
        "DATABASE_URL を外して GeoPackage のストアを使ってください",
        "the PostgreSQL driver (psycopg) is not installed, but the store is a PostGIS database: install it with "
        "`pip install -r requirements.txt` (or `pip install 'chiiki-map[postgres]'`), or unset DATABASE_URL to use "
        "the GeoPackage store",
    ),
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
        "サイトデータ {path} を読み込めません（{problem}）。バックアップから戻してください。"
        "バックアップがない場合に限り、ファイルを別名（例: {name}.broken）に移すと、サンプルの候補地で新しいストアが"
        "作られます（元のファイルのアカウントと監査記録は引き継がれません）",
        "cannot read the site store {path} ({problem}). Restore the file from a backup. Only if there is none: "
        "move it aside (e.g. rename it to {name}.broken) and a new store with the sample sites is created (the "
        "accounts and the audit trail of the old file are not carried over).",
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
    "err_store_read_only": (
        "サイトデータ {path} は読み取り専用のため書き込めません。何も保存していません。アプリを動かすアカウントに、"
        "このファイルとそのフォルダへの書き込み権限を与えてから、やり直してください。" + _KEEP_JA,
        "the site store {path} is read-only, so nothing was saved. Give the account that runs the app write "
        "permission on the file and its folder, then try again. " + _KEEP_EN,
    ),
    "err_store_db_read_only": (
        "PostGIS のサイトデータ {target} に書き込めません（{problem}）。何も保存していません。データベース管理者に、"
        "このロールへの書き込み権限（sites・audit・activity・users の SELECT/INSERT/UPDATE）か、"
        "読み取り専用でない接続先を依頼してください",
        "cannot write to the PostGIS store {target} ({problem}), so nothing was saved. Ask the database "
        "administrator for write access for this role (SELECT/INSERT/UPDATE on sites, audit, activity, users) "
        "or for a server that is not read-only.",
    ),
    "err_store_disk_full": (
        "サイトデータ {path} のディスクがいっぱいです。何も保存していません。空き容量を増やしてから、"
        "やり直してください。" + _KEEP_JA,
        "the disk of the site store {path} is full, so nothing was saved. Free some space, then try again. " + _KEEP_EN,
    ),
    "err_store_url_unsupported": (
        "DATABASE_URL の「{scheme}://」には対応していません。PostGIS を使うなら "
        "postgresql://ユーザー:パスワード@ホスト:ポート/データベース を指定し、ローカルの GeoPackage を使うなら "
        "DATABASE_URL を設定しないでください。何もしていません",
        "DATABASE_URL '{scheme}://…' is not supported: give postgresql://user:password@host:port/db for "
        "PostGIS, or unset DATABASE_URL to use the local GeoPackage. Nothing was done.",
    ),
    "err_store_folder_missing": (
        "CHIIKI_MAP_STORE のフォルダ {folder} がありません。フォルダを作るか、CHIIKI_MAP_STORE を正しいパスに"
        "してください（新しいストアは作っていません）",
        "the folder {folder} of CHIIKI_MAP_STORE does not exist: create it, or correct CHIIKI_MAP_STORE "
        "(no new store was made).",
    ),
    "err_store_needs_upgrade": (
        "PostGIS のサイトデータ {target} は、表の作成または更新が必要です。データベースの所有者ロールで "
        "`chiiki-map db upgrade` を実行してください（DATABASE_URL に所有者のユーザーを指定）。"
        "アプリは表を作成・変更しません",
        "the PostGIS store {target} needs its tables created or upgraded: run `chiiki-map db upgrade` as the "
        "database owner (DATABASE_URL with the owner's user). The app never creates or changes tables.",
    ),
    "err_store_upgrade_denied": (
        "このロールには {target} の表を作成・変更する権限がありません（{problem}）。データベースの所有者ロールの "
        "DATABASE_URL で `chiiki-map db upgrade` を実行してください。何も変更していません",
        "this role may not create or change the tables of {target} ({problem}): run `chiiki-map db upgrade` "
        "with the DATABASE_URL of the database owner. Nothing was changed.",
    ),
}
