"""Render installer/xixia-map.svg to the PNG and ICO the bundles need."""
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = QGuiApplication([])
    renderer = QSvgRenderer(str(HERE / "xixia-map.svg"))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    renderer.render(painter)
    painter.end()
    png = HERE.parent / "build" / "xixia-map.png"
    png.parent.mkdir(exist_ok=True)
    image.save(str(png))
    from PIL import Image

    Image.open(png).save(HERE / "xixia-map.ico", sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])
    print(f"icon: {png}, {HERE / 'xixia-map.ico'}")
