"""The command table of ``chiiki-map``: every subcommand, the module that implements it, its one-line help.

A static table, as pip keeps one: listing the commands (``chiiki-map --help``) imports no command module,
and running one imports only its module (which pulls in geopandas, folium, networkx … as it needs). Each
module's ``register(subparsers)`` adds its command(s) with the help line from here (``help_of``), and
``tests/test_cli_main.py`` checks that the table and the modules agree. To add a command: write
``chiiki_cli/<name>_cmd.py`` with ``register`` and ``run``, then add one row here.
"""

from __future__ import annotations

from typing import NamedTuple


class Command(NamedTuple):
    """One subcommand: the module whose ``register`` adds it, and its one-line help."""

    module: str
    summary: str


#: Subcommand name → where it lives and its one-line help, in the order ``--help`` lists them.
COMMANDS: dict[str, Command] = {
    "clusters": Command(
        "chiiki_cli.clusters_cmd", "clusters of same-field sites within a distance (cross-prefecture flagged)"
    ),
    "db": Command("chiiki_cli.db_cmd", "create or upgrade the site store's tables (run by the database owner)"),
    "export": Command("chiiki_cli.export_cmd", "self-contained offline HTML briefing (map, summary, sources)"),
    "firms": Command("chiiki_cli.firms_cmd", "priority firms: connector and hub degree, ranked"),
    "gaps": Command(
        "chiiki_cli.gaps_cmd", "infrastructure gaps per site (distance to the nearest IC, station, port ...)"
    ),
    "industry": Command(
        "chiiki_cli.industry_cmd",
        "industry structure (産業構造): employees by JSIC division and location quotients (特化係数)",
    ),
    "labour": Command(
        "chiiki_cli.labour_cmd",
        "labour demand (人材需要): pipeline jobs vs working-age population, catchments, 高専・大学",
    ),
    "land": Command(
        "chiiki_cli.land_cmd", "industrial land: available ha vs demand per prefecture (unknown stays unknown)"
    ),
    "land-import": Command(
        "chiiki_cli.land_cmd", "import a parcel file (産業用地リスト) for the app and `chiiki-map land`"
    ),
    "layer-import": Command(
        "chiiki_cli.layer_import_cmd",
        "import a GIS file (KSJ C02/L05/N02/P29, 工業用水 tables, GeoJSON, GPKG, Shapefile zip) into a layer",
    ),
    "layers": Command(
        "chiiki_cli.layers_cmd", "infrastructure layers: count in a region, status, source, licence, date"
    ),
    "locate": Command("chiiki_cli.locate_cmd", "which prefecture / municipality / METI block a point is in"),
    "fetch-osm": Command(
        "chiiki_cli.osm_cmd", "fetch infrastructure layers for a region from OpenStreetMap (Overpass)"
    ),
    "load-osm": Command("chiiki_cli.osm_cmd", "import an OpenStreetMap file (.osm, .osm.bz2, .osm.pbf) for a region"),
    "profile": Command(
        "chiiki_cli.profile_cmd",
        "region profile (地域カルテ): investment, infrastructure gaps, industrial land and labour in one place",
    ),
    "sites": Command("chiiki_cli.sites_cmd", "import or export candidate sites"),
    "users": Command("chiiki_cli.users_cmd", "local accounts (admin / editor / viewer) for the app and imports"),
}


def help_of(name: str) -> str:
    """The one-line help of the subcommand ``name`` (what its module passes to ``add_parser``)."""
    return COMMANDS[name].summary
