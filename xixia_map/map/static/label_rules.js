/* The rules of the page's labels: which zoom shows a feature's label, which
 * language a layer is labelled in, the text standing for features that share a
 * spot or that a collapsed label replaces. Pure functions, no Leaflet and no DOM,
 * so node's test runner checks them (tests/js); the page has them as
 * L.Xixia.labelRules, and labels.js applies them.
 */
(function (exports) {
  "use strict";

  // Scale-dependent labels: style.label_min_zoom = {field, values: {value: minZoom}}.
  exports.minZoom = function (spec, props) {
    var rule = spec.style && spec.style.label_min_zoom;
    if (!rule || !props) { return 0; }
    return rule.values[props[rule.field]] || 0;
  };

  // name_en, label_en (page.label_field): the English window's labels.
  exports.isEnglish = function (spec) { return /_en$/.test(spec.label_field); };

  // Points at the very same spot share one label: "白羽街道、莲花街道".
  exports.joinNames = function (spec, names) { return names.join(exports.isEnglish(spec) ? " / " : "、"); };

  // The same spot, to a few centimetres.
  exports.spotKey = function (lat, lng) { return lat.toFixed(6) + "," + lng.toFixed(6); };

  // style.label_collapse = {field, value, below_zoom, label_zh, label_en}: the one
  // label standing for the features below that zoom ("县城" for the three 街道).
  exports.collapsedText = function (spec) {
    var rule = spec.style.label_collapse;
    return exports.isEnglish(spec) ? rule.label_en : rule.label_zh;
  };

  // The display of a collapsed label at a zoom: shown only below its zoom.
  exports.collapsedDisplay = function (zoom, belowZoom) { return zoom < belowZoom ? "" : "none"; };

  // Does a feature's label need its display managed at all (a minimum zoom, or merged into another's)?
  exports.managed = function (minZoom, merged) { return !!(minZoom || merged); };

  // The display of a feature's label: from its minimum zoom, unless its feature is
  // filtered out or its name is carried by another label at the same spot.
  exports.display = function (zoom, minZoom, hidden, merged) {
    return zoom >= minZoom && !hidden && !merged ? "" : "none";
  };

  // Where a permanent label sits: beside a point, centred on a line or an area.
  exports.placement = function (spec) {
    var centred = spec.geometry !== "Point";
    return { direction: centred ? "center" : "right", offset: centred ? [0, 0] : [4, 0] };
  };

  exports.className = function (spec) {
    return "xm-label" + (spec.style && spec.style.label_class ? " " + spec.style.label_class : "");
  };
})(typeof module === "object" && module.exports ? module.exports : ((L.Xixia = L.Xixia || {}).labelRules = {}));
