"""The main window: the map in the centre, dockable panels around it, linked both ways."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, Qt, QUrl
from PySide6.QtGui import QAction, QActionGroup, QDesktopServices, QKeySequence
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QToolBar

from . import file_dialogs
from ..data.catalog import Group
from ..data.indicators import Indicator
from ..data.layers import LayerList
from ..data.measure import format_area, format_length, geodesic_area_m2, geodesic_length_m
from ..data.search_index import SearchIndex
from ..map.scale import scale_denominator
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
from .split_view import MapArea, end_split_view, show_split_view
from .style_dialog import edit_style
from .swipe_dock import show_swipe_dock
from .open_data import DataOpener
from .project_io import add_bookmark, open_project, recent_projects, save_project_as
from .search_box import SearchBox
from .settings import open_settings
from .unsaved_changes import UnsavedChanges

LEFT = Qt.DockWidgetArea.LeftDockWidgetArea
RIGHT = Qt.DockWidgetArea.RightDockWidgetArea
BOTTOM = Qt.DockWidgetArea.BottomDockWidgetArea


class MainWindow(QMainWindow):
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
        self.project_path = None
        self.opener = DataOpener(self)
        self.jobs: list = []  # background jobs (offsets) still running
        self.unsaved = UnsavedChanges(self)
        self.register = RegisterEditing(self)
        self.setAcceptDrops(True)
        self.map_view.setAcceptDrops(False)  # drops land on the window, which opens them
        self._build_status_bar()
        self._build_ui()
        self.map_view.feature_selected.connect(self._on_feature_selected)
        from .map_menu import MapMenus

        self.map_menus = MapMenus(self)
        self.map_view.selection_cleared.connect(lambda: self.details.show_record(None))
        self.resize(fitted_size(self, 1500, 950))
        self._restore_layout()
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
        self._dock("layers", self.layers_panel, LEFT)
        self._dock("details", self.details, RIGHT)
        self._dock("indicators", self._new_indicators_panel(), RIGHT)
        self._dock("table", self.tables, BOTTOM)
        self.tabifyDockWidget(self.docks["details"], self.docks["indicators"])
        self.docks["details"].raise_()
        self._build_toolbar()
        self._retranslate_chrome()

    def _new_indicators_panel(self) -> IndicatorsPanel:
        self.indicators_panel = IndicatorsPanel(self.indicators, self.layers, self.lang, self)
        self.indicators_panel.highlight_requested.connect(self.map_view.highlight)
        self.indicators_panel.township_chosen.connect(
            lambda fid: self.map_view.select_feature("townships", fid))
        self.indicators_panel.big_screen_requested.connect(lambda: show_big_screen(self))
        return self.indicators_panel

    def _dock(self, name: str, widget, area) -> None:
        dock = QDockWidget(self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setMinimumWidth({RIGHT: 340, LEFT: 290}.get(area, 260))
        self.addDockWidget(area, dock)
        self.docks[name] = dock

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
        self._build_menus()
        self._show_blocked()

    def update_title(self) -> None:
        """The project's name first, as desktop apps do, then the app; [*] is Qt's unsaved-changes mark."""
        app = self.tr("西峡项目地图")
        name = self.project_path.name.removesuffix(".xixia.json") if self.project_path else ""
        self.setWindowTitle(f"{name}[*] — {app}" if name else f"{app}[*]")

    def _build_toolbar(self) -> None:
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("toolbar_main")
        self.toolbar.setMovable(False)
        self.home_action = self.toolbar.addAction("")
        self.home_action.triggered.connect(lambda: self.map_view.zoom_to_layer("county"))
        self.toolbar.addSeparator()
        self.toolbar.addWidget(self.search)
        self.toolbar.addSeparator()
        self.basemap_box = BasemapBox(self, self.lang)
        self.toolbar.addWidget(self.basemap_box)
        self.toolbar.addSeparator()
        self.measure_actions = {}
        for kind in ("line", "area"):
            action = self.toolbar.addAction("")
            action.setCheckable(True)
            action.toggled.connect(lambda on, k=kind: self.set_measuring(k if on else None))
            self.measure_actions[kind] = action
        self.map_view.measured.connect(self._show_measure)
        self.map_view.measure_ended.connect(lambda: self.set_measuring(None))
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)
        self.find_action = QAction(self)
        self.find_action.setShortcut(QKeySequence.StandardKey.Find)
        self.find_action.triggered.connect(lambda: (self.search.setFocus(), self.search.selectAll()))
        self.addAction(self.find_action)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        bar.clear()
        file_menu = bar.addMenu(self.tr("文件"))
        open_data = file_menu.addAction(self.tr("打开数据…"))
        open_data.setShortcut(QKeySequence.StandardKey.Open)
        open_data.triggered.connect(self.open_data_dialog)
        file_menu.addAction(self.tr("打开 File Geodatabase…")).triggered.connect(self.open_geodatabase_dialog)
        file_menu.addAction(self.tr("添加 PostGIS 图层…")).triggered.connect(self.add_postgis_layer)
        file_menu.addAction(self.tr("打开共享项目库（PostGIS）…")).triggered.connect(self.add_postgis_layer)
        file_menu.addSeparator()
        file_menu.addAction(self.tr("新建项目库…")).triggered.connect(lambda: self.register.new_register())
        file_menu.addAction(self.tr("打开项目库…")).triggered.connect(lambda: self.register.open(None))
        file_menu.addSeparator()
        file_menu.addAction(self.tr("打开项目…")).triggered.connect(lambda: open_project(self))
        save = file_menu.addAction(self.tr("保存项目"))
        save.setShortcut(QKeySequence.StandardKey.Save)
        save.triggered.connect(lambda: save_project_as(self, self.project_path))
        file_menu.addAction(self.tr("项目另存为…")).triggered.connect(lambda: save_project_as(self))
        recent_menu = file_menu.addMenu(self.tr("最近的项目"))
        recent_menu.aboutToShow.connect(lambda: self._fill_recent(recent_menu))
        file_menu.addSeparator()
        export_map = file_menu.addAction(self.tr("导出地图…"))
        export_map.setShortcut(QKeySequence("Ctrl+E"))
        export_map.triggered.connect(self.export_map)
        file_menu.addAction(self.tr("导出数据…")).triggered.connect(self.export_data)
        file_menu.addSeparator()
        quit_action = file_menu.addAction(self.tr("退出"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        edit_menu = bar.addMenu(self.tr("编辑"))
        edit_menu.addAction(self.find_action)
        view_menu = bar.addMenu(self.tr("视图"))
        for dock in self.docks.values():
            view_menu.addAction(dock.toggleViewAction())
        view_menu.addAction(self.tr("占地分析")).triggered.connect(self.show_landtake)
        view_menu.addAction(self.tr("卷帘对比")).triggered.connect(lambda: show_swipe_dock(self))
        split_menu = view_menu.addMenu(self.tr("分屏对比"))
        split_menu.addAction(self.tr("两屏")).triggered.connect(lambda: show_split_view(self, 2))
        split_menu.addAction(self.tr("四屏")).triggered.connect(lambda: show_split_view(self, 4))
        split_menu.addAction(self.tr("结束分屏")).triggered.connect(lambda: end_split_view(self))
        view_menu.addSeparator()
        view_menu.addAction(self.tr("添加底图文件…")).triggered.connect(lambda: self.basemap_box.add_archive())
        view_menu.addAction(self.tr("添加地图服务…")).triggered.connect(self.add_map_service)
        view_menu.addAction(self.tr("下载离线底图包…")).triggered.connect(self.download_offline_package)
        online = view_menu.addAction(self.tr("允许在线底图"))
        online.setCheckable(True)
        online.setChecked(self.map_view.basemaps.online_enabled)
        online.triggered.connect(lambda on: self.basemap_box.set_online_enabled(on) or
                                 online.setChecked(self.map_view.basemaps.online_enabled))
        self.register.build_menu(bar)
        bookmark_menu = bar.addMenu(self.tr("书签"))
        bookmark_menu.aboutToShow.connect(lambda: self._fill_bookmarks(bookmark_menu))
        self._fill_bookmarks(bookmark_menu)
        view_menu.addAction(self.tr("定位到坐标…")).triggered.connect(lambda: self.go_to_coordinates(None))
        big_screen = view_menu.addAction(self.tr("大屏模式"))
        big_screen.setShortcut(QKeySequence(Qt.Key.Key_F11))
        big_screen.triggered.connect(lambda: show_big_screen(self))
        lang_menu = bar.addMenu(self.tr("语言"))
        group = QActionGroup(lang_menu)
        for code, label in (("zh", "中文"), ("en", "English")):
            action = lang_menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(code == self.lang)
            group.addAction(action)
            action.triggered.connect(lambda _checked, c=code: self.set_language(c))
        help_menu = bar.addMenu(self.tr("帮助"))
        help_menu.addAction(self.tr("打开日志文件夹")).triggered.connect(self.open_log_folder)
        help_menu.addAction(self.tr("关于西峡项目地图…")).triggered.connect(self.show_about)

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

    def _fill_recent(self, menu) -> None:
        menu.clear()
        for path in recent_projects():
            menu.addAction(path).triggered.connect(lambda _c=False, p=path: open_project(self, Path(p)))
        if menu.isEmpty():
            menu.addAction(self.tr("(无)")).setEnabled(False)

    def _fill_bookmarks(self, menu) -> None:
        menu.clear()
        menu.addAction(self.tr("添加书签…")).triggered.connect(lambda: add_bookmark(self))
        if self.bookmarks:
            menu.addSeparator()
        for bookmark in self.bookmarks:
            menu.addAction(bookmark.name.replace("&", "&&")).triggered.connect(
                lambda _c=False, b=bookmark: self.map_view.fit_bounds(*b.extent))
        if self.bookmarks:  # 管理: rename or delete one
            from .project_io import delete_bookmark, rename_bookmark

            menu.addSeparator()
            rename = menu.addMenu(self.tr("重命名书签"))
            delete = menu.addMenu(self.tr("删除书签"))
            for n, bookmark in enumerate(self.bookmarks):
                label = bookmark.name.replace("&", "&&")
                rename.addAction(label).triggered.connect(lambda _c=False, i=n: rename_bookmark(self, i))
                delete.addAction(label).triggered.connect(lambda _c=False, i=n: delete_bookmark(self, i))

    def set_measuring(self, kind: str | None) -> None:
        for other, action in self.measure_actions.items():
            if other != kind and action.isChecked():
                action.blockSignals(True)
                action.setChecked(False)
                action.blockSignals(False)
        if kind:
            self.map_view.call("startMeasure", kind)
            self.measure_label.setText(self.tr("单击地图添加点"))
        else:
            self.map_view.call("stopMeasure")
            self.measure_label.setText("")

    def _show_measure(self, kind: str, points: list) -> None:
        """The result on the map (each leg's length, the total or the area at the last
        point) and in the status bar; it stays until the next measurement or Esc."""
        from ..data.measure import segment_lengths_m

        if kind == "area":
            label, value = self.tr("面积"), format_area(geodesic_area_m2(points), lang=self.lang)
        else:
            label, value = self.tr("距离"), format_length(geodesic_length_m(points))
        text = f"{label}: {value}"
        self.measure_label.setText(text)
        legs = [format_length(m) for m in segment_lengths_m(points)] if kind == "line" else []
        self.map_view.call("measureLabels", legs, text if len(points) > 1 else "")

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

    # -- status bar -------------------------------------------------------------------
    def _build_status_bar(self) -> None:
        self.measure_label = QLabel()
        self.cursor_label = QLabel()
        self.scale_label = QLabel()
        self.blocked_label = QLabel()
        for label in (self.measure_label, self.cursor_label, self.scale_label, self.blocked_label):
            self.statusBar().addPermanentWidget(label)
        self.map_view.mouse_moved.connect(self._show_cursor)
        self.map_view.view_changed.connect(self._show_scale)
        self.map_view.idle.connect(self._show_scale)
        self.map_view.guard.blocked.connect(lambda _url: self._show_blocked())
        # Tiles of a map service not allowed are refused on the fetch workers, without
        # a page request to block: the count is read again whenever the map settles.
        self.map_view.idle.connect(lambda _view: self._show_blocked())
        self._show_blocked()

    def _show_cursor(self, lat: float, lng: float) -> None:
        text = f"{lng:.5f}°E, {lat:.5f}°N"
        hit = self.map_view.raster_value_at(lng, lat)  # one pixel read: the DEM's height under the cursor
        if hit is not None and hit[0].is_dem:
            text += "  " + self.tr("高程") + f" {hit[1]:,.1f} m"
        self.cursor_label.setText(text)

    def _build_search_index(self, _view: dict) -> None:
        self.map_view.idle.disconnect(self._build_search_index)
        self.search.index.build_in_background()

    def _show_scale(self, view: dict) -> None:
        if view:
            self.scale_label.setText(f"1:{scale_denominator(view['lat'], view['zoom']):,.0f}")

    def _show_blocked(self) -> None:
        prefix = self.tr("已拦截外网请求")
        self.blocked_label.setText(f"{prefix}: {self.map_view.blocked_requests}")
        self._say_basemap_trouble()

    def _say_basemap_trouble(self) -> None:
        """A map service that gives no tiles (down, a wrong key, an address not
        allowed, a redirect) is said in the status bar, not left a blank map."""
        fetcher = self.map_view.basemaps.fetcher
        counts = (fetcher.failed, fetcher.refused)
        seen = getattr(self, "_basemap_trouble_seen", (0, 0))
        self._basemap_trouble_seen = counts
        if counts == seen or self.map_view.basemap in ("", "none"):
            return
        try:
            choice = self.map_view.basemaps.get(self.map_view.basemap)
        except KeyError:
            return
        if choice.kind != "service":
            return
        failed, refused = counts[0] - seen[0], counts[1] - seen[1]
        self.statusBar().showMessage(self.tr(
            "底图“{name}”有瓦片未能取得（{failed} 张失败，{refused} 张未获允许或被重定向）："
            "请检查网络、密钥和允许的地址").format(name=choice.title(self.lang), failed=failed, refused=refused), 15000)

    # -- persistence ------------------------------------------------------------------
    def _restore_layout(self) -> None:
        settings = open_settings()
        geometry = settings.value("window/geometry")
        state = settings.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
            fitted = fitted_size(self, self.width(), self.height())
            if fitted != self.size():  # saved on a larger screen than this one
                self.resize(fitted)
                self.move(self.screen().availableGeometry().topLeft())
        if isinstance(state, QByteArray):
            self.restoreState(state)
            self._fit_docks_on_show = True
        else:  # first start: room for the map; 视图 → 属性表 opens the table, and the layout is remembered
            self.docks["table"].hide()

    def show_landtake(self) -> None:
        """视图 → 占地分析: the dock, made the first time (ui/landtake_dock.py), as a tab beside 要素详情."""
        from .landtake_dock import LandTakeDock

        if getattr(self, "landtake", None) is None:
            self.landtake = LandTakeDock(self)
            dock = self.landtake_dock = QDockWidget(self.tr("占地分析"), self)
            dock.setObjectName("dock_landtake")
            dock.setWidget(self.landtake)
            self.addDockWidget(RIGHT, dock)
            self.tabifyDockWidget(self.docks["details"], dock)
            self.layers.events.inserted.connect(self.landtake.refresh_layers)  # bound: held weakly
            self.layers.events.removed.connect(self.landtake.refresh_layers)
        self.landtake.refresh_layers()
        self.landtake_dock.show()
        self.landtake_dock.raise_()

    def keep_map_room(self) -> None:
        """Panels laid out on a wide screen leave the map most of a small one:
        each side's docks at most a quarter of the window's width."""
        widest = max(260, self.width() // 4)
        docks = list(self.docks.values()) + ([self.register.dock] if getattr(self.register, "dock", None) else [])
        for dock in docks:
            area = self.dockWidgetArea(dock)
            if dock.isVisible() and area in (LEFT, RIGHT) and dock.width() > widest:
                self.resizeDocks([dock], [widest], Qt.Orientation.Horizontal)

    def save_settings(self) -> None:
        settings = open_settings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("language", self.lang)
        settings.setValue("visible_layers", [layer.id for layer in self.layers if layer.visible])
        view = self.map_view.last_view
        if view:
            settings.setValue("extent", [view["west"], view["south"], view["east"], view["north"]])
        settings.sync()

    def showEvent(self, event):  # noqa: N802 (Qt API)
        super().showEvent(event)
        if getattr(self, "_fit_docks_on_show", False):
            self._fit_docks_on_show = False
            from PySide6.QtCore import QTimer

            QTimer.singleShot(0, self.keep_map_room)  # once laid out, with the docks' real widths

    def closeEvent(self, event):  # noqa: N802 (Qt API)
        if not self.unsaved.may_close():
            event.ignore()
            return
        self.save_settings()
        super().closeEvent(event)


def fitted_size(window, width: int, height: int):
    """The size asked for, no larger than the screen's free area (a 1024 × 700
    laptop gets a window it can see whole, status bar included)."""
    from PySide6.QtCore import QSize

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


FRAME_ALLOWANCE = (16, 48)  # px: borders and a title bar, generous for the desktops planners use
