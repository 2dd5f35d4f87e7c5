"""占地分析 → 导出图纸…: the dock's last analysis as the A4 sheet (PDF or PNG),
the map as the window shows it (its layers and basemap) with the site outlined
(export/analysis_sheet.py)."""
from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog

from ..data.log import log_failure
from . import file_dialogs, plain_text
from .background import failure_text
from .i18n import tr

if TYPE_CHECKING:
    from .landtake_dock import LandTakeDock

log = logging.getLogger(__name__)


def role_sources(dock: LandTakeDock) -> list:
    """Each role's layer as a source note: its file, date and CRS."""
    from ..data.analysis.inputs import source_note

    sources = []
    for role, box in dock.boxes.items():
        layer = dock.main_window.layers[box.currentData()] if box.currentData() in dock.main_window.layers else None
        if layer is not None:
            crs = getattr(layer.report, "source_crs", None) or getattr(layer.report, "assumed_crs", None)
            sources.append(source_note(role, Path(str(layer.spec.path)),
                                       getattr(getattr(layer, "origin", None), "layer", None), crs, dock.main_window.lang))
    return sources


def export_sheet(dock: LandTakeDock, out: Path | None = None) -> Path | None:
    from ..export.analysis_sheet import SheetRequest, write_analysis_sheet

    window = dock.main_window
    if dock.result is None or getattr(dock, "site", None) is None:
        return None
    if out is None:
        chosen, _ = file_dialogs.getSaveFileName(dock, tr("导出图纸…"), f"{dock.title}占地分析图.pdf",
                                                 tr("PDF 图纸 (*.pdf);;PNG 图片 (*.png)"))
        if not chosen:
            return None
        out = Path(chosen)
        if out.suffix.lower() not in (".pdf", ".png"):
            out = out.with_suffix(".pdf")
    zh = window.lang == "zh"
    request = SheetRequest(f"{dock.title}占地分析图" if zh else f"{dock.title}: land take",
                           notes=tuple(n for n in (getattr(dock, "site_note", None),) if n),
                           legend=tuple(box.currentData() for box in dock.boxes.values() if box.currentData()),
                           basemaps=window.map_view.basemaps, basemap=window.map_view.basemap,
                           sources=tuple(role_sources(dock)))
    progress = QProgressDialog(tr("正在导出…"), None, 0, 100, window)  # type: ignore[call-overload]  # PySide6 stub: cancelButtonText is str; None (no Cancel) is Qt's own
    progress.setWindowModality(Qt.WindowModality.WindowModal)
    progress.setMinimumDuration(0)
    try:
        write_analysis_sheet(window.layers, dock.site, dock.result, request, out, window.lang,
                             progress=lambda value, _label="": progress.setValue(value))
    except Exception as exc:  # the map could not be drawn, the file not written: said, the old file untouched
        log_failure(log, exc, "exporting the analysis sheet to %s", out)
        plain_text.critical(dock, tr("导出失败"), failure_text(exc, window.lang, out))
        return None
    finally:
        progress.close()
    dock.status.setText(tr("已导出") + f"：{out}")
    return out
