"""Press a button of a modal dialog the app opens with exec(), as the planner would.

`press_when_shown(qtbot, kind, button)` waits (polling, with a generous
ceiling, no fixed sleep) until a modal widget of type `kind` is the active
one, lets `prepare(widget)` set its fields, then clicks `button(widget)` with
the mouse. Returns a list that holds the widget once it was answered.
"""
from __future__ import annotations

import time

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

CEILING_S = 60.0


def press_when_shown(qtbot, kind, button, prepare=None) -> list:
    answered: list = []
    started = time.monotonic()

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind) and widget.isVisible():
            if prepare is not None:
                prepare(widget)
            answered.append(widget)
            qtbot.mouseClick(button(widget), Qt.MouseButton.LeftButton)
        elif time.monotonic() - started < CEILING_S:
            QTimer.singleShot(20, poll)

    QTimer.singleShot(0, poll)
    return answered
