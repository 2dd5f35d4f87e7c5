"""Interface language through Qt's translation system.

Source strings are Chinese (the default); resources/i18n/xixia_map_en.ts holds
the English, compiled to .qm at build time by installer/dev.sh (pyside6-lrelease).
Qt's own dialogs (OK/Cancel, Save/Discard, file and colour dialogs) are
translated from the catalogues PySide6 ships (qtbase_zh_CN.qm …), so a Chinese
window has no English buttons.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

if TYPE_CHECKING:
    # PySide6's stub has QT_TR_NOOP(object) -> object; it hands back the text it
    # marks (for lupdate), so a str stays a str.
    def QT_TR_NOOP(message: str) -> str: ...  # noqa: N802 (Qt's name, which lupdate looks for)
else:
    from PySide6.QtCore import QT_TR_NOOP  # noqa: F401 (re-exported: import it from here)

from ..paths import RESOURCES_DIR

I18N_DIR = RESOURCES_DIR / "i18n"
QT_LOCALES = {"zh": "zh_CN", "en": "en"}
_installed: list[QTranslator] = []


def tr(text: str) -> str:
    """Translation for code outside a widget class. pyside6-lupdate files a
    plain `tr("…")` call under the empty context (it cannot see a wrapper's
    context, nor the class behind `parent.tr`), so that is where it is looked
    up; a named context here would never be found and the text would stay
    Chinese in the English window."""
    return QCoreApplication.translate("", text)


def _qt_translator(app, lang: str) -> QTranslator | None:
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(f"qtbase_{QT_LOCALES[lang]}", folder):
        return translator
    return None


def install_language(lang: str) -> bool:
    """Switch the application's translators; returns False if the app's .qm is missing."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install_language needs the QApplication made first")
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    QLocale.setDefault(QLocale("zh_CN" if lang == "zh" else "en_GB"))  # dates and numbers in Qt's widgets
    qt = _qt_translator(app, lang)
    if qt is not None:
        app.installTranslator(qt)
        _installed.append(qt)
    if lang == "zh":
        supplement = QTranslator(app)  # what qtbase_zh_CN leaves in English (resources/i18n/qt_supplement_zh_CN.ts)
        if supplement.load(str(I18N_DIR / "qt_supplement_zh_CN.qm")):
            app.installTranslator(supplement)
            _installed.append(supplement)
        return True
    translator = QTranslator(app)
    if not translator.load(str(I18N_DIR / f"xixia_map_{lang}.qm")):
        return False
    app.installTranslator(translator)
    _installed.append(translator)
    return True
