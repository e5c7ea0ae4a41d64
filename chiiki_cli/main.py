"""Entry point of ``chiiki-map``: builds the parser and runs one subcommand.

The subcommands are listed in ``chiiki_cli.commands.COMMANDS`` (a static table, as pip's): ``--help``
lists them without importing any command module, and only the module of the command being run is imported
(it pulls in geopandas, networkx, folium … as it needs).
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence
from typing import NoReturn

from chiiki_cli.commands import COMMANDS
from chiiki_cli.errors import EXIT_ERROR, CliError, failure_message, memory_cap
from chiiki_cli.terminal import SafeStream
from geo.config import configure_logging
from geo.errors import ChiikiMapError

#: Most characters of a usage error message (argparse quotes the invalid value in it).
MAX_ECHO = 300


def _words(exc: BaseException) -> str:
    """``exc`` in Japanese, then English (i18n is imported here: ``--help`` needs no words from it)."""
    from i18n.errors import bilingual

    return bilingual(exc)


class Parser(argparse.ArgumentParser):
    """``argparse`` whose usage errors echo at most ``MAX_ECHO`` characters of the input, in Japanese and English."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and a clipped message, exit 2."""
        self.print_usage(sys.stderr)
        text = " ".join(message.split())
        if len(text) > MAX_ECHO:
            text = f"{text[: MAX_ECHO - 1]}…({len(message):,} characters)"
        self.exit(EXIT_ERROR, f"{self.prog}: error: {_words(CliError('cli_usage', text=text))}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``chiiki-map`` parser; the module of ``command`` (if it is one) registers its real sub-parser."""
    parser = Parser(prog="chiiki-map", description="地域未来マップ — regional investment and infrastructure map")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    if command in COMMANDS:
        importlib.import_module(COMMANDS[command].module).register(sub)
    for name, entry in COMMANDS.items():
        if name not in sub.choices:
            sub.add_parser(name, help=entry.summary)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``chiiki-map``; returns the exit status.

    Everything printed goes through ``terminal_safe``; the command's memory is capped (``memory_cap``).
    """
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)
    try:
        with memory_cap():
            return _run(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _run(argv: Sequence[str] | None) -> int:
    configure_logging(None)  # the command prints its own messages; CHIIKI_MAP_LOG_LEVEL=INFO adds the log
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in args_list if not a.startswith("-")), None)
    try:
        args = build_parser(command).parse_args(args_list)
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"chiiki-map: error: {_words(exc)}", file=sys.stderr)
        return exc.status
    except ChiikiMapError as exc:  # deliberate errors from geo
        print(f"chiiki-map: error: {_words(exc)}", file=sys.stderr)
        return EXIT_ERROR
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("chiiki-map: 中断しました / interrupted", file=sys.stderr)
        return 130
    except (Exception, MemoryError) as exc:  # never a traceback: what the system refused, or a bug, in words
        print(f"chiiki-map: error: {failure_message(exc)}", file=sys.stderr)
        return EXIT_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
