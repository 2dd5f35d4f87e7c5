"""Block, and count, every request that would leave the machine."""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWebEngineCore import QWebEngineUrlRequestInterceptor

from .assets import SCHEME

LOCAL_SCHEMES = {SCHEME, "qrc", "data", "blob", "about"}


class OfflineGuard(QObject):
    """Thread-safe tally; the interceptor runs on WebEngine's IO thread."""

    blocked = Signal(str)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._lock = threading.Lock()
        self._urls: list[str] = []

    def record(self, url: str) -> None:
        with self._lock:
            self._urls.append(url)
        self.blocked.emit(url)

    @property
    def blocked_count(self) -> int:
        with self._lock:
            return len(self._urls)

    @property
    def blocked_urls(self) -> list[str]:
        with self._lock:
            return list(self._urls)


class OfflineInterceptor(QWebEngineUrlRequestInterceptor):
    def __init__(self, guard: OfflineGuard, parent=None):
        super().__init__(parent)
        self.guard = guard
        # Hosts of online basemaps the user explicitly enabled; empty by default.
        self.allowed_hosts: frozenset[str] = frozenset()

    def interceptRequest(self, info) -> None:  # noqa: N802 (Qt API)
        url = info.requestUrl()
        if url.scheme() == "https" and url.host() in self.allowed_hosts:
            return
        if url.scheme() not in LOCAL_SCHEMES:
            info.block(True)
            self.guard.record(url.toString())
