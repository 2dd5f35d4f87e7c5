"""What the map asks of a layer drawn as tiles in Python (served through
xixia://, identified on click): a stated contract, which the tiles of a layer
held in memory (layer_tiles.LayerTiles) and of one drawn from its store
(store_tiles.StoreTiles) both meet. Tile sources are read-only after they are
built, apart from their locked caches: tiles are drawn on worker threads."""
from __future__ import annotations

from typing import Protocol, runtime_checkable


@runtime_checkable
class TileSource(Protocol):
    def may_cover(self, z: int, x: int, y: int) -> bool:
        """Whether tile z/x/y can hold any of the layer (with the edge margin): a cheap test before drawing."""

    def is_cached(self, z: int, x: int, y: int) -> bool:
        """Whether the tile is drawn already."""

    def render(self, z: int, x: int, y: int) -> bytes | None:
        """PNG bytes of tile z/x/y (TILE_PX square), or None where the layer has nothing."""

    def identify(self, lon: float, lat: float, zoom: float, tolerance_px: float = 4.0) -> str | None:
        """The id of the feature under (lon, lat) at a zoom, topmost (last drawn) first; None."""
