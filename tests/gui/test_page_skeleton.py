"""The cached page skeleton: same page as folium renders, and no folium import on a cache hit."""
import os
import subprocess
import sys

from xixia_map.map import page_skeleton
from xixia_map.map.page import build_page

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def _without_names(html: str) -> str:
    import re

    return re.sub(r"_[0-9a-f]{32}", "_ID", html)  # folium names elements with random hex


def test_cached_page_is_the_page_folium_renders(tmp_path, bundled_layers, monkeypatch):
    monkeypatch.setenv("XIXIA_MAP_CACHE", str(tmp_path))
    first = build_page(bundled_layers)
    assert len(list(tmp_path.glob("page-*.html"))) == 1
    second = build_page(bundled_layers)
    assert first == second  # served from the cache, names and all
    from xixia_map.map.folium_page import render_page
    from xixia_map.map.page import config_to_js, layer_config

    bounds = bundled_layers["county"].bounds()
    config = {"bounds": list(bounds), "basemap": None, "lang": "zh",
              "layers": [layer_config(layer, False) for layer in bundled_layers]}
    direct = render_page(config_to_js(config), page_skeleton.DEFAULT_CENTER)
    assert _without_names(first) == _without_names(direct)
    assert "回车镇" not in first  # labels come as data, not in the page
    assert '"id": "townships"' in first or '"id":"townships"' in first


def test_damaged_or_unwritable_cache_still_gives_the_page(tmp_path, bundled_layers, monkeypatch):
    monkeypatch.setenv("XIXIA_MAP_CACHE", str(tmp_path))
    build_page(bundled_layers)
    (cached,) = tmp_path.glob("page-*.html")
    cached.write_text("<html>truncated", encoding="utf-8")
    assert "window.xixia.init(" in build_page(bundled_layers)
    assert page_skeleton.CONFIG_PLACEHOLDER in cached.read_text(encoding="utf-8")  # repaired
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("XIXIA_MAP_CACHE", str(blocked / "cache"))
    assert "window.xixia.init(" in build_page(bundled_layers)


def test_a_changed_page_source_gets_a_new_key(tmp_path):
    import shutil
    from pathlib import Path

    here = Path(page_skeleton.__file__).parent
    for name in ("folium_page.py", "assets.py", "page_skeleton.py"):
        shutil.copy(here / name, tmp_path / name)
    key = page_skeleton.skeleton_key(tmp_path)
    assert key == page_skeleton.skeleton_key()  # the copy is the same source
    page = tmp_path / "folium_page.py"
    page.write_text(page.read_text(encoding="utf-8").replace("zoom_start=9", "zoom_start=10"), encoding="utf-8")
    assert page_skeleton.skeleton_key(tmp_path) != key


def test_a_new_version_gets_a_new_key(monkeypatch):
    key = page_skeleton.skeleton_key()
    monkeypatch.setattr(page_skeleton, "__version__", "changed")
    assert page_skeleton.skeleton_key() != key


def test_with_a_warm_cache_the_app_page_is_built_without_importing_folium(tmp_path):
    script = (
        "import sys\n"
        "from xixia_map.data.catalog import load_catalog\n"
        "from xixia_map.data.layers import LayerList\n"
        "from xixia_map.map.page import build_page\n"
        "from xixia_map.paths import CATALOG_PATH\n"
        "html = build_page(LayerList.from_catalog(load_catalog(CATALOG_PATH)))\n"
        "print('folium' in sys.modules, 'window.xixia.init(' in html)\n"
    )
    env = dict(os.environ, XIXIA_MAP_CACHE=str(tmp_path))
    runs = [subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True,
                           text=True, timeout=120) for _ in range(2)]
    assert [r.stdout.split() for r in runs] == [["True", "True"], ["False", "True"]], runs[-1].stderr


def test_skeletons_unused_for_a_month_are_pruned(tmp_path, bundled_layers, monkeypatch):
    import time

    monkeypatch.setenv("XIXIA_MAP_CACHE", str(tmp_path))
    stale, recent = tmp_path / "page-0000000000000000.html", tmp_path / "page-1111111111111111.html"
    for file, days in ((stale, 40), (recent, 3)):
        file.write_text("old", encoding="utf-8")
        os.utime(file, (time.time() - days * 86400,) * 2)
    build_page(bundled_layers)  # renders and stores the current one
    assert not stale.exists() and recent.exists()
    assert len(list(tmp_path.glob("page-*.html"))) == 2
