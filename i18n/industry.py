"""UI text of the industry-structure page (産業構造), the ``industry`` command and the profile's industry part."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_industry": ("産業構造", "Industry structure"),
    "industry_title": ("産業構造（特化係数）", "Industry structure (location quotients)"),
    "industry_caption": (
        "産業大分類別の従業者数と特化係数（その地域の構成比 ÷ 全国の構成比。1.0 を超えると全国平均より集積）。"
        "2021年 経済センサス-活動調査（民営事業所、従業地ベース）。",
        "Employees by JSIC division and the location quotient (the division's share in the area ÷ its share "
        "nationally; above 1.0 the area is more specialised than Japan). 2021 Economic Census for Business "
        "Activity (private establishments, by place of work).",
    ),
    "industry_division": ("地図に表示する産業（大分類）", "Division shown on the map"),
    "industry_division_option": ("{letter} {name}", "{letter} {name}"),
    "industry_layer": ("特化係数：{division}", "Location quotient: {division}"),
    "industry_legend_title": ("特化係数（{division}、{year}年）", "Location quotient ({division}, {year})"),
    "industry_legend_base": ("1.0 = 全国平均", "1.0 = national average"),
    "industry_legend_unknown": ("不明（従業者なし・データなし）", "unknown (no employees or no data)"),
    "industry_class_1": ("0.5 未満", "below 0.5"),
    "industry_class_2": ("0.5–0.8", "0.5–0.8"),
    "industry_class_3": ("0.8–1.0", "0.8–1.0"),
    "industry_class_4": ("1.0–1.25", "1.0–1.25"),
    "industry_class_5": ("1.25–2.0", "1.25–2.0"),
    "industry_class_6": ("2.0 以上", "2.0 and above"),
    "industry_tip_lq": ("特化係数", "Location quotient"),
    "industry_tip_employees": ("従業者数", "Employees"),
    "industry_tip_designated": ("政令指定都市（区を市全体に統合）", "designated city (wards dissolved into the city)"),
    "industry_metric_employees": ("従業者数（民営、2021年）", "Employees (private, 2021)"),
    "industry_metric_top": ("特化係数が最も高い産業", "Most specialised division"),
    "industry_metric_top_value": ("{letter}（{lq}）", "{letter} ({lq})"),
    "industry_metric_mfg_lq": ("製造業の特化係数", "Manufacturing location quotient"),
    "industry_strongest": ("特化係数の高い産業：{region}", "Most specialised divisions: {region}"),
    "industry_lq_chart": (
        "産業大分類別の特化係数（1.0 = 全国平均、赤線）",
        "Location quotient by division (1.0 = national average, red line)",
    ),
    "industry_employees_chart": ("産業大分類別の従業者数（2021年）", "Employees by division (2021)"),
    "industry_fields": ("戦略分野の産業基盤：{region}", "Local base of the strategic fields: {region}"),
    "industry_fields_caption": (
        "各戦略分野がよって立つ産業大分類（data/field_divisions.toml、編集可能な仮定）と、その地域の従業者数・特化係数。"
        "大分類では製造業の内訳（電子部品・輸送用機械など）は分けられません。",
        "The JSIC divisions each strategic field rests on (data/field_divisions.toml, an editable assumption) "
        "with the region's employees and location quotient. Divisions cannot split manufacturing into "
        "electronics, transport equipment and so on.",
    ),
    "industry_fields_none": ("対応なし", "no division linked"),
    "industry_fields_edit": ("対応表を編集する（このセッションのみ）", "Edit the table (this session only)"),
    "industry_fields_edit_caption": (
        "産業大分類の記号（A〜R）を「L, E」のように入力します。空欄は「対応なし」。変更はこの画面を開いている間だけ"
        "有効です。恒久的に使うには、ダウンロードした field_divisions.toml を管理者が data/ に置き換えてください。",
        "Type division letters (A–R) such as “L, E”; leave blank for no division. Changes last for this "
        "session only: to keep them, download field_divisions.toml and have an administrator replace the file "
        "in data/.",
    ),
    "industry_fields_download": ("編集した対応表をダウンロード（TOML）", "Download the edited table (TOML)"),
    "industry_col_letters": ("産業大分類（記号）", "Divisions (letters)"),
    "industry_col_division": ("産業大分類", "Division"),
    "industry_col_employees": ("従業者数", "Employees"),
    "industry_col_share": ("構成比", "Share"),
    "industry_col_national_share": ("全国の構成比", "Share in Japan"),
    "industry_col_lq": ("特化係数", "Location quotient"),
    "industry_col_field": ("戦略分野", "Strategic field"),
    "industry_col_note": ("対応の根拠", "Why linked"),
    "industry_col_municipality": ("市区町村", "Municipality"),
    "industry_top_munis": ("{division}の特化係数が高い市区町村", "Municipalities most specialised in {division}"),
    "industry_note_designated": (
        "政令指定都市は統計が市全体で与えられるため、地図では区（N03-2021）を市全体に統合して表示しています。",
        "Designated cities are given as whole cities in the statistics, so the map dissolves their N03-2021 "
        "wards into the city.",
    ),
    "industry_note_base": (
        "全国の構成比は、同じ表（SSDSE-A-2025、1,741市区町村）の全市区町村の合計から算出。都道府県・ブロックは市区町村の合計。"
        "経済センサスは民営事業所のみ（公務を含まない）、従業地で数えます。",
        "The national share is the sum over all 1,741 municipalities of the same table (SSDSE-A-2025); "
        "prefectures and blocks sum their municipalities. The census counts private establishments only (no "
        "public administration), at the place of work.",
    ),
    "industry_error_fields": (
        "戦略分野と産業大分類の対応表を読み込めません：{detail}",
        "Cannot read the field → division table: {detail}",
    ),
    # command line
    "industry_cli_head": (
        "産業構造 {region}（{level}、{year}年、特化係数の高い順）",
        "industry structure of {region} ({level}, {year}; most specialised first)",
    ),
    "industry_level_municipality": ("市区町村", "municipalities"),
    "industry_level_prefecture": ("都道府県", "prefectures"),
    "industry_level_block": ("ブロック", "METI blocks"),
}
