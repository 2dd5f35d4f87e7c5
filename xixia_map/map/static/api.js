/* window.xixia: what Python calls with runJavaScript (map/view.py's call and
 * call_sync; arguments arrive as JSON). init() starts the page's client
 * (client.js) on the map folium built; every other member passes on to it or
 * to one of its plugins. Members that tests alone need are in a script of
 * their own, which the page loads only when the tests ask (assets.py).
 */
(function () {
  "use strict";

  function client() { return L.Xixia.client; }

  function on(plugin, method) {
    return function () { var target = client()[plugin]; return target[method].apply(target, arguments); };
  }

  function core(method) {
    return function () { var c = client(); return c[method].apply(c, arguments); };
  }

  window.xixia = {
    init: function (map, config) { new L.Xixia.Client(map, config).start(); },
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
    // Snapshots carry their own scale bar and no interactive controls.
    setPrintMode: function (on) {
      L.DomUtil[on ? "addClass" : "removeClass"](client().map.getContainer(), "xm-print");
      return true;
    },
    // layers
    addLayer: core("addLayer"), removeLayer: core("removeLayer"), setOrder: core("setOrder"),
    setVisible: core("setVisible"), setOpacity: core("setOpacity"), setLabelField: core("setLabelField"),
    showOnly: core("showOnly"), preloadTiles: core("preloadTiles"),
    // the view
    viewState: core("viewState"), isIdle: core("isIdle"), fitBounds: core("fitBounds"),
    setViewNoAnim: core("setViewNoAnim"), zoomToLayer: core("zoomToLayer"), zoomToFeature: core("zoomToFeature"),
    setBasemap: on("basemap", "set"),
    // the selection
    select: on("selection", "select"), highlight: on("selection", "highlight"),
    clearSelection: on("selection", "clear"), showGeometry: on("selection", "showGeometry"),
    showUncertainty: on("selection", "showUncertainty"), showPieces: on("selection", "showPieces"),
    // 卷帘 and 分屏's cross-hair
    startSwipe: on("swipe", "start"), stopSwipe: on("swipe", "stop"), setSwipePosition: on("swipe", "setPosition"),
    swipeState: on("swipe", "state"), showCrosshair: on("crosshair", "show"),
    // measuring
    startMeasure: on("measure", "start"), stopMeasure: on("measure", "stop"),
    measureLabels: on("measure", "labels"),
    measureClickAt: function (lng, lat) { client().measure.addPoint(L.latLng(lat, lng)); return true; },
  };
})();
