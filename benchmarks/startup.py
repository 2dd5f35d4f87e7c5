"""Time from launching `xixia-map` to the map drawn, over several cold starts.

Each run is a fresh process (`xixia-map run --screenshot`), so Python start-up,
imports, data loading, QtWebEngine start-up and the first settled frame all
count. Prints each run and the median.

    .venv/bin/python benchmarks/startup.py [runs]
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


def one_run() -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    with tempfile.TemporaryDirectory() as tmp:
        shot = Path(tmp) / "w.png"
        started = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "xixia_map", "run", "--screenshot", str(shot)],
                              cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
        total = time.perf_counter() - started
        match = re.search(r"map drawn ([\d.]+) s", proc.stderr)
        if proc.returncode != 0 or not match or not shot.exists():
            raise SystemExit(f"run failed:\n{proc.stderr[-2000:]}")
        return float(match.group(1)), total


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    drawn, whole = [], []
    for i in range(runs):
        d, w = one_run()
        drawn.append(d)
        whole.append(w)
        print(f"run {i + 1}: map drawn {d:.2f} s after start (process incl. screenshot and exit {w:.2f} s)")
    print(f"median: map drawn {statistics.median(drawn):.2f} s; whole process {statistics.median(whole):.2f} s "
          f"(target <= 2 s to drawn), {os.cpu_count()} CPUs")


if __name__ == "__main__":
    main()
