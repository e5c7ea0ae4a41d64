"""The national view's analyses computed ahead (``ui.warm``): the pages then find them in their caches."""

from __future__ import annotations

import os
import sys
import threading

import pytest
from streamlit.testing.v1 import AppTest

from tests.support import REPO
from ui import cached, startup, warm
from ui.startup import start_thread

pytestmark = pytest.mark.apptest

#: The pages whose first visit on the national view the warm-up serves.
PAGES = ("clusters", "gaps", "labour", "profile", "siting", "compare", "land")


def _warmers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == warm.THREAD_NAME]


def test_the_pages_open_on_what_the_warm_up_computed(app_env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHIIKI_MAP_WARM", "1")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    started = _warmers()
    assert len(started) == 1, "one warm-up after the national view's first run"
    started[0].join(timeout=170)
    assert not started[0].is_alive()

    def computed_again(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a page computed what the warm-up had computed")

    for name in ("find_clusters", "infrastructure_gaps", "site_search", "region_profiles", "region_profile"):
        monkeypatch.setattr(cached, name, computed_again)
    monkeypatch.setattr(cached.labour, "analyse", computed_again)
    for page in PAGES:
        at.switch_page(f"ui/pages/{page}.py")
        at.run()
        assert not at.exception, (page, at.exception)
        assert not at.error, (page, [e.value for e in at.error])
    at.switch_page("ui/pages/explore.py")
    at.run()
    assert not _warmers(), "the same data version is warmed once"


def test_a_region_or_a_filter_is_not_warmed(app_env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHIIKI_MAP_WARM", "1")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.query_params["region"] = "43"
    at.run()
    assert not at.exception, at.exception
    assert not _warmers(), "only the national, unfiltered view every session opens on"


def test_off_when_the_setting_says_so(app_env, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CHIIKI_MAP_WARM", "0")
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    assert not _warmers()


def test_streamlit_run_finds_the_server_in_app_py() -> None:
    """``streamlit run app.py`` serves ``app`` (``st.App``, whose lifespan prepares the first run)."""
    from streamlit.web.server.app_discovery import discover_asgi_app

    found = discover_asgi_app(REPO / "app.py")
    assert found.is_asgi_app and found.import_string == "app:app"


PREPARE = """
import sys
from ui import startup
startup.prepare()
from ui import context
print(sorted(m for m in ("ui.live_map", "streamlit_folium") if m in sys.modules))
def read_again(*args):
    raise AssertionError("the first run read the sites again")
context.read_snapshot = read_again
store = context.open_store()
print(len(context._cached_sites(store, store.target, store.version_token())))
"""


def test_prepare_reads_the_sites_and_declares_no_component(app_env) -> None:
    """What a new server prepares: the first page's modules and the store's sites, never a component."""
    import subprocess

    out = subprocess.run([sys.executable, "-c", PREPARE], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    declared, n_sites = out.stdout.split("\n")[:2]
    assert declared == "[]", "a component declared outside a script run is never served"
    assert int(n_sites) == 43, "the sample sites of a new store, read once: by the preparation"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="one nice value per thread is Linux's")
def test_the_warm_up_thread_runs_at_the_lowest_cpu_priority(monkeypatch: pytest.MonkeyPatch) -> None:
    """Started as the national view's run ends, it leaves the cores to the browser and to the sessions' runs."""
    seen: list[int] = []
    monkeypatch.setattr(
        warm, "warm", lambda _view: seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
    )
    before = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    thread = start_thread(warm._warm_behind, "warm-test", None)
    thread.join(timeout=10)
    assert seen == [19]
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == before, "the server's own threads keep theirs"


def test_the_prepared_view_is_the_one_the_first_run_opens_on(app_env, monkeypatch: pytest.MonkeyPatch) -> None:
    """A new server packs the national view's sites and sums them before any session; the first run of 地図 then
    finds both (packing or summing again fails this test) under the key its sidebar gives."""
    from ui import context, startup

    startup.prepare()
    prepared = context.national_view()

    def again(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the first run computed what the server had prepared")

    monkeypatch.setattr(cached, "site_layer", again)
    monkeypatch.setattr(cached.summary, "summarise", again)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    at.run()
    assert not at.exception, at.exception
    assert at.session_state["_chiiki_view"].key == prepared.key
    assert len(prepared.sites) == 43 and prepared.filters == context.NO_FILTERS


def test_the_preparation_makes_streamlit_s_once_per_process_check(monkeypatch: pytest.MonkeyPatch) -> None:
    """Streamlit checks once per process, at the first element drawn, that it is not run from a Python prompt
    (``inspect.stack()`` over every loaded module); the preparation makes that check in a running server, so the
    first run skips it, and nowhere else (it would warn that Streamlit is not run by ``streamlit run``)."""
    from streamlit import delta_generator, runtime

    monkeypatch.setattr(delta_generator, "_use_warning_has_been_displayed", False)
    monkeypatch.setattr(runtime, "exists", lambda: False)
    startup._streamlit_once()
    assert delta_generator._use_warning_has_been_displayed is False
    monkeypatch.setattr(runtime, "exists", lambda: True)
    startup._streamlit_once()
    assert delta_generator._use_warning_has_been_displayed is True
