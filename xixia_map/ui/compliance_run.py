"""项目库 → 合规性审查: every project's 红线 against the land-use layer and the
control lines given a role (layer_roles.py), on a worker with progress and
Cancel; the findings become four columns of the register's table, the map can
be narrowed to the projects that conflict, and the report is written as XLSX.
The work is data/analysis's (batch.py, compliance.py)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject

from ..data.analysis.roles import CONTROL_LINES, LANDUSE
from . import file_dialogs, plain_text
from .background import failure_text, start_tracked
from .i18n import QT_TR_NOOP, tr
from .layer_roles import current_roles

# QT_TR_NOOP: lupdate collects the words, tr() translates them where shown.
STATUS_TEXT = {"inside": QT_TR_NOOP("是"), "outside": QT_TR_NOOP("否"), "partly": QT_TR_NOOP("部分")}
YES_NO = {True: QT_TR_NOOP("是"), False: QT_TR_NOOP("否")}


class ComplianceRun(QObject):
    def __init__(self, editing):
        super().__init__(editing)
        self.editing = editing
        self.window = editing.window
        self.jobs: list = []
        self.found = None  # the last review's Findings (data/analysis/compliance.py)
        self.analyses: dict = {}
        self.without_redline = 0
        self.sources: list = []

    def start(self) -> bool:
        """Run the review; a second run while one is under way is not started (its dialog is shown again)."""
        from ..data.analysis.batch import analyse_many
        from ..data.analysis.compliance import sites_of
        from ..data.analysis.layer_inputs import layer_input

        if self.jobs:
            self.jobs[0].dialog.show()
            self.jobs[0].dialog.raise_()
            return False
        session = self.editing.session
        if session is None:
            plain_text.inform(self.window, tr("合规性审查"), tr("请先新建或打开项目库。"))
            return False
        roles = current_roles(self.window)
        layers = {role: self.window.layers[roles[role].layer_id] for role in (LANDUSE,) + CONTROL_LINES
                  if roles[role].layer_id is not None}
        if not layers:
            plain_text.inform(self.window, tr("合规性审查"), tr(
                "请先打开用地现状图层或控制线图层（永久基本农田、生态保护红线、城镇开发边界），"
                "并在“视图 → 占地分析”中核对其用途。"))
            return False
        frame = session.frame.copy()
        sites = sites_of(frame)
        if not sites:
            plain_text.inform(self.window, tr("合规性审查"), tr("项目库中还没有项目画出红线：请先绘制红线。"))
            return False
        landuse = layers.pop(LANDUSE, None)

        def work(progress, cancelled):
            # Each input reads only what a block of nearby sites touches, through its index.
            controls = {role: layer_input(layer) for role, layer in layers.items()}
            return analyse_many(sites, layer_input(landuse) if landuse is not None else None, controls=controls,
                                progress=progress, cancelled=cancelled)

        def done(analyses) -> None:
            self._show(frame, analyses, landuse is not None, len(frame) - len(sites),
                       ([landuse] if landuse is not None else []) + list(layers.values()),
                       ([LANDUSE] if landuse is not None else []) + list(layers))

        def failed(exc) -> None:
            from ..data.errors import Cancelled

            if isinstance(exc, Cancelled):
                self.window.statusBar().showMessage(tr("已取消合规性审查"), 8000)
                return
            plain_text.warn(self.window, tr("合规性审查未完成"), failure_text(exc, self.window.lang))

        start_tracked(self.window, self.jobs, tr("正在进行合规性审查…"), tr("取消"), work, done, failed)
        return True

    def _show(self, frame, analyses, has_landuse: bool, without_redline: int, layers, roles) -> None:
        from ..data.analysis.areas import mu
        from ..data.analysis.compliance import findings

        lang = self.window.lang
        self.analyses, self.without_redline = analyses, without_redline
        self.found = findings(frame, analyses, has_landuse, lang)
        self.sources = [_source(layer, role, lang) for layer, role in zip(layers, roles)]
        values = {f.pid: (None if f.cultivated_square_metres is None else mu(f.cultivated_square_metres),
                          None if f.farmland_square_metres is None else mu(f.farmland_square_metres),
                          tr(YES_NO[f.eco_redline]) if f.eco_redline is not None else tr("未审查"),
                          tr(STATUS_TEXT[f.dev_boundary]) if f.dev_boundary is not None else tr("未审查"))
                  for f in self.found}
        conflicts = frozenset(f.pid for f in self.found if f.conflicts)
        summary = tr("已审查 {n} 个有红线的项目，其中 {c} 个存在冲突（占用永久基本农田、涉及生态保护红线或位于城镇开发边界外）；"
                     "{m} 个项目尚无红线，未审查。").format(n=len(self.found), c=len(conflicts), m=without_redline)
        self.editing.show_panel()
        self.editing.view_panel.show_review(values, conflicts, summary)

    def stale(self) -> None:
        """The register changed after the review: said, the results kept until the next run."""
        if self.found is not None and self.editing.view_panel is not None:
            panel = self.editing.view_panel
            note = tr("项目库已修改，审查结果可能已过时，请重新审查。")
            if note not in panel.review_summary.text():
                panel.review_summary.setText(panel.review_summary.text() + "\n" + note)

    def clear(self) -> None:
        """Another register opened: the last one's review goes."""
        self.found, self.analyses = None, {}
        if self.editing.view_panel is not None:
            self.editing.view_panel.show_review(None, frozenset(), "")

    def export(self, out: Path | None = None) -> Path | None:
        from ..data.analysis.compliance import write_compliance_xlsx

        if self.found is None:
            return None
        if out is None:
            chosen, _ = file_dialogs.getSaveFileName(self.window, tr("导出审查报告（XLSX）…"), "合规性审查.xlsx",
                                                     tr("Excel 工作簿 (*.xlsx)"))
            if not chosen:
                return None
            out = Path(chosen)
        try:
            write_compliance_xlsx(self.found, self.without_redline, self.sources, self.analyses, out, self.window.lang)
        except (OSError, ValueError) as exc:
            plain_text.critical(self.window, tr("导出失败"), failure_text(exc, self.window.lang, out))
            return None
        self.window.statusBar().showMessage(tr("已导出") + f"：{out}", 8000)
        return out


def _source(layer, role: str, lang: str):
    from ..data.analysis.inputs import source_note

    crs = getattr(layer.report, "source_crs", None) or getattr(layer.report, "assumed_crs", None)
    return source_note(role, Path(str(layer.spec.path)), getattr(getattr(layer, "origin", None), "layer", None), crs,
                       lang)
