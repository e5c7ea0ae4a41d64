"""``chiiki-map profile``: the region profile (地域カルテ) — investment, infrastructure, land and labour."""

from __future__ import annotations

import argparse
from typing import Any

from chiiki_cli.common import add_analysis_arguments, load_sites, print_json, resolve
from chiiki_cli.errors import CliError
from chiiki_cli.labour_cmd import add_radius_argument
from geo.analysis import land
from geo.analysis.profile import profile_json, region_profile
from geo.errors import ChiikiMapError
from geo.sites import selection


def register(subparsers: Any) -> None:
    """Add the ``profile`` subcommand to ``chiiki-map``."""
    p = subparsers.add_parser(
        "profile",
        help="region profile (地域カルテ): investment, infrastructure gaps, industrial land and labour in one place",
        description="One region (prefecture, METI block or japan): investment by field and status (disclosed total "
        "and undisclosed count), infrastructure gap checks (ok / gap / unknown), industrial land balance (null "
        "when the supply is unknown) and the labour row of `chiiki-map labour`.",
        epilog="example: chiiki-map profile --region kyushu --json",
    )
    add_analysis_arguments(p)
    add_radius_argument(p)
    p.set_defaults(func=run)


def _ha(value: object) -> str:
    return "unknown" if value is None else f"{value:,.1f} ha"


def run(args: argparse.Namespace) -> int:
    """Print the profile (text or JSON)."""
    region = resolve(args.region)
    every = load_sites(args)
    try:
        prof = region_profile(
            region,
            selection.filter_sites(every, region=region),
            every,
            land.load_parcels(region),
            radius_km=args.radius_km,
            catchments=False,  # the JSON holds the region's labour row: no catchment per site needed
        )
    except ChiikiMapError as exc:
        raise CliError(str(exc)) from None
    data = profile_json(prof)
    if args.json:
        print_json(data)
        return 0
    lab: dict[str, Any] = data["labour"]  # type: ignore[assignment]
    gaps: dict[str, int] = data["gaps"]  # type: ignore[assignment]
    land_row: dict[str, Any] = data["land"]  # type: ignore[assignment]
    print(f"region profile: {region.name_ja} / {region.name_en} ({region.id})")
    print(
        f"investment: {data['investment_oku_yen']:,} 億円 disclosed over {data['sites']} site(s), "
        f"{data['sites_investment_unknown']} undisclosed; by status {data['sites_by_status']}"
    )
    print(f"infrastructure checks: ok {gaps['ok']}, gap {gaps['gap']}, unknown {gaps['unknown']}")
    print(
        f"industrial land: available {_ha(land_row['available_ha'])}, demand {_ha(land_row['demand_ha'])}, "
        f"balance {_ha(land_row['balance_ha'])}"
    )
    ratio = lab["jobs_per_1000_working_age"]
    print(
        f"labour: population {lab['population']:,}, working-age {lab['working_age']:,} (estimate); jobs disclosed "
        f"{lab['jobs_disclosed']:,}, estimated {lab['jobs_estimated']:,}, {lab['sites_jobs_unknown']} site(s) "
        f"unknown; per 1,000 working-age (disclosed+estimated): {'unknown' if ratio is None else ratio}; "
        f"高専 {lab['kosen']}, universities {lab['universities']}"
    )
    return 0
