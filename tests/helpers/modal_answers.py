"""Pressing the buttons of the app's modal dialogs, as the planner would.

A modal dialog runs its own event loop (exec), so the test cannot click after
the call that opens it returns. `ModalAnswers` watches, from a timer in that
loop, for the application's active modal dialog, records what it shows, and
presses the next scripted button with the mouse (QTest.mouseClick). A dialog
no answer was scripted for is recorded as unexpected and closed, so a test
fails rather than hangs.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QPushButton


class ModalAnswers:
    def __init__(self):
        self.script: list = []  # per dialog: a button's objectName or text, or a callable(dialog)
        self.shown: list[dict] = []  # per dialog: title, text, text format, button pressed
        self.unexpected: list[dict] = []
        self._timer = QTimer()
        self._timer.setInterval(10)
        self._timer.timeout.connect(self._look)
        self._timer.start()

    def answer(self, *buttons) -> "ModalAnswers":
        self.script.extend(buttons)
        return self

    def _look(self) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog) or not dialog.isVisible() or dialog.property("answered"):
            return
        dialog.setProperty("answered", True)
        seen = {"title": dialog.windowTitle(), "text": dialog.text() if isinstance(dialog, QMessageBox) else "",
                "format": dialog.textFormat() if isinstance(dialog, QMessageBox) else None,
                "kind": type(dialog).__name__}
        if not self.script:
            self.unexpected.append(seen)
            dialog.reject()
            return
        what = self.script.pop(0)
        seen["pressed"] = what
        self.shown.append(seen)
        if callable(what):
            what(dialog)
            return
        button = _button(dialog, what)
        if button is None:
            self.unexpected.append({**seen, "missing button": what})
            dialog.reject()
            return
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)

    def stop(self) -> None:
        self._timer.stop()


def _button(dialog, what: str):
    for button in dialog.findChildren(QPushButton):
        if button.isVisible() and what in (button.objectName(), button.text().replace("&", "")):
            return button
    if isinstance(dialog, QMessageBox) and what == "ok":
        return dialog.button(QMessageBox.StandardButton.Ok)
    return None
