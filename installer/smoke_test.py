"""Smoke-test a built bundle: headless export, layer listing, and the GUI starting
offscreen, with no Python environment visible to it.

    .venv/bin/python installer/smoke_test.py dist/XixiaMap
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GUI_LIMIT_S = 60
# Chromium and Qt print these on a headless machine; none affects the app.
HARMLESS = re.compile(r"dbus|bus\.cc|propagateSizeHints|GPUInfo|Sandboxing disabled|GL|Vulkan|vulkan|"
                      r"RHI|Failed to create|libva|gbm|DRI|viz_main|Fontconfig|QStandardPaths|"
                      r"^saved |^map drawn |^wrote ")


def clean_env() -> dict:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PYTHON", "VIRTUAL_ENV", "PYTEST", "QT_", "QTWEBENGINE"))}
    env["PATH"] = "/usr/bin:/bin"
    env["XIXIA_SETTINGS"] = str(Path(tempfile.mkdtemp()) / "settings.ini")
    return env


def run(exe: Path, args: list[str], cwd: Path, extra_env=None, timeout=120):
    env = {**clean_env(), **(extra_env or {})}
    started = time.perf_counter()
    proc = subprocess.run([str(exe), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    return proc, time.perf_counter() - started


def problems(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip() and not HARMLESS.search(line)]


# Libraries the bundle itself must provide. Others (GTK, PulseAudio, Wayland)
# belong to the desktop, and only the plugins needing them load them.
BUNDLED_PREFIXES = ("libQt6", "libpyside6", "libshiboken6", "libpython3")


def unresolved_libraries(bundle: Path) -> list[str]:
    """Qt/PySide libraries that something in the bundle links to but the
    bundle lacks: what trimming the bundle must never cause."""
    if os.name == "nt" or not shutil.which("ldd"):
        return []
    internal = bundle / "_internal"
    libdirs = sorted({str(p.parent) for p in internal.rglob("*.so*") if p.is_file()})
    env = {**clean_env(), "LD_LIBRARY_PATH": ":".join(libdirs)}
    missing = []
    for lib in sorted(internal.rglob("*.so*")):
        if not lib.is_file() or "/qml/" in str(lib):
            continue
        out = subprocess.run(["ldd", str(lib)], capture_output=True, text=True, env=env).stdout
        missing += [f"{lib.relative_to(bundle)}: {line.split()[0]}" for line in out.splitlines()
                    if "not found" in line and line.split()[0].startswith(BUNDLED_PREFIXES)]
    return missing


def main(bundle: Path) -> int:
    exe = bundle / ("XixiaMap.exe" if os.name == "nt" else "XixiaMap")
    work = Path(tempfile.mkdtemp(prefix="xixia-smoke-"))
    failures = []

    missing = unresolved_libraries(bundle)
    print(f"[smoke] shared libraries: {len(missing)} unresolved")
    if missing:
        failures.append("libraries the bundle needs but lacks:\n" + "\n".join(missing[:20]))

    proc, secs = run(exe, ["layers"], work)
    if proc.returncode != 0 or len(proc.stdout.splitlines()) != 9:
        failures.append(f"layers: rc={proc.returncode}\n{proc.stdout}{proc.stderr[-1500:]}")
    print(f"[smoke] layers: {len(proc.stdout.splitlines())} layers in {secs:.1f} s")

    proc, secs = run(exe, ["export", "--out", "snap.png", "--size", "800x500"], work)
    from PIL import Image

    snap = work / "snap.png"
    if proc.returncode != 0 or not snap.exists():
        failures.append(f"export: rc={proc.returncode}\n{proc.stderr[-2000:]}")
    else:
        image = Image.open(snap).convert("RGB")
        colours = len(set(image.resize((100, 62)).getdata()))
        print(f"[smoke] export: {image.size} PNG, {colours} colours, {secs:.1f} s")
        if image.size != (800, 500) or colours < 20:
            failures.append(f"export: a blank or wrong-sized image {image.size}, {colours} colours")

    proc, secs = run(exe, ["run", "--screenshot", "window.png"], work, {"QT_QPA_PLATFORM": "offscreen"},
                     timeout=GUI_LIMIT_S)
    drawn = re.search(r"map drawn ([\d.]+) s", proc.stderr)
    print(f"[smoke] gui: rc={proc.returncode}, map drawn in {drawn.group(1) if drawn else '?'} s, "
          f"process {secs:.1f} s")
    if proc.returncode != 0 or not drawn or not (work / "window.png").exists():
        failures.append(f"gui: rc={proc.returncode}\n{proc.stderr[-2000:]}")
    bad = problems(proc.stderr)
    if bad:
        failures.append("gui printed errors:\n" + "\n".join(bad[:20]))
    data_home = work / "xdg"
    proc = subprocess.run(["bash", str(bundle / "install-desktop-entry.sh")], capture_output=True, text=True,
                          env={**clean_env(), "XDG_DATA_HOME": str(data_home)}, timeout=30)
    entry = data_home / "applications" / "xixia-map.desktop"
    exec_line = next((line for line in entry.read_text().splitlines() if line.startswith("Exec=")), "") \
        if entry.exists() else ""
    print(f"[smoke] desktop entry: {exec_line or proc.stderr.strip()}")
    if proc.returncode != 0 or exec_line != f'Exec="{bundle.resolve() / "XixiaMap"}" run':
        failures.append(f"desktop entry: rc={proc.returncode} {exec_line!r} {proc.stderr}")
    if failures:
        print("[smoke] FAILED\n" + "\n\n".join(failures), file=sys.stderr)
        return 1
    print(f"[smoke] OK (outputs in {work})")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
