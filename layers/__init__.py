"""folium layers, legend, popups and the offline briefing. Presentation only: no analysis here.

::

    layers/
      map.py            build_map → ChiikiMap: boundaries, infrastructure, sites, legend, layer control
      geojson_layer.py  one folium element per vector layer (inline or fetched; SVG or canvas)
      canvas/           our canvas renderer: cm_canvas.js and packing.py (the compact inline format)
      sites.py          site markers          analysis.py   cluster and gap layers
      land.py           land balance and parcels      firms.py      priority firms
      labour.py         municipality choropleth, schools, catchments
      profile_section.py  the 地域カルテ section (HTML with inline SVG bars)
      popups.py         every popup, card and tooltip (HTML from escaped text)
      markup.py         the one HTML escape, and data inlined into <script>
      legend.py         legend and credit lines, the corner legend     style.py   colours and sizes
      offline_basemap.py  the offline base map: municipal boundaries and place names (no tiles)
      gsi_tiles.py      地理院タイル: tile URL, credit, probe tile (opt-in only)
      view.py           the view kept per page, wheel zoom after a click, the draggable pick pin
      element.py        Macro: the base of our folium elements (rendered text, never Jinja)
      presets.py        default layer sets of the live map and of a briefing
      assets.py         Leaflet from the pip package: served as static files or inlined
      static_files.py   large layers as content-hashed static files for the live app
      briefing/         the self-contained HTML briefing: detail.py, build.py, page.py + page.html.j2

Numbers and the words for missing figures come from :mod:`i18n.format`.
"""
