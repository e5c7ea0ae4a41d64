"""``chiiki-map locate LON LAT [--json]``: prefecture, municipality and METI block of a point."""

from __future__ import annotations

import argparse
import json
import math
from typing import Any

from chiiki_cli.commands import help_of
from chiiki_cli.errors import EXIT_ERROR, CliError
from geo import domain, regions

EXAMPLE = "130.84 32.88"


def register(subparsers: Any) -> None:
    """Add the ``locate`` subcommand to ``chiiki-map``."""
    p = subparsers.add_parser(
        "locate",
        help=help_of("locate"),
        description="Print the prefecture, municipality and METI block of a point given as "
        "longitude then latitude in degrees (EPSG:4326). Negative values work as they are "
        "(`locate -70 40`) or after `--` (`locate -- -70 40`).",
        epilog=f"example: chiiki-map locate {EXAMPLE}  ->  熊本県 (43 Kumamoto) / 菊陽町 (43404) / 九州 (kyushu)",
    )
    p.add_argument("lon", type=float, metavar="LON", help="longitude in degrees, east positive (e.g. 130.84)")
    p.add_argument("lat", type=float, metavar="LAT", help="latitude in degrees, north positive (e.g. 32.88)")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of a line of text")
    p.add_argument(
        "--tolerance-m",
        type=float,
        default=regions.DEFAULT_TOLERANCE_M,
        metavar="M",
        help="snap points up to M metres off the simplified coastline to the nearest unit "
        "(default: %(default)g; 0 = strict containment)",
    )
    p.set_defaults(func=run)


def format_line(hit: dict[str, str | None]) -> str:
    """One human-readable line, e.g. ``熊本県 (43 Kumamoto) / 菊陽町 (43404) / 九州 (kyushu)``."""
    pref = f"{hit['pref_name_ja']} ({hit['pref_code']} {hit['pref_name_en']})"
    if hit["muni_name_ja"] is None:
        muni = "(municipality unknown)"
    else:
        muni = f"{hit['muni_name_ja']} ({hit['muni_code'] or 'no code'})"
    block = domain.BLOCKS[hit["block"]] if hit["block"] else None
    blk = f"{block.ja} ({block.id})" if block else "(block unknown)"
    return f"{pref} / {muni} / {blk}"


def _swapped_in(lon: float, lat: float, tolerance_m: float) -> dict[str, str]:
    """The prefecture (``pref_ja``, ``pref_en``) the swapped point (lat, lon) lies in, else {}."""
    if abs(lon) > 90 or abs(lat) > 180:
        return {}
    swapped = regions.locate(lat, lon, tolerance_m=tolerance_m)
    if swapped is None:
        return {}
    return {"pref_ja": str(swapped["pref_name_ja"]), "pref_en": str(swapped["pref_name_en"])}


def run(args: argparse.Namespace) -> int:
    """Locate ``args.lon``, ``args.lat`` and print the result."""
    lon, lat = args.lon, args.lat
    if not (math.isfinite(lon) and math.isfinite(lat)):
        raise CliError("cli_lonlat_not_finite", lon=lon, lat=lat, example=EXAMPLE)
    if args.tolerance_m < 0 or not math.isfinite(args.tolerance_m):
        raise CliError("cli_tolerance", value=args.tolerance_m)
    if abs(lon) > 180 or abs(lat) > 90:
        swapped = _swapped_in(lon, lat, args.tolerance_m)
        raise CliError(
            "cli_point_invalid_swapped" if swapped else "cli_point_invalid",
            lon=lon,
            lat=lat,
            example=EXAMPLE,
            status=EXIT_ERROR,
            **swapped,
        )
    hit = regions.locate(lon, lat, tolerance_m=args.tolerance_m)
    if hit is None:
        swapped = _swapped_in(lon, lat, args.tolerance_m)
        raise CliError(
            "cli_point_outside_swapped" if swapped else "cli_point_outside",
            lon=lon,
            lat=lat,
            example=EXAMPLE,
            status=EXIT_ERROR,
            **swapped,
        )
    if args.json:
        print(json.dumps({k: hit[k] for k in regions.LOCATE_COLUMNS}, ensure_ascii=False))
    else:
        print(format_line(hit))
    return 0
