"""The words for what the system refused (``geo.io.system``: a full disk, a read-only folder, memory …),
a store setting that names a folder, and a bug (the command line's ``internal``).

Each ``err_system_*`` ends with its ``hint``: the setting that chose the place (``reason_setting``), or
nothing (a path the person typed).
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "err_system_disk_full": (
        "{path} のディスクに空きがありません（{detail}）。空きを作ってから、もう一度実行してください。"
        "ファイルを移したり消したりする必要はありません。{hint}",
        "the disk holding {path} is full ({detail}): free some space and run it again; "
        "there is no need to move or delete any file.{hint}",
    ),
    "err_system_read_only": (
        "{path} は書き込みできない場所です（{detail}）。書き込める場所を指定してください。{hint}",
        "{path} cannot be written to ({detail}): use a place that can be written to.{hint}",
    ),
    "err_system_permission": (
        "{path} を使う権限がありません（{detail}）。管理者に権限を確認してもらってください。{hint}",
        "no permission to use {path} ({detail}): ask the administrator to check the permissions.{hint}",
    ),
    "err_system_not_folder": (
        "{path} はフォルダであるべき場所にあるファイルです（{detail}）。フォルダを指定してください。{hint}",
        "{path} is a file where a folder is needed ({detail}): give a folder.{hint}",
    ),
    "err_system_is_folder": (
        "{path} はファイルであるべき場所にあるフォルダです（{detail}）。ファイルを指定してください。{hint}",
        "{path} is a folder where a file is needed ({detail}): give a file.{hint}",
    ),
    "err_system_not_found": (
        "{path} が見つかりません（{detail}）。場所を確認してください。{hint}",
        "{path} was not found ({detail}): check the place.{hint}",
    ),
    "err_system_other": (
        "{path} を使えません（{detail}）。{hint}",
        "cannot use {path} ({detail}).{hint}",
    ),
    "err_system_memory": (
        "メモリが足りなくなったため中止しました。範囲（--region）を小さくするか、ファイルを分割してください",
        "stopped: the machine ran out of memory; use a smaller --region, or split the file",
    ),
    "err_store_is_folder": (
        "サイトストアの場所 {path} はフォルダです。CHIIKI_MAP_STORE には GeoPackage ファイルのパス"
        "（例: {path}/sites.gpkg）を指定してください",
        "the site store {path} is a folder: set CHIIKI_MAP_STORE to the path of a GeoPackage file "
        "(e.g. {path}/sites.gpkg)",
    ),
    "reason_setting": ("場所は設定 {name} で決まります。", " The place is set by {name}."),
    "err_internal": (
        "内部エラー（不具合）で中止しました: {detail}。詳細を {log} に書きました。開発者に知らせてください",
        "stopped by an internal error (a bug): {detail}; the details are in {log}: please tell the developers",
    ),
}
