"""A project's attributes with proper widgets: the status and level from the
documents' lists (the status may be typed in the ledger's own words, 续建 …),
investments in 万元, dates with a calendar."""
from __future__ import annotations

import math

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox, QDateEdit, QDialog, QDialogButtonBox, QDoubleSpinBox, QFormLayout, QLineEdit, QWidget,
)

from ..data.register.fields import FIELDS, LEVELS, STATUSES


def _blank(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value == ""


class ProjectDialog(QDialog):
    def __init__(self, record: dict, townships: list[str], parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("项目属性"))
        self.widgets: dict[str, QWidget] = {}
        form = QFormLayout(self)
        for f in FIELDS:
            value = record.get(f.key)
            widget: QWidget
            if f.key in ("status", "level", "township"):
                box = widget = QComboBox()
                box.setEditable(f.key == "status")
                box.addItem(self.tr("（未填）"), None)
                for choice in {"status": STATUSES, "level": LEVELS, "township": townships}[f.key]:
                    box.addItem(choice, choice)
                if not _blank(value):
                    if box.findData(value) < 0:
                        box.addItem(str(value), value)
                    box.setCurrentIndex(box.findData(value))
            elif f.kind == "money":
                money = widget = QDoubleSpinBox()
                money.setRange(0, 1e9)
                money.setDecimals(2)
                money.setSuffix(" " + self.tr("万元"))
                money.setGroupSeparatorShown(True)
                money.setSpecialValueText(self.tr("（未填）"))
                money.setValue(0 if value is None or _blank(value) else float(value))
            elif f.kind == "date":
                day = widget = QDateEdit()
                day.setCalendarPopup(True)
                day.setDisplayFormat("yyyy-MM-dd")
                day.setMinimumDate(QDate(1990, 1, 1))
                day.setSpecialValueText(self.tr("（未填）"))
                date = QDate.fromString(str(value)[:10], "yyyy-MM-dd") if not _blank(value) else QDate()
                if not date.isValid() and not _blank(value):
                    date = QDate.fromString(str(value)[:7], "yyyy-MM")
                day.setDate(date if date.isValid() else day.minimumDate())
            else:
                widget = QLineEdit("" if _blank(value) else str(value))
            self.widgets[f.key] = widget
            form.addRow(f.header, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def values(self) -> dict:
        out = {}
        for key, widget in self.widgets.items():
            if isinstance(widget, QComboBox):
                typed = widget.currentText().strip()
                listed = widget.currentIndex() >= 0 and widget.itemText(widget.currentIndex()) == widget.currentText()
                out[key] = widget.currentData() if listed or not widget.isEditable() else (typed or None)
            elif isinstance(widget, QDoubleSpinBox):
                out[key] = None if widget.value() == widget.minimum() else round(widget.value(), 2)
            elif isinstance(widget, QDateEdit):
                out[key] = None if widget.date() == widget.minimumDate() else widget.date().toString("yyyy-MM-dd")
            elif isinstance(widget, QLineEdit):
                out[key] = widget.text().strip() or None
        return out


class MonthReportDialog(QDialog):
    """One month's completed investment: the month with a calendar, 万元 as a number."""

    def __init__(self, name: str, month: QDate, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("填报月度完成投资"))
        form = QFormLayout(self)
        form.addRow(self.tr("项目"), QLineEdit(name, readOnly=True))
        self.month = QDateEdit(month)
        self.month.setCalendarPopup(True)
        self.month.setDisplayFormat("yyyy-MM")
        self.amount = QDoubleSpinBox()
        self.amount.setRange(0, 1e9)
        self.amount.setDecimals(1)
        self.amount.setSuffix(" " + self.tr("万元"))
        self.amount.setGroupSeparatorShown(True)
        form.addRow(self.tr("月份"), self.month)
        form.addRow(self.tr("当月完成投资"), self.amount)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def report(self) -> tuple[str, float]:
        return self.month.date().toString("yyyy-MM"), round(self.amount.value(), 1)
