/* Layers Python draws: large vector layers as image tiles drawn into one
 * canvas (bitmap_tiles.js; layer_tiles.py and store_tiles.py draw them), and
 * rasters read window by window (raster_tiles.py). Clicks on them are
 * identified in Python. Leaflet plugins: L.Xixia.TiledLayer and
 * L.Xixia.RasterLayer, each built from its spec (page.py's layer_config).
 */
(function () {
  "use strict";

  var shared = {
    feature: function () { return null; },  // no feature of theirs is in the page
  };

  L.Xixia.TiledLayer = window.XixiaBitmapTileLayer.extend(L.extend({
    kind: "tiles",

    // The tiles lie in the layer's own pane (its place in the tree's order).
    // tileSize/zoomOffset/padding: see TILE_PX and CANVAS_PADDING in layer_tiles.py.
    initialize: function (spec, pane) {
      this.spec = spec;
      window.XixiaBitmapTileLayer.prototype.initialize.call(this, spec.tiles, {
        pane: pane, opacity: spec.opacity, tileSize: spec.tile_px,
        zoomOffset: spec.zoom_offset || 0, padding: spec.canvas_padding, minNativeZoom: 1, maxNativeZoom: 19,
        zIndex: 201,
      });
    },

    featureCount: function () { return this.spec.count; },
  }, shared));

  L.Xixia.RasterLayer = L.TileLayer.extend(L.extend({
    kind: "raster",

    // An ordinary tile layer, limited to the raster's extent so no empty tile is asked for.
    initialize: function (spec, pane) {
      var b = spec.raster_bounds, offset = Math.round(Math.log2(spec.tile_px / 256));
      this.spec = spec;
      L.TileLayer.prototype.initialize.call(this, spec.raster, {
        // tile_px 512 drawn as 512 CSS px at zoomOffset -1: a quarter of the requests (raster_tiles.py).
        // Leaflet clamps the map zoom to maxNativeZoom before adding the offset.
        pane: pane, opacity: spec.opacity, tileSize: spec.tile_px, zoomOffset: -offset,
        maxNativeZoom: spec.max_native_zoom + offset, maxZoom: 22, bounds: L.latLngBounds([b[1], b[0]], [b[3], b[2]]),
        keepBuffer: 1,
      });
    },

    featureCount: function () { return 1; },
  }, shared));
})();
