/* A feature layer's labels (label_rules.js says which and when): permanent
 * labels, route shields, tooltips; one label for points at the same spot; the
 * one label that stands for a group of features below a zoom; and the language
 * a layer is labelled in. A Leaflet plugin: L.Xixia.Labels, one per
 * L.Xixia.FeatureLayer (feature_layer.js).
 */
(function () {
  "use strict";

  var rules = L.Xixia.labelRules, style = L.Xixia.style, text = L.Xixia.textElement;

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

  L.Xixia.Labels = L.Class.extend({
    initialize: function (owner) { this._owner = owner; },

    // A permanent label with the planner's label settings (size, colour, halo),
    // set as properties, never markup.
    element: function (label) {
      var el = text("span", label), font = style.labelFont(this._owner.spec);
      if (font) { L.extend(el.style, font); }
      return el;
    },

    // The label or tooltip of one feature, as its layer's label_mode says.
    bind: function (fid, feature, layer) {
      var owner = this._owner, spec = owner.spec, props = feature.properties || {}, label = props[spec.label_field];
      layer.xmMinZoom = rules.minZoom(spec, props);
      if (spec.label_mode === "permanent") {
        // A click on the label selects its feature (a town's name is where a planner clicks).
        var clickable = spec.identifiable !== false, place = rules.placement(spec);
        layer.bindTooltip(this.element(label), {
          permanent: true, direction: place.direction, offset: place.offset,
          interactive: clickable, className: rules.className(spec) });
        if (clickable) {
          layer.getTooltip().on("click", function (e) {
            e.latlng = layer.getLatLng ? layer.getLatLng() : layer.getCenter();
            owner.featureClick(fid, e);
          });
        }
      } else if (spec.label_mode === "shield" && layer.getLatLngs) {
        layer.bindTooltip(text("span", label), { sticky: true, className: "xm-tooltip" });
        L.tooltip({ permanent: true, direction: "center", className: "xm-shield", interactive: false })
          .setLatLng(shieldPoint(layer)).setContent(text("span", label)).addTo(owner);
      } else {
        layer.bindTooltip(text("span", label), { sticky: spec.geometry !== "Point", className: "xm-tooltip" });
      }
    },

    // Points at the very same spot (two 街道 whose offices are not known, both put at
    // the county town) share one label, "白羽街道、莲花街道": drawn one over the
    // other, only the top one could be read.
    mergeShared: function () {
      var spec = this._owner.spec, byId = this._owner.byId, spots = {};
      if (spec.label_mode !== "permanent" || spec.geometry !== "Point") { return; }
      Object.keys(byId).forEach(function (fid) {
        var layer = byId[fid];
        if (!layer.getLatLng || !layer.getTooltip()) { return; }
        var at = layer.getLatLng(), key = rules.spotKey(at.lat, at.lng);
        (spots[key] = spots[key] || []).push(layer);
      });
      var self = this;
      Object.keys(spots).forEach(function (key) {
        var here = spots[key];
        if (here.length < 2) { return; }
        var names = here.map(function (l) { return l.feature.properties[spec.label_field]; });
        here[0].getTooltip().setContent(self.element(rules.joinNames(spec, names)));
        here.slice(1).forEach(function (l) { l.xmLabelMerged = true; });
      });
    },

    // style.label_collapse: below its zoom, where the features' own labels are
    // hidden, one label at their centre stands for them all (the three 街道 as
    // "县城" at county zoom).
    addCollapsed: function () {
      var owner = this._owner, spec = owner.spec, rule = spec.style && spec.style.label_collapse, byId = owner.byId;
      var lat = 0, lng = 0, n = 0;
      if (!rule) { return; }
      Object.keys(byId).forEach(function (fid) {
        var layer = byId[fid];
        if (!layer.getLatLng || layer.feature.properties[rule.field] !== rule.value) { return; }
        lat += layer.getLatLng().lat; lng += layer.getLatLng().lng; n += 1;
      });
      if (!n) { return; }
      var tip = L.tooltip({ permanent: true, direction: "center", className: "xm-label xm-label-collapsed", interactive: false })
        .setLatLng([lat / n, lng / n]).setContent(text("span", rules.collapsedText(spec)));
      tip.xmBelowZoom = rule.below_zoom;
      owner.addLayer(tip);
      owner.collapsedLabel = tip;
    },

    // Shows and hides the labels for a zoom.
    update: function (zoom) {
      var tip = this._owner.collapsedLabel, el = tip && tip.getElement && tip.getElement(), byId = this._owner.byId;
      if (el) { el.style.display = rules.collapsedDisplay(zoom, tip.xmBelowZoom); }
      Object.keys(byId).forEach(function (fid) {
        var layer = byId[fid], label = layer.getTooltip && layer.getTooltip();
        if (!label || !rules.managed(layer.xmMinZoom, layer.xmLabelMerged)) { return; }
        var element = label.getElement && label.getElement();
        if (element) { element.style.display = rules.display(zoom, layer.xmMinZoom, layer.xmHidden, layer.xmLabelMerged); }
      });
    },

    // The window's language changed: the same features, labelled from another field.
    setField: function (field) {
      var owner = this._owner, spec = owner.spec, byId = owner.byId, self = this;
      spec.label_field = field;
      Object.keys(byId).forEach(function (fid) {
        var layer = byId[fid], tip = layer.getTooltip && layer.getTooltip();
        var props = layer.feature && layer.feature.properties;
        if (!tip || !props || spec.label_mode === "shield") { return; }
        tip.setContent(spec.label_mode === "permanent" ? self.element(props[field]) : text("span", props[field]));
      });
      this.mergeShared();
      if (owner.collapsedLabel) { owner.collapsedLabel.setContent(text("span", rules.collapsedText(spec))); }
    },
  });
})();
