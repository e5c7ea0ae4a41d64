"""The words of errors about plans (計画素案) and the plan checklist file: ``err_<code>``.

Worded by ``i18n.errors`` from the code and parameters ``geo.plans`` and ``geo.store.plans`` raise.
Japanese first, then English.
"""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "err_plan_type_unknown": (
        "計画の類型 {value} はありません。次のいずれかにしてください: {types}",
        "plan type {value} is unknown: use one of {types}",
    ),
    "err_plan_name_empty": ("計画の名称が空です。名称を入れてください", "the plan has no name: give it one"),
    "err_plan_name_too_long": (
        "計画の名称が長すぎます（{n:,} 文字。{limit:,} 文字まで）",
        "the plan name is too long ({n:,} characters; at most {limit:,})",
    ),
    "err_plan_field_unknown": (
        "分野 {value} はありません。分野 ID は次のいずれかです: {fields}",
        "field {value} is unknown: field ids are {fields}",
    ),
    "err_plan_status_unknown": (
        "計画の状況 {value} はありません。次のいずれかにしてください: {statuses}",
        "plan status {value} is unknown: use one of {statuses}",
    ),
    "err_plan_check_status_unknown": (
        "要件の判定 {value} はありません。次のいずれかにしてください: {statuses}",
        "requirement status {value} is unknown: use one of {statuses}",
    ),
    "err_plan_evidence_empty": (
        "{status} とするには根拠が必要です（誰が・何に基づいて判断したか）。根拠を書いてください",
        "setting {status} needs evidence (who decided, on what): write it",
    ),
    "err_plan_evidence_too_long": (
        "根拠が長すぎます（{n:,} 文字。{limit:,} 文字まで）。資料名や URL で示してください",
        "the evidence is too long ({n:,} characters; at most {limit:,}): refer to the document or its address",
    ),
    "err_plan_section_too_long": (
        "記述欄 {section} が長すぎます（{n:,} 文字。{limit:,} 文字まで）",
        "section {section} is too long ({n:,} characters; at most {limit:,})",
    ),
    "err_plan_section_unknown": (
        "記述欄 {value} はありません。次のいずれかです: {sections}",
        "section {value} is unknown: sections are {sections}",
    ),
    "err_plan_site_id_bad": (
        "候補地 ID {value} は使えません（正の整数にしてください）",
        "site id {value} is not usable: use a positive whole number",
    ),
    "err_plan_too_many_members": (
        "構成候補地が多すぎます（{n:,} 件。{limit:,} 件まで）",
        "too many member sites ({n:,}; at most {limit:,})",
    ),
    "err_plan_area_unusable": (
        "描いた範囲が空か不正な図形です。範囲を描き直してください",
        "the drawn area is empty or not a valid shape: draw it again",
    ),
    "err_plan_municipality_unknown": (
        "市区町村コード {code} の市区町村はありません（N03 2021 年の 5 桁コード）",
        "no municipality has the code {code} (five-digit N03 2021 codes)",
    ),
    "err_plan_requirement_unknown": (
        "類型 {type} の計画要件に {value} はありません。次のいずれかです: {ids}",
        "plan type {type} has no requirement {value}: its requirements are {ids}",
    ),
    "err_plan_requirement_automatic": (
        "要件 {id} はデータから自動で判定します（規則 {rule}）。構成候補地や企業のデータを直してください",
        "requirement {id} is judged from the data (rule {rule}): correct the member sites or firms instead",
    ),
    "err_plan_requirements_missing": (
        "計画要件ファイル {path} がありません。data/plan_requirements.toml をリポジトリから戻してください",
        "plan requirements file not found: {path}; restore data/plan_requirements.toml from the repository",
    ),
    "err_plan_requirements_toml": (
        "計画要件ファイル {path} を読めません（TOML の誤り: {problem}）",
        "cannot read the plan requirements file {path} (TOML error: {problem})",
    ),
    "err_plan_requirements_entry": (
        "計画要件ファイル {path} の {entry} が足りないか使えない値です（type、id、text_ja、text_en が必要）",
        "the plan requirements file {path} lacks {entry} or has a value that cannot be used "
        "(each entry needs type, id, text_ja and text_en)",
    ),
    "err_plan_requirements_twice": (
        "計画要件ファイル {path} に類型 {type} の {id} が 2 回あります",
        "the plan requirements file {path} lists {id} of type {type} twice",
    ),
    "err_plan_requirements_rule": (
        "計画要件ファイル {path} の {id} の判定規則 {rule} はありません。次のいずれかです: {rules}",
        "the plan requirements file {path} gives {id} the rule {rule}, which does not exist: rules are {rules}",
    ),
    "err_plan_firms_type": (
        "重点支援企業は類型 B（地域産業クラスター計画）の計画にだけ登録できます（この計画は {type}）",
        "priority firms belong to plan type B (regional industry cluster plan) only; this plan is {type}",
    ),
    "err_plan_area_file": (
        "範囲のファイル {file} を使えません（{problem}）。ポリゴンを含む GeoJSON か GeoPackage にしてください",
        "the area file {file} cannot be used ({problem}): give a GeoJSON or GeoPackage with a polygon",
    ),
    "err_cli_plan_export_suffix": (
        "出力ファイル {file} の形式が分かりません。拡張子を {suffixes} のいずれかにしてください",
        "cannot tell the format of {file}: end its name with one of {suffixes}",
    ),
    "err_plan_area_no_polygon": (
        "範囲のファイル {file} にポリゴンがありません。範囲を囲むポリゴンを描いてください",
        "the area file {file} holds no polygon: draw one around the area",
    ),
    "err_plan_not_found": (
        "計画 {id} は {store} にありません。chiiki-map plan list で番号を確かめてください",
        "there is no plan {id} in {store}: see chiiki-map plan list for the ids",
    ),
    "err_plan_conflict": (
        "計画 {id} は読み込んだ後に {saved_by} さんが保存しました（{at}、版 {version}。読み込んだのは版 {expected}）。"
        "何も保存していません。読み直してからもう一度変更してください",
        "plan {id} was saved by {saved_by} at {at} (version {version}) after you loaded version {expected}: "
        "nothing was saved; load it again and redo the change",
    ),
    "err_plan_site_missing": (
        "候補地 {ids}（{n} 件）は {store} にないか削除済みです。計画に入れるのは登録済みの候補地だけです",
        "site(s) {ids} ({n}) are not in {store} or were deleted: a plan's members must be stored sites",
    ),
}
