"""folium layers, legend, popups and the offline briefing. Presentation only: no analysis here.

::

    layers/
      map.py            build_map → ChiikiMap: boundaries, infrastructure, sites, legend, layer control
      geojson_layer.py  one folium element per vector layer (inline or fetched; SVG or canvas)
      canvas/           our canvas renderer: cm_canvas.js and packing.py (the compact inline format)
      sites.py          site markers          analysis.py   cluster and gap layers
      land.py           land balance, parcels and priority firms
      popups.py         every popup, card and tooltip (HTML from escaped text)
      markup.py         the one HTML escape, and data inlined into <script>
      legend.py         legend and credit lines     style.py   colours and sizes
      basemap.py        地理院タイル: tile URL, credit, probe tile (opt-in only)
      presets.py        default layer sets of the live map and of a briefing
      assets.py         Leaflet from the pip package: served as static files or inlined
      static_files.py   large layers as content-hashed static files for the live app
      briefing/         the self-contained HTML briefing: detail.py, build.py, page.py + page.html.j2

Numbers and the words for missing figures come from :mod:`i18n.format`.
"""
