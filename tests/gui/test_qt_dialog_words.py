"""Qt's own dialogs in the Chinese window have no English: the file dialog
(Qt's own, as under a window manager without a desktop portal), the colour
dialog and the message box buttons."""
import re

import pytest


def _has_english(value: str) -> bool:
    """Three Latin letters in a row, leaving aside paths, colours and a filter's
    patterns (*.gpkg), which are the same in every language."""
    if value.startswith(("/", "#")):
        return False
    return bool(re.search(r"[A-Za-z]{3}", re.sub(r"\(\*[^)]*\)", "", value)))


def _english(widget):
    from PySide6.QtWidgets import QComboBox, QWidget

    found = []
    for child in widget.findChildren(QWidget):
        for attr in ("text", "toolTip", "windowTitle", "placeholderText"):
            getter = getattr(child, attr, None)
            try:
                value = getter() if callable(getter) else None
            except TypeError:
                continue
            if isinstance(value, str) and _has_english(value):
                found.append(value)
        if isinstance(child, QComboBox):
            found += [child.itemText(i) for i in range(child.count()) if _has_english(child.itemText(i))]
    return found


@pytest.fixture
def chinese(qapp):
    from xixia_map.ui.i18n import install_language

    assert install_language("zh")
    yield
    install_language("zh")


def test_the_file_dialog_speaks_chinese(qtbot, chinese):
    from PySide6.QtWidgets import QFileDialog

    from xixia_map.ui.i18n import tr

    dialog = QFileDialog(None, "打开项目库")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setNameFilter(tr("项目库文件 (*.gpkg)"))
    qtbot.addWidget(dialog)
    assert _english(dialog) == []


def test_the_colour_dialog_and_buttons_speak_chinese(qtbot, chinese):
    from PySide6.QtWidgets import QColorDialog, QMessageBox

    colour = QColorDialog()
    colour.setOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    qtbot.addWidget(colour)
    Button = QMessageBox.StandardButton
    box = QMessageBox(QMessageBox.Icon.Question, "问题", "内容",
                      Button.Save | Button.Discard | Button.Cancel | Button.Yes | Button.No | Button.Ok)
    qtbot.addWidget(box)
    assert [t for t in _english(colour) if t != "HTML(&H)："] == [] and _english(box) == []
