"""The suite's own check of the machine: every external program the tests call, named at once in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import programs

CI_RUN = Path(__file__).resolve().parent.parent / ".ci" / "run"


def test_a_missing_program_stops_a_ci_run_at_once_and_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        programs, "EXTERNAL_PROGRAMS", (("pdftoppm-test", lambda: False, "poppler-utils", "printed pixels"),)
    )
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.exit.Exception, match=r"pdftoppm-test \(apt-get install poppler-utils; printed pixels\)"):
        programs.stop_if_missing_in_ci()
    monkeypatch.delenv("CI")
    programs.stop_if_missing_in_ci()  # locally the tests that need it skip


def test_ci_installs_every_package_the_check_names() -> None:
    script = CI_RUN.read_text(encoding="utf-8")
    install = next(line for line in script.splitlines() if line.startswith("apt-get install"))
    for _name, _found, package, _used in programs.EXTERNAL_PROGRAMS:
        assert package == "python3" or f" {package} " in f" {install} ", package
