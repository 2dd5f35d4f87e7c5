"""合规性审查 of many sites (a whole register): every 红线 against the land-use
layer and every control line, a block of nearby sites at a time (block.py: one
read of each input per block through its index, one vectorised overlay of all
the block's sites), with progress and Cancel.

Where the time went before (2 000 红线 on the 200 000-parcel layer, cProfile):
half of it setting up a PROJ transformation for each read (now made once per
CRS, inputs.py), a fifth in GDAL opening the file per read, the rest in moving
each parcel to the plane once per site that meets it and in Python per site."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Cancelled  # the app's own: logged as a cancel, not a failure
from .overlay import ELLIPSOIDAL, SiteAnalysis
from .sources import FileInput, as_input

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

BLOCK_DEGREES = 0.05  # ~5 km: a block's box holds a few thousand parcels of a 三调 layer


def blocks_of(sites: dict[str, BaseGeometry], size: float = BLOCK_DEGREES) -> list[list[str]]:
    """The sites' keys, grouped by the cell of a `size`° grid their centre falls in."""
    blocks: dict[tuple[int, int], list[str]] = defaultdict(list)
    for key, site in sites.items():
        centre = site.centroid
        blocks[(int(centre.x // size), int(centre.y // size))].append(key)
    return [blocks[cell] for cell in sorted(blocks)]


def analyse_many(sites: dict[str, object], landuse, landuse_layer: str | None = None, controls: dict | None = None,
                 method: str = ELLIPSOIDAL, assume_crs=None, progress=None, cancelled=None,
                 block_degrees: float = BLOCK_DEGREES) -> dict[str, SiteAnalysis]:
    """`sites`: id -> polygon (degrees); `landuse`: a file (with `landuse_layer`
    and `assume_crs`), or a frame or input (sources.py, server_overlay.py), or
    None; `controls`: role -> frame (degrees) or input. Returns id -> analysis,
    in the order given."""
    from .block import analyse_sites

    if isinstance(landuse, (str, Path)):
        landuse = FileInput(Path(landuse), landuse_layer, assume_crs)
    landuse = as_input(landuse) if landuse is not None else None  # once: a frame's index is built once
    controls = {role: as_input(source) for role, source in (controls or {}).items()}
    results: dict[str, SiteAnalysis] = {}
    done = 0
    for keys in blocks_of(sites, block_degrees):
        if cancelled and cancelled():
            raise Cancelled()
        for key, result in zip(keys, analyse_sites([sites[k] for k in keys], landuse, controls, method)):
            results[key] = result
        done += len(keys)
        if progress:
            progress(done, len(sites))
    return {key: results[key] for key in sites}

