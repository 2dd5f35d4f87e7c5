/* Refit: while the planner has not moved the map, a resized window still shows
 * what was fitted (the whole county at 1024 × 700 as at 1600 × 1000); any
 * pan, zoom or key ends that. A Leaflet handler: L.Xixia.Refit.
 */
(function () {
  "use strict";

  L.Xixia.Refit = L.Handler.extend({
    initialize: function (map) {
      L.Handler.prototype.initialize.call(this, map);
      this._fitted = null;  // {bounds, padding}
      this._forget = L.bind(this.forget, this);
    },

    addHooks: function () {
      var container = this._map.getContainer(), forget = this._forget;
      ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (type) {
        container.addEventListener(type, forget, true);
      });
      this._map.on("resize", this._refit, this);
    },

    removeHooks: function () {
      var container = this._map.getContainer(), forget = this._forget;
      ["mousedown", "wheel", "touchstart", "keydown"].forEach(function (type) {
        container.removeEventListener(type, forget, true);
      });
      this._map.off("resize", this._refit, this);
    },

    // Fits the view to these bounds (an L.LatLngBounds) and keeps them fitted.
    fit: function (bounds, padding, options) {
      this._map.fitBounds(bounds, L.extend({ padding: padding }, options));
      this.remember(bounds, padding);
    },

    remember: function (bounds, padding) { this._fitted = { bounds: bounds, padding: padding }; },

    forget: function () { this._fitted = null; },

    _refit: function () {
      var fitted = this._fitted;
      if (fitted) { this._map.fitBounds(fitted.bounds, { padding: fitted.padding, animate: false }); }
    },
  });
})();
