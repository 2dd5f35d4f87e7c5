// Tile preloading for large layers: while the map is settled, fetch the tiles a
// planner is likely to ask for next (Python plans them, see tiles_to_prefetch),
// so that a zoom or pan finds them in the browser's memory cache.
//
// Why in the page and not only in Python's tile cache: a tile that still has to
// travel through the app's URL scheme handler costs the frame tens of
// milliseconds even when Python answers from its cache, while a tile Chromium
// already holds is drawn at once (benchmarks/large_layer.py: a zoom with the
// tiles held 8-20 ms, through the handler ~100 ms).
//
// A few requests run at a time, so a real request from Leaflet never waits
// behind a long queue; any move stops preloading (its plan is stale), and the
// handler skips the jobs Chromium drops.
(function () {
  "use strict";

  var CONCURRENT = 2;

  function TilePreload(map) {
    this.map = map;
    this.queue = [];
    this.inFlight = [];
    this.held = [];  // loaded images of the current plan: keeps them in the memory cache
    this.loaded = 0;
    map.on("movestart zoomstart", this.stop, this);
  }

  TilePreload.prototype.urlOf = function (layer, tile) {
    return L.Util.template(layer._url, L.extend({}, layer.options, { z: tile[0], x: tile[1], y: tile[2] }));
  };

  // A new plan replaces the old one; tiles Leaflet already shows are skipped.
  TilePreload.prototype.plan = function (layer, tiles) {
    this.stop();
    this.held = [];
    var shown = {};
    Object.keys(layer._tiles || {}).forEach(function (key) {
      var c = layer._tiles[key].coords;
      shown[[c.z, c.x, c.y].join("/")] = true;
    });
    var self = this;
    this.queue = tiles.filter(function (t) { return !shown[t.join("/")]; })
      .map(function (t) { return self.urlOf(layer, t); });
    for (var i = 0; i < CONCURRENT; i++) { this.next(); }
    return this.queue.length;
  };

  TilePreload.prototype.next = function () {
    if (!this.queue.length) { return; }
    var image = new Image(), self = this;
    image.onload = image.onerror = function () {
      var at = self.inFlight.indexOf(image);
      if (at < 0) { return; }  // stopped meanwhile
      self.inFlight.splice(at, 1);
      self.held.push(image);
      self.loaded += 1;
      self.next();
    };
    this.inFlight.push(image);
    image.src = this.queue.shift();
  };

  // Unstarted requests are forgotten and started ones cancelled (an image whose
  // src is cleared drops its request), so the next view's tiles go first.
  TilePreload.prototype.stop = function () {
    this.queue = [];
    var pending = this.inFlight;
    this.inFlight = [];
    pending.forEach(function (image) { image.onload = image.onerror = null; image.src = ""; });
  };

  TilePreload.prototype.detach = function () {
    this.stop();
    this.held = [];
    this.map.off("movestart zoomstart", this.stop, this);
  };

  window.XixiaTilePreload = TilePreload;
})();
