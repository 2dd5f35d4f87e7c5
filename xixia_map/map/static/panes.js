/* Panes: the app's fixed panes, and one pane per layer stacked in the layer
 * tree's order (the z-indexes are pane_order.js's). A Leaflet plugin:
 * L.Xixia.Panes.
 */
(function () {
  "use strict";

  var order = L.Xixia.paneOrder;

  L.Xixia.Panes = L.Class.extend({
    // ids: the layers bottom first, as the page was built.
    initialize: function (map, ids) {
      this._map = map;
      this._order = ids.map(String);
      this._names = {};  // layer id -> its pane's name
      Object.keys(order.FIXED).forEach(function (kind) {
        if (kind === "measure") { return; }  // created by the measure handler (measure.js)
        map.createPane(order.FIXED[kind][0]).style.zIndex = order.FIXED[kind][1];
      });
    },

    // The name of a layer's pane, created the first time a layer asks.
    paneFor: function (layerId) {
      var id = String(layerId), name = this._names[id];
      if (!name) { name = this._names[id] = "xm-layer-" + (Object.keys(this._names).length + 1); }
      var pane = this._map.getPane(name) || this._map.createPane(name);
      pane.style.zIndex = String(order.paneZ(this._order, id));
      return name;
    },

    setOrder: function (ids) {
      this._order = ids.map(String);
      var self = this;
      Object.keys(this._names).forEach(function (id) {
        var pane = self._map.getPane(self._names[id]);
        if (pane) { pane.style.zIndex = String(order.paneZ(self._order, id)); }
      });
      return true;
    },

    // The z-index of a layer's pane, or null while it has none.
    zOf: function (layerId) {
      return this._names[String(layerId)] ? order.paneZ(this._order, layerId) : null;
    },
  });
})();
