"""``chiiki-map db upgrade``: create the site store's tables, or bring them up to date — the owner's step.

The app and every other command never create or change tables of a PostGIS store, so they can run as a
role with only ``SELECT, INSERT, UPDATE`` on ``sites``, ``audit``, ``activity`` and ``users``; the
database owner runs this once at set-up and after each upgrade of the app. The GeoPackage store (a single
file the app owns) is created and upgraded on first use anyway; this command does the same for it.
"""

from __future__ import annotations

import argparse
from typing import Any

from chiiki_cli.commands import help_of
from geo.store import upgrade_store
from i18n import both, t


def register(subparsers: Any) -> None:
    """Add the ``db`` subcommand group to ``chiiki-map``."""
    p = subparsers.add_parser(
        "db",
        help=help_of("db"),
        description="Manage the site store itself. Uses DATABASE_URL (PostGIS) or CHIIKI_MAP_STORE / "
        "var/sites.gpkg (GeoPackage), as the app does.",
    )
    sub = p.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    up = sub.add_parser(
        "upgrade",
        help="create the tables (with the sample sites) or bring them up to date; run with the owner's DATABASE_URL",
        description="Create the store's tables (seeded with the sample sites) or bring a store made by an "
        "earlier version up to date. For PostGIS, run it with the DATABASE_URL of the role that owns the "
        "tables; the app then runs with a role that may only SELECT/INSERT/UPDATE them. Running it again "
        "changes nothing.",
        epilog="example: DATABASE_URL=postgresql://owner@dbhost/chiiki chiiki-map db upgrade",
    )
    up.set_defaults(func=run_upgrade)


def run_upgrade(args: argparse.Namespace) -> int:
    """Create or upgrade the configured store; print what was done (Japanese, then English)."""
    target, steps = upgrade_store()
    if not steps:
        print(both("cli_db_up_to_date", target=target))
        return 0
    done = {lang: t("list_sep", lang).join(t(f"cli_db_step_{s}", lang) for s in steps) for lang in ("ja", "en")}
    print(
        f"{t('cli_db_upgraded', 'ja', target=target, steps=done['ja'])} / "
        f"{t('cli_db_upgraded', 'en', target=target, steps=done['en'])}"
    )
    return 0
