"""Node.js for tests of our JavaScript: run the canvas renderer's decoders on data packed in Python."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from layers.canvas import CANVAS_JS
from layers.geojson_layer import GeoJsonLayer
from tests.support import need

#: The harness that loads ``cm_canvas.js`` with a stand-in for ``L.Layer.extend``.
DECODE_JS = Path(__file__).with_name("canvas_decode.js")


def require_node() -> str:
    """The ``node`` program; skips without it on a developer machine (fails under ``CI``)."""
    node = shutil.which("node")
    if node is None:
        need("node not found", "install Node.js 20 or newer (Debian: apt-get install nodejs)")
    return str(node)


def decode_in_node(cases: Sequence[tuple[str, Mapping[str, Any]]], folder: Path) -> list[dict[str, Any]]:
    """What ``cm_canvas.js`` reads from each ``(kind, data)``: ``"vector"`` (a FeatureCollection, packed or
    plain) or ``"sites"`` (:func:`layers.sites.site_layer` data).

    Each data goes in as the page inlines it (``GeoJsonLayer.data_json``: ``JSON.parse('…')``), so the
    escaping of names on the way is tested too. Returns, per case, the decoder's arrays as lists.
    """
    items = [
        f'{{kind: "{kind}", data: {GeoJsonLayer(f"k{i}", "map", data=data, canvas=True).data_json}}}'
        for i, (kind, data) in enumerate(cases)
    ]
    script = folder / "cases.js"
    script.write_text("[\n" + ",\n".join(items) + "\n]\n", encoding="utf-8")
    run = subprocess.run(
        [require_node(), str(DECODE_JS), str(CANVAS_JS), str(script)], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)
