"""The Qt binding must not leak or steal references to None.

PySide6 6.12.0 on Python 3.11 drops one reference to None on every call of a
void method (setX, processEvents, runJavaScript ...). None is not immortal
before Python 3.12, so a session aborts with "deallocating None" after a few
thousand calls: minutes of panning. pyproject.toml excludes that release; this
test catches any other release that does the same. The calls run in a child
process, because a binding with the bug aborts the process that makes them.
"""
import subprocess
import sys

import pytest

CALLS = 2000
PROBE = """
import gc, sys
from PySide6.QtCore import QCoreApplication, QObject, QPoint
app = QCoreApplication([])
point, obj = QPoint(), QObject()
call = {
    "QPoint.setX": lambda: point.setX(1),
    "QObject.setObjectName": lambda: obj.setObjectName("x"),
    "processEvents": QCoreApplication.processEvents,
}[sys.argv[1]]
gc.collect()
before = sys.getrefcount(None)
for _ in range(int(sys.argv[2])):
    call()
gc.collect()
print(before - sys.getrefcount(None))
"""


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12 on (PEP 683)")
@pytest.mark.parametrize("label", ["QPoint.setX", "QObject.setObjectName", "processEvents"])
def test_void_calls_keep_none_alive(label):
    proc = subprocess.run([sys.executable, "-c", PROBE, label, str(CALLS)], capture_output=True, text=True,
                          timeout=60, env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0, f"{label}: the probe process died: {proc.stderr[-500:]}"
    lost = int(proc.stdout.strip())
    assert lost < CALLS // 100, f"{label}: {lost} references to None lost over {CALLS} calls"
