"""What the window remembers between runs (QSettings)."""
from __future__ import annotations

import os

from PySide6.QtCore import QSettings

SETTINGS_ENV = "XIXIA_SETTINGS"  # an .ini path; tests and portable installs use it


def open_settings() -> QSettings:
    path = os.environ.get(SETTINGS_ENV)
    if path:
        return QSettings(path, QSettings.Format.IniFormat)
    return QSettings("XixiaMap", "xixia-map")


def saved_language(default: str = "zh") -> str:
    lang = open_settings().value("language", default)
    return lang if lang in ("zh", "en") else default


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def saved_visible_layers() -> list[str] | None:
    settings = open_settings()
    if not settings.contains("visible_layers"):
        return None
    return [str(v) for v in _as_list(settings.value("visible_layers"))]


def saved_extent() -> tuple[float, float, float, float] | None:
    values = _as_list(open_settings().value("extent"))
    try:
        extent = tuple(float(v) for v in values)
    except (TypeError, ValueError):
        return None
    return extent if len(extent) == 4 else None
