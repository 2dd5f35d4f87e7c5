"""Time from launching `xixia-map` to the map drawn, over several cold starts.

Each run is a fresh process (`xixia-map run --screenshot`), so Python start-up,
imports, data loading, QtWebEngine start-up and the first settled frame all
count. Prints each run and the median.

    .venv/bin/python benchmarks/startup.py [runs]

The first run has an empty page-skeleton cache, the rest reuse it.
"""
from __future__ import annotations

import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(cache: str) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XIXIA_MAP_CACHE=cache)
    with tempfile.TemporaryDirectory() as tmp:
        shot = Path(tmp) / "w.png"
        spawned = time.time()
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "xixia_map", "run", "--screenshot", str(shot)],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        total = time.perf_counter() - started
        match = re.search(r"map drawn [\d.]+ s after start \(at ([\d.]+)\)", proc.stderr)
        if proc.returncode != 0 or not match or not shot.exists():
            raise SystemExit(f"run failed:\n{proc.stderr[-2000:]}")
        # From the spawn, so interpreter start-up and every import count.
        return float(match.group(1)) - spawned, total


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    drawn, whole = [], []
    # Run 1 starts with an empty cache, as the first start after installing does:
    # it renders the page skeleton with folium (see map/page_skeleton.py).
    with tempfile.TemporaryDirectory() as cache:
        for i in range(runs):
            d, w = one_run(cache)
            drawn.append(d)
            whole.append(w)
            note = " (first start: empty page cache)" if i == 0 else ""
            print(f"run {i + 1}: map drawn {d:.2f} s after spawn (process incl. screenshot and exit {w:.2f} s)"
                  + note)
    later = drawn[1:] or drawn
    print(f"median of runs 2-{runs}: map drawn {statistics.median(later):.2f} s; whole process "
          f"{statistics.median(whole[1:] or whole):.2f} s (target <= 2 s to drawn), {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
