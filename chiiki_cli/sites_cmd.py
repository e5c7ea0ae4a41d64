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
from chiiki_cli.commands import help_of
from chiiki_cli.common import row_line
from chiiki_cli.errors import EXIT_ERROR, EXIT_OK, EXIT_PARTIAL, CliError
from geo.crs import CRS_STORE
from geo.io.gpkg import write_gpkg
from geo.io.outputs import check_output, write_output
from geo.io.safe_csv import write_safe_csv
from geo.sites.imports import (
    conflict_error,
    mapping_conflicts,
    max_import_bytes,
    not_imported,
    plan_import,
    read_upload,
    suggest_mapping,
)
from geo.sites.schema import GEOMETRY_PROBLEM, JAPANESE_HEADERS, REQUIRED_COLUMNS
from geo.store import ValidationError, open_store
from geo.text import clip
from i18n import both, t
from i18n.reasons import bilingual
from i18n.sites_edit import column_headers

FORMATS = ("gpkg", "geojson", "csv")


def register(subparsers: Any) -> None:
    """Add the ``sites`` subcommand group to ``chiiki-map``."""
    p = subparsers.add_parser(
        "sites", help=help_of("sites"), description="Bulk import into the site store, or export it."
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
        raise CliError("file_not_found", file=clip(path, 200))
    size, limit = path.stat().st_size, max_import_bytes()
    if size > limit:  # checked before reading, so a huge file is never loaded
        raise CliError("file_too_large", file=name, mb=size / 2**20, limit_mb=limit / 2**20)
    headers = column_headers()  # a table saved from the app reads back with its own labels
    raw = read_upload(path.name, path.read_bytes(), headers)
    conflicts = mapping_conflicts(list(raw.columns), headers)
    if conflicts:
        raise CliError("cli_nothing_imported", file=name, problem=conflict_error(conflicts))
    mapping = suggest_mapping(list(raw.columns), headers)
    missing = [c for c in REQUIRED_COLUMNS if c not in mapping.values()]
    if missing:
        found = ", ".join(clip(c, 40) for c in map(str, raw.columns) if c != GEOMETRY_PROBLEM)
        named = ", ".join(f"{c} ({JAPANESE_HEADERS[c]})" for c in missing)
        raise CliError("cli_required_missing", file=name, columns=named, found=clip(found, 300))
    if raw.empty:
        raise CliError("cli_no_data_rows", file=name)
    return raw, mapping


def run_import(args: argparse.Namespace) -> int:
    raw, mapping = read_import_file(args.file)
    store = open_store()
    actor = None if args.dry_run else sign_in(store, args)
    ignored = not_imported(mapping)
    if ignored:  # named, never dropped silently
        print(
            t("import_not_imported", "ja", columns=clip("、".join(ignored), 300))
            + " / "
            + t("import_not_imported", "en", columns=clip(", ".join(ignored), 300))
        )
    plan = plan_import(raw, mapping, store.read())
    n_ok, n_bad = plan.counts
    rejected = plan.rejected.assign(reason=[bilingual(r) for r in plan.rejected["reason"]])
    for row, reason in zip(plan.rejected["row"], plan.rejected["reason"], strict=True):
        print(row_line("cli_row_rejected", row, reason, plan.numbering))
    if n_bad:
        out = args.rejected or args.file.with_name(f"{args.file.stem}.rejected.csv")
        write_output(out, lambda tmp: write_safe_csv(rejected, tmp), force=args.force, inputs=[args.file])
        print(both("cli_rejected_written", n=n_bad, out=out))
    refused = (args.strict and n_bad) or n_ok == 0
    if args.dry_run:  # the exit status the real import would have
        print(both("cli_dry_run", n_ok=n_ok, n_bad=n_bad))
        return EXIT_ERROR if refused else EXIT_PARTIAL if n_bad else EXIT_OK
    if refused:
        raise CliError("cli_import_strict" if n_ok else "cli_import_no_valid", n_ok=n_ok, n_bad=n_bad)
    try:
        ids = store.add(plan.accepted, actor, action="import")
    except ValidationError as exc:  # rows written by someone else since the check (e.g. a duplicate)
        raise CliError(
            "cli_import_not_saved", reasons=tuple(r for why in exc.rejected["reason"] for r in why)
        ) from None
    except PermissionError as exc:  # no editor (EditorRequired), or the store file may not be written
        raise CliError("cli_nothing_imported", file=clip(args.file.name, 120), problem=exc) from None
    assert actor is not None  # --dry-run returned before signing in was needed
    print(
        both("cli_imported", n=len(ids), first=ids[0], last=ids[-1], store=store.target, user=actor.name, n_bad=n_bad)
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
            write_gpkg(gpd.GeoDataFrame(sites, crs=CRS_STORE), tmp, layer="sites")
        else:
            gpd.GeoDataFrame(sites, crs=CRS_STORE).to_file(tmp, layer="sites", driver="GeoJSON", engine="pyogrio")

    write_output(out, write, force=args.force)
    print(both("cli_sites_exported", n=len(sites), store=store.target, out=out, format=args.format))
    return 0
