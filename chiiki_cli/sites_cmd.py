"""``chiiki-map sites import FILE`` and ``chiiki-map sites export``: bulk import with a per-row report,
export as GeoPackage, GeoJSON or formula-safe CSV.

Import: every row is validated and checked for duplicates (``geo.sites.imports``); accepted rows are
written in ONE transaction as the signed-in editor (``chiiki_cli.auth``), rejected rows are listed (the
row as Excel shows it, header = row 1; the reasons in Japanese, then English) and written to a CSV
(columns ``row``, ``reason`` and the row as given). Exit status: 0 every row imported, 1 some rows
rejected (the rest written), 2 nothing written (an error, ``--strict`` with rejections, or no valid row).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd

from chiiki_cli.auth import add_password_argument, sign_in
from chiiki_cli.errors import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, CliError
from geo.errors import ChiikiMapError
from geo.io.gpkg import write_gpkg
from geo.io.outputs import check_output, write_output
from geo.io.safe_csv import write_safe_csv
from geo.sites.imports import (
    conflict_message,
    mapping_conflicts,
    max_import_bytes,
    plan_import,
    read_upload,
    suggest_mapping,
)
from geo.sites.schema import GEOMETRY_PROBLEM, REQUIRED_COLUMNS
from geo.store import ValidationError, open_store
from geo.text import clip
from i18n.reasons import bilingual, reasons_text, row_label

FORMATS = ("gpkg", "geojson", "csv")
_JA = {"name": "名称", "plan_type": "計画類型", "field": "分野", "status": "状況", "lon": "経度", "lat": "緯度"}


def register(subparsers: Any) -> None:
    """Add the ``sites`` subcommand group to ``chiiki-map``."""
    p = subparsers.add_parser(
        "sites", help="import or export candidate sites", description="Bulk import into the site store, or export it."
    )
    sub = p.add_subparsers(dest="sites_command", required=True, metavar="ACTION")
    imp = sub.add_parser(
        "import",
        help="import sites from CSV (UTF-8/Shift_JIS), .xlsx, GeoJSON or GeoPackage",
        description="Validate every row, report the rejected ones, and add the accepted ones in one "
        "transaction as an editor. Sign in with --user NAME (or CHIIKI_MAP_USER) and a password from "
        "a prompt, --password-stdin or CHIIKI_MAP_PASSWORD. --dry-run checks without signing in or writing.",
        epilog="exit status: 0 all rows imported, 1 some rows rejected (the others imported), "
        "2 nothing written (an error, --strict with rejected rows, or no valid row)",
    )
    imp.add_argument("file", metavar="FILE", type=Path)
    imp.add_argument("--dry-run", action="store_true", help="check and report only; write nothing to the store")
    imp.add_argument("--user", default=None, help="editor account (default: CHIIKI_MAP_USER)")
    imp.add_argument(
        "--rejected",
        type=Path,
        default=None,
        metavar="CSV",
        help="where to write rejected rows (default: FILE.rejected.csv next to the input)",
    )
    imp.add_argument("--strict", action="store_true", help="write nothing if any row is rejected")
    imp.add_argument(
        "--force", action="store_true", help="overwrite the rejected-rows CSV even if chiiki-map did not write it"
    )
    add_password_argument(imp)
    imp.set_defaults(func=run_import)
    exp = sub.add_parser("export", help="write the stored sites to a GeoPackage, GeoJSON or CSV file")
    exp.add_argument("--format", required=True, choices=FORMATS)
    exp.add_argument("--out", required=True, type=Path, metavar="FILE")
    exp.add_argument("--include-deleted", action="store_true", help="also export soft-deleted sites")
    exp.add_argument("--force", action="store_true", help="overwrite FILE even if chiiki-map did not write it")
    exp.set_defaults(func=run_export)


def read_import_file(path: Path) -> tuple[pd.DataFrame, dict[str, str]]:
    """Raw rows and the header → column mapping of an import file; ``CliError`` for unusable files."""
    name = clip(path.name, 120)
    if not path.is_file():
        raise CliError(f"{clip(path, 200)}: ファイルがありません / file not found: check the path")
    size, limit = path.stat().st_size, max_import_bytes()
    if size > limit:  # checked before reading, so a huge file is never loaded
        raise CliError(
            f"{name}: ファイルが大きすぎます / {size / 2**20:.1f} MB is over the import limit of "
            f"{limit / 2**20:.0f} MB: split the file or raise CHIIKI_MAP_MAX_IMPORT_MB"
        )
    try:
        raw = read_upload(path.name, path.read_bytes())
    except ChiikiMapError:  # worded by chiiki_cli.main (Japanese, then English)
        raise
    except ValueError as exc:
        raise CliError(str(exc)) from None
    conflicts = mapping_conflicts(list(raw.columns))
    if conflicts:
        raise CliError(f"{name}: {conflict_message(conflicts)}. 何も取り込んでいません / Nothing was imported.")
    mapping = suggest_mapping(list(raw.columns))
    missing = [c for c in REQUIRED_COLUMNS if c not in mapping.values()]
    if missing:
        found = ", ".join(clip(c, 40) for c in map(str, raw.columns) if c != GEOMETRY_PROBLEM) or "no columns"
        raise CliError(
            f"{name}: 必須の列がありません / required column(s) missing: "
            f"{', '.join(f'{c} ({_JA[c]})' for c in missing)}; found {clip(found, 300)}. Nothing was imported."
        )
    if raw.empty:
        raise CliError(
            f"{name}: 見出しだけでデータ行がありません / the file has a header but no data rows; nothing to import"
        )
    return raw, mapping


def run_import(args: argparse.Namespace) -> int:
    raw, mapping = read_import_file(args.file)
    store = open_store()
    actor = None if args.dry_run else sign_in(store, args)
    ignored = [h for h, target in mapping.items() if not target]
    if ignored:
        print(f"取り込まない列 / ignored columns (not in the site schema): {clip(', '.join(ignored), 300)}")
    plan = plan_import(raw, mapping, store.read())
    n_ok, n_bad = plan.counts
    rejected = plan.rejected.assign(reason=[bilingual(r) for r in plan.rejected["reason"]])
    for row, ja, en in zip(
        plan.rejected["row"],
        [reasons_text(r, "ja") for r in plan.rejected["reason"]],
        [reasons_text(r, "en") for r in plan.rejected["reason"]],
        strict=True,
    ):
        print(
            f"{row_label(row, 'ja', plan.numbering)}: 取込不可: {ja} / "
            f"{row_label(row, 'en', plan.numbering)}: rejected: {en}"
        )
    if n_bad:
        out = args.rejected or args.file.with_name(f"{args.file.stem}.rejected.csv")
        write_output(out, lambda tmp: write_safe_csv(rejected, tmp), force=args.force, inputs=[args.file])
        print(f"取込不可の {n_bad} 行を {out} に書き出しました / {n_bad} rejected row(s) written to {out}")
    refused = (args.strict and n_bad) or n_ok == 0
    if args.dry_run:  # the exit status the real import would have
        print(
            f"取込可能 {n_ok} 行・取込不可 {n_bad} 行、何も書き込んでいません（確認のみ） / "
            f"{n_ok} row(s) would be imported, {n_bad} rejected; nothing written (dry run)"
        )
        return EXIT_ERROR if refused else EXIT_PARTIAL if n_bad else EXIT_OK
    if refused:
        why = "--strict で却下行あり / --strict and rows were rejected" if n_ok else "有効な行なし / no valid rows"
        raise CliError(
            f"有効 {n_ok} 行・却下 {n_bad} 行、何も書き込んでいません / {n_ok} row(s) valid, {n_bad} rejected; "
            f"nothing written ({why}): fix the rejected rows and import again"
        )
    try:
        ids = store.add(plan.accepted, actor, action="import")
    except ValidationError as exc:  # rows written by someone else since the check (e.g. a duplicate)
        why = "; ".join(bilingual(r) for r in exc.rejected["reason"])
        raise CliError(f"保存できません: {why}。何も取り込んでいません / Nothing was imported.") from None
    except PermissionError as exc:
        raise CliError(f"{exc} Nothing was imported.") from None
    print(
        f"{len(ids)} 件を取り込みました（取込不可 {n_bad} 行） / imported {len(ids)} site(s) (ids {ids[0]}–{ids[-1]}) "
        f"into {store.target} as {actor.name}; {n_bad} rejected"
    )
    return EXIT_PARTIAL if n_bad else EXIT_OK


def run_export(args: argparse.Namespace) -> int:
    out: Path = check_output(args.out, force=args.force)  # never the store, never a foreign file (geo.io.outputs)
    store = open_store()
    sites = store.read(include_deleted=args.include_deleted)

    def write(tmp: Path) -> None:
        if args.format == "csv":
            write_safe_csv(pd.DataFrame(sites.drop(columns="geometry")), tmp)
        elif args.format == "gpkg":  # readable by older GDAL/QGIS too (geo.io.gpkg)
            write_gpkg(gpd.GeoDataFrame(sites, crs="EPSG:4326"), tmp, layer="sites")
        else:
            gpd.GeoDataFrame(sites, crs="EPSG:4326").to_file(tmp, layer="sites", driver="GeoJSON", engine="pyogrio")

    write_output(out, write, force=args.force)
    print(f"exported {len(sites)} site(s) from {store.target} to {out} ({args.format}, EPSG:4326)")
    return 0
