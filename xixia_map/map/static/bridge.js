/* The Qt bridge: the page's end of the QWebChannel (map/bridge.py is the other).
 * Python calls the page through window.xixia (api.js); the page reports to
 * Python through send(). A standalone HTML export has no Qt: send() then does
 * nothing. A Leaflet plugin: L.Xixia.Bridge fires "connected" once the channel
 * is up.
 */
(function () {
  "use strict";

  L.Xixia.Bridge = L.Evented.extend({
    initialize: function () { this._remote = null; },

    // Opens the channel, if the page runs inside the app.
    connect: function () {
      if (!this.inQt() || typeof QWebChannel === "undefined") { return; }
      var self = this;
      new QWebChannel(qt.webChannelTransport, function (channel) {
        self._remote = channel.objects.bridge;
        self.fire("connected");
      });
    },

    inQt: function () { return typeof qt !== "undefined"; },

    isConnected: function () { return !!this._remote; },

    // Calls a slot of map/bridge.py's MapBridge, once connected.
    send: function (method) {
      var args = Array.prototype.slice.call(arguments, 1), remote = this._remote;
      if (remote && remote[method]) { remote[method].apply(remote, args); }
    },
  });
})();
