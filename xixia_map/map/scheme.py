"""The `xixia://` URL scheme: the page, its assets and layer data, with no web server.

Answers GET only, and only for paths it knows. Registration must happen before
the QApplication (and so any WebEngine object) exists: call `register_scheme()`
first thing.
"""
from __future__ import annotations

import logging
from concurrent.futures import CancelledError, ThreadPoolExecutor
from typing import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, Signal
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler,
)

from ..data.log import log_failure
from .assets import SCHEME, content_type, resolve_asset

log = logging.getLogger(__name__)
_registered = False


def register_scheme() -> None:
    global _registered
    if _registered:
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    scheme.setFlags(QWebEngineUrlScheme.Flag.SecureScheme
                    | QWebEngineUrlScheme.Flag.LocalAccessAllowed
                    | QWebEngineUrlScheme.Flag.CorsEnabled
                    | QWebEngineUrlScheme.Flag.FetchApiAllowed)
    QWebEngineUrlScheme.registerScheme(scheme)
    _registered = True


class _Results(QObject):
    """Carries worker results back to the UI thread (a queued signal)."""

    done = Signal(int, object)


class XixiaSchemeHandler(QWebEngineUrlSchemeHandler):
    WORKERS = 2  # this machine class has 2 cores; Chromium needs the rest
    NET_WORKERS = 6  # service tiles mostly wait on the network: a browser's per-host connection count

    def __init__(self, parent=None):
        super().__init__(parent)
        self._pages: dict[str, bytes] = {}
        self._data: dict[str, Callable[[], bytes]] = {}
        self.tiles = None  # a TileRegistry, when basemaps are in use
        # callable(rest) -> (bytes, mime) | None, for large layers. It runs on a
        # worker thread, because rendering a tile takes milliseconds and
        # Leaflet asks for dozens at once: the UI thread only dispatches.
        self.layer_tiles = None
        # callable(rest) -> (bytes, mime) | None, for map services: network
        # fetches, on a pool of their own, so a slow server never holds up the
        # drawing of large layers.
        self.service_tiles = None
        self.served = 0
        self.refused_after_shutdown = 0  # layer-tile requests that came after shutdown()
        self._pool = ThreadPoolExecutor(self.WORKERS, thread_name_prefix="xixia-tiles")
        self._net_pool = ThreadPoolExecutor(self.NET_WORKERS, thread_name_prefix="xixia-services")
        self._jobs: dict[int, QWebEngineUrlRequestJob] = {}
        self._next_token = 0
        self._closed = False  # the view is gone; Chromium may still ask (a preload in flight)
        self._results = _Results()
        self._results.done.connect(self._finish)

    def submit(self, work: Callable, *args):
        """Run `work` on the tile workers (also used to build layer indexes)."""
        return self._pool.submit(work, *args)

    def shutdown(self) -> None:
        self._closed = True
        self._jobs.clear()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._net_pool.shutdown(wait=False, cancel_futures=True)

    def set_page(self, name: str, html: str) -> None:
        self._pages[name] = html.encode("utf-8")

    def set_data(self, layer_id: str, producer: Callable[[], bytes]) -> None:
        self._data[layer_id] = producer

    def remove_data(self, layer_id: str) -> None:
        self._data.pop(layer_id, None)

    def _lookup(self, path: str) -> tuple[bytes, str] | None:
        kind, _, rest = path.lstrip("/").partition("/")
        if kind == "page" and rest in self._pages:
            return self._pages[rest], "text/html"
        if kind == "assets":
            file = resolve_asset(rest)
            return (file.read_bytes(), content_type(rest)) if file else None
        if kind == "data" and rest.endswith(".geojson") and rest[:-8] in self._data:
            return self._data[rest[:-8]](), "application/geo+json"
        if kind == "tiles" and self.tiles is not None:
            return self.tiles.lookup(rest)
        return None

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt API)
        if bytes(job.requestMethod().data()).decode() != "GET":
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        url = job.requestUrl()
        if url.host() != "app":
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        path = url.path()
        if path.startswith("/layertiles/") and self.layer_tiles is not None:
            self._start_async(job, self.layer_tiles, path[len("/layertiles/"):])
            return
        if path.startswith("/servicetiles/") and self.service_tiles is not None:
            self._start_async(job, self.service_tiles, path[len("/servicetiles/"):], self._net_pool)
            return
        try:
            found = self._lookup(path)
        except Exception as error:  # a data producer failed: fail the request, keep the view alive
            log_failure(log, error, "request %s", url.toString())
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        self._answer(job, found)

    def _answer(self, job, found) -> None:
        if found is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
        elif isinstance(found, Exception):
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
        else:
            self._reply(job, *found)

    def _start_async(self, job, work: Callable, rest: str, pool=None) -> None:
        if self._closed:
            self.refused_after_shutdown += 1
            job.fail(QWebEngineUrlRequestJob.Error.RequestAborted)
            return
        token = self._next_token
        self._next_token += 1
        self._jobs[token] = job
        # Chromium drops a request when Leaflet discards its tile (a fast pan
        # or zoom): the job is deleted, and must be neither rendered nor answered.
        def forget(_obj=None) -> None:
            self._jobs.pop(token, None)

        job.destroyed.connect(forget)
        url = job.requestUrl().toString()

        def run():
            if token not in self._jobs:
                return
            try:
                result = work(rest)
            except CancelledError as error:
                # The view closed meanwhile (shutdown cancels its queued work, a
                # layer's tile index among it): the request is moot, not failed.
                if not self._closed:
                    log_failure(log, error, "request %s", url)
                else:
                    self.refused_after_shutdown += 1
                result = None
            except Exception as error:  # noqa: BLE001 (a failed tile must not kill the worker)
                log_failure(log, error, "request %s", url)
                result = error
            self._results.done.emit(token, result)

        try:
            (pool or self._pool).submit(run)
        except RuntimeError:  # its workers are shut down (a closing view, the app's exit): moot, not failed
            self._jobs.pop(token, None)
            self.refused_after_shutdown += 1
            job.fail(QWebEngineUrlRequestJob.Error.RequestAborted)

    def _finish(self, token: int, found) -> None:
        job = self._jobs.pop(token, None)
        if job is not None:
            self._answer(job, found)

    def _reply(self, job, body: bytes, mime: str) -> None:
        buffer = QBuffer(parent=job)
        buffer.setData(QByteArray(body))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.served += 1
        job.reply(mime.encode(), buffer)
