"""Open a planner's file as a layer, in one call: the file's driver (drivers/)
reads it whole or draws it from a store, and the layer it makes is styled on
its own (new_layers.py)."""
from __future__ import annotations

from pathlib import Path

from .drivers import Answers, driver_for
from .layer import Layer


def layer_from_file(path, taken=(), layer: str | None = None, *, columns: tuple[str, str] | None = None,
                    ask: bool = False, assume_crs=None, swap_axes: bool = False, encoding: str | None = None,
                    progress=None, cancelled=None, title: str | None = None) -> Layer:
    """Any file a driver claims (GDAL takes the rest), as the planner's answers
    say: `layer` inside it, the CRS to assume, swapped axes, the text encoding,
    a table's coordinate `columns`. `ask`: a planner is there to answer, so a
    file of several layers raises drivers.LayerQuestion and a table whose
    coordinate columns are not recognised drivers.ColumnsQuestion (a CRS that
    cannot be known raises CrsQuestion either way)."""
    path = Path(path)
    driver = driver_for(path)
    if ask and layer is None:
        driver.choose_layer(path)
    answers = Answers(layer, assume_crs, swap_axes, encoding, columns)
    built = driver.open(path, taken, answers, title, progress, cancelled, ask=ask)
    built.origin = driver.origin(answers, built.report)
    return built
