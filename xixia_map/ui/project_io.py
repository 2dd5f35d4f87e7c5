"""Project files in the window: save/open, recent projects, spatial bookmarks."""
from __future__ import annotations

import dataclasses
import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from ..data.errors import DataError
from ..data.log import log_failure
from ..data.postgis.connection import PasswordRefused, PgConnection, UnconfirmedConnection
from ..data.project import (Bookmark, LayerEntry, Project, load_project, outside_folder, relative_path, resolve,
                            save_project)
from ..data.user_layers import layer_from_file
from .settings import open_settings
from . import file_dialogs, plain_text, project_trust
from .i18n import QT_TR_NOOP, tr
from .layer_roles import restore_roles, roles_for_project

log = logging.getLogger(__name__)
RECENT_KEY = "recent_projects"
REGISTER_TOKEN = "register"  # the open register's place in Project.order
RECENT_MAX = 8
PROJECT_FILTER = QT_TR_NOOP("西峡项目地图项目 (*.xixia.json *.json)")


def project_from_window(window, project_file: Path) -> Project:
    entries: list[LayerEntry] = []
    bundled, order, tokens = {}, [], {}
    for layer in window.layers:
        if layer.spec.category == "register":  # the register is saved as itself (Project.register)
            order.append(REGISTER_TOKEN)
            continue
        hidden = sorted(layer.hidden_classes)
        if layer.spec.category == "user":
            order.append(f"#{len(entries)}")
            tokens[layer.id] = order[-1]
            entries.append(LayerEntry(
                **layer.origin.entry(layer.spec.path, project_file),  # a file and its answers, or a table
                title=layer.spec.title_zh, style=dict(layer.spec.style), visible=layer.visible,
                opacity=layer.opacity, offset=layer.offset, label_field=layer.spec.label_field,
                label_mode=layer.spec.label_mode, group=layer.spec.group or None, hidden_classes=hidden))
        else:
            order.append(layer.id)
            tokens[layer.id] = layer.id
            bundled[layer.id] = {"visible": layer.visible, "opacity": layer.opacity, "group": layer.spec.group or None}
            if hidden:
                bundled[layer.id]["hidden_classes"] = hidden
            if layer.renamed:
                bundled[layer.id]["title"] = layer.spec.title_zh
            if layer.restyled:  # only a planner's own style; otherwise the catalog's, as it evolves
                bundled[layer.id].update(style=dict(layer.spec.style), label_field=layer.spec.label_field,
                                         label_mode=layer.spec.label_mode)
    # The layers the opened project named but that were not opened (a database not
    # confirmed, a file outside its folder not allowed, a file missing): kept, so
    # saving the project does not drop them.
    for entry, opened_from in getattr(window, "unopened_layers", []):
        if not entry.database and not Path(entry.path).is_absolute():
            entry = dataclasses.replace(entry, path=relative_path(resolve(entry, opened_from), project_file))
        entries.append(entry)
    return Project(layers=entries, bundled=bundled, extent=window.current_extent(),
                   bookmarks=list(window.bookmarks), order=order, register=_register_of(window, project_file),
                   window_state=bytes(window.saveState().toBase64()).decode("ascii"),
                   roles=roles_for_project(window, tokens))


def _register_of(window, project_file: Path) -> dict | None:
    """The open register, as the project records it: its file, or its PostGIS
    schema and connection (never a password)."""
    session = window.register.session
    if session is None:
        return None
    return session.register.store.project_source(project_file)


def apply_project(window, project: Project, project_file: Path) -> list[str]:
    """Load a project into the window; returns one line per value or layer that
    could not be used. Files outside the project's folder are read, and databases
    contacted, only as the planner allows (project_trust.py)."""
    layers = window.layers
    for layer in [lyr for lyr in layers if lyr.spec.category == "user"]:
        layers.remove(layer.id)
    for layer_id, state in project.bundled.items():  # each value checked by load_project
        if layer_id in layers:
            if "visible" in state:
                layers.set_visible(layer_id, state["visible"])
            if "opacity" in state:
                layers.set_opacity(layer_id, state["opacity"])
            if isinstance(state.get("style"), dict):
                layers.set_style(layer_id, state["style"], state.get("label_field"), state.get("label_mode"))
            if state.get("title"):
                layers.rename(layer_id, state["title"])
            _hide_classes(layers, layer_id, state.get("hidden_classes", []))
    problems = [problem.one_line(window.lang) for problem in project.problems]
    outside = [entry for entry in project.layers if outside_folder(entry, project_file)]
    allowed = bool(outside) and project_trust.allow_outside_files(
        window, project_file, [(entry.path, resolve(entry, project_file)) for entry in outside])
    outside_ids = {id(entry) for entry in outside}
    unopened = []
    databases = _DatabaseAnswers(project, project_file)
    opened: dict[str, str] = {}  # "#<index>" in the project -> the layer's id now
    for index, entry in enumerate(project.layers):
        name = entry.title or entry.path or (entry.database or {}).get("table", "")
        try:
            if entry.database:  # a PostGIS table, once the planner confirms the connection
                layer = _database_layer(window, entry, layers.ids(), databases)
            else:
                path = resolve(entry, project_file)
                if id(entry) in outside_ids and not allowed:
                    skipped = tr("未读取：在项目文件夹以外")
                    problems.append(f"{name}: {skipped} ({path})")
                    unopened.append((entry, project_file))
                    continue
                if not path.exists():
                    moved = tr("文件已移动或删除")
                    problems.append(f"{name}: {moved} ({path})")
                    unopened.append((entry, project_file))
                    continue
                layer = layer_from_file(path, layers.ids(), entry.layer, assume_crs=entry.assume_crs,
                                        swap_axes=entry.swap_axes, encoding=entry.encoding,
                                        title=entry.title or None)
        except DataError as exc:
            log_failure(log, exc, "project layer %s", name)
            problems.append(f"{name}: {exc.one_line(window.lang)}" if entry.database else exc.one_line(window.lang))
            unopened.append((entry, project_file))
            continue
        if entry.style:
            if entry.label_field and entry.label_field in layer.frame.columns:
                layer.spec = dataclasses.replace(layer.spec, style=entry.style, label_field=entry.label_field,
                                                 label_mode=entry.label_mode or layer.spec.label_mode)
            else:
                layer.spec = dataclasses.replace(layer.spec, style=entry.style)
        layer.visible, layer.opacity = entry.visible, entry.opacity
        if entry.group:
            layer.spec = dataclasses.replace(layer.spec, group=entry.group)
        layers.append(layer)
        opened[f"#{index}"] = layer.id
        _hide_classes(layers, layer.id, entry.hidden_classes)
        if entry.offset != "wgs84":
            layers.set_offset(layer.id, entry.offset)
    window.unopened_layers = unopened
    window.bookmarks = list(project.bookmarks)
    if project.register:
        problems += _open_register(window, project.register, project_file, databases)
    from ..data.register.session import LAYER_ID

    opened[REGISTER_TOKEN] = LAYER_ID
    _restore_order(layers, project, opened)  # after the register, which the order may place under a layer
    restore_roles(window, project.roles, opened)
    if project.window_state:
        from PySide6.QtCore import QByteArray

        window.restoreState(QByteArray.fromBase64(project.window_state.encode("ascii")))
    if project.extent:
        window.map_view.fit_bounds(*project.extent)
    return problems


def _hide_classes(layers, layer_id: str, hidden: list[str]) -> None:
    for value in hidden:
        layers.set_class_visible(layer_id, value, False)


def _restore_order(layers, project: Project, opened: dict[str, str]) -> None:
    """The drawing order the project saved, with its groups: the layers it names
    in that order; a layer it does not name (new in the catalog) stays after the
    one it follows now."""
    named = [opened.get(token, token) for token in project.order]
    named = [layer_id for layer_id in dict.fromkeys(named) if layer_id in layers]
    if not named:
        return
    result = list(named)
    current = layers.ids()
    for i, layer_id in enumerate(current):
        if layer_id in result:
            continue
        before = next((current[j] for j in range(i - 1, -1, -1) if current[j] in result), None)
        result.insert(result.index(before) + 1 if before else 0, layer_id)
    groups = {layer_id: state["group"] for layer_id, state in project.bundled.items()
              if state.get("group") and layer_id in layers}
    layers.reorder(result, groups)


def _open_register(window, saved: dict, project_file: Path, databases) -> list[str]:
    """Open the register the project had open: its file (outside the project's
    folder only as the planner allows), or its PostGIS schema once the planner
    confirms the connection."""
    register = window.register
    if "path" in saved:
        entry = LayerEntry(path=saved["path"])
        path = resolve(entry, project_file)
        name = tr("项目库")
        if outside_folder(entry, project_file) and not project_trust.allow_outside_files(
                window, project_file, [(saved["path"], path)]):
            return [f"{name}: {tr('未读取：在项目文件夹以外')} ({path})"]
        if not path.exists():
            return [f"{name}: {tr('文件已移动或删除')} ({path})"]
        return [] if register.open(path) else [f"{name}: {path}"]
    from ..data.register.pg_store import open_pg_register
    from ..data.register.session import EditSession

    source = saved["database"]
    connection = PgConnection.from_project(source["connection"])
    if not project_trust.confirm_connection(window, connection, project_file, [tr("项目库")]):
        return [f"{tr('项目库')}: {UnconfirmedConnection(connection).one_line(window.lang)}"]
    connection = connection.confirmed()
    identity = connection.identity()
    try:
        try:
            opened = open_pg_register(connection, source["schema"], password=databases.typed.get(identity))
        except PasswordRefused:
            password = window.ask_password(connection.label())
            if password is None:
                raise
            opened = open_pg_register(connection, source["schema"], password=password)
    except DataError as exc:
        log_failure(log, exc, "the project's register")
        return [f"{tr('项目库')}: {exc.one_line(window.lang)}"]
    register.open_session(EditSession(opened))
    return []


class _DatabaseAnswers:
    """The planner's answers while one project opens: which connections were
    refused (asked once, not once per layer) and the passwords typed (kept in
    memory for the project's other layers on the same connection)."""

    def __init__(self, project: Project, project_file: Path):
        self.project_file = project_file
        self.refused: set[str] = set()
        self.cancelled: set[str] = set()  # asked for a password, and the planner gave none
        self.typed: dict[str, str] = {}
        self.layers: dict[str, list[str]] = {}
        for entry in project.layers:
            if entry.database is None:
                continue
            try:
                identity = PgConnection.from_project(entry.database.get("connection", {})).identity()
            except (AttributeError, DataError):  # no database, or a malformed one (said when its layer opens)
                continue
            self.layers.setdefault(identity, []).append(entry.title or str(entry.database.get("table", "")))


def _database_layer(window, entry, taken, answers: _DatabaseAnswers):
    """A project's PostGIS table. The connection is contacted only once the planner
    has confirmed it; the password is then the keyring's for this connection, the
    .pgpass line for it, or typed (asked once, kept for this session only)."""
    from ..data.postgis.layer import layer_from_postgis

    source = entry.database
    connection = PgConnection.from_project(source.get("connection", {}))
    schema, table = str(source.get("schema", "public")), str(source.get("table", ""))
    identity = connection.identity()
    if identity in answers.refused or not project_trust.confirm_connection(
            window, connection, answers.project_file, answers.layers.get(identity, [])):
        answers.refused.add(identity)
        raise UnconfirmedConnection(connection)
    connection = connection.confirmed()
    try:
        return layer_from_postgis(connection, schema, table, taken, password=answers.typed.get(identity),
                                  title=entry.title or None)
    except PasswordRefused:
        password = None if identity in answers.cancelled else window.ask_password(connection.label())
        if password is None:
            answers.cancelled.add(identity)
            raise
    layer = layer_from_postgis(connection, schema, table, taken, password=password, title=entry.title or None)
    answers.typed[identity] = password
    return layer


def remember_recent(path: Path) -> list[str]:
    settings = open_settings()
    recent = [str(path)] + [p for p in recent_projects() if p != str(path)]
    settings.setValue(RECENT_KEY, recent[:RECENT_MAX])
    return recent[:RECENT_MAX]


def recent_projects() -> list[str]:
    """The remembered projects, newest first. An INI file gives one entry back as
    a plain string, not a list: iterating it gave the path's characters
    (`/, t, m, p`) as the menu's entries."""
    value = open_settings().value(RECENT_KEY) or []
    values = [value] if isinstance(value, str) else list(value)
    return [str(v) for v in values if isinstance(v, str) and v]


def save_project_as(window, path: Path | None = None) -> Path | None:
    if path is None:
        chosen, _ = file_dialogs.getSaveFileName(window, tr("保存项目"), "西峡项目.xixia.json", tr(PROJECT_FILTER))
        if not chosen:
            return None
        path = Path(chosen)
    try:
        save_project(project_from_window(window, path), path)
    except OSError as exc:
        log_failure(log, exc, "saving the project %s", path)
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
        chosen, _ = file_dialogs.getOpenFileName(window, tr("打开项目"), "", tr(PROJECT_FILTER))
        if not chosen:
            return None
        path = Path(chosen)
    try:
        project = load_project(path)
    except DataError as exc:
        log_failure(log, exc, "opening the project %s", path)
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
