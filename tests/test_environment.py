"""The suite's own check of the machine: every external program the tests call, named at once in CI."""

from __future__ import annotations

from pathlib import Path

import pytest

import tests.conftest as conftest

CI_RUN = Path(__file__).resolve().parent.parent / ".ci" / "run"


def test_a_missing_program_stops_a_ci_run_at_once_and_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        conftest, "EXTERNAL_PROGRAMS", (("pdftoppm-test", lambda: False, "poppler-utils", "printed pixels"),)
    )
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.exit.Exception, match=r"pdftoppm-test \(apt-get install poppler-utils; printed pixels\)"):
        conftest.pytest_sessionstart(pytest.Session)  # type: ignore[arg-type]
    monkeypatch.delenv("CI")
    conftest.pytest_sessionstart(pytest.Session)  # type: ignore[arg-type]  # locally the tests that need it skip


def test_ci_installs_every_package_the_check_names() -> None:
    script = CI_RUN.read_text(encoding="utf-8")
    install = next(line for line in script.splitlines() if line.startswith("apt-get install"))
    for _name, _found, package, _used in conftest.EXTERNAL_PROGRAMS:
        assert package == "python3" or f" {package} " in f" {install} ", package
