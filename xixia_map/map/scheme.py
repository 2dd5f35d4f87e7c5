"""The `xixia://` URL scheme: the page, its assets and layer data, with no web server.

Answers GET only, and only for paths it knows. Registration must happen before
the QApplication (and so any WebEngine object) exists: call `register_scheme()`
first thing.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob, QWebEngineUrlScheme, QWebEngineUrlSchemeHandler,
)

from .assets import SCHEME, content_type, resolve_asset

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


class XixiaSchemeHandler(QWebEngineUrlSchemeHandler):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._pages: dict[str, bytes] = {}
        self._data: dict[str, Callable[[], bytes]] = {}
        self.tiles = None  # a TileRegistry, when basemaps are in use
        self.layer_tiles = None  # callable(rest) -> (bytes, mime) | None, for large layers
        self.served = 0

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
        if kind == "layertiles" and self.layer_tiles is not None:
            return self.layer_tiles(rest)
        return None

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt API)
        if bytes(job.requestMethod()).decode() != "GET":
            job.fail(QWebEngineUrlRequestJob.Error.RequestDenied)
            return
        url = job.requestUrl()
        if url.host() != "app":
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        try:
            found = self._lookup(url.path())
        except Exception:  # a data producer failed: fail the request, keep the view alive
            job.fail(QWebEngineUrlRequestJob.Error.RequestFailed)
            return
        if found is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        self._reply(job, *found)

    def _reply(self, job, body: bytes, mime: str) -> None:
        buffer = QBuffer(parent=job)
        buffer.setData(QByteArray(body))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.served += 1
        job.reply(mime.encode(), buffer)
