"""What a click on the map selects, in a MapView: a vector feature's record (with
an estimated feature's accuracy circle), or, under a large layer drawn as tiles
or a raster, what Python finds there (tiled_layers.py), keeping to what this view
shows at that point (a 卷帘's side, view_compare.py). A mixin of MapView (view.py),
which holds the state and signals these use."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import shapely.geometry

from ..data.layers import LayerList, RasterLayer
from .tiled_layers import TiledLayers


class ViewIdentify:
    layers: LayerList
    tiled: TiledLayers
    feature_selected: Any
    selection_cleared: Any
    if TYPE_CHECKING:
        def call(self, function: str, *args: Any, callback: Any = None) -> None: ...

        def shown_at(self, lat: float, lng: float) -> Any: ...

        def select_feature(self, layer_id: str, feature_id: str, zoom: bool = True) -> None: ...

    def _on_feature_clicked(self, layer_id: str, feature_id: str) -> None:
        try:
            layer = self.layers[layer_id]
            record = layer.record(feature_id)
        except KeyError:
            return
        self._show_uncertainty(record, layer.geometry_of(feature_id))
        self.feature_selected.emit(record)

    def _show_uncertainty(self, record: dict, geometry) -> None:
        """An estimated feature's accuracy circle (or band), drawn with its selection."""
        from shapely.geometry import mapping

        from ..data.uncertainty import uncertainty_for

        shape = uncertainty_for(record, geometry)
        self.call("showUncertainty", mapping(shape) if shape is not None else None)

    def raster_value_at(self, lng: float, lat: float, above: str | None = None) -> tuple[RasterLayer, float] | None:
        return self.tiled.raster_value_at(lng, lat, above, self.shown_at(lat, lng))

    def _on_feature_clicked_at(self, layer_id: str, feature_id: str, lat: float, lng: float, zoom: float) -> None:
        """A vector feature was clicked under a tiled layer: the tiled layer wins if it has something there."""
        if not self._identify_tiled(lat, lng, zoom, above=layer_id) and not self._identify_raster(lat, lng, layer_id):
            self.select_feature(layer_id, feature_id, zoom=False)

    def _on_map_clicked(self, lat: float, lng: float, zoom: float) -> None:
        if not self._identify_tiled(lat, lng, zoom) and not self._identify_raster(lat, lng):
            self.selection_cleared.emit()

    def _identify_raster(self, lat: float, lng: float, above: str | None = None) -> bool:
        hit = self.raster_value_at(lng, lat, above)
        if hit is None:
            return False
        layer, value = hit
        record = layer.record("1")
        key = "高程（米）" if layer.is_dem else "像元值（第 1 波段）"
        record["_extra"] = {key: f"{value:,.2f}"}
        record["_lonlat"] = (round(lng, 6), round(lat, 6))
        self.feature_selected.emit(record)
        return True

    def _identify_tiled(self, lat: float, lng: float, zoom: float, above: str | None = None) -> bool:
        hit = self.tiled.feature_at(lat, lng, zoom, above, self.shown_at(lat, lng))
        if hit is not None:
            self._show_tiled_selection(*hit)
            self._on_feature_clicked(*hit)
        return hit is not None

    def _show_tiled_selection(self, layer_id: str, feature_id: str) -> None:
        layer = self.layers[layer_id]
        geometry = layer.geometry_of(feature_id)
        self.call("showGeometry", {"type": "Feature", "properties": {}, "geometry": shapely.geometry.mapping(geometry)})
