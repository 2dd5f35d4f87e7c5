"""The desktop bundle: built by installer/build.sh, smoke-tested here.

Marked slow: freezing the app takes minutes, so the default run leaves it out
(see pyproject's addopts) and `pytest -m slow` runs it on its own.
"""
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUNDLE = ROOT / "dist" / "XixiaMap"


@pytest.mark.slow
def test_frozen_bundle_passes_its_smoke_test():
    if not (BUNDLE / "XixiaMap").exists():
        build = subprocess.run(["bash", str(ROOT / "installer" / "build.sh")], capture_output=True, text=True,
                               timeout=1800)
        assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    proc = subprocess.run([sys.executable, str(ROOT / "installer" / "smoke_test.py"), str(BUNDLE)],
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr[-3000:]
    assert "[smoke] OK" in proc.stdout
