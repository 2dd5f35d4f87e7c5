"""Project files in the window: save/open, recent projects, spatial bookmarks."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog

from ..data.errors import DataError
from ..data.project import Bookmark, LayerEntry, Project, load_project, relative_path, resolve, save_project
from ..data.user_layers import layer_from_file
from .settings import open_settings
from . import plain_text
from .i18n import tr

RECENT_KEY = "recent_projects"
RECENT_MAX = 8
PROJECT_FILTER = "Xixia Map project (*.xixia.json *.json)"


def project_from_window(window, project_file: Path) -> Project:
    entries, bundled = [], {}
    for layer in window.layers:
        if layer.spec.category == "user":
            entries.append(LayerEntry(
                path="" if layer.source_db else relative_path(layer.spec.path, project_file),
                database=dict(layer.source_db) if layer.source_db else None, layer=layer.source_layer,
                title=layer.spec.title_zh, style=dict(layer.spec.style), visible=layer.visible,
                opacity=layer.opacity, assume_crs=layer.assume_crs, offset=layer.offset,
                swap_axes=layer.swap_axes, encoding=layer.encoding, label_field=layer.spec.label_field,
                label_mode=layer.spec.label_mode))
        else:
            bundled[layer.id] = {"visible": layer.visible, "opacity": layer.opacity}
            if layer.restyled:  # only a planner's own style; otherwise the catalog's, as it evolves
                bundled[layer.id].update(style=dict(layer.spec.style), label_field=layer.spec.label_field,
                                         label_mode=layer.spec.label_mode)
    return Project(layers=entries, bundled=bundled, extent=window.current_extent(),
                   bookmarks=list(window.bookmarks))


def apply_project(window, project: Project, project_file: Path) -> list[str]:
    """Load a project into the window; returns one line per layer that could not be loaded."""
    layers = window.layers
    for layer in [lyr for lyr in layers if lyr.spec.category == "user"]:
        layers.remove(layer.id)
    for layer_id, state in project.bundled.items():
        if layer_id in layers:
            layers.set_visible(layer_id, bool(state.get("visible", True)))
            layers.set_opacity(layer_id, float(state.get("opacity", 1.0)))
            if isinstance(state.get("style"), dict):
                layers.set_style(layer_id, state["style"], state.get("label_field"), state.get("label_mode"))
    problems = []
    for entry in project.layers:
        try:
            if entry.database:  # a PostGIS table: the password from the keyring, libpq, or asked
                layer = _database_layer(window, entry, layers.ids())
            else:
                path = resolve(entry, project_file)
                if not path.exists():
                    moved = tr("文件已移动或删除")
                    problems.append(f"{entry.title or entry.path}: {moved} ({path})")
                    continue
                layer = layer_from_file(path, layers.ids(), entry.layer, assume_crs=entry.assume_crs,
                                        swap_axes=entry.swap_axes, encoding=entry.encoding,
                                        title=entry.title or None)
        except DataError as exc:
            problems.append(exc.one_line(window.lang))
            continue
        if entry.style:
            changes = {"style": entry.style}
            if entry.label_field and entry.label_field in layer.frame.columns:
                changes.update(label_field=entry.label_field, label_mode=entry.label_mode or layer.spec.label_mode)
            layer.spec = dataclasses.replace(layer.spec, **changes)
        layer.visible, layer.opacity = entry.visible, entry.opacity
        layers.append(layer)
        if entry.offset != "wgs84":
            layers.set_offset(layer.id, entry.offset)
    window.bookmarks = list(project.bookmarks)
    if project.extent:
        window.map_view.fit_bounds(*project.extent)
    return problems


def _database_layer(window, entry, taken):
    """A project's PostGIS table, with the password from the keyring or libpq; where
    neither has one the planner is asked (once), and it is kept for this session only."""
    from ..data.postgis.connection import PgConnection
    from ..data.postgis.layer import layer_from_postgis

    source = entry.database
    connection = PgConnection.from_project(source.get("connection", {}))
    schema, table = str(source.get("schema", "public")), str(source.get("table", ""))
    try:
        return layer_from_postgis(connection, schema, table, taken, title=entry.title or None)
    except DataError as exc:
        if "密码" not in exc.one_line("zh"):
            raise
        password = window.ask_password(connection.label())
        if password is None:
            raise
        return layer_from_postgis(connection, schema, table, taken, password=password, title=entry.title or None)


def remember_recent(path: Path) -> list[str]:
    settings = open_settings()
    recent = [str(p) for p in (settings.value(RECENT_KEY) or []) if p]
    if isinstance(recent, str):
        recent = [recent]
    recent = [str(path)] + [p for p in recent if p != str(path)]
    settings.setValue(RECENT_KEY, recent[:RECENT_MAX])
    return recent[:RECENT_MAX]


def recent_projects() -> list[str]:
    value = open_settings().value(RECENT_KEY) or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def save_project_as(window, path: Path | None = None) -> Path | None:
    if path is None:
        chosen, _ = QFileDialog.getSaveFileName(window, tr("保存项目"), "西峡项目.xixia.json", PROJECT_FILTER)
        if not chosen:
            return None
        path = Path(chosen)
    try:
        save_project(project_from_window(window, path), path)
    except OSError as exc:
        plain_text.critical(window, tr("保存失败"), f"{path}: {exc}")
        return None
    remember_recent(path)
    window.project_path = path
    window.update_title()
    window.unsaved.clear()
    window.statusBar().showMessage(QCoreApplication.translate("MainWindow", "项目已保存") + f"：{path}", 8000)
    return path


def open_project(window, path: Path | None = None) -> list[str] | None:
    if path is None:
        chosen, _ = QFileDialog.getOpenFileName(window, tr("打开项目"), "", PROJECT_FILTER)
        if not chosen:
            return None
        path = Path(chosen)
    try:
        project = load_project(path)
    except DataError as exc:
        plain_text.warn(window, tr("无法打开项目"), exc.one_line(window.lang))
        return None
    problems = apply_project(window, project, path)
    remember_recent(path)
    window.project_path = path
    window.update_title()
    window.unsaved.clear()
    if problems:
        plain_text.warn(window, tr("部分图层缺失"), "\n".join(problems))
    return problems


def add_bookmark(window, name: str | None = None) -> Bookmark | None:
    if name is None:
        name = plain_text.ask_text(window, tr("添加书签"), tr("名称"))
        if not name or not name.strip():
            return None
    extent = window.current_extent()
    if extent is None:
        return None
    bookmark = Bookmark(name.strip(), tuple(extent))
    window.bookmarks.append(bookmark)
    window.unsaved.mark()
    return bookmark


def rename_bookmark(window, index: int, name: str | None = None) -> bool:
    import dataclasses

    old = window.bookmarks[index]
    if name is None:
        name = plain_text.ask_text(window, tr("重命名书签"), tr("名称"), old.name)
    if not name or not name.strip() or name.strip() == old.name:
        return False
    window.bookmarks[index] = dataclasses.replace(old, name=name.strip())
    window.unsaved.mark()
    return True


def delete_bookmark(window, index: int) -> None:
    del window.bookmarks[index]
    window.unsaved.mark()
