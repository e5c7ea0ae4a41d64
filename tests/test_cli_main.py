"""chiiki_cli.main: every error becomes a one-line message and exit 2; a bug is said as one (traceback saved)."""

from __future__ import annotations

import argparse
import importlib
import subprocess
import sys
from pathlib import Path

import pytest

from chiiki_cli import layers_cmd
from chiiki_cli import main as cli_main
from chiiki_cli.commands import COMMANDS
from chiiki_cli.errors import EXIT_ERROR, EXIT_PARTIAL, CliError
from geo.errors import InputFileError, RegionError
from tests.support.wording import raises_words

REPO = Path(__file__).resolve().parent.parent


def _run_with(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> int:
    """Run ``chiiki-map layers`` with its command replaced by one that raises ``exc``."""

    def boom(args: argparse.Namespace) -> int:
        raise exc

    monkeypatch.setattr(layers_cmd, "run", boom)  # registered when the parser is built
    return cli_main.main(["layers"])


def test_cli_error_keeps_its_status(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    exc = CliError("cli_import_no_valid", status=EXIT_PARTIAL, n_ok=0, n_bad=3)
    assert _run_with(monkeypatch, exc) == EXIT_PARTIAL
    assert capsys.readouterr().err == (
        "chiiki-map: error: 有効 0 行・却下 3 行、何も書き込んでいません（有効な行なし）。"
        "却下行を直して取り込み直してください / "
        "0 row(s) valid, 3 rejected; nothing written (no valid rows): fix the rejected rows and import again\n"
    )


@pytest.mark.parametrize(
    ("exc", "words"),
    [
        (
            RegionError("pref_code_unknown", code="99"),
            "都道府県コード '99' はありません。JIS コード 01〜47 で指定してください（例: '43'） / "
            "unknown prefecture code '99': use a JIS code 01..47 (e.g. '43')",
        ),
        (
            InputFileError("file_empty", file="a.csv"),
            "a.csv: ファイルが空です。別のファイルを選んでください / a.csv: the file is empty: choose another file",
        ),
    ],
)
def test_deliberate_geo_errors_exit_2_in_both_languages(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], exc: Exception, words: str
) -> None:
    """geo raises a code; the command line words it through i18n, Japanese then English, without a traceback."""
    assert _run_with(monkeypatch, exc) == EXIT_ERROR
    assert capsys.readouterr().err == f"chiiki-map: error: {words}\n"
    assert str(exc).startswith(f"{exc.code}(")  # type: ignore[attr-defined]  # the technical form, for logs


def test_other_errors_are_bugs_said_as_such_and_kept_for_the_developers(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A bug is not swallowed: said as one (no traceback for the user, issue 23), its traceback in a file."""
    monkeypatch.delenv("CHIIKI_MAP_DEBUG", raising=False)
    assert _run_with(monkeypatch, ValueError("a bug")) == EXIT_ERROR
    err = capsys.readouterr().err
    assert "internal error (a bug): ValueError: a bug" in err and "Traceback" not in err
    saved = Path(err.split("the details are in ")[1].split(":")[0])
    assert "ValueError: a bug" in saved.read_text(encoding="utf-8")
    saved.unlink()
    monkeypatch.setenv("CHIIKI_MAP_DEBUG", "1")  # a developer sees the traceback itself
    with raises_words(ValueError, "a bug"):
        _run_with(monkeypatch, ValueError("a bug"))


def test_command_table_matches_what_the_modules_register() -> None:
    """The static table names exactly the commands its modules register, each with the table's help line."""
    real = argparse.ArgumentParser().add_subparsers()
    for module in sorted({c.module for c in COMMANDS.values()}):
        importlib.import_module(module).register(real)
    helps = {a.dest: a.help for a in real._choices_actions}
    assert set(COMMANDS) == set(real.choices) and len(COMMANDS) >= 12
    assert {name: c.summary for name, c in COMMANDS.items()} == helps
    for name, command in COMMANDS.items():  # each command is registered by the module the table names
        own = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(command.module).register(own)
        assert name in own.choices


def test_every_command_module_is_in_the_table() -> None:
    """A new ``*_cmd.py`` is not forgotten: each one is named by the table."""
    modules = {f"chiiki_cli.{p.stem}" for p in (REPO / "chiiki_cli").glob("*_cmd.py")}
    assert modules == {c.module for c in COMMANDS.values()}


def test_help_imports_nothing_heavy() -> None:
    """``chiiki-map --help`` answers without geopandas, folium, networkx, psycopg or argon2."""
    code = (
        "import sys, contextlib, io\n"
        "from chiiki_cli.main import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])\n"
        "heavy = ['geopandas', 'pandas', 'folium', 'networkx', 'psycopg', 'argon2', 'osmnx']\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert out.stdout.strip() == ""
