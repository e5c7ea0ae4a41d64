/* Runs our canvas renderer (layers/canvas/cm_canvas.js) in Node.js and prints what its decoders read.
 *
 *   node canvas_decode.js RENDERER.js CASES.js
 *
 * CASES.js is one JavaScript expression: a list of {kind: "vector" | "sites", data: ...}, the data written
 * exactly as a page inlines it (JSON.parse('...') from layers/geojson_layer.py). The renderer's decoders use
 * nothing of Leaflet but L.Layer.extend, given here as a plain constructor. Prints one JSON list: per vector
 * layer the flattened arrays of decode(), per site layer those of siteStream() and the tips.
 */
"use strict";
const fs = require("node:fs");
const vm = require("node:vm");

const [rendererPath, casesPath] = process.argv.slice(2);

function extend(proto) {
  function Layer(...args) { if (this.initialize) { this.initialize(...args); } }
  Layer.prototype = proto;
  return Layer;
}

// addEventListener: the renderer listens for the browser's print events (beforeprint/afterprint)
const context = vm.createContext({ L: { Layer: { extend } }, atob, addEventListener() {} });
context.window = context;
vm.runInContext(fs.readFileSync(rendererPath, "utf8"), context, { filename: rendererPath });
const cases = vm.runInContext(fs.readFileSync(casesPath, "utf8"), context, { filename: casesPath });

const out = cases.map(({ kind, data }) => {
  if (kind === "vector") {
    const g = context.cmCanvas.vector(data, {}).g;
    return {
      n: g.n, xy: Array.from(g.xy), parts: Array.from(g.parts), fparts: Array.from(g.fparts),
      kinds: Array.from(g.kinds), props: g.props, box: Array.from(g.box),
    };
  }
  const layer = context.cmCanvas.sites(data, {});
  const s = layer.s;
  return {
    n: s.n, ids: Array.from(s.ids), xy: Array.from(s.xy), field: Array.from(s.field),
    rad: Array.from(s.rad), order: Array.from(s.order), tips: layer.tips,
  };
});
process.stdout.write(JSON.stringify(out));
