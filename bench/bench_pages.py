"""Every page of the app in headless Chromium (ja and en), every outside request blocked: screenshots and times.

For each page: the first render (navigation until Streamlit's run is over and the network is idle) and a
filter change (the sidebar's block → 九州, the same wait). The editor pages (候補地の登録・編集, 一括取込)
are opened signed in as an editor (an account made in the run's own store, signed in through the sidebar
form as a person would; their first render includes the sign-in); レイヤの読込 offers its sign-in after
an upload, so it is signed in there. Beyond the plain pages:
the edit page in its 編集・削除 mode, the import page after uploading a file with bad rows (the
rejection reasons, ``upload_s``) and the layer-import page after uploading a small GeoJSON.

Screenshots go to ``test-artifacts/pages/`` and the times to ``test-artifacts/pages/timings.json``.
Run by hand: ``.venv/bin/python bench/bench_pages.py [--pages explore sites_import ...] [--langs ja en]``.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import Error as PlaywrightError

from geo.store import open_store
from geo.store.users import add_user
from i18n import t
from tests.support import ARTIFACTS
from tests.support.browser import RequestGuard, open_browser_page
from tests.support.server import run_streamlit_server

PAGES = [
    "explore",
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
#: Pages that need an editor's sign-in to show their controls.
EDITOR_PAGES = {"sites_edit", "sites_import", "layer_import"}
EDITOR, PASSWORD = "bench_editor", "bench-editor-passphrase-7"

#: A site file with one good row and rows refused for different reasons (the header is row 1).
IMPORT_CSV = (
    "名称,計画類型,分野,状況,投資額（億円）,経度,緯度\n"
    "ベンチ新工場A,A,半導体,計画,100,130.70,32.80\n"
    "ベンチ新工場B,A,,計画,50,130.71,32.81\n"
    "ベンチ新工場C,A,rocket_science,計画,5,130.72,32.82\n"
    "ベンチ新工場D,A,半導体,計画,百億,130.73,32.83\n"
    "ベンチ新工場E,A,半導体,計画,10,32.88,130.85\n"
)
#: A small point layer for the layer-import page (two IC-like points in 熊本).
LAYER_GEOJSON = json.dumps(
    {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": f"ベンチ地点{i}"},
                "geometry": {"type": "Point", "coordinates": [130.7 + i / 10, 32.8]},
            }
            for i in range(2)
        ],
    },
    ensure_ascii=False,
)


#: Maps (streamlit-folium) each page draws: the map is mounted a few seconds after Streamlit's run is
#: over on a loaded machine, so a page is done only when its maps are there.
MAPS = {"explore": 1, "clusters": 1, "gaps": 1, "land": 1, "labour": 1, "firms": 1, "sites_edit": 1}

#: Streamlit's run is over: a page title is drawn, nothing is stale, the running indicator is gone, and
#: the page's maps (``maps``) are mounted with their height and their Leaflet map.
_DONE_JS = """(maps) => {
  const frames = [...document.querySelectorAll('iframe[title="ui.live_map.cm_live"]')];
  return !!document.querySelector('[data-testid="stMain"] h1, [data-testid="stMain"] h2')
    && !document.querySelector('[data-stale="true"]')
    && !document.querySelector('[data-testid="stStatusWidget"]')
    && frames.length >= maps
    && frames.every(f => f.offsetHeight > 0 && f.contentDocument
                    && !!f.contentDocument.querySelector('.leaflet-container'));
}"""


def _settled(page, maps: int = 0) -> None:
    """Wait until the run is over and stays over for a second (a re-run may follow the first)."""
    page.wait_for_timeout(300)
    for _ in range(3):
        page.wait_for_function(_DONE_JS, arg=maps, timeout=180_000)
        with contextlib.suppress(PlaywrightError):  # a map may keep fetching its layer files for a while
            page.wait_for_load_state("networkidle", timeout=60_000)
        page.wait_for_timeout(1000)
        if page.evaluate(_DONE_JS, maps):
            return


def _choose(page, label: str, option: str) -> None:
    box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).locator("input")
    box.click()
    box.fill(option)
    page.get_by_role("option", name=option, exact=True).click()


def _sign_in(page, lang: str, maps: int = 0) -> None:
    """Sign in as the editor through the sidebar form."""
    page.get_by_label(t("auth_name", lang)).fill(EDITOR)
    page.get_by_label(t("auth_password", lang), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=t("auth_submit", lang), exact=True).click()
    signed_in = t("auth_signed_in", lang, name=EDITOR, role=t("auth_role_editor", lang))
    page.get_by_text(signed_in).wait_for(timeout=120_000)
    _settled(page, maps)


def _upload(page, path: Path) -> float:
    """Give ``path`` to the page's first file uploader; seconds until the run is over."""
    start = time.monotonic()
    page.locator('[data-testid="stFileUploaderDropzoneInput"]').first.set_input_files(str(path))
    page.wait_for_timeout(500)
    _settled(page)
    return time.monotonic() - start


#: The browser window: as tall as the longest page, so that a screenshot shows every page whole (Streamlit
#: scrolls its main pane inside the window; resizing the window for a screenshot re-runs the maps).
WINDOW = (1400, 3800)


def _shot(page, out: Path, name: str) -> None:
    """A screenshot of the whole window, once the maps and charts have drawn."""
    page.wait_for_timeout(2000)
    page.screenshot(path=str(out / f"{name}.png"), full_page=True)


def _page(page, base: str, name: str, lang: str, out: Path, files: dict[str, Path]) -> dict[str, float]:
    """Open one page in ``lang``, switch to 九州, take the screenshots; the times in seconds."""
    times: dict[str, float] = {}
    start = time.monotonic()
    page.goto(f"{base}/{'' if name == 'explore' else name}", wait_until="domcontentloaded")
    page.get_by_text("表示言語 / Language").wait_for(timeout=180_000)
    maps = MAPS.get(name, 0)
    before = 0 if name in EDITOR_PAGES else maps  # an editor page draws its map once signed in
    if lang == "en":  # after the first run: a click during it may land on the default page
        _settled(page, before)
        page.get_by_text("English", exact=True).click()
    _settled(page, before)
    if name in EDITOR_PAGES - {"layer_import"}:  # the layer page offers its sign-in after an upload
        _sign_in(page, lang, maps)
    times["first_render_s"] = time.monotonic() - start
    label = "ブロック（経済産業局）" if lang == "ja" else "Block (METI bureau)"
    start = time.monotonic()
    _choose(page, label, "九州" if lang == "ja" else "Kyushu")
    _settled(page, maps)
    times["to_kyushu_s"] = time.monotonic() - start
    _shot(page, out, f"{name}_{lang}")
    if name == "sites_edit":
        page.get_by_text(t("edit_mode_edit", lang), exact=True).click()
        _settled(page, maps)
        _shot(page, out, f"sites_edit_mode_edit_{lang}")
    elif name == "sites_import":
        times["upload_s"] = _upload(page, files["sites"])
        _shot(page, out, f"sites_import_uploaded_{lang}")
    elif name == "layer_import":
        times["upload_s"] = _upload(page, files["layer"])
        _sign_in(page, lang)
        _shot(page, out, f"layer_import_uploaded_{lang}")
    return {k: round(v, 2) for k, v in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--pages", nargs="+", default=PAGES, choices=PAGES)
    parser.add_argument("--langs", nargs="+", default=["ja", "en"], choices=["ja", "en"])
    args = parser.parse_args()
    out = ARTIFACTS / "pages"
    out.mkdir(parents=True, exist_ok=True)
    timings: dict[str, dict[str, float]] = {}
    guard = RequestGuard()
    with tempfile.TemporaryDirectory() as tmp:
        add_user(open_store(Path(tmp) / "sites.gpkg"), EDITOR, "editor", PASSWORD)
        files = {"sites": Path(tmp) / "bench_sites.csv", "layer": Path(tmp) / "bench_points.geojson"}
        files["sites"].write_text(IMPORT_CSV, encoding="utf-8")
        files["layer"].write_text(LAYER_GEOJSON, encoding="utf-8")
        with run_streamlit_server({"CHIIKI_MAP_VAR": tmp}) as base, open_browser_page(guard, *WINDOW) as page:
            for lang in args.langs:
                for name in args.pages:
                    try:
                        timings[f"{name}_{lang}"] = _page(page, base, name, lang, out, files)
                    except PlaywrightError as exc:  # one page that never settles must not lose the others
                        page.screenshot(path=str(out / f"{name}_{lang}_FAILED.png"), full_page=True)
                        timings[f"{name}_{lang}"] = {"failed": 1.0}
                        print(name, lang, "FAILED:", str(exc).splitlines()[0], flush=True)
                        continue
                    print(name, lang, timings[f"{name}_{lang}"], flush=True)
    timings["_blocked_requests"] = {"n": float(len(guard.blocked))}
    (out / "timings.json").write_text(json.dumps(timings, indent=1), encoding="utf-8")
    print("blocked:", guard.blocked[:5])


if __name__ == "__main__":
    os.environ.setdefault("CI", "")
    main()
