"""`xixia-map analyse`: 占地分析 of one site against the land-use layer and the
control lines, written as an XLSX report (numbers as numbers, text as text) or
as the A4 sheet (.pdf or .png: the map with the site, the tables and the
符合性说明; analyse_sheet.py). The site is a file's polygons, a corridor either
side of a file's lines (--buffer), a register project's 红线 or a township."""
from __future__ import annotations

import sys
from pathlib import Path

from ..data.errors import DataError
from ..data.messages import say
from .read_options import cli_lang

ROLE_NAMES = {"永久基本农田": "farmland", "基本农田": "farmland", "farmland": "farmland",
              "生态保护红线": "eco_redline", "生态红线": "eco_redline", "eco_redline": "eco_redline",
              "城镇开发边界": "dev_boundary", "开发边界": "dev_boundary", "dev_boundary": "dev_boundary"}


def add_analyse_parser(sub) -> None:
    p = sub.add_parser("analyse", help="占地分析: a site's 地类 and control lines, in 公顷 and 亩, to an XLSX report "
                                       "or an A4 sheet (PDF/PNG)")
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--area", metavar="FILE[::LAYER]", help="the site: the polygons of a file (a DXF 红线, a parcel)")
    where.add_argument("--project", metavar="ID", help="the site: a register project's 红线 (with --register)")
    where.add_argument("--township", metavar="NAME", help="the site: a township by name (with --townships)")
    p.add_argument("--feature", metavar="ID", help="with --area: one feature of the file, by its id")
    p.add_argument("--buffer", metavar="METRES", type=float,
                   help="with --area: the site is the corridor this many metres either side of the file's lines "
                        "(a road's 征地 corridor)")
    p.add_argument("--register", metavar="GPKG", help="the register file, for --project")
    p.add_argument("--townships", metavar="FILE[::LAYER]", help="the township boundaries (XZQ), for --township")
    p.add_argument("--landuse", metavar="FILE[::LAYER]", help="the land-use layer (三调/变更调查 DLTB)")
    p.add_argument("--control", metavar="ROLE=FILE[::LAYER]", action="append", default=[],
                   help="a control line: 永久基本农田=…, 生态保护红线=…, 城镇开发边界=…")
    p.add_argument("--method", choices=("ellipsoidal", "tbmj"), default="ellipsoidal",
                   help="class areas as the pieces' ellipsoidal areas (default), or shares of each parcel's TBMJ")
    p.add_argument("--crs", metavar="EPSG:N", help="the CRS of input files that declare none")
    p.add_argument("--title", help="the sheet's title (default: the site's name and 占地分析图)")
    p.add_argument("--out", required=True, help="the report to write: .xlsx, or the sheet as .pdf or .png")


def run_analyse(args) -> int:
    from ..data.analysis.inputs import (read_near, site_from_boundaries, site_from_file, site_from_register,
                                        source_note, split_source)
    from ..data.analysis.overlay import ELLIPSOIDAL, TBMJ_RATIO, analyse_site
    from ..data.analysis.report_tables import write_analysis_xlsx
    from ..data.analysis.sentences import control_sentences, landuse_sentence

    lang = cli_lang()
    try:
        out = Path(args.out)
        kind = out.suffix.lower()
        if kind not in (".xlsx", ".pdf", ".png"):
            raise DataError(out, say("write the report as .xlsx, or the sheet as .pdf or .png",
                                     "报告请写为 .xlsx，图件请写为 .pdf 或 .png"))
        if args.buffer is not None and not args.area:
            raise DataError(None, say("--buffer goes with --area (the file of the lines)", "--buffer 需与 --area（线文件）一起使用"))
        notes = []
        if args.area and args.buffer is not None:
            from ..data.analysis.sites import corridor_from_file, corridor_method

            path, layer = split_source(args.area)
            site, title = corridor_from_file(path, layer, args.feature, args.buffer, args.crs), path.stem
            notes.append(corridor_method(args.buffer, lang))
        elif args.area:
            path, layer = split_source(args.area)
            site, title = site_from_file(path, layer, args.feature, args.crs), path.stem
        elif args.project:
            if not args.register:
                raise DataError(None, say("--project needs --register (the register file)", "--project 需要 --register（项目库文件）"))
            site, title = site_from_register(Path(args.register), args.project)
        else:
            if not args.townships:
                raise DataError(None, say("--township needs --townships (the boundary file)",
                                          "--township 需要 --townships（乡镇界线文件）"))
            path, layer = split_source(args.townships)
            site, title = site_from_boundaries(path, layer, args.township, args.crs), args.township
        landuse, sources, frames = None, [], {}
        # A sheet's map shows the site's surroundings: read them too (the overlay takes only what meets the site).
        from ..data.analysis.sites import surroundings

        near = surroundings(site) if kind != ".xlsx" else site
        if args.landuse:
            path, layer = split_source(args.landuse)
            landuse, crs = read_near(path, layer, near, args.crs)
            sources.append(source_note("landuse", path, layer, crs, lang))
            frames["landuse"] = (landuse, path, layer)
        controls = {}
        for text in args.control:
            role_name, _, source = text.partition("=")
            role = ROLE_NAMES.get(role_name.strip())
            if role is None or not source:
                raise DataError(None, say(f"--control {text}: name the line as 永久基本农田=FILE, 生态保护红线=FILE or "
                                          "城镇开发边界=FILE",
                                          f"--control {text}：请写作 永久基本农田=文件、生态保护红线=文件 或 城镇开发边界=文件"))
            path, layer = split_source(source)
            controls[role], crs = read_near(path, layer, near, args.crs)
            sources.append(source_note(role, path, layer, crs, lang))
            frames[role] = (controls[role], path, layer)
        analysis = analyse_site(site, landuse, controls, TBMJ_RATIO if args.method == "tbmj" else ELLIPSOIDAL)
        if kind == ".xlsx":
            write_analysis_xlsx(analysis, sources, title, out, lang)
        else:
            from .analyse_sheet import write_sheet

            sheet_title = args.title or (f"{title}占地分析图" if lang == "zh" else f"{title}: land take")
            write_sheet(site, analysis, sources, frames, sheet_title, out, lang, notes)
    except DataError as exc:
        print(f"xixia-map analyse: error: {exc.one_line(lang)}", file=sys.stderr)
        return 1
    except OSError as exc:  # the report's folder is not writable, the disk is full
        import logging

        from ..data.log import log_failure

        log_failure(logging.getLogger(__name__), exc, "writing %s", args.out)
        print(f"xixia-map analyse: error: {args.out}: {exc}", file=sys.stderr)
        return 1
    print(landuse_sentence(analysis, lang), file=sys.stderr)
    for sentence in control_sentences(analysis, lang):
        print(sentence, file=sys.stderr)
    print(f"wrote {out}", file=sys.stderr)
    return 0

