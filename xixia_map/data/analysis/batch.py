"""合规性审查 of many sites (a whole register): every 红线 against the land-use
layer and every control line, reading the land-use layer once per block of
nearby sites rather than once per site (a GeoPackage's index answers a box in
~45 ms whatever its size: 2 000 reads were most of a register's time), with
progress and Cancel."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import geopandas as gpd
import shapely

from ..errors import Cancelled  # the app's own: logged as a cancel, not a failure
from .inputs import read_near
from .overlay import ELLIPSOIDAL, SiteAnalysis, analyse_site

BLOCK_DEGREES = 0.05  # ~5 km: a block's box holds a few hundred parcels of a 三调 layer


def analyse_many(sites: dict[str, object], landuse_path: Path | None, landuse_layer: str | None,
                 controls: dict, method: str = ELLIPSOIDAL, assume_crs=None, progress=None,
                 cancelled=None, landuse_near: Callable[[object], gpd.GeoDataFrame] | None = None
                 ) -> dict[str, SiteAnalysis]:
    """`sites`: id -> polygon (degrees); `controls`: role -> frame (degrees, read
    once by the caller). The land-use layer is a file (`landuse_path`, its
    `landuse_layer`) or `landuse_near(area)`: the layer's polygons near an area
    (an open layer's frame or store, layer_inputs.py). Returns id -> analysis,
    in the order given; Cancel is heard between any two sites."""
    if landuse_near is None and landuse_path is not None:
        def landuse_near(area):
            return read_near(landuse_path, landuse_layer, area, assume_crs)[0]
    blocks: dict[tuple[int, int], list[str]] = defaultdict(list)
    for key, site in sites.items():
        centre = site.centroid
        blocks[(int(centre.x // BLOCK_DEGREES), int(centre.y // BLOCK_DEGREES))].append(key)
    results: dict[str, SiteAnalysis] = {}
    done = 0
    for keys in blocks.values():
        if cancelled and cancelled():
            raise Cancelled()
        landuse = None
        if landuse_near is not None:
            landuse = landuse_near(shapely.box(*shapely.union_all([sites[k] for k in keys]).bounds))
        for key in keys:
            if cancelled and cancelled():
                raise Cancelled()
            results[key] = analyse_site(sites[key], landuse, controls, method)
            done += 1
            if progress:
                progress(done, len(sites))
    return {key: results[key] for key in sites}
