"""Attribute tables: one sortable, filterable tab per layer, linked to the map."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QAbstractTableModel, QIdentityProxyModel, QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QHBoxLayout, QLineEdit, QTableView, QTabWidget, QVBoxLayout, QWidget,
)

from ..data.layers import Layer, LayerList

if TYPE_CHECKING:
    from .file_table_model import FileTableModel

# Machine fields: the sentence and source are in the details panel, and the
# grade, the area a feature is listed in and the drawing flags are shown in words there.
HIDDEN_COLUMNS = {"note", "source", "estimated"}
# …and in the bundled layers the codes behind the words (a planner's own file shows every column).
BUNDLED_CODES = {"grade", "within", "schematic", "stand_in", "town", "river", "category", "status", "role",
                 "road_class", "adcode"}
COMMON_HEADERS = {"zh": {"id": "编号", "category": "类别", "status": "状态代码", "province": "省份", "city": "地市"},
                  "en": {"id": "ID", "category": "Category", "status": "Status code", "province": "Province",
                         "city": "City"}}


def header_labels(layer: Layer, lang: str) -> dict:
    return {**COMMON_HEADERS.get(lang, {}), **{d.field: d.label(lang) for d in layer.spec.detail_fields}}


class FrameTableModel(QAbstractTableModel):
    """Read-only view of a layer's attributes; headers use the catalog's labels."""

    def __init__(self, layer: Layer, lang: str, parent=None):
        super().__init__(parent)
        self.layer = layer
        frame = layer.frame
        hidden = HIDDEN_COLUMNS | (BUNDLED_CODES if layer.spec.category not in ("user", "register") else set())
        self.columns = [c for c in frame.columns if c != frame.geometry.name and c not in hidden]
        self.set_language(lang)
        self._rows = frame[self.columns].astype(object).where(frame[self.columns].notna(), None).values.tolist()

    def set_language(self, lang: str) -> None:
        labels = header_labels(self.layer, lang)
        self.headers = [labels.get(c, c) for c in self.columns]
        if self.columns:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return "" if value is None else str(value)
        if role == Qt.ItemDataRole.UserRole:  # sort numbers as numbers
            return value if isinstance(value, (int, float)) else ("" if value is None else str(value))
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return super().headerData(section, orientation, role)

    def feature_id(self, row: int) -> str:
        return str(self._rows[row][self.columns.index("id")])

    def row_of(self, feature_id: str) -> int:
        col = self.columns.index("id")
        for row, values in enumerate(self._rows):
            if str(values[col]) == str(feature_id):
                return row
        return -1


class FilterProxy(QSortFilterProxyModel):
    """Free text over all columns, plus exact-value filters (status, kind)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.exact: dict[int, str] = {}
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterKeyColumn(-1)
        self.setSortRole(Qt.ItemDataRole.UserRole)

    def set_exact(self, column: int, value: str) -> None:
        self.beginFilterChange()
        if value:
            self.exact[column] = value
        else:
            self.exact.pop(column, None)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, row, parent):  # noqa: N802 (Qt API)
        model = self.sourceModel()
        for column, value in self.exact.items():
            if model.index(row, column, parent).data() != value:
                return False
        return super().filterAcceptsRow(row, parent)


class LayerTable(QWidget):
    """One layer's table. Its widgets are built the first time they are needed
    (shown, searched or selected in), so nine tables - or one of 200,000 rows -
    cost nothing while the window starts."""

    feature_chosen = Signal(str, str)

    def __init__(self, layer: Layer, lang: str, parent=None):
        super().__init__(parent)
        self.layer = layer
        self.lang = lang
        self._parts: dict | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(2, 2, 2, 2)

    @property
    def is_built(self) -> bool:
        return self._parts is not None

    def _part(self, name: str):
        parts = self._parts if self._parts is not None else self._build()
        return parts[name]

    model = property(lambda self: self._part("model"))
    proxy = property(lambda self: self._part("proxy"))
    view = property(lambda self: self._part("view"))
    filter_edit = property(lambda self: self._part("filter_edit"))
    combos = property(lambda self: self._part("combos"))

    def showEvent(self, event):  # noqa: N802 (Qt API)
        if self._parts is None:
            self._build()
        super().showEvent(event)

    def _build(self) -> dict:
        layer = self.layer
        large = layer.streamed
        filter_edit = QLineEdit()
        model: FileTableModel | FrameTableModel
        proxy: QIdentityProxyModel | FilterProxy
        if large:  # read from the file a page at a time; filtered on Enter, not sorted
            from .file_table_model import FileTableModel

            file_model = model = FileTableModel(layer, self.lang, lambda lang: header_labels(layer, lang), self)
            proxy = QIdentityProxyModel(self)

            def filter_cleared(text: str) -> None:
                if not text and file_model.rows is not None:
                    file_model.set_filter("")

            filter_edit.returnPressed.connect(lambda: file_model.set_filter(filter_edit.text()))
            filter_edit.textChanged.connect(filter_cleared)
        else:
            model = FrameTableModel(layer, self.lang, self)
            proxy = FilterProxy(self)
            filter_edit.textChanged.connect(proxy.setFilterFixedString)
        proxy.setSourceModel(model)
        view = QTableView()
        view.setModel(proxy)
        view.setSortingEnabled(not large)
        # Enabling sorting sorts by Qt's default indicator (first column, descending);
        # start in the layer's own order (the catalog's, e.g. the county seat first).
        view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.horizontalHeader().setStretchLastSection(True)
        # Widths from the first rows only: measuring all 200,000 of a big layer takes seconds.
        view.horizontalHeader().setResizeContentsPrecision(500)
        view.resizeColumnsToContents()
        if layer.spec.category not in ("user", "register") and "id" in model.columns:
            view.setColumnHidden(model.columns.index("id"), True)  # a bundled layer's ids are codes, not names
        view.selectionModel().currentRowChanged.connect(self._on_row)
        filter_edit.setClearButtonEnabled(True)
        top = QHBoxLayout()
        top.addWidget(filter_edit, 1)
        combos: dict[str, QComboBox] = {}
        for field in ("status_zh", "kind"):
            if (isinstance(proxy, FilterProxy) and field in model.columns
                    and layer.spec.category in ("project", "facility")):
                combo = QComboBox()
                combo.addItem("", "")
                for value in sorted(set(layer.frame[field].dropna().astype(str))):
                    combo.addItem(value, value)
                column = model.columns.index(field)
                combo.currentIndexChanged.connect(
                    lambda _i, c=combo, col=column, p=proxy: p.set_exact(col, c.currentData()))
                combos[field] = combo
                top.addWidget(combo)
        parts = self._parts = {"model": model, "proxy": proxy, "view": view, "filter_edit": filter_edit,
                               "combos": combos}
        self._layout.addLayout(top)
        self._layout.addWidget(view, 1)
        self.retranslate(self.lang)
        return parts

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        if self._parts is None:
            return
        self.model.set_language(lang)
        self.filter_edit.setPlaceholderText(self.tr("筛选…（按回车在文件中查找）") if self.layer.streamed
                                            else self.tr("筛选…"))
        for field, combo in self.combos.items():
            header = self.model.headers[self.model.columns.index(field)]
            combo.setItemText(0, self.tr("全部") + f" ({header})")

    def _on_row(self, current, _previous) -> None:
        if current.isValid() and not self.signalsBlocked():
            source = self.proxy.mapToSource(current)
            self.feature_chosen.emit(self.layer.id, self.model.feature_id(source.row()))

    def select_feature(self, feature_id: str) -> bool:
        row = self.model.row_of(feature_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():  # filtered out: clear filters so the row can show
            self.filter_edit.clear()
            for combo in self.combos.values():
                combo.setCurrentIndex(0)
            index = self.proxy.mapFromSource(self.model.index(row, 0))
        self.blockSignals(True)
        self.view.selectRow(index.row())
        self.view.scrollTo(index)
        self.blockSignals(False)
        return True

    def visible_ids(self) -> list[str]:
        return [self.model.feature_id(self.proxy.mapToSource(self.proxy.index(r, 0)).row())
                for r in range(self.proxy.rowCount())]


class AttributeTables(QTabWidget):
    feature_chosen = Signal(str, str)

    def __init__(self, layers: LayerList, lang: str, parent=None):
        super().__init__(parent)
        self.lang = lang
        self.tables: dict[str, LayerTable] = {}
        for layer in reversed(list(layers)):
            self._add(layer, self.count())
        self.retranslate(lang)
        events = layers.events
        events.inserted.connect(self._on_inserted)
        events.removed.connect(self._on_removed)
        events.data.connect(self._on_changed)
        events.filter.connect(self._on_changed)

    def _add(self, layer, index: int) -> None:
        table = LayerTable(layer, self.lang, self)
        table.feature_chosen.connect(self.feature_chosen)
        self.tables[layer.id] = table
        self.insertTab(index, table, "")

    def _take(self, layer) -> int | None:
        """Remove a layer's tab; where it was, or None if it had none."""
        if layer.id not in self.tables:
            return None
        table = self.tables.pop(layer.id)
        index = self.indexOf(table)
        self.removeTab(index)
        table.deleteLater()
        return index

    def _on_removed(self, layer) -> None:
        self._take(layer)

    def _on_changed(self, layer) -> None:
        """New features, or a filter over them: the tab is made again in its place."""
        index = self._take(layer)
        if index is not None:
            self._add(layer, index)
            self.retranslate(self.lang)

    def _on_inserted(self, layer) -> None:
        self._add(layer, 0)  # newest on top, as in the layer tree
        self.retranslate(self.lang)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        for index in range(self.count()):
            table = self.widget(index)
            if not isinstance(table, LayerTable):
                continue
            table.retranslate(lang)
            title = table.layer.spec.title(lang).replace("&", "&&")  # "&" would be a mnemonic
            self.setTabText(index, f"{title} ({table.layer.feature_count})")

    def show_layer(self, layer_id: str) -> None:
        """Bring a layer's tab to the front (a layer chosen in the tree)."""
        table = self.tables.get(layer_id)
        if table is not None:
            self.setCurrentWidget(table)

    def select_feature(self, layer_id: str, feature_id: str) -> None:
        table = self.tables.get(layer_id)
        if table and table.select_feature(feature_id):
            self.setCurrentWidget(table)
