"""``chiiki-map export --region R [--field F …] [--layers L …] [--sites FILE] --out FILE.html``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from chiiki_cli.commands import help_of
from chiiki_cli.common import add_field_argument, add_region_argument, add_sites_argument, load_sites, resolve
from chiiki_cli.errors import CliError
from geo import infra
from geo.briefing import collect
from geo.domain import PLAN_TYPES, STATUSES
from geo.io.outputs import check_output, write_output
from i18n import both
from layers.briefing import DEFAULT_BUDGET_BYTES, Briefing, build_briefing


def register(subparsers: Any) -> None:
    """Add the ``export`` subcommand to ``chiiki-map``."""
    p = subparsers.add_parser(
        "export",
        help=help_of("export"),
        description="Write one HTML file that opens without any network: Leaflet, data, legend, summary "
        "table and sources inlined; prints on A4 landscape. Prints the size of every part and warns "
        "when the file is larger than the budget.",
        epilog="example: chiiki-map export --region kyushu --field ai_semiconductor --out kyushu.html",
    )
    add_region_argument(p, required=True)
    add_sites_argument(p)
    add_field_argument(p, "only sites of these fields")
    p.add_argument(
        "--plan-type",
        action="extend",
        nargs="+",
        choices=list(PLAN_TYPES),
        metavar="P",
        help="only sites of these plan types A/B/C",
    )
    p.add_argument(
        "--status",
        action="extend",
        nargs="+",
        choices=list(STATUSES),
        metavar="S",
        help="only sites with these statuses",
    )
    p.add_argument(
        "--layers",
        nargs="+",
        metavar="L",
        default=None,
        help=f"infrastructure layers to include (default: all with data): {', '.join(infra.LAYERS)}",
    )
    p.add_argument("--out", required=True, metavar="FILE.html", help="HTML file to write")
    p.add_argument("--force", action="store_true", help="overwrite FILE.html even if chiiki-map did not write it")
    p.add_argument("--title", default=None, help="heading of the briefing (default: region name)")
    p.add_argument("--lang", choices=("ja", "en"), default="ja", help="language of the briefing")
    p.add_argument(
        "--basemap", action="store_true", help="show 地理院タイル when online (one probe tile is requested on opening)"
    )
    p.add_argument("--no-analyses", action="store_true", help="leave out clusters, gaps and land balance")
    p.add_argument(
        "--compare",
        nargs="+",
        default=[],
        metavar="R",
        help="add a 地域比較 section: the profile figures of --region and of these regions (up to 3), in columns",
    )
    p.add_argument(
        "--budget-kb",
        type=int,
        default=DEFAULT_BUDGET_BYTES // 1000,
        help="warn when the file is larger (default %(default)s kB)",
    )
    p.set_defaults(func=run)


def size_report(briefing: Briefing) -> str:
    """One line per part, biggest first, then the total."""
    rows = sorted(briefing.parts.items(), key=lambda kv: -kv[1])
    width = max(len(k) for k in briefing.parts)
    lines = [f"  {name:<{width}}  {size / 1000:>9,.1f} kB" for name, size in rows]
    lines.append(f"  {'total':<{width}}  {briefing.size / 1000:>9,.1f} kB")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Build the briefing, write it, print the size report; warn (stderr) over budget."""
    region = resolve(args.region)
    layer_ids = infra.check_layer_ids(args.layers) if args.layers else None
    out = Path(args.out)
    if out.suffix.lower() not in (".html", ".htm"):
        raise CliError("cli_out_not_html", out=out)
    check_output(out, force=args.force)  # before the work: never the store, never a foreign file (geo.io.outputs)
    filters = {"fields": args.field, "plan_types": args.plan_type, "statuses": args.status}
    if len(args.compare) > 3:
        raise CliError("cli_compare_many", n=len(args.compare))
    others = [resolve(r) for r in args.compare]
    data = collect(region, load_sites(args), layer_ids, filters, analyses=not args.no_analyses, compare_with=others)
    briefing = build_briefing(data, args.lang, title=args.title, basemap=args.basemap)
    write_output(out, briefing.write, force=args.force)
    skipped = [i for i in (layer_ids or []) if i not in data.layers]
    print(
        both(
            "cli_briefing_written",
            out=out,
            region_ja=region.name_ja,
            region_en=region.name_en,
            region_id=region.id,
            n_sites=len(data.sites),
            n_layers=len(data.layers),
        )
    )
    if skipped:
        print(both("cli_briefing_skipped", region=region.id, layers=", ".join(skipped)))
    print("size per part:")
    print(size_report(briefing))
    budget = args.budget_kb * 1000
    if briefing.size > budget:
        print(
            f"chiiki-map: warning: {out} is {briefing.size / 1000:,.0f} kB, over the budget of "
            f"{budget / 1000:,.0f} kB: pass fewer --layers or a smaller --region",
            file=sys.stderr,
        )
    return 0
