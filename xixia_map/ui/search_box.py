"""The locator (Ctrl+F): live suggestions by hanzi, pinyin or initials."""
from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit

from ..data.search_index import SearchEntry, SearchIndex


class SearchBox(QLineEdit):
    chosen = Signal(str, str)
    nothing_found = Signal(str)  # the window says so in the status bar

    def __init__(self, index: SearchIndex, lang: str = "zh", parent=None):
        super().__init__(parent)
        self.index = index
        self.lang = lang
        self.retranslate(lang)
        self.setClearButtonEnabled(True)
        self.setMinimumWidth(280)
        self.setMaximumWidth(460)
        self._hits: list[SearchEntry] = []
        self._model = QStringListModel(self)
        completer = QCompleter(self._model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        # [str] picks QCompleter.activated's text overload.
        completer.activated[str].connect(self._on_activated)  # type: ignore[index]  # PySide6 stub: no Signal[...]
        self.setCompleter(completer)
        self.textEdited.connect(self._refresh)
        self.returnPressed.connect(self._choose_first)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.setPlaceholderText(self.tr("搜索地名、项目(支持拼音, 如 huiche)"))

    def suggestions(self) -> list[str]:
        return self._model.stringList()

    def _refresh(self, text: str) -> None:
        self._hits = self.index.search(text)
        self._model.setStringList([hit.label(self.lang) for hit in self._hits])
        if self._hits:
            self.completer().complete()
        elif text.strip():
            self.nothing_found.emit(text.strip())

    def _on_activated(self, label: str) -> None:
        for hit in self._hits:
            if hit.label(self.lang) == label:
                self.chosen.emit(hit.layer_id, hit.feature_id)
                return

    def _choose_first(self) -> None:
        if self._hits:
            self.chosen.emit(self._hits[0].layer_id, self._hits[0].feature_id)
        elif self.text().strip():
            self.nothing_found.emit(self.text().strip())
