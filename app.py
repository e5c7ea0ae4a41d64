"""地域未来マップ — Streamlit entry point: the shared sidebar, then the chosen page (see ``ui/``).

Streamlit runs this file as ``__main__`` for every session's run (``ui.main.run``). ``streamlit run app.py``
first imports it as a module to find its server, ``app`` (``st.App``): its lifespan prepares a new server's
first run while the first browser is still loading Streamlit (``ui.startup``). That import stays light; the
app's modules are imported by the preparation and by the runs.
"""

from __future__ import annotations

import streamlit as st

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

if __name__ == "__main__":
    from ui.main import run

    run(PAGES, ADMIN_PAGE)
else:
    from ui.startup import lifespan

    app = st.App(__file__, lifespan=lifespan)
