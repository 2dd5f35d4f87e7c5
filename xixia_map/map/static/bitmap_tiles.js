// Large layers' image tiles, drawn into one canvas the size of the view from a
// bounded cache of encoded tiles that is also filled ahead of time (a small
// Leaflet plugin).
//
// Why not Leaflet's <img> tiles: Chromium keeps every decoded tile image it
// has shown, and the renderer grew from 140 MB to 680 MB over 120 moves across
// a 200k-parcel layer. Here each tile is decoded into an ImageBitmap, kept
// while the view shows it and then closed; what stays is the encoded tiles in
// a least-recently-used cache.
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
  var DECODED_TILES = 72;  // 1 MB each once decoded: the next zoom in, the zoom out and the tiles around

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

  // A canvas in memory (willReadFrequently: no GPU-side copy to keep). Handing
  // tile bitmaps to "bitmaprenderer" canvases instead redrew as fast, but the
  // renderer kept ~430 MB after 120 moves where 2D canvases kept ~200 MB.
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

  // A large layer drawn into one canvas the size of the view (plus a margin),
  // as Leaflet's own Canvas renderer draws vectors, not a canvas per tile.
  // Why: in software compositing (no GPU, as here) Chromium blends every
  // composited quad for every frame, and two dozen 512 px tile canvases cost
  // each frame ~15 ms more than the bundled layers alone (Chrome trace,
  // Display::DrawAndSwap). And a move whose tiles are decoded already is drawn
  // in the same task as the move, so its first frame is the finished one,
  // where tile elements arrived over two or three frames.
  var CanvasTileLayer = L.Layer.extend({
    options: {
      pane: "overlayPane", opacity: 1, zIndex: 1, tileSize: 512, zoomOffset: 0,
      minNativeZoom: 0, maxNativeZoom: 19,
      padding: 0.1,  // of the view on each side, drawn ahead for a drag; map.js passes CANVAS_PADDING
      updateInterval: 200,  // ms between redraws while the map is dragged (Leaflet's GridLayer default)
    },

    initialize: function (url, options) {
      this._url = url;
      L.setOptions(this, options);
      this.preload = { queue: [], running: 0, started: 0, generation: 0 };
      // Decoded tiles from the head of the preload plan, moved to `shown`
      // once drawn: decoding a dozen tiles was most of a zoom's redraw.
      this.decoded = new Map();
      // The decoded tiles the canvas shows now, by URL: a pan draws most of
      // them again at another place.
      this.shown = new Map();
      this.inFlight = new Set();  // URLs being fetched or decoded for the map
      this.need = new Map();  // URL -> where the current view wants it: {x, y, width, height, state, placeholder}
      this.loading = false;
      // From the preloaded set, decoded on demand, already shown; `late`: arrived
      // after the view that asked for them had moved on (not drawn).
      this.drawn = { ready: 0, decoded: 0, kept: 0, late: 0 };
      this.redrawWhileMoving = L.Util.throttle(this.redraw, this.options.updateInterval, this);
    },

    onAdd: function (map) {
      var canvas = this.canvas = L.DomUtil.create("canvas", "xm-tile-canvas leaflet-layer");
      if (map._zoomAnimated) { L.DomUtil.addClass(canvas, "leaflet-zoom-animated"); }
      canvas.style.zIndex = this.options.zIndex;
      canvas.style.pointerEvents = "none";
      L.DomUtil.setOpacity(canvas, this.options.opacity);
      this.getPane().appendChild(canvas);
      this.redraw();
    },

    onRemove: function () {
      this.stopPreload();
      this.dropDecoded();
      this.need.clear();
      this.closeAll(this.shown);
      this.finishLoading();
      this.canvas.width = 0;  // gives its pixels back now, not at garbage collection
      this.drawnAt = null;
      L.DomUtil.remove(this.canvas);
      this.canvas = null;
    },

    getEvents: function () {
      // "drag", not "move": a setView fires "move" too, right before "moveend".
      var events = { drag: this.redrawWhileMoving, moveend: this.redraw, zoom: this.onZoom,
                     movestart: this.stopPreload, zoomstart: this.stopPreload };
      if (this._map && this._map._zoomAnimated) { events.zoomanim = this.onAnimZoom; }
      return events;
    },

    setOpacity: function (opacity) {
      this.options.opacity = opacity;
      if (this.canvas) { L.DomUtil.setOpacity(this.canvas, opacity); }
      return this;
    },

    tileCount: function () { return this.shown.size; },

    // While a zoom animates (or a pinch), the last drawing is scaled about the
    // map's centre, as L.Renderer does; moveend draws the new zoom.
    onAnimZoom: function (e) { this.scaleTo(e.center, e.zoom); },
    onZoom: function () { this.scaleTo(this._map.getCenter(), this._map.getZoom()); },
    scaleTo: function (center, zoom) {
      if (!this.drawnAt) { return; }
      var map = this._map, at = this.drawnAt, scale = map.getZoomScale(zoom, at.zoom),
          half = map.getSize().multiplyBy(0.5 + this.options.padding),
          offset = half.multiplyBy(-scale).add(map.project(at.center, zoom))
            .subtract(map._getNewPixelOrigin(center, zoom));
      if (L.Browser.any3d) { L.DomUtil.setTransform(this.canvas, offset, scale); } else { L.DomUtil.setPosition(this.canvas, offset); }
    },

    tileZoom: function () {
      var o = this.options;
      return Math.max(o.minNativeZoom, Math.min(o.maxNativeZoom, Math.round(this._map.getZoom())));
    },

    urlOf: function (tile) {
      return L.Util.template(this._url, L.extend({}, this.options, { z: tile[0], x: tile[1], y: tile[2] }));
    },

    // The tiles covering the canvas, nearest the centre first, with where
    // each goes in it. Tile z/x/y as Leaflet's TileLayer would ask for them.
    // At a fractional zoom tile x spans [round(x * px), round((x + 1) * px)),
    // so neighbours meet without a seam or an overlap.
    layout: function (origin, size) {
      var map = this._map, tz = this.tileZoom(), side = this.options.tileSize,
          px = side * map.getZoomScale(map.getZoom(), tz), corner = origin.add(map.getPixelOrigin()),
          min = corner.divideBy(px), max = corner.add(size).divideBy(px),
          count = Math.round(map.options.crs.scale(tz) / side), z = tz + this.options.zoomOffset, center = min.add(max).divideBy(2), tiles = [];
      for (var y = Math.max(0, Math.floor(min.y)); y < Math.min(count, Math.ceil(max.y)); y++) {
        for (var x = Math.max(0, Math.floor(min.x)); x < Math.min(count, Math.ceil(max.x)); x++) {
          var left = Math.round(x * px), top = Math.round(y * px);
          tiles.push({ url: this.urlOf([z, x, y]), x: left - corner.x, y: top - corner.y,
                       width: Math.round((x + 1) * px) - left, height: Math.round((y + 1) * px) - top,
                       distance: Math.abs(x + 0.5 - center.x) + Math.abs(y + 0.5 - center.y) });
        }
      }
      return tiles.sort(function (a, b) { return a.distance - b.distance; });
    },

    // Draws the view: tiles decoded already (shown, or preloaded) in this same
    // task, the others as they arrive. Late tiles of an earlier view are drawn
    // only where the current view wants them, so a quick succession of moves
    // never leaves a tile in the wrong place. Until a tile arrives, its place
    // shows the previous drawing, moved and scaled to the new view, as
    // Leaflet's tile layers keep the old zoom's tiles, rather than a hole.
    redraw: function () {
      var map = this._map;
      if (!map || !this.canvas || map._animatingZoom) { return; }
      var canvas = this.canvas, size = map.getSize(), pad = size.multiplyBy(this.options.padding).round(),
          origin = map.containerPointToLayerPoint([0, 0]).subtract(pad).round(), area = size.add(pad.multiplyBy(2)),
          corner = origin.add(map.getPixelOrigin()), previous = this.shown, self = this, missing = [];
      var tiles = this.layout(origin, area).map(function (tile) {
        var bitmap = previous.get(tile.url), from = "kept";
        if (bitmap) { previous.delete(tile.url); } else if ((bitmap = self.decoded.get(tile.url))) {
          self.decoded.delete(tile.url);
          from = "ready";
        }
        if (!bitmap) { missing.push(tile); }
        return { tile: tile, bitmap: bitmap, from: from };
      });
      // After a pan the previous drawing covers none of the missing tiles
      // (any tile it showed is kept), unless it still had placeholders itself.
      var useful = this.drawnAt && (this.drawnAt.zoom !== map.getZoom() || this.loading);
      var before = missing.length && useful ? this.keepDrawing() : null;
      if (canvas.width !== area.x || canvas.height !== area.y) {
        canvas.width = area.x;
        canvas.height = area.y;
      } else {
        context2d(canvas).clearRect(0, 0, area.x, area.y);
      }
      L.DomUtil.setPosition(canvas, origin);
      if (before) { this.drawPlaceholders(before, corner, missing); }
      this.drawnAt = { center: map.getCenter(), zoom: map.getZoom(), corner: corner };
      this.shown = new Map();
      this.need = new Map();
      tiles.forEach(function (entry) {
        self.need.set(entry.tile.url, entry.tile);
        if (entry.bitmap) {
          self.drawn[entry.from] += 1;
          self.put(entry.tile, entry.bitmap);
        } else if (!self.inFlight.has(entry.tile.url)) {
          self.load(entry.tile.url);
        }
      });
      this.closeAll(previous);
      if (this.pendingCount()) { this.startLoading(); } else { this.finishLoading(); }
    },

    // A copy of the canvas as drawn, with where and at what zoom it was drawn.
    keepDrawing: function () {
      var copy = this.backCanvas || (this.backCanvas = document.createElement("canvas"));
      copy.width = this.canvas.width;  // also clears it
      copy.height = this.canvas.height;
      context2d(copy).drawImage(this.canvas, 0, 0);
      return { canvas: copy, corner: this.drawnAt.corner, zoom: this.drawnAt.zoom };
    },

    // The previous drawing, in the places of the tiles still missing only.
    drawPlaceholders: function (before, corner, missing) {
      var map = this._map, scale = map.getZoomScale(map.getZoom(), before.zoom), ctx = context2d(this.canvas);
      ctx.save();
      ctx.beginPath();
      missing.forEach(function (tile) { ctx.rect(tile.x, tile.y, tile.width, tile.height); });
      ctx.clip();
      ctx.drawImage(before.canvas, before.corner.x * scale - corner.x, before.corner.y * scale - corner.y,
                    before.canvas.width * scale, before.canvas.height * scale);
      ctx.restore();
      missing.forEach(function (tile) { tile.placeholder = true; });
    },

    put: function (tile, bitmap) {
      var ctx = context2d(this.canvas);
      if (tile.placeholder) { ctx.clearRect(tile.x, tile.y, tile.width, tile.height); }
      ctx.drawImage(bitmap, tile.x, tile.y, tile.width, tile.height);
      tile.state = "drawn";
      this.shown.set(tile.url, bitmap);
    },

    load: function (url) {
      var self = this;
      this.inFlight.add(url);
      tileBytes(url, true).then(function (buffer) {
        if (self.need.has(url)) { return decode(buffer); }
        self.drawn.late += 1;  // not wanted any more: no decode
        return null;
      }).then(function (bitmap) {
        self.inFlight.delete(url);
        var tile = self.need.get(url);
        if (tile && !tile.state && self.canvas) {
          self.drawn.decoded += 1;
          self.put(tile, bitmap);
        } else if (bitmap) {
          bitmap.close();
        }
        self.checkLoaded();
      }, function () {
        self.inFlight.delete(url);
        var tile = self.need.get(url);
        if (tile && !tile.state) {
          tile.state = "failed";
          if (tile.placeholder && self.canvas) { context2d(self.canvas).clearRect(tile.x, tile.y, tile.width, tile.height); }
        }
        self.checkLoaded();
      });
    },

    pendingCount: function () {
      var n = 0;
      this.need.forEach(function (tile) { if (!tile.state) { n += 1; } });
      return n;
    },

    checkLoaded: function () {
      if (this.loading && !this.pendingCount()) { this.finishLoading(); }
    },

    // Leaflet's GridLayer events, which map.js counts for the idle signal:
    // one "loading" while any tile of the view is missing, then one "load".
    startLoading: function () {
      if (!this.loading) { this.loading = true; this.fire("loading"); }
    },

    finishLoading: function () {
      if (this.backCanvas) { this.backCanvas.width = 0; }  // 9 MB at 1600x1000, wanted only while tiles are missing
      if (this.loading) { this.loading = false; this.fire("load"); }
    },

    closeAll: function (bitmaps) {
      bitmaps.forEach(function (bitmap) { bitmap.close(); });
      bitmaps.clear();
    },

    dropDecoded: function () { this.closeAll(this.decoded); },

    // A new plan replaces the old one. Tiles the canvas shows already are
    // skipped; the first DECODED_TILES of the rest are decoded too. Returns how
    // many are planned.
    planPreload: function (tiles) {
      this.stopPreload();
      this.dropDecoded();
      var self = this;
      this.preload.queue = tiles.map(function (t) { return self.urlOf(t); })
        .filter(function (url) { return !self.shown.has(url); });
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
               drawnReady: this.drawn.ready, drawnDecoded: this.drawn.decoded, drawnKept: this.drawn.kept };
    },
  });

  window.XixiaBitmapTileLayer = CanvasTileLayer;
})();
