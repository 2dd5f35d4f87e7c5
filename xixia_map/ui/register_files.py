"""The register's files, for RegisterEditing: a new one (from the county
file's projects or a 台账), one opened, and the 台账 exported."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from ..data.errors import DataError
from ..data.log import log_failure
from ..data.register.seed import seed_frame
from ..data.register.session import EditSession
from ..data.register.store import create_register, open_register
from . import file_dialogs, plain_text
from .i18n import tr

if TYPE_CHECKING:
    from .register_editing import RegisterEditing

log = logging.getLogger(__name__)


def new_register(editing: RegisterEditing, path: Path | None = None) -> bool:
    window = editing.window
    if path is None:
        chosen, _ = file_dialogs.getSaveFileName(window, tr("新建项目库"), "西峡项目库.gpkg", tr("项目库文件 (*.gpkg)"))
        if not chosen:
            return False
        path = Path(chosen)
    create_register(path, seed_frame(window.layers["projects"]))
    return open_register_file(editing, path)


def import_ledger(editing: RegisterEditing, sheet: Path | None, out: Path | None) -> bool:
    """A 台账 into a new register: good rows placed, bad rows listed by line."""
    from ..data.register.ledger import import_ledger

    window = editing.window
    if sheet is None:
        chosen, _ = file_dialogs.getOpenFileName(window, tr("导入台账"), "", tr("台账 (*.xlsx *.csv)"))
        if not chosen:
            return False
        sheet = Path(chosen)
    if out is None:
        chosen, _ = file_dialogs.getSaveFileName(window, tr("新建项目库"), sheet.with_suffix(".gpkg").name,
                                                tr("项目库文件 (*.gpkg)"))
        if not chosen:
            return False
        out = Path(chosen)
    try:
        result = import_ledger(sheet)
        if len(result.frame) == 0:
            raise DataError(sheet, tr("没有可导入的行"))
        create_register(out, result.frame)
    except DataError as exc:
        log_failure(log, exc, "importing the ledger %s", sheet)
        plain_text.warn(window, tr("无法导入台账"), exc.one_line(window.lang))
        return False
    awaiting = int((result.frame["placement"] == "待落图").sum())
    lines = [tr("已导入 {n} 个项目，其中 {a} 个待落图（暂放在乡镇驻地）。").format(n=len(result.frame), a=awaiting)]
    if result.problems:
        lines.append(tr("以下行未导入："))
        lines += [tr("第 {line} 行").format(line=line) + f"：{why.in_lang(window.lang)}"
                  for line, why in result.problems]
    if result.notices:
        lines.append(tr("请注意："))
        lines += [notice.in_lang(window.lang) for notice in result.notices]
    plain_text.inform(window, tr("导入台账"), "\n".join(lines))
    return open_register_file(editing, out)


def export_ledger(editing: RegisterEditing, out: Path | None) -> bool:
    from ..data.register.ledger import export_ledger

    window = editing.window
    if editing.session is None:
        plain_text.inform(window, tr("项目库"), tr("请先新建或打开项目库。"))
        return False
    if out is None:
        chosen, _ = file_dialogs.getSaveFileName(window, tr("导出台账"), "项目台账.xlsx",
                                                tr("Excel 工作簿 (*.xlsx)") + ";;" + tr("CSV 文本 (*.csv)"))
        if not chosen:
            return False
        out = Path(chosen)
    export_ledger(editing.session.frame, out)
    window.statusBar().showMessage(tr("台账已导出") + f"：{out}", 8000)
    return True


def open_register_file(editing: RegisterEditing, path: Path | None) -> bool:
    window = editing.window
    if path is None:
        chosen, _ = file_dialogs.getOpenFileName(window, tr("打开项目库"), "", tr("项目库文件 (*.gpkg)"))
        if not chosen:
            return False
        path = Path(chosen)
    try:
        session = editing.session = EditSession(open_register(path))
    except DataError as exc:
        log_failure(log, exc, "opening the register %s", path)
        plain_text.warn(window, tr("无法打开项目库"), exc.one_line(window.lang))
        return False
    editing.compliance.clear()
    editing.show_register()
    reason = session.register.read_only_reason
    if reason is not None:  # triggers the app did not make: shown, never written
        if editing.editing:
            editing.edit_action.setChecked(False)
        window.statusBar().showMessage(tr("项目库以只读方式打开"), 15000)
        plain_text.warn(window, tr("项目库以只读方式打开"), f"{path}：{reason.in_lang(window.lang)}")
    return True
