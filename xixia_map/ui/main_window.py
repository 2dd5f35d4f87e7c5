"""The main window: the map in the centre, dockable panels around it, linked both ways."""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtGui import QAction, QDesktopServices
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QMenu, QToolBar

from . import file_dialogs
from ..data.catalog import Group
from ..data.indicators import Indicator
from ..data.layers import LayerList
from ..data.search_index import SearchIndex
from ..map.view import MapView
from .attribute_table import AttributeTables
from .basemap_control import BasemapBox, basemaps_from_settings
from .details_panel import DetailsPanel
from .big_screen import show_big_screen
from .i18n import install_language
from .indicators_panel import IndicatorsPanel
from .layer_tree import LayersPanel
from .offset_job import start_offset
from .raster_jobs import start_overviews
from .register_editing import RegisterEditing
from .split_view import MapArea
from .style_dialog import edit_style
from .open_data import DataOpener
from .search_box import SearchBox
from .unsaved_changes import UnsavedChanges
from .window_layout import BOTTOM, LEFT, RIGHT, add_dock, fitted_size, keep_map_room, restore_layout, save_settings
from .window_layout import show_landtake as _show_landtake
from .window_menus import build_menus, build_toolbar, fill_bookmarks
from .window_status import build_status_bar, set_measuring as _set_measuring, show_blocked, show_cursor

if TYPE_CHECKING:
    from .landtake_dock import LandTakeDock


class MainWindow(QMainWindow):
    """The map in the centre, its panels docked around it. Built here; its
    toolbar and menus (window_menus.py), status bar and measuring
    (window_status.py), and docks and remembered layout (window_layout.py) are
    built and run by the functions there, on the attributes declared below."""

    # Made by build_toolbar and build_status_bar.
    toolbar: QToolBar
    home_action: QAction
    find_action: QAction
    basemap_box: BasemapBox
    measure_actions: dict[str, QAction]
    measure_label: QLabel
    cursor_label: QLabel
    scale_label: QLabel
    blocked_label: QLabel

    def __init__(self, layers: LayerList, lang: str = "zh", *, groups: list[Group] | None = None,
                 indicators: list[Indicator] | None = None, extent=None, parent=None):
        super().__init__(parent)
        self.layers = layers
        self.groups = groups or []
        self.indicators = indicators or []
        self.lang = lang
        install_language(lang)
        basemaps, basemap, self.basemap_problems = basemaps_from_settings()
        self.map_view = MapView(layers, self, bounds=extent, basemaps=basemaps, basemap=basemap, lang=lang)
        self.setCentralWidget(MapArea(self.map_view, self))  # 分屏 puts other views beside it (split_view.py)
        self.docks: dict[str, QDockWidget] = {}
        self.bookmarks: list = []
        self.project_path: Path | None = None
        self.opener = DataOpener(self)
        self.jobs: list = []  # background jobs (offsets) still running
        self.unsaved = UnsavedChanges(self)
        self.register = RegisterEditing(self)
        self.landtake: LandTakeDock | None = None  # 视图 → 占地分析, made when first asked for
        self.landtake_dock: QDockWidget | None = None
        self.fit_docks_on_show = False  # a restored layout is fitted to the window once shown
        self.basemap_trouble_seen = (0, 0)  # the basemap fetcher's (failed, refused) last said
        self.setAcceptDrops(True)
        self.map_view.setAcceptDrops(False)  # drops land on the window, which opens them
        build_status_bar(self)
        self._build_ui()
        self.map_view.feature_selected.connect(self._on_feature_selected)
        from .map_menu import MapMenus

        self.map_menus = MapMenus(self)
        self.map_view.selection_cleared.connect(lambda: self.details.show_record(None))
        self.resize(fitted_size(self, 1500, 950))
        restore_layout(self)
        if self.basemap_problems:  # a remembered basemap file that no longer opens is said, not dropped silently
            self.statusBar().showMessage(self.tr("已记住的底图文件无法打开：") + "；".join(
                p.one_line(self.lang) for p in self.basemap_problems), 30000)

    # -- construction ------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.layers_panel = LayersPanel(self.layers, self.groups, self.lang, self)
        self.layers_panel.zoom_requested.connect(self.map_view.zoom_to_layer)
        self.layers_panel.offset_requested.connect(lambda layer_id, system: start_offset(self, layer_id, system))
        self.layers_panel.encoding_requested.connect(self.opener.reopen_with_encoding)
        self.layers_panel.overviews_requested.connect(lambda layer_id: start_overviews(self, layer_id))
        self.layers_panel.style_requested.connect(lambda layer_id: edit_style(self, layer_id))
        self.details = DetailsPanel(self.layers, self.lang, self)
        self.details.zoom_requested.connect(self.map_view.zoom_to_feature)
        self.details.edit_requested.connect(lambda _layer, _fid: self.register.edit_selected())
        self.tables = AttributeTables(self.layers, self.lang, self)
        self.tables.feature_chosen.connect(self.map_view.select_feature)
        self.layers_panel.layer_chosen.connect(self.tables.show_layer)
        self.search = SearchBox(SearchIndex(self.layers), self.lang, self)
        self.search.chosen.connect(self.map_view.select_feature)
        self.search.nothing_found.connect(
            lambda text: self.statusBar().showMessage(self.tr("未找到“{text}”").format(text=text), 5000))
        # The pinyin index is built once the map is drawn, not before it.
        self.map_view.idle.connect(self._build_search_index)
        add_dock(self, "layers", self.layers_panel, LEFT)
        add_dock(self, "details", self.details, RIGHT)
        add_dock(self, "indicators", self._new_indicators_panel(), RIGHT)
        add_dock(self, "table", self.tables, BOTTOM)
        self.tabifyDockWidget(self.docks["details"], self.docks["indicators"])
        self.docks["details"].raise_()
        build_toolbar(self)
        self._retranslate_chrome()

    def _new_indicators_panel(self) -> IndicatorsPanel:
        self.indicators_panel = IndicatorsPanel(self.indicators, self.layers, self.lang, self)
        self.indicators_panel.highlight_requested.connect(self.map_view.highlight)
        self.indicators_panel.township_chosen.connect(
            lambda fid: self.map_view.select_feature("townships", fid))
        self.indicators_panel.big_screen_requested.connect(lambda: show_big_screen(self))
        return self.indicators_panel

    def _retranslate_chrome(self) -> None:
        self.update_title()
        titles = {"layers": self.tr("图层"), "details": self.tr("要素详情"),
                  "indicators": self.tr("指标驾驶舱"), "table": self.tr("属性表")}
        for name, title in titles.items():
            self.docks[name].setWindowTitle(title)
        self.toolbar.setWindowTitle(self.tr("工具栏"))
        self.home_action.setText(self.tr("全县视图"))
        self.measure_actions["line"].setText(self.tr("测距"))
        self.measure_actions["area"].setText(self.tr("测面积"))
        self.find_action.setText(self.tr("查找"))
        build_menus(self)
        show_blocked(self)

    def update_title(self) -> None:
        """The project's name first, as desktop apps do, then the app; [*] is Qt's unsaved-changes mark."""
        app = self.tr("西峡项目地图")
        name = self.project_path.name.removesuffix(".xixia.json") if self.project_path else ""
        self.setWindowTitle(f"{name}[*] — {app}" if name else f"{app}[*]")

    def open_log_folder(self) -> Path:
        """The folder of the app's log (data/log.py) in the system's file manager,
        for a bug report; made if nothing has been logged yet."""
        from ..data.app_dirs import log_dir

        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))
        return folder

    def show_about(self) -> None:
        from .about_dialog import AboutDialog

        self.about = AboutDialog(self)
        self.about.show()  # modeless: the map stays usable

    def go_to_coordinates(self, dialog=None) -> bool:
        """Centre the map on typed coordinates (WGS84, CGCS2000 GK zone 37 or CM 111°E),
        with a circle of the precision typed (`dialog`: a test's filled-in one)."""
        from shapely.geometry import Point, mapping

        from ..data.uncertainty import uncertainty_shape
        from .position_dialog import PositionDialog

        dialog = dialog or PositionDialog(self.lang, self)
        if dialog.position is None and dialog.exec() != PositionDialog.DialogCode.Accepted:
            return False
        at = dialog.position
        self.map_view.call("setViewNoAnim", at.lon, at.lat, 15)
        self.map_view.call("showUncertainty", mapping(uncertainty_shape(Point(at.lon, at.lat), max(at.accuracy_m, 5))))
        self.statusBar().showMessage(self.tr("已定位到") + f" {at.lon:.6f}, {at.lat:.6f}", 8000)
        return True

    def set_language(self, lang: str) -> None:
        """Retranslate every panel in place: rebuilding them would stall the UI thread."""
        if lang == self.lang:
            return
        self.lang = lang
        install_language(lang)
        self.layers_panel.retranslate(lang)
        self.details.retranslate(lang)
        self.tables.retranslate(lang)
        self.search.retranslate(lang)
        self.basemap_box.retranslate(lang)
        self.indicators_panel.retranslate(lang)
        self.map_view.set_language(lang)
        self._retranslate_chrome()
        self.register.retranslate()

    # -- the planner's own data, projects, bookmarks, measuring -------------------------
    def open_data_dialog(self) -> None:
        paths, _ = file_dialogs.getOpenFileNames(
            self, self.tr("打开数据"), "",
            self.tr("地理数据") + " (*.gpkg *.geojson *.json *.shp *.zip *.kml *.gpx *.csv *.xlsx *.dxf *.tif *.tiff);;"
            + self.tr("栅格影像、DEM") + " (*.tif *.tiff);;CAD (*.dxf);;* (*)")
        self.opener.open_paths(paths)

    def open_geodatabase_dialog(self) -> None:
        """A File Geodatabase is a folder (.gdb), so it is chosen as one."""
        folder = file_dialogs.getExistingDirectory(self, self.tr("打开 File Geodatabase（.gdb 文件夹）"))
        if folder:
            self.opener.open_paths([folder])

    def dragEnterEvent(self, event):  # noqa: N802 (Qt API)
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event):  # noqa: N802 (Qt API)
        self.opener.open_paths([u.toLocalFile() for u in event.mimeData().urls()])
        event.acceptProposedAction()

    def _fill_bookmarks(self, menu: QMenu) -> None:
        fill_bookmarks(self, menu)

    def set_measuring(self, kind: str | None) -> None:
        """Start measuring a line or an area (`kind`), or stop (None)."""
        _set_measuring(self, kind)

    # -- export ------------------------------------------------------------------------
    def current_extent(self):
        view = self.map_view.last_view
        return (view["west"], view["south"], view["east"], view["north"]) if view else None

    def current_selection(self) -> tuple[str, str] | None:
        record = self.details.record
        return (record["_layer"], str(record["id"])) if record else None

    def export_map(self) -> None:
        from .export_dialog import ask_map_export

        out = ask_map_export(self, self.layers, self.current_extent(), self.current_selection(), self.lang)
        if out:
            done = self.tr("已导出")
            self.statusBar().showMessage(f"{done}: {out}", 8000)

    def add_map_service(self) -> None:
        from .service_dialog import ServiceDialog

        self.service_dialog = ServiceDialog(self)
        self.service_dialog.show()

    def download_offline_package(self) -> None:
        from .offline_dialog import OfflineDialog

        self.offline_dialog = OfflineDialog(self)
        self.offline_dialog.show()

    def ask_password(self, label: str) -> str | None:
        """A database password, typed (a project's PostGIS layer without one saved);
        the connection's name comes from the project file, so it is plain text."""
        from . import plain_text

        return plain_text.ask_password(self, self.tr("数据库密码"), self.tr("请输入数据库密码：") + "\n" + label)

    def add_postgis_layer(self) -> None:
        from .postgis_dialog import PostgisDialog

        self.postgis_dialog = PostgisDialog(self)
        self.postgis_dialog.show()

    def export_data(self) -> None:
        from .data_export_dialog import ask_data_export

        out = ask_data_export(self, self.layers, self.current_selection())
        if out:
            done = self.tr("已导出")
            self.statusBar().showMessage(f"{done}: {out}", 8000)

    # -- linking ---------------------------------------------------------------------
    def _on_feature_selected(self, record: dict) -> None:
        self.details.show_record(record)
        self.tables.select_feature(record["_layer"], str(record["id"]))

    # -- status bar, panels, layout ----------------------------------------------------
    def _show_cursor(self, lat: float, lng: float) -> None:
        show_cursor(self, lat, lng)

    def _build_search_index(self, _view: dict) -> None:
        self.map_view.idle.disconnect(self._build_search_index)
        self.search.index.build_in_background()

    # -- persistence ------------------------------------------------------------------
    def show_landtake(self) -> None:
        """视图 → 占地分析 (window_layout.show_landtake)."""
        _show_landtake(self)

    def keep_map_room(self) -> None:
        """Each side's docks at most a quarter of the window's width (window_layout.keep_map_room)."""
        keep_map_room(self)

    def save_settings(self) -> None:
        save_settings(self)

    def showEvent(self, event):  # noqa: N802 (Qt API)
        super().showEvent(event)
        if self.fit_docks_on_show:
            self.fit_docks_on_show = False
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self.keep_map_room)  # once laid out, with the docks' real widths

    def closeEvent(self, event):  # noqa: N802 (Qt API)
        if not self.unsaved.may_close():
            event.ignore()
            return
        self.save_settings()
        super().closeEvent(event)
