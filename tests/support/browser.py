"""Headless Debian Chromium through Playwright, with every non-local request blocked and counted, and
what the canvas renderer drew (for the browser tests and the benchmarks)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from tests.support import need

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}


def require_chromium() -> None:
    """Skip (with the reason) on a developer machine without Chromium; in CI a missing browser fails."""
    if Path(CHROMIUM).exists() and shutil.which("chromium"):
        return
    need(f"{CHROMIUM} not found", "install Debian's chromium (apt-get install chromium)")


class RequestGuard:
    """A Playwright route handler: lets local requests through, aborts and records all others."""

    def __init__(self, allow_file: bool | str = False) -> None:
        """``allow_file``: True lets every ``file://`` URL through, a URL string only that one file."""
        self.blocked: list[str] = []
        self.allow_file = allow_file

    def _file_allowed(self, url: str) -> bool:
        return self.allow_file is True or (isinstance(self.allow_file, str) and url == self.allow_file)

    def __call__(self, route, request) -> None:
        url = urlparse(request.url)
        local = url.scheme in ("data", "blob", "about") or (url.scheme == "file" and self._file_allowed(request.url))
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname in LOCAL_HOSTS:
            local = True
        if local:
            route.continue_()
        else:
            self.blocked.append(request.url)
            route.abort()


@contextmanager
def open_browser_page(guard: RequestGuard, width: int = 1400, height: int = 1000) -> Iterator:
    """A Chromium page with ``guard`` on every request of its context."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            context = browser.new_context(viewport={"width": width, "height": height}, locale="ja-JP")
            context.route("**/*", guard)
            yield context.new_page()
        finally:
            browser.close()


#: ``{key: features drawn}`` from the ``data-drawn-<key>`` attributes the canvas renderer sets, and the
#: number of painted (non-transparent) pixels of the map's canvas.
CANVAS_STATE_JS = """() => {
  const el = document.querySelector(".leaflet-container"), drawn = {};
  for (const a of el.attributes) { if (a.name.startsWith("data-drawn-")) { drawn[a.name.slice(11)] = +a.value; } }
  const c = document.querySelector("canvas.cm-canvas");
  let painted = 0;
  if (c) {
    const d = c.getContext("2d").getImageData(0, 0, c.width, c.height).data;
    for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { painted++; } }
  }
  return {drawn, painted};
}"""


def read_canvas_state(page) -> dict:
    """What the canvas renderer drew: ``{"drawn": {key: n}, "painted": pixels}``."""
    return page.evaluate(CANVAS_STATE_JS)


#: The live map's iframe (``ui.live_map``): a CSS selector, and the part of its URL that names it.
MAP_FRAME = 'iframe[title="ui.live_map.cm_live"]'
MAP_FRAME_URL = "ui.live_map.cm_live"
#: A page that still draws its map with streamlit-folium (立地候補探索, 産業構造).
FOLIUM_FRAME = 'iframe[title="streamlit_folium.st_folium"]'


def find_map_frame(page):
    """The iframe (a Playwright Frame, not a locator) in which the live map draws (the last one on the page)."""
    frames = [child for child in page.frames if child.url and MAP_FRAME_URL in child.url and not child.is_detached()]
    if frames:
        return frames[-1]
    raise AssertionError("no live map frame on the page")
