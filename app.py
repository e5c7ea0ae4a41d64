"""地域未来マップ — Streamlit entry point: the shared sidebar, then the chosen page (see ``ui/``)."""

from __future__ import annotations

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

st.set_page_config(page_title="地域未来マップ", page_icon="🗾", layout="wide")
configure_logging("INFO")  # sign-ins, store errors and imports leave a line in the server's log

view = build_view()
#: (page script, UI text key of its title, Material icon bundled with Streamlit); the first is the default.
PAGES = [
    ("ui/pages/explore.py", "page_explore", ":material/map:"),
    ("ui/pages/clusters.py", "page_clusters", ":material/hub:"),
    ("ui/pages/gaps.py", "page_gaps", ":material/report:"),
    ("ui/pages/land.py", "page_land", ":material/factory:"),
    ("ui/pages/labour.py", "page_labour", ":material/groups:"),
    ("ui/pages/industry.py", "page_industry", ":material/bar_chart:"),
    ("ui/pages/profile.py", "page_profile", ":material/summarize:"),
    ("ui/pages/siting.py", "page_siting", ":material/travel_explore:"),
    ("ui/pages/compare.py", "page_compare", ":material/compare:"),
    ("ui/pages/firms.py", "page_firms", ":material/handshake:"),
    ("ui/pages/plans.py", "page_plans", ":material/assignment:"),
    ("ui/pages/export.py", "page_export", ":material/description:"),
    ("ui/pages/sites_edit.py", "page_sites_edit", ":material/add_location_alt:"),
    ("ui/pages/sites_import.py", "page_sites_import", ":material/upload_file:"),
    ("ui/pages/layer_import.py", "page_layer_import", ":material/layers:"),
]
#: Accounts: listed only while an admin is signed in; otherwise hidden from the menu but still at /admin,
#: where it shows only the sign-in (so an admin can sign in there, and signing out there stays there).
ADMIN_PAGE = ("ui/pages/admin.py", "page_admin", ":material/manage_accounts:")
pages = [
    st.Page(path, title=t(key, view.lang), icon=icon, default=(i == 0)) for i, (path, key, icon) in enumerate(PAGES)
]
path, key, icon = ADMIN_PAGE
shown = "visible" if signed_in_admin() is not None else "hidden"
pages.append(st.Page(path, title=t(key, view.lang), icon=icon, visibility=shown))
try:
    st.navigation(pages, expanded=True).run()  # every page listed: with 13 Streamlit would fold all after the tenth
except Exception as exc:  # what the system refused (a full disk, memory…) in words; a bug is re-raised
    known = system_refusal(exc)
    if known is None:
        raise
    st.error(escape(error_text(known, view.lang)))
finally:
    freeze_long_lived()  # Streamlit's collection after each run then skips what the caches keep
    warm.start(view)  # the national view's analyses, ahead of the pages that show them (once per data version)
