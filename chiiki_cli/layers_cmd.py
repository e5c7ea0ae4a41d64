"""``chiiki-map layers [--region R] [--json]``: every infrastructure layer with its count and source."""

from __future__ import annotations

import argparse
import json
import unicodedata
from typing import Any

from chiiki_cli.commands import help_of
from geo import infra, regions
from i18n import t
from i18n.completeness import completeness_text

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
        "completeness (JSON `completeness`: complete / partial / none for the region) is measured by the build "
        "against a reference per prefecture (complete at 98 % or more): JSON `completeness_measure` gives the "
        "reference, found, expected and share (e.g. 駅の49%が路線上（N02-23基準）, 2016年時点, 九州・道央のみ).",
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


def json_row(row: infra.LayerStatus) -> dict[str, Any]:
    """``layers --json``: the status fields, ``completeness_measure``, and the completeness in words (ja, en)."""
    out = row.as_json()
    out["completeness_ja"] = completeness_text(row.completeness, row.notes, "ja")
    out["completeness_en"] = completeness_text(row.completeness, row.notes, "en")
    if not row.loaded:
        out["message"], out["message_en"] = t("no_data_message", "ja"), t("no_data_message", "en")
    return out


def format_table(rows: list[infra.LayerStatus]) -> str:
    """A plain-text table of layer statuses; no_data rows show the fetch/import hint as source."""
    cells = [[h for _k, h in COLUMNS]]
    for r in rows:
        shown = {
            **r.as_json(),
            "completeness": completeness_text(r.completeness, r.notes, "ja"),
            "source": r.source if r.loaded else t("no_data_message", "ja"),
            "cover": "" if r.coverage is None else f"{r.coverage:.0%}",
        }
        cells.append([str(shown.get(k, "")) for k, _h in COLUMNS])
    widths = [max(_width(row[i]) for row in cells) for i in range(len(COLUMNS) - 1)]
    lines = ["  ".join(_pad(c, w) for c, w in zip(row[:-1], widths)) + "  " + row[-1] for row in cells]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the layer table (or JSON) for ``args.region``."""
    region = regions.as_region(args.region) if args.region else None
    rows = infra.layer_status(region)
    if args.json:
        print(json.dumps([json_row(r) for r in rows], ensure_ascii=False, indent=1))
        return 0
    where = f"{region.name_ja} ({region.id})" if region is not None else "all data"
    print(f"layers in {where}")
    print(format_table(rows))
    credits = infra.credits_for([r.id for r in rows if r.loaded])
    if credits:
        print("\ncredits:\n" + "\n".join(f"  {c}" for c in credits))
    return 0
