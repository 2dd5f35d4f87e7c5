"""视图 → 添加地图服务…: 天地图 with the office's key, or a WMTS, WMS, ArcGIS REST or
XYZ service from the government network, added as a basemap.

Nothing is asked of a server until the planner allows it. An allowance is an
origin (scheme, host, port: data/services/allowance.py): the checkbox names the
origin of the address the planner entered (the 天地图 preset's eight hosts), and
only that origin is asked for the capabilities. Any other origin the chosen
layer's tiles would come from (a WMTS ResourceURL or GetTile address, a WMS
GetMap address) is listed below it with a checkbox of its own, off: the server
proposes, the planner decides. Redirects are never followed. Reading
capabilities runs on a worker with the progress dialog.
"""
from __future__ import annotations

from urllib.parse import urlsplit
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGroupBox, QLabel, QLineEdit, QListWidget,
    QPushButton, QVBoxLayout,
)

from .background import failure_text, start_tracked

if TYPE_CHECKING:
    from .main_window import MainWindow


class ServiceDialog(QDialog):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.main_window = window
        self.lang = window.lang
        self.jobs: list = []
        self.found: list = []  # ServiceLayer choices of the capabilities read
        self.parsed = None
        self.setWindowTitle(self.tr("添加地图服务"))
        self.kind = QComboBox()
        for key, text in (("tianditu", self.tr("天地图（需本单位密钥）")), ("wmts", "WMTS"), ("wms", "WMS"),
                          ("arcgis", self.tr("ArcGIS REST 切片服务")), ("xyz", self.tr("XYZ 瓦片地址"))):
            self.kind.addItem(text, key)
        self.tianditu_kind = QComboBox()
        for key, text in (("vec", self.tr("矢量")), ("img", self.tr("影像")), ("ter", self.tr("地形"))):
            self.tianditu_kind.addItem(text, key)
        self.grid = QComboBox()
        self.grid.addItem(self.tr("Web 墨卡托"), "webmercator")
        self.grid.addItem(self.tr("CGCS2000 经纬度"), "cgcs2000")
        self.annotation = QCheckBox(self.tr("叠加注记"))
        self.annotation.setChecked(True)
        self.key = QLineEdit()
        self.key.setPlaceholderText(self.tr("天地图密钥（tk）"))
        self.url = QLineEdit()
        self.url.setPlaceholderText(self.tr("服务地址（GetCapabilities、MapServer 或含 {z}/{x}/{y} 的模板）"))
        self.title = QLineEdit()
        self.attribution = QLineEdit()
        self.attribution.setPlaceholderText(self.tr("版权说明（印在导出图上）"))
        self.allow = QCheckBox()
        # Origins the chosen layer's tiles come from besides the one entered: one checkbox each, off.
        self.extra_box = QGroupBox(self.tr("服务能力文档指向的其他地址（默认不允许，需逐个勾选）"))
        self.extra_layout = QVBoxLayout(self.extra_box)
        self.extra: dict[str, QCheckBox] = {}
        self.extra_box.hide()
        self.read_button = QPushButton(self.tr("读取服务能力"))
        self.read_button.clicked.connect(self.read_capabilities)
        self.layers = QListWidget()
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("服务类型"), self.kind)
        form.addRow(self.tr("天地图图层"), self.tianditu_kind)
        form.addRow(self.tr("坐标网格"), self.grid)
        form.addRow("", self.annotation)
        form.addRow(self.tr("密钥"), self.key)
        form.addRow(self.tr("地址"), self.url)
        form.addRow(self.tr("名称"), self.title)
        form.addRow(self.tr("版权"), self.attribution)
        buttons = QDialogButtonBox()
        self.add_button = buttons.addButton(self.tr("添加为底图"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.add_button.clicked.connect(self.add)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.allow)
        layout.addWidget(self.extra_box)
        layout.addWidget(self.read_button)
        layout.addWidget(self.layers, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.url.textChanged.connect(self._address_changed)
        self.layers.currentRowChanged.connect(lambda _row: self._show_extra_origins())
        self._kind_changed()
        self.resize(620, 560)

    # -- the form -------------------------------------------------------------------
    def _kind_changed(self) -> None:
        tianditu = self.kind.currentData() == "tianditu"
        for widget in (self.tianditu_kind, self.annotation, self.key):
            widget.setEnabled(tianditu)
        self.url.setEnabled(not tianditu)
        self.read_button.setEnabled(self.kind.currentData() in ("wmts", "wms"))
        self.grid.setEnabled(self.kind.currentData() in ("tianditu",))
        self._address_changed()

    def _address_changed(self) -> None:
        """A new address or kind: the layers read before belong to another service."""
        self.found, self.parsed = [], None
        self.layers.clear()
        self._show_extra_origins()
        self._update_allow_text()

    def entered_origins(self) -> frozenset[str]:
        """The origins of what the planner entered: the address's, or the 天地图 preset's eight hosts."""
        from ..data.services.allowance import origin_of

        if self.kind.currentData() == "tianditu":
            from ..data.services.tianditu import SUBDOMAINS

            return frozenset(f"https://{sub}.tianditu.gov.cn" for sub in SUBDOMAINS)
        origin = origin_of(self.url.text().strip())
        return frozenset({origin}) if origin else frozenset()

    def _update_allow_text(self) -> None:
        if self.kind.currentData() == "tianditu":
            shown = self.tr("https://t0…t7.tianditu.gov.cn（天地图的 8 个地址）")
        elif self.entered_origins():
            shown = next(iter(self.entered_origins()))
        elif self.url.text().strip():
            shown = self.tr("（地址须以 http:// 或 https:// 开头，且不含用户名或密码）")
        else:
            shown = self.tr("（先填写地址）")
        self.allow.setText(self.tr("允许本软件访问：") + shown + self.tr("（仅此地址，其他外部请求仍然阻止）"))

    def _show_extra_origins(self) -> None:
        """One checkbox, off, for each origin the chosen layer names besides the entered one."""
        try:
            named = frozenset().union(*(s.origins() for s in self._chosen_services()))
        except (ValueError, KeyError, AttributeError):
            named = frozenset()
        wanted = sorted(named - self.entered_origins())
        if wanted == sorted(self.extra):
            return
        for box in self.extra.values():
            self.extra_layout.removeWidget(box)
            box.deleteLater()
        self.extra = {}
        for origin in wanted:
            box = QCheckBox(self.tr("也允许访问：") + origin)
            self.extra[origin] = box
            self.extra_layout.addWidget(box)
        self.extra_box.setVisible(bool(wanted))

    def allowed_origins(self) -> frozenset[str]:
        """What the planner allowed here: the entered origin if its box is checked, and each other one checked."""
        entered = self.entered_origins() if self.allow.isChecked() else frozenset()
        return entered | {origin for origin, box in self.extra.items() if box.isChecked()}

    def _run(self, label: str, work, done) -> None:
        start_tracked(self, self.jobs, label, self.tr("取消"), work, done,
                      lambda exc: self.status.setText(failure_text(exc, self.lang)))

    # -- capabilities -------------------------------------------------------------------
    def read_capabilities(self) -> None:
        from ..data.services import capabilities as caps

        # The capabilities are asked of the entered origin only, whatever else is allowed.
        kind, url = self.kind.currentData(), self.url.text().strip()
        allowed = self.entered_origins() if self.allow.isChecked() else frozenset()
        if not allowed:
            self.status.setText(self.tr("请先勾选允许访问此服务"))
            return
        if "request=getcapabilities" not in url.lower():
            service_name = "WMTS" if kind == "wmts" else "WMS"
            url += ("&" if "?" in url else "?") + f"SERVICE={service_name}&REQUEST=GetCapabilities"

        def work(_progress, _cancelled):
            xml = caps.fetch(url, allowed)
            return caps.wmts_layers(url, xml) if kind == "wmts" else caps.wms_layers(url, xml)

        def done(result) -> None:
            self.found, self.parsed = result
            self.capabilities_url = url
            self.layers.clear()
            grid_words = {"webmercator": self.tr("Web 墨卡托"), "cgcs2000": self.tr("CGCS2000 经纬度")}
            for layer in self.found:
                self.layers.addItem(f"{layer.title} · {grid_words.get(layer.grid, layer.grid)}")
            self.layers.setCurrentRow(0)
            self._show_extra_origins()
            self.status.setText(self.tr("找到 %n 个可用图层", "", len(self.found)))

        self._run(self.tr("正在读取服务能力…"), work, done)

    # -- adding -----------------------------------------------------------------------
    def _chosen_services(self) -> list:
        """The WMTS or WMS services of the layer chosen in the list (no network); [] before a read."""
        from ..data.services import capabilities as caps

        kind, row = self.kind.currentData(), self.layers.currentRow()
        if kind not in ("wmts", "wms") or not self.found or not 0 <= row < len(self.found):
            return []
        layer = self.found[row]
        title = self.title.text().strip() or layer.title
        attribution = self.attribution.text().strip()
        if kind == "wmts":
            return [caps.wmts_service("wmts", title, self.capabilities_url, self.parsed, layer,
                                      attribution=attribution)]
        return [caps.wms_service("wms", title, self.capabilities_url, self.parsed, layer, attribution=attribution)]

    def services(self) -> list:
        """The services the form describes (may read a MapServer's description: call on a worker)."""
        from ..data.services import capabilities as caps
        from ..data.services.model import MapService
        from ..data.services.tianditu import tianditu

        kind = self.kind.currentData()
        title = self.title.text().strip()
        attribution = self.attribution.text().strip()
        if kind == "tianditu":
            if not self.key.text().strip():
                raise ValueError(self.tr("请填写天地图密钥"))
            return tianditu(self.tianditu_kind.currentData(), self.key.text(), self.grid.currentData(),
                            self.annotation.isChecked())
        url = self.url.text().strip()
        if kind == "xyz":
            if "{z}" not in url or "{x}" not in url or "{y}" not in url:
                raise ValueError(self.tr("XYZ 地址须含 {z}、{x}、{y}"))
            return [MapService("xyz", title or urlsplit(url).hostname or "XYZ", "xyz", url, attribution=attribution)]
        if kind == "arcgis":
            allowed = self.entered_origins() if self.allow.isChecked() else frozenset()
            text = caps.fetch(url.split("?")[0] + "?f=json", allowed)
            return [caps.arcgis_service("arcgis", title or urlsplit(url).hostname or "ArcGIS", url, text,
                                        attribution=attribution)]
        chosen = self._chosen_services()
        if not chosen:
            raise ValueError(self.tr("请先读取服务能力并选择图层"))
        return chosen

    def add(self) -> None:
        origins = self.allowed_origins()
        if not origins and self.kind.currentData() == "arcgis":
            self.status.setText(self.tr("请先勾选允许访问此服务"))
            return

        def work(_progress, _cancelled):
            return self.services()

        def done(services) -> None:
            name = self.main_window.basemap_box.add_service(services, origins)
            self.added = name
            named = frozenset().union(*(s.origins() for s in services))
            left_out = sorted(named - origins)
            text = self.tr("已添加为底图：") + services[0].title
            if not named:
                text += self.tr("。注意：服务的瓦片地址无效，地图不会向其请求")
            elif left_out:
                text += self.tr("。以下地址未允许，地图不会向其请求瓦片：") + "、".join(left_out)
            self.status.setText(text)

        try:
            if self.kind.currentData() == "arcgis":
                self._run(self.tr("正在读取服务描述…"), work, done)
            else:
                done(self.services())
        except ValueError as exc:
            self.status.setText(str(exc))
