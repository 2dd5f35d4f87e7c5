"""QGIS's renderer on the same file, as the reference for the large-layer figures.

Run with the Python that has QGIS (Debian's python3-qgis is for /usr/bin/python3,
not the app's venv); prints one JSON line of timings. The benchmarks call it
through subprocess when QGIS is installed and skip it when it is not; nothing
here installs anything.

    /usr/bin/python3 benchmarks/qgis_reference.py FILE.gpkg LAYER [--field DLBM] [--size 1600x1000]

Measured: opening the layer (QGIS reads per view from the file's spatial index),
then the full-extent render, a render of a 10 km and of a 2 km view around the
county seat, each as QgsMapRendererSequentialJob (the render the canvas does),
in a 1600 x 1000 image, with categories on `--field` as a styled 三调 layer is.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("layer")
    parser.add_argument("--field", default="DLBM")
    parser.add_argument("--size", default="1600x1000")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    from qgis.core import (
        QgsApplication, QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem, QgsCoordinateTransform,
        QgsFillSymbol, QgsMapRendererSequentialJob, QgsMapSettings, QgsProject, QgsRectangle, QgsRendererCategory,
        QgsVectorLayer,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    app = QgsApplication([], False)
    app.initQgis()
    result = {"qgis": QgsApplication.instance().applicationVersion() if hasattr(QgsApplication, "applicationVersion")
              else ""}
    start = time.perf_counter()
    layer = QgsVectorLayer(f"{args.path}|layername={args.layer}", args.layer, "ogr")
    if not layer.isValid():
        print(json.dumps({"error": f"QGIS cannot open {args.path}"}))
        return 1
    result["open_s"] = time.perf_counter() - start
    index = layer.fields().indexOf(args.field)
    if index >= 0:
        categories = []
        for n, value in enumerate(sorted(layer.uniqueValues(index))):
            symbol = QgsFillSymbol.createSimple({"color": QColor.fromHsv((n * 37) % 360, 120, 220).name(),
                                                 "outline_color": "#555555", "outline_width": "0.1"})
            categories.append(QgsRendererCategory(value, symbol, str(value)))
        layer.setRenderer(QgsCategorizedSymbolRenderer(args.field, categories))
    QgsProject.instance().addMapLayer(layer)
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setOutputSize(QSize(width, height))
    settings.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:3857"))
    to_map = QgsCoordinateTransform(layer.crs(), settings.destinationCrs(), QgsProject.instance())
    full = to_map.transformBoundingBox(layer.extent())

    def render(extent: QgsRectangle) -> float:
        settings.setExtent(extent)
        job = QgsMapRendererSequentialJob(settings)
        begin = time.perf_counter()
        job.start()
        job.waitForFinished()
        return time.perf_counter() - begin

    result["full_extent_s"] = render(full)
    result["full_extent_again_s"] = render(full)
    wgs = QgsCoordinateReferenceSystem("EPSG:4326")
    seat = QgsCoordinateTransform(wgs, settings.destinationCrs(), QgsProject.instance())
    for name, half_km in (("view_10km_s", 5.0), ("view_2km_s", 1.0)):
        centre = seat.transform(111.48, 33.31)
        half_x = half_km * 1000 / 0.837  # metres on the ground to Web Mercator metres at 33.3°N
        half_y = half_x * height / width
        result[name] = render(QgsRectangle(centre.x() - half_x, centre.y() - half_y,
                                           centre.x() + half_x, centre.y() + half_y))
    print(json.dumps(result))
    app.exitQgis()
    return 0


if __name__ == "__main__":
    sys.exit(main())
