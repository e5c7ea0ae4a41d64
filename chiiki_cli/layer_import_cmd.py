"""``chiiki-map layer-import FILE --layer L [--source TEXT --licence TEXT --date D]``: a planner's own file
(GeoJSON, GeoPackage, zipped Shapefile, KSJ GML, or a table with 経度/緯度) into an infrastructure layer.

Every row is checked and a per-row report printed; the accepted rows are written to the user cache as
the signed-in editor (``chiiki_cli.auth``), with source, licence, date and completeness recorded.
``--dry-run`` previews without signing in or writing. Exit status: 0 all rows imported, 1 some rows
rejected, 2 nothing written (error).
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from chiiki_cli.auth import add_password_argument, sign_in
from chiiki_cli.commands import help_of
from chiiki_cli.common import row_line
from chiiki_cli.errors import EXIT_OK, EXIT_PARTIAL, CliError
from geo import infra
from geo.errors import ChiikiMapError
from geo.infra.imports import (
    LAYER_FILE_SUFFIXES,
    LayerImportPlan,
    import_files,
    plan_layer_import,
    write_layer_import,
)
from geo.store import open_store
from i18n import both

MAX_REPORTED_ROWS = 50


def _date(text: str) -> str:
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        if len(text) in (4, 7) and text[:4].isdigit():  # a year or a year-month, as sources often give
            return text
        raise argparse.ArgumentTypeError(f"{text!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY") from None


def register(subparsers: Any) -> None:
    """Add the ``layer-import`` subcommand to ``chiiki-map``."""
    p = subparsers.add_parser(
        "layer-import",
        help=help_of("layer-import"),
        description="Read a file into an infrastructure layer: KSJ attribute codes (C02 港湾, L05 工業用地, N02 鉄道, "
        "P29 学校) and prefectures' 工業用水 tables are mapped to the layer's fields; other files use name/名称. "
        "Rows without a usable geometry, outside Japan or of the wrong geometry type are reported and skipped. "
        "The result shows up in `chiiki-map layers`, the map and the gap analysis. A file counts as PARTIAL data "
        "unless --complete says it is the whole layer for --region (only then can it produce gaps). Writing needs "
        "an editor: --user NAME (or CHIIKI_MAP_USER) and a password (prompt, --password-stdin or "
        "CHIIKI_MAP_PASSWORD). Importing a file with the same name again replaces it.",
        epilog="example: chiiki-map layer-import C02-14_43.zip --layer ports --region 43 --complete --user tanaka",
    )
    p.add_argument("file", metavar="FILE", help=f"one of {', '.join(LAYER_FILE_SUFFIXES)}")
    p.add_argument("--layer", required=True, metavar="L", choices=list(infra.LAYERS), help="target layer id")
    p.add_argument("--source", metavar="TEXT", default=None, help="where the data come from (default: the dataset)")
    p.add_argument("--licence", metavar="TEXT", default=None, help="licence (default: KSJ terms for KSJ, else 不明)")
    p.add_argument("--date", metavar="D", type=_date, default=None, help="date of the data (default: today)")
    p.add_argument("--region", metavar="R", default=None, help="area the file covers (default: its features' hull)")
    p.add_argument(
        "--complete",
        action="store_true",
        help="the file holds every feature of the layer in --region (otherwise it counts as partial)",
    )
    p.add_argument("--dry-run", action="store_true", help="preview and report only; write nothing")
    p.add_argument("--user", default=None, help="editor account (default: CHIIKI_MAP_USER)")
    add_password_argument(p)
    p.set_defaults(func=run)


def print_report(plan: LayerImportPlan) -> None:
    """The preview: dataset, column mapping, counts and the rejected rows with their reasons."""
    n_ok, n_bad = plan.counts
    print(f"{plan.file_name}: {plan.dataset_name} ({plan.dataset}) → layer {plan.layer_id}")
    if plan.mapping:
        print("  columns: " + ", ".join(f"{src} → {dst}" for src, dst in plan.mapping.items()))
    if plan.note:
        print(f"  note: {plan.note}")
    for row, reason in list(zip(plan.rejected["row"], plan.rejected["reason"], strict=True))[:MAX_REPORTED_ROWS]:
        print(f"  {row_line('cli_row_excluded', row, reason, plan.numbering)}")
    if n_bad > MAX_REPORTED_ROWS:
        print(f"  {both('cli_more_rejected', n=n_bad - MAX_REPORTED_ROWS)}")
    print(f"  {both('cli_rows_counted', n_ok=n_ok, n_bad=n_bad)}")


def run(args: argparse.Namespace) -> int:
    """Preview, then (unless --dry-run) write as an editor."""
    if args.complete and not args.region:
        raise CliError("cli_complete_needs_region")
    try:
        plan = plan_layer_import(args.file, args.layer)
    except ChiikiMapError as exc:
        raise CliError("cli_nothing_written", problem=exc) from None
    print_report(plan)
    n_ok, n_bad = plan.counts
    if args.dry_run or n_ok == 0:
        print(both("cli_layer_dry_run" if args.dry_run else "cli_layer_no_rows"))
        return EXIT_PARTIAL if n_bad else EXIT_OK
    store = open_store()
    actor = store.authorize(sign_in(store, args))
    files = import_files(plan)
    detail = {"layer": plan.layer_id, "accepted": n_ok, "rejected": n_bad}
    with store.recording(actor, "layer_import", files[0].name, files=files, **detail):  # the files and their record
        target = write_layer_import(
            plan,
            actor,
            source=args.source,
            licence=args.licence,
            date=args.date,
            completeness="complete" if args.complete else "partial",
            region=args.region,
        )
    print(both("cli_layer_imported", n=n_ok, layer=plan.layer_id, target=target.name, user=actor.name))
    return EXIT_PARTIAL if n_bad else EXIT_OK
