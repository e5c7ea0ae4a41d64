"""Leaflet served from the registry package installed at setup — never from a CDN, never committed.

The PyPI wheel ``django-js-lib-leaflet`` ships Leaflet 1.9.4 (JS, CSS, marker images). For the live
app the files are copied into Streamlit's static folder (served at ``/app/static/``); for a standalone
HTML file they are inlined.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.util
import re
import shutil
from pathlib import Path

import folium

from geo.config import REPO_ROOT
from layers.canvas import CANVAS_JS, CANVAS_JS_NAME, LABELS_JS, LIVE_JS, MAP_JS

#: Streamlit serves ``<app dir>/static`` at ``/app/static/`` (server.enableStaticServing).
STATIC_ROOT: Path = REPO_ROOT / "static"
STATIC_URL = "/app/static"
LEAFLET_SUBDIR = "vendor/leaflet"
_LEAFLET_FILES = ("leaflet.js", "leaflet.css")
#: Folder of our scripts (:mod:`layers.canvas`) under the static root.
CANVAS_SUBDIR = "cm"
#: Our scripts the app serves.
SCRIPTS = (CANVAS_JS, MAP_JS, LABELS_JS, LIVE_JS)


class AssetsMissing(RuntimeError):
    """Leaflet is not installed; the message says how to install it."""


def leaflet_package_dir() -> Path:
    """Folder holding leaflet.js/leaflet.css inside the installed ``django-js-lib-leaflet`` wheel."""
    spec = importlib.util.find_spec("js_lib_leaflet")
    if spec is None or not spec.submodule_search_locations:
        raise AssetsMissing(
            "Leaflet is not installed (PyPI package django-js-lib-leaflet). "
            "Run `make run` or `.venv/bin/pip install -r requirements.txt`."
        )
    folder = Path(next(iter(spec.submodule_search_locations))) / "static" / "js_lib_leaflet"
    missing = [f for f in _LEAFLET_FILES if not (folder / f).is_file()]
    if missing:
        raise AssetsMissing(f"Leaflet files {missing} missing in {folder}: reinstall django-js-lib-leaflet.")
    return folder


def install_static(static_root: Path = STATIC_ROOT) -> Path:
    """Copy Leaflet (JS, CSS, images) and our scripts into ``static_root``.

    Leaflet goes to ``static_root/vendor/leaflet``, our scripts (:data:`SCRIPTS`) to ``static_root/cm``.

    Returns
    -------
    pathlib.Path
        The Leaflet folder.
    """
    src = leaflet_package_dir()
    dest = static_root / LEAFLET_SUBDIR
    dest.mkdir(parents=True, exist_ok=True)
    for name in _LEAFLET_FILES:
        shutil.copy2(src / name, dest / name)
    shutil.copytree(src / "images", dest / "images", dirs_exist_ok=True)
    (static_root / CANVAS_SUBDIR).mkdir(parents=True, exist_ok=True)
    for script in SCRIPTS:
        shutil.copy2(script, static_root / CANVAS_SUBDIR / script.name)
    return dest


@functools.lru_cache(maxsize=8)
def script_url(script: Path) -> str:
    """URL of one of our served scripts; the content hash in the query makes browsers refetch a new one."""
    digest = hashlib.sha256(script.read_bytes()).hexdigest()[:12]
    return f"{STATIC_URL}/{CANVAS_SUBDIR}/{script.name}?v={digest}"


def canvas_js_url() -> str:
    """URL of the served canvas renderer (:func:`script_url`)."""
    return script_url(CANVAS_JS)


def use_local_leaflet(m: folium.Map, base_url: str = f"{STATIC_URL}/{LEAFLET_SUBDIR}") -> folium.Map:
    """Point the map's only JS/CSS dependencies at the locally served Leaflet and our scripts.

    folium's defaults (jQuery, Bootstrap…) are dropped; the renderer and the map helpers are linked
    instead of being inlined into every re-run.
    """
    m.default_js = [
        ("leaflet", f"{base_url}/leaflet.js"),
        (CANVAS_JS_NAME, canvas_js_url()),
        ("cm_map", script_url(MAP_JS)),
    ]
    m.default_css = [("leaflet_css", f"{base_url}/leaflet.css")]
    return m


def inline_leaflet_sources() -> tuple[str, str]:
    """Leaflet's CSS (its images as ``data:`` URIs, so nothing is fetched) and JS, as text."""
    folder = leaflet_package_dir()
    css = (folder / "leaflet.css").read_text(encoding="utf-8")

    def data_uri(match: re.Match[str]) -> str:
        image = folder / match.group(1)
        if not image.is_file():
            return match.group(0)
        return f"url(data:image/png;base64,{base64.b64encode(image.read_bytes()).decode('ascii')})"

    css = re.sub(r"url\((images/[\w.-]+\.png)\)", data_uri, css)
    js = (folder / "leaflet.js").read_text(encoding="utf-8")
    return css, js


def inline_leaflet_tags() -> str:
    """``<style>``/``<script>`` tags with Leaflet inlined, for self-contained HTML files."""
    css, js = inline_leaflet_sources()
    return f"<style>{css}</style>\n<script>{js}</script>"


if __name__ == "__main__":  # `python -m layers.assets` at setup
    print(f"Leaflet copied to {install_static()}")
