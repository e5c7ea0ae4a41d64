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
    "layer_import_dataset": ("判別したデータ: {name}（{id}）", "Detected dataset: {name} ({id})"),
    "layer_import_counts": ("採用 {ok} 行、除外 {bad} 行", "{ok} row(s) accepted, {bad} rejected"),
    "layer_import_mapping": ("列の対応", "Column mapping"),
    "layer_import_col_file": ("ファイルの列", "Column in the file"),
    "layer_import_col_target": ("レイヤの項目", "Layer attribute"),
    "layer_import_rejected": ("除外した行と理由", "Rejected rows and why"),
    "layer_import_button": ("読み込む", "Import"),
    "layer_import_done": ("{n} 件をレイヤ「{layer}」に読み込みました", "Imported {n} feature(s) into {layer}"),
    "layer_import_editor": (
        "書き込みには編集者のサインインが必要です（プレビューはどなたでも可）",
        "Writing needs an editor sign-in (anyone may preview)",
    ),
    "layer_import_error": ("読込できません: {error}", "Cannot import: {error}"),
}
