// The page's style rules (xixia_map/map/static/style_rules.js), run by node's
// test runner: `node --test tests/js/` (tests/test_js_rules.py runs it under pytest).
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const style = require("../../xixia_map/map/static/style_rules.js");

const county = { id: "county", geometry: "Polygon", style: { fill: "#a6cee3", stroke: "#1f78b4" } };

test("a colour from a project file is used only when it is a hex colour", () => {
  assert.equal(style.color("#abc", "#000000"), "#abc");
  assert.equal(style.color("#aabbccdd", "#000000"), "#aabbccdd");
  assert.equal(style.color("red", "#000000"), "#000000");
  assert.equal(style.color("#abc;background:url(x)", "#000000"), "#000000");
  assert.equal(style.color(null, "#000000"), "#000000");
});

test("a plain layer fills with its own colour, or grey when it has none or a bad one", () => {
  assert.equal(style.fillFor(county, {}), "#a6cee3");
  assert.equal(style.fillFor({ style: {} }, {}), "#888888");
  assert.equal(style.fillFor({ style: { fill: "javascript:x" } }, {}), "#888888");
});

test("a class colour follows the feature's field, and an unknown class takes the layer's fill", () => {
  const spec = { style: { fill: "#111111", color_by: { field: "stage", values: {
    built: { color: "#1b9e77" }, started: { color: "#d95f02" } } } } };
  assert.equal(style.fillFor(spec, { stage: "built" }), "#1b9e77");
  assert.equal(style.fillFor(spec, { stage: "started" }), "#d95f02");
  assert.equal(style.fillFor(spec, { stage: "planned" }), "#111111");
  assert.equal(style.fillFor(spec, { stage: "toString" }), "#111111");  // not an inherited property
});

test("graduated classes take the first break at or above the value, the last one beyond", () => {
  const spec = { style: { fill: "#eeeeee", graduated: { field: "pop", breaks: [10, 100, 1000],
                                                          colors: ["#fee0d2", "#fc9272", "#de2d26"] } } };
  assert.equal(style.fillFor(spec, { pop: 5 }), "#fee0d2");
  assert.equal(style.fillFor(spec, { pop: 10 }), "#fee0d2");
  assert.equal(style.fillFor(spec, { pop: 10.5 }), "#fc9272");
  assert.equal(style.fillFor(spec, { pop: 1000 }), "#de2d26");
  assert.equal(style.fillFor(spec, { pop: 5000 }), "#de2d26");
  assert.equal(style.fillFor(spec, { pop: "250" }), "#de2d26");
  // no value, an empty one or text: the layer's fill, never the first class
  for (const pop of [null, "", "n/a", undefined]) { assert.equal(style.fillFor(spec, { pop }), "#eeeeee"); }
});

test("a path style scales its opacities, dashes an estimated feature and leaves lines unfilled", () => {
  const area = style.pathStyle({ geometry: "Polygon", style: { opacity: 0.8, fill_opacity: 0.5, weight: 3 } }, {}, 0.5);
  assert.equal(area.opacity, 0.4);
  assert.equal(area.fillOpacity, 0.25);
  assert.equal(area.weight, 3);
  assert.equal(area.dashArray, null);
  assert.equal(area.fill, undefined);
  const defaults = style.pathStyle({ geometry: "Polygon", style: {} }, {}, 1);
  assert.deepEqual([defaults.color, defaults.weight, defaults.opacity, defaults.fillOpacity], ["#555555", 2, 1, 0.3]);
  assert.equal(style.pathStyle({ geometry: "LineString", style: {} }, { estimated: true }, 1).dashArray, "8 5");
  assert.equal(style.pathStyle({ geometry: "LineString", style: {} }, {}, 1).fill, false);
  assert.equal(style.pathStyle({ geometry: "LineString", style: { dash: "2 2" } }, { estimated: true }, 1).dashArray, "2 2");
});

test("a symbol's radius is a number within 2-40 px, else 6", () => {
  assert.equal(style.markerSvg({ style: { radius: 9 } }, {}).radius, 9);
  assert.equal(style.markerSvg({ style: { radius: 99 } }, {}).radius, 6);
  assert.equal(style.markerSvg({ style: { radius: '"/><script>' } }, {}).radius, 6);
  assert.match(style.markerSvg({ style: {} }, {}).svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="12" height="12">/);
});

test("a class may have its own shape, and an unknown shape is a circle", () => {
  const spec = { style: { marker: "circle", color_by: { field: "stage", values: {
    built: { color: "#1b9e77", marker: "square" }, finishing: { color: "#7570b3", marker: "diamond" } } } } };
  assert.match(style.markerSvg(spec, { stage: "built" }).svg, /<rect /);
  assert.match(style.markerSvg(spec, { stage: "finishing" }).svg, /<polygon /);
  assert.match(style.markerSvg(spec, { stage: "other" }).svg, /<circle /);
  assert.match(style.markerSvg({ style: { marker: "<img>" } }, {}).svg, /<circle /);
  const star = style.markerSvg({ style: { marker: "star" } }, {}).svg.match(/<polygon points="([^"]+)"/)[1];
  assert.equal(star.split(" ").length, 10);  // five points, five notches
});

test("an estimated point is hollow and dashed, a stand-in dotted and paler", () => {
  const spec = { style: { fill: "#e31a1c", stroke: "#222222" } };
  const surveyed = style.markerSvg(spec, {}).svg;
  const estimated = style.markerSvg(spec, { estimated: true }).svg;
  const standIn = style.markerSvg(spec, { estimated: true, stand_in: true }).svg;
  assert.match(surveyed, /fill="#e31a1c"/);
  assert.doesNotMatch(surveyed, /stroke-dasharray/);
  assert.match(estimated, /fill="#ffffff".*stroke="#e31a1c".*stroke-dasharray="3,2"/);
  assert.match(standIn, /stroke-dasharray="1,2" opacity="0.75"/);
  // a white symbol (the township seats) keeps its outline's colour when hollow
  assert.match(style.markerSvg({ style: { fill: "#ffffff", stroke: "#333333" } }, { estimated: true }).svg, /stroke="#333333"/);
});

test("label settings: a size within 6-48 px, a checked colour, a halo or none", () => {
  assert.equal(style.labelFont({ style: {} }), null);
  assert.deepEqual(style.labelFont({ style: { label: { size: 14, color: "#ff0000", halo: true } } }),
                   { fontSize: "14px", color: "#ff0000", textShadow: "0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff" });
  assert.deepEqual(style.labelFont({ style: { label: { size: 400, color: "expression(x)" } } }),
                   { color: "#222222", textShadow: "none" });
});
