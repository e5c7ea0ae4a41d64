"""``chiiki-map users add|passwd|role|unlock|list``: local accounts (Argon2 hashes) kept in the site store.

Managing accounts here needs access to the store itself (the GeoPackage file or the database URL), which
is the administrator's; it needs no account, so it makes the first ``admin``, who can then manage accounts
in the app (its admin page). The app and ``sites import`` sign in with these accounts. Every change is
recorded in the store's ``activity`` table as ``cli:<login>``.
"""

from __future__ import annotations

import argparse
from typing import Any

from chiiki_cli.auth import add_password_argument, admin_name, read_password
from chiiki_cli.commands import help_of
from chiiki_cli.common import add_json_argument, print_json
from geo.accounts import ROLES
from geo.store import open_store
from geo.store.users import add_user, list_users, set_password, set_role, unlock
from i18n import both


def register(subparsers: Any) -> None:
    """Add the ``users`` subcommand group to ``chiiki-map``."""
    p = subparsers.add_parser(
        "users",
        help=help_of("users"),
        description="Manage the local accounts stored beside the sites.",
    )
    sub = p.add_subparsers(dest="users_command", required=True, metavar="ACTION")
    add = sub.add_parser("add", help="create an account (the password is asked for twice)")
    add.add_argument("name", metavar="NAME")
    add.add_argument(
        "--role",
        required=True,
        choices=ROLES,
        help="admin (manages accounts in the app and may change sites), editor (may change sites) or viewer",
    )
    add_password_argument(add)
    add.set_defaults(func=run_add)
    pw = sub.add_parser("passwd", help="set a new password (and optionally a new role)")
    pw.add_argument("name", metavar="NAME")
    pw.add_argument("--role", choices=ROLES, default=None, help="also change the role")
    add_password_argument(pw)
    pw.set_defaults(func=run_passwd)
    ro = sub.add_parser("role", help="change the role of an account (its password stays)")
    ro.add_argument("name", metavar="NAME")
    ro.add_argument("role", choices=ROLES, metavar="ROLE", help=f"the new role: {', '.join(ROLES)}")
    ro.set_defaults(func=run_role)
    un = sub.add_parser(
        "unlock", help="end the lockout of an account (locked after 10 wrong passwords in a row, for 15 minutes)"
    )
    un.add_argument("name", metavar="NAME")
    un.set_defaults(func=run_unlock)
    ls = sub.add_parser("list", help="accounts and roles (never the password hashes)")
    add_json_argument(ls)
    ls.set_defaults(func=run_list)


def run_add(args: argparse.Namespace) -> int:
    store = open_store()
    password = read_password(args, f"new password for {args.name}: ", confirm=True, env=False)
    actor = add_user(store, args.name, args.role, password, by=admin_name())
    print(both("cli_user_added", role=actor.role, name=actor.name, store=store.target))
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    store = open_store()
    password = read_password(args, f"new password for {args.name}: ", confirm=True, env=False)
    set_password(store, args.name, password, role=args.role, by=admin_name())
    print(both("cli_password_changed", name=args.name))
    return 0


def run_role(args: argparse.Namespace) -> int:
    store = open_store()
    changed = set_role(store, args.name, args.role, by=admin_name())
    if changed:
        print(both("cli_role_changed", name=args.name, role=args.role))
    else:
        print(both("cli_role_same", name=args.name, role=args.role))
    return 0


def run_unlock(args: argparse.Namespace) -> int:
    store = open_store()
    was_locked = unlock(store, args.name, by=admin_name())
    print(both("cli_unlocked" if was_locked else "cli_not_locked", name=args.name))
    return 0


def run_list(args: argparse.Namespace) -> int:
    users = list_users(open_store())
    if args.json:
        print_json(users.to_dict("records"))
    elif users.empty:
        print(both("cli_no_accounts"))
    else:
        for row in users.to_dict("records"):
            locked = f"\tlocked until {row['locked_until']}" if row["locked_until"] else ""
            print(f"{row['name']}\t{row['role']}\tcreated {row['created_at']}\tchanged {row['updated_at']}{locked}")
    return 0
