/* The basemap: one tile layer under every data pane (Leaflet's tile pane),
 * switched without reloading the page; its loading counts against idle
 * (idle.js). A standalone export carries its basemap's tiles in the page.
 * Leaflet plugins: L.Xixia.Basemap and L.Xixia.EmbeddedTileLayer.
 */
(function () {
  "use strict";

  var EMPTY_TILE = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

  // A standalone export's basemap: its tiles carried in the page (data: URIs),
  // a tile it does not carry drawn as nothing. No request leaves the file.
  L.Xixia.EmbeddedTileLayer = L.TileLayer.extend({
    // tiles: "z/x/y" -> data: URI. (Not this._tiles: Leaflet's GridLayer keeps its own tiles there.)
    initialize: function (tiles, options) {
      this._carried = tiles;
      L.TileLayer.prototype.initialize.call(this, "", options);
    },
    getTileUrl: function (coords) {
      return this._carried[coords.z + "/" + coords.x + "/" + coords.y] || EMPTY_TILE;
    },
  });

  L.Xixia.Basemap = L.Class.extend({
    initialize: function (map, idle) {
      this._map = map;
      this._idle = idle;
      this.layer = null;
    },

    // cfg: basemaps.py's page_config (null for none).
    set: function (cfg) {
      if (this.layer) {
        this._idle.forgetTiles(this.layer);
        this._map.removeLayer(this.layer);
        this.layer = null;
      }
      if (cfg) {
        var options = {
          maxNativeZoom: cfg.maxNativeZoom, minNativeZoom: cfg.minNativeZoom || 0, maxZoom: 19,
          attribution: cfg.attribution || "", keepBuffer: 1,
        };
        var layer = cfg.embedded ? new L.Xixia.EmbeddedTileLayer(cfg.embedded, options) : L.tileLayer(cfg.url, options);
        this._idle.watchTiles(layer);
        layer.addTo(this._map);
        this.layer = layer;
      }
      this._idle.maybe();
      return true;
    },
  });
})();
