"""The words for a file refused before or while it is read (``geo.io.gis_files``, ``geo.io.bounded``):
content that is not the format its name says, a GeoPackage that is not plain tables, a read past its budget.
"""

from __future__ import annotations

_AGAIN_JA = "QGIS でレイヤを通常のテーブルとして保存し直してください"
_AGAIN_EN = "save the layer again from QGIS as a plain table"

TEXT: dict[str, tuple[str, str]] = {
    "err_file_content_mismatch": (
        "{file}: 拡張子は {suffix} ですが、中身は{content}です。読み込みません。"
        "QGIS で {suffix} として保存し直してください",
        "{file} is named {suffix} but holds {content}; it is not read: save it again from QGIS as {suffix}",
    ),
    "err_file_not_gml": (
        "{file}: GML の地物集合ではありません（ルート要素 {root}）。"
        "国土数値情報の GML か、QGIS で書き出した GML にしてください",
        "{file} is not a GML feature collection (root element {root}): use a KSJ GML file or GML exported from QGIS",
    ),
    "err_gpkg_unreadable": (
        "{file}: GeoPackage（SQLite）として読めません。QGIS で開いて保存し直してください",
        "{file} cannot be read as a GeoPackage (SQLite): open it in QGIS and save it again",
    ),
    "err_gpkg_views": (
        "{file}: ビュー（{names}）を含む GeoPackage は読み込みません。" + _AGAIN_JA,
        "{file} holds views ({names}), which are not read: " + _AGAIN_EN,
    ),
    "err_gpkg_virtual_tables": (
        "{file}: 仮想テーブル（{names}）を含む GeoPackage は読み込みません。" + _AGAIN_JA,
        "{file} holds virtual tables ({names}), which are not read: " + _AGAIN_EN,
    ),
    "err_gpkg_generated_columns": (
        "{file}: 生成列（{names}）を含む GeoPackage は読み込みません。" + _AGAIN_JA,
        "{file} holds generated columns ({names}), which are not read: " + _AGAIN_EN,
    ),
    "err_gpkg_too_slow": (
        "{file}: GeoPackage の構造を確認しきれないため読み込みません。" + _AGAIN_JA,
        "{file}: the GeoPackage's structure takes too long to check, so it is not read: " + _AGAIN_EN,
    ),
    "err_file_timeout": (
        "{file}: 読込が {seconds:,.0f} 秒以内に終わらないため中止しました。壊れているか、読込に時間のかかる"
        "構造のファイルです。QGIS で保存し直すか、ファイルを分割してください",
        "{file}: reading did not finish within {seconds:,.0f} s and was stopped (CHIIKI_MAP_IMPORT_SECONDS): "
        "the file is damaged or built to be slow to read; save it again from QGIS, or split it",
    ),
    "err_file_too_much_memory": (
        "{file}: 読込に必要なメモリが上限 {mb:,} MB を超えたため中止しました。ファイルを分割してください",
        "{file}: reading needed more than {mb:,} MB of memory and was stopped (CHIIKI_MAP_IMPORT_MEMORY_MB): "
        "split the file",
    ),
    "err_file_reader_failed": (
        "{file}: 読込処理が異常終了しました（{detail}）。QGIS で保存し直してください",
        "{file}: the reader stopped abnormally ({detail}): save the file again from QGIS",
    ),
    "reason_content_sqlite": ("SQLite データベース", "a SQLite database"),
    "reason_content_json": ("JSON", "JSON"),
    "reason_content_xml": ("XML", "XML"),
    "reason_content_shapefile": ("シェープファイル", "a shapefile"),
    "reason_content_zip": ("zip 圧縮ファイル", "a zip archive"),
    "reason_content_other": ("別の形式", "another format"),
}
