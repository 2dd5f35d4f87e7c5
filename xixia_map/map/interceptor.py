"""Block, and count, every request that would leave the machine."""
from __future__ import annotations

import threading

from PySide6.QtCore import QObject, QUrl, Signal
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
        # Origins (scheme, host, port) of online basemaps the user explicitly enabled; empty by default.
        # Chromium asks here again for every redirect, so a redirect elsewhere is blocked too.
        self.allowed_origins: frozenset[str] = frozenset()

    def interceptRequest(self, info) -> None:  # noqa: N802 (Qt API)
        from ..data.services.allowance import origin_of

        url = info.requestUrl()
        if url.scheme() in LOCAL_SCHEMES:
            return
        if self.allowed_origins and origin_of(url.toString(QUrl.ComponentFormattingOption.FullyEncoded)) \
                in self.allowed_origins:
            return
        info.block(True)
        self.guard.record(url.toString())
