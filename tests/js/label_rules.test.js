// The page's label rules (xixia_map/map/static/label_rules.js), under node's test runner.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const rules = require("../../xixia_map/map/static/label_rules.js");

const towns = {
  geometry: "Point", label_field: "name_zh",
  style: {
    label_min_zoom: { field: "level", values: { county: 0, town: 10, village: 13 } },
    label_collapse: { field: "kind", value: "subdistrict", below_zoom: 12, label_zh: "县城", label_en: "County town" },
    label_class: "xm-label-muted",
  },
};

test("a label's minimum zoom comes from its feature's class, 0 for any other", () => {
  assert.equal(rules.minZoom(towns, { level: "town" }), 10);
  assert.equal(rules.minZoom(towns, { level: "village" }), 13);
  assert.equal(rules.minZoom(towns, { level: "hamlet" }), 0);
  assert.equal(rules.minZoom(towns, null), 0);
  assert.equal(rules.minZoom({ style: {} }, { level: "town" }), 0);
});

test("a label is shown from its minimum zoom on, unless its feature is hidden or its name merged", () => {
  assert.equal(rules.display(9.75, 10, false, false), "none");
  assert.equal(rules.display(10, 10, false, false), "");
  assert.equal(rules.display(14, 10, true, false), "none");
  assert.equal(rules.display(14, 0, false, true), "none");
  assert.equal(rules.managed(0, false), false);  // left to Leaflet
  assert.equal(rules.managed(10, false), true);
  assert.equal(rules.managed(0, true), true);
});

test("the collapsed label stands for its features below its zoom only, in the window's language", () => {
  assert.equal(rules.collapsedDisplay(11.75, 12), "");
  assert.equal(rules.collapsedDisplay(12, 12), "none");
  assert.equal(rules.collapsedText(towns), "县城");
  assert.equal(rules.collapsedText({ ...towns, label_field: "label_en" }), "County town");
});

test("names at one spot are joined as the language writes a list", () => {
  assert.equal(rules.joinNames(towns, ["白羽街道", "莲花街道"]), "白羽街道、莲花街道");
  assert.equal(rules.joinNames({ ...towns, label_field: "name_en" }, ["Baiyu", "Lianhua"]), "Baiyu / Lianhua");
  assert.equal(rules.isEnglish({ label_field: "name_en" }), true);
  assert.equal(rules.isEnglish({ label_field: "name_zh" }), false);
  assert.equal(rules.isEnglish({ label_field: "english_name" }), false);
});

test("one spot is the same to a few centimetres", () => {
  assert.equal(rules.spotKey(33.3000001, 111.4800002), rules.spotKey(33.3000004, 111.4799998));
  assert.notEqual(rules.spotKey(33.30001, 111.48), rules.spotKey(33.30002, 111.48));
});

test("a point's label sits beside it, a line's or an area's on it; the class adds the layer's own", () => {
  assert.deepEqual(rules.placement(towns), { direction: "right", offset: [4, 0] });
  assert.deepEqual(rules.placement({ geometry: "Polygon" }), { direction: "center", offset: [0, 0] });
  assert.equal(rules.className(towns), "xm-label xm-label-muted");
  assert.equal(rules.className({ style: {} }), "xm-label");
});
