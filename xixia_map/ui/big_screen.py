"""大屏 mode: the dashboard full screen, for a county leader's screen or a meeting
room's projector. Headline cards on the left, the map as it stands in the
window in the middle, targets against actuals and the ecology figures on the
right, the sources along the bottom; large type on a dark ground, as the
government 驾驶舱 screens are. Esc or F11 leaves it.

The map is a still of the window's live map (taken as the screen opens and
again on each resize): a second QtWebEngine page would double the memory and
the software compositing cost, and a planner pans in the window itself."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..data.indicator_targets import target_pairs
from ..data.source_words import summarise_sources
from .indicator_card import Card
from .i18n import tr
from .target_table import TargetTable

LEFT = ["gdp_growth", "fai_growth", "industrial_va_growth", "loan_growth", "budget_revenue",
        "key_project_plan_completion", "major_projects_total", "major_projects_annual"]
RIGHT = ["forest_cover", "water_attainment", "afforestation", "eco_premium"]


class BigScreen(QWidget):
    closed = Signal()
    card_chosen = Signal(str)

    def __init__(self, indicators: dict, lang: str, map_still=None, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("bigscreen")
        self.setStyleSheet("#bigscreen { background: #071a33; } QLabel { color: #e6eef8; }")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.map_still = map_still  # () -> QPixmap of the window's map
        self.lang = lang
        zh = lang == "zh"
        title = QLabel(tr("西峡县发展指标大屏"))
        title.setStyleSheet("font-size: 30px; font-weight: 700; color: #ffffff; letter-spacing: 4px;")
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = title
        self.cards: dict[str, Card] = {}
        left = self._cards(indicators, LEFT, lang, columns=2)
        right_box = QVBoxLayout()
        targets = TargetTable(target_pairs(indicators), indicators)
        targets.setStyleSheet("QTableWidget { background: #0f2a4a; color: #e6eef8; gridline-color: #2d5b8c;"
                              " font-size: 15px; border: 1px solid #2d5b8c; }"
                              " QHeaderView::section { background: #163a63; color: #a9c4e4; font-size: 14px;"
                              " border: 0; padding: 4px; }")
        targets.show_pairs(lang, dark=True)
        self.targets = targets
        heading = QLabel(tr("目标与实绩"))
        heading.setStyleSheet("font-size: 18px; font-weight: 600; color: #a9c4e4;")
        right_box.addWidget(heading)
        right_box.addWidget(targets)
        right_box.addWidget(self._cards(indicators, RIGHT, lang, columns=2))
        right_box.addStretch(1)
        right = QWidget()
        right.setLayout(right_box)
        self.map_label = QLabel()
        self.map_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.map_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)
        self.map_label.setStyleSheet("border: 1px solid #2d5b8c;")
        middle = QHBoxLayout()
        middle.addWidget(left, 3)
        middle.addWidget(self.map_label, 5)
        middle.addWidget(right, 3)
        seeds = sorted({ind.seed for ind in indicators.values()})
        sources = QLabel(("数据来源：" if zh else "Sources: ") + summarise_sources(seeds, lang)
                         + ("。按 Esc 退出大屏。" if zh else ". Esc leaves this screen."))
        sources.setTextFormat(Qt.TextFormat.PlainText)
        sources.setStyleSheet("font-size: 13px; color: #8fb0d6;")
        sources.setWordWrap(True)
        self.sources = sources
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 12)
        layout.addWidget(title)
        layout.addLayout(middle, 1)
        layout.addWidget(sources)
        for key in (Qt.Key.Key_Escape, Qt.Key.Key_F11):
            QShortcut(QKeySequence(key), self, self.close)

    def _cards(self, indicators: dict, ids: list[str], lang: str, columns: int) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(10)
        for n, ind_id in enumerate(i for i in ids if i in indicators):
            card = Card(indicators[ind_id], lang)
            card.set_scale(1.5, dark=True)
            card.clicked.connect(self.card_chosen)
            self.cards[ind_id] = card
            grid.addWidget(card, n // columns, n % columns)
        return box

    def refresh_map(self) -> None:
        pixmap = self.map_still() if self.map_still else QPixmap()
        if not pixmap.isNull() and self.map_label.width() > 0:
            pixmap = pixmap.scaled(self.map_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
        self.map_label.setPixmap(pixmap)

    def resizeEvent(self, event):  # noqa: N802 (Qt API)
        super().resizeEvent(event)
        self.refresh_map()

    def closeEvent(self, event):  # noqa: N802 (Qt API)
        self.closed.emit()
        super().closeEvent(event)


def show_big_screen(window) -> BigScreen:
    """Open (or bring back) the window's 大屏, full screen on the window's screen;
    choosing a card highlights its features on the window's map, as in the dock."""
    screen = getattr(window, "big_screen", None)
    if screen is None or screen.lang != window.lang:
        if screen is not None:
            screen.close()
        screen = BigScreen(window.indicators_panel.indicators, window.lang, window.map_view.grab)
        screen.card_chosen.connect(window.indicators_panel.choose)
        screen.card_chosen.connect(lambda _id: QTimer.singleShot(800, screen.refresh_map))  # once the map has drawn it
        window.big_screen = screen
    screen.setWindowTitle(tr("西峡县发展指标大屏"))
    screen.showFullScreen()
    screen.raise_()
    screen.activateWindow()
    screen.refresh_map()
    return screen
