/* 地域未来マップ — the app's live map: one Leaflet map per page, updated in place from a document.
 *
 * Written for this project. ``layers/live.py`` describes a page's map as a document: map options, the
 * view (region bounds; the page whose view is kept), entries (layer groups, tiles, legend and credits,
 * legend boxes, the pick pin), each with a revision. ``render(doc)`` builds the map the first time; later
 * calls compare revisions: an unchanged entry stays as it is (nothing fetched, decoded or redrawn), a
 * changed one is replaced, a gone one removed. A new region refits the view; otherwise the person's view
 * stays. While an update is loading and drawing the map container carries ``data-cm-busy``; once drawn,
 * ``data-cm-rev`` holds the document's revision, ``data-cm-drawn-at`` the time it was drawn (ms since the
 * epoch, the frame in which every renderer had painted) and the container fires ``cm:drawn`` (detail: rev,
 * at) — what tests and benches wait for instead of sleeping.
 *
 *   cmLive.create(element, report) -> live      report(value): a click the page asked for (doc.report)
 *   live.render(doc)
 */
/* global cmMap, cmLabels */
window.cmLive = (function () {
  "use strict";
  var SITE_REF = /\[site:([0-9A-Za-z_-]+)\]/;

  function siteRef(e) {
    var src = e.sourceTarget || e.layer, props = src && src.feature && src.feature.properties;
    if (props && props.site_id !== null && props.site_id !== undefined) { return "[site:" + String(props.site_id) + "]"; }
    var tip = src && typeof src.getTooltip === "function" ? src.getTooltip() : null;
    var text = tip && typeof tip.getContent === "function" ? tip.getContent() : "";
    var found = typeof text === "string" ? SITE_REF.exec(text) : null;
    return found ? found[0] : null;
  }

  function Live(el, report) {
    this.el = el;
    this.report = report;
    this.map = null;
    this.entries = {};      // id -> {rev, handle, group|layer, entry}
    this.region = null;
    this.token = null;      // the start view last applied (view.start.token)
    this.kept = null;       // cmMap.keepView handle
    this.control = null;
    this.asked = [];
    this.clicked = {last_clicked: null, last_object_clicked_tooltip: null, n: 0};
    this.extra = null;      // the head/body parts of our elements (styles, SVG patterns)
    this.job = 0;
  }

  Live.prototype._create = function (doc) {
    var map = this.map = L.map(this.el, doc.options);
    window.map = map;  // tools and tests find the map here
    if (doc.scale) { L.control.scale().addTo(map); }
    if (doc.wheel) { cmMap.wheel(map); }
    var self = this, pending = null;
    function flush() {
      pending = null;
      self.clicked.n += 1;
      var v = self.clicked, out = {n: v.n};
      if (self.asked.indexOf("click") >= 0) { out.last_clicked = v.last_clicked; }
      if (self.asked.indexOf("site") >= 0) { out.last_object_clicked_tooltip = v.last_object_clicked_tooltip; }
      self.report(out);
    }
    function later(changed) {  // one report per click, after every layer's handler has run
      if (changed && !pending) { pending = Promise.resolve().then(flush); }
    }
    map.on("click", function (e) {
      self.clicked.last_clicked = {lat: e.latlng.lat, lng: e.latlng.lng};
      later(self.asked.indexOf("click") >= 0);
    });
    this._onLayerClick = function (e) {
      var ref = siteRef(e);
      if (ref) { self.clicked.last_object_clicked_tooltip = ref; later(self.asked.indexOf("site") >= 0); }
    };
  };

  Live.prototype._parts = function (doc) {
    var key = doc.head + "\u0000" + doc.body;
    if (this.extra && this.extra.key === key) { return; }
    if (this.extra) { this.extra.head.remove(); this.extra.body.remove(); }
    var head = document.createElement("div"), body = document.createElement("div");
    head.innerHTML = doc.head;  // our own styles (escaped text only, built in Python)
    body.innerHTML = doc.body;
    document.head.appendChild(head);
    document.body.appendChild(body);
    this.extra = {key: key, head: head, body: body};
  };

  /* One entry on the map: returns {handle (remove, ready), layer (for the control)}. */
  Live.prototype._add = function (entry, index) {
    var map = this.map;
    if (entry.kind === "group") {
      var group = L.featureGroup(), handles = [];
      group.on("click", this._onLayerClick);
      entry.items.forEach(function (item, k) {
        if (item.kind === "geojson") {
          var o = Object.assign({}, item.options, {order: index * 16 + k});
          handles.push(cmMap.geojson(group, map, o, item.data));
        } else if (item.kind === "labels") {
          var labels = null, gone = false;
          var ready = cmMap.load(item.url).then(function (d) {
            if (!gone) { labels = cmLabels(d, item.options).addTo(group); }
          });
          handles.push({ready: function () { return ready; },
                        remove: function () { gone = true; if (labels) { group.removeLayer(labels); } }});
        }
      });
      if (entry.show) { group.addTo(map); }
      return {layer: group, handle: {
        ready: function () { return Promise.all(handles.map(function (h) { return h.ready ? h.ready() : null; })); },
        remove: function () { handles.forEach(function (h) { h.remove(); }); map.removeLayer(group); }
      }};
    }
    if (entry.kind === "tiles") {
      var tiles = L.tileLayer(entry.url, entry.options);
      if (entry.show) { tiles.addTo(map); }
      return {layer: tiles, handle: {remove: function () { map.removeLayer(tiles); }}};
    }
    if (entry.kind === "legend") {
      var box = entry.html ? cmMap.legend(map, entry.html, entry.options) : null, cred = cmMap.credits(map, entry.credits, entry.hint);
      return {handle: {remove: function () { if (box) { box.remove(); } cred.remove(); }}};
    }
    if (entry.kind === "box") {
      var extra = cmMap.legend(map, entry.html, entry.options);
      return {handle: {remove: function () { extra.remove(); }}};
    }
    if (entry.kind === "note") {
      return {handle: cmMap.detailNote(map, entry.text, entry.css, entry.zoom)};
    }
    if (entry.kind === "pick") {
      var pin = cmMap.pick(map, entry.lat, entry.lon, entry.hint);
      return {handle: {remove: function () { map.removeLayer(pin); }}};
    }
    if (entry.kind === "probed") {
      return {handle: cmMap.probedTiles(map, entry.options)};
    }
    console.warn("cmLive: unknown entry kind " + entry.kind);
    return {handle: {remove: function () {}}};
  };

  /* The view: fitted to the bounds the first time and when the region changes (a map without a region
   * — a list of firms — refits when its bounds change); otherwise the person's view stays. */
  Live.prototype._view = function (view, first) {
    var map = this.map, b = view.bounds, region = view.scope ? view.region : JSON.stringify(b);
    var token = view.start ? view.start.token : null;  // a new start view (a place search) moves the map too
    if (!first && region === this.region && token === this.token) { return; }
    if (this.kept) { this.kept.remove(); this.kept = null; }
    if (b && region !== this.region) {
      map.fitBounds(b, Object.assign({animate: false}, view.fit || {}));
      map._cmFitZoom = map.getZoom();  // the legend folds while zoomed in well past this (cmMap.legend)
    }
    this.region = region;
    this.token = token;
    if (view.scope) { this.kept = cmMap.keepView(map, view.scope, view.region, view.start || null, view.param || null); }
  };

  Live.prototype._control = function (doc) {
    if (this.control) { this.control.remove(); this.control = null; }
    if (!doc.control) { return; }
    var bases = {}, overlays = {}, self = this, any = false;
    doc.entries.forEach(function (entry) {
      var held = self.entries[entry.id];
      if (!held || !held.layer || !entry.control || !entry.name) { return; }
      if (entry.kind === "tiles" && !entry.overlay) { bases[entry.name] = held.layer; } else { overlays[entry.name] = held.layer; }
      any = true;
    });
    if (any) { this.control = L.control.layers(bases, overlays, {collapsed: doc.control.collapsed}).addTo(this.map); }
  };

  /* Every canvas renderer of the map has drawn its latest view. */
  Live.prototype._drawn = function () {
    var map = this.map;
    return [map._cmCanvas, map._cmSites].every(function (r) { return !r || !r._map || (!r._pending && !r._job); });
  };

  Live.prototype._settle = function (job, waits, rev) {
    var self = this, el = this.el, tries = 0;
    Promise.all(waits).catch(function () { return null; }).then(function () {
      function check() {
        if (job !== self.job) { return; }  // a newer document is being drawn
        if (!self._drawn() && tries++ < 600) { L.Util.requestAnimFrame(check); return; }
        var at = performance.timeOrigin + performance.now();
        el.setAttribute("data-cm-drawn-at", String(Math.round(at)));
        el.setAttribute("data-cm-rev", rev);
        el.removeAttribute("data-cm-busy");
        el.dispatchEvent(new CustomEvent("cm:drawn", {detail: {rev: rev, at: at}}));
      }
      L.Util.requestAnimFrame(check);
    });
  };

  Live.prototype.render = function (doc) {
    var first = !this.map;
    if (first) { this._create(doc); }
    this.asked = doc.report || [];
    if (!first && doc.rev === this.el.getAttribute("data-cm-rev") && !this.el.hasAttribute("data-cm-busy")) { return; }
    var job = ++this.job, self = this, waits = [], wanted = {}, changed = first;
    this.el.setAttribute("data-cm-busy", "1");
    this._parts(doc);
    this._view(doc.view, first);
    doc.entries.forEach(function (entry) { wanted[entry.id] = entry; });
    Object.keys(this.entries).forEach(function (id) {
      var held = self.entries[id];
      if (!wanted[id] || wanted[id].rev !== held.rev) {
        held.handle.remove();
        delete self.entries[id];
        changed = true;
      }
    });
    doc.entries.forEach(function (entry, index) {
      if (self.entries[entry.id]) { return; }
      var made = self._add(entry, index);
      self.entries[entry.id] = {rev: entry.rev, handle: made.handle, layer: made.layer};
      if (made.handle.ready) { waits.push(made.handle.ready()); }
      changed = true;
    });
    if (changed) { this._control(doc); }
    this._settle(job, waits, doc.rev);
  };

  return {create: function (el, report) { return new Live(el, report); }};
})();
