"""视图 → 分屏对比: the window's map and one or three more side by side, kept
on the same centre and zoom with a cross-hair at the cursor's ground point
(map/linked_views.py). The first view is the window's own (the layer tree
shows and hides its layers); each other view has its own layer set and
basemap, chosen from its 图层 menu. 导出分屏图 writes them as one PNG sheet
(export/split_sheet.py).

Each other view is a second web page: Chromium's memory for it is what the
split costs (README, 分屏). The tile sources of large layers are the window
view's, shared, not built again.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QActionGroup
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QMenu, QPushButton, QToolButton, QVBoxLayout, QWidget

from ..map.linked_views import LinkedViews
from ..map.view import MapView


class ViewHeader(QWidget):
    """A view's header above it: its number, and (for the views after the first) its 图层 menu."""

    def __init__(self, window, view: MapView, number: int, parent=None):
        super().__init__(parent)
        self.main_window = window
        self.view = view
        self.number = number
        header = QHBoxLayout(self)
        header.setContentsMargins(4, 2, 4, 2)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setMinimumHeight(QToolButton().sizeHint().height())  # every header as tall: maps of one height
        header.addWidget(self.title)
        header.addStretch(1)
        self.layers_button: QToolButton | None = None
        if view.own_shown is not None:
            self.layers_button = QToolButton()
            self.layers_button.setText(self.tr("图层"))
            self.layers_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
            self.layers_button.setMenu(QMenu(self.layers_button))
            self.layers_button.menu().aboutToShow.connect(self._fill_menu)
            header.addWidget(self.layers_button)
        self.retitle()

    def retitle(self) -> None:
        words = self.tr("视图 {n}").format(n=self.number)
        if self.view.own_shown is None:
            words += self.tr("（图层树）")
        self.title.setText(words)

    def _fill_menu(self) -> None:
        """This view's layers, top first, each checkable; then its basemap."""
        assert self.layers_button is not None  # the menu is only built for a view with a layer set of its own
        menu = self.layers_button.menu()
        menu.clear()
        lang = self.main_window.lang
        for layer in reversed(list(self.main_window.layers)):
            action = menu.addAction(layer.spec.title(lang))
            action.setCheckable(True)
            action.setChecked(self.view.shows(layer))
            action.toggled.connect(lambda on, layer_id=layer.id: self.view.set_layer_shown(layer_id, on))
        basemaps = menu.addMenu(self.tr("底图"))
        group = QActionGroup(basemaps)
        for choice in self.view.basemaps.choices():
            action = basemaps.addAction(choice.title(lang))
            action.setCheckable(True)
            action.setChecked(choice.name == self.view.basemap)
            group.addAction(action)
            action.triggered.connect(lambda _on, name=choice.name: self.view.set_basemap(name))


class MapArea(QWidget):
    """The window's central widget: its map view, and while the map is split,
    the other views beside it in a grid, each under its header, with the split's
    bar above. The window's view never changes parent (a QWebEngineView moved to
    another parent stopped answering its page's scripts now and then)."""

    def __init__(self, view: MapView, parent=None):
        super().__init__(parent)
        self.view = view
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(GUTTER_PX)
        self.grid.addWidget(view, 1, 0)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(self.grid, 1)  # a split's bar goes above it

    def place(self, widget: QWidget, row: int, column: int) -> None:
        self.grid.addWidget(widget, row, column)

    def even_out(self, rows: int, columns: int) -> None:
        """Every view the same size: each used row of maps and each column stretched alike."""
        for row in range(4):
            self.grid.setRowStretch(row, 1 if row % 2 == 1 and row // 2 < rows else 0)
        for column in range(2):
            self.grid.setColumnStretch(column, 1 if column < columns else 0)


GUTTER_PX = 4


class SplitView(QWidget):
    """The split: the other views, their headers and the bar, placed in the window's MapArea."""

    def __init__(self, window, count: int):
        super().__init__(window)
        self.main_window = window
        self.area: MapArea = window.centralWidget()
        main = window.map_view
        view_state = main.last_view
        bounds = (view_state["west"], view_state["south"], view_state["east"], view_state["north"]) \
            if view_state else None
        shown = {layer.id for layer in window.layers if layer.visible}
        self.views: list[MapView] = [main]
        for _ in range(count - 1):
            view = MapView(window.layers, self.area, bounds=bounds, basemaps=main.basemaps, basemap=main.basemap,
                           lang=window.lang, shown=shown, tiled=main.tiled)
            view.setAcceptDrops(False)
            view.ready.connect(lambda view=view: self._catch_up(view))
            self.views.append(view)
        self.headers = [ViewHeader(window, view, i + 1, self.area) for i, view in enumerate(self.views)]
        columns = 1 if count == 1 else 2
        for i, (header, view) in enumerate(zip(self.headers, self.views)):
            row, column = divmod(i, columns)
            self.area.place(header, 2 * row, column)
            if view is not main:
                self.area.place(view, 2 * row + 1, column)
        self.area.even_out((count + columns - 1) // columns, columns)
        self.link = LinkedViews(self.views, self)
        self.bar = self._build_bar()
        self.area.layout().insertWidget(0, self.bar)

    def _build_bar(self) -> QWidget:
        bar = QWidget(self.area)
        layout = QHBoxLayout(bar)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QLabel(self.tr("分屏对比：各视图同步平移缩放，十字线标出光标所在位置")))
        layout.addStretch(1)
        self.export_button = QPushButton(self.tr("导出分屏图…"))
        self.export_button.clicked.connect(self.export)
        self.end_button = QPushButton(self.tr("结束分屏"))
        self.end_button.clicked.connect(lambda: end_split_view(self.main_window))
        layout.addWidget(self.export_button)
        layout.addWidget(self.end_button)
        return bar

    def _catch_up(self, view: MapView) -> None:
        """A new view, once its page is up, on the window view's centre and zoom."""
        state = self.views[0].last_view
        if state:
            view.call("setViewNoAnim", state["lng"], state["lat"], state["zoom"])

    def export(self) -> None:
        from .split_export import ask_split_export

        ask_split_export(self.main_window, self)

    def close_views(self) -> None:
        """Unlink; the views after the first and every header go (the first view is the window's)."""
        self.link.unlink()
        for view in self.views[1:]:
            view.detach()  # the layer list must not call a deleted view
            view.close()
            view.deleteLater()
        for widget in self.headers + [self.bar]:
            widget.deleteLater()
        self.views = self.views[:1]
        self.area.even_out(1, 1)


def show_split_view(window, count: int = 2) -> SplitView:
    """视图 → 分屏对比: the map split into `count` views (2 or 4); a split shown already is replaced."""
    if getattr(window, "split_view", None) is not None:
        end_split_view(window)
    window.split_view = SplitView(window, count)
    return window.split_view


def end_split_view(window) -> None:
    """Back to the one map: the other views closed."""
    split = getattr(window, "split_view", None)
    if split is None:
        return
    split.close_views()
    window.split_view = None
    split.deleteLater()
