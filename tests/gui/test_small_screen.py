"""On a 1024 × 700 screen the window opens no larger than the screen, and with
every panel open (项目库 and 属性表 included) the status bar stays on it.

Offscreen Qt takes its screen from a config file fixed per process, so the
window is made in a process of its own with a 1024 × 700 screen."""
import json
import os
import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent("""
    import json, sys
    from xixia_map.map.runtime import prepare_web_engine
    prepare_web_engine()
    from PySide6.QtWidgets import QApplication
    from xixia_map.map.capture import wait_until_idle
    from xixia_map.data.catalog import load_catalog
    from xixia_map.data.indicators import load_indicators
    from xixia_map.data.layers import LayerList
    from xixia_map.paths import CATALOG_PATH, INDICATORS_PATH
    from xixia_map.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    catalog = load_catalog(CATALOG_PATH)
    window = MainWindow(LayerList.from_catalog(catalog), sys.argv[2], groups=catalog.groups,
                        indicators=load_indicators(INDICATORS_PATH))
    opened = [window.width(), window.height()]
    window.show()
    wait_until_idle(window.map_view)
    window.register.new_register(sys.argv[1])
    window.docks["table"].show()
    for _ in range(20):
        app.processEvents()
    bar = window.statusBar()
    out = {"screen": [window.screen().availableGeometry().width(), window.screen().availableGeometry().height()],
           "opened": opened, "now": [window.width(), window.height()],
           "minimum": [window.minimumSizeHint().width(), window.minimumSizeHint().height()],
           "bar_bottom": bar.geometry().bottom(), "bar_visible": bar.isVisible(),
           "docks": {name: dock.isVisible() and dock.height() > 0 for name, dock in window.docks.items()},
           "register_dock": window.register.dock.isVisible() or window.register.dock.isVisibleTo(window)}
    print("RESULT " + json.dumps(out))
    window.unsaved.may_close = lambda: True
    window.close()
""")


def _run(tmp_path, lang):
    screen = tmp_path / "screen.json"
    screen.write_text(json.dumps({"screens": [{"name": "laptop", "x": 0, "y": 0, "width": 1024, "height": 700,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}))
    env = dict(os.environ, QT_QPA_PLATFORM=f"offscreen:configfile={screen}",
               XIXIA_SETTINGS=str(tmp_path / "settings.ini"))
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "库.gpkg"), lang], env=env,
                          capture_output=True, text=True, timeout=300)
    line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
    assert line, proc.stderr[-3000:]
    return json.loads(line[len("RESULT "):])


def test_the_window_fits_a_1024_by_700_screen_with_every_panel_open(tmp_path):
    for lang in ("zh", "en"):
        result = _run(tmp_path, lang)
        assert result["screen"] == [1024, 700]
        assert result["opened"][0] <= 1024 and result["opened"][1] <= 700, result
        assert result["now"][0] <= 1024 and result["now"][1] <= 700, result  # the panels did not grow it
        assert result["minimum"][1] <= 700 and result["minimum"][0] <= 1024, result
        assert result["bar_visible"] and result["bar_bottom"] < result["now"][1], result
        assert result["register_dock"] and all(result["docks"].values()), result
