"""A layer of the map: its features, how they are drawn, where they came from.

As napari's layers, a layer's view state is evented: psygnal's
SignalGroupDescriptor gives the dataclass one signal per field named in
EVENTED (`layer.events.visible` fires with the new and old value when
`layer.visible` changes), and LayerEvents adds the changes no single field
says (new features, a new style, a new title). The kinds of layer are
subclasses (layer_kinds.py); what a consumer needs to know of a kind is asked
of the layer (`is_raster`, `streamed`, `feature_source`, `drawn_ids()` …), never
read off a field left None.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field, replace
from typing import ClassVar

import geopandas as gpd
from psygnal import Signal, SignalGroup, SignalGroupDescriptor

from .catalog import LayerSpec
from .errors import DataError
from .feature_source import FeatureSource
from .layer_origin import Bundled, Origin
from .messages import say
from .read_report import ReadReport

# Fields with a signal of their own in `layer.events`, emitting (new, old).
EVENTED = ("visible", "opacity", "hidden_classes", "identifiable", "tinted")


class LayerEvents(SignalGroup):
    """The changes of a layer that are not one field's (napari's layer.events.data)."""

    data = Signal()  # its features were replaced: a new frame, an offset, a DEM's tint
    filter = Signal()  # which of its features are drawn: a legend class, the register's filter
    style = Signal()  # its symbols or labels, or whether a click identifies its features
    title = Signal(str)  # the planner named it


@dataclass(eq=False)
class Layer(ABC):
    events: ClassVar[SignalGroupDescriptor] = SignalGroupDescriptor(
        signal_group_class=LayerEvents, warn_on_no_fields=False, connect_child_events=False,
        signal_aliases=lambda name: name if name in EVENTED else None)

    spec: LayerSpec
    # The features held (an in-memory layer), the columns with no rows (a
    # streamed one), or the footprint (a raster): what tables and styles read.
    frame: gpd.GeoDataFrame
    report: ReadReport = field(default_factory=ReadReport)
    visible: bool = True
    opacity: float = 1.0
    identifiable: bool | None = None  # None: as the catalog says (LayerSpec.identifiable)
    # Legend classes (values of the color_by field) the planner switched off in the
    # layer tree: their features are not drawn, as QGIS's legend checkboxes.
    hidden_classes: frozenset = frozenset()
    restyled: bool = False  # the planner changed the style (saved in the project even for bundled layers)
    renamed: bool = False  # the planner named the layer (saved in the project)
    offset: str = "wgs84"  # the offset system the source coordinates were in (VectorLayer corrects them)
    origin: Origin = field(default_factory=Bundled)

    def __post_init__(self) -> None:
        # What a field's change means to a view: the list relays these (layers.py).
        self.events.hidden_classes.connect(self.events.filter.emit)
        self.events.identifiable.connect(self.events.style.emit)

    # -- what kind of layer -----------------------------------------------------
    is_raster: ClassVar[bool] = False  # imagery or a DEM (RasterLayer)
    streamed: ClassVar[bool] = False  # too large to hold: read where it lives, drawn as tiles (StreamedLayer)

    @property
    @abstractmethod
    def feature_source(self) -> FeatureSource:
        """The layer's features, wherever they live (feature_source.py)."""

    @property
    def id(self) -> str:
        return self.spec.id

    @property
    def clickable(self) -> bool:
        return self.spec.identifiable if self.identifiable is None else self.identifiable

    @property
    def feature_count(self) -> int:
        return self.feature_source.count

    def bounds(self) -> tuple:
        return tuple(float(v) for v in self.feature_source.bounds)

    def geometry_of(self, feature_id: str):
        """One feature's geometry (lon/lat)."""
        return self.feature_source.feature(feature_id).geometry.iloc[0]

    def record(self, feature_id: str) -> dict:
        """A feature's attributes for the details panel, with its layer, a
        point to show it at and, for a vector, its area or length (`_extra`)."""
        read = self.feature_source.feature(feature_id)
        row = read.iloc[0]
        record = {k: _plain(v) for k, v in row.items() if k != read.geometry.name}
        record["_layer"] = self.id
        record["_lonlat"] = _representative_lonlat(row.geometry)
        measures = self._measures(row.geometry)
        if measures is not None:
            record["_extra"] = measures
        return record

    def _measures(self, geometry) -> dict | None:
        from .measure import geometry_measures

        return geometry_measures(geometry)  # area or length, geodesic

    # -- what the map draws -------------------------------------------------------
    def drawn_frame(self) -> gpd.GeoDataFrame:
        """The features the map draws: `frame` less the hidden legend classes."""
        rule = self.spec.style.get("color_by")
        if not self.hidden_classes or not rule or rule["field"] not in self.frame.columns:
            return self.frame
        return self.frame[~self.frame[rule["field"]].astype(str).isin(self.hidden_classes)]

    def sent_frame(self) -> gpd.GeoDataFrame:
        """The features the page is sent (drawn_ids() says which it shows)."""
        return self.frame

    def drawn_ids(self) -> list[str] | None:
        """Ids the map shows of everything it was sent; None: every one."""
        if not self.hidden_classes:
            return None
        return [str(i) for i in self.drawn_frame()["id"]]

    def close(self) -> None:  # noqa: B027 - a hook: only a layer that holds files or connections overrides it
        """Let go of the files and connections its features are read through (StreamedLayer)."""

    # -- changes (the LayerList calls these; each emits its event) -----------------
    def offset_frame(self, system: str, progress=None, cancelled=None) -> gpd.GeoDataFrame:
        """The features moved from an offset system to WGS84 (VectorLayer); a layer
        of another kind is drawn where its source places it."""
        raise DataError(self.spec.path, say("this layer is drawn where its source places it: it has no "
                                            "offset system to correct", "该图层按数据源原坐标绘制，无需坐标偏移"))

    def rename(self, title: str) -> bool:
        """The planner's name for the layer: the tree, the legend and the sheet show it."""
        title = title.strip()
        if not title or (title == self.spec.title_zh and title == self.spec.title_en):
            return False
        self.spec = replace(self.spec, title_zh=title, title_en=title)
        self.renamed = True
        self.events.title.emit(title)
        return True

    def restyle(self, style: dict, label_field: str | None = None, label_mode: str | None = None) -> None:
        """A new style (styling.build_style) and, optionally, the field labels are drawn from."""
        self.spec = replace(self.spec, style=style,
                            label_field=self.spec.label_field if label_field is None else label_field,
                            label_mode=self.spec.label_mode if label_mode is None else label_mode)
        self.restyled = True
        self.events.style.emit()


def _plain(value):
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value != value:
        return None
    return value


def _representative_lonlat(geometry):
    point = geometry if geometry.geom_type == "Point" else geometry.representative_point()
    return (round(point.x, 6), round(point.y, 6))
