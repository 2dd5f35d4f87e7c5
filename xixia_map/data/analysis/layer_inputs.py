"""An open layer as an analysis input, wherever its features live: a layer
held in memory gives them from its frame; a large layer drawn from its file's
store finds them through the store's index and reads them from the file by id
(sources.StoreInput); a large PostGIS table is overlaid in the server
(server_overlay.TableOverlay)."""
from __future__ import annotations

import geopandas as gpd

from ..errors import DataError
from ..messages import say
from .sources import AnalysisInput, FrameInput, StoreInput


def layer_input(layer) -> AnalysisInput:
    if getattr(layer, "is_raster", False):
        raise DataError(layer.spec.path, say("is imagery or a DEM, not polygons", "是影像或高程，不是面图层"))
    if not getattr(layer, "streamed", False):
        return FrameInput(layer.frame)
    from ..postgis.table import TableFeatures

    if isinstance(layer.features, TableFeatures):
        from .server_overlay import TableOverlay

        return TableOverlay(layer.features)
    return StoreInput(layer.features)


def layer_polygons_near(layer, site) -> gpd.GeoDataFrame | AnalysisInput:
    """What analyse_site takes for a layer and a site: the layer's polygons
    whose box meets the site's (lon/lat), or for a table in PostGIS the table
    itself, overlaid in the server."""
    source = layer_input(layer)
    return source.near(site) if hasattr(source, "near") else source
