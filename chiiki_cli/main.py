"""Entry point of ``chiiki-map``: builds the parser and runs one subcommand.

Every ``chiiki_cli/*_cmd.py`` defines ``register(subparsers)``. Importing a command module pulls in what it
uses (geopandas, networkx, folium …), so the modules are not imported to list them: their command names
and one-line help are read from their source (``subparsers.add_parser("name", help=...)`` inside
``register``), and only the module of the command being run is imported.
"""

from __future__ import annotations

import argparse
import ast
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from chiiki_cli.errors import EXIT_ERROR, CliError, failure_message, memory_cap
from chiiki_cli.terminal import SafeStream
from geo.errors import ChiikiMapError
from i18n.reasons import error_bilingual

_HERE = Path(__file__).resolve().parent
#: Most characters of a usage error message (argparse quotes the invalid value in it).
MAX_ECHO = 300


def _commands_in(path: Path) -> dict[str, str]:
    """Command name → one-line help of the ``add_parser`` calls on ``register``'s first argument."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: dict[str, str] = {}
    for fn in tree.body:
        if not (isinstance(fn, ast.FunctionDef) and fn.name == "register" and fn.args.args):
            continue
        subparsers = fn.args.args[0].arg
        for node in ast.walk(fn):
            call = node if isinstance(node, ast.Call) else None
            func = call.func if call else None
            if not (isinstance(func, ast.Attribute) and func.attr == "add_parser"):
                continue
            if not (isinstance(func.value, ast.Name) and func.value.id == subparsers and call and call.args):
                continue
            name = call.args[0]
            helps = [k.value for k in call.keywords if k.arg == "help" and isinstance(k.value, ast.Constant)]
            if isinstance(name, ast.Constant) and isinstance(name.value, str):
                out[name.value] = str(helps[0].value) if helps else ""
    return out


def commands() -> dict[str, tuple[str, str]]:
    """Every subcommand: name → (module, one-line help), in module order, without importing the modules."""
    out: dict[str, tuple[str, str]] = {}
    for path in sorted(_HERE.glob("*_cmd.py")):
        for name, help_text in _commands_in(path).items():
            out[name] = (f"chiiki_cli.{path.stem}", help_text)
    return out


class Parser(argparse.ArgumentParser):
    """``argparse`` whose usage errors echo at most ``MAX_ECHO`` characters of the input, in Japanese and English."""

    def error(self, message: str) -> NoReturn:
        """Print the usage and a clipped message, exit 2."""
        self.print_usage(sys.stderr)
        text = " ".join(message.split())
        if len(text) > MAX_ECHO:
            text = f"{text[: MAX_ECHO - 1]}…({len(message):,} characters)"
        self.exit(EXIT_ERROR, f"{self.prog}: error: 引数が正しくありません / {text}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The ``chiiki-map`` parser; the module of ``command`` (if it is one) registers its real sub-parser."""
    parser = Parser(prog="chiiki-map", description="地域未来マップ — regional investment and infrastructure map")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    table = commands()
    if command in table:
        importlib.import_module(table[command][0]).register(sub)
    for name, (_module, help_text) in table.items():
        if name not in sub.choices:
            sub.add_parser(name, help=help_text)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``chiiki-map``; returns the exit status.

    Everything printed goes through ``terminal_safe``; the command's memory is capped (``memory_cap``).
    """
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = SafeStream(out), SafeStream(err)  # type: ignore[assignment]
    try:
        with memory_cap():
            return _run(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _run(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    command = next((a for a in args_list if not a.startswith("-")), None)
    try:
        args = build_parser(command).parse_args(args_list)
        return int(args.func(args) or 0)
    except CliError as exc:
        print(f"chiiki-map: error: {exc}", file=sys.stderr)
        return exc.status
    except ChiikiMapError as exc:  # deliberate errors from geo
        print(f"chiiki-map: error: {error_bilingual(exc)}", file=sys.stderr)
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
