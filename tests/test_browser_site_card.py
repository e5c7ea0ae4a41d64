"""Issue 23 item 5: Markdown in a site's company or source note never renders in the app.

A site whose 企業 is ``![i](http://127.0.0.1:PORT/company.png)`` and whose 出典メモ holds another image link
is stored; a viewer opens 熊本県, clicks that site's circle and reads its card, then opens the pages that
list sites in tables. A local HTTP server counts every request for those images: there must be none
(before the fix, the card's field table rendered the Markdown and every viewer's browser fetched them).
"""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import pytest

from geo.accounts import Actor
from geo.store import open_store
from tests.support.browser import MAP_FRAME, MAP_FRAME_URL, settle

pytestmark = pytest.mark.browser

NAME = "マークダウン試験工場"
WHERE = (131.05, 32.75)  # 熊本県, away from the sample sites

#: The site's circle (by id) and its centre in container pixels.
CIRCLE_JS = """(id) => {
  let hit = null;
  window.map.eachLayer((l) => {
    if (l instanceof L.CircleMarker && l.feature && String(l.feature.properties.site_id) === id) { hit = l; }
  });
  if (!hit) { return null; }
  const p = window.map.latLngToContainerPoint(hit.getLatLng());
  return {x: p.x, y: p.y};
}"""


@contextmanager
def image_server() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP server on a free port; yields (port, the paths requested from it)."""
    hits: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            hits.append(self.path)
            self.send_response(404)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server.server_address[1], hits
    finally:
        server.shutdown()


def _map_frame(page):
    page.locator(MAP_FRAME).last.content_frame.locator("[data-loaded-site]").wait_for(timeout=90_000)
    page.wait_for_timeout(700)  # a re-run may still be replacing the frame
    return [f for f in page.frames if MAP_FRAME_URL in f.url and not f.is_detached()][-1]


def _circle(page, site_id: int) -> dict[str, float]:
    """The site's circle centre in the settled map frame (a re-run may replace the frame meanwhile)."""
    for _ in range(30):
        try:
            point = _map_frame(page).evaluate(CIRCLE_JS, str(site_id))
        except Exception:  # the frame went away under us, or its map is not up yet
            point = None
        if point:
            return point
        page.wait_for_timeout(500)
    raise AssertionError("the site's circle is not on the map")


def test_markdown_in_company_and_note_is_shown_as_text_and_fetches_nothing(
    tmp_path: Path, request_guard, browser_page, streamlit_server, artifacts
) -> None:
    guard = request_guard()
    with image_server() as (port, hits):
        company = f"![i](http://127.0.0.1:{port}/company.png) **太字**"
        note = f"出典 ![n](http://127.0.0.1:{port}/note.png) [link](http://127.0.0.1:{port}/link)"
        store = open_store(tmp_path / "sites.gpkg")
        row = {"name": NAME, "plan_type": "A", "field": "ai_semiconductor", "status": "planned"}
        row |= {"company": company, "source_note": note, "lon": WHERE[0], "lat": WHERE[1]}
        (site_id,) = store.add(pd.DataFrame([row]), Actor("editor", "editor"))
        with streamlit_server({"CHIIKI_MAP_VAR": str(tmp_path)}) as base, browser_page(guard) as page:
            page.goto(base, wait_until="domcontentloaded")
            _map_frame(page)
            for label, option in (("ブロック（経済産業局）", "九州"), ("都道府県", "熊本県")):
                box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).locator("input")
                box.click()
                box.fill(option)
                page.get_by_role("option", name=option, exact=True).click()
                page.wait_for_timeout(300)
                settle(page)
            heading = page.get_by_text(f"候補地カード: {NAME}")
            for _ in range(4):  # a click during a re-run may land on a frame being replaced: click again
                point = _circle(page, site_id)
                page.locator(MAP_FRAME).last.content_frame.locator(".leaflet-container").click(position=point)
                try:
                    heading.wait_for(timeout=20_000)
                    break
                except Exception:  # no card yet
                    settle(page)
            heading.wait_for(timeout=20_000)
            settle(page)
            card = (
                page.locator('[data-testid="stMarkdownContainer"] table').first.inner_text().replace("\u2060", "")
            )  # no autolink
            page.locator('[data-testid="stMarkdownContainer"] table').first.screenshot(
                path=str(artifacts / "site_card_markdown.png")
            )
            for page_name in ("候補地の登録・編集", "インフラ不足", "人材需要"):
                page.get_by_role("link", name=page_name).click()
                settle(page)
                page.wait_for_timeout(1500)
    assert hits == [], f"the browser fetched what a site's text named: {hits}"
    assert company in card and "出典 ![n](" in card, f"the card shows the text as typed: {card}"
    assert guard.blocked == []
