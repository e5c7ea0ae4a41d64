"""UI text of the briefing export: the exported HTML page and the export page of the app."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_export": ("ブリーフィング出力", "Briefing export"),
    # exported page
    "export_default_title": ("地域未来マップ ブリーフィング：{region}", "Chiiki Mirai Map briefing: {region}"),
    "export_region": ("対象地域", "Region"),
    "export_date": ("作成日", "Date"),
    "export_filters": ("絞り込み", "Filters"),
    "export_no_filter": ("なし（すべて）", "none (all)"),
    "export_layers_shown": ("表示レイヤ", "Layers shown"),
    "export_summary": ("概要", "Summary"),
    "export_item": ("項目", "Item"),
    "export_value": ("値", "Value"),
    "export_n_clusters": ("クラスター数（2地点以上）", "Clusters (2+ sites)"),
    "export_n_cross_pref": ("うち県境を越えるもの", "of which cross-prefecture"),
    "export_n_gaps": ("インフラ不足（件）", "Infrastructure gaps (count)"),
    "export_sites_with_gap": ("不足のある候補地", "Sites with a gap"),
    "export_gaps_unknown": ("判定不能（部分データ・データ範囲外）", "Unknown (partial data or outside coverage)"),
    "export_land_available": ("産業用地 供給可能（ha）", "Industrial land available (ha)"),
    "export_land_demand": ("産業用地 需要（ha）", "Industrial land demand (ha)"),
    "export_land_balance": ("産業用地 収支（ha）", "Industrial land balance (ha)"),
    "export_sites": ("候補地一覧", "Sites"),
    "export_top_note": (
        "全{total}件のうち投資額の大きい上位{n}件を表示しています。全件の一覧とインフラ判定は、地域未来マップの"
        "「ブリーフィング出力」ページで CSV としてダウンロードできます。",
        "Showing the {n} sites with the largest investment out of {total}. Every site, and every requirement"
        " check, is in the CSV files offered on the Briefing export page of Chiiki Mirai Map.",
    ),
    "export_sources": ("出典", "Sources"),
    "export_col_place": ("都道府県・市区町村", "Prefecture, municipality"),
    "export_gaps_table": ("候補地ごとのインフラ要件の判定", "Infrastructure requirements per site"),
    "export_col_distance": ("最寄りまでの距離", "Distance to nearest"),
    "export_col_limit": ("要件（以内）", "Required within"),
    "export_col_name": ("名称", "Name"),
    "export_col_source": ("出典", "Source"),
    "export_col_licence": ("ライセンス", "Licence"),
    "export_col_date": ("データ時点", "Data date"),
    "export_credit_lines": ("クレジット表記", "Credit lines"),
    "export_sites_source": (
        "候補地：公表情報から作成したサンプル（座標は概略）または利用者のデータ",
        "Sites: sample compiled from public announcements (approximate) or the user's data",
    ),
    "export_clusters_layer": (
        "クラスター（分野の色、県境を越えるものは赤枠）",
        "Clusters (field colour, red outline = cross-prefecture)",
    ),
    "export_gaps_layer": ("インフラ不足のある候補地", "Sites with an infrastructure gap"),
    "export_cluster_tip": ("{field}：{n}地点・{oku}億円", "{field}: {n} sites, {oku} × 100 million yen"),
    "export_gap_tip": ("不足：{what}", "Missing: {what}"),
    "export_footer": (
        "地域未来マップで作成。地図データは各出典の条件に従って利用してください。",
        "Made with Chiiki Mirai Map. Use the map data under the terms of each source.",
    ),
    # app page
    "export_heading": ("ブリーフィング（オフラインHTML）", "Briefing (offline HTML)"),
    "export_intro": (
        "現在の地域と絞り込みで、ネットワークなしで開ける1つのHTMLファイルを作成します（A4横で印刷可）。",
        "One HTML file for the current region and filters that opens without any network (prints on A4 landscape).",
    ),
    "export_layers": ("含めるインフラレイヤ", "Infrastructure layers to include"),
    "export_compare": (
        "地域比較の節を加える（比べる地域、最大3）",
        "Add a region comparison (regions to compare, up to 3)",
    ),
    "export_compare_help": (
        "この地域と選んだ地域の地域カルテの数値を、列に並べた表を加えます（絞り込みは同じ）。",
        "Adds a table of the region profile figures of this region and the chosen ones, in columns (same filters).",
    ),
    "export_basemap": (
        "オンライン時に地理院タイルを背景に表示（オフラインでは無地）",
        "Show GSI tiles as basemap when online (plain background offline)",
    ),
    "export_download": ("HTMLをダウンロード", "Download HTML"),
    "export_tables": (
        "表示中の地域と絞り込みの全件（ブリーフィングの表は投資額の大きい上位のみ）：",
        "Every row for the region and filters shown (the briefing's tables list only the largest sites):",
    ),
    "export_sites_csv": ("候補地一覧（CSV）", "Sites (CSV)"),
    "export_gaps_csv": ("インフラ要件の判定（CSV）", "Infrastructure requirement checks (CSV)"),
    "export_build": ("ブリーフィングを作成", "Build the briefing"),
    "export_build_hint": (
        "地域・絞り込み・レイヤを選んでから作成してください（候補地が多いと数十秒かかります）。",
        "Choose the region, filters and layers, then build it (many sites take tens of seconds).",
    ),
    "export_building": ("作成中…", "Building…"),
    "export_size": (
        "サイズ：{total}（Leaflet {leaflet}、データ {data}）",
        "Size: {total} (Leaflet {leaflet}, data {data})",
    ),
    "export_over_budget": (
        "サイズが目安 {budget} を超えています。レイヤを減らしてください。",
        "Larger than the budget of {budget}: include fewer layers.",
    ),
}
