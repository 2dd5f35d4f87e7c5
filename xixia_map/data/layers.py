"""The layer model: loaded layers and their view state, with plain-Python events.

The Qt side (ui) adapts this with a thin model; the map side renders it. Like
napari's LayerList, this knows nothing about either. Events are a psygnal
Signal (napari's own event library): bound methods are held weakly, so a view
that goes away cannot be called through a stale subscription, and every
subscriber can unsubscribe.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import geopandas as gpd
from psygnal import Signal
import numpy as np
import pandas as pd

from .catalog import Catalog, LayerSpec
from .errors import DataError
from .messages import say
from .reader import ReadReport, read_vector
from .validate import validate_layer

USER_GROUP, IMAGERY_GROUP = "user", "imagery"  # the planner's vectors; imagery and DEMs
REFERENCE_GROUP = "reference"  # the catalog's group of reference layers (the county outline, the neighbours)


@dataclass
class Layer:
    spec: LayerSpec
    frame: gpd.GeoDataFrame
    report: ReadReport = field(default_factory=ReadReport)
    visible: bool = True
    opacity: float = 1.0
    offset: str = "wgs84"  # the offset system the source coordinates were in
    source_frame: gpd.GeoDataFrame | None = None  # as read, before any offset correction
    source_layer: str | None = None  # layer name inside a multi-layer file
    assume_crs: int | None = None  # CRS the user confirmed for a file without one (or with a wrong one)
    swap_axes: bool = False  # the user confirmed the file's x and y are exchanged
    encoding: str | None = None  # text encoding the user chose for the file
    raster: object | None = None  # RasterInfo for imagery and DEMs (frame: the footprint)
    tinted: bool = True  # a DEM's hillshade tinted by height (else grey)
    restyled: bool = False  # the planner changed the style (saved in the project even for bundled layers)
    # A layer seen through a filter (the register's lifecycle view): `frame`
    # holds the shown features, `all_features` every one, so the map can hide
    # and show features without being sent them again.
    all_features: gpd.GeoDataFrame | None = None
    identifiable: bool | None = None  # None: as the catalog says (LayerSpec.identifiable)
    # Legend classes (values of the color_by field) the planner switched off in the
    # layer tree: their features are not drawn, as QGIS's legend checkboxes.
    hidden_classes: frozenset = frozenset()
    # A layer too large to hold (data/large): its features stay in the file and
    # its store, `frame` has its columns and no rows, and the methods below read
    # a feature from the file when one is asked for.
    features: object | None = None
    # A layer read from PostGIS: the connection (never a password) and the table,
    # as the project file records it (data/postgis/layer.describe_source).
    source_db: dict | None = None
    renamed: bool = False  # the planner named the layer (saved in the project)

    @property
    def feature_count(self) -> int:
        return self.features.count if self.features is not None else len(self.frame)

    def geometry_of(self, feature_id: str):
        """One feature's geometry (lon/lat)."""
        if self.features is not None:
            return self.features.feature(feature_id).geometry.iloc[0]
        return self.frame.geometry.iloc[self.position(feature_id)]

    def drawn_frame(self) -> gpd.GeoDataFrame:
        """The features the map draws: `frame` less the hidden legend classes."""
        rule = self.spec.style.get("color_by")
        if not self.hidden_classes or not rule or rule["field"] not in self.frame.columns:
            return self.frame
        return self.frame[~self.frame[rule["field"]].astype(str).isin(self.hidden_classes)]

    def drawn_ids(self) -> list[str] | None:
        """Ids the map shows of everything it was sent; None: every one."""
        if self.all_features is None and not self.hidden_classes:
            return None
        return [str(i) for i in self.drawn_frame()["id"]]

    @property
    def clickable(self) -> bool:
        return self.spec.identifiable if self.identifiable is None else self.identifiable
    _id_index: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def id(self) -> str:
        return self.spec.id

    def position(self, feature_id: str) -> int:
        """Row of a feature id: a hash lookup, not a scan (a click on a
        200 000-row layer must not compare every id). Built once per frame."""
        cached = self._id_index
        if cached is None or cached[0] is not self.frame:
            index = pd.Index(self.frame["id"].astype(str))
            cached = self._id_index = (self.frame, index if index.is_unique else None)
        index = cached[1]
        if index is None:  # duplicate ids (a user file): the first match, as before
            hits = np.flatnonzero(self.frame["id"].astype(str).to_numpy() == str(feature_id))
            if len(hits) == 0:
                raise KeyError(f"{self.id}:{feature_id}")
            return int(hits[0])
        try:
            return int(index.get_loc(str(feature_id)))
        except KeyError:
            raise KeyError(f"{self.id}:{feature_id}") from None

    def record(self, feature_id: str) -> dict:
        if self.features is not None:
            read = self.features.feature(feature_id)
            row = read.iloc[0]
        else:
            read, row = self.frame, self.frame.iloc[self.position(feature_id)]
        record = {k: _plain(v) for k, v in row.items() if k != read.geometry.name}
        record["_layer"] = self.id
        record["_lonlat"] = _representative_lonlat(row.geometry)
        if self.raster is None:
            from .measure import geometry_measures

            record["_extra"] = geometry_measures(row.geometry)  # area or length, geodesic
        return record

    def bounds(self):
        if self.features is not None:
            return tuple(float(v) for v in self.features.bounds)
        return tuple(float(v) for v in self.frame.total_bounds)


def _plain(value):
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _representative_lonlat(geometry):
    point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
    return (round(point.x, 6), round(point.y, 6))


OFFSET_CHUNK = 50_000  # geometries per vectorised call, so progress moves and Cancel is heard


def offset_frame(layer: Layer, system: str, progress=None, cancelled=None) -> gpd.GeoDataFrame:
    """The layer's frame as read, moved from `system` to WGS84: every vertex of a
    chunk in one numpy call (one geometry at a time took 8.4 s for 20 000 parcels)."""
    import shapely

    from .chinese_offsets import OFFSET_SYSTEMS, coordinates_to_wgs84

    if system not in OFFSET_SYSTEMS:
        raise ValueError(f"unknown offset system {system}")
    if layer.features is not None:
        raise DataError(layer.spec.path, say(
            "a layer this large is drawn from its file as it is: offset systems (GCJ-02, BD-09) belong to web "
            "maps' data, and land survey data is in CGCS2000 already",
            "大图层按文件原坐标绘制，不做坐标偏移：GCJ-02、BD-09 只用于网络地图数据，三调等国土数据本为 CGCS2000"))
    source = layer.source_frame if layer.source_frame is not None else layer.frame
    frame = source.copy()
    geoms = source.geometry.values
    moved = []
    for start in range(0, max(len(geoms), 1), OFFSET_CHUNK):
        if cancelled and cancelled():
            from .reader import Cancelled

            raise Cancelled()
        part = geoms[start:start + OFFSET_CHUNK]
        moved.append(shapely.transform(part, lambda xy: coordinates_to_wgs84(xy, system)))
        if progress:
            progress(min(start + OFFSET_CHUNK, len(geoms)), len(geoms))
    frame[frame.geometry.name] = np.concatenate(moved) if moved else geoms
    return frame


def load_layer(spec: LayerSpec) -> Layer:
    frame, report = read_vector(spec.path)
    validate_layer(spec, frame)
    frame["id"] = frame["id"].astype(str)
    return Layer(spec=spec, frame=frame, report=report)


class LayerList:
    """Ordered layers (bottom first) with change callbacks."""

    changed = Signal(str, object)  # (event, layer)

    def __init__(self, layers: list[Layer] | None = None):
        self._layers: list[Layer] = list(layers or [])

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

    def subscribe(self, listener: Callable[[str, Layer], None]) -> Callable[[str, Layer], None]:
        """Call `listener(event, layer)` on every change. A bound method is held
        weakly; a function or lambda strongly, until `unsubscribe`."""
        self.changed.connect(listener, check_nargs=False)
        return listener

    def unsubscribe(self, listener: Callable[[str, Layer], None]) -> None:
        self.changed.disconnect(listener, missing_ok=True)

    def listener_count(self) -> int:
        return len(self.changed)

    def _emit(self, event: str, layer: Layer) -> None:
        self.changed.emit(event, layer)

    def insert(self, index: int, layer: Layer) -> None:
        if layer.id in self:
            raise ValueError(f"layer id already used: {layer.id}")
        self._layers.insert(index, layer)
        self._emit("added", layer)

    def append(self, layer: Layer) -> None:
        if layer.id in self:
            raise ValueError(f"layer id already used: {layer.id}")
        self._layers.append(layer)
        self._emit("added", layer)

    def remove(self, layer_id: str) -> None:
        layer = self[layer_id]
        self._layers.remove(layer)
        self._emit("removed", layer)

    # -- drawing order, names and groups, as the layer tree sets them (QGIS's) --
    # The list is the drawing order, bottom first; the tree shows it top first,
    # each group a contiguous block.
    def reorder(self, ids: list[str], groups: dict[str, str] | None = None) -> None:
        """The drawing order as the tree now has it (every id once, bottom first),
        and the group of each layer a drop moved into another group."""
        if sorted(ids) != sorted(self.ids()):
            raise ValueError("a new order must name every layer once")
        import dataclasses

        for layer_id, group in (groups or {}).items():
            layer = self[layer_id]
            if layer.spec.group != group:
                layer.spec = dataclasses.replace(layer.spec, group=group)
        if ids == self.ids() and not groups:
            return
        by_id = {layer.id: layer for layer in self._layers}
        self._layers = [by_id[i] for i in ids]
        self._emit("order", self._layers[0])

    def rename(self, layer_id: str, title: str) -> None:
        """The planner's name for a layer: the tree, the legend and the sheet show it."""
        import dataclasses

        layer, title = self[layer_id], title.strip()
        if title and (title != layer.spec.title_zh or title != layer.spec.title_en):
            layer.spec = dataclasses.replace(layer.spec, title_zh=title, title_en=title)
            layer.renamed = True
            self._emit("renamed", layer)

    def index_for_new(self, layer: Layer) -> int:
        """Where a new layer goes: at the top of its group's block when the group
        is there; else on top, but imagery and DEMs just above the reference
        layers (the county outline, the neighbours), so a DOM is neither veiled by
        the county's tint nor hides the roads and points."""
        group = layer.spec.group or USER_GROUP
        mine = [i for i, other in enumerate(self._layers) if (other.spec.group or USER_GROUP) == group]
        if mine:
            return mine[-1] + 1
        if layer.raster is None:
            return len(self._layers)
        reference = [i for i, other in enumerate(self._layers) if other.spec.group == REFERENCE_GROUP]
        return reference[-1] + 1 if reference else 0

    def add(self, layer: Layer) -> None:
        """A layer the planner opened, placed by `index_for_new` (imagery in a group of its own)."""
        import dataclasses

        if layer.raster is not None and layer.spec.group in ("", USER_GROUP):
            layer.spec = dataclasses.replace(layer.spec, group=IMAGERY_GROUP)
        self.insert(self.index_for_new(layer), layer)

    def set_visible(self, layer_id: str, visible: bool) -> None:
        layer = self[layer_id]
        if layer.visible != visible:
            layer.visible = visible
            self._emit("visibility", layer)

    def set_offset(self, layer_id: str, system: str, progress=None, cancelled=None) -> None:
        """Declare a layer's source coordinates GCJ-02 or BD-09 (or WGS84) and re-derive
        its WGS84 geometry from the coordinates as read."""
        layer = self[layer_id]
        self.apply_offset(layer_id, offset_frame(layer, system, progress, cancelled), system)

    def apply_offset(self, layer_id: str, frame: gpd.GeoDataFrame, system: str) -> None:
        """Install a frame computed by `offset_frame` (on a worker thread, for big layers)."""
        layer = self[layer_id]
        if layer.source_frame is None:
            layer.source_frame = layer.frame
        layer.frame = frame
        layer.offset = system
        self._emit("data", layer)

    def set_frame(self, layer_id: str, frame: gpd.GeoDataFrame, shown: gpd.GeoDataFrame | None = None) -> None:
        """New features for a layer whose data lives elsewhere (the project
        register); `shown`: the rows of `frame` a filter lets through."""
        layer = self[layer_id]
        layer.all_features = None if shown is None else frame
        layer.frame = frame if shown is None else shown
        self._emit("data", layer)

    def set_identifiable(self, layer_id: str, on: bool) -> None:
        """Whether a click on the map identifies this layer's features."""
        layer = self[layer_id]
        if layer.clickable != on:
            layer.identifiable = on
            self._emit("style", layer)

    def set_class_visible(self, layer_id: str, value: str, visible: bool) -> None:
        """Switch one legend class of a color_by layer on or off (Layer.hidden_classes)."""
        layer = self[layer_id]
        hidden = layer.hidden_classes - {value} if visible else layer.hidden_classes | {value}
        if hidden != layer.hidden_classes:
            layer.hidden_classes = frozenset(hidden)
            self._emit("filter", layer)

    def set_shown(self, layer_id: str, shown: gpd.GeoDataFrame) -> None:
        """Another filter over the same features (set_frame gave them)."""
        layer = self[layer_id]
        if layer.all_features is None:
            raise ValueError(f"layer {layer_id} has no filter")
        layer.frame = shown
        self._emit("filter", layer)

    def set_tinted(self, layer_id: str, tinted: bool) -> None:
        """A DEM drawn with (or without) its hypsometric tint under the hillshade."""
        layer = self[layer_id]
        if layer.tinted != tinted:
            layer.tinted = tinted
            self._emit("data", layer)

    def set_style(self, layer_id: str, style: dict, label_field: str | None = None,
                  label_mode: str | None = None) -> None:
        """A new style (styling.build_style) and, optionally, the field labels are drawn from."""
        import dataclasses

        layer = self[layer_id]
        changes = {"style": style}
        if label_field is not None:
            changes["label_field"] = label_field
        if label_mode is not None:
            changes["label_mode"] = label_mode
        layer.spec = dataclasses.replace(layer.spec, **changes)
        layer.restyled = True
        self._emit("style", layer)

    def set_opacity(self, layer_id: str, opacity: float) -> None:
        layer = self[layer_id]
        opacity = min(1.0, max(0.0, float(opacity)))
        if layer.opacity != opacity:
            layer.opacity = opacity
            self._emit("opacity", layer)

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
