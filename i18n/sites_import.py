"""UI text of the bulk import page (候補地の一括取込)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    "page_sites_import": ("候補地の一括取込", "Import sites"),
    "import_title": ("候補地の一括取込", "Import sites from a file"),
    "import_caption": (
        "CSV（UTF-8 / Shift_JIS）、Excel（.xlsx）、GeoJSON、GeoPackage を読み込めます。"
        "確定するまで何も保存されません。",
        "CSV (UTF-8 / Shift_JIS), Excel (.xlsx), GeoJSON and GeoPackage. Nothing is saved until you confirm.",
    ),
    "import_file": ("取り込むファイル", "File to import"),
    "import_read_error": ("ファイルを読み込めません: {detail}", "Cannot read the file: {detail}"),
    "import_too_large": (
        "ファイルが大きすぎます（{size:.1f} MB、上限 {limit:.0f} MB）。",
        "The file is too large ({size:.1f} MB; the limit is {limit:.0f} MB).",
    ),
    "import_empty": ("ファイルにデータ行がありません。", "The file has no data rows."),
    "import_mapping": ("列の対応付け", "Column mapping"),
    "import_mapping_hint": (
        "見出しから自動で対応付けています。違う場合は列ごとに変更してください。",
        "Columns are matched from their headers; change any that are wrong.",
    ),
    "import_is_sample": ("サンプル（true/false）", "Sample (true/false)"),
    "import_ignore": ("（取り込まない）", "(ignore)"),
    "import_not_imported": ("取り込まない列：{columns}", "Columns not imported: {columns}"),
    "import_mapping_error": ("列の対応付けに問題があります: {detail}", "Column mapping problem: {detail}"),
    "import_preview": ("プレビュー（先頭 {n} 行）", "Preview (first {n} rows)"),
    "import_summary": ("取込可能 {ok} 行 / 取込不可 {bad} 行", "{ok} rows can be imported, {bad} rows rejected"),
    "import_accepted": ("取り込む行", "Rows to import"),
    "import_rejected": ("取り込めない行と理由", "Rejected rows and why"),
    "import_download": ("取り込めない行をCSVでダウンロード", "Download the rejected rows (CSV)"),
    "import_confirm": ("{n} 行を取り込む", "Import {n} rows"),
    "import_nothing": (
        "取り込める行がありません。ファイルを修正してください。",
        "No row can be imported: fix the file and upload it again.",
    ),
    "import_done": (
        "{n} 件の候補地を取り込みました（ID {first}〜{last}）。",
        "Imported {n} sites (ids {first}–{last}).",
    ),
    "import_failed": (
        "取り込めませんでした（何も保存されていません）: {detail}",
        "Import failed (nothing was saved): {detail}",
    ),
    "import_col_row": ("行（Excelの行番号）", "Row (as numbered in Excel)"),
    "import_col_feature": ("地物の番号（QGIS の順）", "Feature (numbered as in QGIS)"),
    "import_col_reason": ("理由", "Reason"),
}
