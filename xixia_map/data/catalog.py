"""The layer catalog: which files make the bundled map, and how each is shown."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError

GEOMETRY_KINDS = {
    "Point": {"Point", "MultiPoint"},
    "LineString": {"LineString", "MultiLineString"},
    "Polygon": {"Polygon", "MultiPolygon"},
}
_REQUIRED_KEYS = ("id", "title_zh", "title_en", "file", "geometry", "category", "style",
                  "label_field", "detail_fields")


@dataclass(frozen=True)
class DetailField:
    field: str
    label_zh: str
    label_en: str

    def label(self, lang: str) -> str:
        return self.label_zh if lang == "zh" else self.label_en


@dataclass(frozen=True)
class LayerSpec:
    id: str
    title_zh: str
    title_en: str
    path: Path
    geometry: str
    category: str
    style: dict
    label_field: str
    detail_fields: tuple[DetailField, ...]
    group: str = ""
    label_mode: str = "hover"
    required_fields: tuple[str, ...] = ()
    # A point layer some of whose features are areas (the development zone among
    # the projects, a project's 红线): drawn as the area with the symbol at its centre.
    areas: bool = False
    # Reference layers (the county outline, the neighbours) are not identified by a
    # click, as with QGIS's identifiable-layers setting; the planner can turn it on.
    identifiable: bool = True

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


@dataclass(frozen=True)
class Group:
    id: str
    title_zh: str
    title_en: str

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


@dataclass
class Catalog:
    path: Path
    layers: list[LayerSpec]
    groups: list[Group] = field(default_factory=list)
    required_fields: tuple[str, ...] = ()

    def layer(self, layer_id: str) -> LayerSpec:
        for spec in self.layers:
            if spec.id == layer_id:
                return spec
        raise KeyError(layer_id)


def _spec(entry: dict, base: Path, required: tuple[str, ...], catalog_path: Path) -> LayerSpec:
    missing = [k for k in _REQUIRED_KEYS if k not in entry]
    layer_id = entry.get("id", "?")
    if missing:
        raise DataError(catalog_path, f"layer '{layer_id}' lacks {', '.join(missing)}")
    if entry["geometry"] not in GEOMETRY_KINDS:
        raise DataError(catalog_path, f"layer '{layer_id}' has unknown geometry kind "
                                      f"'{entry['geometry']}' (use {', '.join(GEOMETRY_KINDS)})")
    details = tuple(DetailField(d["field"], d["label_zh"], d["label_en"]) for d in entry["detail_fields"])
    return LayerSpec(
        id=entry["id"], title_zh=entry["title_zh"], title_en=entry["title_en"],
        path=(base / entry["file"]).resolve(), geometry=entry["geometry"],
        category=entry["category"], style=entry["style"], label_field=entry["label_field"],
        detail_fields=details, group=entry.get("group", ""),
        label_mode=entry.get("label_mode", "hover"), required_fields=required,
        areas=bool(entry.get("areas", False)), identifiable=bool(entry.get("identifiable", True)),
    )


def load_catalog(path: Path) -> Catalog:
    path = Path(path)
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(path, "catalog file not found") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataError(path, f"catalog is not valid UTF-8 JSON ({exc})") from None
    required = tuple(doc.get("required_fields", ()))
    layers = [_spec(e, path.parent, required, path) for e in doc.get("layers", [])]
    ids = [s.id for s in layers]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DataError(path, f"duplicate layer ids: {', '.join(duplicates)}")
    groups = [Group(g["id"], g["title_zh"], g["title_en"]) for g in doc.get("groups", [])]
    return Catalog(path=path, layers=layers, groups=groups, required_fields=required)
