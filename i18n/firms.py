"""UI text of the priority-firm page (コネクター度・ハブ度)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_firms": ("重点企業", "Priority firms"),
    "firms_title": ("重点企業：コネクター度とハブ度", "Priority firms: connector and hub degree"),
    "firms_caption": (
        "コネクター度＝企業の域外販売額÷都道府県の域外販売額、ハブ度＝企業の域内仕入額÷都道府県の域内仕入額。"
        "順位はコネクター度＋ハブ度の大きい順（同点はコネクター度、次に企業名）。",
        "Connector degree = firm's out-of-region sales ÷ the prefecture's; hub degree = firm's in-region "
        "purchases ÷ the prefecture's. Rank: highest connector + hub first (ties: connector, then name).",
    ),
    "firms_upload": (
        "企業データ（CSV: UTF-8 / Shift_JIS、または Excel）",
        "Firm table (CSV: UTF-8 / Shift_JIS, or Excel)",
    ),
    "firms_upload_help": (
        "列：企業名、都道府県コード、域外販売額、域内仕入額（任意：経度、緯度、従業員数、利益）",
        "Columns: firm, pref_code, out_region_sales, in_region_purchases (optional lon, lat, employees, profit)",
    ),
    "firms_totals": ("都道府県の合計（任意）", "Prefecture totals (optional)"),
    "firms_totals_help": (
        "列：都道府県コード、域外販売額、域内仕入額。無い場合は表の合計を使います。",
        "Columns: pref_code, out_region_sales, in_region_purchases. Without it the table's sums are used.",
    ),
    "firms_template_csv": ("テンプレート（CSV）", "Template (CSV)"),
    "firms_template_xlsx": ("テンプレート（Excel）", "Template (Excel)"),
    "firms_template_units": (
        "金額の単位は百万円（都道府県の域外販売額・域内仕入額の公表値と同じ単位）。"
        "同じファイル内で単位をそろえてください。"
        "都道府県コードはJISコード（例：熊本県＝43）。",
        "Amounts in million yen (百万円, the unit of the published prefecture totals); use one unit "
        "throughout a file. Prefecture code: JIS code (e.g. Kumamoto = 43).",
    ),
    "firms_sample_shown": (
        "ファイル未選択のため、{region}のサンプル（架空の企業・金額）を表示しています。",
        "No file chosen: showing the sample for {region} (fictional firms and amounts).",
    ),
    "firms_none_in_region": (
        "{region}の企業はこのファイルにありません。サイドバーの地域を変えてください。",
        "This file has no firms in {region}: choose another region in the sidebar.",
    ),
    "firms_none": (
        "企業データを選ぶと、順位・散布図・地図を表示します。",
        "Choose a firm table to see the ranking, the scatter and the map.",
    ),
    "firms_error": ("企業データを使えません：{detail}", "Cannot use the firm table: {detail}"),
    "firms_totals_from_table": ("都道府県の合計：表の合計を使用", "Prefecture totals: sums over the table"),
    "firms_totals_from_file": ("都道府県の合計：合計ファイルを使用", "Prefecture totals: from the totals file"),
    "firms_metric_firms": ("企業数", "Firms"),
    "firms_metric_rejected": ("除外した行", "Rejected rows"),
    "firms_metric_prefs": ("都道府県数", "Prefectures"),
    "firms_rejected": ("取り込めなかった行（行番号と理由）", "Rows not used (row number and reason)"),
    "firms_ranking": ("順位表", "Ranking"),
    "firms_scatter": ("コネクター度 × ハブ度", "Connector × hub"),
    "firms_map": ("地図（経度・緯度のある企業）", "Map (firms with coordinates)"),
    "firms_no_coords": (
        "経度・緯度のある企業がないため地図には表示しません。",
        "No firm has coordinates, so none is drawn on the map.",
    ),
    "firms_download": ("順位表を CSV で保存", "Download the ranking (CSV)"),
    "firms_col_rank": ("順位", "Rank"),
    "firms_col_pref_rank": ("県内順位", "Rank in prefecture"),
    "firms_col_firm": ("企業名", "Firm"),
    "firms_col_pref": ("都道府県", "Prefecture"),
    "firms_col_connector": ("コネクター度", "Connector"),
    "firms_col_hub": ("ハブ度", "Hub"),
    "firms_col_score": ("コネクター度＋ハブ度", "Connector + hub"),
    "firms_col_out": ("域外販売額", "Out-of-region sales"),
    "firms_col_in": ("域内仕入額", "In-region purchases"),
    "firms_col_row": ("行（Excelの行番号）", "Row (as numbered in Excel)"),
    "firms_col_reason": ("理由", "Reason"),
    "firms_layer": ("重点企業", "Priority firms"),
    "firms_legend_title": ("重点企業", "Priority firms"),
    "firms_legend_connector": ("コネクター度 ≥ ハブ度", "connector ≥ hub"),
    "firms_legend_hub": ("ハブ度 > コネクター度", "hub > connector"),
    "firms_legend_size": ("円の大きさ：コネクター度＋ハブ度", "circle size: connector + hub"),
    # why a firm row is refused (geo.io.reasons codes) and the warning of a degree over 1
    "reason_firm_name_empty": ("企業名が空です", "firm name (企業名) is empty"),
    "reason_firm_pref_missing": ("都道府県（都道府県コード）がありません", "prefecture (都道府県コード) is missing"),
    "reason_firm_pref_unknown": (
        "都道府県「{value}」はありません。JIS コード 01〜47 か、熊本県のような名称にしてください",
        "unknown prefecture '{value}': give a JIS code 01-47 or a name such as 熊本県",
    ),
    "reason_firm_amount_missing": (
        "{header}（{column}）がありません。ない場合は 0 にしてください",
        "{column} ({header}) is missing: give 0 if the firm has none",
    ),
    "reason_firm_lonlat_half": (
        "経度・緯度の片方しかありません。両方書くか、両方空欄にしてください",
        "only one of lon/lat (経度/緯度) is given: give both or neither",
    ),
    "reason_totals_pref_unknown": (
        "{row} 行目: 都道府県「{value}」はありません",
        "row {row}: unknown prefecture '{value}'",
    ),
    "reason_totals_not_a_number": (
        "{row} 行目: {column}「{value}」が数値でないか空です",
        "row {row}: {column} '{value}' is not a number or is missing",
    ),
    "reason_totals_negative": (
        "{row} 行目: {column} が負の値（{value:g}）です",
        "row {row}: {column} {value:g} is negative",
    ),
    "reason_totals_pref_twice": ("都道府県 {pref} が複数回あります", "prefecture {pref} appears more than once"),
    "reason_share_over_one_connector": (
        "{firm}（{pref}）: コネクター度 {value:.3f} が 1 を超えています。企業の金額が都道府県の合計より大きい値です",
        "{firm} ({pref}): connector {value:.3f} exceeds 1 — the firm's amount is larger than the prefecture total",
    ),
    "reason_share_over_one_hub": (
        "{firm}（{pref}）: ハブ度 {value:.3f} が 1 を超えています。企業の金額が都道府県の合計より大きい値です",
        "{firm} ({pref}): hub {value:.3f} exceeds 1 — the firm's amount is larger than the prefecture total",
    ),
}
