"""``chiiki-map compare R1 R2 [R3 …]``: region profiles (地域カルテ) side by side, in the order given."""

from __future__ import annotations

import argparse
from typing import Any

from chiiki_cli.commands import help_of
from chiiki_cli.common import add_json_argument, add_sites_argument, load_sites, print_json
from chiiki_cli.errors import EXIT_ERROR, CliError
from chiiki_cli.labour_cmd import add_radius_argument
from geo.analysis.compare import compare_regions
from i18n import LANGS, t
from i18n.compare import COMPARE_ROWS, compare_cell


def register(subparsers: Any) -> None:
    """Add the ``compare`` subcommand to ``chiiki-map``."""
    p = subparsers.add_parser(
        "compare",
        help=help_of("compare"),
        description="Two or more regions (block id, JIS code, name or japan), each with the figures of "
        "`chiiki-map profile`: investment, infrastructure checks, industrial land, labour (and the industry "
        'structure where built). JSON: {"regions": [one profile per region, in the order given]}.',
        epilog="example: chiiki-map compare 43 01 --json",
    )
    p.add_argument("regions", nargs="+", metavar="R", help="two or more regions: kyushu, 43, 熊本県, 北海道, japan …")
    add_radius_argument(p)
    add_sites_argument(p)
    add_json_argument(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the profiles side by side (text) or as ``{"regions": […]}`` (JSON)."""
    if len(args.regions) < 2:
        raise CliError("cli_compare_two", EXIT_ERROR, n=len(args.regions))
    data = compare_regions(args.regions, load_sites(args), radius_km=args.radius_km)
    if args.json:
        print_json({"regions": data})
        return 0
    for lang in LANGS:
        header = [t("compare_col_figure", lang), *(str(r["region"][f"name_{lang}"]) for r in data)]  # type: ignore[index]
        rows = [[t(f"compare_row_{key}", lang), *(compare_cell(r, key, lang) for r in data)] for key in COMPARE_ROWS]
        widths = [max(_width(row[i]) for row in [header, *rows]) for i in range(len(header))]
        for row in [header, *rows]:
            print("  ".join(_pad(cell, w, i > 0) for i, (cell, w) in enumerate(zip(row, widths, strict=True))))
        print()
    return 0


def _width(text: str) -> int:
    """Columns a terminal gives ``text`` (CJK characters take two)."""
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _pad(text: str, width: int, right: bool) -> str:
    fill = " " * (width - _width(text))
    return fill + text if right else text + fill
