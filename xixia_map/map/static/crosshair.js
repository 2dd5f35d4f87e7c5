/* The cross-hair of a linked view (分屏): the ground point under the cursor
 * in another map view, shown at the same place in this one. A Leaflet plugin:
 * L.Xixia.Crosshair. It lies in the map's container, above every pane, takes
 * no pointer events, and follows the map as it moves; show(null) hides it.
 */
(function () {
  "use strict";

  L.Xixia.Crosshair = L.Class.extend({
    initialize: function (map) {
      this._map = map;
      this._latlng = null;
      this._el = null;
    },

    show: function (lat, lng) {
      if (lat === null || lat === undefined) { return this.hide(); }
      this._latlng = L.latLng(lat, lng);
      if (!this._el) {
        this._el = L.DomUtil.create("div", "xm-crosshair", this._map.getContainer());
        this._map.on("move zoomend viewreset resize", this._place, this);
      }
      this._place();
      return true;
    },

    hide: function () {
      if (!this._el) { return false; }
      this._map.off("move zoomend viewreset resize", this._place, this);
      L.DomUtil.remove(this._el);
      this._el = null;
      this._latlng = null;
      return true;
    },

    // Where it is drawn, in the container's pixels (null when hidden).
    point: function () {
      if (!this._el) { return null; }
      var p = this._map.latLngToContainerPoint(this._latlng);
      return { x: p.x, y: p.y };
    },

    _place: function () {
      var p = this._map.latLngToContainerPoint(this._latlng);
      this._el.style.transform = "translate(" + Math.round(p.x) + "px, " + Math.round(p.y) + "px)";
    },
  });
})();
