"""The values a project file may hold, checked one by one as it is read.

A project file comes from anyone (a colleague, another office, an e-mail), so
each value is checked for the type and range the app uses it with: a value
that is not gets one message naming the layer and the value, and the layer
opens with the default in its place (the rest of the project opens too).
Nothing from the file reaches pyproj, a codec, Qt or the map unchecked.
"""
from __future__ import annotations

import codecs
import json
import math
import re

from .messages import say
from .postgis.connection import shown

OFFSETS = ("wgs84", "gcj02", "bd09")
GROUP_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")  # the catalog's group ids, user and imagery
LABEL_MODES = ("hover", "permanent")
_STYLE_NUMBERS = ("fill_opacity", "weight", "radius")
_STYLE_TEXTS = ("fill", "stroke", "marker")


class Problems(list):
    """Messages about one project file's values, as Texts, each naming the layer."""

    def add(self, name: str, en: str, zh: str) -> None:
        self.append(say(f"layer '{name}': {en}", f"图层“{name}”：{zh}"))

    def bad(self, name: str, key: str, value, expected_en: str, expected_zh: str, used_en: str,
            used_zh: str) -> None:
        self.add(name, f"{key} {quoted(value)} is not {expected_en}; {used_en}",
                 f"{key} {quoted(value)} 不是{expected_zh}，{used_zh}")


def quoted(value) -> str:
    """A value from the file as it is written there (JSON), made safe to show."""
    return shown(json.dumps(value, ensure_ascii=False, default=str))


def is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def crs_problem(value) -> str | None:
    """Why `value` is not a CRS pyproj knows (an EPSG code or a CRS text), or None."""
    if isinstance(value, bool) or not isinstance(value, (int, str)) or (isinstance(value, str) and len(value) > 5000):
        return "not an EPSG code"
    from pyproj import CRS
    from pyproj.exceptions import CRSError

    try:
        CRS.from_user_input(value)
    except (CRSError, TypeError, ValueError, OverflowError):
        return "unknown CRS"
    return None


def encoding_ok(value) -> bool:
    if not isinstance(value, str) or not value or len(value) > 100:
        return False
    try:
        codecs.lookup(value)
    except (LookupError, ValueError):
        return False
    return True


def style_problem(style) -> str | None:
    """What is wrong with a style read from a file (the shape styling.build_style
    makes), or None. The map, the legend and the style dialog trust this shape."""
    if not isinstance(style, dict):
        return "not a set of named values"
    for key in _STYLE_TEXTS:
        if key in style and not isinstance(style[key], str):
            return key
    for key in _STYLE_NUMBERS:
        if key in style and not is_number(style[key]):
            return key
    graduated = style.get("graduated")
    if graduated is not None:
        if not isinstance(graduated, dict) or not isinstance(graduated.get("field"), str):
            return "graduated"
        breaks, colors = graduated.get("breaks"), graduated.get("colors")
        if not isinstance(breaks, list) or not breaks or not all(is_number(b) for b in breaks):
            return "graduated.breaks"
        if not isinstance(colors, list) or len(colors) != len(breaks) or not all(isinstance(c, str) for c in colors):
            return "graduated.colors"
        labels = graduated.get("labels", [])
        if not isinstance(labels, list) or not all(isinstance(t, str) for t in labels):
            return "graduated.labels"
        if not isinstance(graduated.get("method", ""), str):
            return "graduated.method"
    rule = style.get("color_by")
    if rule is not None:
        if not isinstance(rule, dict) or not isinstance(rule.get("field"), str) \
                or not isinstance(rule.get("values", {}), dict):
            return "color_by"
        for value, look in rule.get("values", {}).items():
            if not isinstance(look, dict) or not all(isinstance(look.get(k, ""), str)
                                                     for k in ("color", "label_zh", "label_en")):
                return f"color_by.values.{value}"
            if "area_m2" in look and not is_number(look["area_m2"]):
                return f"color_by.values.{value}"
    label = style.get("label")
    if label is not None:
        if not isinstance(label, dict) or not is_number(label.get("size", 12)) \
                or not isinstance(label.get("color", ""), str) or not isinstance(label.get("halo", True), bool):
            return "label"
    return None


def checked_state(name: str, state: dict, problems: Problems, *, with_style: bool) -> dict:
    """visible, opacity, style, label_field and label_mode of one layer, each
    checked; a malformed one is left out (the layer keeps its own) and named."""
    out: dict[str, object] = {}
    if "visible" in state:
        if isinstance(state["visible"], bool):
            out["visible"] = state["visible"]
        else:
            problems.bad(name, "visible", state["visible"], "true or false", "true 或 false",
                         "it is shown", "按显示处理")
    if "opacity" in state:
        if is_number(state["opacity"]) and 0 <= state["opacity"] <= 1:
            out["opacity"] = float(state["opacity"])
        else:
            problems.bad(name, "opacity", state["opacity"], "a number from 0 to 1", "介于 0 到 1 之间的数",
                         "1 is used", "按 1（不透明）显示")
    if with_style and "style" in state and state["style"] is not None:
        wrong = style_problem(state["style"])
        if wrong is None:
            out["style"] = state["style"]
        else:
            problems.add(name, f"the style's {wrong} is malformed; the default style is used",
                         f"样式中的 {wrong} 格式不正确，改用默认样式")
    if "title" in state and state["title"] not in (None, "") and with_style:
        if isinstance(state["title"], str) and 0 < len(state["title"].strip()) <= 200:
            out["title"] = state["title"].strip()
        else:
            problems.bad(name, "title", state["title"], "a name of up to 200 characters", "不超过 200 字的名称",
                         "its own name is shown", "显示原名")
    if "group" in state and state["group"] is not None:
        if isinstance(state["group"], str) and GROUP_ID.fullmatch(state["group"]):
            out["group"] = state["group"]
        else:
            problems.bad(name, "group", state["group"], "a group of the layer tree", "图层树中的分组",
                         "it stays in its own group", "保留在原分组")
    if "hidden_classes" in state and state["hidden_classes"] is not None:
        hidden = state["hidden_classes"]
        if isinstance(hidden, list) and len(hidden) <= 10_000 and all(isinstance(v, str) and len(v) <= 500
                                                                        for v in hidden):
            out["hidden_classes"] = list(hidden)
        else:
            problems.bad(name, "hidden_classes", hidden, "a list of legend classes", "图例分类的列表",
                         "every class is shown", "显示全部分类")
    for key, allowed in (("label_field", None), ("label_mode", LABEL_MODES)):
        if key not in state or state[key] is None:
            continue
        value = state[key]
        if isinstance(value, str) and (allowed is None or value in allowed) and len(value) <= 1000:
            out[key] = value
        else:
            problems.bad(name, key, value, "a field name" if allowed is None else " or ".join(allowed),
                         "字段名" if allowed is None else "、".join(allowed), "it is ignored", "已忽略")
    return out


def as_extent(value) -> tuple[float, float, float, float]:
    """An extent that passed extent_ok, as four floats."""
    west, south, east, north = (float(v) for v in value)
    return west, south, east, north


def extent_ok(value) -> bool:
    return (isinstance(value, (list, tuple)) and len(value) == 4 and all(is_number(v) for v in value)
            and -1000 <= value[0] < value[2] <= 1000 and -90 <= value[1] < value[3] <= 90)  # a view may pass ±180


def layer_name(index: int, entry: dict) -> str:
    """How a project's layer is named in a message: its title, else its path, else its place."""
    for key in ("title", "path"):
        if isinstance(entry.get(key), str) and entry[key].strip():
            return shown(entry[key], 60)
    table = entry.get("database", {}).get("table") if isinstance(entry.get("database"), dict) else None
    if isinstance(table, str) and table:
        return shown(table, 60)
    return f"#{index + 1}"
