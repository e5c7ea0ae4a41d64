"""``chiiki-map firms FILE [--totals FILE] [--json]``: priority firms by connector and hub degree."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from chiiki_cli.commands import help_of
from chiiki_cli.common import add_json_argument, print_json, row_line
from geo.analysis.firms import analyse_firm_files, firms_records
from i18n.reasons import bilingual


def register(subparsers: Any) -> None:
    """Add the ``firms`` subcommand to ``chiiki-map``."""
    p = subparsers.add_parser(
        "firms",
        help=help_of("firms"),
        description="connector = firm's out-of-region sales / its prefecture's; hub = firm's in-region purchases / "
        "its prefecture's. Prefecture totals are the table's sums unless --totals is given. Rank: connector + hub, "
        "highest first; ties by connector, then firm name. Rows with missing or negative amounts are reported on "
        "stderr and left out.",
        epilog="example: chiiki-map firms firms.csv --totals pref_totals.csv --json",
    )
    p.add_argument("file", metavar="FILE", help="firm table: CSV (UTF-8 or Shift_JIS/CP932) or .xlsx")
    p.add_argument(
        "--totals", metavar="FILE", help="prefecture totals: pref_code, out_region_sales, in_region_purchases"
    )
    add_json_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the ranked firms (table or JSON); rejected rows go to stderr."""
    result = analyse_firm_files(args.file, args.totals)
    for row, firm, reason in zip(
        result.rejected["row"], result.rejected["firm"], result.rejected["reason"], strict=True
    ):
        print(f"chiiki-map: {args.file} {row_line('cli_firm_skipped', row, reason, firm=firm)}", file=sys.stderr)
    for warning in result.warnings:
        print(f"chiiki-map: warning: {bilingual([warning])}", file=sys.stderr)
    if args.json:
        print_json(firms_records(result.firms))
        return 0
    source = "the totals file" if result.totals_source == "file" else "sums over the table"
    print(f"{len(result.firms)} firm(s) ranked, {len(result.rejected)} row(s) rejected; prefecture totals: {source}")
    print(f"{'rank':>4}  {'connector':>9}  {'hub':>7}  pref  firm")
    for r in result.firms.itertuples():
        print(f"{r.rank:>4}  {r.connector:>9.4f}  {r.hub:>7.4f}  {r.pref_code}    {r.firm}")
    return 0
