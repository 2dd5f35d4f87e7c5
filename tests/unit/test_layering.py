"""The packages' direction of dependency (README, Architecture): ui → export →
map → data, cli above them all, and no Qt in data. Read from the source's own
import statements, including those inside functions."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "xixia_map"
ORDER = ("data", "map", "export", "ui", "cli")  # each may import only those before it


def _imports(path: Path, package_dir: Path) -> set[str]:
    """Fully qualified modules a file imports (relative imports resolved)."""
    parts = path.relative_to(package_dir.parent).with_suffix("").parts
    package = parts[:-1] if parts[-1] != "__init__" else parts
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1]
                module = ".".join(base + ((node.module,) if node.module else ()))
            else:
                module = node.module or ""
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
    return found


def _violations(package_dir: Path = PACKAGE) -> list[str]:
    """Each file's forbidden imports, one line per package it reaches (or Qt)."""
    wrong: set[str] = set()
    for path in sorted(package_dir.rglob("*.py")):
        rel = path.relative_to(package_dir)
        if len(rel.parts) < 2 or rel.parts[0] not in ORDER:
            continue
        own = ORDER.index(rel.parts[0])
        for module in _imports(path, package_dir):
            top = module.split(".")
            if top[0] == "PySide6" and rel.parts[0] == "data":
                wrong.add(f"{rel}: Qt")
            if top[0] == "xixia_map" and len(top) > 1 and top[1] in ORDER and ORDER.index(top[1]) > own:
                wrong.add(f"{rel}: imports xixia_map.{top[1]}")
    return sorted(wrong)


def test_imports_run_down_the_layers_only_and_data_has_no_qt():
    assert _violations() == []


def test_the_check_sees_relative_and_absolute_imports(tmp_path):
    """The check itself, on a planted package: upward imports and Qt in data/ are found."""
    package = tmp_path / "xixia_map"
    (package / "data" / "sub").mkdir(parents=True)
    (package / "data" / "planted.py").write_text("from ..ui import main_window\nfrom PySide6 import QtCore\n")
    (package / "data" / "sub" / "deep.py").write_text("def f():\n    from ...export import report\n")
    (package / "map").mkdir()
    (package / "map" / "upward.py").write_text("from ..data import layers\nimport xixia_map.ui.i18n\n")
    assert _violations(package) == ["data/planted.py: Qt", "data/planted.py: imports xixia_map.ui",
                                    "data/sub/deep.py: imports xixia_map.export", "map/upward.py: imports xixia_map.ui"]
