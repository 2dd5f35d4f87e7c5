"""The register's lifecycle view: filters (建设状态, 级别, 乡镇, 类型), each project's
completed against planned investment, and totals that follow the filter, next to
the county documents' own figure. The map shows the same filtered projects."""
from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFormLayout, QGroupBox, QLabel, QPushButton, QSplitter, QTableView, QTableWidget,
    QTableWidgetItem, QVBoxLayout, QWidget,
)

from ..data.register.summary import FILTER_FIELDS, choices, filtered, totals
from .register_table import PID_ROLE, RegisterTableModel
from .i18n import QT_TR_NOOP, tr

# QT_TR_NOOP: lupdate collects the texts, tr() translates them where shown.
LABELS = {"stage": QT_TR_NOOP("建设阶段"), "level": QT_TR_NOOP("级别"), "township": QT_TR_NOOP("所在乡镇"),
          "category": QT_TR_NOOP("项目类型")}
# The classes of ledger words (data/register/words.py), for lupdate.
CLASS_NAMES = (QT_TR_NOOP("谋划储备"), QT_TR_NOOP("招商对接"), QT_TR_NOOP("前期"), QT_TR_NOOP("在建"),
               QT_TR_NOOP("竣工"), QT_TR_NOOP("投产运营"), QT_TR_NOOP("其他"), QT_TR_NOOP("国家重点"),
               QT_TR_NOOP("省重点"), QT_TR_NOOP("市重点"), QT_TR_NOOP("县重点"))
COLUMNS = (("name", QT_TR_NOOP("项目名称")), ("township", QT_TR_NOOP("所在乡镇")), ("level", QT_TR_NOOP("级别")),
           ("status", QT_TR_NOOP("建设状态")), ("annual_plan", QT_TR_NOOP("年度计划（万元）")),
           ("completed", QT_TR_NOOP("完成（万元）")), ("rate", QT_TR_NOOP("完成率")))
# 合规性审查's columns (ui/compliance_run.py), once a review has run
REVIEW_COLUMNS = (("taken_cultivated_mu", QT_TR_NOOP("占用耕地（亩）")),
                  ("taken_farmland_mu", QT_TR_NOOP("占用永久基本农田（亩）")),
                  ("eco_redline", QT_TR_NOOP("涉及生态保护红线")), ("dev_boundary", QT_TR_NOOP("在城镇开发边界内")))



class RegisterView(QWidget):
    filter_changed = Signal(dict)
    project_chosen = Signal(str)  # a row clicked: the project's pid
    report_requested = Signal(str)  # 填报 for the shown project
    review_export_requested = Signal()  # 合规性审查's report

    def __init__(self, reference: str = "", parent=None):
        super().__init__(parent)
        self.frame = None
        self.boxes = {}
        form = self.form = QFormLayout()
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
        self.review: dict[str, tuple] | None = None  # pid -> the four review columns' values (compliance_run.py)
        self.conflicts: frozenset[str] = frozenset()
        self._review_box()
        self.model = RegisterTableModel(COLUMNS, [tr(h) for _, h in COLUMNS], self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.clicked.connect(lambda index: self.project_chosen.emit(index.data(PID_ROLE)))
        # The list and one project's progress share the height through a
        # splitter the planner can move; the list gets most of it.
        upper = QWidget()
        top = QVBoxLayout(upper)
        top.setContentsMargins(0, 0, 0, 0)
        top.addLayout(form)
        top.addWidget(self.totals)
        top.addWidget(self.reference)
        top.addWidget(self.review_group)
        top.addWidget(self.table, 1)
        self.table.setMinimumHeight(self.table.verticalHeader().defaultSectionSize() * 4)
        splitter = self.splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(upper)
        splitter.addWidget(self._progress_box())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

    # -- 合规性审查 ------------------------------------------------------------------------
    def _review_box(self) -> None:
        from PySide6.QtWidgets import QCheckBox, QHBoxLayout

        box = self.review_group = QGroupBox(tr("合规性审查"))
        self.review_summary = QLabel()
        self.review_summary.setTextFormat(Qt.TextFormat.PlainText)
        self.review_summary.setWordWrap(True)
        self.conflicts_only = QCheckBox(tr("地图和表中只显示存在冲突的项目"))
        self.conflicts_only.toggled.connect(self._changed)
        self.review_export = QPushButton(tr("导出审查报告（XLSX）…"))
        self.review_export.clicked.connect(lambda _checked=False: self.review_export_requested.emit())
        # One above the other: side by side they made the panel wider than its dock, which cut it off.
        layout = QVBoxLayout(box)
        layout.addWidget(self.review_summary)
        for widget in (self.conflicts_only, self.review_export):  # no stretch: a click beside the words would miss
            row = QHBoxLayout()
            row.addWidget(widget)
            row.addStretch(1)
            layout.addLayout(row)
        box.hide()

    def show_review(self, values: dict[str, tuple] | None, conflicts: frozenset[str], summary: str) -> None:
        """A review's four columns by pid (None: none, the columns go), the projects
        that conflict, and a sentence saying what was reviewed."""
        self.review, self.conflicts = values, conflicts
        columns = COLUMNS + (REVIEW_COLUMNS if values is not None else ())
        self.model.set_columns(columns, [tr(h) for _, h in columns])
        self.review_summary.setText(summary)
        self.review_group.setVisible(values is not None)
        self.conflicts_only.blockSignals(True)
        self.conflicts_only.setChecked(self.conflicts_only.isChecked() and values is not None)
        self.conflicts_only.blockSignals(False)
        self._changed()
        if values is not None:
            self.table.resizeColumnsToContents()

    # -- one project's monthly progress ---------------------------------------------
    def _progress_box(self) -> QGroupBox:
        box = self.progress_group = QGroupBox(tr("月度投资进度"))
        self.progress_title = QLabel(tr("在表中或地图上选中一个项目。"))
        self.progress_title.setTextFormat(Qt.TextFormat.PlainText)
        self.progress_title.setWordWrap(True)
        self.progress = QTableWidget(0, 3)
        self.progress.setHorizontalHeaderLabels([tr("月份"), tr("当月完成（万元）"), tr("累计（万元）")])
        self.progress.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.progress.verticalHeader().hide()
        self.progress.horizontalHeader().setStretchLastSection(True)
        self.progress.setMinimumHeight(self.progress.verticalHeader().defaultSectionSize() * 3)
        self.report_button = QPushButton(tr("填报月度完成投资…"))
        self.report_button.setEnabled(False)
        self.report_button.clicked.connect(lambda: self.report_requested.emit(self.progress_pid))
        self.progress_pid: str | None = None  # the project whose months are shown
        layout = QVBoxLayout(box)
        layout.addWidget(self.progress_title)
        layout.addWidget(self.progress)
        layout.addWidget(self.report_button)
        return box

    def retranslate(self, reference: str) -> None:
        for field, box in self.boxes.items():
            label = self.form.labelForField(box)
            if isinstance(label, QLabel):
                label.setText(tr(LABELS[field]))
            box.setItemText(0, tr("全部"))
        columns = COLUMNS + (REVIEW_COLUMNS if self.review is not None else ())
        self.model.headers = [tr(h) for _, h in columns]
        self.model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(columns) - 1)
        self.review_group.setTitle(tr("合规性审查"))
        self.conflicts_only.setText(tr("地图和表中只显示存在冲突的项目"))
        self.review_export.setText(tr("导出审查报告（XLSX）…"))
        self.progress_group.setTitle(tr("月度投资进度"))
        self.progress.setHorizontalHeaderLabels([tr("月份"), tr("当月完成（万元）"), tr("累计（万元）")])
        self.report_button.setText(tr("填报月度完成投资…"))
        self.reference.setText(reference)
        self._refresh()

    def show_progress(self, record: dict | None, months: list[tuple[str, float]]) -> None:
        """`record`: the project (None clears); `months`: its (YYYY-MM, 万元) reports."""
        self.progress_pid = record["pid"] if record else None
        self.report_button.setEnabled(record is not None)
        self.progress.setRowCount(0)
        if record is None:
            self.progress_title.setText(tr("在表中或地图上选中一个项目。"))
            return
        plan, done = record.get("annual_plan"), record.get("completed")
        figures = [record.get("name") or ""]
        if plan == plan and plan:
            figures.append(tr("年度计划 {plan} 万元").format(plan=f"{plan:,.0f}"))
        if done == done and done is not None:
            figures.append(tr("完成 {done} 万元").format(done=f"{done:,.0f}"))
            if plan == plan and plan:
                figures.append(tr("完成率 {rate}").format(rate=f"{done / plan:.0%}"))
        self.progress_title.setText(" · ".join(figures))
        running = 0.0
        for month, amount in months:
            running += amount
            row = self.progress.rowCount()
            self.progress.insertRow(row)
            for column, text in enumerate((month, f"{amount:,.1f}", f"{running:,.1f}")):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.progress.setItem(row, column, item)

    def show_register(self, frame) -> None:
        self.frame = frame
        for field, box in self.boxes.items():
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(tr("全部"), None)
            for value in choices(frame, field):
                box.addItem(tr(value) if field in ("stage", "level") else value, value)
            box.setCurrentIndex(max(0, box.findData(current)))
            box.blockSignals(False)
        self._refresh()

    def selection(self) -> dict:
        chosen = {field: box.currentData() for field, box in self.boxes.items()}
        chosen["pids"] = self.conflicts if self.conflicts_only.isChecked() else None
        return chosen

    def _changed(self, *_args) -> None:
        self._refresh()
        self.filter_changed.emit(self.selection())

    def _refresh(self) -> None:
        if self.frame is None:
            return
        rows = filtered(self.frame, **self.selection())
        sentence = tr("筛选结果：{n} 个项目 · 总投资 {total} 万元 · 年度计划 {plan} 万元 · 完成 {done} 万元 · 完成率 {rate}")
        self.totals.setText(sentence.format(**totals(rows).figures()))
        if self.review is not None:
            rows = rows.copy()
            reviewed = [self.review.get(str(pid), (None,) * len(REVIEW_COLUMNS)) for pid in rows["pid"]]
            for n, (key, _header) in enumerate(REVIEW_COLUMNS):
                rows[key] = [values[n] if values[n] is not None else (None if n < 2 else "—") for values in reviewed]
        self.model.set_frame(rows)
