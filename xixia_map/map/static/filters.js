/* Filters over a feature layer (the register's lifecycle view, a planner's
 * hidden classes): showOnly(ids). A filtered-out feature stays on the map with
 * its element hidden: taking 1 800 markers off and putting them back cost
 * ~200 ms (their icons are rebuilt), a display toggle a few. Leaflet rebuilds an
 * icon when its layer is shown again, so the hiding is re-applied on "add".
 * Extends L.Xixia.FeatureLayer (feature_layer.js), as Leaflet's own plugins
 * extend L.Map with include().
 */
(function () {
  "use strict";

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

  L.Xixia.FeatureLayer.include({
    // Shows only the features with these ids (all with null); returns how many
    // are shown, or false while the layer's data is on the way (it applies the
    // filter when built). Fires "filtered" with the features it hid.
    showOnly: function (ids) {
      var byId = this.byId;
      this.spec.shown = ids;
      if (!this.geo) { return false; }
      var keep = ids ? {} : null, hidden = [];
      if (ids) { ids.forEach(function (id) { keep[String(id)] = true; }); }
      var shown = 0;
      Object.keys(byId).forEach(function (fid) {
        var layer = byId[fid], on = !keep || keep[fid] === true;
        shown += on ? 1 : 0;
        if (on === !layer.xmHidden) { return; }
        if (!layer.xmHideBound) { layer.xmHideBound = true; keepHidden(layer); if (layer.xmCentre) { keepHidden(layer.xmCentre); } }
        setHidden(layer, !on);
        if (!on) { hidden.push(layer); }
      });
      if (hidden.length) { this.fire("filtered", { hidden: hidden }); }
      return shown;
    },
  });
})();
