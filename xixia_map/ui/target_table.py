"""The dashboard's 目标与实绩 block: each target beside its actual, in the
documents' words (data/indicator_targets.py), with whether it was met."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ..data.indicator_targets import TargetPair
from . import plain_text
from .i18n import tr


def verdict(pair: TargetPair, lang: str) -> str:
    zh = lang == "zh"
    word = {True: "已完成" if zh else "met", False: "未完成" if zh else "not met", None: "不可直接比较" if zh else "not comparable"}
    return word[pair.met] + ("：" if zh else ": ") + (pair.note_zh if zh else pair.note_en)


class TargetTable(QTableWidget):
    def __init__(self, pairs: list[TargetPair], indicators: dict, parent=None):
        super().__init__(len(pairs), 4, parent)
        self.pairs = pairs
        self.indicators = indicators
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.verticalHeader().hide()
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)

    def show_pairs(self, lang: str, dark: bool = False) -> None:
        zh = lang == "zh"
        self.setHorizontalHeaderLabels([tr("指标"), tr("目标"), tr("实绩"), tr("对照")])
        for row, pair in enumerate(self.pairs):
            target, actual = self.indicators[pair.target_id], self.indicators[pair.actual_id]
            cells = ((pair.title_zh if zh else pair.title_en, None),
                     (pair.target_zh if zh else pair.target_en, f"“{pair.target_quote}”\n{target.source_sentence}"),
                     (pair.actual_zh if zh else pair.actual_en, f"“{pair.actual_quote}”\n{actual.source_sentence}"),
                     (verdict(pair, lang), None))
            for column, (text, tip) in enumerate(cells):
                item = QTableWidgetItem(text)
                if tip:
                    item.setToolTip(plain_text.tooltip(tip))
                if column == 3:
                    item.setForeground(QColor({True: "#1a7f37", False: "#c0392b", None: "#9a6700"}[pair.met]
                                              if not dark else {True: "#7ee2a8", False: "#ff9b9b", None: "#ffd166"}[pair.met]))
                self.setItem(row, column, item)
        header = self.horizontalHeader()
        for column in range(4):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self._fit_height()

    def _fit_height(self) -> None:
        """Every row whole, with no inner scroll bar: the dashboard scrolls instead."""
        self.resizeRowsToContents()
        self.setFixedHeight(self.horizontalHeader().height() + sum(self.rowHeight(r) for r in range(self.rowCount())) + 4)

    def resizeEvent(self, event):  # noqa: N802 (Qt API): wrapped rows grow with the width
        super().resizeEvent(event)
        self._fit_height()
