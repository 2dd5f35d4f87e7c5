/* The register's 编辑 mode on the map: points are dragged to their sites,
 * new projects placed by a click, and 红线 polygons drawn and reshaped with
 * Leaflet-Geoman (vertex drag; drag a midpoint to add a vertex; right-click a
 * vertex to delete it), as QGIS's vertex tool. Every finished edit goes to
 * Python with the zoom it was made at; Python keeps the edit (undo, save) and
 * redraws the layer. Without the Geoman package (not fetched at install time)
 * points still work and drawing reports false.
 *
 * A plugin of the page's client (client.js): L.Xixia.Editing, attached with
 * L.Xixia.Client.addInitHook. It reads the page only through the client's
 * public methods (layer, feature, the selection, send) and its events
 * ("layerbuilt", the selection's "change"); the client asks it isDrawing(),
 * isEditing() and takesMapClick(). A standalone export leaves this file out.
 */
(function () {
  "use strict";

  var REDLINE = { color: "#e41a1c", weight: 3, fillColor: "#e41a1c", fillOpacity: 0.08 };

  function geometryText(layer) { return JSON.stringify(layer.toGeoJSON().geometry); }

  function isArea(layer) { return layer instanceof L.Polygon; }

  L.Xixia.Editing = L.Class.extend({
    initialize: function (client) {
      this._client = client;
      this._map = client.map;
      this._draggable = {};  // layer id -> whether 编辑 mode is on for it
      this._addMode = false;  // a click on the map places a new project
      this._drawing = null;  // {layerId, fid} of the 红线 being drawn
      var map = this._map, self = this;
      if (this._hasGeoman()) {
        // Vertex handles above every layer pane (points are at 640, pane_order.js).
        map.createPane("xm-editing").style.zIndex = 700;
        map.pm.setGlobalOptions({ snappable: false, panes: { vertexPane: "xm-editing", markerPane: "xm-editing" } });
        map.on("pm:create", this._onCreate, this);
        document.addEventListener("keydown", function (e) { if (e.key === "Escape") { self._endDrawing(true); } });
      }
      client.on("layerbuilt", function (e) { this._onLayerBuilt(e.layer); }, this);
      client.selection.on("change", function (e) {
        [e.chosen, e.left].forEach(function (layer) { if (layer && layer.xmLayerId) { self._updateDragging(layer.xmLayerId); } });
      });
    },

    isDrawing: function () { return !!this._drawing; },

    isEditing: function () {
      var draggable = this._draggable;
      return Object.keys(draggable).some(function (k) { return draggable[k]; });
    },

    // In add mode a click on the map places a new project there (Python asks what it is).
    takesMapClick: function (latlng) {
      if (!this._addMode) { return false; }
      this._client.send("pointAdded", latlng.lat, latlng.lng, this._map.getZoom());
      return true;
    },

    setAddMode: function (on) {
      this._addMode = !!on;
      this._map.getContainer().style.cursor = on ? "crosshair" : "";
      return true;
    },

    setDraggable: function (layerId, on) {
      this._draggable[layerId] = !!on;
      this._updateDragging(layerId);
      this._setReshaping(layerId, on);
      return true;
    },

    drawShape: function (layerId, fid) {
      if (!this._hasGeoman()) { return false; }
      this._endDrawing(false);
      var map = this._map;
      map.pm.setLang(this._client.config.lang === "en" ? "en" : "zh");
      this._drawing = { layerId: layerId, fid: String(fid) };
      map.pm.enableDraw("Polygon", { allowSelfIntersection: false, snappable: false, templineStyle: REDLINE,
                                     hintlineStyle: { color: REDLINE.color, dashArray: [5, 5] }, pathOptions: REDLINE });
      return true;
    },

    _hasGeoman: function () { return !!(L.PM && this._map.pm); },

    _geo: function (layerId) {
      var layer = this._client.layer(layerId);
      return layer && layer.geo;
    },

    _onLayerBuilt: function (layer) {
      var layerId = layer.spec.id, client = this._client, map = this._map;
      // A dragged point's new place goes to Python with the zoom (its precision).
      layer.geo.eachLayer(function (marker) {
        if (!(marker instanceof L.Marker)) { return; }
        marker.on("dragend", function () {
          var at = marker.getLatLng();
          client.send("featureDragged", layerId, String(marker.feature.properties.id), at.lat, at.lng, map.getZoom());
        });
      });
      if (this._draggable[layerId]) { this._setReshaping(layerId, true); this._updateDragging(layerId); }
    },

    _setReshaping: function (layerId, on) {
      var geo = this._geo(layerId), client = this._client, map = this._map;
      if (!geo || !this._hasGeoman()) { return; }
      geo.eachLayer(function (layer) {
        if (!isArea(layer) || !layer.pm) { return; }
        if (!on) { layer.pm.disable(); return; }
        layer.pm.enable({ allowSelfIntersection: false, removeVertexOn: "contextmenu", draggable: false,
                          snappable: false, preventMarkerRemoval: false });
        if (!layer.xmReshapeBound) {
          layer.xmReshapeBound = true;
          // pm:edit follows a vertex drag, an added and a removed vertex. Geoman
          // also fires it when a drag of a midpoint has only begun (the vertex
          // exists, it has not moved yet): sent then, Python's redraw would end
          // the drag. So the edit is sent once no handle is being dragged.
          layer.on("pm:edit", function () {
            if (layer.xmEditPending) { return; }
            layer.xmEditPending = true;
            (function flush() {
              if (L.Draggable._dragging) { setTimeout(flush, 50); return; }
              layer.xmEditPending = false;
              client.send("shapeEdited", layerId, String(layer.feature.properties.id), geometryText(layer), map.getZoom());
            })();
          });
        }
      });
    },

    // In 编辑 mode only the selected point can be dragged, and it is raised above
    // the points stacked with it (待落图 projects share their township's seat):
    // a drag then moves the project the planner chose, never the one on top.
    _updateDragging: function (layerId) {
      var geo = this._geo(layerId), on = !!this._draggable[layerId], selected = this._client.selection.selected();
      if (!geo) { return; }
      geo.eachLayer(function (layer) {
        if (!layer.dragging || isArea(layer)) { return; }
        var chosen = on && layer === selected;
        layer.dragging[chosen ? "enable" : "disable"]();
        if (layer.setZIndexOffset) { layer.setZIndexOffset(chosen ? 10000 : 0); }
      });
    },

    _endDrawing: function (cancelled) {
      if (!this._drawing) { return; }
      this._drawing = null;
      if (this._hasGeoman()) { this._map.pm.disableDraw(); }
      if (cancelled) { this._client.send("drawingEnded"); }
    },

    _onCreate: function (event) {
      var drawing = this._drawing, layer = event.layer;
      layer.remove();  // Python redraws the register with the new shape
      this._drawing = null;
      if (drawing) {
        this._client.send("shapeDrawn", drawing.layerId, drawing.fid, geometryText(layer), this._map.getZoom());
      }
      this._client.send("drawingEnded");
    },
  });

  L.Xixia.Client.addInitHook(function () { this.editing = new L.Xixia.Editing(this); });

  function editing() { return L.Xixia.client.editing; }

  L.extend(window.xixia, {
    setDraggable: function (layerId, on) { return editing().setDraggable(layerId, on); },
    drawShape: function (layerId, fid) { return editing().drawShape(layerId, fid); },
    setAddMode: function (on) { return editing().setAddMode(on); },
  });
})();
