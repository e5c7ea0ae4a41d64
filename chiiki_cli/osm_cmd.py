"""``chiiki-map fetch-osm`` (Overpass) and ``chiiki-map load-osm FILE`` (local OSM file) into the OSM cache."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from chiiki_cli.commands import help_of
from geo import infra, regions

REGION_HELP = "block id (kyushu), JIS code (43), name (熊本県, Kumamoto, 九州)"
LAYERS_HELP = f"layer ids, space- or comma-separated (default: all): {', '.join(infra.LAYERS)}"


def register(subparsers: Any) -> None:
    """Add the ``fetch-osm`` and ``load-osm`` subcommands to ``chiiki-map``."""
    f = subparsers.add_parser(
        "fetch-osm",
        help=help_of("fetch-osm"),
        description="Query Overpass (through osmnx) per layer and store the result in the OSM cache, where "
        "`chiiki-map layers` and the map pick it up. Needs network access; offline it stops within seconds.",
        epilog="example: chiiki-map fetch-osm --region 43 --layers industrial_land substations",
    )
    f.add_argument("--region", required=True, metavar="R", help=REGION_HELP)
    f.add_argument("--layers", nargs="+", metavar="ID", default=None, help=LAYERS_HELP)
    f.add_argument(
        "--timeout", type=float, default=60.0, metavar="S", help="seconds per Overpass request (default: %(default)g)"
    )
    f.set_defaults(func=run_fetch)

    ld = subparsers.add_parser(
        "load-osm",
        help=help_of("load-osm"),
        description="Read a downloaded OSM file, keep the features inside the region, classify them into the "
        "infrastructure layers and store them in the OSM cache. Layers without features are not written.",
        epilog="example: chiiki-map load-osm kyushu-latest.osm.pbf --region kumamoto",
    )
    ld.add_argument("file", metavar="FILE", help="path to an .osm, .osm.bz2 or .osm.pbf file")
    ld.add_argument("--region", required=True, metavar="R", help=REGION_HELP)
    ld.add_argument("--layers", nargs="+", metavar="ID", default=None, help=LAYERS_HELP)
    ld.set_defaults(func=run_load)


def parse_layers(values: list[str] | None) -> list[str] | None:
    """Layer ids from ``--layers`` (spaces and/or commas); None means all. Unknown ids -> ValueError."""
    if not values:
        return None
    ids = [v.strip() for item in values for v in item.split(",") if v.strip()]
    return infra.check_layer_ids(ids)


def _print_counts(counts: dict[str, int], keep_empty: bool) -> None:
    """One line per layer; empty layers are cached only for Overpass (a file may be a partial export)."""
    for lid, n in counts.items():
        print(f"  {lid:18s} {n:7d}  {'cached' if n or keep_empty else 'not written (no features)'}")


def run_fetch(args: argparse.Namespace) -> int:
    """Fetch the layers from Overpass with per-layer progress on stderr."""
    from geo.infra.osm import fetch as osm  # osmnx is only imported when needed

    layer_ids = parse_layers(args.layers)
    region = regions.as_region(args.region)
    started = time.monotonic()

    def progress(layer_id: str, done: int, total: int, count: int | None) -> None:
        state = "…" if count is None else f"{count} features"
        print(
            f"[{done + (count is None)}/{total}] {layer_id}: {state} ({time.monotonic() - started:.0f} s)",
            file=sys.stderr,
            flush=True,
        )

    counts = osm.fetch_osm(region, layer_ids, progress=progress, timeout=args.timeout)  # NetworkUnavailable offline
    print(f"fetched from OpenStreetMap for {region.name_ja} ({region.id}):")
    _print_counts(counts, keep_empty=True)
    return 0


def run_load(args: argparse.Namespace) -> int:
    """Import an OSM file into the cache and print the counts per layer."""
    from geo.infra.osm import fetch as osm

    layer_ids = parse_layers(args.layers)
    region = regions.as_region(args.region)
    counts = osm.load_osm_file(args.file, region, layer_ids)
    print(f"imported {args.file} for {region.name_ja} ({region.id}):")
    _print_counts(counts, keep_empty=False)
    return 0
