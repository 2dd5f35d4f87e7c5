"""The kinds of layer (layer.py is their base):

* VectorLayer: features held in memory (the catalog's layers, a planner's files
  and small PostGIS tables), which may be moved out of a web map's offset system;
* FilteredLayer: a vector layer seen through a filter (the register's lifecycle
  view), sent to the map whole and shown in part;
* StreamedLayer: too large to hold (a large file's store, a big PostGIS table),
  its features read where they live, a page or a tile at a time;
* RasterLayer: imagery or a DEM, drawn from its file; `frame` is its footprint.

Where the data came from (a file, a table, the catalog) is the layer's
`origin` (layer_origin.py), not a kind: a table may be held or streamed.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

import geopandas as gpd
import numpy as np

from .errors import Cancelled, DataError
from .feature_source import FeatureSource, StreamedSource
from .frame_features import FrameFeatures
from .layer import Layer
from .messages import say

if TYPE_CHECKING:
    from .raster import RasterInfo

OFFSET_CHUNK = 50_000  # geometries per vectorised call, so progress moves and Cancel is heard


class _Held:
    """The features of `frame` as a FeatureSource, made again when the frame is replaced."""

    _held: FrameFeatures | None = None
    frame: gpd.GeoDataFrame  # the layer's (Layer.frame)

    @property
    def feature_source(self) -> FeatureSource:
        held = self._held
        if held is None or held.frame is not self.frame:
            held = self._held = FrameFeatures(self.frame)
        return held


@dataclass(eq=False)
class VectorLayer(_Held, Layer):
    source_frame: gpd.GeoDataFrame | None = None  # as read, before any offset correction

    def offset_frame(self, system: str, progress=None, cancelled=None) -> gpd.GeoDataFrame:
        """The frame as read, moved from `system` to WGS84: every vertex of a
        chunk in one numpy call (one geometry at a time took 8.4 s for 20 000 parcels)."""
        import shapely

        from .chinese_offsets import OFFSET_SYSTEMS, coordinates_to_wgs84

        if system not in OFFSET_SYSTEMS:
            raise ValueError(f"unknown offset system {system}")
        source = self.source_frame if self.source_frame is not None else self.frame
        frame = source.copy()
        geoms = source.geometry.values
        moved = []
        for start in range(0, max(len(geoms), 1), OFFSET_CHUNK):
            if cancelled and cancelled():
                raise Cancelled()
            part = geoms[start:start + OFFSET_CHUNK]
            moved.append(shapely.transform(part, lambda xy: coordinates_to_wgs84(xy, system)))
            if progress:
                progress(min(start + OFFSET_CHUNK, len(geoms)), len(geoms))
        frame[frame.geometry.name] = np.concatenate(moved) if moved else geoms
        return frame

    def apply_offset(self, frame: gpd.GeoDataFrame, system: str) -> None:
        """Install a frame offset_frame computed (on a worker thread, for big layers)."""
        if self.source_frame is None:
            self.source_frame = self.frame
        self.frame = frame
        self.offset = system
        self.events.data.emit()


@dataclass(eq=False)
class FilteredLayer(VectorLayer):
    """`frame` holds the features shown, `all_features` every one, so the map
    hides and shows features without being sent them again."""

    all_features: gpd.GeoDataFrame | None = None  # None when made: every feature of `frame`

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.all_features is None:
            self.all_features = self.frame

    def sent_frame(self) -> gpd.GeoDataFrame:
        return self.all_features

    def drawn_ids(self) -> list[str]:
        return [str(i) for i in self.drawn_frame()["id"]]

    def show(self, features: gpd.GeoDataFrame, shown: gpd.GeoDataFrame) -> None:
        """New features (the register edited or saved), and the rows of them the filter lets through."""
        self.all_features, self.frame = features, shown
        self.events.data.emit()

    def set_shown(self, shown: gpd.GeoDataFrame) -> None:
        """Another filter over the same features."""
        self.frame = shown
        self.events.filter.emit()


@dataclass(eq=False)
class StreamedLayer(Layer):
    """`frame` has the layer's columns and no rows; `features` reads the rest on demand."""

    features: StreamedSource = field(kw_only=True)
    streamed: ClassVar[bool] = True

    @property
    def feature_source(self) -> FeatureSource:
        return self.features

    def close(self) -> None:
        self.features.close()

    def offset_frame(self, system: str, progress=None, cancelled=None) -> gpd.GeoDataFrame:
        raise DataError(self.spec.path, say(
            "a layer this large is drawn from its file as it is: offset systems (GCJ-02, BD-09) belong to web "
            "maps' data, and land survey data is in CGCS2000 already",
            "大图层按文件原坐标绘制，不做坐标偏移：GCJ-02、BD-09 只用于网络地图数据，三调等国土数据本为 CGCS2000"))


@dataclass(eq=False)
class RasterLayer(_Held, Layer):
    """Imagery or a DEM: `raster` its RasterInfo (data/raster.py), `frame` its footprint."""

    raster: RasterInfo = field(kw_only=True)
    tinted: bool = True  # a DEM's hillshade tinted by height (else grey)
    is_raster: ClassVar[bool] = True

    def __post_init__(self) -> None:
        super().__post_init__()
        self.events.tinted.connect(self.events.data.emit)  # the map draws its tiles anew

    @property
    def is_dem(self) -> bool:
        return self.raster.kind == "dem"

    def _measures(self, geometry) -> dict | None:
        return None  # a footprint's area says nothing of the picture
