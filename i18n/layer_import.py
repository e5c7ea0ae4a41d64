"""UI text of the layer import page (レイヤの読込)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_layer_import": ("レイヤの読込", "Import a layer"),
    "layer_import_title": ("レイヤの読込（国土数値情報・自治体データ）", "Import a layer file (KSJ, local data)"),
    "layer_import_intro": (
        "GeoJSON、GeoPackage、Shapefile（ZIP、Shift_JIS/UTF-8）、国土数値情報GML、経度・緯度付きの表を"
        "インフラレイヤに読み込みます。C02 港湾・L05 工業用地・N02 鉄道・P29 学校の属性コードと、"
        "都道府県の工業用水道一覧（給水能力 m³/日）を自動で対応付けます。",
        "Read GeoJSON, GeoPackage, zipped Shapefile (Shift_JIS/UTF-8), KSJ GML or a table with lon/lat into "
        "an infrastructure layer. KSJ codes of C02 ports, L05 industrial land, N02 railways, P29 schools and "
        "prefectures' industrial-water tables (capacity m³/day) are mapped automatically.",
    ),
    "layer_import_file": ("ファイル", "File"),
    "layer_import_layer": ("読込先レイヤ", "Target layer"),
    "layer_import_source": ("出典", "Source"),
    "layer_import_licence": ("ライセンス・利用条件", "Licence / terms"),
    "layer_import_date": ("データの時点", "Date of the data"),
    "layer_import_region": ("対象地域（完全な場合）", "Area it covers (if complete)"),
    "layer_import_complete": (
        "この地域のこのレイヤをすべて含む（完全）",
        "It holds every feature of this layer in the area (complete)",
    ),
    "layer_import_dataset": ("判別したデータ: {name}", "Recognised as: {name}"),
    "layer_import_target_picked": (
        "読込先はファイルの内容（{name}）から「{layer}」にしました。違う場合は選び直してください。",
        "The target layer was set to “{layer}” from what the file holds ({name}); choose another if it is wrong.",
    ),
    # the datasets a file is recognised as (geo.infra.ksj.MAPS ids), and what a planner should know about each
    "layer_dataset_ksj_c02": ("国土数値情報 港湾（C02）", "KSJ ports (C02)"),
    "layer_dataset_ksj_l05": ("国土数値情報 工業用地（L05）", "KSJ industrial land (L05)"),
    "layer_dataset_ksj_n02": ("国土数値情報 鉄道（N02）", "KSJ railways (N02)"),
    "layer_dataset_ksj_p29": ("国土数値情報 学校（P29）", "KSJ schools (P29)"),
    "layer_dataset_pref_industrial_water": (
        "都道府県の工業用水道一覧（施設名・給水能力・経度緯度）",
        "A prefecture's industrial-water table (facility, capacity, longitude/latitude)",
    ),
    "layer_dataset_generic": (
        "GIS ファイル（名称・種別の列を自動で対応付け）",
        "GIS file (name and type columns matched)",
    ),
    "layer_dataset_note_ksj_c02": (
        "港湾名の列は仕様書で確認できていない対応です。2014年版は国土数値情報のページで「非商用」とされているため、"
        "商用に使う前に使用許諾条件を確認してください。",
        "The port-name column is mapped without confirmation from the specification. The 2014 edition is marked "
        "non-commercial on the KSJ page: check its terms before any commercial use.",
    ),
    "layer_dataset_note_ksj_l05": (
        "面積は属性ではなく区域の形から計算します（計算値として記録）。",
        "Areas are computed from the parcel shapes, not read from the attributes (recorded as computed).",
    ),
    "layer_dataset_note_ksj_p29": (
        "学校の種別は小・中・高等学校のみ名称にし、ほかは元のコードのまま残します。",
        "Only primary, junior high and high schools are named by type; other types keep their code.",
    ),
    "layer_import_counts": ("採用 {ok} 行、除外 {bad} 行", "{ok} row(s) accepted, {bad} rejected"),
    "layer_import_mapping": ("列の対応", "Column mapping"),
    "layer_import_col_file": ("ファイルの列", "Column in the file"),
    "layer_import_col_target": ("レイヤの項目", "Layer attribute"),
    "layer_import_rejected": ("除外した行と理由", "Rejected rows and why"),
    "layer_import_button": ("読み込む", "Import"),
    "layer_import_done": ("{n} 件をレイヤ「{layer}」に読み込みました", "Imported {n} feature(s) into {layer}"),
    "layer_import_error": ("読込できません: {error}", "Cannot import: {error}"),
    # a layer's attributes as the preview shows them (geo.infra.ksj's columns)
    "layer_attr_name": ("名称", "Name"),
    "layer_attr_subtype": ("種別", "Type"),
    "layer_attr_works_name": ("事業名", "Works"),
    "layer_attr_capacity_m3_day": ("給水能力（m³/日）", "Capacity (m³/day)"),
    "layer_attr_operator": ("事業者", "Operator"),
    "layer_attr_harbor_class1_code": ("港湾分類1（コード）", "Port class 1 (code)"),
    "layer_attr_port_class_code": ("港湾分類2（コード）", "Port class 2 (code)"),
    "layer_attr_port_class": ("港湾分類", "Port class"),
    "layer_attr_ksj_id": ("国土数値情報のID", "KSJ id"),
    "layer_attr_muni_code": ("市区町村コード", "Municipality code"),
    "layer_attr_muni_name": ("市区町村名", "Municipality"),
    "layer_attr_rail_type_code": ("鉄道区分（コード）", "Railway type (code)"),
    "layer_attr_operator_type_code": ("事業者種別（コード）", "Operator type (code)"),
    "layer_attr_line_name": ("路線名", "Line"),
    "layer_attr_station_code": ("駅コード", "Station code"),
    "layer_attr_group_code": ("駅グループコード", "Station group code"),
    "layer_attr_admin_code": ("行政区域コード", "Municipality code"),
    "layer_attr_school_code": ("学校コード", "School code"),
    "layer_attr_school_class_code": ("学校分類（コード）", "School class (code)"),
    "layer_attr_school_class": ("学校分類", "School class"),
    "layer_attr_address": ("所在地", "Address"),
    "layer_attr_manager_code": ("管理者（コード）", "Administrator (code)"),
    "layer_attr_closed_code": ("休校区分（コード）", "Closure (code)"),
    "layer_attr_area_ha": ("面積（ha）", "Area (ha)"),
    "layer_attr_area_source": ("面積の求め方", "How the area was found"),
}
