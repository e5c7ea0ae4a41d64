"""``chiiki-map layers [--region R] [--json]``: every infrastructure layer with its count and source."""

from __future__ import annotations

import argparse
import json
import unicodedata
from typing import Any

from chiiki_cli.commands import help_of
from geo import infra, regions

COLUMNS = (
    ("id", "layer"),
    ("name_ja", "名称"),
    ("count", "count"),
    ("status", "status"),
    ("cover", "cover"),
    ("completeness", "completeness"),
    ("date", "date"),
    ("licence", "licence"),
    ("source", "source"),
)


def register(subparsers: Any) -> None:
    """Add the ``layers`` subcommand to ``chiiki-map``."""
    p = subparsers.add_parser(
        "layers",
        help=help_of("layers"),
        description="List every infrastructure layer with its feature count in a region and where the data "
        "comes from. status `no_data` means nothing covers the region yet (not that there is nothing there): "
        "fetch it with `chiiki-map fetch-osm` or import a file with `chiiki-map load-osm` / `layer-import`. "
        "completeness (JSON `completeness`: complete / partial / none for the region) says whether the data "
        "are the whole layer or a subset (e.g. 主要駅47のみ, 2016年時点, 九州・道央のみ).",
        epilog="example: chiiki-map layers --region kyushu",
    )
    p.add_argument(
        "--region",
        metavar="R",
        default=None,
        help="block id (kyushu), JIS code (43), name (熊本県, Kumamoto, 九州) or japan; default: all data",
    )
    p.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    p.set_defaults(func=run)


def _width(text: str) -> int:
    """Display width in a terminal (East Asian wide characters count as 2)."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 0)


def format_table(rows: list[dict[str, Any]]) -> str:
    """A plain-text table of ``layer_status`` rows; no_data rows show the fetch/import hint as source."""
    cells = [[h for _k, h in COLUMNS]]
    for r in rows:
        cover = r.get("coverage")
        shown = dict(
            r,
            completeness=infra.completeness_words(r, "ja"),
            source=r["source"] if r["status"] == "loaded" else r.get("message", ""),
            cover="" if cover is None else f"{cover:.0%}",
        )
        cells.append([str(shown.get(k, "")) for k, _h in COLUMNS])
    widths = [max(_width(row[i]) for row in cells) for i in range(len(COLUMNS) - 1)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(row[:-1], widths)) + "  " + row[-1] for row in cells]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the layer table (or JSON) for ``args.region``."""
    region = regions.as_region(args.region) if args.region else None
    rows = infra.layer_status(region)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    where = f"{region.name_ja} ({region.id})" if region is not None else "all data"
    print(f"layers in {where}")
    print(format_table(rows))
    loaded = [r["id"] for r in rows if r["status"] == "loaded"]
    credits = infra.credits_for(loaded)
    if credits:
        print("\ncredits:\n" + "\n".join(f"  {c}" for c in credits))
    return 0
