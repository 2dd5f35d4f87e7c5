"""卷帘 (swipe) in Python: which side of the divider a ground point lies on, so
the layers Python identifies (large layers drawn as tiles, rasters) answer a
click only on the side where the page shows them (static/swipe.js clips the
others away). No Qt: the view's extent and the divider's place are enough,
because the map is Web Mercator, linear in x and in the Mercator y.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field


def mercator_y(lat: float) -> float:
    lat = max(-85.05112878, min(85.05112878, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


@dataclass(frozen=True)
class SwipeState:
    """What static/swipe.js reports: side a is left (or top) of the divider."""

    on: bool = False
    vertical: bool = True
    position: float = 0.5  # the divider's place, 0..1 of the map's width (or height)
    a: frozenset[str] = field(default_factory=frozenset)
    b: frozenset[str] = field(default_factory=frozenset)

    @classmethod
    def from_page(cls, state: dict) -> SwipeState:
        if not state or not state.get("on"):
            return cls()
        return cls(True, state.get("orientation") != "horizontal", float(state.get("position", 0.5)),
                   frozenset(str(i) for i in state.get("a") or ()), frozenset(str(i) for i in state.get("b") or ()))

    def side_at(self, lat: float, lng: float, view: dict) -> str | None:
        """"a" or "b" for a ground point of the view (client.js viewState), None when off."""
        if not self.on or not view:
            return None
        if self.vertical:
            span = view["east"] - view["west"]
            fraction = (lng - view["west"]) / span if span else 0.5
        else:
            top, bottom = mercator_y(view["north"]), mercator_y(view["south"])
            fraction = (top - mercator_y(lat)) / (top - bottom) if top != bottom else 0.5
        return "a" if fraction < self.position else "b"

    def hidden_at(self, lat: float, lng: float, view: dict) -> frozenset[str]:
        """The layers clipped away at a ground point: those of the other side only."""
        side = self.side_at(lat, lng, view)
        if side is None:
            return frozenset()
        return (self.b - self.a) if side == "a" else (self.a - self.b)

    def ground_at(self, view: dict) -> float:
        """Where the divider lies on the ground: a longitude (vertical) or a latitude."""
        if self.vertical:
            return view["west"] + self.position * (view["east"] - view["west"])
        top, bottom = mercator_y(view["north"]), mercator_y(view["south"])
        return math.degrees(2 * math.atan(math.exp(top - self.position * (top - bottom))) - math.pi / 2)

    def position_for(self, ground: float, view: dict) -> float:
        """The divider's place (0..1) in another view that puts it on the same ground line."""
        if self.vertical:
            span = view["east"] - view["west"]
            fraction = (ground - view["west"]) / span if span else 0.5
        else:
            top, bottom = mercator_y(view["north"]), mercator_y(view["south"])
            fraction = (top - mercator_y(ground)) / (top - bottom) if top != bottom else 0.5
        return max(0.0, min(1.0, fraction))
