"""The CRS question: the likely grids for a file's coordinates (CGCS2000 zones,
西安80, 北京54, WGS84, each with the axes as written or swapped), named in
words, or any EPSG code the planner types, named back before it is used."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QLabel, QLineEdit, QListWidget, QListWidgetItem, QVBoxLayout,
)

from ..data.crs_words import crs_words
from .plain_text import tooltip


def typed_epsg(text: str) -> int | None:
    """The EPSG code in '4525', 'EPSG:4525' or 'epsg 4525', if pyproj knows it."""
    from pyproj import CRS

    digits = text.strip().upper().removeprefix("EPSG").strip(" :：")
    if not digits.isdigit():
        return None
    try:
        CRS.from_epsg(int(digits))
    except Exception:  # pyproj's CRSError: no such code in its database
        return None
    return int(digits)


class CrsDialog(QDialog):
    def __init__(self, question: str, file_name: str, guesses, lang: str, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(self.tr("确认坐标系"))
        intro = QLabel(question + "\n" + file_name + "\n" + self.tr("请选择坐标系，或输入 EPSG 代码："))
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.choices = QListWidget()
        for guess in guesses:
            swapped = self.tr("，X/Y 互换") if guess.swap else ""
            reason = guess.reason_zh if lang == "zh" and guess.reason_zh else guess.reason
            item = QListWidgetItem(f"{crs_words(guess.epsg, lang)}{swapped}\n    {reason}")
            item.setData(Qt.ItemDataRole.UserRole, (guess.epsg, guess.swap))
            item.setToolTip(tooltip(f"EPSG:{guess.epsg}"))
            self.choices.addItem(item)
        self.choices.setCurrentRow(0)
        self.choices.itemDoubleClicked.connect(lambda _item: self.accept())
        self.code = QLineEdit()
        self.code.setPlaceholderText(self.tr("其他坐标系：EPSG 代码，如 4525"))
        self.code.textChanged.connect(self._typed)
        self.named = QLabel()
        self.named.setTextFormat(Qt.TextFormat.PlainText)
        self.named.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.code)
        layout.addWidget(self.named)
        layout.addWidget(self.buttons)
        self.resize(560, 420)

    def _typed(self, text: str) -> None:
        ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if not text.strip():
            self.named.clear()
            self.choices.setEnabled(True)
            ok_button.setEnabled(True)
            return
        code = typed_epsg(text)
        self.choices.setEnabled(code is None)
        ok_button.setEnabled(code is not None)
        self.named.setText(crs_words(code, self.lang) if code is not None else self.tr("不是已知的 EPSG 代码"))

    def chosen(self) -> tuple[int, bool] | None:
        if self.code.text().strip():
            code = typed_epsg(self.code.text())
            return (code, False) if code is not None else None
        item = self.choices.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
