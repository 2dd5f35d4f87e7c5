"""Two opaque layers, one red and one blue, each a box over all of Xixia, opened
as the planner opens files: whichever side of a 卷帘 or view of a 分屏 shows
one, its colour fills the map there. And a count of their pixels in a grab."""
from __future__ import annotations

import json

from ceilings import CEILING_MS
from windows import open_and_wait

RED, BLUE = "#ff0000", "#0000ff"


def open_colour_layers(qtbot, window, folder) -> tuple[str, str]:
    """(red layer id, blue layer id); the blue one opened last lies on top."""
    ids = []
    for name, colour in (("红色对比层", RED), ("蓝色对比层", BLUE)):
        path = folder / f"{name}.geojson"
        box = [[[110.0, 32.0], [113.5, 32.0], [113.5, 35.0], [110.0, 35.0], [110.0, 32.0]]]
        path.write_text(json.dumps({"type": "FeatureCollection", "features": [
            {"type": "Feature", "properties": {"id": "1", "名称": name},
             "geometry": {"type": "Polygon", "coordinates": box}}]}, ensure_ascii=False), encoding="utf-8")
        layer_id = open_and_wait(qtbot, window, path)
        layer = window.layers[layer_id]
        layer.restyle({**layer.spec.style, "fill": colour, "fill_opacity": 1.0, "stroke": colour, "opacity": 1.0})
        qtbot.waitUntil(lambda i=layer_id: window.map_view.call_sync("featureCount", i) == 1, timeout=CEILING_MS)
        ids.append(layer_id)
    return ids[0], ids[1]


def colour_counts(image, x0: float, x1: float, y0: float = 0.1, y1: float = 0.9, step: int = 6) -> tuple[int, int, int]:
    """(red pixels, blue pixels, pixels sampled) in a band of the image, as fractions of its size."""
    red = blue = total = 0
    for x in range(int(x0 * image.width()), int(x1 * image.width()), step):
        for y in range(int(y0 * image.height()), int(y1 * image.height()), step):
            c = image.pixelColor(x, y)
            total += 1
            red += c.red() > 230 and c.green() < 25 and c.blue() < 25
            blue += c.blue() > 230 and c.red() < 25 and c.green() < 25
    return red, blue, total
