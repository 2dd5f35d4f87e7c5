"""项目落图 in the window: open or create a register, the 编辑 mode (drag a
project to its site, add one by clicking, edit its attributes), undo and redo,
save (a conflicting save shows what differs) and discard. A thin adapter over
data/register/session.py; its menu (register_menu.py), files
(register_files.py), edits made on the map (register_map_edits.py) and panel
(register_panel.py) are functions of it there."""
from __future__ import annotations

import logging
import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QDockWidget, QMenuBar, QMessageBox

from ..data.errors import DataError
from ..data.layers import FilteredLayer
from ..data.log import log_failure
from ..data.register.session import LAYER_ID, EditSession
from ..data.register.model import RegisterConflict
from . import plain_text, register_files, register_map_edits, register_menu, register_panel
from .register_dialog import ProjectDialog
from .i18n import tr

if TYPE_CHECKING:
    from .compliance_run import ComplianceRun
    from .main_window import MainWindow
    from .position_dialog import PositionDialog
    from .register_dialog import MonthReportDialog
    from .register_view import RegisterView

Button = QMessageBox.StandardButton
log = logging.getLogger(__name__)


class RegisterEditing(QObject):
    # Made by register_menu.build_menu (again on each language switch).
    compliance_action: QAction
    edit_action: QAction
    add_action: QAction
    undo_action: QAction
    redo_action: QAction

    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.window = window
        self.session: EditSession | None = None
        self.editing = False
        self.filter: dict = {}
        self.view_panel: RegisterView | None = None  # the lifecycle view, made with the first register
        self.dock: QDockWidget | None = None  # the view's dock
        from .compliance_run import ComplianceRun

        self.compliance: ComplianceRun = ComplianceRun(self)  # 项目库 → 合规性审查
        register_map_edits.connect_map_edits(self)
        window.map_view.feature_selected.connect(self._selected)

    # -- menu, files, panel (register_menu.py, register_files.py, register_panel.py) -------
    def build_menu(self, bar: QMenuBar) -> None:
        register_menu.build_menu(self, bar)

    def new_register(self, path: Path | None = None) -> bool:
        return register_files.new_register(self, path)

    def import_ledger(self, sheet: Path | None, out: Path | None) -> bool:
        """A 台账 into a new register: good rows placed, bad rows listed by line."""
        return register_files.import_ledger(self, sheet, out)

    def export_ledger(self, out: Path | None) -> bool:
        return register_files.export_ledger(self, out)

    def open(self, path: Path | None) -> bool:
        return register_files.open_register_file(self, path)

    def open_session(self, session: EditSession) -> None:
        """A register read elsewhere (shared in PostGIS): shown and edited as a file's is."""
        self.session = session
        self.compliance.clear()
        self.show_register()
        if session.register.read_only:
            self.window.statusBar().showMessage(
                tr("该项目库对您只读：数据库用户没有修改权限，修改无法保存"), 15000)

    def show_panel(self) -> None:
        register_panel.show_panel(self)

    def report_progress(self, pid: str | None, dialog: MonthReportDialog | None = None) -> bool:
        """填报 of one month's completed investment (register_panel.report_progress)."""
        return register_panel.report_progress(self, pid, dialog)

    def retranslate(self) -> None:
        """After a language switch (the menu is rebuilt by the window)."""
        if self.view_panel is not None and self.dock is not None:
            self.dock.setWindowTitle(tr("项目库"))
            self.view_panel.retranslate(register_panel.reference(self))
            self.show_register()

    def _selected(self, record: dict) -> None:
        if self.session is not None and record.get("_layer") == LAYER_ID and self.view_panel is not None:
            register_panel.show_progress(self, str(record["id"]))

    def filtered(self, selection: dict) -> None:
        """The panel's filter changed: the map shows the projects it lets through."""
        self.filter = selection
        self.show_register(panels=False)  # the view has refreshed itself; the register did not change

    def show_register(self, panels: bool = True) -> None:
        """The register on the map (filtered) and, with `panels`, in its panel and the dashboard."""
        from ..data.register.summary import filtered

        session = self.session
        if session is None:
            return
        layers = self.window.layers
        if panels:
            register_panel.lifecycle_view(self).show_register(session.frame)
            self.window.indicators_panel.show_register(session.frame)
        if not panels and LAYER_ID in layers:  # a new filter over the same features
            held = layers[LAYER_ID]
            if isinstance(held, FilteredLayer):
                layers.set_shown(LAYER_ID, filtered(held.all_features, **self.filter))
            return
        stem = session.register.path.stem
        layer = session.layer(f"项目库：{stem}", f"Register: {stem}")
        shown = filtered(layer.frame, **self.filter)
        if LAYER_ID not in layers:
            layer.set_shown(shown)
            layers.append(layer)
            if "projects" in layers:
                layers.set_visible("projects", False)  # the register is the planners' copy of them
        else:
            layers.set_frame(LAYER_ID, layer.frame, shown)
        if self.editing:
            self.window.map_view.call("setDraggable", LAYER_ID, True)

    # -- editing (on the map: register_map_edits.py) ------------------------------------
    def set_editing(self, on: bool) -> None:
        if on and self.session is None:
            plain_text.inform(self.window, tr("项目库"), tr("请先新建或打开项目库。"))
            self.edit_action.setChecked(False)
            return
        reason = self.session.register.read_only_reason if self.session is not None else None
        if on and reason is not None:
            plain_text.warn(self.window, tr("项目库以只读方式打开"), reason.in_lang(self.window.lang))
            self.edit_action.setChecked(False)
            return
        self.editing = on
        self.window.map_view.call("setDraggable", LAYER_ID, on)
        self.window.details.set_editable(LAYER_ID, on)
        if not on:
            self.add_action.setChecked(False)

    def draw_redline(self) -> bool:
        """Draw the selected project's 红线 on the map (register_map_edits.draw_redline)."""
        return register_map_edits.draw_redline(self)

    def type_position(self, dialog: PositionDialog | None = None) -> bool:
        """Place the selected project at typed coordinates (register_map_edits.type_position)."""
        return register_map_edits.type_position(self, dialog)

    def selected_project(self, hint: str, editing: bool = False) -> tuple[EditSession, str] | None:
        """The open register and the pid of its project selected on the map; else
        None, with `hint` said (`editing`: only in 编辑 mode)."""
        selected = self.window.current_selection()
        if self.session is None or (editing and not self.editing) or not selected or selected[0] != LAYER_ID:
            plain_text.inform(self.window, tr("项目库"), hint)
            return None
        return self.session, selected[1]

    def edit_selected(self, dialog: ProjectDialog | None = None) -> None:
        """The selected project's attributes in a form (`dialog`: a test's filled-in one)."""
        selected = self.selected_project(tr("请先在地图上选中项目库中的一个项目。"))
        if selected is None:
            return
        session, pid = selected
        record = session.register.record(pid)
        townships = sorted(self.window.layers["townships"].frame["name_zh"]) if "townships" in self.window.layers else []
        if dialog is None:
            dialog = ProjectDialog(record, townships, self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        values = dialog.values()
        if not values.get("name"):
            values.pop("name")
        session.change(pid, {k: v for k, v in values.items() if not _same(record.get(k), v)})
        self.changed()

    def delete_selected(self) -> None:
        selected = self.selected_project(tr("请先进入编辑模式，并在地图上选中项目库中的一个项目。"), editing=True)
        if selected is None:
            return
        session, pid = selected
        session.delete(pid)
        self.window.details.show_record(None)
        self.changed()

    def step(self, action: Callable[[], bool]) -> None:
        """Undo or redo (`action`), and show what it changed."""
        if action():
            self.changed()

    def changed(self) -> None:
        """After an edit: the map, the panels and the details panel show it; the window has unsaved changes."""
        self.show_register()
        self.compliance.stale()
        if self.view_panel is not None and self.view_panel.progress_pid is not None:
            register_panel.show_progress(self, self.view_panel.progress_pid)
        shown = self.window.details.record  # the details panel follows the edit (a 红线 drawn, a month reported)
        if shown is not None and shown.get("_layer") == LAYER_ID:
            try:
                self.window.details.show_record(self.window.layers[LAYER_ID].record(str(shown["id"])))
            except KeyError:  # the project was deleted, or filtered out of view
                self.window.details.show_record(None)
        self.window.unsaved.mark()

    def dirty(self) -> bool:
        return self.session is not None and self.session.dirty()

    # -- saving ---------------------------------------------------------------------
    def save(self) -> bool:
        if self.session is None:
            return True
        try:
            self.session.save()
        except RegisterConflict as exc:
            return self._resolve(self.session, exc)
        except DataError as exc:
            log_failure(log, exc, "saving the register %s", self.session.register.path)
            plain_text.critical(self.window, tr("无法保存项目库"), exc.one_line(self.window.lang))
            return False
        self.window.statusBar().showMessage(tr("项目库已保存") + f"：{self.session.register.path}", 8000)
        return True

    def _resolve(self, session: EditSession, conflict: RegisterConflict) -> bool:
        lines = [f"{pid} · {field}：{tr('原值')} {old!s} / {tr('他人')} {theirs!s} / {tr('我的')} {mine!s}"
                 for pid, field, old, theirs, mine in conflict.differences]
        answer = plain_text.message(
            self.window, plain_text.Icon.Warning, tr("项目库已被他人修改"),
            tr("您打开项目库后，他人已保存了修改。以下字段不同：") + "\n" + "\n".join(lines) + "\n\n"
            + tr("“保存”用我的修改覆盖这些字段；“丢弃”放弃我的修改，读取他人的版本。"),
            Button.Save | Button.Discard | Button.Cancel, Button.Cancel)
        if answer == Button.Cancel:
            return False
        mine = [edit for group in session.pending for edit in group]
        session = self.session = EditSession(session.register.reopen())
        if answer == Button.Save:
            for edit in mine:
                session.change(edit.pid, {edit.field: edit.new})
            session.save()
        self.show_register()
        return True

    def discard(self) -> None:
        if self.session is not None:
            self.session.discard()
            self.show_register()


def _same(a, b) -> bool:
    if (a is None or (isinstance(a, float) and math.isnan(a))) and b is None:
        return True
    return a == b
