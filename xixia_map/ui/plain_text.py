"""Qt widgets that show file-derived text as plain text, never as rich text.

QMessageBox, QInputDialog and QLabel guess "rich text" from a leading tag, so
a feature id of `<b>x</b><img src=/local/file>` would be drawn bold with a
local image. Every dialog that can show a file name, an attribute or a
message about a file goes through these helpers.
"""
from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog, QLabel, QLineEdit, QMessageBox

Icon = QMessageBox.Icon


def message(parent, icon: QMessageBox.Icon, title: str, text: str,
            buttons=QMessageBox.StandardButton.Ok, default=None) -> QMessageBox.StandardButton:
    box = QMessageBox(icon, title, "", buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(text)
    if default is not None:
        box.setDefaultButton(default)
    return QMessageBox.StandardButton(box.exec())


def warn(parent, title: str, text: str) -> None:
    message(parent, Icon.Warning, title, text)


def inform(parent, title: str, text: str) -> None:
    message(parent, Icon.Information, title, text)


def critical(parent, title: str, text: str) -> None:
    message(parent, Icon.Critical, title, text)


def _plain_labels(dialog) -> None:
    for label in dialog.findChildren(QLabel):
        label.setTextFormat(Qt.TextFormat.PlainText)


def ask_item(parent, title: str, label: str, items: list[str], current: int = 0) -> str | None:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setComboBoxItems(items)
    dialog.setComboBoxEditable(False)
    dialog.setTextValue(items[current] if items else "")
    dialog.setLabelText(label)
    _plain_labels(dialog)
    return dialog.textValue() if dialog.exec() else None


def ask_text(parent, title: str, label: str, text: str = "") -> str | None:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextValue(text)
    _plain_labels(dialog)
    return dialog.textValue() if dialog.exec() else None


def ask_password(parent, title: str, label: str) -> str | None:
    dialog = QInputDialog(parent)
    dialog.setWindowTitle(title)
    dialog.setLabelText(label)
    dialog.setTextEchoMode(QLineEdit.EchoMode.Password)
    _plain_labels(dialog)
    return (dialog.textValue() or None) if dialog.exec() else None


def tooltip(text: str) -> str:
    """A tooltip that shows `text` exactly: escaped, inside an explicit rich-text
    wrapper (Qt would otherwise guess from the text itself)."""
    return "<p style='white-space:pre-wrap'>" + html.escape(text).replace("\n", "<br>") + "</p>"
