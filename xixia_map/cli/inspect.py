"""`xixia-map layers` and `xixia-map check`: data inspection without a display."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from ..data.catalog import load_catalog
from ..data.drivers import driver_for
from ..data.errors import DataError
from ..data.layers import LayerList, VectorLayer
from ..data.log import log_failure
from ..data.messages import say
from ..data.reader import describe_bounds
from ..paths import CATALOG_PATH
from .read_options import cli_lang, explain

log = logging.getLogger(__name__)


def print_layers() -> int:
    layers = LayerList.from_catalog(load_catalog(CATALOG_PATH))
    width = max(len(layer.id) for layer in layers)
    for layer in layers:
        title = f"{layer.spec.title_zh} / {layer.spec.title_en}"
        print(f"{layer.id:<{width}}  {layer.feature_count:>4}  {describe_bounds(layer.bounds())}  {title}")
    return 0


def is_database_url(text) -> bool:
    return str(text).startswith(("postgresql://", "postgres://"))


def load_user_layer(path, args, taken=()):
    """A file as `--layer/--crs/--swap-axes/--encoding/--offset` say, or a PostGIS
    table named by a postgresql:// URL; DataError otherwise."""
    from ..data.user_layers import layer_from_file
    from .read_options import read_kwargs

    if is_database_url(path):
        from ..data.postgis.connection import parse_url
        from ..data.postgis.layer import layer_from_postgis

        connection, schema, table = parse_url(str(path))
        return layer_from_postgis(connection, schema, table, taken)
    path = Path(path)

    kwargs = read_kwargs(args)
    driver = driver_for(path)
    if kwargs["layer"] is None and driver.offers_layers and not driver.reads_first_unasked and path.exists():
        names = driver.layers(path)
        if len(names) > 1:
            raise DataError(path, say(f"has {len(names)} layers: choose one with --layer ({', '.join(names)})",
                                      f"有 {len(names)} 个图层，请用 --layer 选择（{'、'.join(names)}）"))
    layer = layer_from_file(path, taken, **kwargs)
    if getattr(args, "offset", None):
        moved = layer.offset_frame(args.offset)  # a DataError for a layer drawn where its source places it
        if isinstance(layer, VectorLayer):
            layer.apply_offset(moved, args.offset)
    return layer


def check_file(path: str, args=None) -> int:
    lang = cli_lang()
    if is_database_url(path):
        try:
            layer = load_user_layer(path, args)
        except DataError as exc:
            log_failure(log, exc, "checking a PostGIS table")  # not its URL: it may hold a password
            print(f"error: {explain(exc, lang)}", file=sys.stderr)
            return 1
        _print_layer(path, layer, lang)
        layer.close()
        return 0
    file = Path(path)
    try:
        driver = driver_for(file)
        names = driver.layers(file) if driver.offers_layers else []
        chosen = getattr(args, "layer", None)
        if len(names) > 1 and chosen is None:
            return _check_each(file, names, args, lang)
        layer = load_user_layer(file, args)
    except DataError as exc:
        log_failure(log, exc, "checking %s", file)
        print(f"error: {explain(exc, lang)}", file=sys.stderr)
        return 1
    _print_layer(path, layer, lang)
    return 0


def _check_each(file: Path, names: list[str], args, lang: str) -> int:
    """A multi-layer file: every layer is checked and listed; the exit code says if any failed."""
    import argparse

    print(f"{file}: {len(names)} {'个图层' if lang == 'zh' else 'layers'}")
    failed = 0
    for name in names:
        one = argparse.Namespace(**{**vars(args or argparse.Namespace()), "layer": name})
        try:
            layer = load_user_layer(file, one)
        except DataError as exc:
            log_failure(log, exc, "checking %s, layer %s", file, name)
            failed += 1
            print(f"  {name}: error: {explain(exc, lang)}")
            continue
        _print_layer(f"  {name}", layer, lang)
    return 1 if failed else 0


def _print_layer(label: str, layer, lang: str) -> None:
    frame = layer.frame
    kinds = ", ".join(f"{n} {k}" for k, n in frame.geom_type.value_counts().items())
    if layer.streamed:  # a large layer: counted where it lives, not held
        kinds = f"{layer.feature_count} {layer.feature_source.kind}"
    ok = "可用" if lang == "zh" else "OK"
    count = f"{layer.feature_count} 个要素" if lang == "zh" else f"{layer.feature_count} features"
    print(f"{label}: {ok}, {count} ({kinds}); {describe_bounds(layer.bounds())}")
    fields = [c for c in frame.columns if c != frame.geometry.name]
    print(f"{'字段' if lang == 'zh' else 'fields'}: {', '.join(map(str, fields)) or '(none)'}")
    for line in layer.report.lines():
        print(line.in_lang(lang))
