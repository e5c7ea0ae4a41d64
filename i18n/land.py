"""UI text of the industrial-land page (産業用地の需給)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_land": ("産業用地", "Industrial land"),
    "land_title": ("産業用地の需給", "Industrial land: supply and demand"),
    "land_caption": (
        "分譲可能面積（供給）と、稼働前の候補地の用地面積（需要）を都道府県・ブロックごとに比較します。"
        "分譲可能面積が分からない用地は「不明」と表示し、0としては数えません。",
        "Available hectares (supply) against the land of sites not yet operating (demand), per prefecture "
        "and block. Parcels whose availability is not known are shown as unknown, never counted as zero.",
    ),
    "land_sources": ("用地データ", "Parcel data"),
    "land_use_sample": ("サンプル用地（デモ用）", "Sample estates (demo)"),
    "land_use_imported": ("取り込んだファイル", "Imported files"),
    "land_use_osm": ("OSM 工業用地（分譲可能面積は不明）", "OSM industrial land (availability unknown)"),
    "land_sample_notice": (
        "サンプル用地は実在する工業団地の名称と概略位置のみで、面積・分譲可能面積は未入力（不明）です。"
        "都道府県の産業用地リストを取り込んでください。",
        "Sample estates give only real estate names and approximate locations; areas and availability are "
        "not entered (unknown). Import your prefecture's industrial-land list.",
    ),
    "land_demand_note": (
        "需要＝表示中の候補地（サイドバーの絞り込みを反映）のうち「稼働」以外の用地面積（ha）の合計。"
        "用地面積のない候補地は件数で示します。",
        "Demand = land (ha) of the shown sites (sidebar filters apply) whose status is not operating; "
        "sites without a land figure are counted separately.",
    ),
    "land_metric_parcels": ("用地数", "Parcels"),
    "land_metric_available": ("分譲可能面積（既知分, ha）", "Available (known, ha)"),
    "land_metric_demand": ("需要（ha）", "Demand (ha)"),
    "land_metric_unknown": ("分譲可能面積が不明な用地", "Parcels with unknown availability"),
    "land_by_pref": ("都道府県別", "By prefecture"),
    "land_by_block": ("ブロック別", "By block"),
    "land_chart": ("分譲可能面積と需要（ha）", "Available vs demand (ha)"),
    "land_chart_unknown": (
        "分譲可能面積が不明のためグラフにない都道府県: {names}",
        "Not charted because availability is unknown: {names}",
    ),
    "land_col_pref": ("都道府県", "Prefecture"),
    "land_col_block": ("ブロック", "Block"),
    "land_col_parcels": ("用地数", "Parcels"),
    "land_col_available": ("分譲可能面積（ha）", "Available (ha)"),
    "land_col_demand": ("需要（ha）", "Demand (ha)"),
    "land_col_balance": ("過不足（ha）", "Balance (ha)"),
    "land_col_unknown": ("不明な用地", "Unknown parcels"),
    "land_col_unknown_sites": ("面積不明の候補地", "Sites without land figure"),
    "land_col_unknown_prefs": ("供給不明の都道府県", "Prefectures with unknown supply"),
    "land_col_status": ("状況", "Status"),
    "land_col_name": ("名称", "Name"),
    "land_col_total": ("総面積（ha）", "Total (ha)"),
    "land_col_price": ("分譲価格（円/㎡）", "Price (yen/m²)"),
    "land_col_source": ("出典", "Source"),
    "land_col_origin": ("種別", "Origin"),
    "land_col_area": ("クラスター / 候補地", "Cluster / site"),
    "land_col_distance": ("距離（km）", "Distance (km)"),
    "land_status_surplus": ("余裕あり", "surplus"),
    "land_status_shortfall": ("不足", "shortfall"),
    "land_status_unknown": ("不明", "unknown"),
    "land_origin_sample": ("サンプル", "sample"),
    "land_origin_import": ("取込", "imported"),
    "land_origin_osm": ("OSM", "OSM"),
    "land_layer_balance": ("用地の過不足（都道府県）", "Land balance (prefecture)"),
    "land_layer_unknown": ("用地の過不足：不明", "Land balance: unknown"),
    "land_layer_parcels": ("工業用地・工業団地", "Industrial land & estates"),
    "land_legend_title": ("用地の過不足（分譲可能−需要）", "Land balance (available − demand)"),
    "land_legend_short_large": ("50 ha 超の不足", "short by more than 50 ha"),
    "land_legend_short": ("不足（50 ha まで）", "short by up to 50 ha"),
    "land_legend_surplus": ("余裕（50 ha 未満）", "surplus under 50 ha"),
    "land_legend_surplus_large": ("余裕（50 ha 以上）", "surplus of 50 ha or more"),
    "land_legend_parcel_known": ("用地（分譲可能面積あり）", "parcel (availability known)"),
    "land_legend_parcel_unknown": ("用地（分譲可能面積不明）", "parcel (availability unknown)"),
    "land_tip_unknown_parcels": ("分譲可能面積が不明な用地 {n} 件", "{n} parcel(s) with unknown availability"),
    "land_tip_unknown_sites": ("用地面積が不明な候補地 {n} 件", "{n} site(s) without a land figure"),
    "land_sample_badge": ("サンプル（デモ用・概略位置）", "Sample (demo, approximate location)"),
    "land_parcels_table": ("用地一覧", "Parcels"),
    "land_no_parcels": (
        "この地域の用地データはありません（不明）。ファイルを取り込むか OSM から取得してください。",
        "No parcel data for this region (unknown). Import a file or fetch from OSM.",
    ),
    "land_reach": ("クラスター・候補地から到達圏内の用地", "Parcels within reach of clusters and sites"),
    "land_reach_km": ("到達距離（km）", "Reach (km)"),
    "land_reach_clusters": (
        "クラスター（同分野の候補地を {km:.0f} km 以内で連結）ごと",
        "Per cluster (sites of one field linked within {km:.0f} km)",
    ),
    "land_reach_none": ("到達圏内に用地はありません", "No parcel within reach"),
    "land_import": ("用地ファイルの取り込み", "Import a parcel file"),
    "land_import_help": (
        "CSV（UTF-8 / Shift_JIS）・Excel は 経度・緯度 列、GeoJSON・GeoPackage は図形を使います。"
        "見出し例：団地名、総面積（ha）、分譲可能面積（ha）、分譲価格（円/㎡）、状況、出典。",
        "CSV (UTF-8 / Shift_JIS) or Excel with lon/lat columns, or GeoJSON / GeoPackage. Headers such as "
        "団地名, 総面積（ha）, 分譲可能面積（ha）, 分譲価格（円/㎡）, 状況, 出典 are recognised.",
    ),
    "land_upload": ("ファイルを選択", "Choose a file"),
    "land_preview": (
        "プレビュー：{ok} 行を取り込めます（{bad} 行は取り込めません）",
        "Preview: {ok} row(s) can be imported ({bad} cannot)",
    ),
    "land_rejected": ("取り込めない行と理由", "Rows that cannot be imported, with reasons"),
    "land_import_button": ("取り込む", "Import"),
    "land_imported": ("{n} 件の用地を取り込みました（{name}）", "Imported {n} parcel(s) ({name})"),
    "land_editor_required": (
        "用地ファイルの取込・削除には編集者としてのサインインが必要です（サイドバー）。"
        "内容の確認はサインインなしでできます。",
        "Editor sign-in required to import or remove parcel files (see the sidebar). Previewing a file stays open.",
    ),
    "land_import_error": ("ファイルを読み込めません：{detail}", "Cannot read the file: {detail}"),
    "land_imports": ("取り込み済み: {names}", "Imported: {names}"),
    "land_remove": ("取り込みを削除", "Remove an import"),
    "land_remove_button": ("削除", "Remove"),
    "land_download": ("都道府県別の表を CSV で保存", "Download the prefecture table (CSV)"),
    # why a parcel row is refused (geo.io.reasons codes)
    "reason_parcel_not_a_number": (
        "{label}「{value}」は数値ではありません。ヘクタール（ha）か 円/㎡ を数字で書いてください",
        "{column} '{value}' is not a number: give hectares (ha) or 円/㎡ as digits",
    ),
    "reason_parcel_available_over_total": (
        "分譲可能面積 {available} ha が総面積 {total} ha を超えています。2 つの面積の列を確認してください",
        "available_ha {available} exceeds total_ha {total}: check the two area columns",
    ),
    "reason_parcel_no_location": (
        "位置がありません。経度・緯度（世界測地系の度）かジオメトリを指定してください",
        "no location: give 経度/緯度 (lon/lat in WGS 84 degrees) or a geometry",
    ),
    "reason_parcel_outside_japan": (
        "位置が日本の外です。経度・緯度が世界測地系の度（経度 約123〜154、緯度 約20〜46）で、"
        "入れ替わっていないか確認してください",
        "location is outside Japan: check lon/lat are WGS 84 degrees (lon ~123-154, lat ~20-46), not swapped",
    ),
}
