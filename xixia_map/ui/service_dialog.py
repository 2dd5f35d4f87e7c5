"""视图 → 添加地图服务…: 天地图 with the office's key, or a WMTS, WMS, ArcGIS REST or
XYZ service from the government network, added as a basemap.

Nothing is asked of a server until the planner allows that one service (the
checkbox names its hosts); other hosts stay blocked, whatever this one is.
Reading capabilities runs on a worker with the progress dialog.
"""
from __future__ import annotations

from urllib.parse import urlsplit

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QListWidget, QPushButton,
    QVBoxLayout,
)

from .background import failure_text, start_tracked


class ServiceDialog(QDialog):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
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
        layout.addWidget(self.read_button)
        layout.addWidget(self.layers, 1)
        layout.addWidget(self.status)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.url.textChanged.connect(self._update_allow_text)
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
        self._update_allow_text()

    def hosts(self) -> list[str]:
        if self.kind.currentData() == "tianditu":
            return ["t0…t7.tianditu.gov.cn"]
        host = urlsplit(self.url.text().strip()).hostname
        return [host] if host else []

    def _update_allow_text(self) -> None:
        hosts = "、".join(self.hosts()) or self.tr("（先填写地址）")
        self.allow.setText(self.tr("允许本软件访问此服务：") + hosts + self.tr("（仅此服务，其他外部请求仍然阻止）"))

    def _allowed_hosts(self) -> set[str]:
        host = urlsplit(self.url.text().strip()).hostname
        return {host.lower()} if host and self.allow.isChecked() else set()

    def _run(self, label: str, work, done) -> None:
        start_tracked(self, self.jobs, label, self.tr("取消"), work, done,
                      lambda exc: self.status.setText(failure_text(exc, self.lang)))

    # -- capabilities -------------------------------------------------------------------
    def read_capabilities(self) -> None:
        from ..data.services import capabilities as caps

        kind, url, allowed = self.kind.currentData(), self.url.text().strip(), self._allowed_hosts()
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
            self.status.setText(self.tr("找到 %n 个可用图层", "", len(self.found)))

        self._run(self.tr("正在读取服务能力…"), work, done)

    # -- adding -----------------------------------------------------------------------
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
            text = caps.fetch(url.split("?")[0] + "?f=json", self._allowed_hosts())
            return [caps.arcgis_service("arcgis", title or urlsplit(url).hostname or "ArcGIS", url, text,
                                        attribution=attribution)]
        row = self.layers.currentRow()
        if not self.found or row < 0:
            raise ValueError(self.tr("请先读取服务能力并选择图层"))
        layer = self.found[row]
        if kind == "wmts":
            return [caps.wmts_service("wmts", title or layer.title, self.capabilities_url, self.parsed, layer,
                                      attribution=attribution)]
        return [caps.wms_service("wms", title or layer.title, self.capabilities_url, self.parsed, layer,
                                 attribution=attribution)]

    def add(self) -> None:
        allowed = self.allow.isChecked()
        if not allowed and self.kind.currentData() == "arcgis":
            self.status.setText(self.tr("请先勾选允许访问此服务"))
            return

        def work(_progress, _cancelled):
            return self.services()

        def done(services) -> None:
            name = self.window.basemap_box.add_service(services, allowed)
            self.status.setText(self.tr("已添加为底图：") + services[0].title)
            self.added = name

        try:
            if self.kind.currentData() == "arcgis":
                self._run(self.tr("正在读取服务描述…"), work, done)
            else:
                done(self.services())
        except ValueError as exc:
            self.status.setText(str(exc))
