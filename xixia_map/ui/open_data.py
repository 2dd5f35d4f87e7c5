"""Opening the planner's own files: worker thread, progress with cancel, and the
questions only a person can answer (which layer, which CRS, which columns)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QInputDialog, QMessageBox, QProgressDialog

from ..data.errors import DataError
from ..data.reader import Cancelled, MissingCrsError, list_layers_of
from ..data.tabular import find_coordinate_columns, read_table
from ..data.user_layers import layer_from_file, layer_from_table

MULTI_LAYER_SUFFIXES = {".gpkg", ".kml"}
TABLE_SUFFIXES = {".csv", ".xlsx", ".xls"}


class LoadWorker(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, load):
        super().__init__()
        self._load = load
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            layer = self._load(lambda done, total: self.progress.emit(done, total), lambda: self._cancel)
        except BaseException as exc:  # handed to the UI thread, which explains it
            self.failed.emit(exc)
        else:
            self.finished.emit(layer)


class DataOpener(QObject):
    """Opens files into the window's LayerList. `ask_*` may be replaced (tests, scripts)."""

    layer_added = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._threads: list[_LoadJob] = []

    # -- questions ------------------------------------------------------------------
    def ask_layer(self, path: Path, names: list[str]) -> str | None:
        name, ok = QInputDialog.getItem(self.window, self.tr("选择图层"), str(path.name), names, 0, False)
        return name if ok else None

    def ask_crs(self, path: Path, error: MissingCrsError) -> int | None:
        labels = [f"EPSG:{g.epsg}  {g.name}  ({g.reason})" for g in error.guesses]
        if not labels:
            QMessageBox.warning(self.window, self.tr("无法识别坐标系"), error.one_line())
            return None
        label, ok = QInputDialog.getItem(self.window, self.tr("确认坐标系"),
                                         self.tr("文件没有坐标系，请确认：") + f"\n{path.name}", labels, 0, False)
        return error.guesses[labels.index(label)].epsg if ok else None

    def ask_columns(self, path: Path, columns: list[str]) -> tuple[str, str] | None:
        x, ok = QInputDialog.getItem(self.window, self.tr("经度(X)列"), str(path.name), columns, 0, False)
        if not ok:
            return None
        y, ok = QInputDialog.getItem(self.window, self.tr("纬度(Y)列"), str(path.name), columns,
                                     min(1, len(columns) - 1), False)
        return (x, y) if ok else None

    def report_problem(self, message: str) -> None:
        QMessageBox.warning(self.window, self.tr("无法打开文件"), message)

    # -- flow -------------------------------------------------------------------------
    def open_paths(self, paths) -> None:
        for path in paths:
            self.open_path(Path(path))

    def open_path(self, path: Path) -> None:
        layer_name = None
        try:
            if path.suffix.lower() in MULTI_LAYER_SUFFIXES and path.exists():
                names = list_layers_of(path)
                if len(names) > 1:
                    layer_name = self.ask_layer(path, names)
                    if layer_name is None:
                        return
            if path.suffix.lower() in TABLE_SUFFIXES and path.exists():
                frame = read_table(path)
                if find_coordinate_columns(frame.columns) is None:
                    columns = self.ask_columns(path, [str(c) for c in frame.columns])
                    if columns is None:
                        return
                    self._start(path, lambda _p, _c, cols=columns: layer_from_table(
                        path, frame, cols, taken=self.window.layers.ids()))
                    return
        except DataError as exc:
            self._fail(exc.one_line())
            return
        self._start(path, self._loader(path, layer_name, None), layer_name)

    def _loader(self, path: Path, layer_name, assume_crs):
        taken = self.window.layers.ids()
        return lambda progress, cancelled: layer_from_file(
            path, taken, layer_name, assume_crs=assume_crs, progress=progress, cancelled=cancelled)

    def _start(self, path: Path, load, layer_name: str | None = None) -> None:
        job = _LoadJob(self, path, load, layer_name)
        self._threads.append(job)
        job.start()

    def _job_done(self, job: "_LoadJob") -> None:
        self._threads.remove(job)

    def _job_failed(self, job: "_LoadJob", exc) -> None:
        if isinstance(exc, Cancelled):
            self.cancelled.emit()
        elif isinstance(exc, MissingCrsError):
            epsg = self.ask_crs(job.path, exc)
            if epsg is not None:
                self._start(job.path, self._loader(job.path, job.layer_name, epsg), job.layer_name)
        elif isinstance(exc, DataError):
            self._fail(exc.one_line())
        else:
            self._fail(f"{job.path}: {type(exc).__name__}: {exc}")

    def _added(self, layer) -> None:
        self.window.layers.append(layer)
        summary = layer.report.summary()
        self.window.statusBar().showMessage(f"{layer.spec.title_zh}: {len(layer.frame)} · {summary}", 10000)
        if layer.report.repaired:
            QMessageBox.information(
                self.window, self.tr("几何已修复"),
                self.tr("以下要素的几何无效，已用 make_valid 修复：") + f"\n{layer.spec.title_zh}: "
                + ", ".join(layer.report.repaired[:50]) + (" …" if len(layer.report.repaired) > 50 else ""))
        self.layer_added.emit(layer.id)

    def _fail(self, message: str) -> None:
        self.failed.emit(message)
        self.report_problem(message)

    def busy(self) -> bool:
        return bool(self._threads)


class _LoadJob(QObject):
    """One read on a worker thread. Its slots run in the GUI thread, where it lives."""

    def __init__(self, opener: DataOpener, path: Path, load, layer_name):
        super().__init__(opener)
        self.opener, self.path, self.layer_name = opener, path, layer_name
        self.dialog = QProgressDialog(opener.tr("正在读取") + f" {path.name}…", opener.tr("取消"), 0, 0,
                                      opener.window)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.thread = QThread(self)
        self.worker = LoadWorker(load)
        self.worker.moveToThread(self.thread)
        self.thread.started.connect(self.worker.run)
        self.dialog.canceled.connect(self.worker.cancel, Qt.ConnectionType.DirectConnection)
        self.worker.progress.connect(self.on_progress)
        self.worker.finished.connect(self.on_finished)
        self.worker.failed.connect(self.on_failed)

    def start(self) -> None:
        self.thread.start()

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _finish(self) -> None:
        self.dialog.close()
        self.thread.quit()
        self.thread.wait()
        self.opener._job_done(self)
        self.deleteLater()

    @Slot(object)
    def on_finished(self, layer) -> None:
        self._finish()
        self.opener._added(layer)

    @Slot(object)
    def on_failed(self, exc) -> None:
        self._finish()
        self.opener._job_failed(self, exc)
