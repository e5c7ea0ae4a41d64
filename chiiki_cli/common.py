"""Options shared by the analysis subcommands: ``--region``, ``--sites FILE`` and ``--json``."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

import geopandas as gpd

from chiiki_cli.errors import CliError
from geo import regions
from geo.domain import ALL_FIELDS
from geo.io.tables import numbering
from geo.sites import selection
from geo.sites.schema import read_sites_file, validate_sites
from geo.store import open_store
from i18n.reasons import reasons_text, row_label


def add_region_argument(parser: argparse.ArgumentParser, required: bool = False) -> None:
    """``--region R``: a block id (kyushu), a JIS code (43), a name (熊本県) or japan."""
    parser.add_argument(
        "--region",
        required=required,
        default=None if required else "japan",
        help="block id (kyushu), JIS code (43), name (熊本県, 九州) or japan; default japan",
    )


def add_sites_argument(parser: argparse.ArgumentParser) -> None:
    """``--sites FILE``: analyse a CSV/GeoJSON/Excel file (site schema) instead of the site store."""
    parser.add_argument(
        "--sites",
        metavar="FILE",
        default=None,
        help="CSV, .xlsx or GeoJSON with the site schema; default: the site store",
    )


def add_field_argument(parser: argparse.ArgumentParser, help_text: str) -> None:
    """``--field F [F ...]`` (repeatable too): field ids from geo.domain.ALL_FIELDS."""
    parser.add_argument(
        "--field",
        action="extend",
        nargs="+",
        choices=list(ALL_FIELDS),
        metavar="F",
        help=f"{help_text}: {', '.join(ALL_FIELDS)}",
    )


def add_json_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print machine-readable JSON")


def add_analysis_arguments(parser: argparse.ArgumentParser) -> None:
    """``--region``, ``--sites FILE`` and ``--json``: the options every analysis subcommand takes."""
    add_region_argument(parser)
    add_sites_argument(parser)
    add_json_argument(parser)


def resolve(spec: str | None) -> regions.Region:
    """The region named on the command line, or a CliError with the accepted forms."""
    try:
        return regions.resolve_region(spec or "japan")
    except regions.RegionError as exc:
        raise CliError(str(exc)) from None


def load_sites(args: argparse.Namespace, region: regions.Region | None = None) -> gpd.GeoDataFrame:
    """Sites from ``--sites FILE`` (rejected rows reported on stderr) or the store, within ``region``."""
    if getattr(args, "sites", None):
        accepted, rejected = validate_sites(read_sites_file(args.sites))
        kind = numbering(rejected)
        for row, reason in zip(rejected["row"], rejected["reason"], strict=True):
            print(
                f"chiiki-map: {args.sites} {row_label(row, 'ja', kind)}: 読み飛ばし: {reasons_text(reason, 'ja')} / "
                f"{row_label(row, 'en', kind)} skipped: {reasons_text(reason, 'en')}",
                file=sys.stderr,
            )
        if accepted.empty:
            raise CliError(f"{args.sites}: no valid site rows ({len(rejected)} rejected, see above)")
        sites = accepted
    else:
        sites = open_store().read()
    return selection.filter_sites(sites, region=region) if region is not None else sites


def print_json(data: Any) -> None:
    """JSON on stdout, Japanese kept readable."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
