"""Process set-up before Qt starts: Chromium flags the app adds, and keeps when a user set them."""
import os
import subprocess
import sys

SCRIPT = ("import os; from xixia_map.map.runtime import prepare_web_engine; prepare_web_engine(); "
          "print(os.environ['QTWEBENGINE_CHROMIUM_FLAGS'])")


def _flags(**env) -> str:
    base = {k: v for k, v in os.environ.items() if k != "QTWEBENGINE_CHROMIUM_FLAGS"}
    proc = subprocess.run([sys.executable, "-c", SCRIPT], env={**base, **env}, capture_output=True, text=True,
                          timeout=60)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout.strip()


def test_raster_threads_are_at_least_two_and_offscreen_disables_gpu():
    flags = _flags(QT_QPA_PLATFORM="offscreen").split()
    threads = [f for f in flags if f.startswith("--num-raster-threads=")]
    assert len(threads) == 1 and 2 <= int(threads[0].split("=")[1]) <= 4
    assert "--disable-gpu" in flags


def test_flags_a_user_set_are_kept():
    flags = _flags(QT_QPA_PLATFORM="xcb", QTWEBENGINE_CHROMIUM_FLAGS="--num-raster-threads=1 --foo").split()
    assert flags == ["--num-raster-threads=1", "--foo"]
