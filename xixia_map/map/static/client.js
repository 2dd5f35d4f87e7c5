/* The page's core: wires the plugins of this folder to one Leaflet map and the
 * layer config Python built (page.py), keeps the layers by id, and decides what
 * a click means. Python drives it through window.xixia (api.js). A Leaflet
 * plugin: L.Xixia.Client, an L.Evented, the page's one instance kept as
 * L.Xixia.client. Plugins that need the page's layers and bridge (editing.js)
 * attach with L.Xixia.Client.addInitHook, use its public methods (layer,
 * feature, send, the selection) and listen to "layerbuilt" ({layer}) and to
 * the selection's "change".
 */
(function () {
  "use strict";

  L.Xixia.Client = L.Evented.extend({
    initialize: function (map, config) {
      this.map = map;
      this.config = config;
      this.layers = {};  // layer id -> its L.Xixia.FeatureLayer, TiledLayer or RasterLayer
      this.editing = null;  // editing.js, when the page edits (not in a standalone export)
      this.bridge = new L.Xixia.Bridge();
      this.bridge.on("connected", this._announceReady, this);
      this.panes = new L.Xixia.Panes(map, (config.layers || []).map(function (l) { return l.id; }));
      this.idle = new L.Xixia.Idle(map, this.bridge, L.bind(this.viewState, this));
      this.measure = new L.Xixia.Measure(map, this.bridge);  // its Esc before the selection's, as always
      this.selection = new L.Xixia.Selection(this);
      this.basemap = new L.Xixia.Basemap(map, this.idle);
      this.refit = new L.Xixia.Refit(map);
      this.contextMenu = new L.Xixia.ContextMenu(map, this);
      this.swipe = new L.Xixia.Swipe(map, this);  // 卷帘
      this.crosshair = new L.Xixia.Crosshair(map);  // 分屏: another view's cursor
      map.on("moveend zoomend", function () {
        this.updateLabels();
        this.send("viewChanged", this.viewState());
      }, this);
      map.on("click", this._onMapClick, this);
      this.contextMenu.enable();
      // The cursor's place, at most every 50 ms, and always its last place (the
      // status bar's coordinates, 分屏's cross-hair): a move cut short by the
      // throttle is sent when its 50 ms are up.
      var lastMove = 0, latest = null, trailing = null, self = this;
      function sendMove() {
        trailing = null;
        lastMove = Date.now();
        self.send("mouseMoved", latest.lat, latest.lng);
      }
      map.on("mousemove", function (e) {
        latest = e.latlng;
        var wait = 50 - (Date.now() - lastMove);
        if (wait < 0) { sendMove(); } else if (!trailing) { trailing = setTimeout(sendMove, wait); }
      }, this);
      if (config.bounds) {
        var b = config.bounds;
        this.refit.fit(L.latLngBounds([[b[1], b[0]], [b[3], b[2]]]), [0, 0]);
      }
      this.refit.enable();
      // Metres and kilometres only (a Chinese map has no miles), and no library credit on
      // the map (Leaflet's licence asks for none; a basemap's own attribution still shows).
      L.control.scale({ imperial: false, maxWidth: 140 }).addTo(map);
      if (map.attributionControl) { map.attributionControl.setPrefix(false); }
      L.Xixia.client = this;
    },

    // After the init hooks (editing.js): connects to Python, shows the basemap, loads the layers.
    start: function () {
      var self = this;
      this.bridge.connect();
      if (this.config.basemap) { this.basemap.set(this.config.basemap); }
      Promise.all(this.config.layers.map(function (spec) { return self._load(spec); })).then(function () {
        self.idle.ready = true;
        self._announceReady();
      });
    },

    send: function () { this.bridge.send.apply(this.bridge, arguments); },

    isDrawing: function () { return !!(this.editing && this.editing.isDrawing()); },

    isEditing: function () { return !!(this.editing && this.editing.isEditing()); },

    layer: function (layerId) { return this.layers[layerId]; },

    feature: function (layerId, fid) {
      var layer = this.layers[layerId];
      return (layer && layer.feature(fid)) || null;
    },

    // Layers added after start-up (the user's files), removed, or whose data changed.
    addLayer: function (spec) {
      var self = this;
      if (this.layers[spec.id]) { this.removeLayer(spec.id); }
      this.config.layers.push(spec);
      return this._load(spec).then(function () { return self.featureCount(spec.id); });
    },

    removeLayer: function (layerId) {
      var layer = this.layers[layerId];
      if (!layer) { return false; }
      this.selection.forgetLayer(layerId);
      this.map.removeLayer(layer);
      delete this.layers[layerId];
      this.config.layers = this.config.layers.filter(function (l) { return l.id !== layerId; });
      return true;
    },

    _load: function (spec) {
      var self = this, pane = function () { return self.panes.paneFor(spec.id); };
      if (spec.raster || spec.tiles) {
        var tiles = spec.raster ? new L.Xixia.RasterLayer(spec, pane()) : new L.Xixia.TiledLayer(spec, pane());
        this.idle.watchTiles(tiles);
        this.layers[spec.id] = tiles;
        if (spec.visible) { tiles.addTo(this.map); }
        return Promise.resolve();
      }
      // A page outside the app (a standalone export) has no Python to show details: popups do.
      var layer = new L.Xixia.FeatureLayer(spec, { panes: this.panes, popups: !this.bridge.inQt() });
      this.layers[spec.id] = layer;
      layer.on("featureclick", function (e) { this._onFeatureClick(spec.id, e.fid, e.clickEvent); }, this);
      layer.on("filtered", function (e) {
        if (e.hidden.indexOf(this.selection.selected()) >= 0) { this.selection.clear(); }
      }, this);
      if (spec.visible) { layer.addTo(this.map); }
      this.idle.started();
      // A layer replaced while its data was on the way (the register saves edits
      // in quick succession) must not build into its successor's group.
      // Nor is the data of a layer removed meanwhile (a project opened over it) an
      // error when it is no longer served: only a current layer's failure is one.
      return layer.fetchData().then(function (json) { if (self.layers[spec.id] === layer) { self._built(layer, json); } })
        .catch(function (err) { if (self.layers[spec.id] === layer) { self.send("jsError", String(err)); } })
        .then(function () { self.idle.finished(); });
    },

    _built: function (layer, json) {
      layer.build(json);
      if (layer.spec.shown) { this.showOnly(layer.spec.id, layer.spec.shown); }
      this.updateLabels();
      this.fire("layerbuilt", { layer: layer });
    },

    updateLabels: function () {
      var zoom = this.map.getZoom(), layers = this.layers;
      Object.keys(layers).forEach(function (id) { if (layers[id].labels) { layers[id].labels.update(zoom); } });
    },

    // Is a visible layer Python draws (and identifies) above this one? Then Python
    // decides what the click hit, so the topmost layer wins as in any GIS.
    _drawnAbove: function (layerId) {
      var ids = this.config.layers.map(function (l) { return l.id; }), at = ids.indexOf(layerId), self = this;
      return ids.slice(at + 1).some(function (id) {
        var layer = self.layers[id];
        return layer && layer.kind !== "features" && self.map.hasLayer(layer);
      });
    },

    _onFeatureClick: function (layerId, fid, event) {
      if (this.isDrawing()) { return; }  // the click goes on to the map, where Geoman places a vertex
      if (event && event.originalEvent) { L.DomEvent.stopPropagation(event.originalEvent); }
      if (event) { L.DomEvent.stopPropagation(event); }
      if (this.measure.enabled() && event && event.latlng) { this.measure.addPoint(event.latlng); return; }
      var zoom = this.map.getZoom(), connected = this.bridge.isConnected();
      if (event && event.latlng && connected && this._drawnAbove(layerId)) {
        this.selection.clear();
        this.send("featureClickedAt", layerId, fid, event.latlng.lat, event.latlng.lng, zoom);
        return;
      }
      this.selection.select(layerId, fid, false);
      this.send("featureClicked", layerId, fid);
      // Python looks for other features under the same spot and offers a choice.
      if (event && event.latlng && connected) { this.send("clickedAt", event.latlng.lat, event.latlng.lng, zoom); }
    },

    _onMapClick: function (e) {
      if (this.isDrawing()) { return; }  // Geoman places the vertex
      if (this.measure.enabled()) { this.measure.addPoint(e.latlng); return; }
      if (this.editing && this.editing.takesMapClick(e.latlng)) { return; }
      this.selection.clear();
      if (this.bridge.isConnected()) { this.send("mapClicked", e.latlng.lat, e.latlng.lng, this.map.getZoom()); }
    },

    _announceReady: function () {
      if (this.idle.ready && (this.bridge.isConnected() || !this.bridge.inQt())) {
        this.send("pageReady", this.viewState());
        this.idle.maybe();
      }
    },

    viewState: function () {
      var map = this.map, b = map.getBounds(), c = map.getCenter();
      return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth(),
               zoom: map.getZoom(), lat: c.lat, lng: c.lng, width: map.getSize().x, height: map.getSize().y };
    },

    isIdle: function () { return this.idle.isIdle(); },

    setVisible: function (layerId, visible) {
      var layer = this.layers[layerId];
      if (!layer) { return false; }
      layer.spec.visible = !!visible;
      if (visible && !this.map.hasLayer(layer)) { layer.addTo(this.map); this.selection.restoreStyle(); }
      if (!visible && this.map.hasLayer(layer)) { this.map.removeLayer(layer); }
      return true;
    },

    setOpacity: function (layerId, opacity) {
      var layer = this.layers[layerId];
      if (!layer) { return false; }
      layer.spec.opacity = Math.max(0, Math.min(1, Number(opacity)));
      layer.setOpacity(layer.spec.opacity);
      if (layer.geo) { this.selection.restoreStyle(); }  // the restyled features lost their selection's style
      return true;
    },

    setOrder: function (ids) { return this.panes.setOrder(ids); },

    setLabelField: function (layerId, field) {
      var layer = this.layers[layerId];
      if (!layer) { return false; }
      if (layer.labels) { layer.labels.setField(field); } else { layer.spec.label_field = field; }
      return true;
    },

    showOnly: function (layerId, ids) {
      var layer = this.layers[layerId];
      if (!layer) { return false; }
      if (!layer.showOnly) { layer.spec.shown = ids; return false; }  // drawn by Python, which filters it
      var shown = layer.showOnly(ids);
      if (shown !== false) { this.idle.maybe(); }
      return shown;
    },

    featureCount: function (layerId) {
      var layer = this.layers[layerId];
      return layer ? layer.featureCount() : -1;
    },

    // See bitmap_tiles.js: Python sends, once the map is idle, the tiles of a
    // large layer worth fetching before they are asked for.
    preloadTiles: function (layerId, tiles) {
      var layer = this.layers[layerId];
      if (!layer || layer.kind !== "tiles" || !this.map.hasLayer(layer) || !this.isIdle()) { return -1; }
      return layer.planPreload(tiles);
    },

    zoomToFeature: function (layerId, fid) {
      var layer = this.feature(layerId, fid), map = this.map;
      if (!layer) { return false; }
      this.refit.forget();
      var props = (layer.feature && layer.feature.properties) || {}, accuracy = Number(props.accuracy_m);
      if (layer.getLatLng && props.estimated === true && accuracy > 0) {
        // Never closer than the position allows: the whole circle of its accuracy stays in view.
        map.fitBounds(layer.getLatLng().toBounds(2 * accuracy), { padding: [20, 20], maxZoom: 16 });
      } else if (layer.getLatLng) { map.setView(layer.getLatLng(), Math.max(map.getZoom(), 13)); }
      else { map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 14 }); }
      return true;
    },

    zoomToLayer: function (layerId) {
      var layer = this.layers[layerId];
      if (layer && layer.kind !== "features") { this.send("zoomToLayerRequested", layerId); return true; }
      var bounds = layer && layer.bounds();
      if (!bounds || !bounds.isValid()) { return false; }
      this.refit.fit(bounds, [30, 30], { maxZoom: 14 });  // kept in view when the window is resized
      return true;
    },

    fitBounds: function (west, south, east, north) {
      this.refit.fit(L.latLngBounds([[south, west], [north, east]]), [0, 0]);
      return true;
    },

    setViewNoAnim: function (lng, lat, zoom) {
      this.refit.forget();
      this.map.setView([lat, lng], zoom, { animate: false });
      return true;
    },
  });
})();
