"""The briefing export page in Streamlit AppTest: a download for the current region and filters."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

pytestmark = pytest.mark.apptest


def test_export_page_offers_briefing_download(app: AppTest) -> None:
    at = app
    at.selectbox(key="block").set_value("kyushu").run()
    at.multiselect(key="fields").set_value(["ai_semiconductor"]).run()
    at.switch_page("ui/pages/export.py").run()
    assert not at.exception, at.exception
    assert at.header[0].value == "ブリーフィング（オフラインHTML）"
    layers = at.multiselect(key="export_layers")
    assert "expressways" in layers.value
    layers.set_value(["expressways"]).run()
    assert not at.exception, at.exception
    built = [b for b in at.get("download_button") if b.key == "export_download"]
    assert not built, "nothing is built before it is asked for"  # (the CSV tables are written when clicked)
    at.button(key="export_build").click().run()
    assert not at.exception, at.exception
    captions = " ".join(c.value for c in at.caption)
    assert "サイズ：" in captions and "Leaflet" in captions
    buttons = [b for b in at.get("download_button") if b.key == "export_download"]
    assert len(buttons) == 1 and "HTMLをダウンロード" in buttons[0].proto.label
