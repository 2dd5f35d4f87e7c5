/* The app's own menu on a right-click (copy coordinates, measure, identify):
 * the page tells Python where, and Python shows the menu. In 编辑 mode a
 * right-click on a 红线 vertex deletes it instead (editing.js), so no menu then.
 * A Leaflet handler: L.Xixia.ContextMenu.
 */
(function () {
  "use strict";

  L.Xixia.ContextMenu = L.Handler.extend({
    // client: the page's L.Xixia.Client (its bridge, and whether it edits).
    initialize: function (map, client) {
      L.Handler.prototype.initialize.call(this, map);
      this._client = client;
    },

    addHooks: function () { this._map.on("contextmenu", this._open, this); },

    removeHooks: function () { this._map.off("contextmenu", this._open, this); },

    _open: function (e) {
      var client = this._client;
      if (client.bridge.isConnected() && !client.isEditing() && !client.isDrawing()) {
        client.send("contextMenuAt", e.latlng.lat, e.latlng.lng, this._map.getZoom());
      }
    },
  });
})();
