"""``chiiki-map plan …``: plans (計画素案 A/B/C) in the store — create, list, show, members, checks, status, export.

Reading needs no account; every write signs in an editor (``--user``, ``--password-stdin`` or
``CHIIKI_MAP_PASSWORD``, as ``sites import`` does): anyone else is refused with exit 2 and nothing written.
Writes are versioned and audited by the store (``geo.store.plans``); ``--expected-version`` refuses a
change when someone saved the plan since that version. ``plan show --json`` has the keys of
``geo.plans.report.PLAN_JSON_KEYS``.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from chiiki_cli.auth import add_password_argument, sign_in
from chiiki_cli.commands import help_of
from chiiki_cli.common import add_field_argument, add_json_argument, print_json
from chiiki_cli.errors import CliError
from geo.accounts import Actor
from geo.plans import checklist, report
from geo.plans.area import area_from_file, overlaps, plan_region, region_id
from geo.plans.model import CHECK_STATUSES, PLAN_STATUSES, PlanChange, new_plan
from geo.plans.view import PlanView, view_plan
from geo.regions import resolve_region
from geo.store import SiteStore, open_store
from geo.store import plans as plan_store
from i18n import both
from i18n.plans import evidence_text

#: Export formats by file suffix.
EXPORT_SUFFIXES = (".html", ".docx", ".xlsx")


def _writer(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", default=None, help="editor account (default: CHIIKI_MAP_USER)")
    add_password_argument(parser)
    parser.add_argument(
        "--expected-version",
        type=int,
        default=None,
        metavar="N",
        help="refuse the change if the plan is no longer at version N (someone saved in between)",
    )


def _plan_id(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("plan_id", metavar="ID", type=int, help="plan id (chiiki-map plan list)")


def register(subparsers: Any) -> None:
    """Add the ``plan`` subcommand group to ``chiiki-map``."""
    p = subparsers.add_parser(
        "plan",
        help=help_of("plan"),
        description="Plans (計画素案): A 戦略産業クラスター計画, B 地域産業クラスター計画, C 地場産業成長プラン, "
        "stored in the site store with their member sites, checklist (計画要件) and status. Writing needs an editor.",
    )
    sub = p.add_subparsers(dest="plan_command", required=True, metavar="ACTION")
    create = sub.add_parser("create", help="create a plan; prints its id")
    create.add_argument("--type", required=True, choices=["A", "B", "C"], dest="plan_type")
    create.add_argument("--name", required=True, metavar="N")
    create.add_argument(
        "--region",
        required=True,
        metavar="R",
        help="block (kyushu), prefecture (43, 熊本県), municipality code (43404) or a drawn area as a GeoJSON file",
    )
    add_field_argument(create, "fields of the plan")
    create.add_argument("--sites", nargs="+", default=[], metavar="ID", help="member site ids")
    create.add_argument("--firms", type=Path, metavar="FILE", help="plan B: firm table (CSV/.xlsx, as `firms`)")
    create.add_argument("--firm-totals", type=Path, metavar="FILE", help="plan B: prefecture totals table")
    add_json_argument(create)
    _writer(create)
    create.set_defaults(func=run_create)
    lst = sub.add_parser("list", help="plans (of a region: those sharing a prefecture with it)")
    lst.add_argument("--region", default=None, metavar="R")
    add_json_argument(lst)
    lst.set_defaults(func=run_list)
    show = sub.add_parser("show", help="a plan with its derived sections and checklist")
    _plan_id(show)
    add_json_argument(show)
    show.set_defaults(func=run_show)
    for action, what in (("add-sites", "add member sites"), ("remove-sites", "remove member sites")):
        s = sub.add_parser(action, help=what)
        _plan_id(s)
        s.add_argument("site_ids", nargs="+", metavar="SITE_ID")
        _writer(s)
        s.set_defaults(func=run_members, adding=action == "add-sites")
    check = sub.add_parser("check", help="set a requirement of the checklist (not the ones judged from the data)")
    _plan_id(check)
    check.add_argument("requirement_id", metavar="REQUIREMENT_ID")
    check.add_argument("--status", required=True, choices=list(CHECK_STATUSES))
    check.add_argument("--evidence", required=True, metavar="TEXT", help="who decided, on what (required)")
    _writer(check)
    check.set_defaults(func=run_check)
    status = sub.add_parser("status", help="change the plan's status")
    _plan_id(status)
    status.add_argument("status", choices=list(PLAN_STATUSES))
    _writer(status)
    status.set_defaults(func=run_status)
    export = sub.add_parser("export", help="the plan as offline HTML (A4 print), a Word draft or an Excel annex")
    _plan_id(export)
    export.add_argument("--out", required=True, type=Path, metavar="FILE.html|FILE.docx|FILE.xlsx")
    export.add_argument("--lang", choices=["ja", "en"], default="ja", help="language of the file (default ja)")
    export.set_defaults(func=run_export)


def _region(spec: str) -> tuple[str, str | None]:
    """A region a person named, or a GeoJSON file with the drawn area."""
    path = Path(spec)
    if path.suffix.lower() in (".geojson", ".json") and path.is_file():
        return region_id(None, area_from_file(path))
    return region_id(spec)


def _firms(args: argparse.Namespace) -> tuple[tuple[dict[str, object], ...], tuple[dict[str, object], ...]]:
    if not getattr(args, "firms", None):
        return (), ()
    from geo.analysis.firms import analyse_firm_files
    from geo.plans.derived import member_firms

    return member_firms(analyse_firm_files(args.firms, args.firm_totals))


def run_create(args: argparse.Namespace) -> int:
    rid, area = _region(args.region)
    firms, totals = _firms(args)
    draft = new_plan(
        args.plan_type, args.name, rid, args.field or (), args.sites, area=area, firms=firms, firm_totals=totals
    )
    store = open_store()
    actor = sign_in(store, args)
    plan = plan_store.create_plan(store, draft, actor)
    if args.json:
        print_json({"id": plan.id})
    else:
        print(plan.id)
    return 0


def run_list(args: argparse.Namespace) -> int:
    plans = plan_store.list_plans(open_store())
    if args.region:
        region = resolve_region(args.region)
        plans = [p for p in plans if overlaps(plan_region(p.region, p.area), region)]
    rows = [report.plan_summary(p) for p in plans]
    if args.json:
        print_json(rows)
        return 0
    for r in rows:
        print(f"{r['id']}\t{r['type']}\t{r['status']}\tv{r['version']}\t{r['region']}\t{r['n_sites']}\t{r['name']}")
    return 0


def _view(store: SiteStore, plan_id: int) -> PlanView:
    return view_plan(plan_store.get_plan(store, plan_id), store.read())


def plan_record(view: PlanView) -> dict[str, object]:
    """``plan show --json``: the plan with the evidence and the reasons worded in Japanese and English."""
    from i18n.gaps import reason_words

    words = [
        (evidence_text(c.judgement.code, c.judgement.params, "ja", c.evidence_text),
         evidence_text(c.judgement.code, c.judgement.params, "en", c.evidence_text))
        for c in view.checks
    ]  # fmt: skip
    codes = view.derived.infrastructure.measures["reason_code"]
    reasons = list(zip(reason_words(codes, "ja"), reason_words(codes, "en"), strict=True))
    return report.plan_json(view.plan, view.derived, view.checks, evidence_words=words, reason_words=reasons)


def run_show(args: argparse.Namespace) -> int:
    view = _view(open_store(), args.plan_id)
    data = plan_record(view)
    if args.json:
        print_json(data)
        return 0
    from chiiki_cli.plan_text import print_plan

    print_plan(view)
    return 0


def _write(args: argparse.Namespace, change: PlanChange) -> int:
    store = open_store()
    actor: Actor = sign_in(store, args)
    plan = plan_store.update_plan(store, args.plan_id, change, actor, args.expected_version)
    print(both("cli_plan_saved", id=plan.id, version=plan.version, user=actor.name))
    return 0


def run_members(args: argparse.Namespace) -> int:
    ids = tuple(args.site_ids)
    return _write(args, PlanChange(add_sites=ids) if args.adding else PlanChange(remove_sites=ids))


def run_check(args: argparse.Namespace) -> int:
    plan = plan_store.get_plan(open_store(), args.plan_id)
    checklist.settable(plan.type, args.requirement_id)  # unknown or automatic: refused before signing in
    return _write(args, PlanChange(check=(args.requirement_id, args.status, args.evidence)))


def run_status(args: argparse.Namespace) -> int:
    return _write(args, PlanChange(status=args.status))


def run_export(args: argparse.Namespace) -> int:
    out: Path = args.out
    suffix = out.suffix.lower()
    if suffix not in EXPORT_SUFFIXES:
        raise CliError("cli_plan_export_suffix", file=out.name, suffixes=", ".join(EXPORT_SUFFIXES))
    store = open_store()
    view = view_plan(plan_store.get_plan(store, args.plan_id), store.read(), osm_parcels=False)
    from layers.plan.export import export_bytes  # folium, jinja2, python-docx only here

    data = export_bytes(view, suffix, args.lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(data)
    print(both("cli_plan_exported", id=view.plan.id, out=out, size=len(data)))
    return 0
