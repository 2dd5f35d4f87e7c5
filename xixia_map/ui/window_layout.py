"""The main window's docks and their layout: a panel docked, the 占地分析 dock
made when first asked for, the window's size and panels restored from the
settings (fitted to a smaller screen than they were saved on) and saved."""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QSize, Qt
from PySide6.QtWidgets import QDockWidget, QWidget

from .settings import open_settings
from .i18n import tr

if TYPE_CHECKING:
    from .main_window import MainWindow

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea
FRAME_ALLOWANCE = (16, 48)  # px: borders and a title bar, generous for the desktops planners use


def add_dock(window: MainWindow, name: str, widget: QWidget, area: Qt.DockWidgetArea) -> None:
    dock = QDockWidget(window)
    dock.setObjectName(f"dock_{name}")
    dock.setWidget(widget)
    dock.setMinimumWidth({RIGHT: 340, LEFT: 290}.get(area, 260))
    window.addDockWidget(area, dock)
    window.docks[name] = dock


def restore_layout(window: MainWindow) -> None:
    settings = open_settings()
    geometry = settings.value("window/geometry")
    state = settings.value("window/state")
    if isinstance(geometry, QByteArray):
        window.restoreGeometry(geometry)
        fitted = fitted_size(window, window.width(), window.height())
        if fitted != window.size():  # saved on a larger screen than this one
            window.resize(fitted)
            window.move(window.screen().availableGeometry().topLeft())
    if isinstance(state, QByteArray):
        window.restoreState(state)
        window.fit_docks_on_show = True
    else:  # first start: room for the map; 视图 → 属性表 opens the table, and the layout is remembered
        window.docks["table"].hide()


def show_landtake(window: MainWindow) -> None:
    """视图 → 占地分析: the dock, made the first time (ui/landtake_dock.py), as a tab beside 要素详情."""
    from .landtake_dock import LandTakeDock

    if window.landtake is None or window.landtake_dock is None:
        window.landtake = LandTakeDock(window)
        dock = window.landtake_dock = QDockWidget(tr("占地分析"), window)
        dock.setObjectName("dock_landtake")
        dock.setWidget(window.landtake)
        window.addDockWidget(RIGHT, dock)
        window.tabifyDockWidget(window.docks["details"], dock)
        window.layers.events.inserted.connect(window.landtake.refresh_layers)  # bound: held weakly
        window.layers.events.removed.connect(window.landtake.refresh_layers)
    window.landtake.refresh_layers()
    window.landtake_dock.show()
    window.landtake_dock.raise_()


def keep_map_room(window: MainWindow) -> None:
    """Panels laid out on a wide screen leave the map most of a small one:
    each side's docks at most a quarter of the window's width."""
    widest = max(260, window.width() // 4)
    docks = list(window.docks.values()) + ([window.register.dock] if window.register.dock is not None else [])
    for dock in docks:
        area = window.dockWidgetArea(dock)
        if dock.isVisible() and area in (LEFT, RIGHT) and dock.width() > widest:
            window.resizeDocks([dock], [widest], Qt.Orientation.Horizontal)


def save_settings(window: MainWindow) -> None:
    settings = open_settings()
    settings.setValue("window/geometry", window.saveGeometry())
    settings.setValue("window/state", window.saveState())
    settings.setValue("language", window.lang)
    settings.setValue("visible_layers", [layer.id for layer in window.layers if layer.visible])
    view = window.map_view.last_view
    if view:
        settings.setValue("extent", [view["west"], view["south"], view["east"], view["north"]])
    settings.sync()


def fitted_size(window: QWidget, width: int, height: int) -> QSize:
    """The size asked for, no larger than the screen's free area (a 1024 × 700
    laptop gets a window it can see whole, status bar included)."""
    screen = window.screen()
    if screen is None:
        return QSize(width, height)
    from PySide6.QtGui import QGuiApplication

    room = screen.availableGeometry()
    frame = window.frameGeometry().size() - window.geometry().size()  # title bar and borders, once decorated
    if frame.isEmpty() and QGuiApplication.platformName() not in ("offscreen", "minimal"):
        # Before the window is first shown its frame is not known: leave room for a
        # window manager's title bar and borders (the 1024 x 700 walk lost its
        # status bar under a 25 px title bar).
        frame = QSize(FRAME_ALLOWANCE[0], FRAME_ALLOWANCE[1])
    return QSize(min(width, room.width() - frame.width()), min(height, room.height() - frame.height()))
