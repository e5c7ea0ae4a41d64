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
def _page_in(browser, guard: RequestGuard, width: int, height: int) -> Iterator:
    """A page in a new context of ``browser`` (its own cookies and storage) with ``guard`` on every request."""
    context = browser.new_context(viewport={"width": width, "height": height}, locale="ja-JP")
    try:
        context.route("**/*", guard)
        yield context.new_page()
    finally:
        context.close()


@contextmanager
def open_browser_page(guard: RequestGuard, width: int = 1400, height: int = 1000) -> Iterator:
    """A Chromium page with ``guard`` on every request of its context, in a browser of its own."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            with _page_in(browser, guard, width, height) as page:
                yield page
        finally:
            browser.close()


class SharedChromium:
    """One Chromium for a whole test session, launched at the first page asked for: each page gets a new
    context (no cookies, storage or routes shared with another test), which is all a test sees of a browser.

    Launching Playwright's driver and Chromium costs seconds per test; a context costs a fraction of one.
    """

    def __init__(self) -> None:
        self._playwright = None
        self._browser = None

    @contextmanager
    def page(self, guard: RequestGuard, width: int = 1400, height: int = 1000) -> Iterator:
        """``with shared.page(guard) as page``: like :func:`open_browser_page`, in the shared browser."""
        require_chromium()
        if self._browser is None or not self._browser.is_connected():  # first use, or Chromium went away
            self.close()
            from playwright.sync_api import sync_playwright

            self._playwright = sync_playwright().start()
            self._browser = self._playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
        with _page_in(self._browser, guard, width, height) as page:
            yield page

    def close(self) -> None:
        """Close the browser and stop Playwright (if they were started)."""
        browser, playwright, self._browser, self._playwright = self._browser, self._playwright, None, None
        try:
            if browser is not None and browser.is_connected():
                browser.close()
        finally:
            if playwright is not None:
                playwright.stop()


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


#: True once Streamlit's run is over: the app's script state is neither starting nor running, nothing is stale
#: and the running indicator is gone.
APP_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app ? app.getAttribute("data-test-script-state") : null;
  if (state === null || ["initial", "running", "rerunRequested"].includes(state)) { return false; }
  return !document.querySelector('[data-stale="true"]') && !document.querySelector('[data-testid="stStatusWidget"]');
}"""


def settle(page, timeout_ms: int = 90_000) -> None:
    """Wait until Streamlit has finished its run (:data:`APP_IDLE_JS`), twice 300 ms apart (a widget's change
    may start the next run just after one ends).

    Not Playwright's "networkidle": a page switch of ``st.navigation`` is no navigation, and after some runs
    the load state was never reached again (90 s timeouts in full runs, never alone).
    """
    for _ in range(2):
        page.wait_for_function(APP_IDLE_JS, timeout=timeout_ms)
        page.wait_for_timeout(300)
