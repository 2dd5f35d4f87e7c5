/* Measuring: while enabled, clicks add vertices; Python does the geodesic
 * maths and sends back each leg's length and the result, shown on the map.
 * The drawing lies in its own pane above every layer, and stays after
 * measuring ends until the next measurement or Esc. A Leaflet handler:
 * L.Xixia.Measure (enabled while a measurement is under way).
 */
(function () {
  "use strict";

  var PANE = L.Xixia.paneOrder.FIXED.measure, text = L.Xixia.textElement;
  var LINE = { color: "#ff6f00", weight: 3, dashArray: "6 4", fillOpacity: 0.15, interactive: false, pane: PANE[0] };
  var VERTEX = { radius: 4, color: "#ff6f00", weight: 2, fillColor: "#ffffff", fillOpacity: 1, pane: PANE[0],
                 interactive: false };

  L.Xixia.Measure = L.Handler.extend({
    // bridge: the page's L.Xixia.Bridge, to report each vertex and an ending by Esc.
    initialize: function (map, bridge) {
      L.Handler.prototype.initialize.call(this, map);
      this._bridge = bridge;
      this.current = null;  // the measurement under way: {kind, points, group, labels}
      this.result = null;  // the last one, kept on the map until the next or Esc
      map.createPane(PANE[0]).style.zIndex = PANE[1];
      var self = this;
      document.addEventListener("keydown", function (e) {
        if (e.key === "Escape" && (self.current || self.result)) {
          var measuring = !!self.current;  // Esc ends a measurement under way and clears what it drew
          self.stop();
          self.clear();
          if (measuring) { bridge.send("measureEnded"); }
        }
      });
    },

    addHooks: function () {
      this._map.doubleClickZoom.disable();
      L.DomUtil.addClass(this._map.getContainer(), "xm-measuring");
    },

    removeHooks: function () {
      this._map.doubleClickZoom.enable();
      L.DomUtil.removeClass(this._map.getContainer(), "xm-measuring");
    },

    // kind: "line" or "area".
    start: function (kind) {
      this.clear();
      this.current = { kind: kind, points: [], group: L.featureGroup().addTo(this._map) };
      this.enable();
      return true;
    },

    addPoint: function (latlng) {
      var m = this.current;
      m.points.push(latlng);
      m.group.clearLayers();
      m.group.addLayer(m.kind === "area" ? L.polygon(m.points, LINE) : L.polyline(m.points, LINE));
      m.points.forEach(function (p) { m.group.addLayer(L.circleMarker(p, VERTEX)); });
      this._bridge.send("measureChanged", m.kind, JSON.stringify(m.points.map(function (p) { return [p.lng, p.lat]; })));
    },

    // Each leg's length at its middle, and the total (or the area) at the last point.
    labels: function (legs, total) {
      var m = this.current || this.result;
      if (!m) { return false; }
      (m.labels || []).forEach(function (l) { m.group.removeLayer(l); });
      m.labels = [];
      legs.forEach(function (legText, i) {
        var a = m.points[i], b = m.points[i + 1];
        if (!a || !b) { return; }
        m.labels.push(L.tooltip({ permanent: true, direction: "center", className: "xm-measure-label", interactive: false })
          .setLatLng([(a.lat + b.lat) / 2, (a.lng + b.lng) / 2]).setContent(text("span", legText)));
      });
      if (total) {
        m.labels.push(L.tooltip({ permanent: true, direction: "right", offset: [8, 0], className: "xm-measure-total",
                                  interactive: false })
          .setLatLng(m.points[m.points.length - 1]).setContent(text("span", total)));
      }
      m.labels.forEach(function (l) { m.group.addLayer(l); });
      return true;
    },

    // Takes what was measured off the map.
    clear: function () {
      var map = this._map;
      [this.current, this.result].forEach(function (m) { if (m && m.group) { map.removeLayer(m.group); } });
      this.result = null;
      return true;
    },

    // Ends the measurement under way; one of two points or more stays on the map.
    stop: function () {
      if (this.current && this.current.points.length > 1) { this.result = this.current; }
      else if (this.current && this.current.group) { this._map.removeLayer(this.current.group); }
      this.current = null;
      // The map's double-click zoom comes back even when nothing was under way, as it always did.
      if (this.enabled()) { this.disable(); } else { this.removeHooks(); }
      return true;
    },

    shown: function () { return !!((this.current && this.current.group) || this.result); },
  });
})();
