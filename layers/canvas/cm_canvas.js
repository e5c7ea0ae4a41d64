/* 地域未来マップ — vector layers drawn on one canvas per map, straight from packed coordinates.
 *
 * Written for this project (not a plugin of the map library). The map library's GeoJSON layer
 * makes several JS objects per feature and per vertex (LatLngs, Points, bounds, event handlers);
 * here a layer keeps its vertices once, as normalised Web Mercator numbers in a Float64Array,
 * and a redraw is one multiply-add per vertex.
 * Tooltips and popups come from hit-testing the mouse position against the same arrays. All canvas
 * layers share one canvas in the lowest of their panes, drawn in order of (pane zIndex, order): one
 * bitmap to fill and composite instead of one per pane. SVG layers (sites, analyses) stay above it.
 *
 *   cmCanvas.vector(data, options) -> L.Layer   (data: GeoJSON FeatureCollection, packed or plain)
 *   cmCanvas.sites(data, options) -> L.Layer    (data: layers/sites.py site_layer; its own canvas, see Sites)
 *   cmCanvas.siteFeatures(data) -> FeatureCollection   (the same sites as GeoJSON, for an SVG layer)
 *
 * Options: key, pane, zIndex, order, canvasPane, canvasZ, color, weight, opacity, fill, fillOpacity, dash, radius, shape,
 * interactive, thin (default true: a point whose symbol would touch one drawn before it is left out at that
 * zoom, so a national view of 2,300 IC is not a dark mass). Feature properties _tip / _popup are HTML made of
 * escaped text only (built in Python); _color / _fill / _radius override the style per feature. After each
 * redraw the map container gets data-drawn-<key> = number of features drawn in the view.
 */
window.cmCanvas = (function () {
  "use strict";
  var D2R = Math.PI / 180, MAX_LAT = 85.0511287798, POINT = 0, LINE = 1, POLYGON = 2;
  var HIT_PX = 3;  // extra pixels around lines and points that still count as "on" them

  function mercX(lng) { return (lng + 180) / 360; }
  function mercY(lat) {
    var s = Math.sin(Math.max(Math.min(lat, MAX_LAT), -MAX_LAT) * D2R);
    return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
  }

  /* Zigzag LEB128 varints of string ``s`` from ``pos``: calls each(value, k) ``want`` times; returns the
   * position after the last one. Arithmetic, not bit shifts: values may exceed 31 bits. */
  function varints(s, pos, want, each) {
    var k = 0, acc = 0, mul = 1;
    for (; pos < s.length && k < want; pos++) {
      var b = s.charCodeAt(pos);
      acc += (b & 127) * mul;
      if (b & 128) { mul *= 128; continue; }
      each(acc % 2 ? -(acc + 1) / 2 : acc / 2, k++);
      acc = 0; mul = 1;
    }
    return pos;
  }

  /* The packed stream (canvas/packing.py): zigzag varint x, y deltas on the pixel grid of zoom
   * ``p.zoom``, base64. Returns normalised Web Mercator (0..1) as a Float64Array. */
  function stream(p) {
    var s = atob(p.coords), out = new Float64Array(2 * p.count), x = 0, y = 0;
    var scale = 1 / (256 * Math.pow(2, p.zoom));
    varints(s, 0, 2 * p.count, function (v, k) {
      if (k % 2) { y += v; out[k] = y * scale; } else { x += v; out[k] = x * scale; }
    });
    return out;
  }

  /* Flattens a FeatureCollection (packed or plain GeoJSON) into typed arrays: xy (x, y per vertex,
   * normalised Web Mercator), part starts, the parts of each feature, kinds, properties, boxes. */
  function decode(d) {
    var packed = d.packed && typeof d.packed === "object", xy = packed ? stream(d.packed) : [];
    var nv = 0, parts = [], fparts = [], kinds = [], props = [];
    function ring(a) {  // packed: a vertex count; plain: [[lng, lat], ...]
      parts.push(nv);
      if (packed) { nv += a; return; }
      for (var j = 0; j < a.length; j++) { xy.push(mercX(a[j][0]), mercY(a[j][1])); }
      nv += a.length;
    }
    function geometry(g, p) {
      if (!g) { return; }
      var t = g.type, c = packed ? g.n : g.coordinates;
      if (t === "GeometryCollection") { g.geometries.forEach(function (x) { geometry(x, p); }); return; }
      fparts.push(parts.length);
      props.push(p);
      if (t === "Point") { ring(packed ? 1 : [c]); kinds.push(POINT); }
      else if (t === "MultiPoint") { ring(c); kinds.push(POINT); }
      else if (t === "LineString") { ring(c); kinds.push(LINE); }
      else if (t === "MultiLineString") { c.forEach(ring); kinds.push(LINE); }
      else if (t === "Polygon") { c.forEach(ring); kinds.push(POLYGON); }
      else { c.forEach(function (poly) { poly.forEach(ring); }); kinds.push(POLYGON); }  // MultiPolygon
    }
    (d.features || []).forEach(function (f) { geometry(f.geometry, f.properties || {}); });
    fparts.push(parts.length);
    parts.push(nv);
    var n = kinds.length, box = new Float64Array(4 * n), v = packed ? xy : new Float64Array(xy);
    var ps = new Int32Array(parts), fp = new Int32Array(fparts), styled = false;
    for (var f = 0; f < n; f++) {
      var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, q = props[f];
      styled = styled || !!(q._color || q._fill || q._radius);
      for (var k = ps[fp[f]]; k < ps[fp[f + 1]]; k++) {
        var x = v[2 * k], y = v[2 * k + 1];
        if (x < x0) { x0 = x; } if (x > x1) { x1 = x; } if (y < y0) { y0 = y; } if (y > y1) { y1 = y; }
      }
      box[4 * f] = x0; box[4 * f + 1] = y0; box[4 * f + 2] = x1; box[4 * f + 3] = y1;
    }
    return {xy: v, parts: ps, fparts: fp, kinds: new Uint8Array(kinds), props: props, box: box, n: n,
            styled: styled};
  }

  /* The one canvas of a map, shared by every vector layer.
   *
   * A view with few vertices is drawn at once. A heavy one (all of Japan) is drawn into a back buffer
   * one layer at a time, one slice per animation frame with its rasterisation forced, while the canvas
   * keeps showing the previous view where it was; the finished buffer is then copied in one step. So
   * no frame waits for the whole redraw after a pan, and a new move simply restarts it. */
  var SYNC_VERTICES = 25000, SLICE_MS = 8;

  /* Printing: a briefing fits its map again once the page is laid out for print, and no animation frame
   * runs before the page is printed. So while printing every redraw is done at once, whatever its size;
   * the briefing then prints copies of the canvases (``freezeForPrint``). */
  var printing = false, printQuery = window.matchMedia ? window.matchMedia("print") : null;
  window.addEventListener("beforeprint", function () { printing = true; });
  window.addEventListener("afterprint", function () { printing = false; });
  function isPrinting() { return printing || !!(printQuery && printQuery.matches); }

  var Renderer = L.Layer.extend({
    options: {padding: 0.1},

    initialize: function (pane, cls) { this._paneName = pane; this._cls = cls || "cm-canvas"; this._vectors = []; },

    onAdd: function (map) {
      var c = this._canvas = L.DomUtil.create("canvas", this._cls);
      if (map._zoomAnimated) { L.DomUtil.addClass(c, "leaflet-zoom-animated"); }
      c.style.pointerEvents = "none";  // hits are found from the map's mouse events, not the canvas
      map.getPane(this._paneName).appendChild(c);
      this._ctx = c.getContext("2d");
      this._back = document.createElement("canvas");
      this._backCtx = this._back.getContext("2d");
      map.whenReady(function () { this._update(true); }, this);  // one draw for all layers the script adds
    },

    onRemove: function () { this._job = null; L.DomUtil.remove(this._canvas); },

    getEvents: function () {
      var events = {viewreset: this._update, moveend: this._update, zoom: this._onZoom};
      if (this._map._zoomAnimated) { events.zoomanim = this._onAnimZoom; }
      return events;
    },

    add: function (v) {
      this._vectors.push(v);
      this._vectors.sort(function (a, b) { return (a.o.zIndex - b.o.zIndex) || (a.order - b.order); });
      this._schedule();
    },
    remove: function (v) { this._vectors = this._vectors.filter(function (x) { return x !== v; }); this._schedule(); },

    /* One draw for every layer added or removed by the running script: a microtask runs before the
     * page's next frame (and before its load event), so the first frame already shows every layer. */
    _schedule: function () {
      if (this._pending) { return; }
      this._pending = true;
      var self = this;
      Promise.resolve().then(function () { if (self._pending) { self._draw(); } });
    },

    _onAnimZoom: function (e) { this._transform(e.center, e.zoom); },
    _onZoom: function () { this._transform(this._map.getCenter(), this._map.getZoom()); },

    /* During a zoom the shown drawing is scaled with CSS; it is redrawn when the zoom ends. */
    _transform: function (center, zoom) {
      var d = this._shown;
      if (!d) { return; }
      var map = this._map, s = map.getZoomScale(zoom, d.zoom), origin = map._getNewPixelOrigin(center, zoom);
      L.DomUtil.setTransform(this._canvas, L.point(d.wx * s - origin.x, d.wy * s - origin.y), s);
    },

    /* The view to draw: the map's size plus padding, placed in layer points, at the current zoom. */
    _update: function (later) {
      var map = this._map;
      if (!map || !map._loaded || (map._animatingZoom && this._shown)) { return; }
      var size = map.getSize(), p = this.options.padding, origin = map.getPixelOrigin();
      var min = map.containerPointToLayerPoint(size.multiplyBy(-p)).round(), zoom = map.getZoom();
      this._view = {min: min, zoom: zoom, S: map.options.crs.scale(zoom), wx: min.x + origin.x, wy: min.y + origin.y,
                    w: Math.round(size.x * (1 + 2 * p)), h: Math.round(size.y * (1 + 2 * p)),
                    dpr: window.devicePixelRatio || 1};
      if (later === true) { this._schedule(); } else { this._draw(); }
    },

    _draw: function () {
      this._pending = false;
      var view = this._view;
      // a map of no size (its frame hidden or being replaced) has nothing to show: it draws when resized
      if (!this._map || !view || view.w < 1 || view.h < 1) { return; }
      var weight = 0;
      this._vectors.forEach(function (v) { weight += v.weight === undefined ? v.g.xy.length / 2 : v.weight; });
      var job = this._job = {view: view, i: 0, drawn: {}};
      if (weight <= SYNC_VERTICES || isPrinting()) {
        this._size(this._canvas, view);
        this._paint(job, this._ctx, Infinity);
        this._show(job);
      } else {  // the first slice in the next frame too: the move that ended here returns at once
        this._size(this._back, view);
        var self = this;
        L.Util.requestAnimFrame(function () { self._slice(job); });
      }
    },

    _size: function (c, view) {
      var w = Math.round(view.w * view.dpr), h = Math.round(view.h * view.dpr);
      if (c.width !== w || c.height !== h) { c.width = w; c.height = h; c.style.width = view.w + "px"; c.style.height = view.h + "px"; }
      var ctx = c.getContext("2d");
      ctx.setTransform(view.dpr, 0, 0, view.dpr, 0, 0);
      ctx.clearRect(0, 0, view.w, view.h);
    },

    /* Draws layers of ``job`` on ``ctx`` from job.i on, until ``budget`` ms are spent; true when done. */
    _paint: function (job, ctx, budget) {
      var v = job.view, box = [v.wx, v.wy, v.wx + v.w, v.wy + v.h], t0 = performance.now();
      while (job.i < this._vectors.length) {
        var vec = this._vectors[job.i++];
        job.drawn[vec.o.key] = vec.draw(ctx, v.S, box);
        if (budget !== Infinity) {
          ctx.getImageData(0, 0, 1, 1);  // rasterise now, in this slice, not all at once later
          if (performance.now() - t0 > budget) { break; }
        }
      }
      return job.i >= this._vectors.length;
    },

    _slice: function (job) {
      if (job !== this._job || !this._map) { return; }  // a newer view replaced this one
      if (!this._paint(job, this._backCtx, SLICE_MS)) {
        var self = this;
        L.Util.requestAnimFrame(function () { self._slice(job); });
        return;
      }
      this._size(this._canvas, job.view);
      this._ctx.setTransform(1, 0, 0, 1, 0, 0);
      this._ctx.drawImage(this._back, 0, 0);
      this._show(job);
    },

    /* The finished drawing is now on the canvas: place it and publish what was drawn. */
    _show: function (job) {
      var el = this._map.getContainer(), v = job.view;
      L.DomUtil.setPosition(this._canvas, v.min);
      this._shown = v;
      this._job = null;
      for (var key in job.drawn) { el.setAttribute("data-drawn-" + key, String(job.drawn[key])); }
    },

    /* The topmost feature under layer-point ``lp`` that has property ``want`` (_tip, _popup), or null. */
    hit: function (lp, want) {
      var map = this._map, o = map.getPixelOrigin(), S = map.options.crs.scale(map.getZoom());
      for (var i = this._vectors.length - 1; i >= 0; i--) {
        var v = this._vectors[i];
        if (!v.o.interactive) { continue; }
        var f = v.hit(lp.x + o.x, lp.y + o.y, S, want);
        if (f >= 0) { return {vector: v, feature: f}; }
      }
      return null;
    }
  });

  function styleOf(o, p) {
    var color = p._color || o.color;
    return {color: color, fill: o.fill === "none" ? null : (p._fill || o.fill || color),
            radius: p._radius || o.radius, key: color + "|" + (p._fill || "") + "|" + (p._radius || "")};
  }

  /* A point symbol: circle (sites), or the infrastructure shapes square, triangle, diamond, cross. */
  function shape(ctx, kind, cx, cy, r) {
    if (kind === "square") { ctx.moveTo(cx - r, cy - r); ctx.rect(cx - r, cy - r, 2 * r, 2 * r); }
    else if (kind === "triangle") {
      ctx.moveTo(cx, cy - 1.2 * r); ctx.lineTo(cx + 1.1 * r, cy + 0.8 * r); ctx.lineTo(cx - 1.1 * r, cy + 0.8 * r); ctx.closePath();
    } else if (kind === "diamond") {
      ctx.moveTo(cx, cy - 1.25 * r); ctx.lineTo(cx + r, cy); ctx.lineTo(cx, cy + 1.25 * r); ctx.lineTo(cx - r, cy); ctx.closePath();
    } else if (kind === "cross") {
      var a = r * 0.38;
      ctx.moveTo(cx - a, cy - r); ctx.lineTo(cx + a, cy - r); ctx.lineTo(cx + a, cy - a); ctx.lineTo(cx + r, cy - a);
      ctx.lineTo(cx + r, cy + a); ctx.lineTo(cx + a, cy + a); ctx.lineTo(cx + a, cy + r); ctx.lineTo(cx - a, cy + r);
      ctx.lineTo(cx - a, cy + a); ctx.lineTo(cx - r, cy + a); ctx.lineTo(cx - r, cy - a); ctx.lineTo(cx - a, cy - a); ctx.closePath();
    } else { ctx.moveTo(cx + r, cy); ctx.arc(cx, cy, r, 0, 2 * Math.PI); }
  }

  function distToSegment2(px, py, ax, ay, bx, by) {
    var dx = bx - ax, dy = by - ay, len = dx * dx + dy * dy, t = 0;
    if (len > 0) { t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)); }
    var x = ax + t * dx - px, y = ay + t * dy - py;
    return x * x + y * y;
  }

  /* A layer joins the map's renderer in ``map[slot]``, made by ``make`` for the first layer that needs it. */
  function attach(layer, map, slot, make) {
    var r = map[slot];
    if (!r) {
      r = map[slot] = make();
      map.addLayer(r);
      listen(map);
    }
    layer._r = r;
    r.add(layer);
  }

  function detach(layer, map) {
    layer._r.remove(layer);
    map.getContainer().removeAttribute("data-drawn-" + layer.o.key);
  }

  /* One layer's features: drawn by the map's renderer, hit-tested for tooltips and popups. */
  var Vector = L.Layer.extend({
    initialize: function (data, o) { this.o = o; this.order = o.order || 0; this.g = decode(data); },

    onAdd: function (map) {
      var o = this.o;
      attach(this, map, "_cmCanvas", function () {  // in the lowest pane (o.canvasPane), whichever layer arrives first
        if (!map.getPane(o.canvasPane)) { map.createPane(o.canvasPane).style.zIndex = String(o.canvasZ); }
        return new Renderer(o.canvasPane);
      });
    },

    onRemove: function (map) { detach(this, map); },

    /* Draws the features whose box meets ``box`` (world pixels at scale S); returns how many. */
    draw: function (ctx, S, box) {
      var g = this.g, o = this.o, xy = g.xy, ps = g.parts, fp = g.fparts, pad = 2 * (o.radius + o.weight + 2);
      var ox = box[0], oy = box[1], drawn = 0, batch = null, kind = -1, plain = g.styled ? null : styleOf(o, {});
      // points are thinned like the place names: one whose symbol would touch one drawn before it is left
      // out at this zoom (zooming in spreads them apart), and only drawn points answer the mouse
      var gap = 2 * (o.radius + o.weight) + 3, taken = {}, shown = this._shown || (this._shown = new Uint8Array(g.n));
      shown.fill(0);
      function crowded(px, py) {
        var cx = Math.floor(px / gap), cy = Math.floor(py / gap);
        for (var dx = -1; dx <= 1; dx++) {
          for (var dy = -1; dy <= 1; dy++) {
            var near = taken[(cx + dx) + ":" + (cy + dy)] || [];
            for (var q = 0; q < near.length; q += 2) {
              if (Math.abs(near[q] - px) < gap && Math.abs(near[q + 1] - py) < gap) { return true; }
            }
          }
        }
        (taken[cx + ":" + cy] = taken[cx + ":" + cy] || []).push(px, py);
        return false;
      }
      ctx.lineJoin = "bevel"; ctx.lineCap = "butt"; ctx.lineWidth = o.weight;  // round joins and caps cost Skia ~1.5x
      ctx.setLineDash(o.dash ? String(o.dash).split(/[ ,]+/).map(Number) : []);
      function flush() {
        if (batch === null) { return; }
        if (kind !== LINE && batch.fill) { ctx.globalAlpha = o.fillOpacity; ctx.fillStyle = batch.fill; ctx.fill("evenodd"); }
        if (o.weight > 0) { ctx.globalAlpha = o.opacity; ctx.strokeStyle = batch.color; ctx.stroke(); }
        batch = null;
      }
      for (var f = 0; f < g.n; f++) {
        var b = 4 * f;
        if (g.box[b] * S > box[2] + pad || g.box[b + 2] * S < box[0] - pad ||
            g.box[b + 1] * S > box[3] + pad || g.box[b + 3] * S < box[1] - pad) { continue; }
        if (g.props[f]._skip) { continue; }  // a feature no value was joined to (cmMap.geojson o.join)
        if (g.kinds[f] === POINT && o.thin !== false) {
          var p0 = ps[fp[f]];
          if (crowded(xy[2 * p0] * S, xy[2 * p0 + 1] * S)) { continue; }
        }
        shown[f] = 1;
        var st = plain || styleOf(o, g.props[f]);
        // polygons one by one: an even-odd fill of overlapping ones (cluster hulls) would punch holes
        if (batch === null || st.key !== batch.key || g.kinds[f] !== kind || kind === POLYGON) {
          flush(); ctx.beginPath(); batch = st; kind = g.kinds[f];
        }
        drawn++;
        for (var k = fp[f]; k < fp[f + 1]; k++) {
          var s = ps[k], e = ps[k + 1];
          if (kind === POINT) {
            for (var i = s; i < e; i++) { shape(ctx, o.shape, xy[2 * i] * S - ox, xy[2 * i + 1] * S - oy, st.radius); }
            continue;
          }
          var lx = xy[2 * s] * S - ox, ly = xy[2 * s + 1] * S - oy;
          ctx.moveTo(lx, ly);
          for (var j = s + 1; j < e; j++) {  // vertices closer than half a pixel to the last one are skipped
            var x = xy[2 * j] * S - ox, y = xy[2 * j + 1] * S - oy;
            if (j < e - 1 && Math.abs(x - lx) < 0.5 && Math.abs(y - ly) < 0.5) { continue; }
            ctx.lineTo(x, y); lx = x; ly = y;
          }
          if (kind === POLYGON) { ctx.closePath(); }
        }
      }
      flush();
      ctx.globalAlpha = 1;
      return drawn;
    },

    /* Index of the topmost feature with property ``want`` at world pixel (wx, wy) at scale S, or -1. */
    hit: function (wx, wy, S, want) {
      var g = this.g, o = this.o, xy = g.xy, ps = g.parts, fp = g.fparts;
      var X = wx / S, Y = wy / S, plain = g.styled ? null : styleOf(o, {});
      for (var f = g.n - 1; f >= 0; f--) {
        if (!g.props[f][want] || (this._shown && !this._shown[f])) { continue; }  // thinned or not in view
        var kind = g.kinds[f], st = plain || styleOf(o, g.props[f]);
        var tol = ((kind === POINT ? st.radius : o.weight / 2) + HIT_PX) / S, b = 4 * f;
        if (X < g.box[b] - tol || X > g.box[b + 2] + tol || Y < g.box[b + 1] - tol || Y > g.box[b + 3] + tol) { continue; }
        var inside = false, tol2 = tol * tol;
        for (var k = fp[f]; k < fp[f + 1]; k++) {
          var e = ps[k + 1];  // end of ring k (also for its closing edge below)
          for (var i = ps[k]; i < e; i++) {
            var ax = xy[2 * i], ay = xy[2 * i + 1];
            if (kind === POINT) { if ((ax - X) * (ax - X) + (ay - Y) * (ay - Y) <= tol2) { return f; } continue; }
            if (i + 1 >= e) { continue; }
            var bx = xy[2 * i + 2], by = xy[2 * i + 3];
            if (kind === LINE) { if (distToSegment2(X, Y, ax, ay, bx, by) <= tol2) { return f; } continue; }
            if ((ay > Y) !== (by > Y) && X < (bx - ax) * (Y - ay) / (by - ay) + ax) { inside = !inside; }
          }
          if (kind === POLYGON && e - ps[k] > 2) {  // closing edge of the ring
            var s0 = ps[k], l = e - 1;
            var ax2 = xy[2 * l], ay2 = xy[2 * l + 1], bx2 = xy[2 * s0], by2 = xy[2 * s0 + 1];
            if ((ay2 > Y) !== (by2 > Y) && X < (bx2 - ax2) * (Y - ay2) / (by2 - ay2) + ax2) { inside = !inside; }
          }
        }
        if (inside) { return f; }
      }
      return -1;
    },

    tip: function (f) { return this.g.props[f]._tip; },
    isPoint: function (f) { return this.g.kinds[f] === POINT; },
    /* A click on feature f: its popup. */
    click: function (f, e) {
      L.popup({maxWidth: 360}).setLatLng(e.latlng).setContent(this.g.props[f]._popup).openOn(this._map);
    },

    /* LatLng of a point feature's first vertex (where its tooltip sits). */
    anchor: function (f) {
      var i = this.g.parts[this.g.fparts[f]], x = this.g.xy[2 * i], y = this.g.xy[2 * i + 1];
      return this._map.unproject(L.point(x, y).multiplyBy(this._map.options.crs.scale(this._map.getZoom())));
    }
  });

  /* Sites (layers/sites.py, packing.pack_sites): one base64 string holds the id differences, the x, y
   * differences on the pixel grid of zoom p.zoom (varints), then a field byte and a radius byte (quarter
   * pixels) per site. Returns typed arrays, and the drawing order: larger circles first, so a small one
   * on a large one stays on top (visible and clickable). */
  function siteStream(p) {
    var s = atob(p.data), n = p.count, ids = new Float64Array(n), xy = new Float64Array(2 * n), id = 0, x = 0, y = 0;
    var scale = 1 / (256 * Math.pow(2, p.zoom)), field = new Uint8Array(n), rad = new Float32Array(n);
    var pos = varints(s, 0, n, function (v, k) { id += v; ids[k] = id; });
    pos = varints(s, pos, 2 * n, function (v, k) {
      if (k % 2) { y += v; xy[k] = y * scale; } else { x += v; xy[k] = x * scale; }
    });
    var count = new Int32Array(257);
    for (var i = 0; i < n; i++) {
      field[i] = s.charCodeAt(pos + i);
      var q = s.charCodeAt(pos + n + i);
      rad[i] = q / 4;
      count[256 - q]++;  // counting sort, largest radius first, stable
    }
    for (var c = 1; c < 257; c++) { count[c] += count[c - 1]; }
    var order = new Int32Array(n);
    for (var j = n - 1; j >= 0; j--) { order[--count[256 - Math.round(rad[j] * 4)]] = j; }
    return {n: n, ids: ids, xy: xy, field: field, rad: rad, order: order};
  }

  /* The site layer on its own canvas in the sites pane (above the infrastructure).
   *
   * Options (besides those of a vector): binAbove, binPx, binTip, binWorst, clickable, clickThrough. While more
   * than binAbove sites are in the view, the sites of each binPx x binPx cell of the world pixel grid are
   * drawn as one circle at their mean position with their count, coloured by their most common field
   * (binWorst: the first class present, i.e. the worst gap status); a cell of one site is that site.
   * clickable false: hovering shows the tip, a click goes to the layer below (the gap markers). A click on a site fires a click event on this layer whose source's
   * tooltip holds [site:ID], as an SVG site's does (streamlit-folium returns it as
   * last_object_clicked_tooltip), and with d.cards (a briefing) opens the site's card, or its name and d.note.
   * A click on a merged cell zooms in on it. */
  var Sites = L.Layer.extend({
    initialize: function (d, o) {
      this.o = o; this.order = 0; this.d = d; this.s = siteStream(d.sites);
      this.tips = d.tips ? d.tips.split("\n") : [];
      this.g = {xy: this.s.xy}; this.weight = 0;  // drawn at once: at most binAbove circles or the cells
      this._vis = new Int32Array(this.s.n); this._nvis = 0; this._cells = null;
    },

    onAdd: function (map) {
      var o = this.o;
      attach(this, map, "_cmSites", function () { return new Renderer(o.pane, "cm-site-canvas"); });
    },

    onRemove: function (map) { detach(this, map); },

    /* Draws the sites in ``box`` (world pixels at scale S): each one, or merged cells; returns how many sites. */
    draw: function (ctx, S, box) {
      var s = this.s, xy = s.xy, o = this.o, ox = box[0], oy = box[1], pad = 33, nv = 0, vis = this._vis;
      var x0 = box[0] - pad, y0 = box[1] - pad, x1 = box[2] + pad, y1 = box[3] + pad;
      for (var i = 0; i < s.n; i++) {
        var f = s.order[i], x = xy[2 * f] * S, y = xy[2 * f + 1] * S;
        if (x >= x0 && x <= x1 && y >= y0 && y <= y1) { vis[nv++] = f; }
      }
      this._nvis = nv; this._S = S;
      this._cells = nv > o.binAbove ? this._bin(S, box) : null;
      ctx.lineWidth = o.weight; ctx.strokeStyle = o.color;
      if (this._cells) { this._drawCells(ctx, ox, oy); }
      else {
        for (var k = 0; k < nv; k++) { this._circle(ctx, vis[k], xy[2 * vis[k]] * S - ox, xy[2 * vis[k] + 1] * S - oy); }
      }
      ctx.globalAlpha = 1;
      this._map.getContainer().setAttribute("data-" + o.key + "-mode", this._cells ? "cells" : "sites");
      return nv;
    },

    _circle: function (ctx, f, x, y) {
      ctx.beginPath(); ctx.arc(x, y, this.s.rad[f], 0, 2 * Math.PI);
      ctx.globalAlpha = this.o.fillOpacity; ctx.fillStyle = this.d.colours[this.s.field[f]] || "#555555"; ctx.fill();
      ctx.globalAlpha = this.o.opacity; ctx.stroke();
    },

    /* Merged cells: count, mean position (world px), most common field, one site of each. */
    _bin: function (S, box) {
      var s = this.s, xy = s.xy, P = this.o.binPx, nf = this.d.colours.length, vis = this._vis;
      var c0 = Math.floor((box[0] - 33) / P), r0 = Math.floor((box[1] - 33) / P);
      var cols = Math.floor((box[2] + 33) / P) - c0 + 1, rows = Math.floor((box[3] + 33) / P) - r0 + 1, nc = cols * rows;
      var n = new Int32Array(nc), sx = new Float64Array(nc), sy = new Float64Array(nc), one = new Int32Array(nc);
      var byField = new Int32Array(nc * nf);
      for (var k = 0; k < this._nvis; k++) {
        var f = vis[k], x = xy[2 * f] * S, y = xy[2 * f + 1] * S;
        var cell = (Math.floor(x / P) - c0) + (Math.floor(y / P) - r0) * cols;
        n[cell]++; sx[cell] += x; sy[cell] += y; one[cell] = f; byField[cell * nf + s.field[f]]++;
      }
      var cells = [];
      for (var c = 0; c < nc; c++) {
        if (!n[c]) { continue; }
        var best = 0;  // the most common class, or with binWorst the first class present (gap before ok)
        for (var q = 1; q < nf; q++) {
          if (this.o.binWorst ? !byField[c * nf + best] : byField[c * nf + q] > byField[c * nf + best]) { best = q; }
        }
        var r = n[c] === 1 ? s.rad[one[c]] : Math.min(P / 2, 7 + 3 * Math.log(n[c]) / Math.LN10 * 2);
        cells.push({x: sx[c] / n[c], y: sy[c] / n[c], n: n[c], site: n[c] === 1 ? one[c] : -1, field: best, r: r});
      }
      cells.sort(function (a, b) { return b.r - a.r; });
      return cells;
    },

    _drawCells: function (ctx, ox, oy) {
      var cells = this._cells, o = this.o;
      ctx.textAlign = "center"; ctx.textBaseline = "middle"; ctx.font = "bold 11px sans-serif";
      for (var i = 0; i < cells.length; i++) {
        var c = cells[i], x = c.x - ox, y = c.y - oy;
        if (c.site >= 0) { this._circle(ctx, c.site, x, y); continue; }
        ctx.beginPath(); ctx.arc(x, y, c.r, 0, 2 * Math.PI);
        ctx.globalAlpha = o.fillOpacity; ctx.fillStyle = this.d.colours[c.field] || "#555555"; ctx.fill();
        ctx.globalAlpha = 1; ctx.stroke();
        ctx.lineWidth = 3; ctx.strokeStyle = "#ffffff"; ctx.strokeText(String(c.n), x, y);
        ctx.fillStyle = "#111111"; ctx.fillText(String(c.n), x, y);
        ctx.lineWidth = o.weight; ctx.strokeStyle = o.color;
      }
    },

    /* The topmost site (index) or merged cell (n + cell index) under world pixel (wx, wy), or -1. */
    hit: function (wx, wy, S, want) {
      if (S !== this._S || (want === "_popup" && this.o.clickable === false)) { return -1; }  // not redrawn yet; tips only
      var s = this.s, xy = s.xy, cells = this._cells;
      if (cells) {
        for (var i = cells.length - 1; i >= 0; i--) {
          var c = cells[i], dx = c.x - wx, dy = c.y - wy, r = c.r + 1;
          if (dx * dx + dy * dy <= r * r) { return c.site >= 0 ? c.site : s.n + i; }
        }
        return -1;
      }
      for (var k = this._nvis - 1; k >= 0; k--) {
        var f = this._vis[k], ex = xy[2 * f] * S - wx, ey = xy[2 * f + 1] * S - wy, rr = s.rad[f] + 1;
        if (ex * ex + ey * ey <= rr * rr) { return f; }
      }
      return -1;
    },

    tip: function (f) {
      return f < this.s.n ? this.tips[f] : this.o.binTip.replace("{n}", String(this._cells[f - this.s.n].n));
    },
    isPoint: function () { return true; },
    anchor: function (f) {
      var S = this._map.options.crs.scale(this._map.getZoom());
      if (f >= this.s.n) { var c = this._cells[f - this.s.n]; return this._map.unproject(L.point(c.x, c.y)); }
      return this._map.unproject(L.point(this.s.xy[2 * f] * S, this.s.xy[2 * f + 1] * S));
    },

    click: function (f, e) {
      var map = this._map;
      if (f >= this.s.n) { map.setView(this.anchor(f), Math.min(map.getZoom() + 2, map.getMaxZoom())); return; }
      if (this.o.clickThrough) { return; }  // picking a location: the map's own click is what counts
      var id = String(this.s.ids[f]), ref = '<span hidden class="cm-ref">[site:' + id + "]</span>";
      var source = {getTooltip: function () { return {getContent: function () { return ref; }}; }, _tooltip: {_content: ref}};
      this.fire("click", {latlng: e.latlng, layerPoint: e.layerPoint, containerPoint: e.containerPoint,
                          originalEvent: e.originalEvent, sourceTarget: source}, true);  // to its group too
      if (!this.d.cards) { return; }  // the app shows the card of the id it was told
      L.popup({maxWidth: 360}).setLatLng(this.anchor(f)).setContent(siteCard(this.d, this.tips[f], id)).openOn(map);
    },

    /* The sites drawn one by one in the view, topmost last: {id, lat, lng, r} (for tests and tools). */
    shown: function () {
      var out = [], S = this._S;
      if (this._cells) { return out; }
      for (var k = 0; k < this._nvis; k++) {
        var f = this._vis[k], ll = this._map.unproject(L.point(this.s.xy[2 * f] * S, this.s.xy[2 * f + 1] * S));
        out.push({id: this.s.ids[f], lat: ll.lat, lng: ll.lng, r: this.s.rad[f]});
      }
      return out;
    }
  });

  /* The card of site ``id`` inlined in d.cards, else its (escaped) name and d.note (escaped). */
  function siteCard(d, tip, id) {
    return (d.cards && d.cards[id]) || '<div class="cm-card"><b>' + tip + "</b><div>" + (d.note || "") + "</div></div>";
  }

  /* The sites of d as a GeoJSON FeatureCollection (the app's SVG layer for a few sites). */
  function siteFeatures(d) {
    var s = siteStream(d.sites), tips = d.tips ? d.tips.split("\n") : [], features = [];
    for (var i = 0; i < s.n; i++) {
      var ll = L.CRS.EPSG3857.pointToLatLng(L.point(256 * s.xy[2 * i], 256 * s.xy[2 * i + 1]), 0);
      var p = {site_id: s.ids[i], _tip: tips[i], _fill: d.colours[s.field[i]], _radius: s.rad[i]};
      if (d.cards) { p._popup = siteCard(d, tips[i], String(s.ids[i])); }
      features.push({type: "Feature", geometry: {type: "Point", coordinates: [ll.lng, ll.lat]}, properties: p});
    }
    return {type: "FeatureCollection", features: features};
  }

  /* One handler per map: the topmost canvas feature with a tooltip under the mouse shows it, a click
   * goes to the topmost one with a popup (a gap marker on a site does not hide its card). Sites lie
   * above every other canvas layer. */
  function listen(map) {
    if (map._cmListening) { return; }
    map._cmListening = true;
    var tip = L.tooltip({direction: "auto", opacity: 0.95}), current = null, pending = null, frame = null;
    function onSvgLayer(e) {  // an SVG/marker layer (sites, clusters) handles its own events
      var t = e.originalEvent && e.originalEvent.target;
      return !!(t && t.classList && t.classList.contains("leaflet-interactive"));
    }
    function find(e, want) {
      if (onSvgLayer(e)) { return null; }
      var renderers = [map._cmSites, map._cmCanvas];
      for (var i = 0; i < renderers.length; i++) {
        var h = renderers[i] && renderers[i]._map ? renderers[i].hit(e.layerPoint, want) : null;
        if (h) { return h; }
      }
      return null;
    }
    function hide() {
      if (current) { map.closeTooltip(tip); current = null; }
      map.getContainer().style.cursor = "";
    }
    function move() {
      frame = null;
      var e = pending, h = find(e, "_tip");
      if (!h) {
        hide();
        if (find(e, "_popup")) { map.getContainer().style.cursor = "pointer"; }
        return;
      }
      map.getContainer().style.cursor = "pointer";
      tip.setLatLng(h.vector.isPoint(h.feature) ? h.vector.anchor(h.feature) : e.latlng);
      if (!current || current.vector !== h.vector || current.feature !== h.feature) { tip.setContent(h.vector.tip(h.feature)); }
      if (!current) { map.openTooltip(tip); }
      current = h;
    }
    map.on("mousemove", function (e) { pending = e; if (!frame) { frame = L.Util.requestAnimFrame(move); } });
    map.on("mouseout movestart zoomstart", hide);
    map.on("click", function (e) {
      var h = find(e, "_popup");
      if (h) { h.vector.click(h.feature, e); }
    });
  }

  /* The map's canvases replaced by copies of what they show, until ``thaw``: Chromium prints the
   * canvases of a map that was redrawn for print as blank white boxes, but copies of them print. The
   * map goes on drawing into its own canvases meanwhile; ``thaw`` puts them back. */
  function freezeForPrint(map) {
    thaw(map);
    var copies = map._cmPrintCopies = [];
    var canvases = map.getContainer().querySelectorAll("canvas");
    for (var i = 0; i < canvases.length; i++) {
      var c = canvases[i], n = document.createElement("canvas");
      n.width = c.width; n.height = c.height; n.style.cssText = c.style.cssText; n.className = c.className;
      n.getContext("2d").drawImage(c, 0, 0);
      c.parentNode.replaceChild(n, c);
      copies.push([n, c]);
    }
  }

  function thaw(map) {
    var copies = map._cmPrintCopies || [];
    for (var i = 0; i < copies.length; i++) {
      if (copies[i][0].parentNode) { copies[i][0].parentNode.replaceChild(copies[i][1], copies[i][0]); }
    }
    map._cmPrintCopies = [];
  }

  return {vector: function (data, o) { return new Vector(data, o); },
          sites: function (data, o) { return new Sites(data, o); },
          siteFeatures: siteFeatures,
          freezeForPrint: freezeForPrint,
          thaw: thaw};
})();
