"""Project files: the user's layers, styles, view state and bookmarks, as JSON.

Saving is atomic (atomic_write.py: temp file in the same folder, fsync,
rename, fsync folder): a crash mid-save leaves the previous project intact. Layer paths are stored
relative to the project file, so a project folder can be moved as a whole.

Reading trusts nothing in the file (it may come from anyone): every value is
checked (project_values.py), a malformed one is named in `Project.problems`
and the rest opens; a layer path that is absolute or climbs out of the
project's folder is flagged (`outside_folder`) for the planner to allow, and a
database connection is only described, never contacted (postgis/connection.py).
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .atomic_write import atomic_write_bytes
from .errors import DataError
from .messages import say
from .postgis.connection import PgConnection, shown
from .project_values import OFFSETS, Problems, as_extent, checked_state, crs_problem, encoding_ok, extent_ok, layer_name

FORMAT = "xixia-map-project"
VERSION = 1
MAX_BYTES = 64 * 2**20  # a project with thousands of styled layers is a few MB


@dataclass
class LayerEntry:
    path: str  # relative to the project file
    layer: str | None = None  # layer name inside a GeoPackage or KML
    title: str = ""
    style: dict = field(default_factory=dict)
    visible: bool = True
    opacity: float = 1.0
    assume_crs: int | None = None
    offset: str = "wgs84"  # "gcj02" / "bd09": coordinates were corrected on load
    swap_axes: bool = False  # the planner confirmed the file's X and Y are exchanged
    encoding: str | None = None  # the text encoding the planner chose
    label_field: str | None = None  # the field labels are drawn from, if the planner chose one
    label_mode: str | None = None
    # A PostGIS table instead of a file (path ""): the connection without any
    # password, the schema and the table (data/layer_origin.TableOrigin).
    database: dict | None = None
    group: str | None = None  # the layer tree's group it was dragged into
    hidden_classes: list[str] = field(default_factory=list)  # legend classes switched off


@dataclass
class Bookmark:
    name: str
    extent: tuple[float, float, float, float]


@dataclass
class Project:
    layers: list[LayerEntry] = field(default_factory=list)
    bundled: dict[str, dict] = field(default_factory=dict)  # layer id -> {visible, opacity}
    extent: tuple[float, float, float, float] | None = None
    bookmarks: list[Bookmark] = field(default_factory=list)
    # The drawing order, bottom first: a built-in layer by its id, a layer of
    # `layers` as "#<index>" (the layer tree's order, as QGIS saves it).
    order: list[str] = field(default_factory=list)
    # The open project register: {"path": relative to the project file} or
    # {"database": {"connection": …no password…, "schema": …}}.
    register: dict | None = None
    window_state: str | None = None  # the panels' layout (QMainWindow.saveState, base64)
    # The layers the analyses read (data/analysis/roles.py): role -> {"layer": a
    # token of `order`, or None for none; "confirmed": False while only a guess}.
    roles: dict[str, dict] = field(default_factory=dict)
    # What reading the file found malformed (DataErrors naming the file and the
    # layer): never written back, not part of what the project is.
    problems: list = field(default_factory=list, compare=False, repr=False)

    def to_json(self) -> str:
        doc = {"format": FORMAT, "version": VERSION, "layers": [asdict(entry) for entry in self.layers],
               "bundled": self.bundled, "extent": self.extent, "bookmarks": [asdict(b) for b in self.bookmarks],
               "order": self.order, "register": self.register, "window_state": self.window_state}
        if self.roles:
            doc["roles"] = self.roles
        return json.dumps(doc, ensure_ascii=False, indent=1)


def relative_path(target: Path, project_file: Path) -> str:
    return os.path.relpath(Path(target).resolve(), Path(project_file).resolve().parent)


def resolve(entry: LayerEntry, project_file: Path) -> Path:
    return (Path(project_file).resolve().parent / entry.path).resolve()


def outside_folder(entry: LayerEntry, project_file: Path) -> bool:
    """Whether a file layer's path is absolute or leads out of the project's folder
    (`../../secrets.txt`, or a link inside it pointing elsewhere): such a file is
    read only once the planner allows it."""
    if entry.database:
        return False
    if Path(entry.path).is_absolute() or Path(entry.path).anchor:
        return True
    folder = Path(project_file).resolve().parent
    return not resolve(entry, project_file).is_relative_to(folder)


def save_project(project: Project, path: Path) -> None:
    atomic_write_bytes(Path(path), project.to_json().encode("utf-8"))


def load_project(path: Path) -> Project:
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise DataError(path, say(f"is {path.stat().st_size // 2**20} MB: a project file is a few kB, this is "
                                      "not one", f"大小为 {path.stat().st_size // 2**20} MB，项目文件只有几 KB，这不是项目文件"))
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(path, say("project file not found", "找不到项目文件")) from None
    except OSError as exc:
        raise DataError(path, say(f"cannot be read ({exc.strerror or exc})",
                                  f"无法读取（{exc.strerror or exc}）")) from None
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        detail = shown(str(exc), 120)
        raise DataError(path, say(f"not a readable project file ({detail})",
                                  f"不是可读取的项目文件（{detail}）")) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise DataError(path, say("not a Xixia Map project (format field missing)",
                                  "不是西峡项目地图的项目文件（缺少 format 字段）"))
    if doc.get("version") != VERSION:
        version = shown(doc.get("version"))
        raise DataError(path, say(f"project version {version} is not supported (this app reads {VERSION})",
                                  f"不支持项目文件版本 {version}（本程序读取版本 {VERSION}）"))
    problems = Problems()
    layers = [entry for index, raw in enumerate(_listed(doc, "layers", problems))
              if (entry := _layer_entry(index, raw, problems)) is not None]
    bundled = {}
    raw_bundled = doc.get("bundled") or {}
    if not isinstance(raw_bundled, dict):
        problems.append(say("'bundled' is not a set of layers; the built-in layers keep their state",
                            "“bundled”格式不正确，内置图层保持原状"))
        raw_bundled = {}
    for layer_id, state in raw_bundled.items():
        if not isinstance(state, dict):
            problems.add(shown(layer_id, 60), "its state is not a set of named values; it keeps its own",
                         "状态格式不正确，保持原状")
            continue
        bundled[str(layer_id)] = checked_state(shown(layer_id, 60), state, problems, with_style=True)
    extent = doc.get("extent")
    if extent is not None and not extent_ok(extent):
        problems.append(say(f"the view extent {shown(extent)} is not west, south, east, north in degrees; "
                            "the map keeps its view",
                            f"视图范围 {shown(extent)} 不是以度表示的西、南、东、北，地图保持当前视图"))
        extent = None
    bookmarks = []
    for raw in _listed(doc, "bookmarks", problems):
        if isinstance(raw, dict) and isinstance(raw.get("name"), str) and extent_ok(raw.get("extent")):
            bookmarks.append(Bookmark(raw["name"], as_extent(raw["extent"])))
        else:
            problems.append(say(f"the bookmark {shown(raw)} is not a name and an extent in degrees; it is left out",
                                f"书签 {shown(raw)} 不是名称加以度表示的范围，已略去"))
    order = [token for token in _listed(doc, "order", problems) if isinstance(token, str) and len(token) <= 200]
    return Project(layers=layers, bundled=bundled, extent=as_extent(extent) if extent else None,
                   bookmarks=bookmarks, order=order[:10_000], register=_register(doc.get("register"), problems),
                   window_state=_window_state(doc.get("window_state"), problems),
                   roles=_roles(doc.get("roles"), problems), problems=[DataError(path, text) for text in problems])


def _register(raw, problems: Problems) -> dict | None:
    """The project register the file names, checked: a relative or absolute path
    (read only as the planner allows, like a layer's), or a PostGIS schema whose
    connection is only described here."""
    if raw is None:
        return None
    if isinstance(raw, dict) and isinstance(raw.get("path"), str) and raw["path"] and "\0" not in raw["path"]:
        return {"path": raw["path"]}
    database = raw.get("database") if isinstance(raw, dict) else None
    if isinstance(database, dict) and isinstance(database.get("schema"), str) and database["schema"]:
        try:
            PgConnection.from_project(database.get("connection", {}))
        except DataError as exc:
            problems.append(say(f"the project register: {exc.text.en}; it is not opened",
                                f"项目库：{exc.text.zh}，未打开"))
            return None
        return {"database": {"connection": dict(database.get("connection", {})), "schema": database["schema"]}}
    problems.append(say(f"the project register {shown(raw)} is neither a file nor a database schema; it is not opened",
                        f"项目库 {shown(raw)} 既不是文件也不是数据库模式，未打开"))
    return None


def _roles(raw, problems: Problems) -> dict[str, dict]:
    """The analyses' layer roles, each checked: a known role, a layer token (or
    null) and whether the planner confirmed it; anything else is said and left
    for the window to guess again."""
    from .analysis.roles import ROLE_WORDS, ROLES

    if raw is None:
        return {}
    if not isinstance(raw, dict):
        problems.append(say("the layers' roles are not a set of named values; they are guessed again",
                            "图层用途格式不正确，将重新识别"))
        return {}
    roles = {}
    for role, value in raw.items():
        layer = value.get("layer") if isinstance(value, dict) else ""
        confirmed = value.get("confirmed") if isinstance(value, dict) else None
        if role in ROLES and (layer is None or (isinstance(layer, str) and 0 < len(layer) <= 200)) \
                and isinstance(confirmed, bool):
            roles[role] = {"layer": layer, "confirmed": confirmed}
        else:
            en, zh = ROLE_WORDS.get(role, (shown(role, 60), shown(role, 60)))[::-1]
            problems.append(say(f"the layer for {en} ({shown(value)}) is not a layer and a yes/no; it is guessed again",
                                f"{zh}图层（{shown(value)}）格式不正确，将重新识别"))
    return roles


def _window_state(raw, problems: Problems) -> str | None:
    import base64
    import binascii

    if raw is None:
        return None
    if isinstance(raw, str) and len(raw) <= 256 * 1024:
        try:
            base64.b64decode(raw, validate=True)
            return raw
        except (binascii.Error, ValueError):
            pass
    problems.append(say("the panels' layout is malformed; the window keeps its own",
                        "面板布局格式不正确，窗口保持当前布局"))
    return None


def _listed(doc: dict, key: str, problems: Problems) -> list:
    value = doc.get(key) or []
    if isinstance(value, list):
        return value
    problems.append(say(f"'{key}' is not a list; it is left out", f"“{key}”不是列表，已略去"))
    return []


def _layer_entry(index: int, raw, problems: Problems) -> LayerEntry | None:
    """One layer of the file, each value checked; None (and a message) where the
    layer cannot be told at all (no path, no database)."""
    if not isinstance(raw, dict):
        problems.add(f"#{index + 1}", "not a set of named values; left out", "格式不正确，已略去")
        return None
    name = layer_name(index, raw)
    database = raw.get("database")
    if database is not None:
        try:
            if not isinstance(database, dict) or not isinstance(database.get("table"), str) \
                    or not database["table"] or not isinstance(database.get("schema", "public"), str):
                raise DataError(None, say("the database table is not named", "未指明数据表"))
            PgConnection.from_project(database.get("connection", {}))
        except DataError as exc:
            problems.add(name, exc.text.en + "; left out", exc.text.zh + "，未打开")
            return None
    path = raw.get("path", "")
    if not isinstance(path, str) or "\0" in path or (not path and database is None):
        problems.bad(name, "path", path, "a file path", "文件路径", "left out", "未打开")
        return None
    entry = LayerEntry(path=path, database=dict(database) if database is not None else None)
    title = raw.get("title", "")
    if isinstance(title, str):
        entry.title = title
    else:
        problems.bad(name, "title", title, "a text", "文字", "the file name is shown", "显示文件名")
    layer = raw.get("layer")
    if layer is not None:
        if isinstance(layer, str):
            entry.layer = layer
        else:
            problems.bad(name, "layer", layer, "a layer name", "图层名", "the file's first layer is read",
                         "读取文件的第一个图层")
    assume = raw.get("assume_crs")
    if assume is not None:
        if crs_problem(assume) is None:
            entry.assume_crs = assume
        else:
            problems.bad(name, "assume_crs", assume, "a coordinate system (an EPSG code)", "坐标系（EPSG 代码）",
                         "the file's own CRS is used", "按文件自身的坐标系读取")
    offset = raw.get("offset", "wgs84")
    if offset in OFFSETS:
        entry.offset = offset
    else:
        problems.bad(name, "offset", offset, " or ".join(OFFSETS), "、".join(OFFSETS), "no offset is applied",
                     "不做偏移纠正")
    if "swap_axes" in raw:
        if isinstance(raw["swap_axes"], bool):
            entry.swap_axes = raw["swap_axes"]
        else:
            problems.bad(name, "swap_axes", raw["swap_axes"], "true or false", "true 或 false",
                         "X and Y are read as written", "按原样读取 X/Y")
    encoding = raw.get("encoding")
    if encoding is not None:
        if encoding_ok(encoding):
            entry.encoding = encoding
        else:
            problems.bad(name, "encoding", encoding, "a text encoding", "文字编码", "it is detected",
                         "改为自动识别")
    state = checked_state(name, raw, problems, with_style=True)
    for key, value in state.items():
        setattr(entry, key, value)
    return entry
