"""The page's pure JavaScript rules (style, labels, pane order) under node's own
test runner: `node --test tests/js/`. The page's plugins themselves are driven
through QtWebEngine by the map tests."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from ceilings import CEILING_S

JS_TESTS = Path(__file__).resolve().parents[1] / "js"


def test_the_page_rules_pass_under_node():
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the page's JavaScript rules (tests/js) were not run")
    result = subprocess.run([node, "--test", str(JS_TESTS)], capture_output=True, text=True, timeout=CEILING_S,
                            cwd=JS_TESTS.parent.parent)
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    ran = re.search(r"^# pass (\d+)$", report, re.MULTILINE)
    files = len(list(JS_TESTS.glob("*.test.js")))
    assert files >= 3 and ran and int(ran.group(1)) >= files, report  # the tests were found, and ran
