"""Entry point of ``chiiki-map``: builds the parser from the subcommand modules and runs one."""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import sys
from collections.abc import Sequence

from chiiki_cli.errors import EXIT_ERROR, CliError
from geo.errors import ChiikiMapError


def subcommand_modules() -> list[str]:
    """Every ``chiiki_cli/*_cmd.py`` module; each defines ``register(subparsers)`` setting ``func``."""
    import chiiki_cli

    return sorted(f"chiiki_cli.{m.name}" for m in pkgutil.iter_modules(chiiki_cli.__path__) if m.name.endswith("_cmd"))


def build_parser() -> argparse.ArgumentParser:
    """The full ``chiiki-map`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="chiiki-map", description="地域未来マップ — regional investment and infrastructure map"
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in subcommand_modules():
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
    except ChiikiMapError as exc:  # deliberate errors from geo; anything else is a bug with a traceback
        print(f"chiiki-map: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
