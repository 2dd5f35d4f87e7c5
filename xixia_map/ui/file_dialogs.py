"""Qt's file dialogs, opened where the planner last was.

Qt starts a dialog given no folder in the process's working directory, which
for an app started from its own folder is the program's folder: a planner
saved a register inside it. These wrappers take the same arguments as
QFileDialog's static functions, start in the folder last used (remembered
between runs) or the planner's documents folder, and remember the folder of
what was chosen."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from .settings import open_settings

KEY = "dialogs/last_folder"


def last_folder() -> str:
    folder = open_settings().value(KEY)
    if isinstance(folder, str) and folder and Path(folder).is_dir():
        return folder
    home = Path.home()
    documents = home / "Documents"
    return str(documents if documents.is_dir() else home)


def _start(directory: str) -> str:
    """A bare file name suggested by the caller goes in the last folder."""
    if directory and os.path.isabs(directory):
        return directory
    return os.path.join(last_folder(), directory) if directory else last_folder()


def _remember(path: str) -> None:
    if path:
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        if folder:
            open_settings().setValue(KEY, folder)


def getOpenFileName(parent, caption: str = "", directory: str = "", filter: str = "", *args, **kwargs):  # noqa: N802,A002
    chosen, selected = QFileDialog.getOpenFileName(parent, caption, _start(directory), filter, *args, **kwargs)
    _remember(chosen)
    return chosen, selected


def getOpenFileNames(parent, caption: str = "", directory: str = "", filter: str = "", *args, **kwargs):  # noqa: N802,A002
    chosen, selected = QFileDialog.getOpenFileNames(parent, caption, _start(directory), filter, *args, **kwargs)
    if chosen:
        _remember(chosen[0])
    return chosen, selected


def getSaveFileName(parent, caption: str = "", directory: str = "", filter: str = "", *args, **kwargs):  # noqa: N802,A002
    chosen, selected = QFileDialog.getSaveFileName(parent, caption, _start(directory), filter, *args, **kwargs)
    _remember(chosen)
    return chosen, selected


def getExistingDirectory(parent, caption: str = "", directory: str = "", *args, **kwargs):  # noqa: N802
    chosen = QFileDialog.getExistingDirectory(parent, caption, _start(directory), *args, **kwargs)
    if chosen:
        open_settings().setValue(KEY, str(Path(chosen).parent))
    return chosen
