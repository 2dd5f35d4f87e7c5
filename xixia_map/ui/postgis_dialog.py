"""文件 → 添加 PostGIS 图层…: a connection as QGIS asks for one, the database's
tables with a geometry column, and the chosen one added to the map.

Connecting and reading run on a worker with the progress dialog (a server that
does not answer takes up to the connect timeout); the window never waits on
the network. The last connection (never its password) is remembered in the
settings; a password is kept only where the planner asks, in the system's
keyring.
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
    QPushButton, QSpinBox, QTableWidget, QTableWidgetItem, QVBoxLayout,
)

from ..data.errors import DataError
from ..data.postgis.connection import SSL_MODES, PgConnection, store_password
from .background import failure_text, start_tracked
from .project_trust import remember_confirmed
from .settings import open_settings

if TYPE_CHECKING:
    from .main_window import MainWindow

# CRS of the tables a county meets, in the planner's words; others by PROJ's name.
CRS_WORDS = {
    4326: ("WGS84 经纬度", "WGS84 lon/lat"), 4490: ("CGCS2000 经纬度", "CGCS2000 lon/lat"),
    4525: ("CGCS2000 高斯-克吕格 3 度带第 37 带", "CGCS2000 GK 3° zone 37"),
    4546: ("CGCS2000 高斯-克吕格 3 度带（中央经线 111°）", "CGCS2000 GK 3° CM 111°E"),
    4547: ("CGCS2000 高斯-克吕格 3 度带（中央经线 114°）", "CGCS2000 GK 3° CM 114°E"),
    3857: ("Web 墨卡托", "Web Mercator"),
}
GEOMETRY_WORDS = {"POINT": ("点", "Points"), "MULTIPOINT": ("点", "Points"), "LINESTRING": ("线", "Lines"),
                  "MULTILINESTRING": ("线", "Lines"), "POLYGON": ("面", "Polygons"),
                  "MULTIPOLYGON": ("面", "Polygons"), "CIRCULARSTRING": ("线（曲线）", "Lines (curved)"),
                  "COMPOUNDCURVE": ("线（曲线）", "Lines (curved)"), "MULTICURVE": ("线（曲线）", "Lines (curved)"),
                  "CURVEPOLYGON": ("面（曲线）", "Polygons (curved)"),
                  "MULTISURFACE": ("面（曲线）", "Polygons (curved)")}
SETTINGS_KEY = "postgis/last_connection"


def crs_words(srid: int, lang: str) -> str:
    if srid in CRS_WORDS:
        return CRS_WORDS[srid][0 if lang == "zh" else 1]
    try:
        from pyproj import CRS

        return CRS.from_epsg(srid).name
    except Exception:
        return "未知坐标系" if lang == "zh" else "unknown CRS"


class PostgisDialog(QDialog):
    def __init__(self, window: MainWindow):
        super().__init__(window)
        self.main_window = window
        self.lang = window.lang
        self.tables_found: list = []
        self.jobs: list = []
        self.setWindowTitle(self.tr("添加 PostGIS 图层"))
        self.service = QLineEdit()
        self.host = QLineEdit()
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(5432)
        self.dbname = QLineEdit()
        self.user = QLineEdit()
        self.sslmode = QComboBox()
        words = {"disable": self.tr("不加密"), "allow": self.tr("允许加密"), "prefer": self.tr("优先加密（默认）"),
                 "require": self.tr("必须加密"), "verify-ca": self.tr("加密并验证证书"),
                 "verify-full": self.tr("加密并验证证书与主机名")}
        for mode in SSL_MODES:
            self.sslmode.addItem(words[mode], mode)
        self.sslmode.setCurrentIndex(SSL_MODES.index("prefer"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("留空：使用系统钥匙串或 PGPASSWORD"))
        self.remember = QCheckBox(self.tr("将密码保存到系统钥匙串"))
        form = QFormLayout()
        form.addRow(self.tr("服务名（pg_service.conf，可选）"), self.service)
        form.addRow(self.tr("主机"), self.host)
        form.addRow(self.tr("端口"), self.port)
        form.addRow(self.tr("数据库"), self.dbname)
        form.addRow(self.tr("用户名"), self.user)
        form.addRow(self.tr("SSL 模式"), self.sslmode)
        form.addRow(self.tr("密码"), self.password)
        form.addRow("", self.remember)
        self.connect_button = QPushButton(self.tr("连接并列出数据表"))
        self.connect_button.clicked.connect(self.list_tables)
        # The shared project register: a schema of the same database (pg_store.py).
        self.schema = QLineEdit("register")
        self.open_register_button = QPushButton(self.tr("打开共享项目库"))
        self.open_register_button.clicked.connect(self.open_register)
        self.upload_button = QPushButton(self.tr("将当前项目库建到此模式"))
        self.upload_button.clicked.connect(self.upload_register)
        self.status = QLabel()
        self.status.setTextFormat(Qt.TextFormat.PlainText)  # server messages are not markup
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels([self.tr("数据表"), self.tr("几何类型"), self.tr("坐标系"),
                                              self.tr("估计行数")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox()
        self.add_button = buttons.addButton(self.tr("添加到地图"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.add_button.setEnabled(False)
        buttons.addButton(self.tr("关闭"), QDialogButtonBox.ButtonRole.RejectRole)
        self.add_button.clicked.connect(self.add_chosen)
        buttons.rejected.connect(self.reject)
        self.table.itemSelectionChanged.connect(lambda: self.add_button.setEnabled(bool(self.table.selectedItems())))
        top = QHBoxLayout()
        top.addWidget(self.connect_button)
        top.addStretch(1)
        shared = QHBoxLayout()
        shared.addWidget(QLabel(self.tr("项目库所在模式")))
        shared.addWidget(self.schema, 1)
        shared.addWidget(self.open_register_button)
        shared.addWidget(self.upload_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(top)
        layout.addLayout(shared)
        layout.addWidget(self.status)
        layout.addWidget(self.table, 1)
        layout.addWidget(buttons)
        self.resize(640, 560)
        self._restore()

    # -- the connection ----------------------------------------------------------
    def connection(self) -> PgConnection:
        return PgConnection(host=self.host.text().strip(), port=self.port.value(), dbname=self.dbname.text().strip(),
                            user=self.user.text().strip(), sslmode=self.sslmode.currentData(),
                            service=self.service.text().strip())

    def _password(self) -> str | None:
        return self.password.text() or None

    def _restore(self) -> None:
        try:
            saved = json.loads(str(open_settings().value(SETTINGS_KEY, "") or "{}"))
            last = PgConnection.from_project(saved) if saved else None
        except (TypeError, ValueError, DataError):  # settings edited by hand: start empty
            last = None
        if last is not None:
            self.host.setText(last.host)
            self.port.setValue(last.port)
            self.dbname.setText(last.dbname)
            self.user.setText(last.user)
            self.service.setText(last.service)
            if last.sslmode in SSL_MODES:
                self.sslmode.setCurrentIndex(SSL_MODES.index(last.sslmode))

    def _remember(self, connection: PgConnection, password: str | None) -> None:
        """The connection the planner typed, and that it worked: a project naming it
        later opens without asking to confirm it (project_trust.py)."""
        open_settings().setValue(SETTINGS_KEY, json.dumps(connection.to_project(), ensure_ascii=False))
        remember_confirmed(connection)
        if password and self.remember.isChecked() and not store_password(connection, password):
            self.status.setText(self.tr("本机没有可用的系统钥匙串，密码未保存"))

    def _run(self, label: str, work, done) -> None:
        start_tracked(self, self.jobs, label, self.tr("取消"), work, done,
                      lambda exc: self.status.setText(failure_text(exc, self.lang)))

    # -- browse and add -------------------------------------------------------------
    def list_tables(self) -> None:
        from ..data.postgis.browse import list_tables
        from ..data.postgis.connection import connect

        connection, password = self.connection(), self._password()

        def work(_progress, _cancelled):
            with connect(connection, password) as conn:
                return list_tables(conn)

        def done(found) -> None:
            self._remember(connection, password)
            self.tables_found = found
            self.table.setRowCount(len(found))
            for row, info in enumerate(found):
                kind = GEOMETRY_WORDS.get(info.geometry_type.upper(), (info.geometry_type, info.geometry_type))
                estimate = "—" if info.rows_estimate is None else f"{info.rows_estimate:,}"
                for column, text in enumerate((info.name, kind[0 if self.lang == "zh" else 1],
                                               crs_words(info.srid, self.lang), estimate)):
                    self.table.setItem(row, column, QTableWidgetItem(text))
            self.table.resizeColumnsToContents()
            self.status.setText(self.tr("找到 %n 个含几何字段的数据表", "", len(found)))

        self.status.setText(self.tr("正在连接…"))
        self._run(self.tr("正在连接数据库…"), work, done)

    def add_chosen(self) -> None:
        from ..data.postgis.layer import layer_from_postgis

        rows = {index.row() for index in self.table.selectedIndexes()}
        if not rows:
            return
        info = self.tables_found[min(rows)]
        connection, password = self.connection(), self._password()
        taken = self.main_window.layers.ids()

        def work(_progress, _cancelled):
            return layer_from_postgis(connection, info.schema, info.table, taken, password=password)

        def done(layer) -> None:
            self.main_window.opener.add_layer(layer)
            self.status.setText(self.tr("已添加：") + info.name)

        self._run(self.tr("正在读取数据表") + f" {info.name}…", work, done)

    # -- the shared register ------------------------------------------------------
    def open_register(self) -> None:
        from ..data.register.pg_store import open_pg_register
        from ..data.register.session import EditSession

        connection, password, schema = self.connection(), self._password(), self.schema.text().strip()

        def work(_progress, _cancelled):
            return open_pg_register(connection, schema, password=password)

        def done(register) -> None:
            self._remember(connection, password)
            self.main_window.register.open_session(EditSession(register))
            self.status.setText((self.tr("已打开共享项目库（只读）：") if register.read_only
                                 else self.tr("已打开共享项目库：")) + f"{schema}，{len(register.frame)}")

        self._run(self.tr("正在打开共享项目库…"), work, done)

    def upload_register(self) -> None:
        """The register open in the window, created as a shared one in the schema
        (its tables, rights for nobody else yet: the administrator grants them)."""
        from ..data.register.pg_store import create_pg_register

        session = self.main_window.register.session
        if session is None:
            self.status.setText(self.tr("请先打开或新建一个项目库"))
            return
        connection, password, schema = self.connection(), self._password(), self.schema.text().strip()
        frame, progress = session.frame.copy(), list(session.register.progress)

        def work(_progress, _cancelled):
            create_pg_register(connection, schema, frame, progress, password=password)
            return len(frame)

        self._run(self.tr("正在建立共享项目库…"), work,
                  lambda count: self.status.setText(self.tr("已建立共享项目库：") + f"{schema}，{count}"))
