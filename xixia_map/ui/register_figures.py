"""The dashboard's 项目库 block: the planners' register in figures, beside the
county documents' own figures for the same things (296 个重大项目, 1335 亿元,
350 亿元, 143%), so the two can be read against each other. The documents'
143% is of the 省市重点 projects, so the register's rate beside it is too."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ..data.indicator_words import period_text, value_text
from ..data.register.summary import column as summary_column, totals
from .i18n import QT_TR_NOOP, tr

# (label, the register's figure, the indicator it is read against)
ROWS = ((QT_TR_NOOP("项目数"), "count", "major_projects_count"), (QT_TR_NOOP("总投资"), "total", "major_projects_total"),
        (QT_TR_NOOP("年度计划投资"), "annual_plan", "major_projects_annual"), (QT_TR_NOOP("完成投资"), "completed", None),
        (QT_TR_NOOP("省市重点项目完成投资占年度计划"), "key_rate", "key_project_plan_completion"))
KEY_LEVELS = ("省重点", "市重点")



def _yi(wan: float, lang: str = "zh") -> str:
    """亿元 in Chinese; in English bn yuan, as the documents' own figures beside it read."""
    if lang == "zh":
        return tr("{v} 亿元").format(v=f"{wan / 10_000:,.2f}")
    return f"{wan / 100_000:,.3f} bn yuan"


class RegisterFigures(QTableWidget):
    def __init__(self, indicators: dict, parent=None):
        super().__init__(len(ROWS), 3, parent)
        self.indicators = indicators
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.setWordWrap(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)

    def show_register(self, frame, lang: str) -> None:
        self.setHorizontalHeaderLabels([tr("指标"), tr("项目库"), tr("县文件")])
        everything = totals(frame)
        levels = summary_column(frame, "level")  # None: the register has no 级别
        key = totals(frame[levels.isin(KEY_LEVELS).to_numpy()]) if levels is not None else None
        mine = {"count": tr("{n} 个").format(n=everything.count), "total": _yi(everything.total, lang),
                "annual_plan": _yi(everything.annual_plan, lang), "completed": _yi(everything.completed, lang),
                "key_rate": f"{key.completion:.0%}" if key is not None and key.completion is not None else "—"}
        for row, (label, figure, indicator_id) in enumerate(ROWS):
            reference = self.indicators.get(indicator_id) if indicator_id else None
            theirs = f"{value_text(reference, lang)} · {period_text(reference, lang)}" if reference else "—"
            for column, text in enumerate((tr(label), mine[figure], theirs)):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.setItem(row, column, item)
        self.resizeColumnsToContents()
        self.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.resizeRowsToContents()
        self.setFixedHeight(self.horizontalHeader().height() + sum(self.rowHeight(r) for r in range(len(ROWS))) + 4)
