/* Offline base-map labels: place names drawn on one canvas, thinned by zoom (geo.place_labels).
   Each label is [lon, lat, name, kind, minZoom, maxZoom]; only labels whose zoom range holds the
   current (whole) zoom and that lie in the view are drawn, with a white halo, never as DOM nodes.
   Project code of 地域未来マップ (not a library): a map layer the layer control can switch off. */
window.cmLabels = window.cmLabels || function (labels, o) {
  "use strict";
  var Layer = L.Layer.extend({
    onAdd: function (map) {
      this._map = map;
      if (!map.getPane("cmLabels")) {
        var pane = map.createPane("cmLabels");
        pane.style.zIndex = "640";
        pane.style.pointerEvents = "none";
      }
      this._canvas = L.DomUtil.create("canvas", "cm-labels", map.getPane("cmLabels"));
      map.on("moveend zoomend resize viewreset", this._draw, this);
      this._draw();
    },
    onRemove: function (map) {
      map.off("moveend zoomend resize viewreset", this._draw, this);
      L.DomUtil.remove(this._canvas);
      map.getContainer().setAttribute("data-labels-shown", "0");
    },
    _draw: function () {
      var map = this._map, canvas = this._canvas;
      var size = map.getSize(), ratio = window.devicePixelRatio || 1;
      L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
      var ctx = canvas.getContext("2d");
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, size.x, size.y);
      ctx.textAlign = "center";
      ctx.textBaseline = "middle";
      ctx.lineJoin = "round";
      var z = Math.floor(map.getZoom() + 1e-6), shown = 0;  // thinned per whole zoom: floor never overlaps
      var b = map.getBounds().pad(0.1), s = b.getSouth(), n = b.getNorth(), w = b.getWest(), e = b.getEast();
      var fonts = o.fonts || {}, colours = o.colours || {};
      for (var i = 0; i < labels.length; i++) {
        var l = labels[i];
        if (z < l[4] || z > l[5] || l[1] < s || l[1] > n || l[0] < w || l[0] > e) { continue; }
        var p = map.latLngToContainerPoint([l[1], l[0]]);
        ctx.font = (l[3] === "pref" ? "bold " : "") + (fonts[l[3]] || 11) + "px sans-serif";
        ctx.lineWidth = 3;
        ctx.strokeStyle = "rgba(255,255,255,0.9)";
        ctx.strokeText(l[2], p.x, p.y);
        ctx.fillStyle = colours[l[3]] || "#333";
        ctx.fillText(l[2], p.x, p.y);
        shown++;
      }
      map.getContainer().setAttribute("data-labels-shown", String(shown));
    }
  });
  return new Layer();
};
