"""``chiiki-map gaps``: per site and required infrastructure kind, ok / gap / unknown."""

from __future__ import annotations

import argparse
from typing import Any

from chiiki_cli.commands import help_of
from chiiki_cli.common import add_analysis_arguments, load_sites, print_json, resolve
from geo.analysis.gaps import gaps_json, infrastructure_gaps, methods_used
from geo.analysis.headlines import gap_figures
from geo.analysis.requirements import load_requirements
from geo.infra.osm.roadnet import load_road_graph
from geo.io.outputs import check_output, write_output
from geo.io.safe_csv import safe_csv
from i18n import both
from i18n import format as fmt
from i18n.gaps import worded_gaps


def register(subparsers: Any) -> None:
    """Add the ``gaps`` subcommand to ``chiiki-map``."""
    p = subparsers.add_parser(
        "gaps",
        help=help_of("gaps"),
        description="For every site and each infrastructure kind its field requires (data/requirements.toml, "
        "editable assumptions): the distance to the nearest feature and ok / gap / unknown. gap only where the "
        "layer is complete around the site; against partial data (measured below 98 % of its reference, the 2016 "
        "grid …) no feature within the limit is unknown (部分データのため判定不可), never a gap. Each row has "
        "layer_completeness (complete/partial/none) and reason.",
        epilog="example: chiiki-map gaps --region 43 --csv gaps.csv",
    )
    add_analysis_arguments(p)
    p.add_argument("--csv", metavar="FILE", default=None, help="also write the result as CSV (UTF-8 with BOM)")
    p.add_argument("--force", action="store_true", help="overwrite the CSV even if chiiki-map did not write it")
    p.add_argument(
        "--requirements", metavar="FILE", default=None, help="requirement profiles TOML; default data/requirements.toml"
    )
    p.add_argument(
        "--road-graph",
        metavar="FILE",
        default=None,
        help=".osm/.osm.bz2/.graphml road network: distance to the nearest IC measured on roads",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the gaps (table or JSON), optionally writing a CSV."""
    region = resolve(args.region)
    inputs = [p for p in (args.sites, args.requirements, args.road_graph) if p]
    if args.csv:  # before the work: never the store or an input, never a foreign file, a folder that takes a file
        check_output(args.csv, force=args.force, inputs=inputs)
    reqs = load_requirements(args.requirements)
    graph = load_road_graph(args.road_graph) if args.road_graph else None
    gaps = worded_gaps(infrastructure_gaps(load_sites(args, region), reqs, graph))
    if args.csv:
        write_output(args.csv, lambda tmp: tmp.write_bytes(safe_csv(gaps)), force=args.force, inputs=inputs)
    if args.json:
        print_json(gaps_json(gaps))
        return 0
    figures = gap_figures(gaps)
    print(
        f"gaps in {region.name_ja} ({region.id}): {figures.n_checks} checks, "
        + ", ".join(f"{s} {n}" for s, n in figures.by_status().items())
        + f"; method: {', '.join(methods_used(gaps)) or '-'}"
    )
    for r in gaps[gaps["status"] != "ok"].to_dict("records"):
        dist = "no feature known" if fmt.finite(r["distance_km"]) is None else f"{r['distance_km']:.1f} km"
        print(
            f"  {r['status']:7s} {r['site']} — {r['requirement']}: {dist} (limit {r['limit_km']:g} km, "
            f"{r['method']}; {r['layer_completeness']}: {r['reason']})"
        )
    if args.csv:
        print(both("cli_wrote", out=args.csv))
    return 0
