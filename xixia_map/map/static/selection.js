/* The selection: the selected feature, the features highlighted with it (a
 * search's results, a table's rows), the geometry of a feature Python drew
 * (a large layer's tile), an estimated feature's accuracy, and the pieces of
 * an analysed site behind a row of 占地分析's table (one 地类, one control line). Esc clears it,
 * as in a GIS (editing.js ends a drawing first). A Leaflet plugin:
 * L.Xixia.Selection fires "change" ({chosen, left}) when the selected feature
 * changes.
 */
(function () {
  "use strict";

  var SELECT_COLOR = L.Xixia.style.SELECT_COLOR, PANES = L.Xixia.paneOrder.FIXED;
  var PIECES_COLOR = "#e6550d";  // orange: apart from the selection's colour and the 红线's red

  L.Xixia.Selection = L.Evented.extend({
    // client: the page's L.Xixia.Client, whose layers the features belong to.
    initialize: function (client) {
      this._client = client;
      this._map = client.map;
      this.chosen = null;  // the selected feature's Leaflet layer
      this.highlighted = [];
      this.geometry = null;  // the selected feature of a tiled layer, drawn from Python's geometry
      this.uncertainty = null;
      this.pieces = null;
      var self = this;
      document.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && !client.isDrawing() &&
            (self.chosen || self.highlighted.length || self.uncertainty || self.pieces)) {
          self.clear();
          client.send("selectionCleared");
        }
      });
    },

    selected: function () { return this.chosen; },

    select: function (layerId, fid, zoom) {
      var layer = this._client.feature(layerId, fid);
      if (!layer) { return false; }
      this.clear();
      this.chosen = layer;
      this._mark(layer, true);
      this.fire("change", { chosen: layer, left: null });
      if (zoom) { this._client.zoomToFeature(layerId, fid); }
      return true;
    },

    // pairs: [layer id, feature id]; returns how many were found.
    highlight: function (pairs) {
      this.clear();
      var found = [], client = this._client, self = this;
      pairs.forEach(function (p) {
        var layer = client.feature(p[0], p[1]);
        if (layer) { self._mark(layer, true); found.push(layer); }
      });
      this.highlighted = found;
      return found.length;
    },

    clear: function () {
      this.showGeometry(null);
      this.showUncertainty(null);
      this.showPieces(null);
      var had = this.chosen, self = this;
      if (had) { this._mark(had, false); this.chosen = null; }
      this.highlighted.forEach(function (l) { self._mark(l, false); });
      this.highlighted = [];
      if (had) { this.fire("change", { chosen: null, left: had }); }
    },

    // A restyled layer (its opacity changed, or shown again) has its selection drawn again.
    restoreStyle: function () {
      var self = this;
      this.highlighted.forEach(function (l) { self._mark(l, true); });
      if (this.chosen) { this._mark(this.chosen, true); }
    },

    // A layer taken off the map takes its selected and highlighted features with it.
    forgetLayer: function (layerId) {
      if (this.chosen && this.chosen.xmLayerId === layerId) { this.chosen = null; }
      this.highlighted = this.highlighted.filter(function (l) { return l.xmLayerId !== layerId; });
    },

    // The selected feature of a tiled layer, drawn from geometry Python sends.
    showGeometry: function (geojson) {
      if (this.geometry) { this._map.removeLayer(this.geometry); }
      this.geometry = geojson ? L.geoJSON(geojson, {
        style: function () { return { color: SELECT_COLOR, weight: 4, fillOpacity: 0.15, pane: PANES.selection[0] }; },
        pointToLayer: function (f, ll) { return L.circleMarker(ll, { radius: 9, color: SELECT_COLOR, weight: 3 }); },
        interactive: false,
      }).addTo(this._map) : null;
      return true;
    },

    // The selected feature's accuracy: a circle round a point, a band along a
    // line (Python computes it, data/uncertainty.py), under the features.
    showUncertainty: function (geojson) {
      if (this.uncertainty) { this._map.removeLayer(this.uncertainty); this.uncertainty = null; }
      if (!geojson) { return true; }
      this.uncertainty = L.geoJSON(geojson, {
        style: function () { return { color: "#d6604d", weight: 1.5, dashArray: "6 4", fillColor: "#d6604d",
                                      fillOpacity: 0.08, pane: PANES.uncertainty[0], interactive: false }; },
        interactive: false,
      }).addTo(this._map);
      return true;
    },

    // An analysed site's pieces of one 地类 or control line (占地分析's table row),
    // filled over the features; returns how many shapes are drawn.
    showPieces: function (geojson) {
      if (this.pieces) { this._map.removeLayer(this.pieces); this.pieces = null; }
      if (!geojson) { return 0; }
      this.pieces = L.geoJSON(geojson, {
        style: function () { return { color: PIECES_COLOR, weight: 2, fillColor: PIECES_COLOR, fillOpacity: 0.45,
                                      pane: PANES.selection[0], interactive: false }; },
        interactive: false,
      }).addTo(this._map);
      return this.pieces.getLayers().length;
    },

    _mark: function (layer, on) {
      if (layer.setStyle) {
        var base = this._client.layer(layer.xmLayerId).pathStyle(layer.feature.properties);
        layer.setStyle(on ? { color: SELECT_COLOR, weight: base.weight + 3, opacity: 1 } : base);
        if (on && layer.bringToFront && this._map.hasLayer(layer)) { layer.bringToFront(); }
      } else if (layer._icon) {
        L.DomUtil[on ? "addClass" : "removeClass"](layer._icon, "xm-selected");
      }
      layer.xmSelected = on;
    },
  });
})();
