"""Whole-process time of `xixia-map export --out snap.png --size 1600x1000`.

Each run is a fresh process, as a batch script would start it: Python start,
imports, data, QtWebEngine start, rendering, the settled-frame check and PNG
encoding all count. Also times the HTML export (no browser engine) for contrast.

    .venv/bin/python benchmarks/export_png.py [runs]
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(args: list[str]) -> float:
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "xixia_map", "export", *args], capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp:
        png = [timed(["--out", str(Path(tmp) / "snap.png"), "--size", "1600x1000"]) for _ in range(runs)]
        html = [timed(["--out", str(Path(tmp) / "map.html")]) for _ in range(runs)]
    print("png 1600x1000: " + ", ".join(f"{t:.2f}" for t in png) + f" s; median {statistics.median(png):.2f} s "
          "(target <= 2 s)")
    print("html (no engine): " + ", ".join(f"{t:.2f}" for t in html) + f" s; median {statistics.median(html):.2f} s")


if __name__ == "__main__":
    main()
