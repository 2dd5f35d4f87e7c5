/* 卷帘 (swipe): a divider the planner drags across the map; the layers chosen
 * for one side show only on that side of it, those of the other side only on
 * the other, and every other layer on both. One map, so both sides pan and
 * zoom together. A Leaflet plugin: L.Xixia.Swipe.
 *
 * Our own, not leaflet-side-by-side: that plugin swipes exactly two Leaflet
 * layers with an <input type=range>, and here a side is any set of the page's
 * layers (a group, a basemap), each already in a pane of its own (panes.js).
 * So a side is drawn by a CSS clip on its layers' panes, as that plugin clips
 * its tile containers: no layer is redrawn while the divider moves, and no
 * composited layer is added (software compositing pays for each, every frame).
 * A clipped pane is not hit where it is clipped away, so a click identifies the
 * layer visible on its side; Python, which identifies the layers it draws as
 * tiles, gets the divider's place with every change ("swipeChanged").
 */
(function () {
  "use strict";

  var SIDE_PANE_Z = 300;  // a side's own basemap: over the main basemap (200), under every layer (401+)

  L.Xixia.Swipe = L.Class.extend({
    // client: the page's L.Xixia.Client (its layers' panes, its idle tracking, its bridge).
    initialize: function (map, client) {
      this._map = map;
      this._client = client;
      this._setup = null;  // while on: {vertical, position, a: [ids], b: [ids], basemaps: {a, b}}
      this._sideBasemaps = {};  // side -> its own basemap's tile layer
      this._divider = null;
      this._hiddenLabels = [];  // label elements hidden on the side their layer does not show on
    },

    // options: {orientation: "vertical"|"horizontal", position: 0..1 (from the left or top),
    // a: layer ids of the left (top) side, b: of the right (bottom), basemaps: {a: cfg, b: cfg}}
    // where a side's basemap cfg is basemaps.py's page_config, null for none, and absent
    // to keep the map's own basemap on that side.
    start: function (options) {
      if (this._setup) { this.stop(); }
      var basemaps = options.basemaps || {};
      this._setup = { vertical: options.orientation !== "horizontal", position: this._clamp(options.position),
                      a: (options.a || []).map(String), b: (options.b || []).map(String), basemaps: basemaps };
      var self = this;
      ["a", "b"].forEach(function (side) {
        if (basemaps[side]) { self._addSideBasemap(side, basemaps[side]); }
      });
      this._addDivider();
      this._map.on("move zoomend viewreset resize", this._update, this);
      this._update();
      this._client.idle.maybe();
      return this.state();
    },

    stop: function () {
      if (!this._setup) { return false; }
      var self = this;
      this._map.off("move zoomend viewreset resize", this._update, this);
      this._clippedPanes().forEach(function (pane) { pane.style.clip = ""; });
      this._showLabels();
      Object.keys(this._sideBasemaps).forEach(function (side) {
        var layer = self._sideBasemaps[side];
        self._client.idle.forgetTiles(layer);
        self._map.removeLayer(layer);
      });
      this._sideBasemaps = {};
      if (this._divider) { L.DomUtil.remove(this._divider); this._divider = null; }
      this._setup = null;
      this._send();
      this._client.idle.maybe();
      return true;
    },

    setPosition: function (position) {
      if (!this._setup) { return false; }
      this._setup.position = this._clamp(position);
      this._update();
      this._send();
      return true;
    },

    state: function () {
      var s = this._setup;
      return s ? { on: true, orientation: s.vertical ? "vertical" : "horizontal", position: s.position,
                   a: s.a.slice(), b: s.b.slice() } : { on: false };
    },

    // The side ("a" or "b") of a point of the map's container.
    sideAt: function (x, y) {
      var s = this._setup, size = this._map.getSize();
      if (!s) { return null; }
      return (s.vertical ? x / size.x : y / size.y) < s.position ? "a" : "b";
    },

    _clamp: function (position) {
      var p = Number(position);
      return isFinite(p) ? Math.max(0, Math.min(1, p)) : 0.5;
    },

    _addSideBasemap: function (side, cfg) {
      var name = "xm-swipe-basemap-" + side, map = this._map;
      var pane = map.getPane(name) || map.createPane(name);
      pane.style.zIndex = String(SIDE_PANE_Z);
      var layer = L.tileLayer(cfg.url, { pane: name, maxNativeZoom: cfg.maxNativeZoom,
                                         minNativeZoom: cfg.minNativeZoom || 0, maxZoom: 19, keepBuffer: 1 });
      this._client.idle.watchTiles(layer);
      layer.addTo(map);
      this._sideBasemaps[side] = layer;
    },

    // Each pane the swipe clips, with the side it shows on: the chosen layers'
    // panes, the sides' own basemaps, and the map's own basemap (tilePane),
    // which a side with a basemap of its own (or none) no longer shows.
    _sides: function () {
      var s = this._setup, client = this._client, map = this._map, sides = [];
      var inA = {}, inB = {};
      s.a.forEach(function (id) { inA[id] = true; });
      s.b.forEach(function (id) { inB[id] = true; });
      Object.keys(inA).concat(Object.keys(inB)).forEach(function (id) {
        if (inA[id] && inB[id]) { return; }  // on both sides: not clipped
        if (!client.layer(id)) { return; }
        sides.push([map.getPane(client.panes.paneFor(id)), inA[id] ? "a" : "b"]);
      });
      var ownA = "a" in s.basemaps, ownB = "b" in s.basemaps;
      if (ownA || ownB) { sides.push([map.getPane("tilePane"), ownA && ownB ? "none" : (ownA ? "b" : "a")]); }
      ["a", "b"].forEach(function (side) {
        if (map.getPane("xm-swipe-basemap-" + side) && s.basemaps[side]) {
          sides.push([map.getPane("xm-swipe-basemap-" + side), side]);
        }
      });
      return sides;
    },

    _clippedPanes: function () {
      var map = this._map;
      return ["tilePane", "xm-swipe-basemap-a", "xm-swipe-basemap-b"].map(function (n) { return map.getPane(n); })
        .concat(Array.prototype.slice.call(map.getPanes().mapPane.querySelectorAll("[class*='xm-layer-']")))
        .filter(Boolean);
    },

    // Clips each side's panes at the divider. A pane lies in the map pane, which
    // moves as the map is dragged, so the clip is in its layer coordinates.
    _update: function () {
      var s = this._setup, map = this._map;
      if (!s) { return; }
      var size = map.getSize(), nw = map.containerPointToLayerPoint([0, 0]);
      var se = map.containerPointToLayerPoint(size);
      var cut = map.containerPointToLayerPoint(s.vertical ? [s.position * size.x, 0] : [0, s.position * size.y]);
      var rects = s.vertical
        ? { a: [nw.y, cut.x, se.y, nw.x], b: [nw.y, se.x, se.y, cut.x] }
        : { a: [nw.y, se.x, cut.y, nw.x], b: [cut.y, se.x, se.y, nw.x] };
      rects.none = [0, 0, 0, 0];
      this._clippedPanes().forEach(function (pane) { pane.style.clip = ""; });
      this._sides().forEach(function (pair) {
        var r = rects[pair[1]];
        pair[0].style.clip = "rect(" + r[0] + "px, " + r[1] + "px, " + r[2] + "px, " + r[3] + "px)";
      });
      this._sideLabels();
      if (this._divider) {
        var at = Math.round(s.position * (s.vertical ? size.x : size.y));
        this._divider.style[s.vertical ? "left" : "top"] = at + "px";
      }
    },

    // Permanent labels (town names, route shields) lie in Leaflet's one tooltip
    // pane, shared by every layer, so no pane clip reaches them: a side layer's
    // label shows only where its point lies on that side.
    _sideLabels: function () {
      var s = this._setup, self = this, inA = {}, inB = {};
      this._showLabels();
      s.a.forEach(function (id) { inA[id] = true; });
      s.b.forEach(function (id) { inB[id] = true; });
      Object.keys(inA).concat(Object.keys(inB)).forEach(function (id) {
        if (inA[id] && inB[id]) { return; }
        var side = inA[id] ? "a" : "b";
        self._labelsOf(id).forEach(function (tip) {
          var el = tip.getElement && tip.getElement(), at = tip.getLatLng && tip.getLatLng();
          if (!el || !at) { return; }
          var p = self._map.latLngToContainerPoint(at);
          if (self.sideAt(p.x, p.y) !== side) { el.style.visibility = "hidden"; self._hiddenLabels.push(el); }
        });
      });
    },

    _showLabels: function () {
      this._hiddenLabels.forEach(function (el) { el.style.visibility = ""; });
      this._hiddenLabels = [];
    },

    // A layer's permanent tooltips: its features' labels and its shields.
    _labelsOf: function (id) {
      var layer = this._client.layer(id), found = [];
      function walk(group) {
        group.eachLayer(function (member) {
          if (member instanceof L.Tooltip) { found.push(member); return; }
          var tip = member.getTooltip && member.getTooltip();
          if (tip && tip.options.permanent) { found.push(tip); }
          if (member.eachLayer) { walk(member); }
        });
      }
      if (layer && layer.eachLayer) { walk(layer); }
      return found;
    },

    // The divider: a line with a handle, in the map's container (it stays put
    // while the map moves). Dragging it never drags the map.
    _addDivider: function () {
      var s = this._setup, container = this._map.getContainer();
      var el = this._divider = L.DomUtil.create("div", "xm-swipe " + (s.vertical ? "xm-swipe-v" : "xm-swipe-h"), container);
      L.DomUtil.create("div", "xm-swipe-handle", el);
      L.DomEvent.disableClickPropagation(el);
      L.DomEvent.disableScrollPropagation(el);
      L.DomEvent.on(el, "mousedown touchstart", this._dragStart, this);
    },

    _dragStart: function (e) {
      L.DomEvent.stop(e);
      this._map.dragging.disable();
      L.DomUtil.disableTextSelection();
      L.DomEvent.on(document, "mousemove touchmove", this._drag, this);
      L.DomEvent.on(document, "mouseup touchend", this._dragEnd, this);
    },

    _drag: function (e) {
      var s = this._setup;
      if (!s) { return; }
      var point = e.touches ? e.touches[0] : e, rect = this._map.getContainer().getBoundingClientRect();
      s.position = this._clamp(s.vertical ? (point.clientX - rect.left) / rect.width
                                          : (point.clientY - rect.top) / rect.height);
      this._update();
    },

    _dragEnd: function () {
      L.DomEvent.off(document, "mousemove touchmove", this._drag, this);
      L.DomEvent.off(document, "mouseup touchend", this._dragEnd, this);
      L.DomUtil.enableTextSelection();
      this._map.dragging.enable();
      this._send();
      this._client.idle.maybe();
    },

    _send: function () { this._client.send("swipeChanged", this.state()); },
  });
})();
