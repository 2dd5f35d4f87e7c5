"""The register's projects as a table model over the filtered frame: one
column of prepared strings per field and no item objects, so a filter of
2 000 projects resets the table in milliseconds (a QStandardItemModel of
14 000 items took ~250 ms, benchmarks/register.py). The model sorts itself
(numbers as numbers): a QSortFilterProxyModel over it cost another ~50 ms per
reset, asking rowCount and data some 40 000 times."""
from __future__ import annotations

import numpy as np
import pandas as pd
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

PID_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
MU_KEYS = ("taken_cultivated_mu", "taken_farmland_mu")  # 合规性审查's areas, in 亩 (register_view.py)
RIGHT_ALIGNED = ("total", "annual_plan", "completed", "rate") + MU_KEYS


def _texts(values: pd.Series) -> list[str]:
    return ["" if v is None or v != v else str(v) for v in values.to_numpy(dtype=object)]


class RegisterTableModel(QAbstractTableModel):
    def __init__(self, columns: tuple[tuple[str, str], ...], headers: list[str], parent=None):
        super().__init__(parent)
        self.keys = [key for key, _ in columns]
        self.headers = headers
        self.pids: list[str] = []
        self.texts: list[list[str]] = [[] for _ in columns]
        self.sort_values: list[list] = [[] for _ in columns]
        self.sorted_by: tuple[int, Qt.SortOrder] | None = None

    def set_columns(self, columns: tuple[tuple[str, str], ...], headers: list[str]) -> None:
        """Other columns (合规性审查's added or taken away); set_frame fills them."""
        self.beginResetModel()
        self.keys, self.headers = [key for key, _ in columns], headers
        self.texts = [[] for _ in columns]
        self.sort_values = [[] for _ in columns]
        self.pids = []
        self.sorted_by = None
        self.endResetModel()

    def set_frame(self, frame: pd.DataFrame) -> None:
        self.beginResetModel()
        self.pids = [str(p) for p in frame["pid"]]
        plan = pd.to_numeric(frame.get("annual_plan"), errors="coerce").to_numpy(dtype=float)
        done = pd.to_numeric(frame.get("completed"), errors="coerce").to_numpy(dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            rate = np.where(plan > 0, done / plan, np.nan)
        for n, key in enumerate(self.keys):
            if key == "rate":
                self.texts[n] = ["—" if np.isnan(r) else f"{r:.0%}" for r in rate]
                self.sort_values[n] = [-1.0 if np.isnan(r) else float(r) for r in rate]
            elif key in ("total", "annual_plan", "completed"):
                values = pd.to_numeric(frame[key], errors="coerce").to_numpy(dtype=float)
                self.texts[n] = ["" if np.isnan(v) else f"{v:,.0f}" for v in values]
                self.sort_values[n] = [-1.0 if np.isnan(v) else float(v) for v in values]
            elif key in MU_KEYS:  # a project not reviewed (no 红线) is "—", and sorts first
                values = pd.to_numeric(frame[key], errors="coerce").to_numpy(dtype=float)
                self.texts[n] = ["—" if np.isnan(v) else f"{v:,.2f}" for v in values]
                self.sort_values[n] = [-1.0 if np.isnan(v) else float(v) for v in values]
            else:
                self.texts[n] = _texts(frame[key])
                self.sort_values[n] = self.texts[n]
        if self.sorted_by is not None:
            self._order(*self.sorted_by)
        self.endResetModel()

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self.sorted_by = (column, order)
        self._order(column, order)
        self.layoutChanged.emit()

    def _order(self, column: int, order) -> None:
        keys = self.sort_values[column]
        rows = sorted(range(len(keys)), key=keys.__getitem__, reverse=order == Qt.SortOrder.DescendingOrder)
        self.pids = [self.pids[r] for r in rows]
        self.texts = [[texts[r] for r in rows] for texts in self.texts]
        self.sort_values = [[values[r] for r in rows] for values in self.sort_values]

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802 (Qt API)
        return 0 if parent.isValid() else len(self.pids)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.keys)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.texts[index.column()][index.row()]
        if role == PID_ROLE:
            return self.pids[index.row()]
        if role == SORT_ROLE:
            return self.sort_values[index.column()][index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole and self.keys[index.column()] in RIGHT_ALIGNED:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.headers[section]
        return None
