"""Editing a register in the window: pending edits with undo and redo, saved
or discarded as a whole (as QGIS's editing buffer), and the map layer that
shows the register. Pure model: the Qt side only calls it.

A point dragged at zoom z gets the precision a hand has on screen there (3 px
of ground at that zoom and latitude); a position typed as coordinates keeps
the precision its digits carry (ledger._decimals_accuracy).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import geopandas as gpd

from ..catalog import DetailField, LayerSpec
from ..layer_kinds import FilteredLayer
from .fields import AWAITING, FIELDS, PLACED
from .model import DELETE, INSERT, PROGRESS, Edit, Register

LAYER_ID = "register"
HAND_PX = 3  # how far from the intended spot a drag lands
EARTH_CIRCUMFERENCE = 40_075_016.686
# Areas (a project's 红线) are drawn in red line, as on a 规划 map; points as stars.
STYLE = {"marker": "star", "radius": 9, "stroke": "#e41a1c", "weight": 3, "fill_opacity": 0.08, "fill": "#d73027",
         "color_by": {"field": "placement", "values": {
             PLACED: {"color": "#d73027", "label_zh": "已落图", "label_en": "Placed"},
             AWAITING: {"color": "#ffffff", "label_zh": "待落图（位于乡镇驻地，待确定位置）",
                        "label_en": "Awaiting placement (at the township seat)"}}}}


def drag_accuracy_m(zoom: float, lat: float) -> float:
    metres_per_px = EARTH_CIRCUMFERENCE * math.cos(math.radians(lat)) / (256 * 2 ** zoom)
    return round(HAND_PX * metres_per_px, 1)


@dataclass
class EditSession:
    register: Register
    pending: list[list[Edit]] = field(default_factory=list)  # one group per planner action
    redone: list[list[Edit]] = field(default_factory=list)

    @property
    def frame(self) -> gpd.GeoDataFrame:
        return self.register.frame

    def _value(self, pid: str, column: str):
        if column.startswith(PROGRESS):
            return dict(self.register.monthly(pid)).get(column[len(PROGRESS):])
        row = self.frame.index[self.frame["pid"] == pid][0]
        return self.frame.at[row, self.frame.geometry.name if column == "geometry" else column]

    def _apply(self, edits: list[Edit], undo: bool = False) -> None:
        import pandas as pd

        for edit in (reversed(edits) if undo else edits):
            if edit.field in (INSERT, DELETE):
                name = self.frame.geometry.name
                removing = undo == (edit.field == INSERT)  # undoing an insert removes; undoing a delete re-inserts
                row = edit.new if edit.field == INSERT else edit.old
                added = {**{k: v for k, v in row.items() if k != "geometry"}, name: row["geometry"]}
                frame = self.frame[self.frame["pid"] != edit.pid] if removing else pd.concat(
                    [self.frame, gpd.GeoDataFrame([added], geometry=name, crs=4326)], ignore_index=True)
                self.register.frame = gpd.GeoDataFrame(frame, geometry=self.frame.geometry.name, crs=4326)
                continue
            if edit.field.startswith(PROGRESS):
                self.register.set_month(edit.pid, edit.field[len(PROGRESS):], edit.old if undo else edit.new)
                continue
            row = self.frame.index[self.frame["pid"] == edit.pid][0]
            column = self.frame.geometry.name if edit.field == "geometry" else edit.field
            self.frame.at[row, column] = edit.old if undo else edit.new

    def change(self, pid: str, values: dict) -> None:
        """One planner action: several fields of one project at once."""
        edits = [Edit(pid, key, self._value(pid, key), value) for key, value in values.items()
                 if self._value(pid, key) != value]
        if edits:
            self._apply(edits)
            self.pending.append(edits)
            self.redone.clear()

    def move(self, pid: str, lon: float, lat: float, accuracy_m: float) -> None:
        import shapely

        self.change(pid, {"geometry": shapely.Point(lon, lat), "accuracy_m": accuracy_m, "placement": PLACED})

    def report_month(self, pid: str, month: str, amount: float | None) -> None:
        """One month's completed investment (万元; None withdraws the report).
        完成投资 moves by the difference, so it stays the sum it was plus what
        the months add, whether or not earlier months were reported here."""
        import datetime as dt

        dt.datetime.strptime(month, "%Y-%m")  # ValueError for anything but YYYY-MM
        before = self._value(pid, PROGRESS + month)
        completed = self._value(pid, "completed")
        completed = 0.0 if completed is None or completed != completed else float(completed)
        self.change(pid, {PROGRESS + month: amount,
                          "completed": round(completed - (before or 0.0) + (amount or 0.0), 2)})

    def reshape(self, pid: str, area, zoom: float) -> None:
        """A 红线 drawn or reshaped on screen at `zoom`: it replaces the project's
        point (its symbol stays at the area's centre) with a hand's precision."""
        if area.is_empty or not area.is_valid or area.geom_type not in ("Polygon", "MultiPolygon"):
            raise ValueError(f"a 红线 must be a valid polygon, not {area.geom_type}")
        self.change(pid, {"geometry": area, "placement": PLACED,
                          "accuracy_m": drag_accuracy_m(zoom, area.centroid.y)})

    def add(self, name: str, lon: float, lat: float, zoom: float) -> str:
        """A new project placed by a click (one undoable action)."""
        import shapely

        pid = next(f"N{i:04d}" for i in range(1, len(self.frame) + 2) if f"N{i:04d}" not in set(self.frame["pid"]))
        row: dict[str, Any] = {c: None for c in self.frame.columns if c != self.frame.geometry.name}
        row.update(pid=pid, name=name, placement=PLACED, accuracy_m=drag_accuracy_m(zoom, lat), source="在地图上落图")
        edit = Edit(pid, INSERT, None, {**row, "geometry": shapely.Point(lon, lat)})
        self._apply([edit])
        self.pending.append([edit])
        self.redone.clear()
        return pid

    def delete(self, pid: str) -> None:
        """Remove a project (undoable; the edit log keeps its name)."""
        record = self.register.record(pid)
        row = {k: v for k, v in record.items() if k != self.frame.geometry.name}
        row["geometry"] = record[self.frame.geometry.name]
        edit = Edit(pid, DELETE, row, None)
        self._apply([edit])
        self.pending.append([edit])
        self.redone.clear()

    def drag(self, pid: str, lon: float, lat: float, zoom: float) -> None:
        self.move(pid, lon, lat, drag_accuracy_m(zoom, lat))

    def undo(self) -> bool:
        if not self.pending:
            return False
        edits = self.pending.pop()
        self._apply(edits, undo=True)
        self.redone.append(edits)
        return True

    def redo(self) -> bool:
        if not self.redone:
            return False
        edits = self.redone.pop()
        self._apply(edits)
        self.pending.append(edits)
        return True

    def dirty(self) -> bool:
        return bool(self.pending)

    def save(self, who: str | None = None) -> int:
        """All pending edits in one transaction (RegisterConflict if the file moved on)."""
        flat = [edit for group in self.pending for edit in group]
        revision = self.register.save(flat, who) if flat else self.register.revision
        self.pending.clear()
        self.redone.clear()
        return revision

    def discard(self) -> None:
        while self.undo():
            pass
        self.redone.clear()

    def layer(self, title: str, title_en: str | None = None) -> FilteredLayer:
        """The register as a map layer, every project shown until a filter is set (FilteredLayer.set_shown)."""
        frame = self.frame.copy()
        frame.insert(0, "id", frame.pop("pid"))  # the map's feature id; one column, not two
        frame["extra"] = [_readable_extra(v) for v in frame["extra"]] if "extra" in frame else None
        from .words import stage_of

        frame["stage"] = [stage_of(v) if isinstance(v, str) else None for v in frame["status"]] \
            if "status" in frame else None  # the ledger's word stays 建设状态; its stage beside it
        fields = (DetailField("id", "项目编号", "Project no."),) + tuple(
            DetailField(f.key, f.header, f.header_en or f.header) for f in FIELDS) + (
            DetailField("placement", "落图状态", "Placement"), DetailField("accuracy_m", "位置精度（米）", "Accuracy (m)"),
            DetailField("source", "来源", "Source"), DetailField("extra", "台账其他列", "Other ledger columns"),
            DetailField("stage", "建设阶段", "Stage"))
        spec = LayerSpec(id=LAYER_ID, title_zh=title, title_en=title_en or title, path=self.register.path, geometry="Point",
                         category="register", style=STYLE, label_field="name", detail_fields=fields, group="user")
        return FilteredLayer(spec=spec, frame=frame)


def _readable_extra(value) -> str | None:
    """The ledger's other columns (JSON in the file) as 列名：值；… for people."""
    import json

    if value is None or value != value or value == "":
        return None
    try:
        pairs = json.loads(value)
    except (TypeError, ValueError):
        return str(value)
    if not isinstance(pairs, dict):
        return str(value)
    return "；".join(f"{k}：{v}" for k, v in pairs.items() if v not in (None, ""))
