"""Whether the window holds work the project file does not: added or removed
layers, a user layer's style, offset or visibility, new bookmarks. The window
title shows it (Qt's [*] mark) and quitting asks to save it."""
from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from . import plain_text
from .i18n import tr

Button = QMessageBox.StandardButton


class UnsavedChanges(QObject):
    def __init__(self, window):
        super().__init__(window)
        self.window = window
        self.pending = False
        events = window.layers.events
        for signal in (events.inserted, events.removed, events.style, events.reordered, events.renamed):
            signal.connect(self.mark)
        for signal in (events.visible, events.opacity, events.data):
            signal.connect(self._on_user_layer)
        events.filter.connect(self._on_filter)

    def _on_user_layer(self, layer) -> None:
        """A planner's own layer is saved whole: its visibility, opacity and offset too."""
        if layer.spec.category == "user":
            self.mark()

    def _on_filter(self, layer) -> None:
        """A legend class switched off; the register's lifecycle filter is not saved."""
        if layer.spec.category != "register":
            self.mark()

    def mark(self) -> None:
        self.pending = True
        self.window.setWindowModified(True)

    def clear(self) -> None:
        """The project file holds the window's work now; the title keeps its mark
        while the 项目库 has edits of its own not yet saved (保存项目库 saves those)."""
        self.pending = False
        register = getattr(self.window, "register", None)
        self.window.setWindowModified(register is not None and register.dirty())

    def may_close(self) -> bool:
        """Ask to save when something is unsaved; False if the planner cancels."""
        register = getattr(self.window, "register", None)
        register_dirty = register is not None and register.dirty()
        if not self.pending and not register_dirty:
            return True
        unsaved = []  # say what would be lost, the register's edits first
        if register_dirty:
            unsaved.append(tr("项目库有未保存的编辑（落图、红线、属性、月度填报等）。"))
        if self.pending:
            unsaved.append(tr("项目有未保存的更改（添加的图层、样式、书签等）。"))
        answer = plain_text.message(
            self.window, plain_text.Icon.Question, tr("保存更改"), "\n".join(unsaved) + "\n" + tr("退出前是否保存？"),
            Button.Save | Button.Discard | Button.Cancel, Button.Save)
        if answer == Button.Cancel:
            return False
        if answer == Button.Save:
            from .project_io import save_project_as

            if register_dirty and register is not None and not register.save():
                return False
            return not self.pending or save_project_as(self.window, self.window.project_path) is not None
        return True
