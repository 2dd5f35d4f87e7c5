"""The attribute table of a layer too large to hold: rows read from its file a page at a time.

Qt asks only for the rows on screen; each page of PAGE rows is one read of its
FeatureSource (data/feature_source.py: by feature id from a file, by key from a
table), and a few pages are kept. A filter
reads the layer's text columns once, matches them in Arrow's C kernels, and
shows the matching rows; sorting a million rows is not offered (the file is
the order).
"""
from __future__ import annotations

import logging
from collections import OrderedDict

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

PAGE = 200
PAGES_KEPT = 16

log = logging.getLogger(__name__)


class FileTableModel(QAbstractTableModel):
    def __init__(self, layer, lang: str, labels_for, parent=None):
        super().__init__(parent)
        self.layer = layer
        self.features = layer.features
        self.columns = ["id", *[f for f in self.features.fields if f != "id"]]  # a table keyed by its own id
        self._labels_for = labels_for  # lang -> {field: header}
        self.headers = [labels_for(lang).get(c, c) for c in self.columns]
        self.rows: np.ndarray | None = None  # table rows shown (a filter), None: every one
        self._pages: OrderedDict = OrderedDict()
        self.read_error: str | None = None

    def set_language(self, lang: str) -> None:
        labels = self._labels_for(lang)
        self.headers = [labels.get(c, c) for c in self.columns]
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 (Qt API)
        if parent.isValid():
            return 0
        return self.features.count if self.rows is None else len(self.rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def table_row(self, row: int) -> int:
        return int(row if self.rows is None else self.rows[row])

    def _page(self, number: int) -> list:
        if number in self._pages:
            self._pages.move_to_end(number)
            return self._pages[number]
        from ..data.errors import DataError

        try:
            frame = self.features.page(number * PAGE, PAGE)
            values = frame.reindex(columns=self.columns).astype(object).where(frame.notna(), None).values.tolist()
        except DataError as exc:  # the page shows empty; the log keeps why
            log.warning("page %d of %s could not be read", number, self.layer.id, exc_info=True)
            self.read_error = exc.one_line("zh")
            values = []
        self._pages[number] = values
        while len(self._pages) > PAGES_KEPT:
            self._pages.popitem(last=False)
        return values

    def value(self, row: int, column: int):
        table_row = self.table_row(row)
        page = self._page(table_row // PAGE)
        offset = table_row % PAGE
        return page[offset][column] if offset < len(page) else None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.UserRole):
            return None
        value = self.value(index.row(), index.column())
        if role == Qt.ItemDataRole.UserRole:
            return value if isinstance(value, (int, float)) else ("" if value is None else str(value))
        return "" if value is None else str(value)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return super().headerData(section, orientation, role)

    def feature_id(self, row: int) -> str:
        return self.features.id_of_row(self.table_row(row))

    def row_of(self, feature_id: str) -> int:
        table_row = self.features.row_of_id(feature_id)
        if table_row < 0 or self.rows is None:
            return table_row
        hit = np.searchsorted(self.rows, table_row)
        return int(hit) if hit < len(self.rows) and self.rows[hit] == table_row else -1

    def set_filter(self, text: str) -> None:
        """Rows whose text fields contain `text` (any case); empty text: every row."""
        self.beginResetModel()
        self.rows = self.features.matching_rows(text) if text.strip() else None
        self.endResetModel()
