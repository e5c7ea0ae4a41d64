"""``chiiki-map clusters``: cross-prefecture strategic clusters (single linkage within each field)."""

from __future__ import annotations

import argparse
from typing import Any

from chiiki_cli.commands import help_of
from chiiki_cli.common import add_analysis_arguments, add_field_argument, load_sites, print_json, resolve
from chiiki_cli.errors import CliError
from geo.analysis.clusters import DEFAULT_THRESHOLD_KM, clusters_json, find_clusters
from geo.analysis.headlines import cluster_figures
from i18n import format as fmt


def register(subparsers: Any) -> None:
    """Add the ``clusters`` subcommand to ``chiiki-map``."""
    p = subparsers.add_parser(
        "clusters",
        help=help_of("clusters"),
        description="Single-linkage clusters: sites of the same field whose distance chains stay within the "
        "threshold (JGD2011 UTM) form one cluster of two or more; a site with no neighbour is in no cluster.",
        epilog="example: chiiki-map clusters --region kyushu --field ai_semiconductor --threshold-km 30 --json",
    )
    add_analysis_arguments(p)
    add_field_argument(p, "field ids (several allowed); default: every field")
    p.add_argument(
        "--threshold-km",
        type=float,
        default=DEFAULT_THRESHOLD_KM,
        metavar="X",
        help=f"linkage distance in km (default {DEFAULT_THRESHOLD_KM:g})",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Print the clusters (table or JSON)."""
    if not args.threshold_km > 0:
        raise CliError("cli_threshold", value=args.threshold_km)
    region = resolve(args.region)
    sites = load_sites(args, region)
    clusters = find_clusters(sites, args.threshold_km, args.field)
    if args.json:
        print_json(clusters_json(clusters))
        return 0
    figures = cluster_figures(sites, clusters, args.field)
    print(
        f"clusters in {region.name_ja} ({region.id}), threshold {args.threshold_km:g} km: {figures.n_clusters} "
        f"({figures.n_cross_prefecture} cross-prefecture; {figures.n_lone_sites} lone site(s) in no cluster)"
    )
    for c in clusters.itertuples():
        flags = "".join(
            [" [cross-prefecture]" if c.cross_prefecture else "", " [cross-block]" if c.cross_block else ""]
        )
        print(
            f"#{c.id} {c.field}: {c.n_sites} site(s), {fmt.number(c.investment_oku_yen, 'en', unit=' 億円')}, "
            f"prefs {','.join(c.pref_codes)}{flags}"
        )
        for name in c.sites:
            print(f"    - {name}")
        for link in c.links:
            print(f"    link {link['a']} — {link['b']}: {link['km']:.1f} km")
    return 0
