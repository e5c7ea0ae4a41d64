"""UI text of the map explorer page, the sidebar and the map itself."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # page
    "page_explore": ("地図", "Map"),
    "app_title": ("地域未来マップ", "Chiiki Mirai Map"),
    "app_caption": (
        "地域未来戦略：投資・インフラ・産業用地を地域ごとに可視化",
        "Regional Future Strategy: investment, infrastructure and industrial land by region",
    ),
    "language": ("表示言語 / Language", "表示言語 / Language"),
    # sidebar
    "filters": ("絞り込み", "Filters"),
    "block": ("ブロック（経済産業局）", "Block (METI bureau)"),
    "prefecture": ("都道府県", "Prefecture"),
    "all_japan": ("全国", "All Japan"),
    "all_option": ("すべて", "All"),
    "region_block_label": ("{name}（ブロック）", "{name} (block)"),
    "all_prefs": ("ブロック内すべて", "Whole block"),
    "fields": ("分野", "Fields"),
    "plan_types": ("計画類型", "Plan types"),
    "statuses": ("状況", "Status"),
    "layers": ("インフラレイヤ", "Infrastructure layers"),
    "basemap": ("背景地図（地理院タイル 淡色）", "Basemap (GSI pale tiles)"),
    "basemap_offline": (
        "ネットワークに接続できないため背景地図は表示しません（地図は表示されます）",
        "No network: basemap tiles are off (the map still draws)",
    ),
    "no_data_short": ("データなし", "no data"),
    # summary
    "n_sites": ("候補地数", "Sites"),
    "investment": ("投資額（億円）", "Investment (100 million yen)"),
    "jobs": ("雇用（人）", "Jobs"),
    "land": ("用地（ha）", "Land (ha)"),
    "known_of": ("数値が公表されている候補地：{known}／{n}件", "Sites with a disclosed figure: {known} of {n}"),
    "investment_charts": ("投資額の内訳（分野別・都道府県別）", "Investment by field and by prefecture"),
    "by_field": ("分野別投資額（億円）", "Investment by field (100 million yen)"),
    "by_pref": ("都道府県別投資額（億円）", "Investment by prefecture (100 million yen)"),
    "no_sites": (
        "この条件に合う候補地はありません。絞り込みを広げてください。",
        "No sites match these filters. Widen the filters.",
    ),
    "sample_notice": (
        "候補地は公表情報から作成したサンプルです（座標は概略）。",
        "Sites are a sample compiled from public announcements (approximate coordinates).",
    ),
    # map
    "map_heading": ("地図", "Map"),
    "legend": ("凡例", "Legend"),
    "legend_size": ("円の大きさ＝投資額", "Circle size = investment"),
    "legend_blocks": ("ブロック境界", "Block boundary"),
    "legend_prefs": ("都道府県境界", "Prefecture boundary"),
    "legend_binned": (
        "表示範囲の候補地が{n}件を超えるときは、画面上{px}ピクセル四方ごとに1つの円にまとめ、件数を表示します"
        "（色はその中で最も多い分野）。ズームインすると1件ずつ表示します。",
        "When more than {n} sites are in view, the sites in each {px}-pixel square are merged into one circle"
        " with their count (coloured by their most common field). Zoom in to see each site.",
    ),
    "cards_top_only": (
        "全{total}件のうち投資額の大きい上位{n}件のカードを収録しています。全件の一覧は、地域未来マップの"
        "「ブリーフィング出力」ページで CSV としてダウンロードできます。",
        "Cards are included for the {n} sites with the largest investment out of {total}. Every site is in the"
        " CSV offered on the Briefing export page of Chiiki Mirai Map.",
    ),
    "site_bin_tip": ("{n}件の候補地（クリックで拡大）", "{n} sites (click to zoom in)"),
    "legend_sites": ("候補地（色＝分野）", "Sites (colour = field)"),
    "legend_infra": ("インフラ", "Infrastructure"),
    "legend_analysis": ("分析", "Analysis"),
    "card_col_item": ("項目", "Item"),
    "card_col_value": ("内容", "Value"),
    "card_gaps": (
        "インフラまでの距離（分野の立地要件との比較・直線距離）",
        "Distance to infrastructure (against the field's requirement profile, straight line)",
    ),
    "legend_analysis_status": (
        "インフラ判定（色＝判定。候補地の色＝分野とは別の色）",
        "Infrastructure check (colour = result; not the field colours of the sites)",
    ),
    "legend_siting_status": (
        "立地候補（色＝最も悪い判定。候補地の色＝分野とは別の色）",
        "Site candidates (colour = worst check; not the field colours of the sites)",
    ),
    "legend_sites_hidden": (
        "候補地（色＝分野）：初期は非表示・レイヤ一覧で表示",
        "Sites (colour = field): off at first, switch on in the layer list",
    ),
    "legend_boundaries": ("境界", "Boundaries"),
    "legend_gap_gap": ("不足あり", "at least one gap"),
    "legend_gap_unknown": ("不足なし・一部不明（データ不足）", "no gap, some unknown (partial data)"),
    "legend_gap_ok": ("すべて充足", "all requirements met"),
    "unknown_field": ("分野不明", "unknown field"),
    "credits_more": ("クリックで全文", "click to read in full"),
    "credits_click": ("クリックで出典をすべて表示", "Click to read every credit"),
    "credits_line": ("{credits}", "Credits: {credits}"),  # the first (boundary) credit begins with 出典：
    "prefectures_layer": ("都道府県", "Prefectures"),
    "blocks_layer": ("ブロック", "Blocks"),
    "sites_layer": ("候補地", "Candidate sites"),
    # site card
    "site_card": ("候補地カード", "Site card"),
    "place_search": ("場所を探す（市区町村・駅・候補地の名前）", "Find a place (municipality, station or site name)"),
    "place_search_help": (
        "名前の一部で探せます。ひらがな・カタカナ、全角・半角は区別しません（例：はうすてんぼす、菊陽）。",
        "Part of a name is enough; hiragana and katakana, full- and half-width are the same (e.g. 菊陽).",
    ),
    "place_results": ("見つかった場所（選ぶと地図が移動します）", "Places found (choose one to move the map)"),
    "place_none": ("「{query}」に当たる場所はありません。", "No place matches “{query}”."),
    "place_option": ("{name}（{kind}{where}）", "{name} ({kind}{where})"),
    "place_kind_municipality": ("市区町村", "municipality"),
    "place_kind_station": ("駅", "station"),
    "place_kind_site": ("候補地", "site"),
    "click_hint": ("地図上の候補地をクリックすると詳細を表示します。", "Click a site on the map to see its card."),
    "company": ("企業", "Company"),
    "plan_type": ("計画類型", "Plan type"),
    "field": ("分野", "Field"),
    "status": ("状況", "Status"),
    "location": ("所在地", "Location"),
    "water": ("工業用水（m³/日）", "Industrial water (m³/day)"),
    "power": ("電力（MW）", "Power (MW)"),
    "source_note": ("出典メモ", "Source note"),
    "sample_badge": ("サンプル（公表情報・概略位置）", "Sample (public information, approximate location)"),
    # layers table
    "layer_table": ("レイヤの状態（表示範囲）", "Layer status (current region)"),
    "col_layer": ("レイヤ", "Layer"),
    "col_count": ("件数", "Features"),
    "col_status": ("状態", "Status"),
    "col_source": ("出典", "Source"),
    "col_licence": ("ライセンス", "Licence"),
    "col_date": ("データ時点", "Data date"),
    "status_loaded": ("読込済", "loaded"),
    "status_no_data": (
        "データ未読込 — OSMから取得するかファイルを読み込んでください",
        "no data loaded — fetch from OSM or import a file",
    ),
    "credits": ("出典・クレジット", "Sources and credits"),
    # errors
    "error_region": ("地域を特定できません：{detail}", "Unknown region: {detail}"),
    "error_data": ("データを読み込めません：{detail}", "Cannot load data: {detail}"),
    # where a site is, on its card: 熊本県 菊陽町 / 菊陽町, Kumamoto (municipalities keep their Japanese name)
    "site_place": ("{pref} {muni}", "{muni}, {pref}"),
}
