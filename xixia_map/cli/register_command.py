"""`xixia-map register import|export`: the 项目台账 in and out of a register file."""
from __future__ import annotations

import logging
import sys
from pathlib import Path

from ..data.errors import DataError
from ..data.log import log_failure
from .read_options import cli_lang


def add_register_parser(sub) -> None:
    register = sub.add_parser("register", help="the project register (项目库): import or export a 台账")
    actions = register.add_subparsers(dest="action", required=True)
    imp = actions.add_parser("import", help="a 台账 (XLSX or CSV) into a new register GeoPackage")
    imp.add_argument("ledger")
    imp.add_argument("--out", required=True, help="the register file to write (.gpkg)")
    exp = actions.add_parser("export", help="a register back to a 台账 (XLSX or CSV)")
    exp.add_argument("register")
    exp.add_argument("--out", required=True, help="the 台账 to write (.xlsx or .csv)")


def run_register(args) -> int:
    from ..data.register.ledger import export_ledger, import_ledger
    from ..data.register.store import create_register, open_register

    lang = cli_lang()
    try:
        if args.action == "import":
            result = import_ledger(Path(args.ledger))
            for line, why in result.problems:
                label = f"第 {line} 行" if lang == "zh" else f"line {line}"
                print(f"{args.ledger}: {label}: {why.in_lang(lang)}", file=sys.stderr)
            for notice in result.notices:
                print(f"{args.ledger}: {notice.in_lang(lang)}", file=sys.stderr)
            if len(result.frame) == 0:
                print(f"error: {args.ledger}: {'没有可导入的行' if lang == 'zh' else 'no row could be imported'}",
                      file=sys.stderr)
                return 1
            create_register(Path(args.out), result.frame)
            awaiting = int((result.frame["placement"] == "待落图").sum())
            print(f"wrote {args.out}: {len(result.frame)} projects ({awaiting} awaiting placement), "
                  f"{len(result.problems)} rows refused", file=sys.stderr)
            return 0
        register = open_register(Path(args.register))
        export_ledger(register.frame, Path(args.out))
        print(f"wrote {args.out}: {len(register.frame)} projects", file=sys.stderr)
        return 0
    except DataError as exc:
        log_failure(logging.getLogger(__name__), exc, "xixia-map register")
        print(f"error: {exc.one_line(lang)}", file=sys.stderr)
        return 1
