"""Test layers for the large-layer tests: generated parcels over the county seat."""
import geopandas as gpd
import numpy as np
import shapely

from xixia_map.data.catalog import LayerSpec
from xixia_map.data.layers import Layer

STYLE = {"stroke": "#333333", "fill": "#888888", "fill_opacity": 0.7,
         "color_by": {"field": "DLBM", "values": {"01": {"color": "#ff0000", "label_zh": "耕地", "label_en": "Crop"},
                                                  "03": {"color": "#00aa00", "label_zh": "林地", "label_en": "Forest"}}}}


def big_layer(n=50_000, seed=2):
    rng = np.random.default_rng(seed)
    # a red block (01) in the west half, a green block (03) in the east half of the county seat area
    x = rng.uniform(111.30, 111.70, n)
    y = rng.uniform(33.20, 33.45, n)
    codes = np.where(x < 111.5, "01", "03")
    frame = gpd.GeoDataFrame({"id": [f"p{i}" for i in range(n)], "DLBM": codes, "DLMC": np.where(codes == "01", "耕地", "林地")},
                             geometry=shapely.box(x, y, x + 0.0015, y + 0.001), crs=4326)
    spec = LayerSpec(id="sandiao", title_zh="三调", title_en="Land use", path=None, geometry="Polygon",
                     category="user", style=STYLE, label_field="DLMC", detail_fields=(), group="user")
    return Layer(spec=spec, frame=frame)
