"""The self-contained briefing: one offline HTML file (map, legend, summary, site table, sources).

* :mod:`layers.briefing.detail` — the view a briefing fits and how finely it keeps geometry;
* :mod:`layers.briefing.build` — the map with every layer inlined, and the size of each part;
* :mod:`layers.briefing.page` — the page around the map (``page.html.j2``).
"""

from __future__ import annotations

from layers.briefing.build import DEFAULT_BUDGET_BYTES, Briefing, build_briefing

__all__ = ["DEFAULT_BUDGET_BYTES", "Briefing", "build_briefing"]
