"""项目落图 in the window: open or create a register, the 编辑 mode (drag a
project to its site, add one by clicking, edit its attributes), undo and redo,
save (a conflicting save shows what differs) and discard. A thin adapter over
data/register/session.py."""
from __future__ import annotations

import logging
import math
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QMessageBox

from ..data.errors import DataError
from ..data.log import log_failure
from ..data.register.seed import seed_frame
from ..data.register.session import LAYER_ID, EditSession
from ..data.register.model import RegisterConflict
from ..data.register.store import create_register, open_register
from . import file_dialogs, plain_text
from .register_dialog import ProjectDialog
from .i18n import tr

Button = QMessageBox.StandardButton
log = logging.getLogger(__name__)



class RegisterEditing(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.session: EditSession | None = None
        self.editing = False
        self.filter: dict = {}
        self.view_panel = None  # the lifecycle view, made with the first register
        from .compliance_run import ComplianceRun

        self.compliance = ComplianceRun(self)  # 项目库 → 合规性审查
        view = window.map_view
        view.feature_dragged.connect(self._dragged)
        view.point_added.connect(self._added_at)
        view.shape_drawn.connect(self._shaped)
        view.shape_edited.connect(self._shaped)
        view.feature_selected.connect(self._selected)

    # -- menu ---------------------------------------------------------------------
    def build_menu(self, bar) -> None:
        from .township_stats import show_township_stats

        menu = bar.addMenu(tr("项目库"))
        menu.addAction(tr("新建项目库（从县文件项目）…")).triggered.connect(lambda: self.new_register())
        menu.addAction(tr("打开项目库…")).triggered.connect(lambda: self.open(None))
        menu.addAction(tr("从台账导入（XLSX/CSV）…")).triggered.connect(lambda: self.import_ledger(None, None))
        menu.addAction(tr("导出台账（XLSX）…")).triggered.connect(lambda: self.export_ledger(None))
        menu.addAction(tr("按乡镇统计…")).triggered.connect(lambda: show_township_stats(self.window))
        menu.addAction(tr("显示项目库面板")).triggered.connect(self.show_panel)  # a closed dock comes back here
        self.compliance_action = menu.addAction(tr("合规性审查"))
        self.compliance_action.triggered.connect(lambda _checked=False: self.compliance.start())
        menu.addSeparator()
        self.edit_action = QAction(tr("编辑"), menu, checkable=True)
        self.edit_action.setChecked(self.editing)  # the menu is rebuilt when the language changes
        self.edit_action.toggled.connect(self.set_editing)
        menu.addAction(self.edit_action)
        self.add_action = QAction(tr("添加项目（在地图上点击）"), menu, checkable=True)
        self.add_action.toggled.connect(lambda on: self.window.map_view.call("setAddMode", on))
        menu.addAction(self.add_action)
        menu.addAction(tr("绘制选中项目的红线（点击各拐点，回到起点结束）")).triggered.connect(self.draw_redline)
        menu.addAction(tr("输入坐标定位选中项目…")).triggered.connect(lambda: self.type_position(None))
        menu.addAction(tr("编辑选中项目的属性…")).triggered.connect(self.edit_selected)
        menu.addAction(tr("删除选中项目")).triggered.connect(self.delete_selected)
        self.undo_action = menu.addAction(tr("撤销"))
        self.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
        self.undo_action.triggered.connect(lambda: self._step(self.session.undo) if self.session else None)
        self.redo_action = menu.addAction(tr("重做"))
        self.redo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))
        self.redo_action.triggered.connect(lambda: self._step(self.session.redo) if self.session else None)
        menu.addSeparator()
        menu.addAction(tr("保存项目库")).triggered.connect(self.save)
        menu.addAction(tr("放弃更改")).triggered.connect(self.discard)

    # -- files ----------------------------------------------------------------------
    def new_register(self, path: Path | None = None) -> bool:
        if path is None:
            chosen, _ = file_dialogs.getSaveFileName(self.window, tr("新建项目库"), "西峡项目库.gpkg", tr("项目库文件 (*.gpkg)"))
            if not chosen:
                return False
            path = Path(chosen)
        create_register(path, seed_frame(self.window.layers["projects"]))
        return self.open(path)

    def import_ledger(self, sheet: Path | None, out: Path | None) -> bool:
        """A 台账 into a new register: good rows placed, bad rows listed by line."""
        from ..data.register.ledger import import_ledger

        if sheet is None:
            chosen, _ = file_dialogs.getOpenFileName(self.window, tr("导入台账"), "", tr("台账 (*.xlsx *.csv)"))
            if not chosen:
                return False
            sheet = Path(chosen)
        if out is None:
            chosen, _ = file_dialogs.getSaveFileName(self.window, tr("新建项目库"), sheet.with_suffix(".gpkg").name,
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
            plain_text.warn(self.window, tr("无法导入台账"), exc.one_line(self.window.lang))
            return False
        awaiting = int((result.frame["placement"] == "待落图").sum())
        lines = [tr("已导入 {n} 个项目，其中 {a} 个待落图（暂放在乡镇驻地）。").format(n=len(result.frame), a=awaiting)]
        if result.problems:
            lines.append(tr("以下行未导入："))
            lines += [tr("第 {line} 行").format(line=line) + f"：{why.in_lang(self.window.lang)}"
                      for line, why in result.problems]
        if result.notices:
            lines.append(tr("请注意："))
            lines += [notice.in_lang(self.window.lang) for notice in result.notices]
        plain_text.inform(self.window, tr("导入台账"), "\n".join(lines))
        return self.open(out)

    def export_ledger(self, out: Path | None) -> bool:
        from ..data.register.ledger import export_ledger

        if self.session is None:
            plain_text.inform(self.window, tr("项目库"), tr("请先新建或打开项目库。"))
            return False
        if out is None:
            chosen, _ = file_dialogs.getSaveFileName(self.window, tr("导出台账"), "项目台账.xlsx",
                                                    tr("Excel 工作簿 (*.xlsx)") + ";;" + tr("CSV 文本 (*.csv)"))
            if not chosen:
                return False
            out = Path(chosen)
        export_ledger(self.session.frame, out)
        self.window.statusBar().showMessage(tr("台账已导出") + f"：{out}", 8000)
        return True

    def open(self, path: Path | None) -> bool:
        if path is None:
            chosen, _ = file_dialogs.getOpenFileName(self.window, tr("打开项目库"), "", tr("项目库文件 (*.gpkg)"))
            if not chosen:
                return False
            path = Path(chosen)
        try:
            self.session = EditSession(open_register(path))
        except DataError as exc:
            log_failure(log, exc, "opening the register %s", path)
            plain_text.warn(self.window, tr("无法打开项目库"), exc.one_line(self.window.lang))
            return False
        self.compliance.clear()
        self._show()
        reason = self.session.register.read_only_reason
        if reason is not None:  # triggers the app did not make: shown, never written
            if self.editing:
                self.edit_action.setChecked(False)
            self.window.statusBar().showMessage(tr("项目库以只读方式打开"), 15000)
            plain_text.warn(self.window, tr("项目库以只读方式打开"), f"{path}：{reason.in_lang(self.window.lang)}")
        return True

    def open_session(self, session: EditSession) -> None:
        """A register read elsewhere (shared in PostGIS): shown and edited as a file's is."""
        self.session = session
        self.compliance.clear()
        self._show()
        if session.register.read_only:
            self.window.statusBar().showMessage(
                tr("该项目库对您只读：数据库用户没有修改权限，修改无法保存"), 15000)

    def _lifecycle_view(self):
        if self.view_panel is None:
            from PySide6.QtWidgets import QDockWidget, QScrollArea

            from .register_view import RegisterView

            self.view_panel = RegisterView(self._reference(), self.window)
            self.view_panel.filter_changed.connect(self._filtered)
            self.view_panel.project_chosen.connect(lambda pid: self.window.map_view.select_feature(LAYER_ID, pid))
            self.view_panel.report_requested.connect(lambda pid: self.report_progress(pid))
            self.view_panel.review_export_requested.connect(lambda: self.compliance.export())
            dock = self.dock = QDockWidget(tr("项目库"), self.window)
            dock.setObjectName("dock_register")
            scroll = QScrollArea()  # on a short screen the panel scrolls instead of stretching the window
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QScrollArea.Shape.NoFrame)
            scroll.setWidget(self.view_panel)
            dock.setWidget(scroll)
            self.window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
            # A tab beside 要素详情 and the dashboard, not a fourth panel under
            # them: stacked, their minimum heights pushed a 700 px window's
            # status bar off the screen, and the project list got one row.
            self.window.tabifyDockWidget(self.window.docks["details"], dock)
            dock.raise_()
        return self.view_panel

    def show_panel(self) -> None:
        if self.session is None:
            plain_text.inform(self.window, tr("项目库"), tr("请先新建或打开项目库。"))
            return
        self._lifecycle_view()
        self.dock.show()
        self.dock.raise_()

    def _reference(self) -> str:
        from ..data.indicator_words import period_text, value_text

        lang = self.window.lang
        return next((tr("{title}（县文件）：{value}，{period}").format(
            title=i.title(lang), value=value_text(i, lang), period=period_text(i, lang))
            for i in self.window.indicators if i.id == "key_project_plan_completion"), "")

    def retranslate(self) -> None:
        """After a language switch (the menu is rebuilt by the window)."""
        if self.view_panel is not None:
            self.dock.setWindowTitle(tr("项目库"))
            self.view_panel.retranslate(self._reference())
            self._show()

    def _selected(self, record: dict) -> None:
        if self.session is not None and record.get("_layer") == LAYER_ID and self.view_panel is not None:
            self._show_progress(str(record["id"]))

    def _show_progress(self, pid: str | None) -> None:
        known = pid is not None and (self.session.frame["pid"] == pid).any()
        self.view_panel.show_progress(self.session.register.record(pid) if known else None,
                                      self.session.register.monthly(pid) if known else [])

    def report_progress(self, pid: str | None, dialog=None) -> bool:
        """填报: one month's completed investment for a project (undoable, saved
        with the register; 完成投资 moves by it). `dialog`: a test's filled-in one."""
        from PySide6.QtCore import QDate

        from .register_dialog import MonthReportDialog

        if self.session is None or pid is None:
            return False
        if dialog is None:
            dialog = MonthReportDialog(str(self.session.register.record(pid).get("name") or ""),
                                       QDate.currentDate().addMonths(-1), self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        month, amount = dialog.report()
        earlier = dict(self.session.register.monthly(pid)).get(month)
        if earlier is not None and earlier != amount:  # a month reported again replaces it: said, not silent
            from PySide6.QtWidgets import QMessageBox

            answer = plain_text.message(self.window, QMessageBox.Icon.Question, tr("替换已填报的数字"), tr(
                "{month} 已填报 {old} 万元，是否改为 {new} 万元？").format(month=month, old=f"{earlier:,.1f}",
                                                                 new=f"{amount:,.1f}"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return False
        self.session.report_month(pid, month, amount)
        self.view_panel.progress_pid = pid
        self._changed()
        return True

    def _filtered(self, selection: dict) -> None:
        self.filter = selection
        self._show(panels=False)  # the view has refreshed itself; the register did not change

    def _show(self, panels: bool = True) -> None:
        from ..data.register.summary import filtered

        layers = self.window.layers
        if panels:
            self._lifecycle_view().show_register(self.session.frame)
            self.window.indicators_panel.show_register(self.session.frame)
        if not panels and LAYER_ID in layers:  # a new filter over the same features
            layers.set_shown(LAYER_ID, filtered(layers[LAYER_ID].all_features, **self.filter))
            return
        stem = self.session.register.path.stem
        layer = self.session.layer(f"项目库：{stem}", f"Register: {stem}")
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

    # -- editing --------------------------------------------------------------------
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

    def _dragged(self, layer_id: str, pid: str, lat: float, lng: float, zoom: float) -> None:
        if layer_id == LAYER_ID and self.session is not None and self.editing:
            self.session.drag(pid, lng, lat, zoom)
            self._changed()

    def _added_at(self, lat: float, lng: float, zoom: float) -> None:
        if self.session is None or not self.editing:
            return
        self.add_action.setChecked(False)
        name = plain_text.ask_text(self.window, tr("添加项目"), tr("项目名称"))
        if not name or not name.strip():
            return
        self.session.add(name.strip(), lng, lat, zoom)
        self._changed()

    def draw_redline(self) -> bool:
        """Draw the selected project's 红线 on the map; its vertices can then be
        dragged, added (drag a midpoint) and deleted (right-click) in 编辑 mode."""
        pid = self._selected_project(tr("请先进入编辑模式，并在地图上选中项目库中的一个项目。"), editing=True)
        if pid is None:
            return False
        if not self.window.map_view.call_sync("drawShape", LAYER_ID, pid):
            plain_text.warn(self.window, tr("无法绘制红线"), tr("缺少地图绘制组件，请重新运行安装命令。"))
            return False
        self.window.statusBar().showMessage(tr("绘制红线：依次点击各拐点，点击起点结束；Esc 取消。"))
        return True

    def type_position(self, dialog=None) -> bool:
        """Place the selected project at typed coordinates (`dialog`: a test's
        filled-in PositionDialog); its accuracy is the precision typed."""
        from .position_dialog import PositionDialog

        pid = self._selected_project(tr("请先进入编辑模式，并在地图上选中项目库中的一个项目。"), editing=True)
        if pid is None:
            return False
        dialog = dialog or PositionDialog(self.window.lang, self.window)
        if dialog.position is None and dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        at = dialog.position
        self.session.move(pid, at.lon, at.lat, at.accuracy_m)
        if at.swapped:
            self.window.statusBar().showMessage(tr("东、北坐标填反了，已互换后使用。"), 10000)
        self._changed()
        return True

    def _shaped(self, layer_id: str, pid: str, geometry: str, zoom: float) -> None:
        import json

        import shapely.geometry

        if layer_id != LAYER_ID or self.session is None or not self.editing:
            return
        self.window.statusBar().clearMessage()
        try:
            area = shapely.geometry.shape(json.loads(geometry))
            self.session.reshape(pid, area, zoom)
        except (ValueError, TypeError, KeyError):
            plain_text.warn(self.window, tr("无法使用该红线"), tr("红线必须是不自相交的面。"))
            self._show()  # put the drawing back as it was
            return
        self._changed()

    def _selected_project(self, hint: str, editing: bool = False) -> str | None:
        selected = self.window.current_selection()
        if self.session is None or (editing and not self.editing) or not selected or selected[0] != LAYER_ID:
            plain_text.inform(self.window, tr("项目库"), hint)
            return None
        return selected[1]

    def edit_selected(self, dialog=None) -> None:
        """The selected project's attributes in a form (`dialog`: a test's filled-in one)."""
        pid = self._selected_project(tr("请先在地图上选中项目库中的一个项目。"))
        if pid is None:
            return
        record = self.session.register.record(pid)
        townships = sorted(self.window.layers["townships"].frame["name_zh"]) if "townships" in self.window.layers else []
        if dialog is None:
            dialog = ProjectDialog(record, townships, self.window)
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
        values = dialog.values()
        if not values.get("name"):
            values.pop("name")
        self.session.change(pid, {k: v for k, v in values.items() if not _same(record.get(k), v)})
        self._changed()

    def delete_selected(self) -> None:
        pid = self._selected_project(tr("请先进入编辑模式，并在地图上选中项目库中的一个项目。"), editing=True)
        if pid is None:
            return
        self.session.delete(pid)
        self.window.details.show_record(None)
        self._changed()

    def _step(self, action) -> None:
        if action():
            self._changed()

    def _changed(self) -> None:
        self._show()
        self.compliance.stale()
        if self.view_panel.progress_pid is not None:
            self._show_progress(self.view_panel.progress_pid)
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
            return self._resolve(exc)
        except DataError as exc:
            log_failure(log, exc, "saving the register %s", self.session.register.path)
            plain_text.critical(self.window, tr("无法保存项目库"), exc.one_line(self.window.lang))
            return False
        self.window.statusBar().showMessage(tr("项目库已保存") + f"：{self.session.register.path}", 8000)
        return True

    def _resolve(self, conflict: RegisterConflict) -> bool:
        lines = [f"{pid} · {field}：{tr('原值')} {old!s} / {tr('他人')} {theirs!s} / {tr('我的')} {mine!s}"
                 for pid, field, old, theirs, mine in conflict.differences]
        answer = plain_text.message(
            self.window, plain_text.Icon.Warning, tr("项目库已被他人修改"),
            tr("您打开项目库后，他人已保存了修改。以下字段不同：") + "\n" + "\n".join(lines) + "\n\n"
            + tr("“保存”用我的修改覆盖这些字段；“丢弃”放弃我的修改，读取他人的版本。"),
            Button.Save | Button.Discard | Button.Cancel, Button.Cancel)
        if answer == Button.Cancel:
            return False
        mine = [edit for group in self.session.pending for edit in group]
        self.session = EditSession(self.session.register.reopen())
        if answer == Button.Save:
            for edit in mine:
                self.session.change(edit.pid, {edit.field: edit.new})
            self.session.save()
        self._show()
        return True

    def discard(self) -> None:
        if self.session is not None:
            self.session.discard()
            self._show()


def _same(a, b) -> bool:
    if (a is None or (isinstance(a, float) and math.isnan(a))) and b is None:
        return True
    return a == b
