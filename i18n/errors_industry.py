"""The words of the industry analysis's errors (codes raised by ``geo.industry``), Japanese first, English."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "err_industry_level_unknown": (
        "集計単位は {levels} のいずれかを指定してください（指定値 {value}）",
        "use one of {levels} as the level, got {value}",
    ),
    "err_industry_division_unknown": (
        "産業大分類は A〜R の記号で指定してください（例：E 製造業。指定値 {value}）",
        "give the division as a JSIC letter A–R (e.g. E for manufacturing), got {value}",
    ),
    # data/field_divisions.toml (geo.errors.FieldDivisionsError)
    "err_field_divisions_missing": (
        "{file} がありません。data/field_divisions.toml を戻してください",
        "{file} not found: restore data/field_divisions.toml",
    ),
    "err_field_divisions_not_toml": (
        "{file} は正しい TOML ではありません（{detail}）。示された行を直してください",
        "{file} is not valid TOML ({detail}): fix the line named",
    ),
    "err_field_divisions_not_utf8": ("{file} を UTF-8 で保存してください", "{file}: save the file as UTF-8"),
    "err_field_divisions_top_level": (
        "{file}：[meta] と [fields.*] 以外の項目があります（{keys}）",
        "{file}: only [meta] and [fields.*] are allowed, found {keys}",
    ),
    "err_field_divisions_unknown_field": (
        "{file}：[fields.{field}] は分野IDではありません（geo.domain.ALL_FIELDS のIDにしてください）",
        "{file}: [fields.{field}] is not a field id (use an id of geo.domain.ALL_FIELDS)",
    ),
    "err_field_divisions_not_a_table": (
        "{file}：{field} は表（[fields.<分野ID>]）にしてください",
        "{file}: {field} must be a table ([fields.<field id>])",
    ),
    "err_field_divisions_no_divisions": (
        "{file}：[fields.{field}] に divisions（A〜R の記号のリスト）がありません",
        "{file}: [fields.{field}] needs divisions (a list of letters A–R)",
    ),
    "err_field_divisions_unknown_division": (
        "{file}：[fields.{field}] の {value} は産業大分類 A〜R ではありません",
        "{file}: [fields.{field}] {value} is not a JSIC division A–R",
    ),
    "err_field_divisions_unknown_key": (
        "{file}：[fields.{field}] に不明な項目があります（{keys}）",
        "{file}: [fields.{field}] has unknown key(s) {keys}",
    ),
}
