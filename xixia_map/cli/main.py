"""Entry point for `xixia-map`. Subcommands that need no display import no Qt."""
from __future__ import annotations

import argparse
import logging
import re
import sys

from ..data.errors import DataError
from ..data.log import log_failure, setup as setup_log
from .export_command import add_export_parser, run_export
from .read_options import add_read_options, cli_lang


class OneLineParser(argparse.ArgumentParser):
    """Argument mistakes in one line (exit 2), not a usage dump."""

    def error(self, message):
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


# Options whose value may start with a minus sign: argparse takes "-79,33,-78,34"
# for an option and says "expected one argument" (it only knows plain negative
# numbers such as -79). `--bbox=-79,…` always worked; `--bbox -79,…` now does too.
SIGNED_VALUE_OPTIONS = ("--bbox",)


def join_signed_values(argv: list[str]) -> list[str]:
    """`--bbox -79,33,-78,34` as `--bbox=-79,33,-78,34`, so argparse reads it as the value."""
    out, i = [], 0
    while i < len(argv):
        token = argv[i]
        if token in SIGNED_VALUE_OPTIONS and i + 1 < len(argv) and re.match(r"-\.?\d", argv[i + 1]):
            out.append(f"{token}={argv[i + 1]}")
            i += 2
            continue
        if token == "--":
            out.extend(argv[i:])
            break
        out.append(token)
        i += 1
    return out


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="xixia-map", description="西峡项目地图 Xixia project map")
    sub = parser.add_subparsers(dest="command", parser_class=OneLineParser)
    run = sub.add_parser("run", help="open the map window (default)")
    run.add_argument("--lang", choices=["zh", "en"], help="interface language")
    run.add_argument("--screenshot", metavar="PNG", help="save a window screenshot once drawn, then quit")
    run.add_argument("--select", metavar="LAYER:ID", help="select and zoom to a feature at start")
    sub.add_parser("layers", help="list the bundled layers with counts and bounds")
    check = sub.add_parser("check", help="validate a vector file (list the layers of a multi-layer file), "
                                         "or a PostGIS table given as postgresql://USER@HOST:PORT/DB?table=SCHEMA.NAME "
                                         '(a name with a dot in double quotes: ?table="SCHEMA"."MY.NAME")')
    check.add_argument("path")
    add_read_options(check)
    add_export_parser(sub)
    from .analyse_command import add_analyse_parser
    from .compare_command import add_compare_parser
    from .register_command import add_register_parser

    add_register_parser(sub)
    add_analyse_parser(sub)
    add_compare_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    import warnings

    # GDAL's own notes (e.g. "Non closed ring detected") are English library
    # talk about a problem our messages already name; keep them off the terminal.
    warnings.filterwarnings("ignore", category=RuntimeWarning, module=r"pyogrio(\..*)?")
    parser = _parser()
    args = parser.parse_args(join_signed_values(sys.argv[1:] if argv is None else list(argv)))
    command = args.command or "run"
    setup_log()  # the log file, and uncaught exceptions into it (data/log.py)
    if command in ("run", "export"):
        from ..data.atomic_write import clean_stale_temp_files

        clean_stale_temp_files()  # what a killed export or save left beside its target
    try:
        if command == "layers":
            from .inspect import print_layers
            return print_layers()
        if command == "export":
            return run_export(args, whole_process=argv is None)
        if command == "register":
            from .register_command import run_register
            return run_register(args)
        if command == "analyse":
            from .analyse_command import run_analyse
            return run_analyse(args)
        if command == "compare":
            from .compare_command import run_compare
            return run_compare(args)
        if command == "check":
            from .inspect import check_file
            return check_file(args.path, args)
        from .gui import run_gui
        return run_gui(lang=getattr(args, "lang", None), screenshot=getattr(args, "screenshot", None),
                       select=getattr(args, "select", None))
    except DataError as exc:
        log_failure(logging.getLogger(__name__), exc, "xixia-map %s", command)
        print(f"error: {exc.one_line(cli_lang())}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
