"""Slow work on a worker thread, with a progress dialog and Cancel: the window never freezes."""
from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot
from PySide6.QtWidgets import QLabel, QProgressDialog

from ..data.log import log_failure

log = logging.getLogger(__name__)


class Worker(QObject):
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, work):
        super().__init__()
        self._work = work
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def run(self) -> None:
        try:
            result = self._work(lambda done, total: self.progress.emit(done, total), lambda: self._cancel)
        except BaseException as exc:  # handed to the UI thread, which explains it
            self.failed.emit(exc)
        else:
            self.finished.emit(result)


class BackgroundJob(QObject):
    """`work(progress, cancelled)` runs on a thread; `on_done(result)` or
    `on_failed(exc)` run in the GUI thread, where this object lives."""

    def __init__(self, parent, label: str, cancel_text: str, work, on_done, on_failed):
        super().__init__(parent)
        self._on_done, self._on_failed = on_done, on_failed
        self.label = label
        self.dialog = QProgressDialog("", cancel_text, 0, 0, parent)
        for text_label in self.dialog.findChildren(QLabel):
            text_label.setTextFormat(Qt.TextFormat.PlainText)  # the label names a file
        self.dialog.setLabelText(label)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)
        self.worker_thread = QThread(self)
        self.worker = Worker(work)
        self.worker.moveToThread(self.worker_thread)
        self.worker_thread.started.connect(self.worker.run)
        self.dialog.canceled.connect(self.worker.cancel, Qt.ConnectionType.DirectConnection)
        self.worker.progress.connect(self.on_progress)
        self.worker.finished.connect(self.on_finished)
        self.worker.failed.connect(self.on_failed)

    def start(self) -> None:
        self.worker_thread.start()

    def running(self) -> bool:
        return self.worker_thread.isRunning()

    @Slot(int, int)
    def on_progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _finish(self) -> None:
        self.dialog.close()
        self.worker_thread.quit()
        self.worker_thread.wait()
        self.deleteLater()

    @Slot(object)
    def on_finished(self, result) -> None:
        self._finish()
        self._on_done(result)

    @Slot(object)
    def on_failed(self, exc) -> None:
        log_failure(log, exc, "background job %r", self.label)  # with the traceback the planner is not shown
        self._finish()
        self._on_failed(exc)


def start_tracked(owner, jobs: list, label: str, cancel_text: str, work, on_done, on_failed) -> BackgroundJob:
    """A BackgroundJob kept in `jobs` while it runs (a dialog's busy state, what tests wait on),
    taken out of it before `on_done(result)` or `on_failed(exc)` runs."""

    def done(result) -> None:
        jobs.remove(job)
        on_done(result)

    def failed(exc) -> None:
        jobs.remove(job)
        on_failed(exc)

    job = BackgroundJob(owner, label, cancel_text, work, done, failed)
    jobs.append(job)
    job.start()
    return job


def failure_text(exc, lang: str, path=None) -> str:
    """A failure in one line: a DataError in the planner's language; anything
    else, which the app did not foresee, said as such in the planner's language
    with the file and the error's own words (which may be English: they are the
    library's, and what a bug report needs). The traceback is in the log: a
    BackgroundJob logs it, other callers through data.log.log_failure."""
    from ..data.errors import DataError

    if isinstance(exc, DataError):
        return exc.one_line(lang)
    where = f"{path}：" if path is not None and lang == "zh" else (f"{path}: " if path is not None else "")
    if lang == "zh":
        return f"{where}发生意外错误（{type(exc).__name__}：{exc}）"
    return f"{where}unexpected error ({type(exc).__name__}: {exc})"
