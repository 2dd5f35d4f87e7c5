"""The register's lifecycle view: filters (建设状态, 级别, 乡镇, 类型), each project's
completed against planned investment, and totals that follow the filter, next to
the county documents' own figure. The map shows the same filtered projects."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QTableView, QVBoxLayout, QWidget

from ..data.register.summary import FILTER_FIELDS, choices, filtered, totals

LABELS = {"status": "建设状态", "level": "级别", "township": "所在乡镇", "category": "项目类型"}
COLUMNS = (("name", "项目名称"), ("township", "所在乡镇"), ("level", "级别"), ("status", "建设状态"),
           ("annual_plan", "年度计划（万元）"), ("completed", "完成（万元）"), ("rate", "完成率"))


def tr(text: str) -> str:
    return QCoreApplication.translate("RegisterView", text)


class RegisterView(QWidget):
    filter_changed = Signal(dict)

    def __init__(self, reference: str = "", parent=None):
        super().__init__(parent)
        self.frame = None
        self.boxes = {}
        form = QFormLayout()
        for field in FILTER_FIELDS:
            box = QComboBox()
            box.currentIndexChanged.connect(self._changed)
            self.boxes[field] = box
            form.addRow(tr(LABELS[field]), box)
        self.totals = QLabel()
        self.totals.setTextFormat(Qt.TextFormat.PlainText)
        self.totals.setWordWrap(True)
        self.reference = QLabel(reference)
        self.reference.setTextFormat(Qt.TextFormat.PlainText)
        self.reference.setWordWrap(True)
        self.model = QStandardItemModel(0, len(COLUMNS))
        self.model.setHorizontalHeaderLabels([tr(h) for _, h in COLUMNS])
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.totals)
        layout.addWidget(self.reference)
        layout.addWidget(self.table, 1)

    def show_register(self, frame) -> None:
        self.frame = frame
        for field, box in self.boxes.items():
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(tr("全部"), None)
            for value in choices(frame, field):
                box.addItem(value, value)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)
        self._refresh()

    def selection(self) -> dict:
        return {field: box.currentData() for field, box in self.boxes.items()}

    def _changed(self, *_args) -> None:
        self._refresh()
        self.filter_changed.emit(self.selection())

    def _refresh(self) -> None:
        if self.frame is None:
            return
        rows = filtered(self.frame, **self.selection())
        self.totals.setText(tr("筛选结果：") + totals(rows).text())
        self.model.setRowCount(0)
        for _, row in rows.iterrows():
            plan, done = row.get("annual_plan"), row.get("completed")
            rate = f"{done / plan:.0%}" if plan and done == done and plan == plan else "—"
            items = []
            for key, _header in COLUMNS:
                value = rate if key == "rate" else row.get(key)
                item = QStandardItem("" if value is None or value != value else
                                     (f"{value:,.0f}" if isinstance(value, float) else str(value)))
                item.setEditable(False)
                items.append(item)
            self.model.appendRow(items)
