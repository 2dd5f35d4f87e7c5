/* The register's 编辑 mode on the map: points are dragged to their sites,
 * new projects placed by a click, and 红线 polygons drawn and reshaped with
 * Leaflet-Geoman (vertex drag; drag a midpoint to add a vertex; right-click a
 * vertex to delete it), as QGIS's vertex tool. Every finished edit goes to
 * Python with the zoom it was made at; Python keeps the edit (undo, save) and
 * redraws the layer. Loaded after map.js, whose internals it reaches through
 * window.xixia._core. Without the Geoman package (not fetched at install time)
 * points still work and drawing reports false.
 */
(function () {
  "use strict";

  var api = window.xixia, core = api._core, state = core.state;
  var REDLINE = { color: "#e41a1c", weight: 3, fillColor: "#e41a1c", fillOpacity: 0.08 };

  function hasGeoman() { return !!(window.L && L.PM && state.map && state.map.pm); }

  function geometryText(layer) { return JSON.stringify(layer.toGeoJSON().geometry); }

  function isArea(layer) { return layer instanceof L.Polygon; }

  function setReshaping(layerId, on) {
    var group = state.layers[layerId];
    if (!group || !group.xmGeo || !hasGeoman()) { return; }
    group.xmGeo.eachLayer(function (layer) {
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
            core.send("shapeEdited", layerId, String(layer.feature.properties.id), geometryText(layer),
                      state.map.getZoom());
          })();
        });
      }
    });
  }

  // In 编辑 mode only the selected point can be dragged, and it is raised above
  // the points stacked with it (待落图 projects share their township's seat):
  // a drag then moves the project the planner chose, never the one on top.
  function updateDragging(layerId) {
    var group = state.layers[layerId], on = !!state.draggable[layerId];
    if (!group || !group.xmGeo) { return; }
    group.xmGeo.eachLayer(function (layer) {
      if (!layer.dragging || isArea(layer)) { return; }
      var chosen = on && layer === state.selected;
      layer.dragging[chosen ? "enable" : "disable"]();
      if (layer.setZIndexOffset) { layer.setZIndexOffset(chosen ? 10000 : 0); }
    });
  }

  function setDraggable(layerId, on) {
    state.draggable[layerId] = !!on;
    updateDragging(layerId);
    setReshaping(layerId, on);
    return true;
  }

  function endDrawing(cancelled) {
    if (!state.drawing) { return; }
    state.drawing = null;
    if (hasGeoman()) { state.map.pm.disableDraw(); }
    if (cancelled) { core.send("drawingEnded"); }
  }

  function drawShape(layerId, fid) {
    if (!hasGeoman()) { return false; }
    endDrawing(false);
    var map = state.map;
    map.pm.setLang(state.config.lang === "en" ? "en" : "zh");
    state.drawing = { layerId: layerId, fid: String(fid) };
    map.pm.enableDraw("Polygon", { allowSelfIntersection: false, snappable: false, templineStyle: REDLINE,
                                   hintlineStyle: { color: REDLINE.color, dashArray: [5, 5] }, pathOptions: REDLINE });
    return true;
  }

  function onCreate(event) {
    var drawing = state.drawing, layer = event.layer;
    layer.remove();  // Python redraws the register with the new shape
    state.drawing = null;
    if (drawing) {
      core.send("shapeDrawn", drawing.layerId, drawing.fid, geometryText(layer), state.map.getZoom());
    }
    core.send("drawingEnded");
  }

  core.onInit.push(function (map) {
    if (!hasGeoman()) { return; }
    // Vertex handles above every layer pane (points are at 640, map.js PANES).
    map.createPane("xm-editing").style.zIndex = 700;
    map.pm.setGlobalOptions({ snappable: false, panes: { vertexPane: "xm-editing", markerPane: "xm-editing" } });
    map.on("pm:create", onCreate);
    document.addEventListener("keydown", function (e) { if (e.key === "Escape") { endDrawing(true); } });
  });
  core.onLayerBuilt.push(function (spec) {
    if (state.draggable[spec.id]) { setReshaping(spec.id, true); updateDragging(spec.id); }
  });
  core.onSelection.push(function (chosen, left) {
    [chosen, left].forEach(function (layer) { if (layer && layer.xmLayerId) { updateDragging(layer.xmLayerId); } });
  });

  api.setDraggable = setDraggable;
  api.drawShape = drawShape;
  api.setAddMode = function (on) {
    state.addMode = !!on;
    state.map.getContainer().style.cursor = on ? "crosshair" : "";
    return true;
  };
  api.dragFeatureTo = function (layerId, fid, lng, lat) {
    var layer = core.featureLayer(layerId, fid);
    // As a hand would: only a point that can be dragged now (the selected one) moves.
    if (!layer || !layer.setLatLng || !layer.dragging || !layer.dragging.enabled()) { return false; }
    layer.setLatLng([lat, lng]);
    layer.fire("dragend");
    return true;
  };
  // The container pixel of each vertex of an area feature's outer ring (tests drive real mouse events there).
  api.vertexPoints = function (layerId, fid) {
    var layer = core.featureLayer(layerId, fid);
    if (!layer || !isArea(layer)) { return null; }
    var ring = layer.getLatLngs()[0];
    if (Array.isArray(ring[0])) { ring = ring[0]; }
    return ring.map(function (ll) { var p = state.map.latLngToContainerPoint(ll); return [p.x, p.y]; });
  };
})();
