"""坐标偏移 (GCJ-02/BD-09 to WGS84) of a layer on a worker thread, with progress and Cancel."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..data.errors import Cancelled, DataError
from . import plain_text
from .background import BackgroundJob


def start_offset(window, layer_id: str, system: str) -> BackgroundJob:
    layer = window.layers[layer_id]

    def done(frame) -> None:
        window.jobs.remove(job)
        if layer_id in window.layers and window.layers[layer_id] is layer:  # not removed meanwhile
            window.layers.apply_offset(layer_id, frame, system)

    def failed(exc) -> None:
        window.jobs.remove(job)
        if not isinstance(exc, Cancelled):
            why = exc.one_line(window.lang) if isinstance(exc, DataError) else str(exc)
            plain_text.critical(window, QCoreApplication.translate("MainWindow", "坐标偏移失败"), f"{layer.spec.title_zh}: {why}")

    label = QCoreApplication.translate("MainWindow", "正在转换坐标") + f" {layer.spec.title_zh}…"
    job = BackgroundJob(window, label, QCoreApplication.translate("MainWindow", "取消"),
                        lambda progress, cancelled: layer.offset_frame(system, progress, cancelled), done, failed)
    window.jobs.append(job)
    job.start()
    return job
