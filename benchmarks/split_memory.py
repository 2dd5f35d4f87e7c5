"""What 分屏 costs in memory: the whole app's PSS (this process and its
QtWebEngineProcess children, /proc/<pid>/smaps_rollup) with the window's map
alone, split in two and in four, on the bundled layers (and, with --large N,
N generated polygons drawn as tiles under them). Each case is a fresh
process: the main window at 1600 × 1000, offscreen, settled; then the views
linked, moved together through four zooms and pans, and settled again.

    .venv/bin/python benchmarks/split_memory.py [--large 200000]
"""
from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SIZE = (1600, 1000)


def family_pss_mb() -> tuple[float, float]:
    """(whole family's PSS, this process's PSS) in MB."""
    me = os.getpid()
    parents = {}
    for pid in os.listdir("/proc"):
        if pid.isdigit():
            try:
                parents[int(pid)] = int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                pass
    family, frontier = {me}, [me]
    while frontier:
        frontier = [p for p, pp in parents.items() if pp in frontier and p not in family]
        family.update(frontier)
    totals = {}
    for pid in family:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        totals[pid] = sum(int(line.split()[1]) for line in text.splitlines() if line.startswith("Pss:"))
    if os.environ.get("XIXIA_SPLIT_BENCH_DETAIL"):
        for pid, kb in sorted(totals.items()):
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ")[:120].decode(errors="replace")
            print(f"  {pid} {kb / 1024:.0f} MB {cmd}", file=sys.stderr)
    return sum(totals.values()) / 1024, totals.get(me, 0) / 1024


def child(views: int, large: str | None) -> dict:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="xixia-split-bench-")  # fresh settings
    from xixia_map.map.runtime import prepare_web_engine

    prepare_web_engine()
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    from xixia_map.data.catalog import load_catalog
    from xixia_map.data.layers import LayerList
    from xixia_map.map.capture import wait_until_idle
    from xixia_map.paths import CATALOG_PATH
    from xixia_map.ui.main_window import MainWindow
    from xixia_map.ui.split_view import end_split_view, show_split_view

    catalog = load_catalog(CATALOG_PATH)
    layers = LayerList.from_catalog(catalog)
    if large:
        from xixia_map.data.user_layers import layer_from_file

        layers.append(layer_from_file(Path(large), layers.ids()))
    window = MainWindow(layers, "zh", groups=catalog.groups)
    window.resize(*SIZE)
    window.show()
    wait_until_idle(window.map_view, 300)
    all_views = [window.map_view]
    if views > 1:
        split = show_split_view(window, views)
        all_views = split.views
        deadline = time.monotonic() + 120
        while not all(v.is_ready for v in all_views) and time.monotonic() < deadline:
            app.processEvents()
    for view in all_views:
        wait_until_idle(view, 300)
    start = dict(window.map_view.last_view)
    for dz, dx in ((1, 0.0), (1, 0.02), (-1, -0.03), (0, 0.01)):
        state = window.map_view.last_view
        window.map_view.call("setViewNoAnim", state["lng"] + dx, state["lat"], state["zoom"] + dz)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not all(
                v.last_view.get("zoom") == state["zoom"] + dz and abs(v.last_view["lng"] - state["lng"] - dx) < 1e-6
                for v in all_views):
            app.processEvents()
        for view in all_views:
            wait_until_idle(view, 300)
    total, own = family_pss_mb()
    result = {"views": views, "pss_mb": round(total), "own_pss_mb": round(own), "start_zoom": start.get("zoom")}
    if views > 1:
        end_split_view(window)
    window.close()
    window.deleteLater()
    from PySide6.QtCore import QCoreApplication, QEvent

    for _ in range(3):  # pages before their profiles, now, not at interpreter exit
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    return result


def main() -> None:
    large = None
    if "--large" in sys.argv:
        count = int(sys.argv[sys.argv.index("--large") + 1])
        sys.path.insert(0, str(ROOT / "benchmarks"))
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        from large_layer import generate

        large = str(Path(tempfile.mkdtemp(prefix="xixia-split-large-")) / f"parcels-{count}.gpkg")
        generate(count, points=False).to_file(large, driver="GPKG")
    rows = []
    for views in (1, 2, 4):
        runs = []
        for _ in range(3):
            args = [sys.executable, __file__, "--child", str(views)] + (["--file", large] if large else [])
            out = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=900,
                                 env=dict(os.environ, PYTHONPATH=str(ROOT)))
            line = [x for x in out.stdout.splitlines() if x.startswith("{")]
            if out.returncode != 0 or not line:
                raise SystemExit(out.stderr[-3000:])
            runs.append(json.loads(line[-1]))
        rows.append((views, statistics.median(r["pss_mb"] for r in runs), [r["pss_mb"] for r in runs],
                     statistics.median(r["own_pss_mb"] for r in runs)))
    print(f"{'views':>5} | {'PSS, whole app (MB)':>20} | runs | app process alone (MB)")
    for views, pss, runs, own in rows:
        print(f"{views:>5} | {pss:>20.0f} | {runs} | {own:.0f}")


if __name__ == "__main__":
    if "--child" in sys.argv:
        file = sys.argv[sys.argv.index("--file") + 1] if "--file" in sys.argv else None
        print(json.dumps(child(int(sys.argv[sys.argv.index("--child") + 1]), file)))
    else:
        main()
