"""`xixia-map layers` and `xixia-map check`: data inspection without a display."""
from __future__ import annotations

import sys
from pathlib import Path

from ..data.catalog import load_catalog
from ..data.errors import DataError
from ..data.layers import LayerList
from ..data.reader import describe_bounds, read_vector
from ..paths import CATALOG_PATH


def print_layers() -> int:
    layers = LayerList.from_catalog(load_catalog(CATALOG_PATH))
    width = max(len(layer.id) for layer in layers)
    for layer in layers:
        title = f"{layer.spec.title_zh} / {layer.spec.title_en}"
        print(f"{layer.id:<{width}}  {len(layer.frame):>4}  {describe_bounds(layer.frame.total_bounds)}  {title}")
    return 0


def check_file(path: str) -> int:
    try:
        frame, report = read_vector(Path(path), id_field=None)
    except DataError as exc:
        print(f"error: {exc.one_line()}", file=sys.stderr)
        return 1
    kinds = ", ".join(f"{n} {k}" for k, n in frame.geom_type.value_counts().items())
    print(f"{path}: OK, {len(frame)} features ({kinds}); {describe_bounds(frame.total_bounds)}")
    fields = [c for c in frame.columns if c != frame.geometry.name]
    print(f"fields: {', '.join(map(str, fields)) or '(none)'}")
    if report.summary():
        print(report.summary())
    return 0
