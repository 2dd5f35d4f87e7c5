"""Test layers for the large-layer tests: generated parcels over the county seat."""
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from xixia_map.data.catalog import LayerSpec
from xixia_map.data.layers import VectorLayer

STYLE = {"stroke": "#333333", "fill": "#888888", "fill_opacity": 0.7,
         "color_by": {"field": "DLBM", "values": {"01": {"color": "#ff0000", "label_zh": "耕地", "label_en": "Crop"},
                                                  "03": {"color": "#00aa00", "label_zh": "林地", "label_en": "Forest"}}}}


def big_layer(n=50_000, seed=2):
    rng = np.random.default_rng(seed)
    # a red block (01) in the west half, a green block (03) in the east half of the county seat area
    x = rng.uniform(111.30, 111.70, n)
    y = rng.uniform(33.20, 33.45, n)
    codes = np.where(x < 111.5, "01", "03")
    names = np.where(codes == "01", "耕地", "林地")
    frame = gpd.GeoDataFrame({"id": [f"p{i}" for i in range(n)], "DLBM": codes, "DLMC": names},
                             geometry=shapely.box(x, y, x + 0.0015, y + 0.001), crs=4326)
    spec = LayerSpec(id="sandiao", title_zh="三调", title_en="Land use", path=None, geometry="Polygon",
                     category="user", style=STYLE, label_field="DLMC", detail_fields=(), group="user")
    return VectorLayer(spec=spec, frame=frame)


CODES = np.array(["0101", "0103", "0301", "1101"])
HOSTILE = "{{7*7}} <b>粗</b> '); DROP TABLE x;-- ${x}"


def tessellation(count=600, seed=5):
    """Voronoi cells over part of the county, in CGCS2000 GK zone 37, with one
    parcel holding a hole and an island parcel inside it, and a two-part parcel."""
    rng = np.random.default_rng(seed)
    west, south, east, north = 111.40, 33.25, 111.50, 33.33
    points = shapely.multipoints(np.column_stack([rng.uniform(west, east, count), rng.uniform(south, north, count)]))
    cells = shapely.get_parts(shapely.voronoi_polygons(points, extend_to=shapely.box(west, south, east, north)))
    cells = list(shapely.segmentize(shapely.intersection(cells, shapely.box(west, south, east, north)), 0.0003))
    frame = gpd.GeoDataFrame({"BSM": [f"B{i:05d}" for i in range(len(cells))],
                              "DLBM": rng.choice(CODES, len(cells)),
                              "ZLDWMC": [HOSTILE if i == 7 else f"村{i % 13}" for i in range(len(cells))]},
                             geometry=cells, crs=4490).to_crs(4525)
    first = frame.geometry.iloc[0]
    hole = shapely.buffer(first.centroid, 30)
    frame.loc[0, "geometry"] = first.difference(hole)
    island = gpd.GeoDataFrame({"BSM": ["ISLAND"], "DLBM": ["1101"], "ZLDWMC": ["岛"]}, geometry=[hole], crs=4525)
    two = shapely.MultiPolygon([frame.geometry.iloc[1], frame.geometry.iloc[2]])
    pair = gpd.GeoDataFrame({"BSM": ["PAIR"], "DLBM": ["0301"], "ZLDWMC": ["两块"]}, geometry=[two], crs=4525)
    return gpd.GeoDataFrame(pd.concat([frame, island, pair], ignore_index=True), crs=4525)
