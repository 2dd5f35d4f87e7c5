"""The layer model: the loaded layers, bottom first, with typed events.

The Qt side (ui) adapts this with a thin model; the map side renders it. Like
napari's LayerList, this knows nothing about either. Its events are a psygnal
SignalGroup (napari's own event library), one signal per kind of change: a
view connects to the changes it draws (`layers.events.visible`,
`layers.events.inserted` …), and a misspelt one fails at once. The layers'
own events (layer.py) are relayed here, so a view follows every layer by
connecting once. Bound methods are held weakly, so a view that goes away
cannot be called through a stale connection, and every one can disconnect.
"""
from __future__ import annotations

import dataclasses
from functools import partial

import geopandas as gpd
from psygnal import Signal, SignalGroup

from .catalog import Catalog, LayerSpec
from .errors import DataError
from .layer import Layer
from .layer_kinds import FilteredLayer, RasterLayer, StreamedLayer, VectorLayer
from .reader import read_vector
from .validate import validate_layer

__all__ = ["FilteredLayer", "Layer", "LayerList", "LayerListEvents", "RasterLayer", "StreamedLayer", "VectorLayer",
           "load_layer"]

USER_GROUP, IMAGERY_GROUP = "user", "imagery"  # the planner's vectors; imagery and DEMs
REFERENCE_GROUP = "reference"  # the catalog's group of reference layers (the county outline, the neighbours)


class LayerListEvents(SignalGroup):
    """Each signal carries the layer it concerns (but `reordered`)."""

    inserted = Signal(object)  # a layer joined the list
    removed = Signal(object)  # a layer left it
    reordered = Signal()  # the drawing order changed, or the group a layer is in
    visible = Signal(object)  # a layer was shown or hidden
    opacity = Signal(object)
    data = Signal(object)  # a layer's features were replaced (a new frame, an offset, a DEM's tint)
    filter = Signal(object)  # which of a layer's features are drawn
    style = Signal(object)  # a layer's symbols or labels, or whether it is identified on a click
    renamed = Signal(object)


def load_layer(spec: LayerSpec) -> VectorLayer:
    frame, report = read_vector(spec.path)
    validate_layer(spec, frame)
    frame["id"] = frame["id"].astype(str)
    return VectorLayer(spec=spec, frame=frame, report=report)


class LayerList:
    """Ordered layers (bottom first); changes through its methods, announced in `events`."""

    def __init__(self, layers: list[Layer] | None = None):
        self.events = LayerListEvents(self)
        self._layers: list[Layer] = []
        self._relays: dict[int, list] = {}  # id(layer) -> its (signal, relay) connections
        for layer in layers or []:
            self._follow(layer)
            self._layers.append(layer)

    @classmethod
    def from_catalog(cls, catalog: Catalog) -> "LayerList":
        return cls([load_layer(spec) for spec in catalog.layers])

    def __iter__(self):
        return iter(self._layers)

    def __len__(self):
        return len(self._layers)

    def __getitem__(self, layer_id: str) -> Layer:
        for layer in self._layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(layer_id)

    def __contains__(self, layer_id: str) -> bool:
        return any(layer.id == layer_id for layer in self._layers)

    def ids(self) -> list[str]:
        return [layer.id for layer in self._layers]

    def listener_count(self) -> int:
        """Connections to the list's events (a view that went away leaves none)."""
        return sum(len(self.events[name]) for name in self.events)

    # -- following the layers' own events ---------------------------------------
    def _follow(self, layer: Layer) -> None:
        mine, out = layer.events, self.events
        relays = [(mine.visible, out.visible), (mine.opacity, out.opacity), (mine.data, out.data),
                  (mine.filter, out.filter), (mine.style, out.style), (mine.title, out.renamed)]
        connected = []
        for signal, relayed in relays:
            # partial of a bound method: psygnal holds the list weakly, the layer does not keep it alive
            slot = partial(self._relay, relayed, layer)
            signal.connect(slot)
            connected.append((signal, slot))
        self._relays[id(layer)] = connected

    def _unfollow(self, layer: Layer) -> None:
        for signal, slot in self._relays.pop(id(layer), []):
            signal.disconnect(slot)

    def _relay(self, relayed, layer: Layer, *_args) -> None:
        relayed.emit(layer)

    # -- membership ------------------------------------------------------------------
    def insert(self, index: int, layer: Layer) -> None:
        if layer.id in self:
            raise ValueError(f"layer id already used: {layer.id}")
        self._follow(layer)
        self._layers.insert(index, layer)
        self.events.inserted.emit(layer)

    def append(self, layer: Layer) -> None:
        self.insert(len(self._layers), layer)

    def remove(self, layer_id: str) -> None:
        layer = self[layer_id]
        self._unfollow(layer)
        self._layers.remove(layer)
        self.events.removed.emit(layer)

    def index_for_new(self, layer: Layer) -> int:
        """Where a new layer goes: at the top of its group's block when the group
        is there; else on top, but imagery and DEMs just above the reference
        layers (the county outline, the neighbours), so a DOM is neither veiled by
        the county's tint nor hides the roads and points."""
        group = layer.spec.group or USER_GROUP
        mine = [i for i, other in enumerate(self._layers) if (other.spec.group or USER_GROUP) == group]
        if mine:
            return mine[-1] + 1
        if not layer.is_raster:
            return len(self._layers)
        reference = [i for i, other in enumerate(self._layers) if other.spec.group == REFERENCE_GROUP]
        return reference[-1] + 1 if reference else 0

    def add(self, layer: Layer) -> None:
        """A layer the planner opened, placed by `index_for_new` (imagery in a group of its own)."""
        if layer.is_raster and layer.spec.group in ("", USER_GROUP):
            layer.spec = dataclasses.replace(layer.spec, group=IMAGERY_GROUP)
        self.insert(self.index_for_new(layer), layer)

    # -- drawing order, names and groups, as the layer tree sets them (QGIS's) --
    # The list is the drawing order, bottom first; the tree shows it top first,
    # each group a contiguous block.
    def reorder(self, ids: list[str], groups: dict[str, str] | None = None) -> None:
        """The drawing order as the tree now has it (every id once, bottom first),
        and the group of each layer a drop moved into another group."""
        if sorted(ids) != sorted(self.ids()):
            raise ValueError("a new order must name every layer once")
        for layer_id, group in (groups or {}).items():
            layer = self[layer_id]
            if layer.spec.group != group:
                layer.spec = dataclasses.replace(layer.spec, group=group)
        if ids == self.ids() and not groups:
            return
        by_id = {layer.id: layer for layer in self._layers}
        self._layers = [by_id[i] for i in ids]
        self.events.reordered.emit()

    def rename(self, layer_id: str, title: str) -> None:
        self[layer_id].rename(title)

    # -- a layer's state -------------------------------------------------------------
    def set_visible(self, layer_id: str, visible: bool) -> None:
        self[layer_id].visible = visible

    def set_opacity(self, layer_id: str, opacity: float) -> None:
        self[layer_id].opacity = min(1.0, max(0.0, float(opacity)))

    def set_identifiable(self, layer_id: str, on: bool) -> None:
        """Whether a click on the map identifies this layer's features."""
        layer = self[layer_id]
        if layer.clickable != on:
            layer.identifiable = on

    def set_class_visible(self, layer_id: str, value: str, visible: bool) -> None:
        """Switch one legend class of a color_by layer on or off (Layer.hidden_classes)."""
        layer = self[layer_id]
        layer.hidden_classes = frozenset(layer.hidden_classes - {value} if visible else layer.hidden_classes | {value})

    def set_style(self, layer_id: str, style: dict, label_field: str | None = None,
                  label_mode: str | None = None) -> None:
        """A new style (styling.build_style) and, optionally, the field labels are drawn from."""
        self[layer_id].restyle(style, label_field, label_mode)

    def set_tinted(self, layer_id: str, tinted: bool) -> None:
        """A DEM drawn with (or without) its hypsometric tint under the hillshade."""
        self._of_kind(layer_id, RasterLayer).tinted = tinted

    def set_offset(self, layer_id: str, system: str, progress=None, cancelled=None) -> None:
        """Declare a layer's source coordinates GCJ-02 or BD-09 (or WGS84) and re-derive
        its WGS84 geometry from the coordinates as read."""
        self.apply_offset(layer_id, self[layer_id].offset_frame(system, progress, cancelled), system)

    def apply_offset(self, layer_id: str, frame: gpd.GeoDataFrame, system: str) -> None:
        """Install a frame computed by `offset_frame` (on a worker thread, for big layers)."""
        self._of_kind(layer_id, VectorLayer).apply_offset(frame, system)

    def set_frame(self, layer_id: str, frame: gpd.GeoDataFrame, shown: gpd.GeoDataFrame) -> None:
        """New features for a layer whose data lives elsewhere (the project
        register); `shown`: the rows of `frame` its filter lets through."""
        self._of_kind(layer_id, FilteredLayer).show(frame, shown)

    def set_shown(self, layer_id: str, shown: gpd.GeoDataFrame) -> None:
        """Another filter over the same features (set_frame gave them)."""
        self._of_kind(layer_id, FilteredLayer).set_shown(shown)

    def _of_kind(self, layer_id: str, kind: type):
        layer = self[layer_id]
        if not isinstance(layer, kind):
            raise ValueError(f"layer {layer_id} is not a {kind.__name__}")
        return layer

    def find_feature(self, feature_id: str) -> tuple[Layer, dict]:
        """Look a feature up by 'layer:id' or by a bare id unique across layers."""
        if ":" in feature_id:
            layer_id, fid = feature_id.split(":", 1)
            if layer_id not in self:
                raise DataError(None, f"unknown layer '{layer_id}' (known: {', '.join(self.ids())})")
            layer = self[layer_id]
            try:
                return layer, layer.record(fid)
            except KeyError:
                raise DataError(None, f"layer '{layer_id}' has no feature '{fid}'") from None
        hits = [layer for layer in self._layers if (layer.frame["id"] == feature_id).any()]
        if len(hits) != 1:
            raise KeyError(feature_id)
        return hits[0], hits[0].record(feature_id)
