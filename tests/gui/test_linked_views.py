"""分屏's link (map/linked_views.py) without pages: views whose moves are
reported late and twice (Leaflet's zoomend and moveend), in any order. Every
view ends on the last move, and a move costs each other view one setView, not
a storm of them."""
from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QObject, Signal

from xixia_map.map.linked_views import LinkedViews


class FakeView(QObject):
    """A view whose page answers each setView later, in order (its own queue), reporting it twice."""

    view_changed = Signal(dict)
    mouse_moved = Signal(float, float)

    def __init__(self, height: int):
        super().__init__()
        self.queue: list = []
        self.height = height
        self.last_view: dict = {}
        self.calls: list = []
        self.crosshair = None

    def report(self, lat: float, lng: float, zoom: float) -> None:
        # As Leaflet: the view's corner lands on a whole pixel, so views of odd and
        # even heights set to one centre report centres up to half a pixel apart.
        pixel = 360.0 / (256 * 2 ** zoom)
        lat = (round(lat / pixel - self.height / 2) + self.height / 2) * pixel
        self.last_view = {"lat": lat, "lng": lng, "zoom": zoom}
        for _ in range(2):
            self.view_changed.emit(dict(self.last_view))

    def call(self, function: str, *args) -> None:
        self.calls.append((function, args))
        if function == "setViewNoAnim":
            lng, lat, zoom = args
            self.queue.append(lambda: self.report(lat, lng, zoom))

    def show_crosshair(self, lat, lng=None) -> None:
        self.crosshair = None if lat is None else (lat, lng)


@pytest.mark.parametrize("seed", range(24))
def test_four_views_end_together_without_a_storm(seed):
    rng = random.Random(seed)
    views = [FakeView(400 + i) for i in range(4)]

    def answer_one() -> bool:
        waiting = [v for v in views if v.queue]
        if waiting:
            rng.choice(waiting).queue.pop(0)()
        return bool(waiting)

    for view in views:
        view.report(33.4, 111.4, 10)
    link = LinkedViews(views)
    moves = [(33.4 + 0.01 * i, 111.4 + 0.02 * i, 10 + i % 3) for i in range(1, 6)]
    for lat, lng, zoom in moves:  # the planner's moves, in one view or another, while echoes are on the way
        rng.choice(views).report(lat, lng, zoom)
        while rng.random() < 0.6 and answer_one():  # some pages answer before the next move, some after
            pass
    steps = 0
    while answer_one():
        steps += 1
        assert steps < 1000, "the views keep moving each other"
    last = views[0].last_view
    assert all(v.last_view["zoom"] == last["zoom"] and abs(v.last_view["lng"] - last["lng"]) < 1e-9 for v in views)
    assert abs(last["lng"] - moves[-1][1]) < 1e-9 and last["zoom"] == moves[-1][2]
    sets = sum(len(v.calls) for v in views)
    assert sets <= 3 * len(moves) * 2, sets  # at most one setView per other view per move, and one correction
    link.unlink()


def test_the_cursor_is_marked_in_the_other_views():
    views = [FakeView(400) for _ in range(3)]
    link = LinkedViews(views)
    views[1].mouse_moved.emit(33.3, 111.5)
    assert [v.crosshair for v in views] == [(33.3, 111.5), None, (33.3, 111.5)]
    link.unlink()
    assert [v.crosshair for v in views] == [None, None, None]
