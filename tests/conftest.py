"""Headless QtWebEngine under pytest (after qutebrowser's conftest).

The environment and the xixia:// scheme must be set before pytest-qt creates
the QApplication, so this runs at import time.
"""
import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.setdefault("QTWEBENGINE_CHROMIUM_FLAGS", "--disable-gpu --disable-background-networking")

from xixia_map.map.runtime import prepare_web_engine  # noqa: E402

prepare_web_engine()

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def catalog():
    from xixia_map.data.catalog import load_catalog
    from xixia_map.paths import CATALOG_PATH

    return load_catalog(CATALOG_PATH)


@pytest.fixture
def bundled_layers(catalog):
    from xixia_map.data.layers import LayerList

    return LayerList.from_catalog(catalog)


@pytest.fixture
def map_view(qtbot, bundled_layers):
    from xixia_map.map.capture import wait_until_idle
    from xixia_map.map.view import MapView

    view = MapView(bundled_layers)
    qtbot.addWidget(view)
    view.resize(1200, 900)
    view.show()
    wait_until_idle(view)
    yield view
    view.close()
    view.deleteLater()
    qtbot.wait(10)

