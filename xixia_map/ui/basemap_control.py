"""The basemap switcher: none, bundled, the user's archives, and (only when
explicitly enabled) online sources, with GCJ-02 ones flagged."""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QComboBox, QMessageBox

from ..data.errors import DataError
from ..data.log import log_failure
from ..map.basemaps import BUNDLED, Basemaps
from .settings import open_settings
from . import file_dialogs, plain_text

if TYPE_CHECKING:
    from .main_window import MainWindow

ARCHIVES_KEY = "basemap_archives"
# JSON: [{"name", "origins": [the origins the planner allowed], "services": [MapService.to_settings()]}];
# an entry of an earlier version has "allowed" (true/false) instead of "origins": it allowed a service's
# hosts whatever their port, hosts its capabilities named, so it is asked again (ask_again_if_earlier).
SERVICES_KEY = "map_services"
SERVICE_KEYS = "map_service_keys/"  # + name: the office's key (天地图 tk), kept apart from the list

log = logging.getLogger(__name__)


def _as_list(value) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def basemaps_from_settings() -> tuple[Basemaps, str, list[DataError]]:
    """(basemaps, initial choice, problems with remembered archives: the window says them)."""
    settings = open_settings()
    online = str(settings.value("online_basemaps", "false")).lower() == "true"
    basemaps = Basemaps(online_enabled=online)
    problems = []
    for path in _as_list(settings.value(ARCHIVES_KEY)):
        try:
            basemaps.add_archive(path)
        except DataError as exc:
            log_failure(log, exc, "remembered basemap %s", path)
            problems.append(exc)
    for entry in _saved_services(settings):
        try:
            from ..data.services.model import MapService

            key = str(settings.value(SERVICE_KEYS + entry["name"], "") or "")
            basemaps.add_service([MapService.from_settings(s, key) for s in entry["services"]], name=entry["name"],
                                 origins=_saved_origins(entry))
        except (KeyError, TypeError, ValueError):
            log.warning("remembered map service %r is damaged; left out", entry.get("name"), exc_info=True)
            continue  # a damaged entry: the rest still load
    default = BUNDLED if BUNDLED in {c.name for c in basemaps.choices()} else "none"
    chosen = str(settings.value("basemap", default))
    if chosen not in {c.name for c in basemaps.choices()}:
        chosen = default
    return basemaps, chosen, problems


def _saved_origins(entry: dict) -> frozenset[str]:
    """The origins the planner allowed for a remembered service; none for an earlier version's entry
    (its allowance was a host name, whatever the port, and not always the host the tiles came from)."""
    from ..data.services.allowance import normalised

    origins = entry.get("origins")
    return normalised(origins) if isinstance(origins, list) else frozenset()


def _earlier_allowed(entry: dict) -> bool:
    return "origins" not in entry and bool(entry.get("allowed"))


def _saved_services(settings) -> list[dict]:
    import json

    try:
        found = json.loads(settings.value(SERVICES_KEY, "") or "[]")
    except (TypeError, ValueError):
        return []
    return found if isinstance(found, list) else []


class BasemapBox(QComboBox):
    def __init__(self, window: MainWindow, lang: str):
        super().__init__(window)
        self.main_window = window
        self.lang = lang
        self.setMinimumWidth(200)
        self.refill()
        self.activated.connect(self._on_activated)
        self.ask_again_if_earlier()

    @property
    def basemaps(self) -> Basemaps:
        return self.main_window.map_view.basemaps

    def refill(self) -> None:
        self.blockSignals(True)
        self.clear()
        for choice in self.basemaps.choices():
            self.addItem(choice.title(self.lang), choice.name)
            if choice.gcj02:
                self.setItemData(self.count() - 1, choice.title(self.lang), 3)  # tooltip role
        self.setCurrentIndex(max(0, self.findData(self.main_window.map_view.basemap)))
        self.blockSignals(False)

    def retranslate(self, lang: str) -> None:
        self.lang = lang
        self.refill()

    def choose(self, name: str) -> None:
        self.main_window.map_view.set_basemap(name)
        open_settings().setValue("basemap", name)
        self.setCurrentIndex(self.findData(name))
        choice = self.basemaps.get(name)
        if choice.gcj02:
            self.main_window.statusBar().showMessage(
                self.tr("注意：该底图为 GCJ-02 坐标，WGS84 数据叠加会偏移约 500 米"), 15000)

    def _on_activated(self, index: int) -> None:
        self.choose(self.itemData(index))

    def add_archive(self, path: str | None = None) -> bool:
        if path is None:
            path, _ = file_dialogs.getOpenFileName(self.main_window, self.tr("添加底图"), "",
                                                  self.tr("瓦片包") + " (*.mbtiles *.pmtiles);;* (*)")
            if not path:
                return False
        try:
            choice = self.basemaps.add_archive(path)
        except DataError as exc:  # the current basemap stays as it was
            log_failure(log, exc, "basemap %s", path)
            plain_text.warn(self.main_window, self.tr("无法使用该底图"), exc.one_line(self.lang))
            return False
        settings = open_settings()
        settings.setValue(ARCHIVES_KEY, _as_list(settings.value(ARCHIVES_KEY)) + [str(path)])
        self.refill()
        self.choose(choice.name)
        return True

    def add_service(self, services: list, origins) -> str:
        """A map service (a base and its annotation) as a basemap choice, remembered with the
        origins the planner allowed for it, and shown."""
        import json

        from ..data.services.allowance import normalised

        origins = normalised(origins)
        name = f"service{len(_saved_services(open_settings())) + 1}_{services[0].name}"
        choice = self.basemaps.add_service(services, name=name, origins=origins)
        settings = open_settings()
        entries = _saved_services(settings) + [{"name": name, "origins": sorted(origins),
                                                "services": [s.to_settings() for s in services]}]
        settings.setValue(SERVICES_KEY, json.dumps(entries, ensure_ascii=False))
        if services[0].key:
            settings.setValue(SERVICE_KEYS + name, services[0].key)
        self.refill()
        self.choose(choice.name)
        return name

    def set_service_allowed(self, name: str, origins) -> None:
        """The origins the planner allows for a remembered service (none: it asks nothing)."""
        import json

        from ..data.services.allowance import normalised

        origins = normalised(origins)
        self.basemaps.set_allowed(name, origins)
        settings = open_settings()
        entries = _saved_services(settings)
        for entry in entries:
            if entry.get("name") == name:
                entry.pop("allowed", None)
                entry["origins"] = sorted(origins)
        settings.setValue(SERVICES_KEY, json.dumps(entries, ensure_ascii=False))
        if self.main_window.map_view.basemap == name:
            self.main_window.map_view.set_basemap(name)  # new tile URLs: nothing blocked is reused

    def ask_again_if_earlier(self) -> None:
        """A service an earlier version allowed (by host name, whatever the port, and not always the
        host its tiles came from) stays stopped until the planner allows the origins it names, listed
        here; asked once, the answer remembered in the new form."""
        settings = open_settings()
        for entry in _saved_services(settings):
            if not isinstance(entry, dict) or not _earlier_allowed(entry):
                continue
            name = entry.get("name")
            definitions = self.basemaps.service_definitions(name) if isinstance(name, str) else []
            if not isinstance(name, str) or not definitions:
                continue
            origins = sorted(frozenset().union(*(s.origins() for s in definitions)))
            title = " + ".join(s.title for s in definitions)
            answer = plain_text.message(
                self.main_window, plain_text.Icon.Question, self.tr("地图服务的访问许可"),
                self.tr("底图“{title}”由旧版本保存，当时的许可只看主机名。它的瓦片来自以下地址：\n{origins}\n"
                        "是否允许本软件访问这些地址？选“否”则该底图不再联网（可在 视图 → 添加地图服务 重新添加）。")
                .format(title=title, origins="\n".join(origins) or self.tr("（无有效地址）")),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            self.set_service_allowed(name, origins if answer == QMessageBox.StandardButton.Yes else ())

    def set_online_enabled(self, enabled: bool, confirm: bool = True) -> bool:
        if enabled and confirm and plain_text.message(
                self.main_window, plain_text.Icon.Question, self.tr("在线底图"),
                self.tr("在线底图会向互联网发送请求，离线环境下不可用。确定启用？"),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No) != QMessageBox.StandardButton.Yes:
            return False
        current = self.main_window.map_view.basemap
        self.basemaps.online_enabled = enabled
        open_settings().setValue("online_basemaps", "true" if enabled else "false")
        if current in {c.name for c in self.basemaps.choices()}:
            self.main_window.map_view.set_basemap(current)  # refreshes the allowed hosts
        else:  # an online basemap was showing and online is now off
            self.choose(BUNDLED if self.findData(BUNDLED) >= 0 else "none")
        self.refill()
        return True
