"""The tile sources (tile_source.py) of the layers the map draws in Python:
large vector layers (layer_tiles.py, store_tiles.py) and imagery and DEMs
(raster_tiles.py). Each is built on the tile workers as soon as its layer is
on the map, so the first tiles Leaflet asks for only wait for what is left of
it; served through xixia://, asked what lies under a click, and dropped when
its layer changes."""
from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..data.layers import Layer, LayerList, RasterLayer, StreamedLayer
from .layer_tiles import LayerTiles, drawn_as_tiles, tiles_to_prefetch
from .runtime import release_free_memory
from .tile_source import TileSource
from .tiles import EMPTY_PNG

if TYPE_CHECKING:
    from .store_tiles import StoreTiles


def _build_tiles(layer: Layer) -> LayerTiles:
    """Runs on a tile worker: the index, then the temporaries it freed go back to the system."""
    tiles = LayerTiles(layer)
    release_free_memory()
    return tiles


def _store_tiles(layer: StreamedLayer) -> StoreTiles:
    """Runs on a tile worker: a large layer's inks; what its store's build and
    the style's column read freed goes back to the system."""
    from .store_tiles import StoreTiles

    tiles = StoreTiles(layer)
    release_free_memory()
    return tiles


def _visible(layer: Layer) -> bool:
    return layer.visible


_INDEX_POOL = None


def _index_pool():
    """The workers that build layers' tile sources, apart from those that serve
    tiles: a tile request waits on its layer's source, and with both on the
    same two workers, requests queued ahead of a re-index (the page's prefetch,
    then a legend class switched off) took both workers and waited for an index
    queued behind them, for ever."""
    global _INDEX_POOL
    if _INDEX_POOL is None:
        from concurrent.futures import ThreadPoolExecutor

        _INDEX_POOL = ThreadPoolExecutor(2, thread_name_prefix="xixia-index")
    return _INDEX_POOL


class TiledLayers:
    def __init__(self, layers: LayerList, submit=None):
        self.layers = layers
        # (function, layer) -> a Future of the layer's tile source, built on workers of their own
        self._submit = submit or (lambda work, layer: _index_pool().submit(work, layer))
        self._vector: dict = {}  # layer id -> Future of its TileSource
        self._raster: dict = {}  # layer id -> RasterTiles

    def is_tiled(self, layer_id: str) -> bool:
        return drawn_as_tiles(self.layers[layer_id])

    def indexed(self, layer_id: str) -> bool:
        return layer_id in self._vector

    def index(self, layer: Layer) -> None:
        """Start building the layer's tile source, if it is drawn as tiles."""
        if isinstance(layer, RasterLayer):
            from .raster_tiles import RasterTiles

            self._raster[layer.id] = RasterTiles(layer.raster, tinted=layer.tinted)
        elif isinstance(layer, StreamedLayer):  # too large to hold: drawn from its store
            self._vector[layer.id] = self._submit(_store_tiles, layer)
        elif drawn_as_tiles(layer):  # without the hidden legend classes (LayerTiles draws drawn_frame())
            self._vector[layer.id] = self._submit(_build_tiles, layer)

    def drop(self, layer_id: str) -> None:
        self._vector.pop(layer_id, None)
        self._raster.pop(layer_id, None)

    def tiles(self, layer_id: str) -> TileSource:
        if layer_id not in self._vector:
            self.index(self.layers[layer_id])
        return self._vector[layer_id].result()

    def serve(self, rest: str):
        """`<layer>/<z>/<x>/<y>` as PNG bytes; runs on a tile worker thread (see XixiaSchemeHandler.layer_tiles)."""
        parts = rest.split("/")
        raster = self._raster.get(parts[0])
        future = self._vector.get(parts[0])
        if len(parts) != 4 or not all(p.isdigit() for p in parts[1:]):
            return None
        z, x, y = (int(p) for p in parts[1:])
        if raster is not None:
            data = raster.render(z, x, y)
        elif future is not None:
            data = future.result().render(z, x, y)
        else:
            return None
        return (data or EMPTY_PNG), "image/png"

    def prefetch_plans(self, view: dict, shown: Callable[[Layer], bool] | None = None):
        """(layer id, tiles) the page should fetch while the planner looks at a
        settled map: those they are likely to ask for next (tiles_to_prefetch and
        bitmap_tiles.js), of the visible layers whose tiles are ready. `shown`: the
        layers a view shows (a split view's own set), else those the tree shows."""
        for layer in self.layers:
            future = self._vector.get(layer.id)
            if (shown or _visible)(layer) and future is not None and future.done() and future.exception() is None:
                tiles = future.result()
                plan = [tile for tile in tiles_to_prefetch(view) if tiles.may_cover(*tile)]
                if plan:
                    yield layer.id, plan

    def _visible_from_top(self, above: str | None, shown: Callable[[Layer], bool] | None = None):
        """The visible layers, topmost first, among those above `above` if given.
        `shown`: what a view shows at the point (its own set, the side of a 卷帘)."""
        ordered = list(self.layers)
        start = next((i + 1 for i, layer in enumerate(ordered) if layer.id == above), 0)
        return [layer for layer in reversed(ordered[start:]) if (shown or _visible)(layer)]

    def raster_value_at(self, lng: float, lat: float, above: str | None = None,
                        shown: Callable[[Layer], bool] | None = None) -> tuple[RasterLayer, float] | None:
        """The topmost visible raster's value under a point (a DEM's height, an image's
        first band), among the layers above `above` if given."""
        for layer in self._visible_from_top(above, shown):
            tiles = self._raster.get(layer.id)
            value = tiles.value_at(lng, lat) if tiles is not None else None
            if value is not None:
                return layer, value
        return None

    def feature_at(self, lat: float, lng: float, zoom: float, above: str | None = None,
                   shown: Callable[[Layer], bool] | None = None) -> tuple[str, str] | None:
        """(layer id, feature id) of the topmost feature of a tiled layer under a point."""
        for layer in self._visible_from_top(above, shown):
            if self.is_tiled(layer.id):
                fid = self.tiles(layer.id).identify(lng, lat, zoom)
                if fid is not None:
                    return layer.id, fid
        return None
