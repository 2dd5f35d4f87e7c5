"""Every interface text the code marks for translation has its English in
resources/i18n/xixia_map_en.ts: lupdate, run over the sources on a copy of
the catalogue, finds nothing new and nothing unfinished."""
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_marked_text_has_its_english(tmp_path):
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    copy = tmp_path / "check.ts"
    shutil.copy(ROOT / "resources" / "i18n" / "xixia_map_en.ts", copy)
    sources = sorted(str(p) for p in (ROOT / "xixia_map").rglob("*.py"))
    proc = subprocess.run([str(lupdate), *sources, "-ts", str(copy), "-no-obsolete"],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    text = copy.read_text(encoding="utf-8")
    missing = []
    for block in re.findall(r"<message>(.*?)</message>", text, re.S):
        if 'type="unfinished"' in block or re.search(r"<translation>\s*</translation>", block):
            missing.append(re.search(r"<source>(.*?)</source>", block, re.S).group(1))
    assert missing == [], f"{len(missing)} texts have no English: {missing[:20]}"
