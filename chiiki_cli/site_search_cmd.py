"""``chiiki-map site-search``: where could a project with these needs go (立地候補探索), ranked."""

from __future__ import annotations

import argparse
from typing import Any

from chiiki_cli.commands import help_of
from chiiki_cli.common import (
    add_json_argument,
    add_region_argument,
    add_sites_argument,
    load_sites,
    print_json,
    resolve,
)
from chiiki_cli.labour_cmd import add_radius_argument
from geo.analysis import land
from geo.analysis.requirements import load_requirements
from geo.domain import ALL_FIELDS
from geo.siting import DISTANCE_OPTIONS, RANK_RULE, SiteSearch, needs_for, search_json, site_search
from i18n import LANGS, both, named, t, term_name
from i18n.siting import rank_rule

#: Candidates printed unless ``--top`` says otherwise.
DEFAULT_TOP = 10


def _epilog() -> str:
    lines = [both("siting_rule_head") + ":"]
    for lang in LANGS:
        lines += [f"  {i}. {line}" for i, line in enumerate(rank_rule(RANK_RULE, lang, 30), 1)]
    lines += ["", t("siting_candidate_rule", "ja"), t("siting_candidate_rule", "en"), ""]
    lines += [t("siting_check_rule", "ja"), t("siting_check_rule", "en"), ""]
    lines += [
        "JSON: per candidate `catchment_working_age` (2020 estimate, unknown municipalities left out and counted in "
        "`catchment_munis`), then the keys of `chiiki-map labour --json`'s sites over the same catchment: "
        "`catchment_working_age_2020` (census), `catchment_working_age_2035` / `_2050` (IPSS 2023 projection, "
        "medium variant), `catchment_ipss_group_share` (units projected as a 浜通り group share), "
        "`catchment_manufacturing_employees` (2019 Census of Manufacture) and "
        "`jobs_share_of_catchment_manufacturing` (--jobs ÷ that); each null (unknown, never 0) when any unit of "
        "the catchment has no figure.",
        "",
    ]
    lines.append(
        "example: chiiki-map site-search --field ai_semiconductor --land-ha 20 --water-m3-day 10000 "
        "--max-ic-km 10 --max-airport-km 60 --region kyushu --top 10 --json"
    )
    return "\n".join(lines)


def register(subparsers: Any) -> None:
    """Add the ``site-search`` subcommand to ``chiiki-map``."""
    p = subparsers.add_parser(
        "site-search",
        help=help_of("site-search"),
        description="Rank industrial-land parcels (where loaded) or municipalities (at their representative point) "
        "against a requirement profile: the field's profile of data/requirements.toml, with the amounts and "
        "distance limits given here over it. Each candidate gets a check per criterion (ok / gap / unknown, the "
        "value and the limit), its commuting catchment and the pipeline sites competing for it.",
        epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument(
        "--field", required=True, choices=list(ALL_FIELDS), metavar="F", help="field id: " + ", ".join(ALL_FIELDS)
    )
    p.add_argument("--land-ha", type=float, metavar="X", help="industrial land needed (ha, available area)")
    p.add_argument("--water-m3-day", type=float, metavar="Y", help="industrial water needed (m³/day)")
    p.add_argument("--power-mw", type=float, metavar="Z", help="power needed (MW)")
    p.add_argument("--jobs", type=float, metavar="N", help="jobs the project brings (for jobs per 1,000 working-age)")
    for option, kind in DISTANCE_OPTIONS.items():
        p.add_argument(
            f"--max-{option}-km",
            type=float,
            metavar="K",
            help=f"longest distance to the nearest {kind} (km); default: the field's profile",
        )
    add_region_argument(p)
    add_radius_argument(p)
    p.add_argument(
        "--top", type=int, default=DEFAULT_TOP, metavar="N", help="candidates to print (default %(default)s; 0: all)"
    )
    p.add_argument(
        "--requirements", metavar="TOML", default=None, help="requirement profiles; default data/requirements.toml"
    )
    add_sites_argument(p)
    add_json_argument(p)
    p.set_defaults(func=run)


def search(args: argparse.Namespace) -> SiteSearch:
    """Run the search the options describe."""
    limits = {
        kind: v for option, kind in DISTANCE_OPTIONS.items() if (v := getattr(args, f"max_{option}_km")) is not None
    }
    needs = needs_for(
        args.field,
        load_requirements(args.requirements),
        limits=limits,
        land_ha=args.land_ha,
        water_m3_day=args.water_m3_day,
        power_mw=args.power_mw,
        jobs=args.jobs,
        radius_km=args.radius_km,
    )
    region = resolve(args.region)
    return site_search(needs, region, load_sites(args), parcels=land.load_parcels(region))


def _fmt(value: object, digits: int = 0) -> str:
    return "-" if value is None else f"{value:,.{digits}f}" if isinstance(value, (int, float)) else str(value)


def run(args: argparse.Namespace) -> int:
    """Print the ranked candidates (text or JSON)."""
    result = search(args)
    top = None if args.top is not None and args.top <= 0 else args.top
    data = search_json(result, top)
    if args.json:
        print_json(data)
        return 0
    by_kind: dict[str, int] = data["candidates_by_kind"]  # type: ignore[assignment]
    r = result.region
    for lang in LANGS:
        print(
            t(
                "siting_cli_head",
                lang,
                field=term_name(ALL_FIELDS[result.needs.field], lang),
                region=named(r, lang),
                n=data["candidates_total"],
                parcels=by_kind.get("parcel", 0),
                munis=by_kind.get("municipality", 0),
            )
        )
    if result.parcels_too_small:
        print(both("siting_cli_excluded", n=result.parcels_too_small))
    print(both("siting_rule_head") + ": " + " > ".join(RANK_RULE))
    candidates: list[dict[str, Any]] = data["candidates"]  # type: ignore[assignment]
    for c in candidates:
        print(
            f"{c['rank']:>4}. {c['name']} [{c['kind']} {c['code']}] ({c['lon']:.4f}, {c['lat']:.4f}) "
            f"{c['status']}: gap {c['n_gap']}, unknown {c['n_unknown']}"
        )
        for k in c["checks"]:
            value, limit = _fmt(k["value"], 2), _fmt(k["limit"], 2)
            print(
                f"        {k['criterion']} {k['measure']}: {value} / {limit} {k['unit']} {k['status']} ({k['reason']})"
            )
        names = f" ({', '.join(c['competing_sites'])})" if c["competing_sites"] else ""
        print(
            "        "
            + both(
                "siting_cli_labour",
                radius=f"{result.needs.radius_km:g}",
                working_age=_fmt(c["catchment_working_age"]),
                working_age_2050=_fmt(c["catchment_working_age_2050"]),
                mfg=_fmt(c["catchment_manufacturing_employees"]),
                n_competing=c["n_competing"],
            )
            + names
        )
    return 0
