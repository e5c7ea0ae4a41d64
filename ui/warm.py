"""The national view's analyses computed ahead, in the background, once its first map has been sent.

A new server, or new data, leaves every page's cache empty: the first visit of インフラ不足, 人材需要, 立地候補探索
or 地域比較 on the national view computed its analysis while the planner waited (3.5–7.6 s at 100,000 sites).
After a run of the national, unfiltered view — the one every session opens on — one daemon thread computes
them into the caches the pages read (``ui.cached``), in the menu's order. A page opened afterwards finds its
result; one opened while it is being computed waits for that computation (Streamlit's lock per cached
value) instead of starting another. Once per view key (store, version, filters): an edit makes a new
version and so a new warm-up. It starts as that run ends, at the lowest CPU priority (:func:`_yield_cpu`), and
shares the interpreter with the sessions: a click during the warm-up can take longer.
``CHIIKI_MAP_WARM=0`` turns it off (:func:`geo.config.background_warmup`).
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
from collections.abc import Callable

from geo import labour
from geo.analysis.clusters import DEFAULT_THRESHOLD_KM
from geo.config import background_warmup
from geo.labour.jobs import LABOUR_UNITS_TOML, load_labour_units
from layers.sites import on_canvas
from ui import cached, siting_form
from ui.context import View
from ui.memory import freeze_long_lived
from ui.startup import THREAD_PREFIX, start_thread

_LOG = logging.getLogger("chiiki_map.ui")
#: The thread's name (``ui.startup``'s prefix: Streamlit's "missing ScriptRunContext" warning is not logged for it).
THREAD_NAME = f"{THREAD_PREFIX}-warm"
_started: set[str] = set()
_lock = threading.Lock()


def _labour(view: View) -> None:
    """The 人材需要 page's default analysis and the figures it shows first (also the 地域カルテ's)."""
    radius, units_key = labour.DEFAULT_RADIUS_KM, cached.file_stamp(LABOUR_UNITS_TOML)
    result = cached.labour_result(view, radius, load_labour_units(), units_key)
    cached.labour_headline(view, result, radius, units_key)
    cached.labour_pressure(view, result, radius, units_key)
    cached.labour_by_cluster(view, result, radius, units_key)
    cached.labour_sites(view, result, radius, units_key)


def _gaps(view: View) -> None:
    """The インフラ不足 page's checks, table, markers and groups (the checks also index each kind for the cards)."""
    gaps = cached.gaps(view)
    cached.gap_table(view, gaps)
    cached.gap_markers_data(view, gaps, "", on_canvas(len(view.sites)))
    cached.gap_groups(view, gaps, "cluster")


def _siting(view: View) -> None:
    """The 立地候補探索 page's search for the form's default profile."""
    cached.search(view, siting_form.needs_of(siting_form.profile_of({})))


def _compare(view: View) -> None:
    """The regions 地域比較 opens with."""
    cached.compared_profiles(view, cached.compare_defaults(view.region.id))


#: What is computed, in order: (name for the log, step).
STEPS: tuple[tuple[str, Callable[[View], object]], ...] = (
    ("clusters", lambda v: cached.clusters(v, DEFAULT_THRESHOLD_KM)),
    ("gaps", _gaps),
    ("labour", _labour),
    ("profile", cached.profile),
    ("siting", _siting),
    ("compare", _compare),
)


def warm(view: View) -> list[str]:
    """Run every step for ``view``; a step that fails is logged and skipped. Returns the steps that ran."""
    done, took = [], []
    for name, step in STEPS:
        start = time.perf_counter()
        try:
            step(view)
        except Exception:  # the page says what went wrong when it is opened; here only the log hears of it
            _LOG.exception("computing %s ahead for the national view failed", name)
            continue
        done.append(name)
        took.append(f"{name} {time.perf_counter() - start:.1f} s")
    freeze_long_lived()  # what the caches now keep leaves the collection Streamlit runs after every click
    _LOG.info("computed ahead for the national view (%d sites): %s", len(view.sites), ", ".join(took))
    return done


def _yield_cpu() -> None:
    """The calling thread at the lowest CPU priority (Linux: nice 19 per thread), so a browser on the same machine
    and the sessions' runs go first; elsewhere (one nice value per process) it stays as it is."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        except OSError as exc:  # not allowed here: the warm-up still runs, at the server's priority
            _LOG.info("the warm-up keeps the server's CPU priority: %s", exc)


def _warm_behind(view: View) -> list[str]:
    """:func:`warm` at the lowest CPU priority: it starts at once, the thread's priority leaves the core to the
    browser drawing the run's map (bench_app at 100,000 sites, cold start 6.1–7.9 s with or without a 3 s wait,
    which had the first visits after start compute what it had not begun)."""
    _yield_cpu()
    return warm(view)


def start(view: View) -> threading.Thread | None:
    """Warm ``view`` in a daemon thread if it is the national, unfiltered view, not yet warmed, and allowed."""
    if not background_warmup() or view.region.kind != "japan" or any(view.filters.values()) or view.sites.empty:
        return None
    with _lock:
        if view.key in _started:
            return None
        _started.add(view.key)
    return start_thread(_warm_behind, "warm", view)
