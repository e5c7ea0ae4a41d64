"""The words of errors about a file a person gives (tables, spatial files, uploads): ``err_<code>``.

Worded by ``i18n.errors`` from the code and parameters ``geo`` raises; ``{file}`` is the file's name as the
person knows it. Japanese first, then English.
"""

from __future__ import annotations

_QGIS_JA = "QGIS から EPSG:4326 で書き出し直すか、経度・緯度の列を持つ CSV として保存してください"
_QGIS_EN = "export it again from QGIS (EPSG:4326), or save the table as CSV with 経度/緯度"

TEXT: dict[str, tuple[str, str]] = {
    "err_file_not_found": (
        "{file}: ファイルがありません。パスを確認してください",
        "{file}: file not found: check the path",
    ),
    "err_file_empty": (
        "{file}: ファイルが空です。別のファイルを選んでください",
        "{file}: the file is empty: choose another file",
    ),
    "err_file_too_large": (
        "{file}: ファイルが大きすぎます（{mb:.1f} MB、上限 {limit_mb:.0f} MB）。"
        "ファイルを分けるか、管理者に上限（CHIIKI_MAP_MAX_IMPORT_MB）の引き上げを依頼してください",
        "{file}: the file is {mb:.1f} MB, over the limit of {limit_mb:.0f} MB (CHIIKI_MAP_MAX_IMPORT_MB): "
        "split the file or ask the administrator to raise the limit",
    ),
    "err_file_too_many_rows": (
        "{file}: 行数が上限 {limit:,} 行を超えています（CHIIKI_MAP_MAX_IMPORT_ROWS）。ファイルを分けてください",
        "{file}: the file has more than {limit:,} rows (CHIIKI_MAP_MAX_IMPORT_ROWS): split it into smaller files",
    ),
    "err_file_encoding": (
        "{file}: 文字コードを判別できません。UTF-8 か Shift_JIS（CP932）で保存してください"
        "（UTF-16 も可。Excel では「CSV UTF-8」か「Unicode テキスト」）",
        "{file}: cannot read the text encoding: save the file as UTF-8 or Shift_JIS (CP932) "
        "(or UTF-16; in Excel: 「CSV UTF-8」 or 「Unicode テキスト」)",
    ),
    "err_csv_no_header": (
        "{file}: 見出し行がありません。1 行目に列名を書いてください",
        "{file}: no header row found: the first line must name the columns",
    ),
    "err_csv_malformed": (
        '{file}: CSV として読めません。閉じていない引用符（"）や見出しより多いセルの行がないか確認し、'
        "Excel から CSV として保存し直してください",
        '{file}: not a well-formed CSV file: check for an unclosed quote (") or a row with more cells than '
        "the header, then save it again from Excel as CSV",
    ),
    "err_csv_malformed_at": (
        '{file}: CSV として読めません（{line} 行目付近）。閉じていない引用符（"）や見出しより多いセルの行が'
        "ないか確認し、Excel から CSV として保存し直してください",
        '{file}: not a well-formed CSV file (near line {line}): check for an unclosed quote (") or a row with '
        "more cells than the header, then save it again from Excel as CSV",
    ),
    "err_xlsx_unreadable": (
        "{file}: Excel ブック (.xlsx) として読めません。"
        "Excel で開いて .xlsx で保存し直すか、シートを CSV で保存してください",
        "{file}: not a readable Excel workbook (.xlsx): open it in Excel and save it again as .xlsx, "
        "or save the sheet as CSV",
    ),
    "err_zip_bomb": (
        "{file}: 展開後のデータが大きすぎます（{mb:,.0f} MB、上限 {limit_mb:,.0f} MB）。"
        "壊れたファイルか圧縮爆弾の可能性があります。必要な行だけを（CSV で）保存するか、ファイルを分けてください",
        "{file}: the file expands to {mb:,.0f} MB (limit {limit_mb:,.0f} MB, compression up to {ratio}:1): "
        "it is damaged or a 'zip bomb'. Save only the rows you need (as CSV), or split the file",
    ),
    "err_zip_bomb_ratio": (
        "{file}: 展開後のデータが大きすぎます（{mb:,.0f} MB、圧縮率の上限 {ratio}:1）。"
        "壊れたファイルか圧縮爆弾の可能性があります。必要な行だけを（CSV で）保存するか、ファイルを分けてください",
        "{file}: the file expands to {mb:,.0f} MB (compression up to {ratio}:1): it is damaged or a 'zip bomb'. "
        "Save only the rows you need (as CSV), or split the file",
    ),
    "err_sheet_empty": (
        "{file}: 最初のシートが空です。見出し行とデータを入れてください",
        "{file}: the first sheet is empty: put a header row and data in it",
    ),
    "err_table_type": (
        "{file}: この形式（{suffix!r}）は読めません。次の形式にしてください: {use}",
        "{file}: unsupported table type {suffix!r}: use {use}",
    ),
    "err_file_type": (
        "{file}: この形式（{suffix}）は読めません。次の形式にしてください: {use}",
        "{file}: unsupported file type {suffix}: use {use}",
    ),
    "err_file_unreadable": ("{file}: 読めません（{detail}）", "{file}: cannot be read: {detail}"),
    "err_headers_conflict": (
        "同じ項目を表す列が複数あります: {detail}。各項目に 1 列だけ残すか、列を手動で選んでください",
        "several columns mean the same field ({detail}): keep one of each and delete the others, "
        "or choose the columns by hand",
    ),
    "err_mapping_twice": (
        "複数の列が同じ項目に割り当てられています: {detail}",
        "several columns are mapped to the same field: {detail}",
    ),
    "err_spatial_unreadable": (
        "{file}: GeoJSON/GeoPackage として読めません。" + _QGIS_JA,
        "{file}: not a readable GeoJSON or GeoPackage file: " + _QGIS_EN,
    ),
    "err_headers_same_column": (
        "列 {first!r} と {second!r} は同じ項目 {column!r} を表します。どちらか一方だけにしてください",
        "columns {first!r} and {second!r} both mean {column!r}: keep only one of them",
    ),
    # layer files (GIS)
    "err_zip_no_dbf": (
        "{file}: zip に .dbf がありません。.shp・.shx・.dbf・.prj をまとめて zip にしてください",
        "{file}: the .dbf member is missing from the zip; zip the .shp, .shx, .dbf and .prj",
    ),
    "err_zip_no_layer": (
        "{file}: zip に .shp・.geojson・.gml のファイルがありません",
        "{file}: the zip holds no .shp, .geojson or .gml file",
    ),
    "err_table_no_lonlat": (
        "{file}: 表には経度・緯度（lon/lat）の列が必要です。見つかった列: {found}",
        "{file}: a table needs 経度/緯度 (lon/lat) columns; found {found}",
    ),
    "err_gis_unreadable": (
        "{file}: GIS ファイルとして読めません（{problem}）。GeoJSON・GeoPackage・zip にした Shapefile・"
        "国土数値情報の GML のいずれかで、壊れていないか（QGIS で開けるか）確かめてから、もう一度取り込んでください",
        "{file}: not a readable GIS file ({problem}); check that it is a GeoJSON, GeoPackage, zipped Shapefile or KSJ "
        "GML file and not damaged (open it in QGIS), then import it again",
    ),
    "err_gis_text_unreadable": (
        "{file}: 文字を読めません（{problem}）。UTF-8 で保存し直してから、もう一度取り込んでください",
        "{file}: the text could not be read ({problem}); save the file as UTF-8 and import it again",
    ),
    "err_text_not_utf8_or_cp932": (
        "{file}: 文字コードが UTF-8 でも Shift_JIS（cp932）でもありません（{position} バイト目で読めません）。"
        "UTF-8 で保存し直して（例：QGIS の「名前を付けて保存」でエンコーディング UTF-8）、もう一度取り込んでください",
        "{file}: the text is neither UTF-8 nor Shift_JIS (cp932) (undecodable byte at position {position}); save the "
        "file as UTF-8 (e.g. QGIS: Export > Save Features As, encoding UTF-8) and import it again",
    ),
    "err_gis_no_geometry": ("{file}: ジオメトリがありません", "{file}: the file has no geometry"),
    "err_ksj_p29_old": (
        "{file}: 古い版の P29 です（P29_004 が名称ではなく学校分類コード）。"
        "国土数値情報のサイトから最新版を入手してください",
        "{file}: an older P29 edition (P29_004 holds the 学校分類コード, not the name); download the current "
        "P29 edition from the KSJ site",
    ),
    "err_editor_required_layer": (
        "レイヤファイルの取込には編集者のアカウントが必要です。何も書き込んでいません",
        "importing a layer file needs an editor account; nothing was written",
    ),
    "err_layer_no_rows": (
        "{file}: 使える行がありません。何も書き込んでいません",
        "{file}: no usable rows; nothing was written",
    ),
    "err_xml_malformed": ("{file}: XML として正しくありません（{problem}）", "{file}: not well-formed XML ({problem})"),
    "err_ksj_gml_empty": ("{file}: 国土数値情報 GML に地物がありません", "{file}: no features found in the KSJ GML"),
    # OpenStreetMap files and road graphs
    "err_osm_file_type": (
        "{file!r}: この形式は読めません。.osm・.osm.bz2・.osm.pbf で終わる OpenStreetMap のファイル"
        "（Overpass/JOSM の書き出しや Geofabrik の抽出）にしてください",
        "unsupported file type {file!r}: use an OpenStreetMap file ending in .osm, .osm.bz2 or .osm.pbf "
        "(e.g. an Overpass/JOSM export or a Geofabrik extract)",
    ),
    "err_osm_xml_unreadable": (
        "{file!r} を OSM XML として読めません（{problem}）。壊れているか OpenStreetMap のデータではありません。"
        "入手し直してください",
        "could not read {file!r} as OSM XML ({problem}); the file is corrupt or not OpenStreetMap data — "
        "download or export it again",
    ),
    "err_osm_pbf_unreadable": (
        "{file!r} を OSM PBF として読めません（{problem}）。壊れているか OpenStreetMap のデータではありません。"
        "入手し直してください",
        "could not read {file!r} as an OSM PBF file ({problem}); the file is corrupt or not OpenStreetMap data — "
        "download it again",
    ),
    "err_osm_file_not_found": (
        "ファイル {file!r} がありません。"
        "パスを確認してください（先に .osm.pbf を入手するか .osm を書き出してください）",
        "file not found: {file!r}; check the path (download an .osm.pbf or export an .osm file first)",
    ),
    "err_osm_no_features": (
        "{file!r} には地域 {region!r} の中にレイヤ {layers} の地物がありません。"
        "ファイルがこの地域を含み、これらのタグを持つか確認してください",
        "{file!r} has no features of layer(s) {layers} inside region {region!r}; check that the file covers "
        "this region and contains these tags",
    ),
    "err_road_graph_not_found": (
        "道路グラフのファイル {file} がありません。.osm・.osm.bz2・.graphml を指定してください",
        "road graph file not found: {file}; give an .osm, .osm.bz2 or .graphml file",
    ),
    "err_road_graph_type": ("{file}: 道路グラフは {use} にしてください", "{file}: a road graph must be {use}"),
    "err_road_graph_none": (
        "{file}: 道路網を作れません（{problem}）。highway=* の way が必要です",
        "{file}: no road network could be built ({problem}); the file needs highway=* ways",
    ),
    # firm and parcel tables
    "err_firm_columns": (
        "企業の表に列 {columns} がありません。見つかった列: {found}",
        "the firm table lacks the column(s) {columns}; found: {found}",
    ),
    "err_totals_columns": (
        "都道府県合計の表 {file} に列 {columns} がありません。見つかった列: {found}",
        "the totals table {file} lacks the column(s) {columns}; found: {found}",
    ),
    "err_totals_invalid": (
        "{file}: 合計の表を使えません: {problems}",
        "{file}: the totals table cannot be used: {problems}",
    ),
    "err_totals_pref_missing": (
        "合計の表に都道府県 {prefs} の行がありません。追加するか、その企業を除いてください",
        "the totals file has no row for prefecture(s) {prefs}: add them or drop the firms",
    ),
    "err_totals_zero_connector": (
        "都道府県 {prefs}: {header}（{column}）の合計が 0 のため、コネクター度を計算できません。"
        "金額を確認するか、その都道府県の値を持つ合計ファイル（--totals）を指定してください",
        "prefecture {prefs}: total {column} ({header}) is 0, so the connector degree cannot be computed; "
        "check the amounts or give a totals file (--totals) with the prefecture's figure",
    ),
    "err_totals_zero_hub": (
        "都道府県 {prefs}: {header}（{column}）の合計が 0 のため、ハブ度を計算できません。"
        "金額を確認するか、その都道府県の値を持つ合計ファイル（--totals）を指定してください",
        "prefecture {prefs}: total {column} ({header}) is 0, so the hub degree cannot be computed; "
        "check the amounts or give a totals file (--totals) with the prefecture's figure",
    ),
    "err_firms_no_rows": (
        "使える企業の行がありません（却下 {n} 行）: {rows}",
        "no usable firm rows ({n} rejected): {rows}",
    ),
    "err_parcels_no_rows": (
        "{file}: 使える用地の行がありません（却下 {n} 行）。{rows}",
        "{file}: no usable parcel rows ({n} rejected). {rows}",
    ),
}
