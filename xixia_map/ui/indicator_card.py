"""One indicator as a dashboard card: its name, the figure, the ranking the
document gives it, and the period with its year. All plain text."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout

from ..data.indicator_words import period_basis, period_text, rank_quote, rank_text, value_text
from ..data.indicators import Indicator
from ..data.source_words import source_words
from . import plain_text


def tooltip_for(ind: Indicator, lang: str) -> str:
    zh = lang == "zh"
    kind = ({"actual": "实绩", "target": "目标"} if zh else {"actual": "actual", "target": "target"})[ind.kind]
    lines = [f"{ind.title(lang)}: {value_text(ind, lang)}", f"{period_text(ind, lang)} · {kind}",
             period_basis(ind, lang), source_words(ind.seed, lang)]
    if rank_quote(ind):
        lines.append(("排名：" if zh else "ranking: ") + f"“{rank_quote(ind)}”")
    lines.append(f"“{ind.source_sentence}”")
    return plain_text.tooltip("\n".join(lines))


class Card(QFrame):
    clicked = Signal(str)

    def __init__(self, ind: Indicator, lang: str, scale: float = 1.0, parent=None):
        super().__init__(parent)
        self.indicator_id = ind.id
        self.indicator = ind
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setObjectName("card")
        self.title_label = QLabel()
        self.title_label.setWordWrap(True)
        self.value_label = QLabel()
        self.value_label.setObjectName("value")
        self.rank_label = QLabel()
        self.rank_label.setObjectName("rank")
        self.period_label = QLabel()
        self.period_label.setWordWrap(True)
        for label in (self.title_label, self.value_label, self.rank_label, self.period_label):
            label.setTextFormat(Qt.TextFormat.PlainText)
        self.set_scale(scale)
        # The ranking sits on the period's line, not beside the figure: "1.526 bn yuan"
        # and "1st in the city" side by side made two cards wider than the dock.
        when = QHBoxLayout()
        when.setSpacing(6)
        when.addWidget(self.rank_label, 0, Qt.AlignmentFlag.AlignTop)
        when.addWidget(self.period_label, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 6, 8, 6)
        layout.setSpacing(2)
        layout.addWidget(self.title_label)
        layout.addWidget(self.value_label)
        layout.addLayout(when)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.retranslate(lang)

    def set_scale(self, scale: float, dark: bool = False) -> None:
        """Sizes for the dock (1.0) or the 大屏 (larger, on a dark ground)."""
        back, border, title, value, period = (("#ffffff", "#d0d7de", "#57606a", "#0b4f8a", "#8c959f") if not dark
                                              else ("#0f2a4a", "#2d5b8c", "#a9c4e4", "#ffd166", "#8fb0d6"))
        self.setStyleSheet(f"#card {{ background: {back}; border: 1px solid {border}; border-radius: 6px; }}"
                           f"#rank {{ background: #c0392b; color: white; border-radius: 3px; padding: 0 4px;"
                           f" font-size: {round(11 * scale)}px; }}")
        self.title_label.setStyleSheet(f"color: {title}; font-size: {round(12 * scale)}px;")
        self.value_label.setStyleSheet(f"font-size: {round(18 * scale)}px; font-weight: 600; color: {value};")
        self.period_label.setStyleSheet(f"color: {period}; font-size: {round(11 * scale)}px;")

    def retranslate(self, lang: str) -> None:
        ind = self.indicator
        self.title_label.setText(ind.title(lang))
        self.value_label.setText(value_text(ind, lang))
        self.rank_label.setText(rank_text(ind, lang))
        self.rank_label.setVisible(bool(rank_text(ind, lang)))
        self.period_label.setText(period_text(ind, lang))
        self.setToolTip(tooltip_for(ind, lang))

    def mousePressEvent(self, event):  # noqa: N802 (Qt API)
        self.clicked.emit(self.indicator_id)
        super().mousePressEvent(event)
