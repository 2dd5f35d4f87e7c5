// The page's pane stacking (xixia_map/map/static/pane_order.js), under node's test runner.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const panes = require("../../xixia_map/map/static/pane_order.js");

test("layer panes stack in the tree's order, bottom first, from just above the overlay pane", () => {
  const order = ["county", "roads", "townships"];
  assert.equal(panes.paneZ(order, "county"), 401);
  assert.equal(panes.paneZ(order, "roads"), 402);
  assert.equal(panes.paneZ(order, "townships"), 403);
});

test("a layer not ordered yet lies on top until the order says", () => {
  assert.equal(panes.paneZ(["county", "roads"], "new"), 403);
});

test("ids are compared as text (a layer id from Python may look like a number)", () => {
  assert.equal(panes.paneZ(["7", "12"], 12), 402);
});

test("however many layers, theirs stay under the selection, the measurement and the tooltips", () => {
  const many = Array.from({ length: 500 }, (_, i) => "layer" + i);
  assert.equal(panes.paneZ(many, "layer499"), panes.LAYER_PANE_TOP);
  const fixed = Object.values(panes.FIXED).map((pane) => pane[1]);
  assert.ok(fixed.every((z) => z > panes.LAYER_PANE_TOP));
  assert.ok(panes.FIXED.uncertainty[1] < panes.FIXED.selection[1]);  // the accuracy circle under the symbol
  assert.ok(panes.FIXED.measure[1] > 650);  // a measurement above Leaflet's tooltip pane
});
