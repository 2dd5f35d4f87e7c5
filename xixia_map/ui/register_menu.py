"""项目库's menu, for RegisterEditing: the register's files, the panel, the
compliance review and township statistics, 编辑 mode and its actions, undo,
redo, save and discard. Rebuilt when the language changes."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenuBar

from .i18n import tr

if TYPE_CHECKING:
    from .register_editing import RegisterEditing


def build_menu(editing: RegisterEditing, bar: QMenuBar) -> None:
    from .township_stats import show_township_stats

    window = editing.window
    menu = bar.addMenu(tr("项目库"))
    menu.addAction(tr("新建项目库（从县文件项目）…")).triggered.connect(lambda: editing.new_register())
    menu.addAction(tr("打开项目库…")).triggered.connect(lambda: editing.open(None))
    menu.addAction(tr("从台账导入（XLSX/CSV）…")).triggered.connect(lambda: editing.import_ledger(None, None))
    menu.addAction(tr("导出台账（XLSX）…")).triggered.connect(lambda: editing.export_ledger(None))
    menu.addAction(tr("按乡镇统计…")).triggered.connect(lambda: show_township_stats(window))
    menu.addAction(tr("显示项目库面板")).triggered.connect(editing.show_panel)  # a closed dock comes back here
    editing.compliance_action = menu.addAction(tr("合规性审查"))
    editing.compliance_action.triggered.connect(lambda _checked=False: editing.compliance.start())
    menu.addSeparator()
    editing.edit_action = QAction(tr("编辑"), menu, checkable=True)
    editing.edit_action.setChecked(editing.editing)  # the menu is rebuilt when the language changes
    editing.edit_action.toggled.connect(editing.set_editing)
    menu.addAction(editing.edit_action)
    editing.add_action = QAction(tr("添加项目（在地图上点击）"), menu, checkable=True)
    editing.add_action.toggled.connect(lambda on: window.map_view.call("setAddMode", on))
    menu.addAction(editing.add_action)
    menu.addAction(tr("绘制选中项目的红线（点击各拐点，回到起点结束）")).triggered.connect(editing.draw_redline)
    menu.addAction(tr("输入坐标定位选中项目…")).triggered.connect(lambda: editing.type_position(None))
    menu.addAction(tr("编辑选中项目的属性…")).triggered.connect(editing.edit_selected)
    menu.addAction(tr("删除选中项目")).triggered.connect(editing.delete_selected)
    editing.undo_action = menu.addAction(tr("撤销"))
    editing.undo_action.setShortcut(QKeySequence("Ctrl+Z"))
    editing.undo_action.triggered.connect(lambda: editing.step(editing.session.undo) if editing.session else None)
    editing.redo_action = menu.addAction(tr("重做"))
    editing.redo_action.setShortcut(QKeySequence("Ctrl+Shift+Z"))
    editing.redo_action.triggered.connect(lambda: editing.step(editing.session.redo) if editing.session else None)
    menu.addSeparator()
    menu.addAction(tr("保存项目库")).triggered.connect(editing.save)
    menu.addAction(tr("放弃更改")).triggered.connect(editing.discard)
