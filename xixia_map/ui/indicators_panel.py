"""Indicators dashboard (驾驶舱): headline cards, plan completion, industrial structure,
ecology, every figure by theme, and a township's own entries. All built from
geodata/indicators.csv; choosing an indicator highlights the features it concerns.
"""
from __future__ import annotations

from PySide6.QtCharts import (
    QBarCategoryAxis, QBarSet, QChart, QChartView, QHorizontalBarSeries, QHorizontalStackedBarSeries, QValueAxis,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox, QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)

from ..data.indicator_targets import target_pairs
from ..data.indicator_words import period_text, value_text
from ..data.indicators import Indicator
from ..data.layers import LayerList
from .indicator_card import Card, tooltip_for
from .target_table import TargetTable

HEADLINES = ["gdp_growth", "fai_growth", "industrial_va_growth", "loan_growth", "budget_revenue",
             "key_project_plan_completion", "major_projects_total", "major_projects_annual"]
ECOLOGY = ["forest_cover", "water_sections", "water_attainment", "afforestation", "soil_erosion_treated",
           "eco_premium"]
THEMES_ZH = {"economy": "经济运行", "projects": "项目建设", "structure": "产业结构", "industry": "工业与企业",
             "innovation": "科技创新", "urban": "城市建设", "transport": "交通", "ecology": "生态环保",
             "governance": "治理与营商", "opening": "对外开放", "land": "土地", "towns": "乡镇定位"}
THEMES_EN = {"economy": "Economy", "projects": "Projects", "structure": "Industrial structure",
             "industry": "Industry and firms", "innovation": "Innovation", "urban": "Urban works",
             "transport": "Transport", "ecology": "Ecology", "governance": "Governance and business",
             "opening": "Opening up", "land": "Land", "towns": "Townships"}
STRUCTURE_SECTORS = [("第一产业", "Primary"), ("第二产业", "Secondary"), ("第三产业", "Tertiary")]
ITEM_ID_ROLE = Qt.ItemDataRole.UserRole + 1


def resolve_related(indicator: Indicator, layers: LayerList) -> list[tuple[str, str]]:
    """'layer:projects' means every feature of a layer; 'projects:dev_zone' one feature."""
    pairs: list[tuple[str, str]] = []
    for ref in indicator.related:
        head, _, tail = ref.partition(":")
        if head == "layer" and tail in layers:
            pairs += [(tail, fid) for fid in layers[tail].frame["id"]]
        elif head in layers:
            pairs += [(head, fid) for fid in tail.split(",") if fid]
    return pairs


def _chart(title: str) -> QChart:
    chart = QChart()
    chart.setTitle(title)
    chart.setMargins(QMargins(4, 4, 4, 4))
    chart.setBackgroundRoundness(4)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def _chart_view(chart: QChart, height: int) -> QChartView:
    view = QChartView(chart)
    view.setRenderHint(QPainter.RenderHint.Antialiasing)
    view.setMinimumHeight(height)
    return view


class IndicatorsPanel(QWidget):
    highlight_requested = Signal(list)
    township_chosen = Signal(str)
    big_screen_requested = Signal()

    def __init__(self, indicators: list[Indicator], layers: LayerList, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.lang = lang
        self.layers = layers
        self.indicators = {i.id: i for i in indicators}
        self.cards: dict[str, Card] = {}
        self.headings: dict[str, QLabel] = {}
        body = QWidget()
        self.body_layout = QVBoxLayout(body)
        top = QHBoxLayout()
        top.addStretch(1)
        self.big_screen_button = QPushButton()
        self.big_screen_button.clicked.connect(self.big_screen_requested)
        top.addWidget(self.big_screen_button)
        self.body_layout.addLayout(top)
        self._section("核心指标", self._cards(HEADLINES))
        from .register_figures import RegisterFigures

        self.register_figures = RegisterFigures(self.indicators)
        self._section("项目库", self.register_figures)
        self.register_figures.hide()
        self.headings["项目库"].hide()
        if "key_project_plan_completion" in self.indicators:
            self._section("计划完成情况", self._plan_chart())
        self.target_table = TargetTable(target_pairs(self.indicators), self.indicators)
        self._section("目标与实绩", self.target_table)
        if "industry_structure" in self.indicators:
            self._section("三次产业结构", self._structure_chart())
        self._section("生态指标", self._cards(ECOLOGY))
        self._section("乡镇", self._township_box())
        self._section("全部指标", self._all_tree())
        self.body_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.retranslate(lang)

    def section_titles(self) -> dict[str, str]:
        return {"核心指标": self.tr("核心指标"), "项目库": self.tr("项目库（与县文件对照）"),
                "计划完成情况": self.tr("计划完成情况"), "目标与实绩": self.tr("目标与实绩"),
                "三次产业结构": self.tr("三次产业结构"), "生态指标": self.tr("生态指标"),
                "乡镇": self.tr("乡镇"), "全部指标": self.tr("全部指标")}

    def retranslate(self, lang: str) -> None:
        """Re-label in place; rebuilding the charts would stall the UI thread."""
        self.lang = lang
        for key, text in self.section_titles().items():
            if key in self.headings:
                self.headings[key].setText(text)
        for card in self.cards.values():
            card.retranslate(lang)
        self.big_screen_button.setText(self.tr("大屏模式"))
        self.big_screen_button.setToolTip(self.tr("全屏显示指标与地图（F11；Esc 退出）"))
        self.target_table.show_pairs(lang)
        if hasattr(self, "plan_chart"):
            ind = self.indicators["key_project_plan_completion"]
            self.plan_chart.setTitle(ind.title(lang))
            plan, actual = self.plan_series.barSets()
            plan.setLabel(self.tr("年度计划"))
            actual.setLabel(self.tr("实际完成"))
            self.plan_axis.setCategories([self.tr("省市重点项目")])
        if hasattr(self, "structure_series"):
            ind = self.indicators["industry_structure"]
            period = period_text(ind, lang)
            self.structure_chart.setTitle(f"{ind.title(lang)} {ind.value_text}（{period}）"
                                          if lang == "zh" else f"{ind.title(lang)} {ind.value_text} ({period})")
            for (zh, en), bar in zip(STRUCTURE_SECTORS, self.structure_series.barSets()):
                bar.setLabel(zh if lang == "zh" else en)
        self.township_combo.setItemText(0, self.tr("选择乡镇…"))
        if self.township_combo.currentData():
            self.township_entries.setText(self.township_text(self.township_combo.currentData()))
        self._fill_tree()
        if getattr(self, "register_frame", None) is not None:
            self.register_figures.show_register(self.register_frame, lang)

    def show_register(self, frame) -> None:
        """The open register's figures beside the documents' (register_figures.py)."""
        self.register_frame = frame
        self.register_figures.show_register(frame, self.lang)
        self.register_figures.show()
        self.headings["项目库"].show()

    def _section(self, key: str, widget: QWidget) -> None:
        heading = QLabel()
        self.headings[key] = heading
        heading.setStyleSheet("font-weight: 600; margin-top: 6px;")
        self.body_layout.addWidget(heading)
        self.body_layout.addWidget(widget)

    def _cards(self, ids: list[str]) -> QWidget:
        box = QWidget()
        grid = QGridLayout(box)
        grid.setContentsMargins(0, 0, 0, 0)
        for n, ind_id in enumerate(i for i in ids if i in self.indicators):
            card = Card(self.indicators[ind_id], self.lang)
            card.clicked.connect(self.choose)
            self.cards[ind_id] = card
            grid.addWidget(card, n // 2, n % 2)
        return box

    def _plan_chart(self) -> QWidget:
        ind = self.indicators["key_project_plan_completion"]
        actual = QBarSet("")
        assert ind.value is not None  # the plan's completion is a figure in the indicators table
        actual.append(ind.value)
        actual.setColor(QColor("#2166ac"))
        plan = QBarSet("")
        plan.append(100.0)
        plan.setColor(QColor("#bdbdbd"))
        series = QHorizontalBarSeries()
        series.append(plan)
        series.append(actual)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        chart = _chart(ind.title(self.lang))
        chart.addSeries(series)
        axis_y = QBarCategoryAxis()
        axis_y.append([""])
        self.plan_axis = axis_y
        self.plan_series = series
        axis_x = QValueAxis()
        axis_x.setRange(0, 160)
        axis_x.setLabelFormat("%d%%")
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_y)
        series.attachAxis(axis_x)
        self.plan_chart = chart
        view = _chart_view(chart, 170)
        view.setToolTip(tooltip_for(ind, self.lang))
        return view

    def _structure_chart(self) -> QWidget:
        """One bar split into the three shares, each labelled inside its part: a pie's
        labels were cut off ("第三产业 …") in a dock of ordinary width."""
        ind = self.indicators["industry_structure"]
        shares = [float(x) for x in ind.value_text.split(":")]
        series = QHorizontalStackedBarSeries()
        for (zh, _en), share, color in zip(STRUCTURE_SECTORS, shares, ("#66bd63", "#f46d43", "#4393c3")):
            bar = QBarSet(zh)
            bar.append(share)
            bar.setColor(QColor(color))
            bar.setLabelColor(QColor("#ffffff"))
            series.append(bar)
        series.setLabelsVisible(True)
        series.setLabelsFormat("@value%")
        series.setBarWidth(0.9)
        chart = _chart("")
        chart.addSeries(series)
        axis_y = QBarCategoryAxis()
        axis_y.append([""])
        axis_y.setVisible(False)
        axis_x = QValueAxis()
        axis_x.setRange(0, 100)
        axis_x.setVisible(False)
        chart.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(axis_y)
        series.attachAxis(axis_x)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().show()
        self.structure_series = series
        self.structure_chart = chart
        view = _chart_view(chart, 150)
        view.setToolTip(tooltip_for(ind, self.lang))
        return view

    def _township_box(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.township_combo = QComboBox()
        self.township_combo.addItem("", "")
        towns = self.layers["townships"].frame if "townships" in self.layers else None
        if towns is not None:
            for fid, name in zip(towns["id"], towns["name_zh"]):
                self.township_combo.addItem(str(name), str(fid))
        self.township_entries = QLabel()
        self.township_entries.setTextFormat(Qt.TextFormat.PlainText)
        self.township_entries.setWordWrap(True)
        self.township_combo.currentIndexChanged.connect(self._on_township)
        layout.addWidget(self.township_combo)
        layout.addWidget(self.township_entries)
        return box

    def _all_tree(self) -> QWidget:
        tree = QTreeWidget()
        tree.setMinimumHeight(260)
        # Names wrap, values and periods are never cut ("9…"): the name column takes what is left.
        tree.setWordWrap(True)
        tree.setUniformRowHeights(False)
        tree.setTextElideMode(Qt.TextElideMode.ElideNone)
        tree.header().setStretchLastSection(False)

        def clicked(item: QTreeWidgetItem, _column: int) -> None:
            if item.data(0, ITEM_ID_ROLE):
                self.choose(item.data(0, ITEM_ID_ROLE))

        tree.itemClicked.connect(clicked)
        self.all_tree = tree
        return tree

    def _fill_tree(self) -> None:
        tree = self.all_tree
        tree.clear()
        tree.setHeaderLabels([self.tr("指标"), self.tr("数值"), self.tr("时期")])
        themes: dict[str, QTreeWidgetItem] = {}
        for ind in self.indicators.values():
            if ind.theme not in themes:
                theme_names = THEMES_ZH if self.lang == "zh" else THEMES_EN
                themes[ind.theme] = QTreeWidgetItem(tree, [theme_names.get(ind.theme, "")])
            item = QTreeWidgetItem(themes[ind.theme], [ind.title(self.lang), value_text(ind, self.lang),
                                                       period_text(ind, self.lang)])
            item.setData(0, ITEM_ID_ROLE, ind.id)
            item.setToolTip(0, tooltip_for(ind, self.lang))
        header = tree.header()
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, header.ResizeMode.ResizeToContents)

    def township_text(self, town_id: str) -> str:
        lines = []
        record = self.layers["townships"].record(town_id)
        for ind in self.indicators.values():
            if ind.scope == "town" and ind.scope_ref == town_id:
                lines.append(f"• {ind.title(self.lang)}: {value_text(ind, self.lang)} ({period_text(ind, self.lang)})"
                             f"\n  “{ind.source_sentence}”")
        for layer_id in ("parks",):
            frame = self.layers[layer_id].frame if layer_id in self.layers else None
            if frame is not None and "town" in frame.columns:
                for name in frame.loc[frame["town"] == town_id, "name_zh"]:
                    within = self.tr("境内")
                    lines.append(f"• {within}: {name}")
        if not lines:
            lines.append(self.tr("县文件中没有该乡镇的专项内容。"))
        header = f"{record['name_zh']} ({record['kind']}) · ±{record['accuracy_m']:g} m"
        return header + "\n" + "\n".join(lines)

    def _on_township(self, _index: int) -> None:
        town_id = self.township_combo.currentData()
        if not town_id:
            self.township_entries.setText("")
            return
        self.township_entries.setText(self.township_text(town_id))
        self.township_chosen.emit(town_id)

    def choose(self, indicator_id: str) -> None:
        pairs = resolve_related(self.indicators[indicator_id], self.layers)
        if pairs:
            self.highlight_requested.emit([list(p) for p in pairs])
