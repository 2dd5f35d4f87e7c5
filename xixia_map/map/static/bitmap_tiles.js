// Large layers' image tiles, drawn into canvases from a bounded cache of
// encoded tiles that is also filled ahead of time (a small Leaflet plugin).
//
// Why not Leaflet's <img> tiles: Chromium keeps every decoded tile image it
// has shown, and the renderer grew from 140 MB to 680 MB over 120 moves across
// a 200k-parcel layer. Here each tile is decoded into an ImageBitmap, drawn
// once and closed, and a canvas that leaves the map gives its pixels back at
// once; what stays is the encoded tiles in a least-recently-used cache.
//
// Why fill the cache ahead: a tile that still has to travel through the app's
// URL scheme handler costs a zoom tens of milliseconds even when Python has it
// rendered already, while a tile the page holds is drawn at once. While the map
// is settled, Python sends the tiles a planner is likely to ask for next (see
// tiles_to_prefetch); a few are fetched at a time, so a request of the map's
// own never waits behind a long queue, and any move cancels what is left.
(function () {
  "use strict";

  var CACHE_TILES = 320;  // ~40-80 KB each: at most ~25 MB, more than two plans
  var CONCURRENT_PRELOADS = 2;
  var DECODED_TILES = 40;  // 1 MB each once decoded: the next zoom in, the zoom out, some of the pans
  var POOLED_CANVASES = 40;  // 1 MB each: a view's worth of 512 px tiles at a fractional zoom

  // Encoded tiles (ArrayBuffers) by URL, shared by all large layers; a Map
  // iterates in insertion order, so re-inserting on use keeps the oldest first.
  // ArrayBuffers, not Blobs: Chromium stores a Blob's bytes in the browser
  // process until the page's garbage collector drops it, and that process grew
  // by 240 MB over 120 moves although the cache never held more than 320 tiles.
  var cache = { tiles: new Map(), pending: new Map() };

  function remember(url, buffer) {
    cache.tiles.delete(url);
    cache.tiles.set(url, buffer);
    while (cache.tiles.size > CACHE_TILES) { cache.tiles.delete(cache.tiles.keys().next().value); }
  }

  // A short-lived Blob per decode is fine (measured flat over 120 moves);
  // WebCodecs' ImageDecoder, closed after each frame, grew the renderer to 700 MB.
  function decode(buffer) {
    return createImageBitmap(new Blob([buffer], { type: "image/png" }));
  }

  // A canvas drawn at once in memory (willReadFrequently: no deferred drawing
  // for the next frame to rasterise). Handing the bitmap over instead
  // ("bitmaprenderer") redrew as fast, but the renderer kept ~430 MB after 120
  // moves where this keeps ~200 MB.
  function context2d(canvas) { return canvas.getContext("2d", { willReadFrequently: true }); }

  // A Promise of the tile's encoded bytes. `wanted` marks a request the map itself
  // waits for: a preload that a tile has joined is no longer cancelled.
  function tileBytes(url, wanted) {
    var held = cache.tiles.get(url);
    if (held) { remember(url, held); return Promise.resolve(held); }
    var pending = cache.pending.get(url);
    if (!pending) {
      var controller = new AbortController();
      pending = { controller: controller, wanted: false };
      pending.promise = fetch(url, { signal: controller.signal }).then(function (response) {
        if (!response.ok) { throw new Error(url + ": HTTP " + response.status); }
        return response.arrayBuffer();
      }).then(function (fetched) {
        remember(url, fetched);
        return fetched;
      }).finally(function () {
        if (cache.pending.get(url) === pending) { cache.pending.delete(url); }
      });
      cache.pending.set(url, pending);
    }
    pending.wanted = pending.wanted || wanted;
    return pending.promise;
  }

  var BitmapTileLayer = L.TileLayer.extend({
    initialize: function (url, options) {
      L.TileLayer.prototype.initialize.call(this, url, options);
      this.preload = { queue: [], running: 0, started: 0, generation: 0 };
      // Decoded tiles from the head of the plan, each used once: decoding a
      // dozen tiles was most of a zoom's redraw (~70 of ~110 ms).
      this.decoded = new Map();
      this.drawn = { ready: 0, decoded: 0 };  // tiles drawn from the decoded set, and decoded on demand
      // Canvases of tiles that left the map are kept for the next tiles:
      // allocating two dozen 1 MB canvases was most of a zoom's redraw
      // (benchmarks/large_layer.py, 200k parcels: zoom to the frame shown
      // ~160-240 ms without the pool, ~105-160 ms with it). Beyond the pool a
      // tile leaving the map (or dropped while loading, Leaflet's abort on a
      // zoom) gives its pixels back now, not at garbage collection.
      var pool = this.pool = [];
      this.on("tileunload tileabort", function (e) {
        e.tile.xmUse += 1;  // whatever is still on its way for the old tile is dropped
        if (pool.length < POOLED_CANVASES && e.tile.width) { pool.push(e.tile); } else { e.tile.width = 0; }
      });
    },

    createTile: function (coords, done) {
      var size = this.getTileSize(), url = this.getTileUrl(coords), canvas = this.pool.pop();
      if (canvas) {
        canvas.removeAttribute("src");  // Leaflet marks a removed tile so; a reused one is not removed
        context2d(canvas).clearRect(0, 0, canvas.width, canvas.height);
      } else {
        canvas = document.createElement("canvas");
        canvas.width = size.x;
        canvas.height = size.y;
        canvas.xmUse = 0;
      }
      var use = canvas.xmUse;
      function current() { return canvas.xmUse === use; }
      var ready = this.decoded.get(url);
      var image;
      this.drawn[ready ? "ready" : "decoded"] += 1;
      if (ready) {
        this.decoded.delete(url);
        image = Promise.resolve(ready);  // still after return: Leaflet files the tile once createTile returns
      } else {
        image = tileBytes(url, true).then(function (buffer) {
          return current() ? decode(buffer) : null;  // removed meanwhile: no decode
        });
      }
      image.then(function (bitmap) {
        if (bitmap) {
          if (current()) { context2d(canvas).drawImage(bitmap, 0, 0); }
          bitmap.close();
        }
        if (current()) { done(null, canvas); }
      }, function (err) { if (current()) { done(err, canvas); } });
      return canvas;
    },

    onRemove: function (map) {
      this.stopPreload();
      this.dropDecoded();
      map.off("movestart zoomstart", this.stopPreload, this);
      L.TileLayer.prototype.onRemove.call(this, map);
    },

    onAdd: function (map) {
      map.on("movestart zoomstart", this.stopPreload, this);
      L.TileLayer.prototype.onAdd.call(this, map);
    },

    urlOf: function (tile) {
      return L.Util.template(this._url, L.extend({}, this.options, { z: tile[0], x: tile[1], y: tile[2] }));
    },

    dropDecoded: function () {
      this.decoded.forEach(function (bitmap) { bitmap.close(); });
      this.decoded.clear();
    },

    // A new plan replaces the old one. Tiles on the map already are skipped;
    // the first DECODED_TILES of the rest are decoded too. Returns how many
    // are planned.
    planPreload: function (tiles) {
      this.stopPreload();
      this.dropDecoded();
      var self = this, shown = {};
      Object.keys(this._tiles).forEach(function (key) { shown[self.getTileUrl(self._tiles[key].coords)] = true; });
      this.preload.queue = tiles.map(function (t) { return self.urlOf(t); })
        .filter(function (url) { return !shown[url]; });
      var count = this.preload.queue.length;
      this.preload.started = 0;
      for (var i = 0; i < CONCURRENT_PRELOADS; i++) { this.nextPreload(this.preload.generation); }
      return count;
    },

    nextPreload: function (generation) {
      var preload = this.preload, self = this;
      if (generation !== preload.generation || !preload.queue.length) { return; }
      var url = preload.queue.shift(), decodes = preload.started < DECODED_TILES;
      preload.running += 1;
      preload.started += 1;  // counted when started, so the decoded set stays within DECODED_TILES
      tileBytes(url, false).then(function (buffer) {
        if (!decodes || generation !== preload.generation) { return null; }
        return decode(buffer).then(function (bitmap) {
          if (generation === preload.generation) { self.decoded.set(url, bitmap); } else { bitmap.close(); }
        });
      }).catch(function () { /* cancelled by a move, or failed: the map asks again if it needs it */ })
        .then(function () {
          if (generation !== preload.generation) { return; }
          preload.running -= 1;
          self.nextPreload(generation);
        });
    },

    // Forgets the queue and cancels the preloads no tile has joined, so the
    // next view's requests go first (the handler skips dropped requests).
    stopPreload: function () {
      this.preload.generation += 1;
      this.preload.queue = [];
      this.preload.running = 0;
      // Dropped from the map of pending requests at once: a tile created in
      // this same move must start a request of its own, not join a cancelled one.
      cache.pending.forEach(function (pending, url) {
        if (!pending.wanted) { pending.controller.abort(); cache.pending.delete(url); }
      });
    },

    preloadState: function () {
      return { started: this.preload.started, pending: this.preload.queue.length + this.preload.running,
               cached: cache.tiles.size, decoded: this.decoded.size,
               drawnReady: this.drawn.ready, drawnDecoded: this.drawn.decoded };
    },
  });

  window.XixiaBitmapTileLayer = BitmapTileLayer;
})();
