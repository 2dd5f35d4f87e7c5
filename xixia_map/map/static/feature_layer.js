/* A layer of features drawn in the page, built from its spec (page.py's
 * layer_config): its data fetched from Python (or carried inline by a
 * standalone export), drawn in its own pane (panes.js) with its styles and
 * symbols (style_rules.js) and labels (labels.js). A Leaflet plugin:
 * L.Xixia.FeatureLayer, an L.FeatureGroup that fires "featureclick" ({fid,
 * clickEvent}) for a click on any of its features, labels or symbols.
 */
(function () {
  "use strict";

  var style = L.Xixia.style, text = L.Xixia.textElement;

  function markerIcon(spec, props) {
    var symbol = style.markerSvg(spec, props), r = symbol.radius;
    return L.divIcon({ html: symbol.svg, className: "xm-marker xm-marker-" + spec.id, iconSize: [2 * r, 2 * r],
                       iconAnchor: [r, r], tooltipAnchor: [r, 0] });
  }

  // Standalone pages (HTML export) have no Python to ask, so they show details in a popup.
  function detailsTable(spec, props) {
    var table = document.createElement("table");
    table.className = "xm-popup";
    spec.details.forEach(function (pair) {
      var value = props[pair[0]];
      if (value === null || value === undefined || value === "") { return; }
      var row = table.insertRow();
      row.appendChild(text("th", pair[1]));
      row.appendChild(text("td", value));
    });
    return table;
  }

  L.Xixia.FeatureLayer = L.FeatureGroup.extend({
    kind: "features",
    // panes: the page's L.Xixia.Panes; popups: details in a popup (no Python to show them).
    options: { panes: null, popups: false },

    initialize: function (spec, options) {
      L.FeatureGroup.prototype.initialize.call(this, [], options);
      this.spec = spec;
      this.byId = {};  // feature id -> its Leaflet layer (a member's id -> its area's, see listMembers)
      this.geo = null;  // the features' L.GeoJSON, once built
      this.listed = 0;  // features listed on an area, not drawn (site unknown inside it)
      this.collapsedLabel = null;  // see labels.js addCollapsed
      this.labels = new L.Xixia.Labels(this);
    },

    pane: function () { return this.options.panes.paneFor(this.spec.id); },

    pathStyle: function (props) {
      return L.extend(style.pathStyle(this.spec, props, this.spec.opacity), { pane: this.pane() });
    },

    // A Promise of the layer's GeoJSON.
    fetchData: function () {
      var spec = this.spec;
      return spec.data ? Promise.resolve(spec.data) : fetch(spec.url).then(function (r) {
        if (!r.ok) { throw new Error(spec.url + ": HTTP " + r.status); }
        return r.json();
      });
    },

    build: function (data) {
      var spec = this.spec, self = this;
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
        style: function (f) { return self.pathStyle(f.properties); },
        pointToLayer: function (f, latlng) {
          return L.marker(latlng, { icon: markerIcon(spec, f.properties), pane: self.pane(),
                                    opacity: spec.opacity, riseOnHover: true, draggable: false });
        },
        onEachFeature: function (f, layer) { self._bindFeature(f, layer); },
      });
      this.addLayer(geo);
      this.geo = geo;
      if (spec.geometry === "LineString" && spec.identifiable !== false) { this._addLineHits(); }
      if (spec.style && spec.style.marker && spec.geometry === "Point") { this._markAreas(); }
      this._listMembers(members);
      this.labels.mergeShared();
      this.labels.addCollapsed();
    },

    featureClick: function (fid, e) { this.fire("featureclick", { fid: fid, clickEvent: e }); },

    _bindFeature: function (feature, layer) {
      var spec = this.spec, props = feature.properties || {}, fid = String(props.id), self = this;
      this.byId[fid] = layer;
      layer.xmLayerId = spec.id;
      this.labels.bind(fid, feature, layer);
      layer.on("click", function (e) { self.featureClick(fid, e); });
      if (spec.details && this.options.popups) { layer.bindPopup(function () { return detailsTable(spec, props); }); }
    },

    // A point layer whose features may also be areas (the register: a project's
    // 红线 replaces its point) keeps its symbol at each area's centre, so a small
    // site still shows at county zoom; a click on it selects the area.
    _markAreas: function () {
      var spec = this.spec, self = this;
      this.geo.eachLayer(function (layer) {
        if (!(layer instanceof L.Polygon)) { return; }
        var props = layer.feature.properties, fid = String(props.id);
        var centre = L.marker(layer.getBounds().getCenter(), { icon: markerIcon(spec, props), pane: self.pane(),
                                                                 opacity: spec.opacity, keyboard: false });
        centre.on("click", function (e) { self.featureClick(fid, e); });
        layer.xmCentre = centre;
        self.addLayer(centre);
      });
    },

    // A line is hard to hit: each gets an invisible 14 px wide twin that takes its
    // clicks and tooltip, so a click a few pixels beside a river selects the river
    // (points still win where their layer lies above the lines', as the catalog orders them).
    _addLineHits: function () {
      var spec = this.spec, self = this;
      this.geo.eachLayer(function (layer) {
        var props = layer.feature.properties, fid = String(props.id);
        var hit = L.polyline(layer.getLatLngs(), { weight: 14, opacity: 0, pane: self.pane(), interactive: true });
        hit.bindTooltip(text("span", props[spec.label_field]), { sticky: true, className: "xm-tooltip" });
        hit.on("click", function (e) { self.featureClick(fid, e); });
        layer.xmHit = hit;
        self.addLayer(hit);
      });
    },

    // Features whose site is unknown inside an area are not drawn as invented
    // points: the area carries a badge with their count, a click on it selects
    // the area (the details panel lists them), and selecting one of them selects
    // its area.
    _listMembers: function (members) {
      var byId = this.byId, self = this;
      Object.keys(members).forEach(function (areaId) {
        var area = byId[areaId];
        if (!area || !area.getBounds) { return; }
        var list = members[areaId], badge = document.createElement("span");
        badge.className = "xm-badge";
        badge.textContent = String(list.length);
        var marker = L.marker(area.getBounds().getCenter(), {
          icon: L.divIcon({ html: badge, className: "xm-badge-icon", iconSize: [22, 22], iconAnchor: [-6, 22] }),
          pane: self.pane(), keyboard: false });
        marker.bindTooltip(text("span", list.map(function (m) { return m.label; }).join("\n")),
                           { className: "xm-tooltip xm-members" });
        marker.on("click", function (e) { self.featureClick(areaId, e); });
        self.addLayer(marker);
        area.xmMembers = list;
        self.listed += list.length;
        list.forEach(function (m) { byId[m.id] = area; });  // a member selects, zooms to, its area
      });
    },

    // The Leaflet layer of a feature (or of the area a member lies in), or null.
    feature: function (fid) { return this.byId[String(fid)] || null; },

    // Drawn features, and those listed on an area (site unknown inside it): every
    // feature is accounted for. -1 while the data is on the way.
    featureCount: function () {
      return this.geo ? this.geo.getLayers().filter(function (l) { return !l.xmHidden; }).length + this.listed : -1;
    },

    bounds: function () { return this.geo ? this.geo.getBounds() : null; },

    // The features, their route shields and the symbols at area centres fade with the layer.
    setOpacity: function (opacity) {
      var self = this;
      this.spec.opacity = opacity;
      if (!this.geo) { return this; }
      this.geo.eachLayer(function (layer) {
        if (layer.setOpacity) { layer.setOpacity(opacity); }
        else if (layer.setStyle) { layer.setStyle(self.pathStyle(layer.feature.properties)); }
      });
      this.eachLayer(function (layer) {
        if (layer === self.geo || layer.options.opacity === 0) { return; }  // the line hit twins stay invisible
        if (layer instanceof L.Tooltip) { layer.setOpacity(opacity); }
        else if (layer instanceof L.Marker) { layer.setOpacity(opacity); }
      });
      return this;
    },
  });
})();
