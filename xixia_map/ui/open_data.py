"""Opening the planner's own files: worker thread, progress with cancel, and the
questions only a person can answer (which layer, which CRS, swapped axes,
which columns, which text encoding)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from ..data.crs_checks import CrsQuestion
from ..data.drivers import ColumnsQuestion, LayerQuestion
from ..data.errors import Cancelled, DataError
from ..data.user_layers import layer_from_file
from . import plain_text
from .background import BackgroundJob


class DataOpener(QObject):
    """Opens files into the window's LayerList. `ask_*` may be replaced (tests, scripts)."""

    layer_added = Signal(str)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self._jobs: list[BackgroundJob] = []
        self._crs_answers: dict[str, tuple[int, bool]] = {}  # file -> the planner's CRS answer, this session

    @property
    def lang(self) -> str:
        return getattr(self.window, "lang", "zh")

    # -- questions ------------------------------------------------------------------
    def ask_layer(self, path: Path, names: list[str]) -> str | None:
        return plain_text.ask_item(self.window, self.tr("选择图层"), path.name, names)

    def ask_crs(self, path: Path, error: CrsQuestion) -> tuple[int, bool] | None:
        """(EPSG code, swap axes) the planner confirms, or None."""
        if not error.guesses:
            plain_text.warn(self.window, self.tr("无法识别坐标系"), error.one_line(self.lang))
            return None
        from .crs_dialog import CrsDialog

        dialog = CrsDialog(error.text.in_lang(self.lang), path.name, error.guesses, self.lang, self.window)
        return dialog.chosen() if dialog.exec() else None

    def ask_columns(self, path: Path, columns: list[str]) -> tuple[str, str] | None:
        x = plain_text.ask_item(self.window, self.tr("经度(X)列"), path.name, columns)
        if x is None:
            return None
        y = plain_text.ask_item(self.window, self.tr("纬度(Y)列"), path.name, columns, min(1, len(columns) - 1))
        return (x, y) if y is not None else None

    def report_problem(self, message: str) -> None:
        plain_text.warn(self.window, self.tr("无法打开文件"), message)

    def report_notices(self, title: str, lines: list[str]) -> None:
        plain_text.inform(self.window, self.tr("已打开，请注意"), title + "\n\n" + "\n".join(lines))

    # -- flow -------------------------------------------------------------------------
    def open_paths(self, paths) -> None:
        for path in paths:
            self.open_path(Path(path))

    def open_path(self, path: Path, *, encoding: str | None = None) -> None:
        """One call opens any file (data/user_layers.layer_from_file); its questions come back as exceptions."""
        options: dict[str, object] = {"layer": None, "encoding": encoding, "ask": True}
        answered = self._crs_answers.get(self._file_key(path))
        if answered is not None:  # another layer of a file whose CRS the planner gave this session
            options.update(assume_crs=answered[0], swap_axes=answered[1])
        self._start(path, self._loader(path, options), options)

    @staticmethod
    def _file_key(path: Path) -> str:
        try:
            return str(path.resolve())
        except OSError:
            return str(path)

    def reopen_with_encoding(self, layer_id: str, encoding: str) -> None:
        """Read a layer's file again with the text encoding the planner chose."""
        layer = self.window.layers[layer_id]
        origin = layer.origin
        if encoding not in origin.encodings:
            raise ValueError(encoding)
        options = {"layer": origin.layer, "assume_crs": origin.assume_crs, "swap_axes": origin.swap_axes,
                   "encoding": encoding, "replace": layer_id}
        self._start(layer.spec.path, self._loader(layer.spec.path, options), options)

    def _loader(self, path: Path, options: dict):
        taken = [i for i in self.window.layers.ids() if i != options.get("replace")]
        kwargs = {k: v for k, v in options.items() if k != "replace"}
        return lambda progress, cancelled: layer_from_file(path, taken, progress=progress, cancelled=cancelled,
                                                           **kwargs)

    def _start(self, path: Path, load, options: dict) -> None:
        job: BackgroundJob = BackgroundJob(self.window, self.tr("正在读取") + f" {path.name}…", self.tr("取消"), load,
                            lambda layer: self._done(job, layer, options),
                            lambda exc: self._job_failed(job, path, exc, options))
        self._jobs.append(job)
        job.start()

    def _done(self, job, layer, options) -> None:
        self._jobs.remove(job)
        replace = options.get("replace")
        if replace and replace in self.window.layers:
            old = self.window.layers[replace]
            layer.visible, layer.opacity = old.visible, old.opacity
            self.window.layers.remove(replace)
        self._added(layer)

    def _job_failed(self, job, path: Path, exc, options: dict) -> None:
        self._jobs.remove(job)
        if isinstance(exc, Cancelled):
            self.cancelled.emit()
        elif isinstance(exc, LayerQuestion):
            self._answered(path, options, layer=self.ask_layer(path, exc.names))
        elif isinstance(exc, ColumnsQuestion):
            self._answered(path, options, columns=self.ask_columns(path, exc.columns))
        elif isinstance(exc, CrsQuestion):
            answer = self.ask_crs(path, exc)
            if answer is not None:
                self._crs_answers[self._file_key(path)] = answer  # a DXF's other layers are in the same CRS
                self._answered(path, options, assume_crs=answer[0], swap_axes=answer[1])
        elif isinstance(exc, DataError):
            self._fail(exc.one_line(self.lang))
        else:
            reading = self.tr("读取时出错")
            self._fail(f"{path}: {reading} ({type(exc).__name__}: {exc})")

    def _answered(self, path: Path, options: dict, **answers) -> None:
        """Open again with the planner's answer; nothing when they cancelled the question."""
        if all(value is not None for value in answers.values()):
            options = {**options, **answers}
            self._start(path, self._loader(path, options), options)

    def add_layer(self, layer) -> None:
        """A layer read elsewhere (a PostGIS table): added and reported as an opened file is."""
        self._added(layer)

    def _added(self, layer) -> None:
        self.window.layers.add(layer)
        summary = layer.report.summary(self.lang)
        self.window.statusBar().showMessage(f"{layer.spec.title_zh}: {layer.feature_count} · {summary}", 10000)
        notices = [line.in_lang(self.lang) for line in layer.report.notices()]
        if notices:
            self.report_notices(f"{layer.spec.title_zh} ({layer.spec.path.name})", notices)
        self.layer_added.emit(layer.id)

    def _fail(self, message: str) -> None:
        self.failed.emit(message)
        self.report_problem(message)

    def busy(self) -> bool:
        return bool(self._jobs)
