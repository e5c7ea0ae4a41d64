"""A site name that looks like Jinja is shown as text, never evaluated (branca re-compiles rendered text)."""

from __future__ import annotations

import datetime as dt

import pytest

from geo import regions
from geo.briefing import collect
from layers.briefing import build_briefing
from layers.element import Macro, Text

#: Evaluated by Jinja it would print "49evaluated" (or raise on the unclosed block).
JINJA_NAME = "{{ 7*7 }}{% if true %}evaluated{% endif %}{% for"


@pytest.fixture(scope="module")
def hostile_sites(fixed_sites):
    sites = fixed_sites.copy()
    sites.loc[sites.index[1], "name"] = JINJA_NAME
    sites.loc[sites.index[1], "company"] = JINJA_NAME
    return sites


def test_briefing_shows_a_jinja_looking_name_as_text(hostile_sites) -> None:
    data = collect(regions.resolve_region("kyushu"), hostile_sites, ["expressways"], today=dt.date(2026, 3, 31))
    page = build_briefing(data).html
    assert "49evaluated" not in page
    assert "&#123;&#123; 7*7 &#125;&#125;" in page, "the name is in the page as escaped text"


def test_briefing_pieces_are_the_page_and_a_slot_looking_name_is_text(fixed_sites, tmp_path) -> None:
    """The page is composed around the map's script (never copied into it); a name like the slot stays text."""
    sites = fixed_sites.copy()
    sites.loc[sites.index[1], "name"] = "<cm-map-script-slot>"
    briefing = build_briefing(collect(regions.resolve_region("kyushu"), sites, ["expressways"]))
    assert len(briefing.pieces) == 3 and "<cm-map-script-slot>" not in briefing.html
    assert "&lt;cm-map-script-slot&gt;" in briefing.html
    briefing.write(tmp_path / "b.html")
    written = (tmp_path / "b.html").read_bytes()
    assert written == briefing.html.encode("utf-8") and len(written) == briefing.size


def test_live_map_shows_a_jinja_looking_name_as_text(hostile_sites) -> None:
    from layers.map import MapLayer, MapOptions, build_map

    empty = {"type": "FeatureCollection", "features": []}
    m = build_map(
        bounds=(129.5, 31.0, 132.0, 34.0),
        sites=hostile_sites,
        options=MapOptions(leaflet_base_url="/static/leaflet"),
        prefectures=MapLayer("pref", "p", "polygon", data=empty),
        blocks=MapLayer("block", "b", "line", data=empty),
    )
    html = m.get_root().render()
    assert "49evaluated" not in html
    assert "7*7" in html, "the name travels to the browser unevaluated"


def test_macro_output_is_not_compiled_again() -> None:
    import folium
    from jinja2 import Template

    class Probe(Macro):
        _template = Template("{% macro script(this, kwargs) %}{{ this.text }}{% endmacro %}")

        def __init__(self) -> None:
            super().__init__()
            self.text = '{{ "zz" ~ "yy" }}'

    m = folium.Map()
    Probe().add_to(m)
    html = m.get_root().render()
    assert '{{ "zz" ~ "yy" }}' in html and "zzyy" not in html
    assert Text("{{ x }}").render() == "{{ x }}"
