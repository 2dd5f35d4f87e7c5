/* The stacking of the page's panes. Each layer draws in a pane of its own,
 * stacked in the layer tree's order (setOrder: the top of the tree on top, as
 * QGIS draws), above the basemap (200) and under the selection's panes, the
 * measurement and the tooltips (650). Pure functions, no Leaflet and no DOM, so
 * node's test runner checks them (tests/js); the page has them as
 * L.Xixia.paneOrder, and panes.js applies them.
 */
(function (exports) {
  "use strict";

  exports.LAYER_PANE_BASE = 401;
  exports.LAYER_PANE_TOP = 620;
  // The app's own panes: [name, z-index].
  exports.FIXED = {
    uncertainty: ["xm-uncertainty", 630],  // an estimated feature's accuracy, under its symbol
    selection: ["xm-points", 640],  // the selected feature of a layer drawn as tiles
    measure: ["xm-measure", 660],  // a measurement, above every layer
  };

  // The z-index of a layer's pane from the tree's order (layer ids, bottom first).
  // A layer not ordered yet lies on top until setOrder says.
  exports.paneZ = function (order, layerId) {
    var i = order.indexOf(String(layerId));
    if (i < 0) { i = order.length; }
    return Math.min(exports.LAYER_PANE_BASE + i, exports.LAYER_PANE_TOP);
  };
})(typeof module === "object" && module.exports ? module.exports : ((L.Xixia = L.Xixia || {}).paneOrder = {}));
