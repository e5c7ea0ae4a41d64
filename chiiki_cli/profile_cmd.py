"""``chiiki-map profile``: the region profile (地域カルテ) — investment, infrastructure, land and labour."""

from __future__ import annotations

import argparse
from typing import Any

from chiiki_cli.commands import help_of
from chiiki_cli.common import add_analysis_arguments, load_sites, print_json, resolve
from chiiki_cli.labour_cmd import add_radius_argument
from geo.analysis import land
from geo.analysis.profile import profile_json, region_profile
from geo.domain import DIVISIONS
from geo.sites import selection
from i18n import format as fmt


def register(subparsers: Any) -> None:
    """Add the ``profile`` subcommand to ``chiiki-map``."""
    p = subparsers.add_parser(
        "profile",
        help=help_of("profile"),
        description="One region (prefecture, METI block or japan): investment by field and status (disclosed total "
        "and undisclosed count), infrastructure gap checks (ok / gap / unknown), industrial land balance (null "
        "when the supply is unknown) and the labour row of `chiiki-map labour`.",
        epilog="example: chiiki-map profile --region kyushu --json",
    )
    add_analysis_arguments(p)
    add_radius_argument(p)
    p.set_defaults(func=run)


def _ha(value: float | None) -> str:
    return fmt.number(value, "en", 1, unit=" ha")


def run(args: argparse.Namespace) -> int:
    """Print the profile (text or JSON)."""
    region = resolve(args.region)
    every = load_sites(args)
    prof = region_profile(
        region,
        selection.filter_sites(every, region=region),
        every,
        land.load_parcels(region),
        radius_km=args.radius_km,
        catchments=False,  # the JSON holds the region's labour row: no catchment per site needed
    )
    if args.json:
        print_json(profile_json(prof))
        return 0
    inv, gaps, land_f, lab = prof.investment, prof.gap_figures, prof.land_figures, prof.labour_figures
    print(f"region profile: {region.name_ja} / {region.name_en} ({region.id})")
    print(
        f"investment disclosed: {fmt.number(inv.investment_oku_yen, 'en', 2, unit=' 億円')} "
        f"over {inv.n_sites} site(s), "
        f"{inv.n_investment_unknown} undisclosed; by status {dict(inv.sites_by_status)}"
    )
    print(f"infrastructure checks: ok {gaps.n_ok}, gap {gaps.n_gap}, unknown {gaps.n_unknown}")
    print(
        f"industrial land: available {_ha(land_f.available_ha)}, demand {_ha(land_f.demand_ha)}, "
        f"balance {_ha(land_f.balance_ha)}"
    )
    ratio = lab.jobs_per_1000_working_age
    print(
        f"labour: population {fmt.number(lab.population, 'en')}, working-age {fmt.number(lab.working_age, 'en')} "
        f"(estimate); jobs disclosed {fmt.number(lab.jobs_disclosed, 'en')}, estimated "
        f"{fmt.number(lab.jobs_estimated, 'en')}, {lab.sites_jobs_unknown} site(s) unknown; per 1,000 working-age "
        f"(disclosed+estimated): {'unknown' if ratio is None else round(ratio, 3)}; "
        f"高専 {lab.kosen}, universities {lab.universities}"
    )
    ind = prof.industry
    top = ", ".join(f"{f.division} {DIVISIONS[f.division].ja} {f.lq}" for f in ind.top)
    print(f"industry ({ind.year}, location quotient, 1.0 = Japan): {top}")
    return 0
