"""Streamlit pages and their shared sidebar context. Widgets and layout only: no analysis here.

::

    ui/
      pages/          one page per module, run by app.py (st.navigation): explore, clusters, gaps, land,
                      labour, profile, firms, export, sites_edit, sites_import, layer_import, admin
      context.py      the shared sidebar and ``View`` (region, filters, language), cached reads
      auth.py         sign-in, ``editor()``, ``admin()``
      markdown.py     the one Markdown escape for user text
      site_form.py    the add/edit form of a site      site_tables.py  tables of sites in words
      downloads.py    .xlsx downloads (formula-safe)
      main.py         one session's run (app.py): the sidebar, the menu, the chosen page
      startup.py      a new server prepares its first run while browsers load Streamlit (st.App lifespan)
      warm.py         the national view's analyses computed ahead, once per data version
      cached.py       what pages compute from a view, cached per view and data version
"""
