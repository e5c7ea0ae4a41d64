/* 地域未来マップ — what our maps add to Leaflet besides the canvas renderer, in one place.
 *
 * Written for this project (not a plugin). The folium elements of layers/ (a briefing) call these
 * functions once; the live map of the app (cm_live.js) calls the same functions and removes what they
 * added when a re-run no longer wants it, so every function returns a handle with remove().
 *
 *   cmMap.geojson(group, map, o, data)     a vector layer (inline data, or fetched per zoom level) into group
 *   cmMap.legend(map, html, o)            a box control (o.position, o.cls, o.maxOpen); html is escaped HTML. It
 *                                         folds while zoomed in or when taller than o.maxOpen px, and steps
 *                                         aside from an open tooltip
 *   cmMap.credits(map, html, hint)        the credit lines in the attribution control, opened by a click
 *   cmMap.keepView(map, scope, region, start, param)  the view kept per page while the region stays; a start view
 *   cmMap.wheel(map)                      the mouse wheel zooms only once the map was clicked
 *   cmMap.pick(map, lat, lon, hint)       a draggable pin; dropping it reports the point as a map click
 *   cmMap.probedTiles(map, o)             a tile layer added only once its probe tile loaded
 */
/* global cmCanvas */
window.cmMap = (function () {
  "use strict";

  /* Fetched layer files, shared by every layer of the page: a re-added layer does not fetch again. */
  var files = {}, order = [], KEEP_FILES = 24;
  /* The files' text kept in the app's window (same origin) for the next page's map: a page switch makes a
   * new frame, and the server lets the browser cache nothing, so without it every switch fetched them all
   * again. Every file name carries its content's hash, so a kept text is never stale. A map that is not in
   * a frame of ours (an exported file) keeps nothing. */
  var SHARED_FILES = 24, SHARED_CHARS = 48e6;
  var shared = (function () {
    try {
      var top = window.parent;
      if (top && top !== window && top.location.origin === window.location.origin) {
        return top.__cmFiles || (top.__cmFiles = {text: {}, order: [], chars: 0});
      }
    } catch (err) { console.debug("layer files not kept across pages: " + err); }  // another origin
    return null;
  })();
  function keepText(url, text) {
    if (!shared || shared.text[url] !== undefined) { return; }
    shared.text[url] = text;
    shared.order.push(url);
    shared.chars += text.length;
    while (shared.order.length > SHARED_FILES || (shared.chars > SHARED_CHARS && shared.order.length > 1)) {
      var old = shared.order.shift();
      shared.chars -= shared.text[old].length;
      delete shared.text[old];
    }
  }
  function load(url) {
    if (!files[url]) {
      var kept = shared ? shared.text[url] : undefined;
      files[url] = kept !== undefined ? Promise.resolve(JSON.parse(kept)) : fetch(url).then(function (r) {
        if (!r.ok) { throw new Error("HTTP " + r.status); }
        return r.text();
      }).then(function (text) {
        keepText(url, text);
        return JSON.parse(text);
      });
      order.push(url);
      if (order.length > KEEP_FILES) { delete files[order.shift()]; }
      files[url].catch(function () { delete files[url]; });
    }
    return files[url];
  }

  function geojson(group, map, o, data) {
    if (!map.getPane(o.pane)) { map.createPane(o.pane).style.zIndex = String(o.zIndex); }
    if (o.order === null || o.order === undefined) { o.order = geojson.count = (geojson.count || 0) + 1; }  // drawing order within a pane
    function styleOf(f) {
      var p = (f && f.properties) || {};
      return {color: p._color || o.color, weight: o.weight, opacity: o.opacity,
              fillColor: p._fill || o.fill || p._color || o.color, fillOpacity: o.fillOpacity,
              dashArray: o.dash, radius: p._radius || o.radius, className: o.className,
              interactive: o.interactive, pane: o.pane};
    }
    function svgLayer(d) {  // one Leaflet SVG path per feature: few features that need their own events
      return L.geoJSON(d, {
        style: styleOf,
        interactive: o.interactive,
        pane: o.pane,
        pointToLayer: function (f, latlng) { return L.circleMarker(latlng, styleOf(f)); },
        onEachFeature: function (f, layer) {
          var p = f.properties || {};
          // a site's id rides hidden in its tooltip: a click reports the tooltip's text
          var ref = p.site_id === null || p.site_id === undefined ? "" :
            '<span hidden class="cm-ref">[site:' + String(p.site_id).replace(/[^0-9A-Za-z_-]/g, "") + "]</span>";
          if (p._tip) { layer.bindTooltip(p._tip + ref, {sticky: f.geometry.type !== "Point"}); }
          if (p._popup && !o.clickThrough) { layer.bindPopup(p._popup, {maxWidth: 360}); }
          if (o.clickThrough) {  // picking a point: a click on the feature is a click on the map there
            layer.on("click", function (e) {
              map.fire("click", {latlng: e.latlng, layerPoint: e.layerPoint, containerPoint: e.containerPoint});
            });
          }
        }
      });
    }
    var shown = null, joined = null;
    function add(d) {
      if (o.join) {  // values per feature joined by key to shared geometry (a choropleth): fetched once
        if (!joined) { joined = o.join.url ? load(o.join.url) : Promise.resolve(o.join); }
        joined.then(function (j) { show(join(d, j)); });
        return;
      }
      show(d);
    }
    function show(d) {
      var layer = d.sites ? (o.canvas ? cmCanvas.sites(d, o) : svgLayer(cmCanvas.siteFeatures(d)))
                          : (o.canvas ? cmCanvas.vector(d, o) : svgLayer(d));
      if (shown) { group.removeLayer(shown); }
      shown = layer.addTo(group);
      var mark = function () {
        // features drawn: a joined layer's shared polygons without a value (_skip) are not counted
        var n = d.sites ? d.sites.count : (d.features || []).filter(function (f) {
          return !(f.properties && f.properties._skip);
        }).length;
        group._map.getContainer().setAttribute("data-loaded-" + o.key, String(n));
      };
      if (group._map) { mark(); } else { group.once("add", mark); }
    }
    if (data) { add(data); return {remove: function () {}}; }
    var wanted = null, pending = null;
    function refresh() {
      var z = map.getZoom(), url = o.levels[0][1];
      o.levels.forEach(function (lv) { if (z >= lv[0]) { url = lv[1]; } });
      if (url === wanted) { return; }
      wanted = url;
      pending = load(url)
        .then(function (d) { if (url === wanted) { add(d); } })
        .catch(function (e) { console.warn("layer " + o.key + " not loaded: " + e); });
    }
    function on() { map.on("zoomend", refresh); refresh(); }
    function off() { map.off("zoomend", refresh); }
    group.on("add", on);
    group.on("remove", off);
    if (group._map) { map.on("zoomend", refresh); }
    Promise.resolve().then(refresh);  // after the rest of the map script has set the view
    return {
      remove: function () { off(); group.off("add", on); group.off("remove", off); },
      ready: function () { return Promise.resolve().then(function () { return pending; }); }
    };
  }

  /* The features of d with the properties of ``j.props[feature.properties[j.key]]`` added; a feature
   * without any is kept (packed data are one stream) but marked _skip: it is neither drawn nor hit. */
  function join(d, j) {
    var props = j.props || (j.expanded = j.expanded || unitProps(j));
    var features = (d.features || []).map(function (f) {
      var p = f.properties || {}, extra = props[p[j.key]];
      return {type: "Feature", geometry: f.geometry, properties: Object.assign({}, p, extra || {_skip: 1})};
    });
    return {type: "FeatureCollection", packed: d.packed, features: features};
  }

  /* Per key: _fill from the colours used (j.fills[row[0]]) and _tip from its pattern and the unit's values,
   * j.tip[0] + row[1] + j.tip[1] + row[2] + … (layers.geojson_layer.UnitTips; values escaped in Python). */
  function unitProps(j) {
    var out = {};
    Object.keys(j.rows || {}).forEach(function (k) {
      var row = j.rows[k], tip = j.tip[0];
      for (var i = 1; i < row.length; i++) { tip += row[i] + j.tip[i]; }
      out[k] = {_fill: j.fills[row[0]], _tip: tip};
    });
    return out;
  }

  /* A box under an open tooltip steps aside (fades, lets the mouse through) until the tooltip closes or
   * moves off it: a tooltip is never hidden under a legend. */
  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }
  function asideFor(map) {
    if (map._cmAside) { return map._cmAside; }
    var open = [], boxes = [], frame = null;
    function check() {
      frame = null;
      var tips = open.filter(function (t) { return t._container && t._map; }).map(function (t) { return t._container.getBoundingClientRect(); });
      boxes.forEach(function (div) {
        var r = div.getBoundingClientRect(), hit = tips.some(function (tr) { return overlaps(tr, r); });
        div.classList.toggle("cm-aside", hit);
      });
    }
    function later() { if (!frame) { frame = L.Util.requestAnimFrame(check); } }
    map.on("tooltipopen", function (e) { if (open.indexOf(e.tooltip) < 0) { open.push(e.tooltip); } later(); });
    map.on("tooltipclose", function (e) { open = open.filter(function (t) { return t !== e.tooltip; }); later(); });
    map.on("mousemove zoomend moveend", function () { if (open.length) { later(); } });
    map._cmAside = {add: function (div) { boxes.push(div); },
                    remove: function (div) { boxes = boxes.filter(function (d) { return d !== div; }); }};
    return map._cmAside;
  }

  /* A folding box (<details>) folds by itself while the map is zoomed in FOLD_ZOOMS or more levels past its
   * first framing (map._cmFitZoom; else the zoom when the box was added) — a place looked at closely is not
   * hidden under it — and opens again when zoomed back out, until the person opens or folds it. It also starts
   * folded when, open, it is taller than ``maxOpen`` px (the room the map's framing planned for it): a legend
   * of many fields would otherwise cover the region. */
  var FOLD_ZOOMS = 2;
  function autoFold(map, div, maxOpen) {
    var details = div.querySelector("details");
    if (!details) { return function () {}; }
    var added = map.getZoom(), expected = details.open, touched = false;
    details.addEventListener("toggle", function () { if (details.open !== expected) { touched = true; } });
    function tooTall() {
      if (!maxOpen || !div.isConnected) { return false; }
      var was = details.open;
      details.open = true;
      var tall = div.offsetHeight > maxOpen;
      details.open = was;
      return tall;
    }
    function fold() {
      if (touched) { return; }
      var open = map.getZoom() < (isFinite(map._cmFitZoom) ? map._cmFitZoom : added) + FOLD_ZOOMS && !tooTall();
      expected = open;  // before the change: the toggle event it fires later is ours, not the person's
      if (details.open !== expected) { details.open = expected; }
    }
    map.on("zoomend", fold);
    fold();
    L.Util.requestAnimFrame(fold);  // on the map now: its height can be measured
    return function () { map.off("zoomend", fold); };
  }

  function legend(map, html, o) {
    o = o || {};
    var box = L.control({position: o.position || "bottomright"}), aside = asideFor(map), div = null, unfold = null;
    box.onAdd = function () {
      div = L.DomUtil.create("div", o.cls || "cm-legend");
      div.innerHTML = html;
      if (o.stop !== false) {
        L.DomEvent.disableClickPropagation(div);
        L.DomEvent.disableScrollPropagation(div);
      }
      aside.add(div);
      unfold = autoFold(map, div, o.maxOpen);
      return div;
    };
    box.onRemove = function () { if (div) { aside.remove(div); } if (unfold) { unfold(); } };
    return box.addTo(map);
  }

  function credits(map, html, hint) {
    var control = map.attributionControl;
    control.setPrefix(false);
    control.addAttribution(html);
    var box = control.getContainer();
    box.title = hint;
    if (!box._cmToggle) {
      box._cmToggle = true;
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.on(box, "click", function () { box.classList.toggle("cm-open"); });
    }
    return {remove: function () { control.removeAttribution(html); }};
  }

  /* A re-run of a page must not throw the person's view away: it is kept in this tab's sessionStorage per
   * page (``scope``) and applied while the ``region`` is the same; a new region refits. ``start`` ({lat, lng,
   * zoom, token}: a shared address, a place search) is applied once per token, before the kept view; ``param``
   * names the query parameter of the app's address that carries the view (``lat,lng,zoom``), rewritten in place
   * as the map moves (same origin only). Returns whether a view was applied. */
  function keepView(map, scope, region, start, param) {
    var slot = "cm-view:" + scope, saved = null, done = null;
    try {
      saved = JSON.parse(window.sessionStorage.getItem(slot) || "null");
      done = window.sessionStorage.getItem(slot + ":start");
    } catch (err) { console.warn("kept view not read: " + err); }
    var applied = false;
    if (start && start.token !== done) {
      map.setView([start.lat, start.lng], start.zoom, {animate: false});
      applied = true;
      try { window.sessionStorage.setItem(slot + ":start", start.token); } catch (err) { console.warn("start view not kept: " + err); }
    } else if (saved && saved.region === region && isFinite(saved.zoom)) {
      map.setView([saved.lat, saved.lng], saved.zoom, {animate: false});
      applied = true;
    }
    function share(c, zoom) {
      if (!param) { return; }
      try {
        var w = window.parent, url = new URL(w.location.href);
        url.searchParams.set(param, c.lat.toFixed(5) + "," + c.lng.toFixed(5) + "," + zoom);
        w.history.replaceState(w.history.state, "", url.href);
      } catch (err) { console.debug("view not shared in the address: " + err); }  // another origin: this tab only
    }
    function keep() {
      var c = map.getCenter();
      try {
        window.sessionStorage.setItem(slot, JSON.stringify({region: region, lat: c.lat, lng: c.lng, zoom: map.getZoom()}));
      } catch (err) { console.warn("view not kept: " + err); }  // storage refused: the view is simply not kept
      share(c, map.getZoom());
    }
    map.on("moveend", keep);
    keep();
    return {applied: applied, remove: function () { map.off("moveend", keep); }};
  }

  /* A note shown while the map is zoomed in beyond ``zoom``: where the offline base map's detail ends. */
  function detailNote(map, text, css, zoom) {
    var note = L.control({position: "topleft"});
    note.onAdd = function () {
      var box = L.DomUtil.create("div", "cm-detail-note");
      box.textContent = text;
      box.style.cssText = css;
      return box;
    };
    note.addTo(map);
    function update() { note.getContainer().style.display = map.getZoom() > zoom ? "block" : "none"; }
    map.on("zoomend", update);
    update();
    return {remove: function () { map.off("zoomend", update); note.remove(); }};
  }

  function wheel(map) {
    if (map._cmWheel) { return {remove: function () {}}; }
    map._cmWheel = true;
    map.scrollWheelZoom.disable();
    map.on("click focus", function () { map.scrollWheelZoom.enable(); });
    map.on("blur", function () { map.scrollWheelZoom.disable(); });
    map.getContainer().addEventListener("mouseleave", function () { map.scrollWheelZoom.disable(); });
    return {remove: function () {}};
  }

  function pick(map, lat, lon, hint) {
    var icon = L.divIcon({className: "", html: '<div class="cm-picked"></div>', iconSize: [0, 0]});
    var pin = L.marker([lat, lon], {icon: icon, draggable: true, title: hint, zIndexOffset: 1000}).addTo(map);
    // a drag ends like a click where the pin was dropped
    pin.on("dragend", function () {
      var ll = pin.getLatLng();
      map.fire("click", {latlng: ll, layerPoint: map.latLngToLayerPoint(ll), containerPoint: map.latLngToContainerPoint(ll)});
    });
    return pin;
  }

  function probedTiles(map, o) {
    var layer = null, gone = false, probe = new Image();
    probe.onload = function () {
      if (gone) { return; }
      layer = L.tileLayer(o.url, {attribution: o.attribution, maxZoom: o.maxZoom || 18}).addTo(map);
      map.getContainer().setAttribute("data-basemap", "on");
    };
    probe.onerror = function () { map.getContainer().setAttribute("data-basemap", "off"); };
    probe.src = o.probe;
    return {remove: function () { gone = true; if (layer) { map.removeLayer(layer); } }};
  }

  return {geojson: geojson, legend: legend, credits: credits, keepView: keepView, wheel: wheel, pick: pick,
          detailNote: detailNote,
          probedTiles: probedTiles, load: load};
})();
