"""The planner's own formats, written in the test run with the libraries the
app reads them with (never downloaded): a File Geodatabase with two feature
classes, a DXF drawing in GK zone 37 coordinates, an RGB GeoTIFF in GK zone 37
and a small DEM. Each has a sharp, known edge, so a test can check that it is
drawn where its coordinates say."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pyogrio
from pyproj import Transformer
from shapely.geometry import Polygon

TO_GK37 = Transformer.from_crs(4326, 4525, always_xy=True)
CENTRE = (111.48, 33.30)  # the county seat
# The GeoTIFF: 2 000 × 2 000 px of 1 m, its west half red and east half green,
# the edge on this GK easting.
IMAGE_EDGE_E = 37_545_000.0
IMAGE_NORTH = 3_686_500.0


def gk_box(west_lon, south_lat, east_lon, north_lat) -> Polygon:
    corners = [(west_lon, south_lat), (east_lon, south_lat), (east_lon, north_lat), (west_lon, north_lat)]
    return Polygon([TO_GK37.transform(*c) for c in corners])


def filegdb(path: Path) -> Path:
    dltb = gpd.GeoDataFrame({"BSM": ["1", "2"], "DLBM": ["0101", "0301"], "DLMC": ["水田", "乔木林地"],
                             "TBMJ": [1000.0, 2000.0]},
                            geometry=[gk_box(111.46, 33.29, 111.48, 33.31), gk_box(111.48, 33.29, 111.50, 33.31)],
                            crs=4525)
    xzq = gpd.GeoDataFrame({"XZQMC": ["西峡县"]}, geometry=[gk_box(111.44, 33.27, 111.52, 33.33)], crs=4525)
    pyogrio.write_dataframe(dltb, path, layer="DLTB", driver="OpenFileGDB")
    pyogrio.write_dataframe(xzq, path, layer="XZQ", driver="OpenFileGDB")
    return path


def dxf_drawing(path: Path) -> Path:
    import ezdxf

    doc = ezdxf.new("R2010")
    msp = doc.modelspace()
    for name in ("红线", "道路", "注记"):
        doc.layers.add(name)
    box = list(gk_box(111.47, 33.295, 111.49, 33.305).exterior.coords)[:-1]
    msp.add_lwpolyline(box, close=True, dxfattribs={"layer": "红线"})
    msp.add_line(TO_GK37.transform(111.46, 33.29), TO_GK37.transform(111.50, 33.31), dxfattribs={"layer": "道路"})
    msp.add_text("规划地块", dxfattribs={"layer": "注记", "insert": TO_GK37.transform(*CENTRE), "height": 10})
    doc.saveas(path)
    return path


def rgb_geotiff(path: Path, size: int = 2000, overviews: bool = True) -> Path:
    import rasterio
    from rasterio.transform import from_origin

    west = IMAGE_EDGE_E - size / 2
    data = np.zeros((3, size, size), dtype=np.uint8)
    data[0, :, : size // 2] = 220  # red west of the edge
    data[1, :, size // 2:] = 200  # green east of it
    with rasterio.open(path, "w", driver="GTiff", width=size, height=size, count=3, dtype="uint8", crs="EPSG:4525",
                       transform=from_origin(west, IMAGE_NORTH, 1.0, 1.0), tiled=True, photometric="RGB") as dst:
        dst.write(data)
        if overviews:
            from rasterio.enums import Resampling

            dst.build_overviews([2, 4, 8], Resampling.average)
    return path


def dem(path: Path, size: int = 400) -> Path:
    """A hill 600 m above a 300 m plain, 30 m cells, GK zone 37, nodata round the edge."""
    import rasterio
    from rasterio.transform import from_origin

    x0, y0 = TO_GK37.transform(111.42, 33.36)
    yy, xx = np.mgrid[0:size, 0:size]
    heights = 300 + 600 * np.exp(-(((xx - size / 2) ** 2 + (yy - size / 2) ** 2) / (2 * (size / 6) ** 2)))
    heights = heights.astype("float32")
    heights[:5, :] = -9999
    with rasterio.open(path, "w", driver="GTiff", width=size, height=size, count=1, dtype="float32",
                       crs="EPSG:4525", transform=from_origin(x0, y0, 30.0, 30.0), nodata=-9999) as dst:
        dst.write(heights, 1)
    return path


def dem_peak_lonlat(size: int = 400) -> tuple[float, float]:
    x0, y0 = TO_GK37.transform(111.42, 33.36)
    return Transformer.from_crs(4525, 4326, always_xy=True).transform(x0 + 30.0 * size / 2, y0 - 30.0 * size / 2)
