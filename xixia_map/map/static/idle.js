/* Idle signalling: the map is idle when every layer's data has arrived, no move
 * is under way and no tile is loading. Python waits on it before a capture (a
 * PNG, a PDF) and before it sends tiles worth preloading. Idle is reported two
 * animation frames after the last change, when the compositor has drawn it, so
 * a capture taken on this signal is complete. A Leaflet plugin: L.Xixia.Idle.
 */
(function () {
  "use strict";

  L.Xixia.Idle = L.Class.extend({
    // viewState: the view as Python reads it (client.js), sent with the signal.
    initialize: function (map, bridge, viewState) {
      this._bridge = bridge;
      this._viewState = viewState;
      this.ready = false;  // every layer of the first page loaded (or failed)
      this.pending = 0;  // layers whose data is on the way
      this.moving = false;
      this.tilesLoading = 0;  // tile layers with tiles of the view still missing
      map.on("movestart zoomstart", function () { this.moving = true; }, this);
      map.on("moveend zoomend", function () { this.moving = false; this.maybe(); }, this);
    },

    isIdle: function () { return this.pending === 0 && !this.moving && this.tilesLoading === 0 && this.ready; },

    maybe: function () {
      if (!this.isIdle()) { return; }
      var self = this;
      requestAnimationFrame(function () {
        requestAnimationFrame(function () { if (self.isIdle()) { self._bridge.send("mapIdle", self._viewState()); } });
      });
    },

    // A tile layer's loading counts against idle: Leaflet's GridLayer events (and
    // bitmap_tiles.js's, which fires the same), one "loading" then one "load".
    watchTiles: function (layer) {
      layer.on("loading", function () { this.tilesLoading += 1; }, this);
      layer.on("load", function () { this.tilesLoading = Math.max(0, this.tilesLoading - 1); this.maybe(); }, this);
    },

    // A tile layer taken off while it loads no longer counts.
    forgetTiles: function (layer) {
      if (layer.isLoading && layer.isLoading()) { this.tilesLoading = Math.max(0, this.tilesLoading - 1); }
    },

    // A layer's data on the way, and arrived.
    started: function () { this.pending += 1; },
    finished: function () { this.pending -= 1; this.maybe(); },
  });
})();
