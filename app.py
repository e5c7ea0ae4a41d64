"""地域未来マップ — Streamlit entry point: the shared sidebar, then the chosen page (see ``ui/``)."""
from __future__ import annotations

import streamlit as st

from i18n import t
from ui.context import build_view

st.set_page_config(page_title="地域未来マップ", page_icon="🗾", layout="wide")

view = build_view()
#: (page script, UI text key of its title, icon); the first is the default page.
PAGES = [
    ("ui/explore.py", "page_explore", "🗾"),
]
st.navigation([st.Page(path, title=t(key, view.lang), icon=icon, default=(i == 0))
               for i, (path, key, icon) in enumerate(PAGES)]).run()
