"""Every page of the app in headless Chromium (ja and en), every outside request blocked: screenshots and times.

For each page: the first render (navigation until Streamlit's run is over and the network is idle) and a
filter change (the sidebar's block → 九州, the same wait). Screenshots go to ``test-artifacts/pages/`` and
the times to ``test-artifacts/pages/timings.json``. Run by hand: ``.venv/bin/python bench/bench_pages.py``.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.conftest import ARTIFACTS, RequestGuard, open_browser_page, run_streamlit_server

PAGES = [
    "",
    "clusters",
    "gaps",
    "land",
    "labour",
    "profile",
    "firms",
    "export",
    "sites_edit",
    "sites_import",
    "layer_import",
]


#: Streamlit's run is over: a page title is drawn, nothing is stale and the running indicator is gone.
_DONE_JS = """() => !!document.querySelector('[data-testid="stMain"] h1')
  && !document.querySelector('[data-stale="true"]')
  && !document.querySelector('[data-testid="stStatusWidget"]')"""


def _settled(page) -> None:
    """Wait until the run is over and stays over for a second (a re-run may follow the first)."""
    page.wait_for_timeout(300)
    for _ in range(3):
        page.wait_for_function(_DONE_JS, timeout=180_000)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(1000)
        if page.evaluate(_DONE_JS):
            return


def _choose(page, label: str, option: str) -> None:
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).locator("input")
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()


def main() -> None:
    out = ARTIFACTS / "pages"
    out.mkdir(parents=True, exist_ok=True)
    timings: dict[str, dict[str, float]] = {}
    guard = RequestGuard()
    with (
        tempfile.TemporaryDirectory() as tmp,
        run_streamlit_server({"CHIIKI_MAP_VAR": tmp}) as base,
        open_browser_page(guard) as page,
    ):
        for lang in ("ja", "en"):
            for name in PAGES:
                start = time.monotonic()
                page.goto(f"{base}/{name}", wait_until="domcontentloaded")
                page.get_by_text("表示言語 / Language").wait_for(timeout=180_000)
                if lang == "en":
                    page.get_by_text("English", exact=True).click()
                _settled(page)
                first = time.monotonic() - start
                label = "ブロック（経済産業局）" if lang == "ja" else "Block (METI bureau)"
                start = time.monotonic()
                _choose(page, label, "九州" if lang == "ja" else "Kyushu")
                _settled(page)
                change = time.monotonic() - start
                page.wait_for_timeout(1500)
                shot = out / f"{name or 'explore'}_{lang}.png"
                page.screenshot(path=str(shot), full_page=True)
                timings[f"{name or 'explore'}_{lang}"] = {
                    "first_render_s": round(first, 2),
                    "to_kyushu_s": round(change, 2),
                }
                print(name or "explore", lang, timings[f"{name or 'explore'}_{lang}"], flush=True)
    timings["_blocked_requests"] = {"n": float(len(guard.blocked))}
    (out / "timings.json").write_text(json.dumps(timings, indent=1), encoding="utf-8")
    print("blocked:", guard.blocked[:5])


if __name__ == "__main__":
    os.environ.setdefault("CI", "")
    main()
