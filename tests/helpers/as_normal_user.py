"""Run the CLI without root's power over file permissions, so permission checks
are real even when the test suite runs as root. Root keeps its uid (its Python
under /root stays usable) but loses CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH,
the capabilities that let it read and write any file (util-linux's setpriv,
part of every Debian system)."""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

DROP = "-dac_override,-dac_read_search"


def shared_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="xixia-perm-"))


def run_as_nobody(*args, cwd: Path, timeout=120):
    env = {**os.environ, "LANG": "C", "LC_ALL": "C", "XIXIA_MAP_CACHE": str(cwd / "cache")}
    prefix = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv, "util-linux's setpriv is needed to drop root's file capabilities"
        prefix = [setpriv, f"--inh-caps={DROP}", f"--bounding-set={DROP}"]
    return subprocess.run([*prefix, sys.executable, "-m", "xixia_map", *args], capture_output=True, text=True,
                          timeout=timeout, env=env, cwd=cwd)
