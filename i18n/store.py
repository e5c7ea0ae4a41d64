"""The words of the site store: ``geo.errors.StoreError`` codes and the steps of ``chiiki-map db upgrade``.

``geo`` raises ``StoreError(code, **params)``; this module says what is wrong and what to do, Japanese
first. Advice never suggests moving a healthy store aside: the file or database holds the accounts and
the audit trail.
"""

from __future__ import annotations

from collections.abc import Iterable

import i18n  # its ``t`` is looked up when called: this module is loaded while i18n merges TEXT
from geo.errors import StoreError

_KEEP_JA = "ストアのファイルを移動・削除しないでください（アカウントと監査記録が失われます）。"
_KEEP_EN = "Do not move or delete the store: it holds the accounts and the audit trail."

TEXT: dict[str, tuple[str, str]] = {
    "store_busy": (
        "サイトデータ {target} は他のプログラムが {seconds} 秒以上ロックしています。"
        "QGIS などで開いていれば閉じて、やり直してください。",
        "the site store {target} is busy: another program has kept it locked for over {seconds} s. "
        "Close it in QGIS or other tools and try again.",
    ),
    "store_unreadable": (
        "サイトデータ {target} を読み込めません（{problem}）。バックアップから戻してください。"
        "バックアップがない場合に限り、ファイルを別名に移すと、サンプルの候補地で新しいストアが作成されます"
        "（元のファイルのアカウントと監査記録は引き継がれません）。",
        "cannot read the site store {target} ({problem}). Restore the file from a backup. Only if there is "
        "none: move it aside and a new store with the sample sites is created (the accounts and the audit "
        "trail of the old file are not carried over).",
    ),
    "store_read_only": (
        "サイトデータ {target} は読み取り専用のため書き込めません。何も保存していません。"
        "アプリを動かすアカウントに、このファイルとそのフォルダへの書き込み権限を与えてから、やり直してください。"
        + _KEEP_JA,
        "the site store {target} is read-only, so nothing was saved. Give the account that runs the app "
        "write permission on the file and its folder, then try again. " + _KEEP_EN,
    ),
    "store_db_read_only": (
        "PostGIS のサイトデータ {target} に書き込めません（{problem}）。何も保存していません。"
        "データベース管理者に、このロールへの書き込み権限（sites・audit・activity・users の "
        "SELECT/INSERT/UPDATE）か、読み取り専用でない接続先を依頼してください。",
        "cannot write to the PostGIS store {target} ({problem}), so nothing was saved. Ask the database "
        "administrator for write access for this role (SELECT/INSERT/UPDATE on sites, audit, activity, "
        "users) or for a server that is not read-only.",
    ),
    "store_disk_full": (
        "サイトデータ {target} のディスクがいっぱいです。何も保存していません。"
        "空き容量を増やしてから、やり直してください。" + _KEEP_JA,
        "the disk of the site store {target} is full, so nothing was saved. Free some space, then try "
        "again. " + _KEEP_EN,
    ),
    "store_unreachable": (
        "PostGIS のサイトデータ {target} に接続できません（{problem}）。DATABASE_URL"
        "（postgresql://ユーザー:パスワード@ホスト:ポート/データベース）と、サーバーが動いているかを確認してください。",
        "cannot connect to the PostGIS store {target} ({problem}). Check DATABASE_URL "
        "(postgresql://user:password@host:port/db) and that the server is running.",
    ),
    "store_url_unsupported": (
        "DATABASE_URL の「{scheme}://」には対応していません。PostGIS を使うなら "
        "postgresql://ユーザー:パスワード@ホスト:ポート/データベース を、ローカルの GeoPackage を使うなら "
        "DATABASE_URL を設定しないでください。何もしていません。",
        "DATABASE_URL '{scheme}://…' is not supported: give postgresql://user:password@host:port/db for "
        "PostGIS, or unset DATABASE_URL to use the local GeoPackage. Nothing was done.",
    ),
    "store_folder_missing": (
        "CHIIKI_MAP_STORE のフォルダ {folder} がありません。フォルダを作るか、CHIIKI_MAP_STORE を正しいパスに"
        "してください（新しいストアは作成していません）。",
        "the folder {folder} of CHIIKI_MAP_STORE does not exist: create it, or correct CHIIKI_MAP_STORE "
        "(no new store was made).",
    ),
    "store_needs_upgrade": (
        "PostGIS のサイトデータ {target} は、テーブルの作成または更新が必要です（{steps}）。"
        "データベースの所有者ロールで `chiiki-map db upgrade` を実行してください"
        "（DATABASE_URL に所有者のユーザーを指定）。アプリは表を作成・変更しません。",
        "the PostGIS store {target} needs its tables created or upgraded ({steps}): run "
        "`chiiki-map db upgrade` as the database owner (DATABASE_URL with the owner's user). The app "
        "never creates or changes tables.",
    ),
    "store_upgrade_denied": (
        "このロールには {target} の表を作成・変更する権限がありません（{problem}）。"
        "データベースの所有者ロールの DATABASE_URL で `chiiki-map db upgrade` を実行してください。"
        "何も変更していません。",
        "this role may not create or change the tables of {target} ({problem}): run "
        "`chiiki-map db upgrade` with the DATABASE_URL of the database owner. Nothing was changed.",
    ),
    "store_postgis_missing": (
        "{target} で PostGIS が有効になっておらず、このロールでは有効にできません。"
        "データベース管理者に CREATE EXTENSION postgis の実行を依頼してください。",
        "PostGIS is not enabled in {target} and this role may not enable it: ask the database "
        "administrator to run CREATE EXTENSION postgis.",
    ),
    "store_legacy": (
        "サイトデータ {target} は以前のバージョンで作成されたため使えません（version・audit 列がありません）。"
        "ファイルを別名（例: {backup}）に移してやり直すと新しいストアが作成されます。"
        "移したファイルの候補地は `chiiki-map sites import FILE` で取り込めます。",
        "cannot use the site store {target}: it was written by an earlier version (no version/audit "
        "columns). Move the file aside (e.g. rename it to {backup}) and start again: a new store is "
        "created, and `chiiki-map sites import FILE` imports your own rows from the moved file.",
    ),
    "store_foreign": (
        "{target} はサイトデータではありません（候補地の列を持つ「sites」レイヤがありません。別の GeoPackage"
        "ではありませんか）。CHIIKI_MAP_STORE に別のファイル名を指定してください。",
        "{target} is not a site store: it has no 'sites' layer with the store's columns (is it another "
        "GeoPackage?). Point CHIIKI_MAP_STORE to another file name.",
    ),
    # chiiki-map db upgrade: what a store needs / what was done
    "store_step_tables": ("表の作成とサンプル候補地の登録", "tables created and the sample sites added"),
    "store_step_sign_in_columns": ("サインイン用の列の追加", "sign-in columns added"),
    "store_step_activity": ("activity 表の追加", "activity table added"),
    "store_step_role_check": ("管理者ロールの許可", "admin role allowed"),
    "store_step_identity": ("ID 列を IDENTITY に変更", "id columns made identity columns"),
    "store_step_functions": (
        "最小権限ロール用の関数（ID の予約・変更カウンタ）の作成",
        "functions for the least-privilege role (id reservation, change counter) created",
    ),
    "store_upgrade_done": ("{target} を更新しました: {steps}", "upgraded {target}: {steps}"),
    "store_upgrade_none": ("{target} は最新です。何も変更していません。", "{target} is up to date: nothing changed."),
}


def steps_text(steps: Iterable[str], lang: str) -> str:
    """The upgrade steps (``store_step_*`` codes without the prefix) in words, joined."""
    return ("、" if lang == "ja" else ", ").join(i18n.t(f"store_step_{s}", lang) for s in steps)


def store_error_text(error: StoreError, lang: str) -> str:
    """What is wrong with the store and what to do, in ``lang``."""
    params = dict(error.params)
    if "steps" in params:
        params["steps"] = steps_text(params["steps"], lang)  # type: ignore[arg-type]
    return i18n.t(error.code, lang, **params)


def error_text(error: Exception, lang: str) -> str:
    """Any error for a page or message: a ``StoreError`` in words, anything else as its text."""
    return store_error_text(error, lang) if isinstance(error, StoreError) else str(error)


def bilingual(error: Exception) -> str:
    """An error for the command line: Japanese, then English (other errors as their text)."""
    if not isinstance(error, StoreError):
        return str(error)
    return f"{store_error_text(error, 'ja')} / {store_error_text(error, 'en')}"
