"""Building a raster's overviews (金字塔) on a worker, with progress and Cancel,
then showing the layer again from its new overviews."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..data.raster import build_overviews
from ..data.errors import Cancelled
from ..data.user_layers import layer_from_file
from . import plain_text
from .background import BackgroundJob


def start_overviews(window, layer_id: str) -> BackgroundJob:
    layer = window.layers[layer_id]
    path = layer.spec.path

    def done(_factors) -> None:
        window.jobs.remove(job)
        if layer_id not in window.layers:
            return
        fresh = layer_from_file(path, [i for i in window.layers.ids() if i != layer_id],
                                assume_crs=layer.origin.assume_crs, title=layer.spec.title_zh)
        fresh.visible, fresh.opacity = layer.visible, layer.opacity
        index = window.layers.ids().index(layer_id)
        window.layers.remove(layer_id)
        window.layers.insert(index, fresh)
        window.statusBar().showMessage(QCoreApplication.translate("MainWindow", "金字塔已创建") + f"：{path.name}", 8000)

    def failed(exc) -> None:
        window.jobs.remove(job)
        if not isinstance(exc, Cancelled):
            message = exc.one_line(window.lang) if hasattr(exc, "one_line") else f"{path}: {exc}"
            plain_text.critical(window, QCoreApplication.translate("MainWindow", "无法创建金字塔"), message)

    label = QCoreApplication.translate("MainWindow", "正在创建金字塔") + f" {path.name}…"
    job = BackgroundJob(window, label, QCoreApplication.translate("MainWindow", "取消"),
                        lambda progress, cancelled: build_overviews(path, progress, cancelled), done, failed)
    window.jobs.append(job)
    job.start()
    return job
