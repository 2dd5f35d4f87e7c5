"""The main window's toolbar and menu bar (the menus are rebuilt when the
language changes), and the menus filled each time they open."""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar

from .basemap_control import BasemapBox
from .big_screen import show_big_screen
from .land_change import show_land_change
from .split_view import end_split_view, show_split_view
from .swipe_dock import show_swipe_dock
from .project_io import add_bookmark, open_project, recent_projects, save_project_as
from .window_status import show_measure
from .i18n import tr

if TYPE_CHECKING:
    from .main_window import MainWindow


def build_toolbar(window: MainWindow) -> None:
    window.toolbar = QToolBar(window)
    window.toolbar.setObjectName("toolbar_main")
    window.toolbar.setMovable(False)
    window.home_action = window.toolbar.addAction("")
    window.home_action.triggered.connect(lambda: window.map_view.zoom_to_layer("county"))
    window.toolbar.addSeparator()
    window.toolbar.addWidget(window.search)
    window.toolbar.addSeparator()
    window.basemap_box = BasemapBox(window, window.lang)
    window.toolbar.addWidget(window.basemap_box)
    window.toolbar.addSeparator()
    window.measure_actions = {}
    for kind in ("line", "area"):
        action = window.toolbar.addAction("")
        action.setCheckable(True)
        action.toggled.connect(lambda on, k=kind: window.set_measuring(k if on else None))
        window.measure_actions[kind] = action
    window.map_view.measured.connect(partial(show_measure, window))
    window.map_view.measure_ended.connect(lambda: window.set_measuring(None))
    window.addToolBar(Qt.ToolBarArea.TopToolBarArea, window.toolbar)
    window.find_action = QAction(window)
    window.find_action.setShortcut(QKeySequence.StandardKey.Find)

    def find() -> None:
        window.search.setFocus()
        window.search.selectAll()

    window.find_action.triggered.connect(find)
    window.addAction(window.find_action)


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    bar.clear()
    file_menu = bar.addMenu(tr("文件"))
    open_data = file_menu.addAction(tr("打开数据…"))
    open_data.setShortcut(QKeySequence.StandardKey.Open)
    open_data.triggered.connect(window.open_data_dialog)
    file_menu.addAction(tr("打开 File Geodatabase…")).triggered.connect(window.open_geodatabase_dialog)
    file_menu.addAction(tr("添加 PostGIS 图层…")).triggered.connect(window.add_postgis_layer)
    file_menu.addAction(tr("打开共享项目库（PostGIS）…")).triggered.connect(window.add_postgis_layer)
    file_menu.addSeparator()
    file_menu.addAction(tr("新建项目库…")).triggered.connect(lambda: window.register.new_register())
    # Its own wording here ("Open project register…"), not 项目库 menu's ("Open register…").
    open_register = file_menu.addAction(QCoreApplication.translate("MainWindow", "打开项目库…"))
    open_register.triggered.connect(lambda: window.register.open(None))
    file_menu.addSeparator()
    file_menu.addAction(tr("打开项目…")).triggered.connect(lambda: open_project(window))
    save = file_menu.addAction(tr("保存项目"))
    save.setShortcut(QKeySequence.StandardKey.Save)
    save.triggered.connect(lambda: save_project_as(window, window.project_path))
    file_menu.addAction(tr("项目另存为…")).triggered.connect(lambda: save_project_as(window))
    recent_menu = file_menu.addMenu(tr("最近的项目"))
    recent_menu.aboutToShow.connect(lambda: fill_recent(window, recent_menu))
    file_menu.addSeparator()
    export_map = file_menu.addAction(tr("导出地图…"))
    export_map.setShortcut(QKeySequence("Ctrl+E"))
    export_map.triggered.connect(window.export_map)
    file_menu.addAction(tr("导出数据…")).triggered.connect(window.export_data)
    file_menu.addSeparator()
    quit_action = file_menu.addAction(tr("退出"))
    quit_action.setShortcut(QKeySequence.StandardKey.Quit)
    quit_action.triggered.connect(window.close)
    edit_menu = bar.addMenu(tr("编辑"))
    edit_menu.addAction(window.find_action)
    view_menu = bar.addMenu(tr("视图"))
    for dock in window.docks.values():
        view_menu.addAction(dock.toggleViewAction())
    view_menu.addAction(tr("占地分析")).triggered.connect(window.show_landtake)
    view_menu.addAction(tr("卷帘对比")).triggered.connect(lambda _checked=False: show_swipe_dock(window))
    split_menu = view_menu.addMenu(tr("分屏对比"))
    split_menu.addAction(tr("两屏")).triggered.connect(lambda _checked=False: show_split_view(window, 2))
    split_menu.addAction(tr("四屏")).triggered.connect(lambda _checked=False: show_split_view(window, 4))
    split_menu.addAction(tr("结束分屏")).triggered.connect(lambda _checked=False: end_split_view(window))
    view_menu.addSeparator()
    view_menu.addAction(tr("添加底图文件…")).triggered.connect(lambda: window.basemap_box.add_archive())
    view_menu.addAction(tr("添加地图服务…")).triggered.connect(window.add_map_service)
    view_menu.addAction(tr("下载离线底图包…")).triggered.connect(window.download_offline_package)
    online = view_menu.addAction(tr("允许在线底图"))
    online.setCheckable(True)
    online.setChecked(window.map_view.basemaps.online_enabled)

    def allow_online(on: bool) -> None:
        window.basemap_box.set_online_enabled(on)
        online.setChecked(window.map_view.basemaps.online_enabled)  # unchanged when the planner said no

    online.triggered.connect(allow_online)
    compare_menu = bar.addMenu(tr("对比分析"))
    compare_menu.addAction(tr("地类变化…")).triggered.connect(lambda _checked=False: show_land_change(window))
    window.register.build_menu(bar)
    bookmark_menu = bar.addMenu(tr("书签"))
    bookmark_menu.aboutToShow.connect(lambda: window._fill_bookmarks(bookmark_menu))
    window._fill_bookmarks(bookmark_menu)
    view_menu.addAction(tr("定位到坐标…")).triggered.connect(lambda: window.go_to_coordinates(None))
    big_screen = view_menu.addAction(tr("大屏模式"))
    big_screen.setShortcut(QKeySequence(Qt.Key.Key_F11))
    big_screen.triggered.connect(lambda: show_big_screen(window))
    lang_menu = bar.addMenu(tr("语言"))
    group = QActionGroup(lang_menu)
    for code, label in (("zh", "中文"), ("en", "English")):
        action = lang_menu.addAction(label)
        action.setCheckable(True)
        action.setChecked(code == window.lang)
        group.addAction(action)
        action.triggered.connect(lambda _checked, c=code: window.set_language(c))
    help_menu = bar.addMenu(tr("帮助"))
    help_menu.addAction(tr("打开日志文件夹")).triggered.connect(window.open_log_folder)
    help_menu.addAction(tr("关于西峡项目地图…")).triggered.connect(window.show_about)


def fill_recent(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    for path in recent_projects():
        menu.addAction(path).triggered.connect(lambda _c=False, p=path: open_project(window, Path(p)))
    if menu.isEmpty():
        menu.addAction(tr("(无)")).setEnabled(False)


def fill_bookmarks(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    menu.addAction(tr("添加书签…")).triggered.connect(lambda: add_bookmark(window))
    if window.bookmarks:
        menu.addSeparator()
    for bookmark in window.bookmarks:
        menu.addAction(bookmark.name.replace("&", "&&")).triggered.connect(
            lambda _c=False, b=bookmark: window.map_view.fit_bounds(*b.extent))
    if window.bookmarks:  # 管理: rename or delete one
        from .project_io import delete_bookmark, rename_bookmark

        menu.addSeparator()
        rename = menu.addMenu(tr("重命名书签"))
        delete = menu.addMenu(tr("删除书签"))
        for n, bookmark in enumerate(window.bookmarks):
            label = bookmark.name.replace("&", "&&")
            rename.addAction(label).triggered.connect(lambda _c=False, i=n: rename_bookmark(window, i))
            delete.addAction(label).triggered.connect(lambda _c=False, i=n: delete_bookmark(window, i))
