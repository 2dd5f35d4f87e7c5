"""The main window as the tests open it: on the bundled layers, in a language,
shown and waited for until its map is idle (under the suite's one ceiling).
Its settings are the test's own (tests/conftest.py's isolated_settings)."""
from __future__ import annotations

from ceilings import CEILING_MS, CEILING_S


def make_window(qtbot, catalog, lang: str = "zh", **kwargs):
    from xixia_map.data.indicators import load_indicators
    from xixia_map.data.layers import LayerList
    from xixia_map.map.capture import wait_until_idle
    from xixia_map.paths import INDICATORS_PATH
    from xixia_map.ui.main_window import MainWindow

    layers = kwargs.pop("layers", None) or LayerList.from_catalog(catalog)
    win = MainWindow(layers, lang, groups=catalog.groups, indicators=load_indicators(INDICATORS_PATH), **kwargs)
    qtbot.addWidget(win)
    win.show()
    wait_until_idle(win.map_view, CEILING_S)
    return win


def open_and_wait(qtbot, window, path) -> str:
    """Open a file as the planner does and wait until the map draws all its features."""
    with qtbot.waitSignal(window.opener.layer_added, timeout=CEILING_MS) as blocker:
        window.opener.open_paths([path])
    layer_id = blocker.args[0]
    qtbot.waitUntil(lambda: window.map_view.call_sync("featureCount", layer_id) == len(window.layers[layer_id].frame),
                    timeout=CEILING_MS)
    return layer_id


def menu_texts(menu) -> list[str]:
    """A menu's title and every entry's text, submenus included."""
    texts = [menu.title()]
    for action in menu.actions():
        texts.append(action.text())
        if action.menu() is not None:
            texts += menu_texts(action.menu())
    return texts
