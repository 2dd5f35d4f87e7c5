"""分屏: map views kept on the same ground. A move or zoom in one (when it
settles: the page's moveend) puts every other on the same centre and zoom, and
the ground point under the cursor in one is marked with a cross-hair in the
others (static/crosshair.js). Each view keeps its own page and layer set.
"""
from __future__ import annotations

from PySide6.QtCore import QObject

from .view import MapView

MAX_ASKED = 64  # asks a view has not answered yet, kept to know its echoes by


def same_view(one: dict, other: dict) -> bool:
    """Same zoom, centres less than a pixel apart. Leaflet puts a centre on a whole
    pixel, so two views of different heights set to one centre report centres
    half a pixel apart: that is the same view, and must not start a loop of each
    following the other."""
    if not one or not other or one.get("zoom") != other.get("zoom"):
        return False
    pixel_deg = 360.0 / (256 * 2 ** float(one["zoom"]))  # a pixel of longitude; of latitude, less
    return abs(one["lat"] - other["lat"]) < pixel_deg and abs(one["lng"] - other["lng"]) < pixel_deg


class LinkedViews(QObject):
    def __init__(self, views: list[MapView], parent=None):
        super().__init__(parent)
        self.views: list[MapView] = []
        self._slots: list = []  # (signal, slot) to disconnect when unlinked
        self._asked: dict[MapView, list[dict]] = {}  # view -> views this link set it to, not yet reported
        self._echoed: dict[MapView, dict] = {}  # view -> its last report of a view this link set it to
        self._target: dict | None = None  # the last move made in any view, every view's goal
        for view in views:
            self.add(view)

    def add(self, view: MapView) -> None:
        def moved(state: dict, source: MapView = view) -> None:
            self.follow(source, state)

        def cursor(lat: float, lng: float, source: MapView = view) -> None:
            self.mark_cursor(source, lat, lng)

        for signal, slot in ((view.view_changed, moved), (view.mouse_moved, cursor)):
            signal.connect(slot)
            self._slots.append((signal, slot))
        self.views.append(view)

    def follow(self, source: MapView, state: dict) -> None:
        """Every view to the last move made in any of them (the planner's, a refit).

        A view set by this link reports the move back (twice: zoomend and moveend),
        late, and perhaps after the planner moved again; such an echo is never
        followed. Following echoes made each view set from another set all the
        others again, from centres they had not reported yet: with four views one
        move multiplied into a storm of moves, some stale, that could leave the
        views apart. So the link keeps what it asked of each view, knows an echo by
        it, and sets a view whose last echo is not the last move once more."""
        asked = self._asked.setdefault(source, [])
        for i, earlier in enumerate(asked):
            if same_view(earlier, state):
                del asked[:i + 1]  # this echo, and the asks it overtook (a page runs them in order)
                self._echoed[source] = state
                if not asked and self._target is not None and not same_view(state, self._target):
                    self._ask(source, self._target)  # it answered a move since overtaken
                return
        if same_view(self._echoed.get(source, {}), state) or same_view(self._target or {}, state):
            return  # an echo reported twice, or a view already where the others are
        self._echoed.pop(source, None)
        self._target = state
        for view in self.views:
            if view is not source:
                pending = self._asked.setdefault(view, [])
                if not same_view(pending[-1] if pending else view.last_view, state):
                    self._ask(view, state)

    def _ask(self, view: MapView, state: dict) -> None:
        pending = self._asked.setdefault(view, [])
        pending.append(state)
        del pending[:-MAX_ASKED]
        view.call("setViewNoAnim", state["lng"], state["lat"], state["zoom"])

    def mark_cursor(self, source: MapView, lat: float, lng: float) -> None:
        source.show_crosshair(None)  # the cursor itself is in that one
        for view in self.views:
            if view is not source:
                view.show_crosshair(lat, lng)

    def unlink(self) -> None:
        for signal, slot in self._slots:
            signal.disconnect(slot)
        self._slots.clear()
        self._asked.clear()
        self._echoed.clear()
        self._target = None
        for view in self.views:
            view.show_crosshair(None)
        self.views.clear()
