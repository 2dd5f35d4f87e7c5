/* The style rules of the page's features: fills (by class, graduated, plain),
 * path styles, and the SVG of a point's symbol. Pure functions, no Leaflet and
 * no DOM, so node's test runner checks them (tests/js); the page has them as
 * L.Xixia.style. Numbers and colours come from a project file, so each is
 * checked before it reaches a style or the SVG markup.
 */
(function (exports) {
  "use strict";

  var HEX = /^#[0-9a-fA-F]{3,8}$/;
  exports.SELECT_COLOR = "#00b8d4";

  function color(value, fallback) { return HEX.test(value || "") ? value : fallback; }
  exports.color = color;

  // A feature's fill: the graduated rule's class, else its color_by class, else the layer's fill.
  exports.fillFor = function (spec, props) {
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
  };

  // A line's or an area's Leaflet path options (without its pane, which the layer adds).
  // An estimated feature is dashed.
  exports.pathStyle = function (spec, props, opacity) {
    var s = spec.style || {};
    var style = {
      color: color(s.stroke, "#555555"), weight: s.weight || 2,
      opacity: (s.opacity == null ? 1 : s.opacity) * opacity,
      fillColor: exports.fillFor(spec, props), fillOpacity: (s.fill_opacity == null ? 0.3 : s.fill_opacity) * opacity,
      dashArray: s.dash || (props && props.estimated === true ? "8 5" : null),
    };
    if (spec.geometry === "LineString") { style.fill = false; }
    return style;
  };

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

  // A point's symbol: {svg, radius}. The radius comes from a project file: only a
  // number may reach the SVG markup. A class may have its own shape (城建设施: square
  // built, diamond to finish, triangle to start), so classes differ by more than a
  // shade of blue.
  exports.markerSvg = function (spec, props) {
    var s = spec.style || {}, r = Number(s.radius), shape = SHAPES[classMarker(spec, props) || s.marker] || SHAPES.circle;
    if (!(r >= 2 && r <= 40)) { r = 6; }
    var fill = exports.fillFor(spec, props), g = '<g fill="' + fill + '" stroke="' + color(s.stroke, "#222222") + '" stroke-width="1.5">';
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
    return { svg: svg, radius: r };
  };

  // A planner's label settings (size, colour, halo) as CSS properties, or null for
  // the stylesheet's defaults.
  exports.labelFont = function (spec) {
    var l = (spec.style || {}).label;
    if (!l) { return null; }
    var size = Number(l.size), font = {};
    if (size >= 6 && size <= 48) { font.fontSize = size + "px"; }
    font.color = color(l.color, "#222222");
    font.textShadow = l.halo ? "0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff" : "none";
    return font;
  };
})(typeof module === "object" && module.exports ? module.exports : ((L.Xixia = L.Xixia || {}).style = {}));
