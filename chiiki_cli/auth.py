"""How the command line signs in: ``--user NAME`` (or ``CHIIKI_MAP_USER``) and a password from
``--password-stdin``, the ``CHIIKI_MAP_PASSWORD`` environment variable, or a prompt (getpass)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys

from chiiki_cli.errors import CliError
from geo.accounts import Actor
from geo.store import SiteStore
from geo.store.signin import LOCKOUT_FAILURES, LOCKOUT_MINUTES, verify


def add_password_argument(parser: argparse.ArgumentParser) -> None:
    """``--password-stdin``: read the password from the first line of standard input."""
    parser.add_argument(
        "--password-stdin", action="store_true", help="read the password from standard input instead of a prompt"
    )


def read_password(args: argparse.Namespace, prompt: str, confirm: bool = False, env: bool = True) -> str:
    """The password from stdin (``--password-stdin``), ``CHIIKI_MAP_PASSWORD`` (if ``env``) or a prompt."""
    if getattr(args, "password_stdin", False):
        return sys.stdin.readline().rstrip("\r\n")
    if env and os.environ.get("CHIIKI_MAP_PASSWORD"):
        return os.environ["CHIIKI_MAP_PASSWORD"]
    if not sys.stdin.isatty():
        raise CliError("cli_no_password")
    password = getpass.getpass(prompt)
    if confirm and getpass.getpass("repeat the password: ") != password:
        raise CliError("cli_passwords_differ")
    return password


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters for echoing it in a message."""
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def admin_name() -> str:
    """Who runs an account command, for the activity log: ``cli:`` and the operating-system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def sign_in(store: SiteStore, args: argparse.Namespace) -> Actor:
    """The signed-in ``Actor`` for ``--user``/``CHIIKI_MAP_USER``; ``CliError`` if missing or wrong."""
    name = getattr(args, "user", None) or os.environ.get("CHIIKI_MAP_USER")
    if not name:
        raise CliError("cli_no_user")
    shown = clip(name, 100)
    actor = verify(store, name, read_password(args, f"password for {shown}: "))
    if actor is None:  # a wrong password, an unknown name or a locked account: the same answer
        raise CliError("cli_sign_in_failed", name=shown, failures=LOCKOUT_FAILURES, minutes=LOCKOUT_MINUTES)
    if not actor.can_edit:
        raise CliError("cli_not_editor", name=shown, role=actor.role)
    return actor
