"""Benchmark: the app as a planner drives it, in headless Chromium, at N sites (default 100,000).

One ``streamlit run`` on a store holding the 43 samples plus N synthetic sites (``bench_live_map.make_store``,
built once and kept under ``var/bench/``; each run works on a copy), one browser with every outside request
blocked, and:

* **cold start** — from starting the server process to the first map drawn (``streamlit run`` → map); on a
  fresh run-time folder (a first start), or with ``--restart`` on the one an earlier run left (a restart);
* **first visits** — each page opened once from the menu, the first time after start (editor pages show
  their sign-in then); at once after the first map, or ``--pause S`` seconds later (a planner reading the
  map first: what the server computes ahead in that time, ``ui.warm``, is then ready; the pause comes before
  whichever part is measured first);
* **map interactions** on 地図 (times from the click to the drawn change): a layer switched off and on
  in the sidebar, a field filter chosen and removed, the region changed 全国 → 九州 → 熊本県 → 全国, and a
  site clicked at 熊本県 until its card is shown;
* **page switches** — signed in as an editor, every page opened from the menu ``--repeats`` times at 全国
  (地図 in between), median;
* **memory** — ``--sessions`` further browser sessions each open every page once; the server's resident
  memory after them and its peak.

"Drawn" means: Streamlit's run is over (the app's script state is not running, nothing stale, no running
indicator), the page's maps are mounted,
their canvas layers are painted (``data-drawn-pref``; the canvas site layer's ``data-drawn-site`` when more
sites than the SVG limit are loaded), no map says ``data-cm-busy``, and — for an interaction — at least one
map is new or carries a new ``data-cm-rev`` (a map updated in place). Times are taken in the page: from the
last click (a capture listener, ``performance.timeOrigin + now()``) to the first animation frame that sees
the change; the server's CPU seconds meanwhile are stored beside (the figure a busy machine moves least).
Bytes are what the browser received over the network (HTTP bodies and headers via the
DevTools protocol, cache hits count 0, plus WebSocket frames) from the click until drawn; ``frontend_kb`` is
the part that was Streamlit's own frontend files (its ``/static/`` bundle: the first chart of a session
fetches the chart code, ~0.9 MB, on whichever page draws it).

A watchdog kills the server when its resident memory passes ``--rss-cap-mb`` (the machine is shared):
the step is then reported as failed and a fresh server is started for the rest. The machine's load
average is printed and stored with every figure. Results: ``test-artifacts/bench_app/results-N.json``.
Run in pieces so no run holds the machine long: ``.venv/bin/python bench/bench_app.py [--sites 100000]
[--only first interactions pages memory] [--pages explore gaps …] [--repeats 5] [--sessions 5]``; every run
starts a server and so measures the cold start; ``--app-dir`` runs another tree's app (a baseline checkout).
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from playwright.sync_api import Error as PlaywrightError  # noqa: E402

from i18n import t  # noqa: E402
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, RequestGuard  # noqa: E402
from tests.support.server import free_port, wait_until_up  # noqa: E402

OUT = REPO / "test-artifacts" / "bench_app"
BENCH_DIR = REPO / "var" / "bench"
#: Maps each page draws: our live map (``ui.live_map``) and streamlit-folium's; a page not named draws none.
LIVE_MAPS = {"": 1, "clusters": 1, "gaps": 1, "land": 1, "labour": 1, "firms": 1, "sites_edit": 1}
#: streamlit-folium's frame (pages not yet on the live map): waited for when shown, not required.
FOLIUM_TITLE = "streamlit_folium.st_folium"
EDITOR_PAGES = {"sites_edit", "sites_import", "layer_import"}


def app_pages(app: Path) -> list[tuple[str, str, int]]:
    """(url path, menu title key, live maps) of every page in ``app``'s menu, in menu order ("" is 地図).

    Read from ``app.py``'s ``PAGES`` (the menu's one home) without running Streamlit; Streamlit names a
    page's URL after its script, the default page (the first) is at "/".
    """
    tree = ast.parse(app.read_text(encoding="utf-8"))
    table = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "PAGES" for t in node.targets)
    )
    rows = ast.literal_eval(table)
    paths = ["" if i == 0 else Path(script).stem for i, (script, _key, _icon) in enumerate(rows)]
    return [(path, key, LIVE_MAPS.get(path, 0)) for path, (_script, key, _icon) in zip(paths, rows, strict=True)]


EDITOR, PASSWORD = "bench_editor", "bench-editor-passphrase-7"
#: A default layer switched off and on again.
TOGGLE_LAYER = "railways"
FILTER_FIELD = "ai_semiconductor"
SVG_MAX = 3000

#: The page's state: Streamlit's run over, maps drawn, changed since the bench marked them (``arg.changed``).
#: Returns the time (ms since the epoch) or false.
STATE_JS = """(arg) => {
  if (arg.path !== null) {
    const p = location.pathname.replace(/\\/+$/, "").split("/").pop();
    const here = arg.path === "" ? ["", "explore"].includes(p) || location.pathname === "/" : p === arg.path;
    if (!here) { return false; }
  }
  const app = document.querySelector('[data-testid="stApp"]');
  const state = app ? app.getAttribute("data-test-script-state") : null;
  if (state === null || ["initial", "running", "rerunRequested"].includes(state)) { return false; }
  const main = document.querySelector('[data-testid="stMain"]');
  if (!main || !main.querySelector("h1, h2")) { return false; }
  if (document.querySelector('[data-stale="true"]') || document.querySelector('[data-testid="stStatusWidget"]')) {
    return false;
  }
  const cards = [...main.querySelectorAll("h3")];
  if (arg.text !== null && !cards.some(h => h.textContent.includes(arg.text))) { return false; }
  if (arg.notTitle !== null && main.querySelector("h1, h2").textContent === arg.notTitle) { return false; }
  const maps = [];
  for (const f of document.querySelectorAll("iframe")) {
    let el = null;
    try { el = f.contentDocument && f.contentDocument.querySelector(".leaflet-container"); } catch (e) { el = null; }
    if (f.title === arg.foliumTitle && f.offsetHeight > 0) {
      if (!el) { return false; }  // a streamlit-folium map not drawn yet
    } else if (el && f.offsetHeight > 0) { maps.push(el); }
  }
  if (maps.length < arg.maps) { return false; }
  for (const el of maps) {
    if (el.hasAttribute("data-cm-busy") || !el.hasAttribute("data-drawn-pref")) { return false; }
    const canvasSites = +(el.getAttribute("data-loaded-site") || 0) > arg.svgMax;
    if (canvasSites && !el.hasAttribute("data-drawn-site")) { return false; }
  }
  const fresh = maps.filter(el => !el.hasAttribute("data-bench-seen")
      || el.getAttribute("data-bench-seen") !== (el.getAttribute("data-cm-rev") || "-"));
  if (arg.changed && maps.length && !fresh.length) { return false; }
  // The time the map itself says it drew the change (cm_live's ``cm:drawn``: data-cm-drawn-at).
  const drawn = fresh.map(el => +(el.getAttribute("data-cm-drawn-at") || 0)).filter(x => x > 0);
  if (arg.changed && drawn.length) { return Math.max(...drawn); }
  return performance.timeOrigin + performance.now();
}"""
#: Mark every map as seen (with its revision) and remember nothing of earlier clicks.
MARK_JS = """() => {
  window.__benchClick = null;
  const stamp = () => { window.__benchClick = performance.timeOrigin + performance.now(); };
  for (const f of document.querySelectorAll("iframe")) {
    let el = null;
    try { el = f.contentDocument && f.contentDocument.querySelector(".leaflet-container"); } catch (e) { el = null; }
    if (el) { el.setAttribute("data-bench-seen", el.getAttribute("data-cm-rev") || "-"); }
    try {
      if (f.contentWindow && !f.contentWindow.__benchListening) {
        f.contentWindow.__benchListening = true;
        f.contentDocument.addEventListener("click", stamp, true);
      }
    } catch (e) { /* not ours */ }
  }
  if (!window.__benchListening) {
    window.__benchListening = true;
    document.addEventListener("click", stamp, true);
  }
}"""
#: A site drawn in the map frame, with its position in the frame: canvas sites or SVG circles.
SITE_JS = """(k) => {
  const map = window.map, layer = map && map._cmSites && map._cmSites._vectors[0];
  if (layer) {
    const shown = layer.shown();
    if (!shown.length) { return null; }
    const s = shown[(k * 37) % shown.length], p = map.latLngToContainerPoint([s.lat, s.lng]);
    let f = 0; while (layer.s.ids[f] !== s.id) { f++; }
    const box = map.getContainer().getBoundingClientRect(), text = document.createElement("textarea");
    text.innerHTML = layer.tips[f];  // escaped HTML
    return {x: box.left + p.x, y: box.top + p.y, name: text.value};
  }
  const paths = [...document.querySelectorAll("path.cm-site")];
  if (!paths.length) { return null; }
  const el = paths[(k * 37) % paths.length], r = el.getBoundingClientRect();
  return {x: r.left + r.width / 2, y: r.top + r.height / 2, name: null};
}"""


def load() -> float:
    return round(os.getloadavg()[0], 2)


class Meter:
    """Bytes the page received over the network (DevTools: HTTP incl. headers, cache hits 0; WebSocket frames).

    Of them, Streamlit's own frontend files (its ``/static/`` bundle, the same for every app and kept by the
    browser's cache) are also counted apart: a page that draws the session's first chart fetches the chart
    bundle then (~0.9 MB), whatever data it shows. :meth:`take` returns the total and leaves that part in
    :attr:`frontend`.
    """

    def __init__(self, page) -> None:
        self.total = 0
        self.static = 0
        self.frontend = 0
        self._urls: dict[str, str] = {}
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.on("Network.responseReceived", lambda e: self._urls.__setitem__(e["requestId"], e["response"]["url"]))
        cdp.on("Network.loadingFinished", self._finished)
        cdp.on("Network.webSocketFrameReceived", self._frame)

    def _finished(self, e: dict) -> None:
        n = int(e.get("encodedDataLength", 0))
        if urlsplit(self._urls.pop(e.get("requestId", ""), "")).path.startswith("/static/"):
            self.static += n
        self._add(n)

    def _add(self, n: int) -> None:
        self.total += n

    def _frame(self, e: dict) -> None:
        r = e.get("response", {})
        n = len(r.get("payloadData", ""))
        self._add(n * 3 // 4 if r.get("opcode") == 2 else n)  # binary frames arrive base64-encoded

    def take(self) -> int:
        n, self.total = self.total, 0
        self.frontend, self.static = self.static, 0
        return n


class Server:
    """``streamlit run app.py`` on a copy of the store, with a resident-memory watchdog."""

    def __init__(self, store: Path, cap_mb: float, app_dir: Path = REPO, var: Path | None = None) -> None:
        # a fresh run-time folder (a first start), or ``var`` kept from an earlier run (a restarted server)
        self.keep = var is not None
        self.tmp = var if var is not None else Path(tempfile.mkdtemp(prefix="bench-app-"))
        self.tmp.mkdir(parents=True, exist_ok=True)
        if not (self.tmp / "sites.gpkg").exists():
            shutil.copy2(store, self.tmp / "sites.gpkg")
        self.cap_mb = cap_mb
        self.peak_mb = 0.0
        self.killed = False
        port = free_port()
        self.base = f"http://127.0.0.1:{port}"
        cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
        cmd += ["--server.address", "127.0.0.1", "--server.headless", "true", "--browser.gatherUsageStats", "false"]
        env = {**os.environ, "CHIIKI_MAP_VAR": str(self.tmp), "CHIIKI_MAP_STORE": str(self.tmp / "sites.gpkg")}
        env.pop("DATABASE_URL", None)
        self.started = time.time()
        OUT.mkdir(parents=True, exist_ok=True)
        self.log = (OUT / "server.log").open("ab")  # the server's own log: why a step failed
        self.proc = subprocess.Popen(cmd, cwd=app_dir, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        threading.Thread(target=self._watch, daemon=True).start()
        wait_until_up(self.base, self.proc, 120, poll_s=0.05)

    def cpu_s(self) -> float:
        """CPU seconds the server has used so far (user + system): the figure least moved by other work."""
        try:
            fields = Path(f"/proc/{self.proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return 0.0
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rss_mb(self) -> float:
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return 0.0

    def hwm_mb(self) -> float:
        """The server's peak resident memory so far (``VmHWM``)."""
        try:
            for line in Path(f"/proc/{self.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return self.peak_mb

    def _watch(self) -> None:
        while self.proc.poll() is None:
            rss = self.rss_mb()
            self.peak_mb = max(self.peak_mb, rss)
            if rss > self.cap_mb:
                self.killed = True
                self.proc.kill()
                return
            time.sleep(0.2)

    def alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()
        if not self.keep:
            shutil.rmtree(self.tmp, ignore_errors=True)


def store_for(n: int) -> Path:
    """The samples plus ``n`` synthetic sites in a GeoPackage store, built once under ``var/bench/``."""
    path = BENCH_DIR / f"store_{n}" / "sites.gpkg"
    if path.exists():
        return path
    from bench_live_map import make_store

    folder = path.parent
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    os.environ["CHIIKI_MAP_VAR"] = str(folder)
    if n:
        made = make_store(n, folder)
    else:
        from geo.store import open_store

        open_store(path).read()
        made = path
    from geo.store import open_store
    from geo.store.users import add_user

    add_user(open_store(made), EDITOR, "editor", PASSWORD)
    return made


class Session:
    """One browser page on the server, with the byte meter and the waiting helpers."""

    def __init__(
        self,
        browser,
        base: str,
        timeout_s: float,
        cpu: Callable[[], float] = lambda: 0.0,
        alive: Callable[[], bool] = lambda: True,
    ) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ja-JP")
        self.guard = RequestGuard()
        self.context.route("**/*", self.guard)
        self.page = self.context.new_page()
        self.errors: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.meter = Meter(self.page)
        self.base = base
        self.cpu = cpu
        self.alive = alive
        self.timeout_ms = timeout_s * 1000
        self.failures = 0

    def close(self) -> None:
        self.context.close()

    def wait(
        self,
        *,
        path: str | None = None,
        maps: int = 0,
        changed: bool = False,
        text: str | None = None,
        not_title: str | None = None,
    ) -> float:
        """Wait until drawn (see ``STATE_JS``); the epoch ms at which it was seen."""
        arg = {
            "path": path,
            "maps": maps,
            "changed": changed,
            "text": text,
            "notTitle": not_title,
            "svgMax": SVG_MAX,
            "foliumTitle": FOLIUM_TITLE,
        }
        handle = self.page.wait_for_function(STATE_JS, arg=arg, timeout=self.timeout_ms)
        return float(handle.json_value())

    def settle(self, **kwargs) -> None:
        """Drawn, and still drawn a second later (a re-run may follow the first)."""
        self.wait(**kwargs)
        self.page.wait_for_timeout(1000)
        self.wait(**{**kwargs, "changed": False})

    def timed(self, action: Callable[[], None], **kwargs) -> dict[str, float]:
        """Seconds from the last click of ``action`` to the drawn change, and the bytes received meanwhile."""
        self.page.evaluate(MARK_JS)
        self.meter.take()
        cpu0 = self.cpu()
        started = time.time() * 1000
        try:
            action()
            done = self.wait(changed=kwargs.pop("changed", True), **kwargs)
        except PlaywrightError as exc:  # one step that never finishes must not lose the others
            self.failures += 1
            shot = OUT / f"failed-{self.failures}.png"
            with contextlib.suppress(PlaywrightError):
                self.page.screenshot(path=str(shot))
            self.page.wait_for_timeout(1000)
            reason = str(exc).splitlines()[0][:200]
            return {"failed": reason, "screenshot": shot.name, "kb": round(self.meter.take() / 1000, 1), "load": load()}
        clicked = self.page.evaluate("window.__benchClick") or started
        seconds = (done - clicked) / 1000
        self.page.wait_for_timeout(300)  # late bytes of the same step (layer files fetched after the draw)
        cpu = self.cpu() - cpu0
        return {
            "s": round(seconds, 3),
            "kb": round(self.meter.take() / 1000, 1),
            "frontend_kb": round(self.meter.frontend / 1000, 1),
            "cpu_s": round(cpu, 2),
            "load": load(),
        }

    def choose(self, label: str, option: str) -> None:
        box = self.page.locator('[data-testid="stSelectbox"]').filter(has_text=label).locator("input")
        box.click()
        box.fill(option)
        self.page.get_by_role("option", name=option, exact=True).click()

    def pick(self, box, name: str) -> None:
        """Choose option ``name`` of the multiselect ``box`` (a locator)."""
        option = self.page.get_by_role("option", name=name, exact=True)
        for _attempt in range(3):  # the first click after a re-run may land before the list can open
            box.locator("input").click()
            try:
                option.wait_for(timeout=3000)
                break
            except PlaywrightError:
                self.page.keyboard.press("Escape")
        option.click()

    def title(self) -> str | None:
        """The page's first heading now."""
        return self.page.evaluate(
            '() => { const h = document.querySelector(\'[data-testid="stMain"] h1, [data-testid="stMain"] h2\');'
            " return h ? h.textContent : null; }"
        )

    def open(self, path: str, maps: int) -> dict[str, float]:
        """Open a page from the menu: timed until its own heading is shown and it is drawn."""
        return self.timed(lambda: self.menu(path), path=path, maps=maps, changed=False, not_title=self.title())

    def menu(self, path: str) -> None:
        """Open a page from the sidebar menu."""
        link = self.page.locator(f'[data-testid="stSidebarNav"] a[href$="/{path}"]')
        if path == "":
            link = self.page.locator('[data-testid="stSidebarNav"] a').first
        link.click()

    def sign_in(self) -> None:
        self.page.get_by_label(t("auth_name", "ja")).fill(EDITOR)
        self.page.get_by_label(t("auth_password", "ja"), exact=True).fill(PASSWORD)
        self.page.get_by_role("button", name=t("auth_submit", "ja"), exact=True).click()
        signed_in = t("auth_signed_in", "ja", name=EDITOR, role=t("auth_role_editor", "ja"))
        self.page.get_by_text(signed_in).wait_for(timeout=self.timeout_ms)


def _summary(rows: list[dict]) -> dict[str, float]:
    failed = sum(1 for r in rows if "failed" in r)
    rows = [r for r in rows if "failed" not in r]
    if not rows:
        return {"failed": failed}
    times = [r["s"] for r in rows]
    return {
        "failed": failed,
        "median_s": round(statistics.median(times), 3),
        "min_s": round(min(times), 3),
        "max_s": round(max(times), 3),
        "n": len(times),
        "median_kb": round(statistics.median(r["kb"] for r in rows), 1),
        "median_server_cpu_s": round(statistics.median(r.get("cpu_s", 0.0) for r in rows), 2),
        "load": round(statistics.median(r["load"] for r in rows), 2),
    }


def interactions(s: Session, repeats: int) -> dict[str, list[dict[str, float]]]:
    """The map interactions on 地図 (which must be open at 全国); each step printed as it is measured."""
    out: dict[str, list[dict[str, float]]] = {}

    def step(kind: str, action: Callable[[], None], **kwargs) -> None:
        row = s.timed(action, **{"maps": 1, **kwargs})
        out.setdefault(kind, []).append(row)
        print(f"  {kind}: {row}", flush=True)

    from geo import infra

    name = infra.LAYERS[TOGGLE_LAYER].name_ja
    box = s.page.locator('[data-testid="stSidebar"] [data-testid="stCheckbox"]').filter(has_text=name)
    for _ in range(repeats):
        for _state in ("off", "on"):
            step("layer_toggle", lambda: box.locator("label").click())
    from geo.domain import ALL_FIELDS
    from i18n import term_name

    field = term_name(ALL_FIELDS[FILTER_FIELD], "ja")
    fields = s.page.locator('[data-testid="stMultiSelect"]').filter(has_text=t("fields", "ja"))

    def add_field() -> None:
        s.pick(fields, field)

    def clear_field() -> None:
        fields.locator("input").click()
        fields.locator("input").press("Backspace")
        s.page.keyboard.press("Escape")

    for _ in range(repeats):
        step("filter", add_field)
        step("filter", clear_field)
    block, pref = t("block", "ja"), t("prefecture", "ja")
    for _ in range(repeats):
        step("region", lambda: s.choose(block, "九州"))
        step("region", lambda: s.choose(pref, "熊本県"))
        step("region_to_japan", lambda: s.choose(block, t("all_japan", "ja")))
    s.choose(block, "九州")
    s.settle(maps=1)
    s.choose(pref, "熊本県")
    s.settle(maps=1)
    frame = next(f for f in s.page.frames if f != s.page.main_frame and f.evaluate("!!window.map"))
    for k in range(repeats + 1):
        site = frame.evaluate(SITE_JS, k)
        if site is None:
            break
        offset = frame.frame_element().bounding_box()
        x, y = offset["x"] + site["x"], offset["y"] + site["y"]
        name = site["name"]
        if name is None:  # SVG sites: their tooltip names them on hover
            s.page.mouse.move(x, y)
            s.page.wait_for_timeout(300)
            name = frame.evaluate(
                "() => { const tip = document.querySelector('.leaflet-tooltip'); if (!tip) { return null; }"
                " const copy = tip.cloneNode(true); copy.querySelectorAll('.cm-ref').forEach(e => e.remove());"
                " return copy.textContent.trim(); }"
            )
        text = f"{t('site_card', 'ja')}: {name}" if name else t("site_card", "ja")
        step("site_card", lambda x=x, y=y: s.page.mouse.click(x, y), changed=False, text=text)
    s.choose(block, t("all_japan", "ja"))
    s.settle(maps=1)
    return out


def page_visits(s: Session, pages: list[tuple[str, str, int]], repeats: int) -> dict[str, list[dict[str, float]]]:
    """Each page opened from the menu ``repeats`` times with 地図 in between, after one visit kept apart.

    The page's first visit of the session (its caches cold) goes under ``"<page>:first"``.
    """
    out: dict[str, list[dict[str, float]]] = {}
    for path, _key, maps in pages:
        if path == "":
            continue
        for k in range(repeats + 1):
            for p, n in ((path, maps), ("", 1)):
                key = f"{p}:first" if k == 0 and p else p
                out.setdefault(key, []).append(s.open(p, n))
                if "failed" in out[key][-1] and not s.alive():
                    raise RuntimeError("the server is gone")
    return out


@contextlib.contextmanager
def chromium() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def restart_var(args: argparse.Namespace) -> Path | None:
    """With ``--restart``: the run-time folder kept under ``var/bench/`` between runs (else None: a fresh one)."""
    return BENCH_DIR / f"restart_{args.sites}" if args.restart else None


class Run:
    """The server and the planner's browser session; a server the watchdog killed is started again."""

    def __init__(self, browser, store: Path, args: argparse.Namespace) -> None:
        self.browser, self.store, self.args = browser, store, args
        self.server = Server(store, args.rss_cap_mb, args.app_dir, restart_var(args))
        self.session = self.new_session()
        self.restarts = 0

    def new_session(self) -> Session:
        """A fresh browser session on the current server."""
        server = self.server
        return Session(self.browser, server.base, self.args.timeout, server.cpu_s, server.alive)

    def recover(self) -> None:
        """After a failed step: a fresh server if the old one is gone, then 地図 again."""
        if not self.server.alive():
            self.server.stop()
            self.server = Server(self.store, self.args.rss_cap_mb, self.args.app_dir, restart_var(self.args))
            self.session.close()
            self.session = self.new_session()
            self.restarts += 1
        self.session.page.goto(self.server.base, wait_until="domcontentloaded")
        self.session.settle(path="", maps=1)

    def cold_start(self) -> dict[str, float]:
        s = self.session
        start = time.time() * 1000
        s.page.goto(self.server.base, wait_until="domcontentloaded")
        done = s.wait(path="", maps=1)
        row = {
            "s": round((done - self.server.started * 1000) / 1000, 2),
            "from_goto_s": round((done - start) / 1000, 2),
            "kb": round(s.meter.take() / 1000, 1),
            "frontend_kb": round(s.meter.frontend / 1000, 1),
            "load": load(),
        }
        s.settle(path="", maps=1)
        return row

    def first_visits(self, pages: list[tuple[str, str, int]]) -> dict[str, dict]:
        """Each page once from the menu, the first time after start (地図 in between)."""
        first: dict[str, dict] = {}
        for path, _key, maps in pages:
            if not path:
                continue
            s = self.session
            first[path] = s.open(path, 0 if path in EDITOR_PAGES else maps)
            print("first visit", path, first[path], flush=True)
            if "failed" in first[path] or not self.server.alive():
                first[path]["server_killed"] = self.server.killed
                self.recover()
            else:
                s.open("", 1)
        return first

    def sign_in(self) -> None:
        s = self.session
        s.page.goto(f"{self.server.base}/sites_import", wait_until="domcontentloaded")
        s.settle(path="sites_import")
        s.sign_in()
        s.menu("")
        s.settle(path="", maps=1)

    def part(self, name: str, run: Callable[[Session], dict]) -> dict:
        """Run one part with the current session; a failure is recorded and the server recovered."""
        try:
            out = run(self.session)
        except (PlaywrightError, StopIteration, RuntimeError) as exc:
            reason = (str(exc) or repr(exc)).splitlines()[0][:300]
            if self.server.killed:
                reason = f"server killed: resident memory over {self.server.cap_mb:,.0f} MB"
            print(f"  {name}: FAILED {reason}", flush=True)
            with contextlib.suppress(PlaywrightError, RuntimeError):
                self.recover()
            return {"failed": reason, "load": load()}
        for key, rows in out.items():
            print(f"{name} {key or 'explore'}: {_summary(rows)}", flush=True)
        return out

    def memory(self, pages: list[tuple[str, str, int]]) -> dict[str, object]:
        """``--sessions`` more browser sessions each open every page once; the server's memory after them."""
        for i in range(self.args.sessions):
            m = self.new_session()
            with contextlib.suppress(PlaywrightError):
                m.page.goto(self.server.base, wait_until="domcontentloaded")
                m.settle(path="", maps=1)
                for path, _key, maps in pages:
                    if path and self.server.alive():
                        m.open(path, maps)
            m.close()
            server = self.server
            print(f"session {i + 1}: server {server.rss_mb():,.0f} MB, peak {server.hwm_mb():,.0f} MB", flush=True)
        return {
            "sessions": self.args.sessions,
            "rss_mb": round(self.server.rss_mb()),
            "peak_mb": round(self.server.hwm_mb()),
            "killed": self.server.killed,
            "load": load(),
        }


#: The parts a run can be limited to (``--only``); every run starts a server, so each measures the cold start.
PARTS = ("first", "interactions", "pages", "memory")


def run_all(args: argparse.Namespace) -> dict:
    store = store_for(args.sites)
    every = app_pages(args.app_dir / "app.py")
    pages = [p for p in every if (p[0] or "explore") in args.pages]
    results: dict = {"sites": args.sites, "app_dir": str(args.app_dir), "parts": args.only, "load_start": load()}
    with chromium() as browser:
        run = Run(browser, store, args)
        try:
            results["cold_start"] = run.cold_start()
            print("cold start", results["cold_start"], flush=True)
            time.sleep(args.pause)  # a planner reading the first map before going on (the warm-up runs meanwhile)
            results["pause_s"] = args.pause
            if "first" in args.only:
                results["first_visit"] = run.first_visits(pages)
            if {"interactions", "pages"} & set(args.only):
                run.sign_in()
            if "interactions" in args.only:
                results["interactions"] = run.part("interaction", lambda s: interactions(s, args.repeats))
            if "pages" in args.only:
                results["pages"] = {}
                for page in pages:  # one page that brings the server down must not lose the others
                    if page[0]:
                        out = run.part("page", lambda s, p=page: page_visits(s, [p], args.repeats))
                        results["pages"][page[0]] = out.get(page[0], out)
                        results["pages"][f"{page[0]}:first"] = out.get(f"{page[0]}:first", [])
                        results["pages"].setdefault("", []).extend(out.get("", []))
            results["errors"] = run.session.errors[:10]
            results["blocked"] = run.session.guard.blocked[:10]
            if "memory" in args.only:
                results["memory"] = run.memory(pages)
        finally:
            results["server_peak_mb"] = round(max(run.server.peak_mb, run.server.hwm_mb()))
            results["server_restarts"] = run.restarts
            run.server.stop()
    results["load_end"] = load()
    return results


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a killed bench still stops its server
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=100_000, help="synthetic sites besides the samples (0: samples)")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--sessions", type=int, default=5, help="browser sessions for the memory figure")
    parser.add_argument("--rss-cap-mb", type=float, default=8000.0)
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds a step may take before it fails")
    parser.add_argument("--app-dir", type=Path, default=REPO, help="the tree whose app.py is run (a baseline)")
    parser.add_argument(
        "--pause", type=float, default=0.0, help="seconds between the first map and the first part measured (default 0)"
    )
    parser.add_argument("--label", default="", help="added to the results file's name (e.g. baseline)")
    parser.add_argument(
        "--restart",
        action="store_true",
        help="run the server on the run-time folder of the last --restart run (var/bench/restart_N): a restarted "
        "server with its snapshots; the first such run starts fresh",
    )
    names = [path or "explore" for path, _key, _maps in app_pages(REPO / "app.py")]
    parser.add_argument("--pages", nargs="+", default=names, help=f"pages to visit, of: {' '.join(names)}")
    parser.add_argument("--only", nargs="+", default=list(PARTS), choices=PARTS, help="parts to run (default: all)")
    args = parser.parse_args()
    args.app_dir = args.app_dir.resolve()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
    results = run_all(args)
    OUT.mkdir(parents=True, exist_ok=True)
    name = "-".join(x for x in ("results", args.label, str(args.sites), *args.only) if x)
    out = OUT / f"{name}.json"
    out.write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; results in {out}")


if __name__ == "__main__":
    main()
