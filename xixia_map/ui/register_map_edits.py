"""The register's edits made on the map, for RegisterEditing in 编辑 mode: a
project dragged to its site, one added by a click, its 红线 drawn or
reshaped, and a position typed."""
from __future__ import annotations

import json
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog

from ..data.register.session import LAYER_ID
from . import plain_text
from .i18n import tr

if TYPE_CHECKING:
    from .position_dialog import PositionDialog
    from .register_editing import RegisterEditing


def connect_map_edits(editing: RegisterEditing) -> None:
    """The map's drag, click and drawing signals to the register being edited."""
    view = editing.window.map_view
    view.feature_dragged.connect(partial(dragged, editing))
    view.point_added.connect(partial(added_at, editing))
    view.shape_drawn.connect(partial(shaped, editing))
    view.shape_edited.connect(partial(shaped, editing))


def dragged(editing: RegisterEditing, layer_id: str, pid: str, lat: float, lng: float, zoom: float) -> None:
    if layer_id == LAYER_ID and editing.session is not None and editing.editing:
        editing.session.drag(pid, lng, lat, zoom)
        editing.changed()


def added_at(editing: RegisterEditing, lat: float, lng: float, zoom: float) -> None:
    if editing.session is None or not editing.editing:
        return
    editing.add_action.setChecked(False)
    name = plain_text.ask_text(editing.window, tr("添加项目"), tr("项目名称"))
    if not name or not name.strip():
        return
    editing.session.add(name.strip(), lng, lat, zoom)
    editing.changed()


def draw_redline(editing: RegisterEditing) -> bool:
    """Draw the selected project's 红线 on the map; its vertices can then be
    dragged, added (drag a midpoint) and deleted (right-click) in 编辑 mode."""
    window = editing.window
    selected = editing.selected_project(tr("请先进入编辑模式，并在地图上选中项目库中的一个项目。"), editing=True)
    if selected is None:
        return False
    if not window.map_view.call_sync("drawShape", LAYER_ID, selected[1]):
        plain_text.warn(window, tr("无法绘制红线"), tr("缺少地图绘制组件，请重新运行安装命令。"))
        return False
    window.statusBar().showMessage(tr("绘制红线：依次点击各拐点，点击起点结束；Esc 取消。"))
    return True


def type_position(editing: RegisterEditing, dialog: PositionDialog | None = None) -> bool:
    """Place the selected project at typed coordinates (`dialog`: a test's
    filled-in PositionDialog); its accuracy is the precision typed."""
    from .position_dialog import PositionDialog

    window = editing.window
    selected = editing.selected_project(tr("请先进入编辑模式，并在地图上选中项目库中的一个项目。"), editing=True)
    if selected is None:
        return False
    session, pid = selected
    dialog = dialog or PositionDialog(window.lang, window)
    if dialog.position is None and dialog.exec() != QDialog.DialogCode.Accepted:
        return False
    at = dialog.position
    if at is None:  # accepted only with a position
        return False
    session.move(pid, at.lon, at.lat, at.accuracy_m)
    if at.swapped:
        window.statusBar().showMessage(tr("东、北坐标填反了，已互换后使用。"), 10000)
    editing.changed()
    return True


def shaped(editing: RegisterEditing, layer_id: str, pid: str, geometry: str, zoom: float) -> None:
    import shapely.geometry

    if layer_id != LAYER_ID or editing.session is None or not editing.editing:
        return
    editing.window.statusBar().clearMessage()
    try:
        area = shapely.geometry.shape(json.loads(geometry))
        editing.session.reshape(pid, area, zoom)
    except (ValueError, TypeError, KeyError):
        plain_text.warn(editing.window, tr("无法使用该红线"), tr("红线必须是不自相交的面。"))
        editing.show_register()  # put the drawing back as it was
        return
    editing.changed()
