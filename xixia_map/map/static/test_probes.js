/* Test probes: members of window.xixia that only the tests (and the
 * benchmarks) call, and window.xixia._state, the page's internals as the tests
 * read them. The app's page loads this file only when XIXIA_MAP_TEST_PROBES=1
 * (tests/conftest.py sets it; map/view.py reads it); a standalone HTML export
 * never carries it, and a test that opens one runs this file in it. Loaded
 * after api.js; reads the page's client (L.Xixia.client) when called.
 */
(function () {
  "use strict";

  function client() { return L.Xixia.client; }

  function centre(layer) { return layer.getLatLng ? layer.getLatLng() : layer.getCenter(); }

  function pixel(latlng) {
    var p = client().map.latLngToContainerPoint(latlng);
    return [p.x, p.y];
  }

  var state = {};
  Object.defineProperties(state, {
    map: { get: function () { return client().map; } },
    layers: { get: function () { return client().layers; } },  // layer id -> its Leaflet layer
    features: {  // layer id -> feature id -> its Leaflet layer
      get: function () {
        var layers = client().layers, all = {};
        Object.keys(layers).forEach(function (id) { all[id] = layers[id].byId || {}; });
        return all;
      },
    },
    highlighted: { get: function () { return client().selection.highlighted; } },
    geometryHighlight: { get: function () { return client().selection.geometry; } },
    basemap: { get: function () { return client().basemap.layer; } },
    measure: { get: function () { return client().measure.current; } },
  });

  L.extend(window.xixia, {
    _state: state,
    featureCount: function (layerId) { return client().featureCount(layerId); },
    visibleLayers: function () {
      var c = client();
      return Object.keys(c.layers).filter(function (k) { return c.map.hasLayer(c.layers[k]); });
    },
    layerZ: function (layerId) { return client().panes.zOf(layerId); },
    tileCount: function (layerId) {
      var layer = client().layer(layerId);
      return layer && layer.kind === "tiles" ? layer.tileCount() : -1;
    },
    preloadState: function (layerId) {
      var layer = client().layer(layerId);
      return layer && layer.kind === "tiles" ? layer.preloadState() : null;
    },
    selectedId: function () {
      var chosen = client().selection.selected();
      return chosen ? chosen.feature.properties.id : null;
    },
    uncertaintyShown: function () { return !!client().selection.uncertainty; },
    // 占地分析's pieces on the map: how many polygons (a multipolygon's parts each), and their bounds
    // [west, south, east, north].
    piecesShown: function () {
      var pieces = client().selection.pieces, parts = 0;
      if (!pieces) { return null; }
      pieces.eachLayer(function (l) {
        var rings = l.getLatLngs();
        parts += Array.isArray(rings[0]) && Array.isArray(rings[0][0]) ? rings.length : 1;
      });
      var b = pieces.getBounds();
      return { count: parts, bounds: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] };
    },
    measureShown: function () { return client().measure.shown(); },
    clearMeasure: function () { return client().measure.clear(); },
    membersOf: function (layerId, fid) {
      var layer = client().feature(layerId, fid);
      return layer && layer.xmMembers ? layer.xmMembers.map(function (m) { return m.id; }) : [];
    },
    // The container pixel of a place, and of a feature (its point, or its centre).
    featurePointAt: function (lat, lng) { return pixel([lat, lng]); },
    // 分屏: where this view's cross-hair is drawn (null when hidden), in container pixels.
    crosshairPoint: function () { return client().crosshair.point(); },
    featurePoint: function (layerId, fid) {
      var layer = client().feature(layerId, fid);
      return layer ? pixel(centre(layer)) : null;
    },
    clickFeature: function (layerId, fid) {
      var layer = client().feature(layerId, fid);
      if (!layer) { return false; }
      layer.fire("click", { latlng: centre(layer) });
      return true;
    },
    // Elements of a layer's features on the page and displayed: an area with a
    // symbol at its centre counts twice.
    shownElements: function (layerId) {
      var layer = client().layer(layerId), byId = (layer && layer.byId) || {}, shown = 0;
      Object.keys(byId).forEach(function (fid) {
        [byId[fid], byId[fid].xmCentre].forEach(function (l) {
          var el = l && (l._icon || l._path);
          if (el && el.isConnected && getComputedStyle(el).display !== "none") { shown += 1; }
        });
      });
      return shown;
    },
    // As a hand would: only a point that can be dragged now (the selected one in 编辑 mode) moves.
    dragFeatureTo: function (layerId, fid, lng, lat) {
      var layer = client().feature(layerId, fid);
      if (!layer || !layer.setLatLng || !layer.dragging || !layer.dragging.enabled()) { return false; }
      layer.setLatLng([lat, lng]);
      layer.fire("dragend");
      return true;
    },
    // The container pixel of each vertex of an area feature's outer ring (tests drive real mouse events there).
    vertexPoints: function (layerId, fid) {
      var layer = client().feature(layerId, fid);
      if (!layer || !(layer instanceof L.Polygon)) { return null; }
      var ring = layer.getLatLngs()[0];
      if (Array.isArray(ring[0])) { ring = ring[0]; }
      return ring.map(pixel);
    },
    // The corners placed so far of a red line being drawn (geoman's working polygon).
    drawnVertexCount: function () {
      var draw = client().map.pm && client().map.pm.Draw.Polygon;
      return draw && draw._enabled && draw._layer ? draw._layer.getLatLngs().length : 0;
    },
  });
})();
