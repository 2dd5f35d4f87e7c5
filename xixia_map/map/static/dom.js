/* Text into the page. Attribute text from a planner's files only ever reaches
 * the DOM through textContent, never innerHTML: every plugin builds its text
 * elements here.
 */
(function () {
  "use strict";

  L.Xixia = L.Xixia || {};

  L.Xixia.textElement = function (tag, text, className) {
    var el = document.createElement(tag);
    el.textContent = text == null ? "" : String(text);
    if (className) { el.className = className; }
    return el;
  };
})();
