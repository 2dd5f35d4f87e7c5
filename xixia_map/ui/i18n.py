"""Interface language through Qt's translation system.

Source strings are Chinese (the default); resources/i18n/xixia_map_en.ts holds
the English, compiled to .qm at build time by installer/dev.sh (pyside6-lrelease).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

from ..paths import RESOURCES_DIR

I18N_DIR = RESOURCES_DIR / "i18n"
_installed: QTranslator | None = None


def install_language(lang: str) -> bool:
    """Switch the application's translator; returns False if the .qm is missing."""
    global _installed
    app = QCoreApplication.instance()
    if _installed is not None:
        app.removeTranslator(_installed)
        _installed = None
    if lang == "zh":
        return True
    translator = QTranslator(app)
    if not translator.load(str(I18N_DIR / f"xixia_map_{lang}.qm")):
        return False
    app.installTranslator(translator)
    _installed = translator
    return True
