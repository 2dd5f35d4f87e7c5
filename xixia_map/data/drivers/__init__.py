"""One driver per family of files: what it can open, the layers inside it, how
it is read, and what a planner may choose about it (drivers/base.py). Opening
a path is one call (user_layers.layer_from_file), which asks `driver_for(path)`;
nothing else switches on a file's suffix.

The registry is a tuple, first claim wins: a family with its own way of
reading comes before the plain GDAL formats, and anything no driver claims is
given to GDAL as it is (its refusal is the planner's message)."""
from __future__ import annotations

from pathlib import Path

from .base import Answers, ColumnsQuestion, Driver, LayerQuestion, RawRead
from .containers import DxfDriver, FileGdbDriver
from .rasters import RasterDriver
from .shapefiles import SHAPEFILE, DbfDriver, ZipDriver
from .tables import CSV, SPREADSHEET, TEXT_TABLE
from .vector import GeoJsonDriver, GeoPackageDriver, GpxDriver

__all__ = ["Answers", "ColumnsQuestion", "DRIVERS", "Driver", "LayerQuestion", "RawRead", "driver_for"]

DRIVERS: tuple[Driver, ...] = (
    FileGdbDriver(), GeoJsonDriver(), GeoPackageDriver(), SHAPEFILE, DbfDriver(), ZipDriver(), DxfDriver(),
    GpxDriver(), CSV, SPREADSHEET, TEXT_TABLE, RasterDriver(),
    Driver("KML", {".kml"}, offers_layers=True),
    Driver("FlatGeobuf", {".fgb"}, chunked=True, streamable=True),
    Driver("SpatiaLite", {".sqlite"}, streamable=True),
)
GDAL = Driver()  # whatever else GDAL may read


def driver_for(path) -> Driver:
    path = Path(path)
    return next((driver for driver in DRIVERS if driver.claims(path)), GDAL)
