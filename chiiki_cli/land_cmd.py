"""``chiiki-map land`` (industrial-land balance per prefecture) and ``chiiki-map land-import`` (parcel files)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from chiiki_cli.auth import add_password_argument, sign_in
from chiiki_cli.commands import help_of
from chiiki_cli.common import add_analysis_arguments, load_sites, print_json, print_skipped, resolve
from chiiki_cli.errors import CliError
from geo.analysis import land
from geo.analysis.land_balance import balance_records, block_balance, land_balance
from geo.store import open_store
from i18n import both
from i18n import format as fmt


def register(subparsers: Any) -> None:
    """Add the ``land`` and ``land-import`` subcommands to ``chiiki-map``."""
    p = subparsers.add_parser(
        "land",
        help=help_of("land"),
        description="Available hectares of industrial land (sample estates, imported files, OSM landuse=industrial) "
        "against demand (land_ha of sites whose status is not operating), per prefecture. A prefecture with no "
        "parcel of known availability has available_ha and balance_ha null (unknown), never 0.",
        epilog="example: chiiki-map land --region kyushu --json",
    )
    add_analysis_arguments(p)
    p.add_argument(
        "--parcels",
        metavar="FILE",
        action="append",
        default=[],
        help="also analyse a parcel file (CSV/.xlsx with lon/lat, GeoJSON, GPKG) without importing it; repeatable",
    )
    p.add_argument("--no-sample", action="store_true", help="leave out the committed sample estates")
    p.add_argument("--no-imported", action="store_true", help="leave out imported parcel files")
    p.add_argument("--no-osm", action="store_true", help="leave out OSM landuse=industrial")
    p.set_defaults(func=run)

    q = subparsers.add_parser(
        "land-import",
        help=help_of("land-import"),
        description="Validate a parcel file and keep its accepted rows under the user cache (var/land); "
        "rejected rows are listed with their reason. Importing a file with the same name replaces it. "
        "Headers such as 団地名, 総面積（ha）, 分譲可能面積（ha）/残区画面積, 分譲価格（円/㎡）, 状況, 出典, "
        "経度, 緯度 "
        "are recognised; KSJ L05 names (L05_001 id, L05_002 name) on a best-effort basis. Importing and "
        "removing need an editor account (--user NAME or CHIIKI_MAP_USER, password as for `sites import`) "
        "and are recorded in the store's activity log.",
        epilog="example: chiiki-map land-import kumamoto_sangyo_yochi.csv",
    )
    q.add_argument("file", nargs="?", metavar="FILE", help="CSV (UTF-8/Shift_JIS), .xlsx, GeoJSON or GPKG")
    q.add_argument("--name", metavar="NAME", help="name of the import (default: the file name without suffix)")
    q.add_argument("--list", action="store_true", help="list the imported files")
    q.add_argument("--remove", metavar="NAME", help="delete one imported file")
    q.add_argument("--user", default=None, help="editor account for importing or removing (default: CHIIKI_MAP_USER)")
    add_password_argument(q)
    q.set_defaults(func=run_import)


def _ha(value: object) -> str:
    return fmt.number(value, "en", 1)


def run(args: argparse.Namespace) -> int:
    """Print the balance per prefecture (table or JSON)."""
    region = resolve(args.region)
    sites = load_sites(args, region)
    parcels = land.load_parcels(region, sample=not args.no_sample, imported=not args.no_imported, osm=not args.no_osm)
    extra = []
    for path in args.parcels:
        accepted, rejected = land.load_parcel_file(path)
        print_skipped(path, rejected)
        extra.append(accepted[accepted["pref_code"].isin(region.pref_codes)])
    parcels = land.concat_parcels([parcels, *extra])
    table = land_balance(parcels, sites, region.pref_codes)
    if args.json:
        print_json(balance_records(table))
        return 0
    print(
        f"industrial land in {region.name_ja} ({region.id}): {len(parcels)} parcel(s), "
        f"{int(table['unknown_parcels'].sum())} with unknown availability"
    )
    print(
        f"{'pref':<13}{'parcels':>8}{'available ha':>14}{'unknown':>9}{'demand ha':>11}{'sites w/o ha':>14}"
        f"{'balance ha':>12}  status"
    )
    for r in table.itertuples():
        print(
            f"{r.pref_code} {r.pref_name_en:<10}{r.n_parcels:>8}{_ha(r.available_ha):>14}{r.unknown_parcels:>9}"
            f"{_ha(r.demand_ha):>11}{r.demand_unknown_sites:>14}{_ha(r.balance_ha):>12}  {r.status}"
        )
    if region.kind != "pref":
        for b in block_balance(table).itertuples():
            print(
                f"block {b.block}: available {_ha(b.available_ha)} ha, demand {_ha(b.demand_ha)} ha, "
                f"balance {_ha(b.balance_ha)} ha, {b.unknown_prefs} prefecture(s) with unknown supply"
            )
    return 0


def run_import(args: argparse.Namespace) -> int:
    """Import, list or remove parcel files; importing and removing need an editor and are recorded."""
    if args.list:
        names = land.list_imports()
        print("\n".join(names) if names else both("cli_land_none"))
        return 0
    if not args.remove and not args.file:
        raise CliError("cli_land_what")
    if args.file:  # read and check the file first: a bad file needs no sign-in
        accepted, rejected = land.load_parcel_file(args.file)
    store = open_store()
    actor = store.authorize(sign_in(store, args))
    if args.remove:
        with store.recording(actor, "land_remove", args.remove, files=[land.imported_file(args.remove)]):
            land.remove_import(args.remove)
        print(both("cli_land_removed", name=args.remove))
        return 0
    target = land.import_target(args.file, args.name)
    detail = {"file": Path(args.file).name, "accepted": len(accepted), "rejected": len(rejected)}
    with store.recording(actor, "land_import", target.stem, files=[target], **detail):  # the file and its record
        target, accepted, rejected = land.import_parcels(args.file, name=args.name)
    print_skipped(args.file, rejected)
    unknown = int(accepted["available_ha"].isna().sum())
    print(
        both("cli_land_imported", n=len(accepted), target=target, n_bad=len(rejected), unknown=unknown, user=actor.name)
    )
    return 0
