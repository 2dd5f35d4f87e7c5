"""The project register at county size: a 台账 of 2 000 projects (XLSX, Chinese
headers, a third with coordinates, the rest placed at their township's seat) with
24 months of progress each; import time, and the time of a save of one edit
(one transaction: the revision check, the update, the edit log).

    .venv/bin/python benchmarks/register.py
"""
from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import shapely

from xixia_map.data.register.ledger import import_ledger
from xixia_map.data.register.store import Edit, create_register, open_register, save_edits

TOWNSHIPS = ["回车镇", "丹水镇", "五里桥镇", "西坪镇", "太平镇", "米坪镇", "双龙镇", "阳城镇", "丁河镇", "重阳镇"]


def main() -> None:
    rng = np.random.default_rng(4)
    n = 2000
    placed = rng.random(n) < 1 / 3
    ledger = pd.DataFrame({
        "序号": range(1, n + 1), "项目名称": [f"项目{i:04d}" for i in range(n)],
        "建设单位": ["某单位"] * n, "所在乡镇": rng.choice(TOWNSHIPS, n),
        "级别": rng.choice(["省重点", "市重点", "县重点"], n), "总投资（万元）": rng.integers(500, 200000, n),
        "年度计划投资（万元）": rng.integers(100, 50000, n), "完成投资（万元）": rng.integers(0, 50000, n),
        "建设状态": rng.choice(["在建", "已签约·前期", "投产运营"], n),
        "经度": np.where(placed, np.round(rng.uniform(111.1, 111.7, n), 5).astype(str), ""),
        "纬度": np.where(placed, np.round(rng.uniform(33.1, 33.7, n), 5).astype(str), ""),
    })
    folder = Path(tempfile.mkdtemp(prefix="xixia-register-"))
    sheet = folder / "台账.xlsx"
    ledger.to_excel(sheet, index=False)
    started = time.perf_counter()
    result = import_ledger(sheet)
    progress = [(pid, f"{2025 + m // 12}-{m % 12 + 1:02d}", float(m * 10)) for pid in result.frame["pid"] for m in range(24)]
    create_register(folder / "库.gpkg", result.frame, progress)
    imported = time.perf_counter() - started
    register = open_register(folder / "库.gpkg")
    saves = []
    for i in range(20):
        pid = register.frame["pid"].iloc[i]
        started = time.perf_counter()
        save_edits(register, [Edit(pid, "geometry", None, shapely.Point(111.5 + i * 1e-4, 33.3))], who="bench")
        saves.append(time.perf_counter() - started)
    print(f"import of {n} rows + {len(progress)} progress rows: {imported:.2f} s; "
          f"save of one edit: median {statistics.median(saves) * 1000:.1f} ms, worst {max(saves) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
