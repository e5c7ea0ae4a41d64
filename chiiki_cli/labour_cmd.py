"""``chiiki-map labour``: pipeline jobs against the working-age population, per prefecture and per site."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from typing import Any

from chiiki_cli.commands import help_of
from chiiki_cli.common import Rows, add_analysis_arguments, load_sites, print_json, resolve
from geo import labour
from geo.analysis.clusters import cluster_members
from geo.industry import data as industry_data
from geo.infra.osm.roadnet import load_road_graph
from geo.io.compact import release_freed_memory
from geo.labour import data, outlook
from geo.labour.catchment import within_reach
from geo.labour.jobs import load_labour_units
from geo.labour.summary import RATIO_BASIS, cluster_labour, records, region_records, site_records
from geo.sites import selection
from i18n.labour import catchment_rule


def add_radius_argument(parser: argparse.ArgumentParser) -> None:
    """``--radius-km``: commuting radius of the catchments."""
    parser.add_argument(
        "--radius-km",
        type=float,
        default=labour.DEFAULT_RADIUS_KM,
        metavar="KM",
        help="commuting radius in km (straight line, JGD2011 UTM); default %(default)g",
    )


def register(subparsers: Any) -> None:
    """Add the ``labour`` subcommand to ``chiiki-map``."""
    p = subparsers.add_parser(
        "labour",
        help=help_of("labour"),
        description="Per prefecture: population, working-age population (estimate), pipeline jobs (disclosed and "
        "estimated from data/labour_units.toml, reported apart), jobs per 1,000 working-age residents, 高専 and "
        "universities. Per site: its jobs and basis, the working-age population of its commuting catchment "
        "(municipalities whose representative point lies within the radius), how many sites compete for the "
        "same workers (their catchments share a municipality: n_competing) and the five of them with the most jobs "
        "(competing_sites).",
        epilog="example: chiiki-map labour --region 43 --radius-km 30 --json",
    )
    add_analysis_arguments(p)
    add_radius_argument(p)
    p.add_argument("--units", metavar="FILE", default=None, help="原単位 TOML; default data/labour_units.toml")
    p.add_argument(
        "--road-graph",
        metavar="FILE",
        default=None,
        help=".osm/.osm.bz2/.graphml road network: catchments by road distance for the sites on it",
    )
    p.set_defaults(func=run)


def _fmt(value: object) -> str:
    return "unknown" if value is None else f"{value:,}" if isinstance(value, (int, float)) else str(value)


def _clusters(sites: Any, result: labour.LabourResult) -> list[dict[str, object]]:
    """Per cluster of the region's sites (30 km single linkage within a field): the union of catchments."""
    clusters = cluster_members(sites)  # who belongs where: no links or polygons
    table = cluster_labour(clusters, result.catchments, data.municipal_units(), data.schools())
    table = table.merge(clusters[["id", "sites"]], on="id")
    keys = ["id", "field", "sites", "n_sites", "catchment_working_age", "catchment_munis", "jobs_disclosed"]
    keys += ["jobs_estimated", "sites_jobs_unknown", "jobs_per_1000_working_age", "kosen", "universities"]
    return records(table, keys)


#: Sites written per chunk of the output (a national register: a million rows, never all as dicts at once).
SITES_PER_CHUNK = 20_000


def _site_chunks(sites: Any) -> Iterator[list[dict[str, object]]]:
    for start in range(0, len(sites), SITES_PER_CHUNK):
        yield site_records(sites.iloc[start : start + SITES_PER_CHUNK])


def _datasets() -> list[dict[str, object]]:
    """Source, licence and credit of the labour-market and industry datasets the JSON cites."""
    keys = ("id", "name", "kind", "years", "date", "licence", "credit", "credit_en")
    rows = [{k: d.get(k) for k in keys} for d in outlook.datasets()]
    meta = industry_data.manifest()
    rows.append({k: meta.get(k) for k in keys} | {"kind": "census", "years": [meta.get("year")]})
    return rows


def run(args: argparse.Namespace) -> int:
    """Print the labour tables (text or JSON)."""
    region = resolve(args.region)
    units = load_labour_units(args.units)
    radius = labour.catchment.check_radius(args.radius_km)
    graph = load_road_graph(args.road_graph) if args.road_graph else None
    every = load_sites(args)  # every site within reach: competitors across the region's border count
    result = labour.analyse(within_reach(every, region.bounds, radius), region.pref_codes, radius, units, graph)
    del every  # the catchment table holds what the output needs; a national register is large
    release_freed_memory()  # the catchments freed more than they keep: lower the peak of what follows
    sites = selection.filter_sites(result.catchments.sites, region=region)
    regions_out, sites_out = region_records(result.prefs), Rows(_site_chunks(sites))
    if args.json:
        print_json(
            {
                "region": {"id": region.id, "kind": region.kind, "name_ja": region.name_ja, "name_en": region.name_en},
                "radius_km": radius,
                "catchment_rule": catchment_rule(radius, "en"),
                "catchment_methods": sorted(set(result.catchments.sites["catchment_method"])),
                "jobs_per_1000_basis": RATIO_BASIS,
                "regions": regions_out,
                "sites": sites_out,
                "blocks": region_records(result.blocks.assign(pref_code=None)),
                "clusters": _clusters(sites, result),
                "figure_sources": outlook.figure_sources(),
                "datasets": _datasets(),
            }
        )
        return 0
    print(f"labour in {region.name_ja} ({region.id}); {catchment_rule(radius, 'en')}")
    print("jobs per 1,000 working-age = (disclosed + estimated) jobs / working-age estimate x 1,000")
    for r in regions_out:
        print(
            f"{r['pref_code']} {r['name_en']:<10} pop {_fmt(r['population'])}, working-age {_fmt(r['working_age'])} "
            f"(estimate); jobs disclosed {_fmt(r['jobs_disclosed'])}, estimated {_fmt(r['jobs_estimated'])}, "
            f"{r['sites_jobs_unknown']}/{r['sites']} site(s) unknown; per 1,000: "
            f"{_fmt(r['jobs_per_1000_working_age'])}; 高専 {r['kosen']}, universities {r['universities']}"
        )
    for s in sites_out:
        print(
            f"  {s['name']}: jobs {_fmt(s['jobs'])} ({s['jobs_basis']}), catchment working-age "
            f"{_fmt(s['catchment_working_age'])} in {s['catchment_munis']} municipalities, "
            f"{s['n_competing']} competing site(s)"
        )
    return 0
