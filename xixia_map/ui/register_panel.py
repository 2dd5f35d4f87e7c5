"""The register's panel for RegisterEditing: the lifecycle view (register_view.py)
in a dock made with the first register, a tab beside 要素详情; the chosen
project's monthly progress, and 填报 of one month."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDockWidget, QMessageBox, QScrollArea

from ..data.register.session import LAYER_ID
from . import plain_text
from .i18n import tr

if TYPE_CHECKING:
    from .register_view import RegisterView
    from .register_dialog import MonthReportDialog
    from .register_editing import RegisterEditing


def lifecycle_view(editing: RegisterEditing) -> RegisterView:
    """The panel, made (and docked) the first time."""
    from .register_view import RegisterView

    if editing.view_panel is None:
        window = editing.window
        panel = editing.view_panel = RegisterView(reference(editing), window)
        panel.filter_changed.connect(editing.filtered)
        panel.project_chosen.connect(lambda pid: window.map_view.select_feature(LAYER_ID, pid))
        panel.report_requested.connect(lambda pid: report_progress(editing, pid))
        panel.review_export_requested.connect(lambda: editing.compliance.export())
        dock = editing.dock = QDockWidget(tr("项目库"), window)
        dock.setObjectName("dock_register")
        scroll = QScrollArea()  # on a short screen the panel scrolls instead of stretching the window
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(panel)
        dock.setWidget(scroll)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
        # A tab beside 要素详情 and the dashboard, not a fourth panel under
        # them: stacked, their minimum heights pushed a 700 px window's
        # status bar off the screen, and the project list got one row.
        window.tabifyDockWidget(window.docks["details"], dock)
        dock.raise_()
    return editing.view_panel


def show_panel(editing: RegisterEditing) -> None:
    if editing.session is None:
        plain_text.inform(editing.window, tr("项目库"), tr("请先新建或打开项目库。"))
        return
    lifecycle_view(editing)
    if editing.dock is not None:
        editing.dock.show()
        editing.dock.raise_()


def reference(editing: RegisterEditing) -> str:
    """The county document's figure the register is read against (the plan's completion)."""
    from ..data.indicator_words import period_text, value_text

    lang = editing.window.lang
    return next((tr("{title}（县文件）：{value}，{period}").format(
        title=i.title(lang), value=value_text(i, lang), period=period_text(i, lang))
        for i in editing.window.indicators if i.id == "key_project_plan_completion"), "")


def show_progress(editing: RegisterEditing, pid: str | None) -> None:
    """The project's months in the panel (none for a project the register no longer holds)."""
    session, panel = editing.session, editing.view_panel
    if session is None or panel is None:
        return
    if pid is not None and (session.frame["pid"] == pid).any():
        panel.show_progress(session.register.record(pid), session.register.monthly(pid))
    else:
        panel.show_progress(None, [])


def report_progress(editing: RegisterEditing, pid: str | None, dialog: MonthReportDialog | None = None) -> bool:
    """填报: one month's completed investment for a project (undoable, saved
    with the register; 完成投资 moves by it). `dialog`: a test's filled-in one."""
    from PySide6.QtCore import QDate

    from .register_dialog import MonthReportDialog

    session, window = editing.session, editing.window
    if session is None or pid is None:
        return False
    if dialog is None:
        dialog = MonthReportDialog(str(session.register.record(pid).get("name") or ""),
                                   QDate.currentDate().addMonths(-1), window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
    month, amount = dialog.report()
    earlier = dict(session.register.monthly(pid)).get(month)
    if earlier is not None and earlier != amount:  # a month reported again replaces it: said, not silent
        answer = plain_text.message(window, QMessageBox.Icon.Question, tr("替换已填报的数字"), tr(
            "{month} 已填报 {old} 万元，是否改为 {new} 万元？").format(month=month, old=f"{earlier:,.1f}",
                                                             new=f"{amount:,.1f}"),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
    session.report_month(pid, month, amount)
    if editing.view_panel is not None:
        editing.view_panel.progress_pid = pid
    editing.changed()
    return True
