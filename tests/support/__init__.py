"""Helpers for the tests and the benchmarks: plain functions and constants, no fixtures.

``tests/conftest.py`` holds the fixtures and takes its helpers from here; ``bench/`` scripts import from
here too (never from ``tests.conftest``, which would run pytest's fixture machinery outside pytest).

* :mod:`tests.support.browser` — Debian's Chromium through Playwright, every non-local request blocked
  and counted; what the canvas renderer drew.
* :mod:`tests.support.server` — the app as ``streamlit run`` on a free local port.
* :mod:`tests.support.sites` — hand-made sites: the briefing sample (summed by hand) and grids of valid sites.
* :mod:`tests.support.pg` — the PostGIS test server (``CHIIKI_MAP_TEST_PG``).
* :mod:`tests.support.node` — Node.js for tests of our JavaScript.
* :mod:`tests.support.tables` — the small text tables pages draw as Markdown, read back in AppTest.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from argon2 import PasswordHasher

#: The repository's top folder.
REPO = Path(__file__).resolve().parent.parent.parent
#: Folder for screenshots a person can look at after the run (git-ignored).
ARTIFACTS = REPO / "test-artifacts"
#: Argon2id at its cheapest, for the tests only: the app's hasher costs ~0.2 s of CPU a hash by design, and a
#: run makes a few hundred (a third of ``make test-fast``). conftest's ``production_hasher`` keeps the real one.
TEST_HASHER = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


def need(what: str, how: str) -> None:
    """Skip for want of ``what`` on a developer machine (the reason shown); under ``CI`` fail instead.

    ``how`` says what to install or set; in CI ``.ci/run`` must do it.
    """
    message = f"{what}: {how}"
    if os.environ.get("CI"):
        pytest.fail(message + " — .ci/run must provide it")
    pytest.skip(message)
