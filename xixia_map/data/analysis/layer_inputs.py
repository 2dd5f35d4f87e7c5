"""An open layer as an analysis input: the polygons of it that a site's box
meets, in degrees. A layer held in memory gives them from its frame; a layer
drawn from its file's store is read again from the file through its spatial
index (read_near), with the answers it was opened with."""
from __future__ import annotations

import geopandas as gpd

from ..errors import DataError
from ..messages import say
from .inputs import read_near


def layer_polygons_near(layer, site) -> gpd.GeoDataFrame:
    if getattr(layer, "is_raster", False):
        raise DataError(layer.spec.path, say("is imagery or a DEM, not polygons", "是影像或高程，不是面图层"))
    if not getattr(layer, "streamed", False):
        frame = layer.frame
        frame = frame[frame.geom_type.isin(["Polygon", "MultiPolygon"])]
        hits = frame.sindex.query(site, predicate="intersects") if len(frame) else []
        return frame.iloc[sorted(hits)]
    origin = getattr(layer, "origin", None)
    if origin is None or not hasattr(origin, "assume_crs"):
        raise DataError(layer.spec.path, say("is a database table: analyse it from a file for now",
                                             "是数据库表：目前请用文件进行分析"))
    frame, _crs = read_near(layer.spec.path, origin.layer, site, origin.assume_crs)
    return frame
