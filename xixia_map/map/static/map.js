/* Xixia Map client: builds Leaflet layers from the catalog config, talks to
 * Python over QWebChannel, and exposes a small API (window.xixia) that Python
 * calls with runJavaScript. Attribute text only ever reaches the DOM through
 * textContent, never innerHTML.
 */
(function () {
  "use strict";

  var HEX = /^#[0-9a-fA-F]{3,8}$/;
  var SELECT_COLOR = "#00b8d4";
  // Each layer draws in a pane of its own, stacked in the layer tree's order
  // (setOrder: the top of the tree on top, as QGIS draws), above the basemap
  // (200) and under the selection's panes and the tooltips (650).
  var LAYER_PANE_BASE = 401, LAYER_PANE_TOP = 620;
  var PANES = { uncertainty: ["xm-uncertainty", 630], selection: ["xm-points", 640] };

  var state = {
    map: null, config: null, bridge: null, layers: {}, features: {}, pending: 0,
    moving: false, selected: null, highlighted: [], tilesLoading: 0,
    draggable: {}, addMode: false, drawing: null,  // the register's 编辑 mode (editing.js)
    order: [], panes: {},  // layer ids bottom first; layer id -> its pane's name
  };
  var hooks = { onInit: [], onLayerBuilt: [], onSelection: [] };

  function paneZ(layerId) {
    var i = state.order.indexOf(String(layerId));
    if (i < 0) { i = state.order.length; }  // not ordered yet: on top until setOrder says
    return String(Math.min(LAYER_PANE_BASE + i, LAYER_PANE_TOP));
  }

  function paneFor(spec) {
    var id = String(spec.id), name = state.panes[id];
    if (!name) { name = state.panes[id] = "xm-layer-" + (Object.keys(state.panes).length + 1); }
    var pane = state.map.getPane(name) || state.map.createPane(name);
    pane.style.zIndex = paneZ(id);
    return name;
  }

  function setOrder(ids) {
    state.order = ids.map(String);
    Object.keys(state.panes).forEach(function (id) {
      var pane = state.map.getPane(state.panes[id]);
      if (pane) { pane.style.zIndex = paneZ(id); }
    });
    return true;
  }

  function color(value, fallback) { return HEX.test(value || "") ? value : fallback; }

  function textElement(tag, text, className) {
    var el = document.createElement(tag);
    el.textContent = text == null ? "" : String(text);
    if (className) { el.className = className; }
    return el;
  }

  // A planner's label settings (size, colour, halo), set as properties, never markup;
  // numbers and colours are checked, as they come from a project file.
  function labelElement(spec, text) {
    var el = textElement("span", text), l = (spec.style || {}).label;
    if (l) {
      var size = Number(l.size);
      if (size >= 6 && size <= 48) { el.style.fontSize = size + "px"; }
      el.style.color = color(l.color, "#222222");
      el.style.textShadow = l.halo ? "0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff" : "none";
    }
    return el;
  }

  function fillFor(spec, props) {
    var style = spec.style || {};
    var by = style.color_by, grad = style.graduated;
    if (grad && props && Array.isArray(grad.breaks)) {
      var v = Number(props[grad.field]);
      if (props[grad.field] !== null && props[grad.field] !== "" && isFinite(v)) {
        for (var i = 0; i < grad.breaks.length; i++) {
          if (v <= grad.breaks[i] || i === grad.breaks.length - 1) { return color(grad.colors[i], "#888888"); }
        }
      }
      return color(style.fill, "#888888");
    }
    if (by && props && Object.prototype.hasOwnProperty.call(by.values, props[by.field])) {
      return color(by.values[props[by.field]].color, "#888888");
    }
    return color(style.fill, "#888888");
  }

  function pathStyle(spec, props, opacity) {
    var s = spec.style || {};
    var style = {
      color: color(s.stroke, "#555555"), weight: s.weight || 2,
      opacity: (s.opacity == null ? 1 : s.opacity) * opacity,
      fillColor: fillFor(spec, props), fillOpacity: (s.fill_opacity == null ? 0.3 : s.fill_opacity) * opacity,
      dashArray: s.dash || (props && props.estimated === true ? "8 5" : null), pane: paneFor(spec),
    };
    if (spec.geometry === "LineString") { style.fill = false; }
    return style;
  }

  var SHAPES = {
    circle: function (r) { return '<circle cx="' + r + '" cy="' + r + '" r="' + (r - 1.5) + '"/>'; },
    square: function (r) { return '<rect x="1.5" y="1.5" width="' + (2 * r - 3) + '" height="' + (2 * r - 3) + '"/>'; },
    diamond: function (r) { return '<polygon points="' + r + ',1 ' + (2 * r - 1) + ',' + r + ' ' + r + ',' + (2 * r - 1) + ' 1,' + r + '"/>'; },
    triangle: function (r) { return '<polygon points="' + r + ',1 ' + (2 * r - 1) + ',' + (2 * r - 2) + ' 1,' + (2 * r - 2) + '"/>'; },
    star: function (r) {
      var pts = [];
      for (var i = 0; i < 10; i++) {
        var rad = i % 2 ? r * 0.45 : r - 1, a = Math.PI / 5 * i - Math.PI / 2;
        pts.push((r + rad * Math.cos(a)).toFixed(1) + "," + (r + rad * Math.sin(a)).toFixed(1));
      }
      return '<polygon points="' + pts.join(" ") + '"/>';
    },
  };

  function classMarker(spec, props) {
    var rule = spec.style && spec.style.color_by, v = rule && props && rule.values[props[rule.field]];
    return v && v.marker;
  }

  function markerIcon(spec, props) {
    // The radius comes from a project file: only a number may reach the SVG markup.
    // A class may have its own shape (城建设施: square built, diamond to finish, triangle to start),
    // so classes differ by more than a shade of blue.
    var s = spec.style || {}, r = Number(s.radius), shape = SHAPES[classMarker(spec, props) || s.marker] || SHAPES.circle;
    if (!(r >= 2 && r <= 40)) { r = 6; }
    var fill = fillFor(spec, props), g = '<g fill="' + fill + '" stroke="' + color(s.stroke, "#222222") + '" stroke-width="1.5">';
    // An estimated position is drawn hollow (its colour as the outline), a stand-in dashed as well:
    // a planner sees at a glance what is surveyed and what is only "around here".
    // Dashed, so even a white-filled symbol (the township seats) shows it; a stand-in dotted and paler.
    if (props && props.estimated === true) {
      var outline = /^#f{3}(f{3})?$/i.test(fill) ? color(s.stroke, "#222222") : fill;
      g = '<g fill="#ffffff" fill-opacity="0.85" stroke="' + outline + '" stroke-width="2"' +
          (props.stand_in === true ? ' stroke-dasharray="1,2" opacity="0.75"' : ' stroke-dasharray="3,2"') + ">";
    }
    var svg = '<svg xmlns="http://www.w3.org/2000/svg" width="' + 2 * r + '" height="' + 2 * r + '">' +
      g + shape(r) + "</g></svg>";
    return L.divIcon({ html: svg, className: "xm-marker xm-marker-" + spec.id, iconSize: [2 * r, 2 * r],
                       iconAnchor: [r, r], tooltipAnchor: [r, 0] });
  }

  // Shields sit mid-way along the longest segment, away from the towns at vertices.
  function shieldPoint(layer) {
    var latlngs = layer.getLatLngs(), best = 0, at = null;
    if (latlngs.length && Array.isArray(latlngs[0])) { latlngs = latlngs[0]; }
    for (var i = 1; i < latlngs.length; i++) {
      var d = latlngs[i - 1].distanceTo(latlngs[i]);
      if (d > best) {
        best = d;
        at = L.latLng((latlngs[i - 1].lat + latlngs[i].lat) / 2, (latlngs[i - 1].lng + latlngs[i].lng) / 2);
      }
    }
    return at || latlngs[0];
  }

  // Scale-dependent labels: style.label_min_zoom = {field, values: {value: minZoom}}.
  function labelMinZoom(spec, props) {
    var rule = spec.style && spec.style.label_min_zoom;
    if (!rule || !props) { return 0; }
    return rule.values[props[rule.field]] || 0;
  }

  // Points at the very same spot (two 街道 whose offices are not known, both put at
  // the county town) share one label, "白羽街道、莲花街道": drawn one over the
  // other, only the top one could be read.
  function mergeSharedLabels(spec) {
    var byId = state.features[spec.id], spots = {};
    if (spec.label_mode !== "permanent" || spec.geometry !== "Point" || !byId) { return; }
    Object.keys(byId).forEach(function (fid) {
      var layer = byId[fid];
      if (!layer.getLatLng || !layer.getTooltip()) { return; }
      var at = layer.getLatLng(), key = at.lat.toFixed(6) + "," + at.lng.toFixed(6);
      (spots[key] = spots[key] || []).push(layer);
    });
    Object.keys(spots).forEach(function (key) {
      var here = spots[key];
      if (here.length < 2) { return; }
      var names = here.map(function (l) { return l.feature.properties[spec.label_field]; });
      here[0].getTooltip().setContent(labelElement(spec, names.join(englishLabels(spec) ? " / " : "、")));
      here.slice(1).forEach(function (l) { l.xmLabelMerged = true; });
    });
  }

  // style.label_collapse = {field, value, below_zoom, label_zh, label_en}: below that
  // zoom, where the features' own labels are hidden, one label at their centre
  // stands for them all (the three 街道 as "县城" at county zoom).
  function addCollapsedLabel(spec, group) {
    var rule = spec.style && spec.style.label_collapse, byId = state.features[spec.id], lat = 0, lng = 0, n = 0;
    if (!rule || !byId) { return; }
    Object.keys(byId).forEach(function (fid) {
      var layer = byId[fid];
      if (!layer.getLatLng || layer.feature.properties[rule.field] !== rule.value) { return; }
      lat += layer.getLatLng().lat; lng += layer.getLatLng().lng; n += 1;
    });
    if (!n) { return; }
    var tip = L.tooltip({ permanent: true, direction: "center", className: "xm-label xm-label-collapsed", interactive: false })
      .setLatLng([lat / n, lng / n]).setContent(textElement("span", collapsedText(spec)));
    tip.xmBelowZoom = rule.below_zoom;
    group.addLayer(tip);
    group.xmCollapsed = tip;
  }

  function englishLabels(spec) { return /_en$/.test(spec.label_field); }  // name_en, label_en (page.label_field)

  function collapsedText(spec) {
    var rule = spec.style.label_collapse;
    return englishLabels(spec) ? rule.label_en : rule.label_zh;
  }

  function updateLabelVisibility() {
    var zoom = state.map.getZoom();
    Object.keys(state.layers).forEach(function (layerId) {
      var tip = state.layers[layerId].xmCollapsed, el = tip && tip.getElement && tip.getElement();
      if (el) { el.style.display = zoom < tip.xmBelowZoom ? "" : "none"; }
    });
    Object.keys(state.features).forEach(function (layerId) {
      var byId = state.features[layerId];
      Object.keys(byId).forEach(function (fid) {
        var layer = byId[fid], tip = layer.getTooltip && layer.getTooltip();
        if (!tip || !(layer.xmMinZoom || layer.xmLabelMerged)) { return; }
        var el = tip.getElement && tip.getElement();
        if (el) { el.style.display = zoom >= layer.xmMinZoom && !layer.xmHidden && !layer.xmLabelMerged ? "" : "none"; }
      });
    });
  }

  function send(method) {
    var args = Array.prototype.slice.call(arguments, 1);
    if (state.bridge && state.bridge[method]) { state.bridge[method].apply(state.bridge, args); }
  }

  // Is a visible tiled (Python-drawn) layer above this one? Then Python decides
  // what the click hit, so the topmost layer wins as in any GIS.
  function tiledAbove(layerId) {
    var ids = state.config.layers.map(function (l) { return l.id; }), at = ids.indexOf(layerId);
    return ids.slice(at + 1).some(function (id) {
      var layer = state.layers[id];
      return layer && (layer.xmTiled || layer.xmRaster) && state.map.hasLayer(layer);
    });
  }

  function onFeatureClick(spec, fid, event) {
    if (state.drawing) { return; }  // the click goes on to the map, where Geoman places a vertex
    if (event && event.originalEvent) { L.DomEvent.stopPropagation(event.originalEvent); }
    if (event) { L.DomEvent.stopPropagation(event); }
    if (state.measure && event && event.latlng) { measureClick(event.latlng); return; }
    if (event && event.latlng && state.bridge && tiledAbove(spec.id)) {
      clearSelection();
      send("featureClickedAt", spec.id, fid, event.latlng.lat, event.latlng.lng, state.map.getZoom());
      return;
    }
    select(spec.id, fid, false);
    send("featureClicked", spec.id, fid);
    // Python looks for other features under the same spot and offers a choice.
    if (event && event.latlng && state.bridge) { send("clickedAt", event.latlng.lat, event.latlng.lng, state.map.getZoom()); }
  }

  function bindFeature(spec, feature, layer) {
    var props = feature.properties || {}, fid = String(props.id), label = props[spec.label_field];
    state.features[spec.id][fid] = layer;
    layer.xmMinZoom = labelMinZoom(spec, props);
    if (spec.label_mode === "permanent") {
      var centred = spec.geometry !== "Point";
      // A click on the label selects its feature (a town's name is where a planner clicks).
      var clickable = spec.identifiable !== false;
      layer.bindTooltip(labelElement(spec, label), {
        permanent: true, direction: centred ? "center" : "right", offset: centred ? [0, 0] : [4, 0],
        interactive: clickable, className: "xm-label" + (spec.style.label_class ? " " + spec.style.label_class : "") });
      if (clickable) {
        layer.getTooltip().on("click", function (e) {
          e.latlng = layer.getLatLng ? layer.getLatLng() : layer.getCenter();
          onFeatureClick(spec, fid, e);
        });
      }
    } else if (spec.label_mode === "shield" && layer.getLatLngs) {
      layer.bindTooltip(textElement("span", label), { sticky: true, className: "xm-tooltip" });
      L.tooltip({ permanent: true, direction: "center", className: "xm-shield", interactive: false })
        .setLatLng(shieldPoint(layer)).setContent(textElement("span", label)).addTo(state.layers[spec.id]);
    } else {
      layer.bindTooltip(textElement("span", label), { sticky: spec.geometry !== "Point", className: "xm-tooltip" });
    }
    layer.on("click", function (e) { onFeatureClick(spec, fid, e); });
    if (spec.details && !state.bridge) { layer.bindPopup(function () { return detailsTable(spec, props); }); }
  }

  // Standalone pages (HTML export) have no Python to ask, so they show details in a popup.
  function detailsTable(spec, props) {
    var table = document.createElement("table");
    table.className = "xm-popup";
    spec.details.forEach(function (pair) {
      var value = props[pair[0]];
      if (value === null || value === undefined || value === "") { return; }
      var row = table.insertRow();
      row.appendChild(textElement("th", pair[1]));
      row.appendChild(textElement("td", value));
    });
    return table;
  }

  function buildLayer(spec, data) {
    var group = state.layers[spec.id];
    var members = {};  // area id -> [{id, label}]: features whose site is unknown inside that area
    var geo = L.geoJSON(data, {
      // A reference layer (the county outline) is not identified by a click, and shows no
      // tooltip following the mouse across the whole county.
      interactive: spec.identifiable !== false,
      filter: function (f) {
        var within = f.properties && f.properties.within;
        if (!within) { return true; }
        (members[within] = members[within] || []).push({ id: String(f.properties.id), label: f.properties[spec.label_field] });
        return false;
      },
      style: function (f) { return pathStyle(spec, f.properties, spec.opacity); },
      pointToLayer: function (f, latlng) {
        var marker = L.marker(latlng, { icon: markerIcon(spec, f.properties), pane: paneFor(spec),
                                        opacity: spec.opacity, riseOnHover: true, draggable: false });
        // 编辑 mode: a dragged point's new place goes to Python with the zoom (its precision).
        marker.on("dragend", function () {
          var at = marker.getLatLng();
          send("featureDragged", spec.id, String(f.properties.id), at.lat, at.lng, state.map.getZoom());
        });
        return marker;
      },
      onEachFeature: function (f, layer) { bindFeature(spec, f, layer); },
    });
    group.addLayer(geo);
    group.xmGeo = geo;
    if (spec.geometry === "LineString" && spec.identifiable !== false) { addLineHits(spec, geo, group); }
    if (spec.style && spec.style.marker && spec.geometry === "Point") { markAreas(spec, geo, group); }
    listMembers(spec, group, members);
    mergeSharedLabels(spec);
    addCollapsedLabel(spec, group);
    if (spec.shown) { showOnly(spec.id, spec.shown); }
    updateLabelVisibility();
    hooks.onLayerBuilt.forEach(function (hook) { hook(spec); });
  }

  // A point layer whose features may also be areas (the register: a project's
  // 红线 replaces its point) keeps its symbol at each area's centre, so a small
  // site still shows at county zoom; a click on it selects the area.
  function markAreas(spec, geo, group) {
    geo.eachLayer(function (layer) {
      if (!(layer instanceof L.Polygon)) { return; }
      var props = layer.feature.properties, fid = String(props.id);
      var centre = L.marker(layer.getBounds().getCenter(), { icon: markerIcon(spec, props), pane: paneFor(spec),
                                                               opacity: spec.opacity, keyboard: false });
      centre.on("click", function (e) { onFeatureClick(spec, fid, e); });
      layer.xmCentre = centre;
      group.addLayer(centre);
    });
  }

  // A line is hard to hit: each gets an invisible 14 px wide twin that takes its
  // clicks and tooltip, so a click a few pixels beside a river selects the river
  // (points still win where their layer lies above the lines', as the catalog orders them).
  function addLineHits(spec, geo, group) {
    geo.eachLayer(function (layer) {
      var props = layer.feature.properties, fid = String(props.id);
      var hit = L.polyline(layer.getLatLngs(), { weight: 14, opacity: 0, pane: paneFor(spec), interactive: true });
      hit.bindTooltip(textElement("span", props[spec.label_field]), { sticky: true, className: "xm-tooltip" });
      hit.on("click", function (e) { onFeatureClick(spec, fid, e); });
      layer.xmHit = hit;
      group.addLayer(hit);
    });
  }

  // Features whose site is unknown inside an area are not drawn as invented
  // points: the area carries a badge with their count, a click on it selects
  // the area (the details panel lists them), and selecting one of them selects
  // its area.
  function listMembers(spec, group, members) {
    var byId = state.features[spec.id];
    Object.keys(members).forEach(function (areaId) {
      var area = byId[areaId];
      if (!area || !area.getBounds) { return; }
      var list = members[areaId], badge = document.createElement("span");
      badge.className = "xm-badge";
      badge.textContent = String(list.length);
      var marker = L.marker(area.getBounds().getCenter(), {
        icon: L.divIcon({ html: badge, className: "xm-badge-icon", iconSize: [22, 22], iconAnchor: [-6, 22] }),
        pane: paneFor(spec), keyboard: false });
      marker.bindTooltip(textElement("span", list.map(function (m) { return m.label; }).join("\n")),
                         { className: "xm-tooltip xm-members" });
      marker.on("click", function (e) { onFeatureClick(spec, areaId, e); });
      group.addLayer(marker);
      area.xmMembers = list;
      group.xmListed = (group.xmListed || 0) + list.length;
      list.forEach(function (m) { byId[m.id] = area; });  // a member selects, zooms to, its area
    });
  }

  // A filter over a layer's features (the register's lifecycle view). A
  // filtered-out feature stays on the map with its element hidden: taking
  // 1 800 markers off and putting them back cost ~200 ms (their icons are
  // rebuilt), a display toggle a few. Leaflet rebuilds an icon when its layer
  // is shown again, so the hiding is re-applied on "add".
  function setHidden(layer, hidden) {
    layer.xmHidden = hidden;
    var element = layer._icon || layer._path;
    if (element) { element.style.display = hidden ? "none" : ""; }
    if (layer._shadow) { layer._shadow.style.display = hidden ? "none" : ""; }
    var tip = layer.getTooltip && layer.getTooltip(), label = tip && tip.options.permanent && tip.getElement();
    if (label) { label.style.display = hidden ? "none" : ""; }
    else if (hidden && tip && layer.isTooltipOpen()) { layer.closeTooltip(); }
    if (layer.xmCentre) { setHidden(layer.xmCentre, hidden); }
  }

  function keepHidden(layer) {
    layer.on("add", function () { if (layer.xmHidden) { setHidden(layer, true); } });
  }

  function showOnly(layerId, ids) {
    var group = state.layers[layerId], byId = state.features[layerId], spec = styleOf(layerId);
    if (spec) { spec.shown = ids; }  // a layer still loading applies it when built
    if (!group || !group.xmGeo || !byId) { return false; }
    var keep = ids ? {} : null;
    if (ids) { ids.forEach(function (id) { keep[String(id)] = true; }); }
    var shown = 0;
    Object.keys(byId).forEach(function (fid) {
      var layer = byId[fid], on = !keep || keep[fid] === true;
      shown += on ? 1 : 0;
      if (on === !layer.xmHidden) { return; }
      if (!layer.xmHideBound) { layer.xmHideBound = true; keepHidden(layer); if (layer.xmCentre) { keepHidden(layer.xmCentre); } }
      setHidden(layer, !on);
      if (!on && state.selected === layer) { clearSelection(); }
    });
    maybeIdle();
    return shown;
  }

  // Large layers arrive as image tiles drawn in Python; clicks are identified there.
  function loadTiledLayer(spec) {
    // The tiles lie in the layer's own pane (its place in the tree's order).
    // tileSize/zoomOffset/padding: see TILE_PX and CANVAS_PADDING in layer_tiles.py.
    var layer = new window.XixiaBitmapTileLayer(spec.tiles, {
      pane: paneFor(spec), opacity: spec.opacity, tileSize: spec.tile_px,
      zoomOffset: spec.zoom_offset || 0, padding: spec.canvas_padding, minNativeZoom: 1, maxNativeZoom: 19,
      zIndex: 201,
    });
    layer.on("loading", function () { state.tilesLoading += 1; });
    layer.on("load", function () { state.tilesLoading = Math.max(0, state.tilesLoading - 1); maybeIdle(); });
    layer.xmTiled = true;
    layer.xmCount = spec.count;
    state.layers[spec.id] = layer;
    state.features[spec.id] = {};
    if (spec.visible) { layer.addTo(state.map); }
    return Promise.resolve();
  }

  // Rasters are read window by window in Python (raster_tiles.py) and shown as
  // an ordinary tile layer, limited to their extent so no empty tile is asked for.
  function loadRasterLayer(spec) {
    var b = spec.raster_bounds, offset = Math.round(Math.log2(spec.tile_px / 256));
    var layer = L.tileLayer(spec.raster, {
      // tile_px 512 drawn as 512 CSS px at zoomOffset -1: a quarter of the requests (raster_tiles.py).
      // Leaflet clamps the map zoom to maxNativeZoom before adding the offset.
      pane: paneFor(spec), opacity: spec.opacity, tileSize: spec.tile_px, zoomOffset: -offset,
      maxNativeZoom: spec.max_native_zoom + offset, maxZoom: 22, bounds: L.latLngBounds([b[1], b[0]], [b[3], b[2]]),
      keepBuffer: 1,
    });
    layer.on("loading", function () { state.tilesLoading += 1; });
    layer.on("load", function () { state.tilesLoading = Math.max(0, state.tilesLoading - 1); maybeIdle(); });
    layer.xmRaster = true;
    layer.xmCount = 1;
    state.layers[spec.id] = layer;
    state.features[spec.id] = {};
    if (spec.visible) { layer.addTo(state.map); }
    return Promise.resolve();
  }

  function loadLayer(spec) {
    if (spec.raster) { return loadRasterLayer(spec); }
    if (spec.tiles) { return loadTiledLayer(spec); }
    var group = state.layers[spec.id] = L.featureGroup();
    state.features[spec.id] = {};
    if (spec.visible) { group.addTo(state.map); }
    state.pending += 1;
    var data = spec.data ? Promise.resolve(spec.data) : fetch(spec.url).then(function (r) {
      if (!r.ok) { throw new Error(spec.url + ": HTTP " + r.status); }
      return r.json();
    });
    // A layer replaced while its data was on the way (the register saves edits
    // in quick succession) must not build into its successor's group.
    return data.then(function (json) { if (state.layers[spec.id] === group) { buildLayer(spec, json); } })
      .catch(function (err) { send("jsError", String(err)); })
      .then(function () { state.pending -= 1; maybeIdle(); });
  }

  function isIdle() { return state.pending === 0 && !state.moving && state.tilesLoading === 0 && state.ready; }

  // Idle is reported two animation frames after the last change, when the
  // compositor has drawn it, so a capture taken on this signal is complete.
  function maybeIdle() {
    if (!isIdle()) { return; }
    requestAnimationFrame(function () {
      requestAnimationFrame(function () { if (isIdle()) { send("mapIdle", viewState()); } });
    });
  }

  function viewState() {
    var b = state.map.getBounds(), c = state.map.getCenter();
    return { west: b.getWest(), south: b.getSouth(), east: b.getEast(), north: b.getNorth(),
             zoom: state.map.getZoom(), lat: c.lat, lng: c.lng,
             width: state.map.getSize().x, height: state.map.getSize().y };
  }

  function styleOf(specId) { return state.config.layers.filter(function (l) { return l.id === specId; })[0]; }

  function applyOpacity(specId) {
    var spec = styleOf(specId), group = state.layers[specId];
    if (group && (group.xmTiled || group.xmRaster)) { group.setOpacity(spec.opacity); return; }
    if (!group || !group.xmGeo) { return; }
    group.xmGeo.eachLayer(function (layer) {
      if (layer.setOpacity) { layer.setOpacity(spec.opacity); }
      else if (layer.setStyle) { layer.setStyle(pathStyle(spec, layer.feature.properties, spec.opacity)); }
    });
    // Route shields and the symbols at area centres fade with their layer too.
    group.eachLayer(function (layer) {
      if (layer === group.xmGeo || layer.options.opacity === 0) { return; }  // the line hit twins stay invisible
      if (layer instanceof L.Tooltip) { layer.setOpacity(spec.opacity); }
      else if (layer instanceof L.Marker) { layer.setOpacity(spec.opacity); }
    });
    restoreSelectionStyle();
  }

  function markSelected(layer, on) {
    if (layer.setStyle) {
      var spec = styleOf(layer.xmLayerId), base = pathStyle(spec, layer.feature.properties, spec.opacity);
      layer.setStyle(on ? { color: SELECT_COLOR, weight: base.weight + 3, opacity: 1 } : base);
      if (on && layer.bringToFront && state.map.hasLayer(layer)) { layer.bringToFront(); }
    } else if (layer._icon) {
      L.DomUtil[on ? "addClass" : "removeClass"](layer._icon, "xm-selected");
    }
    layer.xmSelected = on;
  }

  function featureLayer(layerId, fid) {
    var byId = state.features[layerId];
    var layer = byId && byId[String(fid)];
    if (layer) { layer.xmLayerId = layerId; }
    return layer || null;
  }

  function restoreSelectionStyle() {
    state.highlighted.forEach(function (l) { markSelected(l, true); });
    if (state.selected) { markSelected(state.selected, true); }
  }

  // The selected feature of a tiled layer, drawn from geometry Python sends.
  function showGeometry(geojson) {
    if (state.geometryHighlight) { state.map.removeLayer(state.geometryHighlight); }
    state.geometryHighlight = geojson ? L.geoJSON(geojson, {
      style: function () { return { color: SELECT_COLOR, weight: 4, fillOpacity: 0.15, pane: "xm-points" }; },
      pointToLayer: function (f, ll) { return L.circleMarker(ll, { radius: 9, color: SELECT_COLOR, weight: 3 }); },
      interactive: false,
    }).addTo(state.map) : null;
    return true;
  }

  // The selected feature's accuracy: a circle round a point, a band along a
  // line (Python computes it, data/uncertainty.py), under the features.
  function showUncertainty(geojson) {
    if (state.uncertainty) { state.map.removeLayer(state.uncertainty); state.uncertainty = null; }
    if (!geojson) { return true; }
    state.uncertainty = L.geoJSON(geojson, {
      style: function () { return { color: "#d6604d", weight: 1.5, dashArray: "6 4", fillColor: "#d6604d",
                                    fillOpacity: 0.08, pane: PANES.uncertainty[0], interactive: false }; },
      interactive: false,
    }).addTo(state.map);
    return true;
  }

  function clearSelection() {
    showGeometry(null);
    showUncertainty(null);
    var had = state.selected;
    if (state.selected) { markSelected(state.selected, false); state.selected = null; }
    state.highlighted.forEach(function (l) { markSelected(l, false); });
    state.highlighted = [];
    if (had) { hooks.onSelection.forEach(function (hook) { hook(null, had); }); }
  }

  function select(layerId, fid, zoom) {
    var layer = featureLayer(layerId, fid);
    if (!layer) { return false; }
    clearSelection();
    state.selected = layer;
    markSelected(layer, true);
    hooks.onSelection.forEach(function (hook) { hook(layer, null); });
    if (zoom) { zoomToFeature(layerId, fid); }
    return true;
  }

  function highlight(pairs) {
    clearSelection();
    var found = [];
    pairs.forEach(function (p) {
      var layer = featureLayer(p[0], p[1]);
      if (layer) { markSelected(layer, true); found.push(layer); }
    });
    state.highlighted = found;
    return found.length;
  }

  function zoomToFeature(layerId, fid) {
    var layer = featureLayer(layerId, fid);
    if (!layer) { return false; }
    state.refit = null;
    var props = (layer.feature && layer.feature.properties) || {}, accuracy = Number(props.accuracy_m);
    if (layer.getLatLng && props.estimated === true && accuracy > 0) {
      // Never closer than the position allows: the whole circle of its accuracy stays in view.
      state.map.fitBounds(layer.getLatLng().toBounds(2 * accuracy), { padding: [20, 20], maxZoom: 16 });
    } else if (layer.getLatLng) { state.map.setView(layer.getLatLng(), Math.max(state.map.getZoom(), 13)); }
    else { state.map.fitBounds(layer.getBounds(), { padding: [30, 30], maxZoom: 14 }); }
    return true;
  }

  function zoomToLayer(layerId) {
    var group = state.layers[layerId];
    if (group && (group.xmTiled || group.xmRaster)) { send("zoomToLayerRequested", layerId); return true; }
    if (!group || !group.xmGeo) { return false; }
    var bounds = group.xmGeo.getBounds();
    if (!bounds.isValid()) { return false; }
    state.map.fitBounds(bounds, { padding: [30, 30], maxZoom: 14 });
    state.refit = { bounds: bounds, padding: [30, 30] };  // kept in view when the window is resized
    return true;
  }

  function setVisible(layerId, visible) {
    var group = state.layers[layerId], spec = styleOf(layerId);
    if (!group) { return false; }
    spec.visible = !!visible;
    if (visible && !state.map.hasLayer(group)) { group.addTo(state.map); restoreSelectionStyle(); }
    if (!visible && state.map.hasLayer(group)) { state.map.removeLayer(group); }
    return true;
  }

  // See bitmap_tiles.js: Python sends, once the map is idle, the tiles of a
  // large layer worth fetching before they are asked for.
  function preloadTiles(layerId, tiles) {
    var layer = state.layers[layerId];
    if (!layer || !layer.xmTiled || !state.map.hasLayer(layer) || !isIdle()) { return -1; }
    return layer.planPreload(tiles);
  }

  function setOpacity(layerId, opacity) {
    var spec = styleOf(layerId);
    if (!spec) { return false; }
    spec.opacity = Math.max(0, Math.min(1, Number(opacity)));
    applyOpacity(layerId);
    return true;
  }

  function featureCount(layerId) {
    var group = state.layers[layerId];
    if (group && (group.xmTiled || group.xmRaster)) { return group.xmCount; }
    // Drawn features, and those listed on an area (site unknown inside it): every feature is accounted for.
    return group && group.xmGeo ? group.xmGeo.getLayers().filter(function (l) { return !l.xmHidden; }).length +
      (group.xmListed || 0) : -1;
  }

  function connectBridge() {
    if (typeof qt === "undefined" || typeof QWebChannel === "undefined") { return; }
    new QWebChannel(qt.webChannelTransport, function (channel) {
      state.bridge = channel.objects.bridge;
      state.bridgeReady = true;
      announceReady();
    });
  }

  function announceReady() {
    if (state.ready && (state.bridgeReady || typeof qt === "undefined")) {
      send("pageReady", viewState());
      maybeIdle();
    }
  }

  var lastMove = 0;
  function init(map, config) {
    state.map = map;
    state.config = config;
    Object.keys(PANES).forEach(function (kind) {
      var pane = map.createPane(PANES[kind][0]);
      pane.style.zIndex = PANES[kind][1];
    });
    state.order = (config.layers || []).map(function (l) { return String(l.id); });
    map.createPane("xm-measure").style.zIndex = 660;  // a measurement above every layer
    map.on("movestart zoomstart", function () { state.moving = true; });
    map.on("moveend zoomend", function () {
      state.moving = false;
      updateLabelVisibility();
      send("viewChanged", viewState());
      maybeIdle();
    });
    map.on("click", function (e) {
      if (state.drawing) { return; }  // Geoman places the vertex
      if (state.measure) { measureClick(e.latlng); return; }
      if (state.addMode) { send("pointAdded", e.latlng.lat, e.latlng.lng, state.map.getZoom()); return; }
      clearSelection();
      if (state.bridge) { send("mapClicked", e.latlng.lat, e.latlng.lng, state.map.getZoom()); }
    });
    // The app's own menu on a right-click (copy coordinates, measure, identify);
    // in 编辑 mode a right-click on a 红线 vertex deletes it instead.
    map.on("contextmenu", function (e) {
      var editing = Object.keys(state.draggable).some(function (k) { return state.draggable[k]; });
      if (state.bridge && !editing && !state.drawing) {
        send("contextMenuAt", e.latlng.lat, e.latlng.lng, state.map.getZoom());
      }
    });
    // Escape clears the selection, as in a GIS (editing.js ends a drawing first).
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && (state.measure || state.measureResult)) {
        var measuring = !!state.measure;  // Esc ends a measurement under way and clears what it drew
        stopMeasure();
        clearMeasure();
        if (measuring) { send("measureEnded"); }
      }
      if (e.key === "Escape" && !state.drawing && (state.selected || state.highlighted.length || state.uncertainty)) {
        clearSelection();
        send("selectionCleared");
      }
    });
    map.on("mousemove", function (e) {
      var now = Date.now();
      if (now - lastMove > 50) { lastMove = now; send("mouseMoved", e.latlng.lat, e.latlng.lng); }
    });
    if (config.bounds) {
      var home = L.latLngBounds([[config.bounds[1], config.bounds[0]], [config.bounds[3], config.bounds[2]]]);
      map.fitBounds(home);
      state.refit = { bounds: home, padding: [0, 0] };
    }
    // While the planner has not moved the map, a resized window still shows what was fitted
    // (the whole county at 1024 × 700 as at 1600 × 1000); any pan, zoom or key ends that.
    ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (type) {
      map.getContainer().addEventListener(type, function () { state.refit = null; }, true);
    });
    map.on("resize", function () {
      if (state.refit) { map.fitBounds(state.refit.bounds, { padding: state.refit.padding, animate: false }); }
    });
    // Metres and kilometres only (a Chinese map has no miles), and no library credit on
    // the map (Leaflet's licence asks for none; a basemap's own attribution still shows).
    L.control.scale({ imperial: false, maxWidth: 140 }).addTo(map);
    if (map.attributionControl) { map.attributionControl.setPrefix(false); }
    hooks.onInit.forEach(function (hook) { hook(map); });
    connectBridge();
    if (config.basemap) { setBasemap(config.basemap); }
    Promise.all(config.layers.map(loadLayer)).then(function () {
      state.ready = true;
      announceReady();
    });
  }

  // Measuring: clicks add vertices; Python does the geodesic maths.
  // Measuring: clicks add vertices; Python does the geodesic maths and sends
  // back each leg's length and the result, shown on the map. The drawing lies in
  // its own pane above every layer, and stays after measuring ends until the next
  // measurement or Esc.
  function startMeasure(kind) {
    clearMeasure();
    state.measure = { kind: kind, points: [], group: L.featureGroup().addTo(state.map) };
    state.map.doubleClickZoom.disable();
    L.DomUtil.addClass(state.map.getContainer(), "xm-measuring");
    return true;
  }

  function measureClick(latlng) {
    var m = state.measure;
    m.points.push(latlng);
    m.group.clearLayers();
    var style = { color: "#ff6f00", weight: 3, dashArray: "6 4", fillOpacity: 0.15, interactive: false,
                  pane: "xm-measure" };
    m.group.addLayer(m.kind === "area" ? L.polygon(m.points, style) : L.polyline(m.points, style));
    m.points.forEach(function (p) {
      m.group.addLayer(L.circleMarker(p, { radius: 4, color: "#ff6f00", weight: 2, fillColor: "#ffffff",
                                           fillOpacity: 1, pane: "xm-measure", interactive: false }));
    });
    send("measureChanged", m.kind, JSON.stringify(m.points.map(function (p) { return [p.lng, p.lat]; })));
  }

  function measureLabels(legs, total) {
    var m = state.measure || state.measureResult;
    if (!m) { return false; }
    (m.labels || []).forEach(function (l) { m.group.removeLayer(l); });
    m.labels = [];
    legs.forEach(function (text, i) {
      var a = m.points[i], b = m.points[i + 1];
      if (!a || !b) { return; }
      m.labels.push(L.tooltip({ permanent: true, direction: "center", className: "xm-measure-label", interactive: false })
        .setLatLng([(a.lat + b.lat) / 2, (a.lng + b.lng) / 2]).setContent(textElement("span", text)));
    });
    if (total) {
      m.labels.push(L.tooltip({ permanent: true, direction: "right", offset: [8, 0], className: "xm-measure-total",
                                interactive: false })
        .setLatLng(m.points[m.points.length - 1]).setContent(textElement("span", total)));
    }
    m.labels.forEach(function (l) { m.group.addLayer(l); });
    return true;
  }

  function clearMeasure() {
    [state.measure, state.measureResult].forEach(function (m) { if (m && m.group) { state.map.removeLayer(m.group); } });
    state.measureResult = null;
    return true;
  }

  function stopMeasure() {
    if (state.measure && state.measure.points.length > 1) { state.measureResult = state.measure; }
    else if (state.measure && state.measure.group) { state.map.removeLayer(state.measure.group); }
    state.measure = null;
    if (state.map) {
      state.map.doubleClickZoom.enable();
      L.DomUtil.removeClass(state.map.getContainer(), "xm-measuring");
    }
    return true;
  }

  var EMPTY_TILE = "data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7";

  // The basemap: a tile layer under every data pane; its loading counts against idle.
  function setBasemap(cfg) {
    if (state.basemap) {
      if (state.basemap.isLoading && state.basemap.isLoading()) { state.tilesLoading = Math.max(0, state.tilesLoading - 1); }
      state.map.removeLayer(state.basemap);
      state.basemap = null;
    }
    if (cfg) {
      var options = {
        maxNativeZoom: cfg.maxNativeZoom, minNativeZoom: cfg.minNativeZoom || 0, maxZoom: 19,
        attribution: cfg.attribution || "", keepBuffer: 1,
      };
      var layer;
      if (cfg.embedded) {
        // A standalone export's basemap: its tiles carried in the page (data: URIs),
        // a tile it does not carry drawn as nothing. No request leaves the file.
        var Embedded = L.TileLayer.extend({
          getTileUrl: function (coords) {
            return cfg.embedded[coords.z + "/" + coords.x + "/" + coords.y] || EMPTY_TILE;
          },
        });
        layer = new Embedded("", options);
      } else {
        layer = L.tileLayer(cfg.url, options);
      }
      layer.on("loading", function () { state.tilesLoading += 1; });
      layer.on("load", function () { state.tilesLoading = Math.max(0, state.tilesLoading - 1); maybeIdle(); });
      layer.addTo(state.map);
      state.basemap = layer;
    }
    maybeIdle();
    return true;
  }

  // Layers added after start-up (the user's files), removed, or whose data changed.
  function addLayer(spec) {
    if (state.layers[spec.id]) { removeLayer(spec.id); }
    state.config.layers.push(spec);
    return loadLayer(spec).then(function () { return featureCount(spec.id); });
  }

  function removeLayer(layerId) {
    var group = state.layers[layerId];
    if (!group) { return false; }
    if (state.selected && state.selected.xmLayerId === layerId) { state.selected = null; }
    state.highlighted = state.highlighted.filter(function (l) { return l.xmLayerId !== layerId; });
    state.map.removeLayer(group);
    delete state.layers[layerId];
    delete state.features[layerId];
    state.config.layers = state.config.layers.filter(function (l) { return l.id !== layerId; });
    return true;
  }

  // The window's language changed: the same features, labelled from another field.
  function setLabelField(layerId, field) {
    var spec = styleOf(layerId), byId = state.features[layerId];
    if (!spec || !byId) { return false; }
    spec.label_field = field;
    Object.keys(byId).forEach(function (fid) {
      var layer = byId[fid], tip = layer.getTooltip && layer.getTooltip();
      var props = layer.feature && layer.feature.properties;
      if (!tip || !props || spec.label_mode === "shield") { return; }
      tip.setContent(spec.label_mode === "permanent" ? labelElement(spec, props[field]) : textElement("span", props[field]));
    });
    mergeSharedLabels(spec);
    var group = state.layers[layerId];
    if (group && group.xmCollapsed) { group.xmCollapsed.setContent(textElement("span", collapsedText(spec))); }
    return true;
  }

  function reloadLayer(layerId) {
    var spec = styleOf(layerId);
    if (!spec) { return false; }
    removeLayer(layerId);
    delete spec.data;
    addLayer(spec);
    return true;
  }

  window.xixia = {
    // A 2x2 px marker in the corner, above everything: Python waits to see it appear
    // and disappear, which proves the compositor delivered a frame newer than idle.
    fence: function (color) {
      var el = document.getElementById("xm-fence");
      if (!color) { if (el) { el.remove(); } return true; }
      if (!el) {
        el = document.createElement("div");
        el.id = "xm-fence";
        el.style.cssText = "position:fixed;left:0;top:0;width:2px;height:2px;z-index:100000;pointer-events:none";
        document.body.appendChild(el);
      }
      el.style.background = color;
      return true;
    },
    showGeometry: showGeometry,
    preloadTiles: preloadTiles,
    preloadState: function (layerId) {
      var layer = state.layers[layerId];
      return layer && layer.xmTiled ? layer.preloadState() : null;
    },
    tileCount: function (layerId) {
      var layer = state.layers[layerId];
      return layer && layer.xmTiled ? layer.tileCount() : -1;
    },
    init: init, setBasemap: setBasemap, startMeasure: startMeasure, stopMeasure: stopMeasure,
    measureLabels: measureLabels, clearMeasure: clearMeasure,
    measureShown: function () { return !!((state.measure && state.measure.group) || state.measureResult); },
    measureClickAt: function (lng, lat) { measureClick(L.latLng(lat, lng)); return true; },
    addLayer: addLayer, removeLayer: removeLayer, setOrder: setOrder,
    layerZ: function (layerId) { var n = state.panes[String(layerId)]; return n ? Number(paneZ(layerId)) : null; }, reloadLayer: reloadLayer, setLabelField: setLabelField, setVisible: setVisible, setOpacity: setOpacity, zoomToLayer: zoomToLayer,
    zoomToFeature: zoomToFeature, select: select, highlight: highlight, clearSelection: clearSelection,
    featureCount: featureCount, isIdle: isIdle, viewState: viewState,
    // Snapshots carry their own scale bar and no interactive controls.
    setPrintMode: function (on) {
      L.DomUtil[on ? "addClass" : "removeClass"](state.map.getContainer(), "xm-print");
      return true;
    },
    featurePointAt: function (lat, lng) {
      var p = state.map.latLngToContainerPoint([lat, lng]);
      return [p.x, p.y];
    },
    setViewNoAnim: function (lng, lat, zoom) { state.refit = null; state.map.setView([lat, lng], zoom, { animate: false }); return true; },
    fitBounds: function (w, s, e, n) {
      state.map.fitBounds([[s, w], [n, e]]);
      state.refit = { bounds: L.latLngBounds([[s, w], [n, e]]), padding: [0, 0] };
      return true;
    },
    selectedId: function () { return state.selected ? state.selected.feature.properties.id : null; },
    visibleLayers: function () {
      return Object.keys(state.layers).filter(function (k) { return state.map.hasLayer(state.layers[k]); });
    },
    featurePoint: function (layerId, fid) {
      var layer = featureLayer(layerId, fid);
      if (!layer) { return null; }
      var ll = layer.getLatLng ? layer.getLatLng() : layer.getCenter();
      var p = state.map.latLngToContainerPoint(ll);
      return [p.x, p.y];
    },
    clickFeature: function (layerId, fid) {
      var layer = featureLayer(layerId, fid);
      if (!layer) { return false; }
      layer.fire("click", { latlng: layer.getLatLng ? layer.getLatLng() : layer.getCenter() });
      return true;
    },
    showOnly: showOnly,
    showUncertainty: showUncertainty,
    uncertaintyShown: function () { return !!state.uncertainty; },
    membersOf: function (layerId, fid) {
      var layer = featureLayer(layerId, fid);
      return layer && layer.xmMembers ? layer.xmMembers.map(function (m) { return m.id; }) : [];
    },
    // Elements of a layer's features on the page and displayed (tests): an
    // area with a symbol at its centre counts twice.
    shownElements: function (layerId) {
      var byId = state.features[layerId] || {}, shown = 0;
      Object.keys(byId).forEach(function (fid) {
        [byId[fid], byId[fid].xmCentre].forEach(function (layer) {
          var el = layer && (layer._icon || layer._path);
          if (el && el.isConnected && getComputedStyle(el).display !== "none") { shown += 1; }
        });
      });
      return shown;
    },
    _state: state,
    _core: { state: state, send: send, featureLayer: featureLayer, onInit: hooks.onInit,
             onLayerBuilt: hooks.onLayerBuilt, onSelection: hooks.onSelection },
  };
})();
