"""Options shared by the analysis subcommands: ``--region``, ``--sites FILE`` and ``--json``."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

import geopandas as gpd
import pandas as pd

from chiiki_cli.errors import CliError
from geo import regions
from geo.domain import ALL_FIELDS
from geo.io.compact import release_freed_memory
from geo.io.reasons import Reason
from geo.io.tables import numbering
from geo.sites import selection
from geo.sites.schema import read_sites_file, validate_sites
from geo.store import open_store
from i18n import LANGS, t
from i18n.reasons import reasons_text, row_label
from i18n.sites_edit import column_headers


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
    """The region named on the command line (``RegionError`` with the accepted forms)."""
    return regions.resolve_region(spec or "japan")


def load_sites(args: argparse.Namespace, region: regions.Region | None = None) -> gpd.GeoDataFrame:
    """Sites from ``--sites FILE`` (rejected rows reported on stderr) or the store, within ``region``."""
    if getattr(args, "sites", None):
        headers = column_headers()  # a table saved from the app reads back with its own labels
        accepted, rejected = validate_sites(read_sites_file(args.sites, headers=headers), headers)
        print_skipped(args.sites, rejected, numbering(rejected))
        if accepted.empty:
            raise CliError("cli_no_valid_sites", file=args.sites, n_bad=len(rejected))
        sites = accepted
        del rejected
    else:
        sites = open_store().read()
    release_freed_memory()  # reading a national register frees as much again as the sites keep
    return selection.filter_sites(sites, region=region) if region is not None else sites


class Rows:
    """A JSON list :func:`print_json` writes a chunk at a time: rows made as they are written, never all at once.

    ``chunks`` yields lists of JSON-ready dicts (e.g. the records of 20,000 sites); each row is written on
    one line. For the one list of an output that grows with the sites (1,000,000 sites: a million rows).
    """

    def __init__(self, chunks: Iterable[list[dict[str, Any]]]) -> None:
        self.chunks = chunks

    def __iter__(self) -> Iterator[dict[str, Any]]:
        for chunk in self.chunks:
            yield from chunk


def row_line(key: str, row: object, reasons: Iterable[Reason], kind: str = "row", **params: object) -> str:
    """One refused row in words (UI text ``key`` with ``{row}``, ``{why}``): Japanese, then English."""
    reasons = tuple(reasons)
    ja, en = (t(key, g, row=row_label(row, g, kind), why=reasons_text(reasons, g), **params) for g in LANGS)
    return f"{ja} / {en}"


def print_skipped(source: object, rejected: pd.DataFrame, kind: str = "row") -> None:
    """Each rejected row of ``source`` (``row``, ``reason``: import reasons) on stderr, Japanese then English."""
    for row, reason in zip(rejected["row"], rejected["reason"], strict=True):
        print(f"chiiki-map: {source} {row_line('cli_row_skipped', row, reason, kind)}", file=sys.stderr)


def print_json(data: Any) -> None:
    """JSON on stdout, Japanese kept readable; a top-level :class:`Rows` value is streamed."""
    if not (isinstance(data, dict) and any(isinstance(v, Rows) for v in data.values())):
        print(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    out = sys.stdout
    out.write("{")
    for n, (key, value) in enumerate(data.items()):
        out.write(("," if n else "") + "\n  " + json.dumps(key, ensure_ascii=False) + ": ")
        if not isinstance(value, Rows):
            out.write(json.dumps(value, ensure_ascii=False, indent=2, default=str).replace("\n", "\n  "))
            continue
        out.write("[")
        for k, row in enumerate(value):
            out.write(("," if k else "") + "\n    " + json.dumps(row, ensure_ascii=False, default=str))
        out.write("\n  ]")
    out.write("\n}\n")
