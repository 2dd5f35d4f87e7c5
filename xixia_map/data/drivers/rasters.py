"""The driver of imagery and DEMs (GeoTIFF), drawn from the file (data/raster.py)."""
from __future__ import annotations

from pathlib import Path

from ..layer import Layer
from ..new_layers import raster_layer
from ..raster import RASTER_SUFFIXES, read_raster_info
from .base import Answers, Driver


class RasterDriver(Driver):
    def __init__(self):
        super().__init__("GeoTIFF", RASTER_SUFFIXES)

    def open(self, path: Path, taken, answers: Answers, title: str | None, progress=None, cancelled=None, *,
             ask: bool = False) -> Layer:
        info = read_raster_info(path, answers.assume_crs)
        return raster_layer(path, info, taken, title or self.title(path, None))
