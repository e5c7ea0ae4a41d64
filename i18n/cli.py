"""The words of the command line (``chiiki-map``): its own errors (``chiiki_cli.errors.CliError`` codes, as
``err_<code>``) and the lines it prints. The command line prints Japanese, then English."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "err_cli_usage": ("引数が正しくありません", "{text}"),
    # signing in
    "err_cli_no_password": (
        "パスワードがありません。--password-stdin を使うか、CHIIKI_MAP_PASSWORD を設定するか、端末で実行してください",
        "no password given: use --password-stdin, set CHIIKI_MAP_PASSWORD, or run in a terminal",
    ),
    "err_cli_passwords_differ": (
        "2 回入力したパスワードが違います。何も変更していません",
        "the two passwords differ: nothing was changed",
    ),
    "err_cli_no_user": (
        "編集者のサインインが必要です。--user NAME（または CHIIKI_MAP_USER）を指定してください。"
        "アカウントは `chiiki-map users add NAME --role editor` で作成します",
        "editor sign-in required: give --user NAME (or set CHIIKI_MAP_USER); "
        "create accounts with `chiiki-map users add NAME --role editor`",
    ),
    "err_cli_sign_in_failed": (
        "'{name}' でサインインできません: ユーザー名かパスワードが違います。または、パスワードを {failures} 回"
        "続けて間違えたためアカウントが {minutes} 分間ロックされています"
        "（管理者が `chiiki-map users unlock` で解除できます）",
        "sign-in failed for '{name}': wrong user name or password, or the account is locked ({failures} wrong "
        "passwords in a row lock it for {minutes} minutes; an admin can end it with `chiiki-map users unlock`)",
    ),
    "err_cli_not_editor": (
        "'{name}' は編集者ではありません（{role}）。候補地を変更できるのは編集者だけです",
        "'{name}' is a {role}: only editors may change sites",
    ),
    # files, options and points
    "cli_row_skipped": ("{row}: 読み飛ばし: {why}", "{row} skipped: {why}"),
    "err_cli_no_valid_sites": (
        "{file}: 有効な候補地の行がありません（却下 {n_bad} 行、上記参照）",
        "{file}: no valid site rows ({n_bad} rejected, see above)",
    ),
    "err_cli_out_not_html": ("--out {out}: .html のファイル名にしてください", "--out {out}: use a .html file name"),
    "err_cli_complete_needs_region": (
        "--complete には --region が必要です。ファイルが完全に含む範囲を指定してください",
        "--complete needs --region: say which area the file covers completely",
    ),
    "err_cli_nothing_written": ("{problem}。何も書き込んでいません", "{problem}; nothing was written"),
    "err_cli_land_what": (
        "取り込む用地ファイル FILE か、--list / --remove NAME を指定してください",
        "give a parcel FILE to import, or --list / --remove NAME",
    ),
    "err_cli_threshold": (
        "--threshold-km は正の距離（km）にしてください（指定値 {value}）",
        "--threshold-km must be a positive distance in km, got {value}",
    ),
    "err_cli_tolerance": (
        "--tolerance-m は 0 以上の距離（m）にしてください（指定値 {value}）",
        "--tolerance-m must be a distance >= 0 in metres, got {value}",
    ),
    "err_cli_lonlat_not_finite": (
        "経度・緯度は有限の数値にしてください（指定値 {lon} {lat}、例: {example}）",
        "longitude and latitude must be finite numbers, got {lon} {lat} (e.g. {example})",
    ),
    "err_cli_point_invalid": (
        "地点（経度 {lon}、緯度 {lat}）は有効な位置ではありません。経度は -180〜180、緯度は -90〜90 の範囲で、"
        "経度、緯度の順に指定してください（例: {example}）",
        "point (lon {lon}, lat {lat}) is not a valid position: longitude must be within -180..180 and latitude "
        "within -90..90; give longitude first, then latitude (e.g. {example})",
    ),
    "err_cli_point_invalid_swapped": (
        "地点（経度 {lon}、緯度 {lat}）は有効な位置ではありません。経度、緯度の順に指定してください（例: {example}）。"
        "入れ替えていませんか？（経度 {lat}、緯度 {lon}）は{pref}にあります",
        "point (lon {lon}, lat {lat}) is not a valid position: longitude must be within -180..180 and latitude "
        "within -90..90; give longitude first, then latitude (e.g. {example}); did you swap them? "
        "(lon {lat}, lat {lon}) is in {pref}",
    ),
    "err_cli_point_outside": (
        "地点（経度 {lon}、緯度 {lat}）は日本の外です。経度、緯度の順に度で指定してください（例: {example}）",
        "point (lon {lon}, lat {lat}) is outside Japan: give longitude first, then latitude, in degrees "
        "(e.g. {example})",
    ),
    "err_cli_point_outside_swapped": (
        "地点（経度 {lon}、緯度 {lat}）は日本の外です。経度、緯度の順に度で指定してください（例: {example}）。"
        "入れ替えていませんか？（経度 {lat}、緯度 {lon}）は{pref}にあります",
        "point (lon {lon}, lat {lat}) is outside Japan: give longitude first, then latitude, in degrees "
        "(e.g. {example}); did you swap them? (lon {lat}, lat {lon}) is in {pref}",
    ),
    # sites import
    "err_cli_nothing_imported": (
        "{file}: {problem}。何も取り込んでいません",
        "{file}: {problem}. Nothing was imported.",
    ),
    "err_cli_required_missing": (
        "{file}: 必須の列がありません: {columns}（見つかった列: {found}）。何も取り込んでいません",
        "{file}: required column(s) missing: {columns}; found {found}. Nothing was imported.",
    ),
    "err_cli_no_data_rows": (
        "{file}: 見出しだけでデータ行がありません。取り込むものがありません",
        "{file}: the file has a header but no data rows; nothing to import",
    ),
    "err_cli_import_strict": (
        "有効 {n_ok} 行・却下 {n_bad} 行、何も書き込んでいません（--strict で却下行あり）。"
        "却下行を直して取り込み直してください",
        "{n_ok} row(s) valid, {n_bad} rejected; nothing written (--strict and rows were rejected): "
        "fix the rejected rows and import again",
    ),
    "err_cli_import_no_valid": (
        "有効 {n_ok} 行・却下 {n_bad} 行、何も書き込んでいません（有効な行なし）。却下行を直して取り込み直してください",
        "{n_ok} row(s) valid, {n_bad} rejected; nothing written (no valid rows): "
        "fix the rejected rows and import again",
    ),
    "err_cli_import_not_saved": (
        "保存できません: {reasons}。何も取り込んでいません",
        "cannot save: {reasons}. Nothing was imported.",
    ),
    "cli_row_rejected": ("{row}: 取込不可: {why}", "{row}: rejected: {why}"),
    "cli_rejected_written": ("取込不可の {n} 行を {out} に書き出しました", "{n} rejected row(s) written to {out}"),
    "cli_dry_run": (
        "取込可能 {n_ok} 行・取込不可 {n_bad} 行、何も書き込んでいません（確認のみ）",
        "{n_ok} row(s) would be imported, {n_bad} rejected; nothing written (dry run)",
    ),
    "cli_imported": (
        "{n} 件を取り込みました（取込不可 {n_bad} 行）",
        "imported {n} site(s) (ids {first}–{last}) into {store} as {user}; {n_bad} rejected",
    ),
    "cli_firm_skipped": ("{row}（{firm}）: 読み飛ばし: {why}", "{row} ({firm}) skipped: {why}"),
    # what a command did
    "cli_user_added": ("{role} '{name}' を {store} に追加しました", "added {role} '{name}' to {store}"),
    "cli_password_changed": (
        "'{name}' のパスワードを変更しました。以前にサインインしたセッションは書き込めなくなります",
        "password of '{name}' changed; sessions signed in before can no longer write",
    ),
    "cli_role_changed": (
        "'{name}' は {role} になりました。以前にサインインしたセッションはサインインし直す必要があります",
        "'{name}' is now {role}; sessions signed in before must sign in again",
    ),
    "cli_role_same": (
        "'{name}' は既に {role} です。何も変更していません",
        "'{name}' already is {role}: nothing changed",
    ),
    "cli_unlocked": ("'{name}' のロックを解除しました", "'{name}' unlocked"),
    "cli_not_locked": (
        "'{name}' はロックされていません。失敗回数を戻しました",
        "'{name}' was not locked; failed sign-ins reset",
    ),
    "cli_no_accounts": (
        "アカウントはまだありません: chiiki-map users add NAME --role admin",
        "no accounts yet: chiiki-map users add NAME --role admin",
    ),
    "cli_sites_exported": (
        "{store} から {n} 件の候補地を {out} に書き出しました（{format}、EPSG:4326）",
        "exported {n} site(s) from {store} to {out} ({format}, EPSG:4326)",
    ),
    "cli_land_none": ("取り込んだ用地ファイルはありません", "no imported parcel files"),
    "cli_land_removed": ("{name} を削除しました", "removed {name}"),
    "cli_land_imported": (
        "{n} 件の用地を {target} に取り込みました（却下 {n_bad} 行、分譲可能面積が不明 {unknown} 件、{user}）",
        "imported {n} parcel(s) into {target} ({n_bad} rejected, {unknown} with unknown availability) as {user}",
    ),
    "cli_layer_dry_run": ("何も書き込んでいません（確認のみ）", "nothing written (dry run)"),
    "cli_layer_no_rows": ("何も書き込んでいません（使える行なし）", "nothing written (no usable rows)"),
    "cli_layer_imported": (
        "{n} 件の地物をレイヤ {layer}（{target}）に取り込みました（{user}）",
        "imported {n} feature(s) into layer {layer} ({target}) as {user}",
    ),
    "cli_wrote": ("{out} に書き出しました", "wrote {out}"),
    "cli_briefing_written": (
        "{out} に書き出しました — {region_ja}（{region_id}）、候補地 {n_sites} 件、レイヤ {n_layers} 件",
        "wrote {out} — {region_en} ({region_id}), {n_sites} sites, {n_layers} layers",
    ),
    "cli_briefing_skipped": (
        "{region} にデータのないレイヤ: {layers}（含めていません）",
        "no data in {region} for: {layers} (left out)",
    ),
    "cli_row_excluded": ("{row}: 除外: {why}", "{row}: rejected: {why}"),
    "cli_more_rejected": ("… ほか {n} 行を除外", "… and {n} more rejected row(s)"),
    "cli_rows_counted": ("取込可能 {n_ok} 行・除外 {n_bad} 行", "{n_ok} row(s) accepted, {n_bad} rejected"),
    # chiiki-map db upgrade: the steps done
    "cli_db_step_tables": ("表の作成とサンプル候補地の登録", "tables created and the sample sites added"),
    "cli_db_step_sign_in_columns": ("サインイン用の列の追加", "sign-in columns added"),
    "cli_db_step_activity": ("activity 表の追加", "activity table added"),
    "cli_db_step_plans": ("計画素案の表（plans, plan_audit）の追加", "plan tables (plans, plan_audit) added"),
    "cli_db_step_role_check": ("管理者ロールの許可", "admin role allowed"),
    "cli_db_step_identity": ("ID 列を IDENTITY 列に変更", "id columns made identity columns"),
    "cli_db_step_change_counter": (
        "候補地の変更カウンタ（表 site_changes とトリガ）の追加",
        "change counter of the sites (table site_changes and its triggers) added",
    ),
    "cli_db_step_functions": (
        "最小権限ロール用の関数（ID の予約・変更カウンタ）の作成",
        "functions for the least-privilege role (id reservation, change counter) created",
    ),
    "cli_db_upgraded": ("{target} を更新しました: {steps}", "upgraded {target}: {steps}"),
    "cli_db_up_to_date": ("{target} は最新です。何も変更していません", "{target} is up to date: nothing changed"),
}
