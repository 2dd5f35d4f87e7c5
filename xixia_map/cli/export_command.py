"""`xixia-map export`: snapshots and data without a display.

Every argument is checked before Qt starts, so mistakes fail fast with one
line and exit code 2.
"""
from __future__ import annotations

import logging
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from ..data.errors import DataError
from ..data.log import log_failure

MAP_FORMATS = {".png", ".pdf", ".html", ".htm"}
DATA_FORMATS = {".geojson", ".json", ".gpkg", ".csv", ".zip", ".dxf"}
FEATURE_PAD_DEG = 0.03  # ~3 km around a point feature


class UsageError(Exception):
    """A bad argument: reported in one line, exit code 2."""


def add_export_parser(sub) -> None:
    p = sub.add_parser("export", help="export a map snapshot (PNG/PDF/HTML) or data, headless")
    p.add_argument("--out", required=True, help="output file; format from the extension "
                                                "(.png .pdf .html, or .geojson .gpkg .csv for data)")
    p.add_argument("--layers", help="comma-separated layer ids to show (default: all)")
    p.add_argument("--add-layer", action="append", default=[], metavar="PATH",
                   help="add a vector file, or a PostGIS table as postgresql://USER@HOST:PORT/DB?table=SCHEMA.NAME "
                        "(or ?service=NAME&table=...; the password from the keyring or PGPASSWORD)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--bbox", help="MINLON,MINLAT,MAXLON,MAXLAT")
    where.add_argument("--feature", help="LAYER:ID (or a unique ID) to centre on and highlight")
    p.add_argument("--size", help="PNG size in pixels, e.g. 1600x1000")
    p.add_argument("--paper", choices=["A4", "A3", "a4", "a3"], help="paper size (PDF, or PNG print size)")
    p.add_argument("--landscape", action="store_true")
    p.add_argument("--dpi", type=int, default=150)
    p.add_argument("--title", default="西峡县项目分布图")
    p.add_argument("--maker", default="", help="制图单位, printed on a PDF sheet")
    p.add_argument("--furniture", action="store_true", help="a PNG with scale bar, north arrow and legend")
    p.add_argument("--review-number", default="", help="审图号, printed on a PDF sheet")
    p.add_argument("--lang", choices=["zh", "en"], default="zh")
    p.add_argument("--basemap", default="none", metavar="NAME",
                   help="draw a basemap under the map: xixia (the bundled one), or one the window remembers "
                        "(an archive or a map service added there; a service only if allowed there); default none")
    p.add_argument("--csv-geometry", choices=["wkt", "lonlat"], default="wkt")
    p.add_argument("--shapefile-encoding", choices=["GBK", "UTF-8"], default="GBK",
                   help="text encoding of a zipped Shapefile export (.zip; GBK for Chinese office GIS)")
    p.add_argument("--shapefile-accept-cuts", action="store_true",
                   help="write a zipped Shapefile even where it must shorten field names (10 bytes) or cut text "
                        "(254 bytes); without it such an export is refused (use .gpkg to keep everything)")
    p.add_argument("--register", metavar="GPKG", help="draw a project register (项目库) on the snapshot")
    from .read_options import add_read_options

    add_read_options(p)  # they apply to every --add-layer file


@dataclass
class ExportPlan:
    out: Path
    kind: str
    size: tuple[int, int] | None
    bounds: tuple[float, float, float, float] | None
    select: tuple[str, str] | None


def _parse_bbox(text: str) -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
        raise UsageError(f"--bbox needs four numbers MINLON,MINLAT,MAXLON,MAXLAT, got '{text}'") from None
    if not (-180 <= west < east <= 180 and -90 <= south < north <= 90):
        raise UsageError(f"--bbox {text} is not a lon/lat box (need minlon<maxlon, minlat<maxlat)")
    return west, south, east, north


def _check_output(out: Path) -> str:
    suffix = out.suffix.lower()
    if suffix not in MAP_FORMATS | DATA_FORMATS:
        raise UsageError(f"cannot tell the format of '{out}': use .png, .pdf, .html, .geojson, .gpkg, .csv, "
                         ".zip (Shapefile) or .dxf")
    parent = out.resolve().parent
    if parent.exists() and not parent.is_dir():
        raise UsageError(f"cannot write {out}: {parent} is a file, not a folder")
    if not parent.is_dir():
        raise UsageError(f"cannot write {out}: folder {parent} does not exist")
    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise UsageError(f"cannot write {out}: permission denied")
    return "html" if suffix == ".htm" else suffix.lstrip(".")


def _apply_layer_choice(layers, args) -> None:
    from .inspect import load_user_layer
    from .read_options import cli_lang, explain

    for path in args.add_layer:
        try:
            layer = load_user_layer(path, args, taken=layers.ids())
        except DataError as exc:
            raise UsageError(f"--add-layer: {explain(exc, cli_lang())}") from None
        for line in layer.report.notices():
            print(f"{path}: {line.in_lang(cli_lang())}", file=sys.stderr)
        layers.append(layer)
    if getattr(args, "register", None):
        from ..data.register.session import EditSession
        from ..data.register.store import open_register

        try:
            session = EditSession(open_register(Path(args.register)))
        except DataError as exc:
            raise UsageError(f"--register: {exc.one_line(cli_lang())}") from None
        layers.append(session.layer(f"项目库：{Path(args.register).stem}"))
        if "projects" in layers:
            layers["projects"].visible = False  # the register is the planners' copy of them
    if args.layers:
        wanted = [v.strip() for v in args.layers.split(",") if v.strip()]
        unknown = [w for w in wanted if w not in layers]
        if unknown:
            raise UsageError(f"unknown layer id(s): {', '.join(unknown)} (known: {', '.join(layers.ids())})")
        keep = set(wanted) | {layer.id for layer in layers if layer.spec.category in ("user", "register")}
        for layer in layers:
            layer.visible = layer.id in keep


def _feature_bounds(layers, ref: str):
    try:
        layer, record = layers.find_feature(ref)
    except (KeyError, DataError):
        raise UsageError(f"unknown feature '{ref}' (use LAYER:ID, e.g. townships:huiche)") from None
    geom = layer.frame.loc[layer.frame["id"] == str(record["id"])].geometry.iloc[0]
    west, south, east, north = geom.bounds
    pad = FEATURE_PAD_DEG
    return (west - pad, south - pad, east + pad, north + pad), (layer.id, str(record["id"]))


def plan_export(args, layers) -> ExportPlan:
    out = Path(args.out)
    kind = _check_output(out)
    _apply_layer_choice(layers, args)
    if args.dpi < 50 or args.dpi > 600:
        raise UsageError(f"--dpi {args.dpi} is outside 50…600")
    bounds = _parse_bbox(args.bbox) if args.bbox else None
    select = None
    if args.feature:
        bounds, select = _feature_bounds(layers, args.feature)
    size = None
    if kind == "png":
        from ..export.paper import paper_px, parse_size

        if args.size:
            try:
                size = parse_size(args.size)
            except ValueError as exc:
                raise UsageError(f"--size: {exc}") from None
        elif args.paper:
            size = paper_px(args.paper, args.landscape, args.dpi)
        else:
            size = (1600, 1000)
    elif args.size and kind != "png":
        raise UsageError("--size applies to PNG only; for PDF use --paper and --dpi")
    return ExportPlan(out, kind, size, bounds, select)


def run_export(args, *, whole_process: bool = False) -> int:
    """`whole_process`: this export is the process's only task, so a map export
    may end the process itself once written (see _end_process)."""
    started = time.perf_counter()
    try:
        from ..data.catalog import load_catalog
        from ..data.layers import LayerList
        from ..paths import CATALOG_PATH

        layers = LayerList.from_catalog(load_catalog(CATALOG_PATH))
        plan = plan_export(args, layers)
        _basemap(args)  # an unknown name is a usage error before anything is drawn
    except UsageError as exc:
        print(f"xixia-map export: error: {exc}", file=sys.stderr)
        return 2
    if plan.kind in ("geojson", "json", "gpkg", "csv", "zip", "dxf"):
        from ..export.data_export import ShapefileWouldCut, selection_frame, write_features
        from ..export.shapefile_fit import NAMES_FILE
        from .read_options import cli_lang

        visible = [layer for layer in layers if layer.visible]
        ids = {plan.select[0]: [plan.select[1]]} if plan.select else None
        labels = {layer.id: (layer.spec.title_zh, layer.spec.label_field) for layer in visible}
        lang = cli_lang()
        try:
            fit = write_features(selection_frame([v for v in visible if not v.is_raster], ids), plan.out,
                                 args.csv_geometry, shapefile_encoding=args.shapefile_encoding,
                                 shapefile_accept_cuts=args.shapefile_accept_cuts, labels=labels)
        except ShapefileWouldCut as exc:
            log_failure(logging.getLogger(__name__), exc, "export to %s", plan.out)
            hint = ("；如仍要导出 Shapefile，请加 --shapefile-accept-cuts" if lang == "zh"
                    else "; or pass --shapefile-accept-cuts to write the Shapefile anyway")
            print(f"xixia-map export: error: {exc.one_line(lang)}{hint}", file=sys.stderr)
            return 2
        except DataError as exc:
            log_failure(logging.getLogger(__name__), exc, "export to %s", plan.out)
            print(f"xixia-map export: error: {exc.one_line(lang)}", file=sys.stderr)
            return 2
        except ValueError as exc:
            print(f"xixia-map export: error: {exc}", file=sys.stderr)
            return 2
        if fit is not None and fit.needed():
            print(f"{plan.out}: {fit.describe(done=True).in_lang(lang)}", file=sys.stderr)
            if fit.renamed:
                print(f"{plan.out}: " + (f"新旧字段名对照见压缩包中的 {NAMES_FILE}" if lang == "zh"
                                          else f"the old and new field names are listed in {NAMES_FILE} in the archive"),
                      file=sys.stderr)
        print(f"wrote {plan.out} in {time.perf_counter() - started:.2f} s", file=sys.stderr)
        return 0
    if plan.kind == "html":
        from ..export.html_export import TooLargeForHtml, write_html
        from .read_options import cli_lang

        try:
            for note in write_html(layers, plan.out, plan.bounds, args.lang, args.title, **_basemap(args)):
                print(note, file=sys.stderr)
        except TooLargeForHtml as exc:
            print(f"xixia-map export: error: {exc.one_line(cli_lang())}", file=sys.stderr)
            return 2
        print(f"wrote {plan.out} in {time.perf_counter() - started:.2f} s", file=sys.stderr)
        return 0
    code = _render(plan, layers, args, started)
    if whole_process:
        _end_process(code)
    return code


_BASEMAPS: dict = {}


def _basemap(args) -> dict:
    """The basemap --basemap names, from what the window remembers (archives, allowed services)."""
    name = getattr(args, "basemap", "none") or "none"
    if name == "none":
        return {}
    if "basemaps" not in _BASEMAPS:
        from ..ui.basemap_control import basemaps_from_settings

        _BASEMAPS["basemaps"] = basemaps_from_settings()[0]
    basemaps = _BASEMAPS["basemaps"]
    names = [c.name for c in basemaps.choices()]
    if name not in names:
        raise UsageError(f"--basemap: unknown basemap '{name}' (known: {', '.join(names)})")
    return {"basemaps": basemaps, "basemap": name}


def _end_process(code: int) -> None:
    """Leave without the interpreter's and Chromium's teardown.

    After a map export the output is written (renamed into place) and closed,
    the view is deleted, and every profile is off the record, so there is
    nothing left to save. Yet a normal exit takes ~0.3 s more: Python tears
    down pandas' and numpy's modules, then Qt's shutdown waits ~0.2 s on a
    Chromium thread. For a batch script exporting many maps that is a sixth of
    each export. Chromium's helper processes see their pipe close and end.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _render(plan: ExportPlan, layers, args, started: float) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # no display needed, whatever the session has
    from ..map.qt_log import install_qt_message_handler
    from ..map.runtime import prepare_web_engine

    install_qt_message_handler()  # Qt's and the page's messages into the log, as the window's are
    prepare_web_engine()
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(sys.argv[:1])  # noqa: F841 - must exist
    from ..data.atomic_write import atomic_path

    if plan.kind == "png":
        from ..export.snapshot import SnapshotRequest, render_map

        assert plan.size is not None  # plan_export gives a PNG its size
        image, state = render_map(layers, SnapshotRequest(*plan.size, plan.bounds, plan.select, lang=args.lang,
                                                          **_basemap(args)))
        if args.furniture:
            from ..export.furniture import add_furniture

            image = add_furniture(image, state, layers, args.lang)
        with atomic_path(plan.out) as tmp:
            if not image.save(str(tmp), "PNG"):  # type: ignore[call-overload]  # PySide6 6.11 stubs: format is bytes; the binding takes str only
                print(f"xixia-map export: error: could not encode {plan.out}", file=sys.stderr)
                return 1
    else:
        from ..export.report import ReportRequest, write_report

        request = ReportRequest(args.title, (args.paper or "A4").upper(), args.landscape, args.dpi,
                                plan.bounds, plan.select, maker=args.maker, review_number=args.review_number,
                                **_basemap(args))
        with atomic_path(plan.out) as tmp:
            state = write_report(layers, request, tmp, args.lang)
    blocked = state.get("blocked_requests", 0)
    print(f"wrote {plan.out} in {time.perf_counter() - started:.2f} s "
          f"(blocked outside requests: {blocked})", file=sys.stderr)
    return 0
