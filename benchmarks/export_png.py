"""Whole-process time of `xixia-map export --out snap.png --size 1600x1000`.

Each run is a fresh process, as a batch script would start it: Python start,
imports, data, QtWebEngine start, rendering, the settled-frame check and PNG
encoding all count. Also times the HTML export (no browser engine) for contrast.

    .venv/bin/python benchmarks/export_png.py [runs]

The first export has an empty page-skeleton cache (as after installing); the rest reuse it.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def timed(args: list[str], cache: str) -> float:
    env = dict(os.environ, XIXIA_MAP_CACHE=cache)
    started = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "xixia_map", "export", *args], capture_output=True, text=True,
                          env=env)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(proc.stderr[-2000:])
    return elapsed


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    with tempfile.TemporaryDirectory() as tmp, tempfile.TemporaryDirectory() as cache:
        # The first export renders the page skeleton with folium (empty cache), the rest reuse it.
        png = [timed(["--out", str(Path(tmp) / "snap.png"), "--size", "1600x1000"], cache) for _ in range(runs)]
        html = [timed(["--out", str(Path(tmp) / "map.html")], cache) for _ in range(runs)]
    print("png 1600x1000: " + ", ".join(f"{t:.2f}" for t in png) + f" s; first (empty page cache) {png[0]:.2f} s, "
          f"median of the rest {statistics.median(png[1:] or png):.2f} s (target <= 2 s)")
    print("html (no engine): " + ", ".join(f"{t:.2f}" for t in html) + f" s; median {statistics.median(html):.2f} s")


if __name__ == "__main__":
    main()
