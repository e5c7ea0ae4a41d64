"""Entry point of ``chiiki-map``: builds the parser from the subcommand modules and runs one."""
from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

#: Modules that each define ``register(subparsers)``; the parser they add sets ``func``.
SUBCOMMAND_MODULES = (
    "chiiki_cli.locate_cmd",
    "chiiki_cli.layers_cmd",
    "chiiki_cli.osm_cmd",
)


class CliError(Exception):
    """A user-facing error: printed without a traceback, exits with ``status``."""

    def __init__(self, message: str, status: int = 2) -> None:
        super().__init__(message)
        self.status = status


def build_parser() -> argparse.ArgumentParser:
    """The full ``chiiki-map`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="chiiki-map", description="地域未来マップ — regional investment and infrastructure map"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in SUBCOMMAND_MODULES:
        importlib.import_module(name).register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``chiiki-map``; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"chiiki-map: error: {exc}", file=sys.stderr)
        return exc.status
    except (ValueError, FileNotFoundError) as exc:
        print(f"chiiki-map: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":  # pragma: no cover
    # Run the imported module's main so CliError raised by subcommands is the same class.
    from chiiki_cli.main import main as _main

    sys.exit(_main())
