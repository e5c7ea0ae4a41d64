"""A new server prepares its first run while the first browser is still loading Streamlit.

``streamlit run app.py`` serves the app through ``st.App`` (see ``app.py``), whose :func:`lifespan` starts one
daemon thread as the server starts: it imports the app's modules and reads what every session's first run
reads — the static layer files, the store's sites, the national view's layer status — into the caches that
run reads (``ui.context.preload``). Meanwhile the browser downloads and starts Streamlit's frontend; the first
run then finds them instead of doing them (at 100,000 sites ~2 s of imports and ~1 s of reading). A session
arriving earlier waits on the same import and cache locks: nothing is done twice. This module stays light
(standard library only) so the server itself starts as fast as before.
"""

from __future__ import annotations

import importlib
import logging
import threading
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # this module stays light: the app's modules load in the thread it starts
    from ui.context import View

_LOG = logging.getLogger("chiiki_map.ui")
#: The names of this app's background threads start so (``ui.warm`` names its own with it too).
THREAD_PREFIX = "chiiki-ahead"


#: What the first page (地図) imports beyond ``ui.context``: its map and the caches it reads (its charts are
#: drawn once opened: Altair loads with the first chart), and the emoji table Streamlit compiles for the page
#: icon (0.1 s). A missing one is only a slower first run. Never a module that declares a Streamlit component
#: (``ui.live_map``, ``streamlit_folium``): declared outside a script run, the component's frame is not served
#: (404) and the map never shows.
FIRST_PAGE_MODULES = ("ui.cached", "ui.place_box", "layers.map", "layers.offline_basemap", "streamlit.emojis")


def _first_page(view: View) -> None:
    """What 地図 computes from the national view: its summary and its sites packed for the map (~0.4 s at
    100,000 sites, in the first run of every new server otherwise)."""
    from ui import cached

    cached.site_summary(view)
    cached.site_data(view)


def _streamlit_once() -> None:
    """Streamlit's check, once per server process as the first element is drawn, that it is not run from a
    Python prompt: ``inspect.stack()``, which resolves the file of every module loaded (0.1 s in the first
    run, with the app's ~2,000 modules). Made here, before the app's imports, it costs less and the first run
    skips it. Only in a running server (elsewhere it would warn that Streamlit is not run by ``streamlit run``)."""
    from streamlit import delta_generator, runtime

    check = getattr(delta_generator, "_maybe_print_use_warning", None)  # Streamlit's own, private: if it is there
    if callable(check) and runtime.exists():
        check()


def prepare() -> None:
    """Import the app and read what a first run reads (a failure is the first run's to report, in words)."""
    try:
        _streamlit_once()
        from ui import context

        for name in FIRST_PAGE_MODULES:
            importlib.import_module(name)
        _first_page(context.preload())
    except Exception as exc:  # the first run meets the same error and says it on the page
        _LOG.warning("the server could not prepare its first run ahead: %s", exc)


def start_thread(target: Callable[..., object], name: str, *args: object) -> threading.Thread:
    """Start ``target(*args)`` in a daemon thread named ``chiiki-ahead-<name>``."""
    thread = threading.Thread(target=target, args=args, name=f"{THREAD_PREFIX}-{name}", daemon=True)
    thread.start()
    return thread


@asynccontextmanager
async def lifespan(_app: object) -> AsyncIterator[None]:
    """``st.App``'s lifespan: start :func:`prepare` beside the starting server, and go on at once."""
    start_thread(prepare, "start")
    yield


class _Ours(logging.Filter):
    """Streamlit's caches warn on every call from a thread without a script run; ours are such on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        ours = (record.threadName or "").startswith(THREAD_PREFIX)
        return not (ours and "ScriptRunContext" in record.getMessage())


logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(_Ours())
