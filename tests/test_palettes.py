"""Colour means one thing (issue 24): the status colours and the field colours are disjoint palettes.

On the インフラ不足 map a red marker was both AI・半導体 and 「不足あり」. Every field colour now stays clearly apart
(CIE76 ΔE ≥ 25, about what tells two of the field colours apart) from every status colour, and the legend names
which is which. The colour difference is computed here from the sRGB definition, not by the code under test.
"""

from __future__ import annotations

import itertools

from layers.legend import Legend, legend_html
from layers.map import MapLayer, MapOptions, build_map
from layers.style import FIELD_COLOURS, STATUS_COLOURS

MIN_DELTA_E = 25.0


def _lab(hex_colour: str) -> tuple[float, float, float]:
    def linear(c: float) -> float:
        return ((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92

    r, g, b = (linear(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (r * 0.4124 + g * 0.3576 + b * 0.1805) / 0.95047
    y = r * 0.2126 + g * 0.7152 + b * 0.0722
    z = (r * 0.0193 + g * 0.1192 + b * 0.9505) / 1.08883

    def f(v: float) -> float:
        return v ** (1 / 3) if v > 0.008856 else 7.787 * v + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def delta_e(a: str, b: str) -> float:
    return sum((p - q) ** 2 for p, q in zip(_lab(a), _lab(b), strict=True)) ** 0.5


def test_delta_e_is_the_textbook_one() -> None:
    assert delta_e("#000000", "#ffffff") == __import__("pytest").approx(100.0, abs=0.01)
    assert delta_e("#d62728", "#d62728") == 0


def test_status_and_field_colours_are_disjoint() -> None:
    close = [
        (field, colour, status, round(delta_e(colour, s_colour)))
        for (field, colour), (status, s_colour) in itertools.product(FIELD_COLOURS.items(), STATUS_COLOURS.items())
        if delta_e(colour, s_colour) < MIN_DELTA_E
    ]
    assert not close, close
    assert set(FIELD_COLOURS.values()).isdisjoint(STATUS_COLOURS.values())


def test_the_gaps_legend_says_which_colour_is_which() -> None:
    html_text = legend_html(["ai_semiconductor"], [("gaps", "インフラ判定", "point")], "ja")
    assert "候補地（色＝分野）" in html_text and "色＝判定" in html_text
    english = legend_html(["ai_semiconductor"], [("gaps", "Gaps", "point")], "en")
    assert "colour = field" in english and "colour = result" in english


def test_the_siting_legend_says_its_colours_are_check_statuses(make_sites) -> None:
    """立地候補探索 (issue 24): its candidates are drawn in status colours; the legend names the three statuses
    under the candidates' heading, and the sites' field colours (switched off at first) fold away under a closed
    heading that says so — built as the page builds its map."""
    sites = make_sites([{"name": "A", "field": "ai_semiconductor", "plan_type": "A", "lon": 130.7, "lat": 32.8}])
    empty = {"type": "FeatureCollection", "features": []}
    m = build_map(
        bounds=(130.0, 32.0, 131.0, 33.0),
        sites=sites,
        prefectures=MapLayer("pref", "都道府県", "polygon", data=empty),
        blocks=MapLayer("block", "ブロック", "line", data=empty),
        legend_extra=[("siting-candidates", "立地候補", "point")],
        options=MapOptions(site_cards=False, hidden=("site",)),
    )
    body = next(c for c in m._children.values() if isinstance(c, Legend)).legend_html
    status = body.index("<h5>立地候補（色＝最も悪い判定。候補地の色＝分野とは別の色）</h5>")
    for colour, word in (("#d62728", "不足あり"), ("#9e9e9e", "不足なし・一部不明"), ("#2ca02c", "すべて充足")):
        assert body.index(f'fill="{colour}"', status) < body.index(word, status), word
    assert "<h5>インフラ</h5>" not in body  # the candidates are not an infrastructure layer
    assert "<details><summary><small>候補地（色＝分野）：初期は非表示・レイヤ一覧で表示</small></summary>" in body
    assert "<h5>候補地（色＝分野）</h5>" not in body
    english = legend_html(["ai_semiconductor"], [("siting-candidates", "Site candidates", "point")], "en")
    assert "<h5>Site candidates (colour = worst check; not the field colours of the sites)</h5>" in english
    assert "<h5>Sites (colour = field)</h5>" in english  # shown open when the sites are on
