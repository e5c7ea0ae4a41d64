"""A session's run (``app.py``): page settings, the shared sidebar, the menu and the chosen page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import streamlit as st

from geo.config import configure_logging
from geo.io.system import system_refusal
from i18n import t
from i18n.errors import error_text
from ui import warm
from ui.auth import signed_in_admin
from ui.context import build_view
from ui.markdown import escape
from ui.memory import freeze_long_lived

#: A menu entry: (page script, UI text key of its title, Material icon bundled with Streamlit).
Entry = tuple[str, str, str]


def run(pages: Sequence[Entry], admin_page: Entry) -> None:
    """One run: the sidebar's view, then the page the address names (``pages[0]`` by default).

    ``admin_page`` is listed only while an admin is signed in; otherwise hidden from the menu but still at its
    address, where it shows only the sign-in (so an admin can sign in there, and signing out there stays there).
    """
    st.set_page_config(page_title="地域未来マップ", page_icon="🗾", layout="wide")
    configure_logging("INFO")  # sign-ins, store errors and imports leave a line in the server's log
    view = build_view()
    menu = [
        st.Page(path, title=t(key, view.lang), icon=icon, default=(i == 0)) for i, (path, key, icon) in enumerate(pages)
    ]
    path, key, icon = admin_page
    shown: Literal["visible", "hidden"] = "visible" if signed_in_admin() is not None else "hidden"
    menu.append(st.Page(path, title=t(key, view.lang), icon=icon, visibility=shown))
    try:
        st.navigation(menu, expanded=True).run()  # every page listed: with 13 Streamlit would fold all after the tenth
    except Exception as exc:  # what the system refused (a full disk, memory…) in words; a bug is re-raised
        known = system_refusal(exc)
        if known is None:
            raise
        st.error(escape(error_text(known, view.lang)))
    finally:
        freeze_long_lived()  # Streamlit's collection after each run then skips what the caches keep
        warm.start(view)  # the national view's analyses, ahead of the pages that show them (once per data version)
