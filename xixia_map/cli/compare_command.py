"""`xixia-map compare BEFORE AFTER --out matrix.xlsx|changes.gpkg`: the land-use
change between two DLTB layers (data/analysis/change.py): the 转移矩阵 as an
XLSX workbook (in 公顷 and 亩, numbers as numbers), the 变化图斑 as a GeoPackage
layer, or both (--out twice). Each layer is read per tile through its file's
index, so county-sized layers need not fit in memory."""
from __future__ import annotations

import sys
from pathlib import Path

from ..data.errors import DataError
from ..data.messages import say
from .read_options import cli_lang

CHANGES_LAYER = "变化图斑"


def add_compare_parser(sub) -> None:
    p = sub.add_parser("compare", help="地类变化: two years' DLTB layers to a 转移矩阵 (.xlsx) and 变化图斑 (.gpkg)")
    p.add_argument("before", metavar="BEFORE", help="the earlier DLTB layer, FILE[::LAYER] (e.g. 三调.gdb::DLTB)")
    p.add_argument("after", metavar="AFTER", help="the later DLTB layer, FILE[::LAYER]")
    p.add_argument("--tolerance", metavar="METRES", type=float, default=0.5,
                   help="a boundary moved less than this is not a change (default 0.5 m)")
    p.add_argument("--level", choices=("code", "first", "main"), default="code",
                   help="the matrix by 二级类 (code, default), 一级类 (first) or 三大类 (main)")
    p.add_argument("--crs", metavar="EPSG:N", help="the CRS of input files that declare none")
    p.add_argument("--out", required=True, action="append",
                   help="matrix.xlsx and/or changes.gpkg (give --out twice for both)")


def run_compare(args) -> int:
    from ..data.analysis.areas import hectares, mu
    from ..data.analysis.change import compare_land_use
    from ..data.analysis.change_tables import SourceWords, changes_frame, write_change_xlsx
    from ..data.analysis.inputs import split_source
    from ..data.analysis.sources import FileInput
    from ..data.atomic_write import atomic_path

    lang = cli_lang()
    try:
        outs = [Path(o) for o in args.out]
        for out in outs:
            if out.suffix.lower() not in (".xlsx", ".gpkg"):
                raise DataError(out, say("write the matrix as .xlsx or the changes as .gpkg",
                                         "转移矩阵请写为 .xlsx，变化图斑请写为 .gpkg"))
        inputs = []
        for text in (args.before, args.after):
            path, layer = split_source(text)
            if not path.exists():
                raise DataError(path, say("does not exist", "文件不存在"))
            inputs.append(FileInput(path, layer, args.crs))
        change = compare_land_use(inputs[0], inputs[1], args.tolerance)
        for out in outs:
            if out.suffix.lower() == ".xlsx":
                write_change_xlsx(change, SourceWords(args.before, args.after), out, lang, args.level)
            else:
                import pyogrio

                with atomic_path(out) as tmp:
                    pyogrio.write_dataframe(changes_frame(change), tmp, layer=CHANGES_LAYER, driver="GPKG")
    except DataError as exc:
        print(f"xixia-map compare: error: {exc.one_line(lang)}", file=sys.stderr)
        return 1
    except OSError as exc:  # the folder is not writable, the disk is full
        import logging

        from ..data.log import log_failure

        log_failure(logging.getLogger(__name__), exc, "writing %s", args.out)
        print(f"xixia-map compare: error: {exc}", file=sys.stderr)
        return 1
    changed = sum(change.changed().values())
    count = len(change.changes) if change.changes is not None else 0
    if lang == "zh":
        print(f"地类变化：{count} 个变化图斑，共 {hectares(changed):,.4f} 公顷（{mu(changed):,.2f} 亩）", file=sys.stderr)
    else:
        print(f"land-use change: {count} changed pieces, {hectares(changed):,.4f} ha ({mu(changed):,.2f} mu)",
              file=sys.stderr)
    for out in outs:
        print(f"wrote {out}", file=sys.stderr)
    return 0
