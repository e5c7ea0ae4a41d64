"""``chiiki-map db upgrade``: create the site store's tables, or bring them up to date — the owner's step.

The app and every other command never create or change tables of a PostGIS store, so they can run as a
role with only ``SELECT, INSERT, UPDATE`` on ``sites``, ``audit``, ``activity`` and ``users``; the
database owner runs this once at set-up and after each upgrade of the app. The GeoPackage store (a single
file the app owns) is created and upgraded on first use anyway; this command does the same for it.
"""

from __future__ import annotations

import argparse
from typing import Any

from geo.store import upgrade_store
from i18n import t
from i18n.store import steps_text


def register(subparsers: Any) -> None:
    """Add the ``db`` subcommand group to ``chiiki-map``."""
    p = subparsers.add_parser(
        "db",
        help="create or upgrade the site store's tables (run by the database owner)",
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
    if steps:
        print(
            " / ".join(
                t("store_upgrade_done", lang, target=target, steps=steps_text(steps, lang)) for lang in ("ja", "en")
            )
        )
    else:
        print(" / ".join(t("store_upgrade_none", lang, target=target) for lang in ("ja", "en")))
    return 0
