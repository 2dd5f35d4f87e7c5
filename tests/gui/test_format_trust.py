"""Issue 29, formats: what the hostile corpus cannot show by one file's outcome
(the file cases themselves are in tests/hostile_formats.py): a DXF layer's
文字编码 menu re-reads the drawing; a huge raster is checked and drawn with a
bounded amount of reading; a GeoPackage's un-checkpointed WAL in a read-only
folder is read as a normal user reads it."""
from ceilings import CEILING_MS
import subprocess
import sys
import tempfile
from pathlib import Path

from hostile_formats import dxf, sparse_dem, wal_gpkg
from windows import open_and_wait
from xixia_map.data.formats.dxf_text import unescape
from xixia_map.data.raster import TILE_READ_PIXELS, read_raster_info


def _encoding_menu(window, layer_id):
    menu = window.layers_panel.layer_menu(layer_id)
    sub = next(a.menu() for a in menu.actions() if a.menu() is not None and a.text() == "文字编码")
    return {a.text(): a for a in sub.actions()}


def test_a_dxf_layer_offers_text_encodings_and_is_read_again_in_the_chosen_one(qtbot, window, tmp_path):
    # GBK text without $DWGCODEPAGE: judged GB18030 (a guess, said so); the planner
    # says it is Big5 after all, then goes back to GB18030.
    drawing = dxf(tmp_path / "设计院.dxf", encoding="gbk", drop_codepage=True)
    window.opener.ask_layer = lambda path, names: "文字"
    layer_id = open_and_wait(qtbot, window, drawing)
    assert list(window.layers[layer_id].frame["Text"]) == ["用地红线 α"]
    assert any("（推测）" in text for _title, text, _format in window.dialogs), window.dialogs
    actions = _encoding_menu(window, layer_id)
    assert list(actions) == ["UTF-8", "GB18030", "Big5", "CP1252（西欧文字）"]
    assert [name for name, action in actions.items() if action.isChecked()] == ["GB18030"]
    with qtbot.waitSignal(window.opener.layer_added, timeout=CEILING_MS) as blocker:
        actions["Big5"].trigger()
    big5_id = blocker.args[0]
    big5 = window.layers[big5_id]
    assert list(big5.frame["Text"]) == ["用地红线 α".encode("gbk").decode("cp950", "replace")]
    assert layer_id not in window.layers or layer_id == big5_id
    assert [name for name, action in _encoding_menu(window, big5_id).items() if action.isChecked()] == ["Big5"]
    with qtbot.waitSignal(window.opener.layer_added, timeout=CEILING_MS) as blocker:
        _encoding_menu(window, big5_id)["GB18030"].trigger()
    assert list(window.layers[blocker.args[0]].frame["Text"]) == ["用地红线 α"]


def test_autocad_escapes_are_decoded_and_nothing_else_is():
    assert unescape("\\U+7528\\U+5730 \\U+03B1") == "用地 α"
    assert unescape("\\U+D83D\\U+DE00") == "😀"  # a pair of escapes beyond U+FFFF
    assert unescape("\\M+5D3C3\\M+1835C") == "用ソ"  # GB2312 and Shift-JIS double bytes
    assert unescape("C:\\U+ZZZZ\\dir 100%%d") == "C:\\U+ZZZZ\\dir 100%%d"
    assert unescape(None) is None and unescape(3.5) == 3.5


def _check(path, *extra):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C", "HOME": str(path.parent), "XIXIA_MAP_CACHE": str(path.parent / "cache")}
    return subprocess.run([sys.executable, "-m", "xixia_map", "check", str(path), *extra], capture_output=True,
                          text=True, timeout=240, env=env)


def test_check_of_a_huge_sparse_dem_without_overviews_finishes_and_says_the_range_is_estimated(tmp_path):
    # Before: the elevation range read every block (10^6 x 10^6 px) and check never finished.
    proc = _check(sparse_dem(tmp_path / "huge.tif"))
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    assert "elevation range 250.0–251.0 m is estimated from 64 sampled blocks" in proc.stdout, proc.stdout
    assert "wide views would read too many pixels and are left blank" in proc.stdout, proc.stdout


def test_a_small_dem_keeps_its_exact_range():
    import planner_files as pf

    with tempfile.TemporaryDirectory() as folder:
        info = read_raster_info(pf.dem(Path(folder) / "dem.tif"))
    assert info.elevation is not None and not info.elevation.estimated and info.elevation_range[1] > info.elevation_range[0]


def test_map_tiles_of_a_huge_raster_read_a_bounded_number_of_pixels(tmp_path):
    import mercantile
    from pyproj import Transformer

    from xixia_map.map.raster_tiles import RasterTiles, source_pixels

    info = read_raster_info(sparse_dem(tmp_path / "huge.tif"))
    tiles = RasterTiles(info)
    wide = mercantile.tile(111.4, 33.3, 10)
    assert source_pixels(info, 10, wide.x, wide.y) > TILE_READ_PIXELS
    assert tiles.render(10, wide.x, wide.y) is None  # left blank: GDAL's warper would try to allocate ~400 GB
    lon, lat = Transformer.from_crs(4525, 4326, always_xy=True).transform(37_490_000 + 50, 3_740_000 - 50)
    near = mercantile.tile(lon, lat, 17)  # over the one block that holds heights
    assert source_pixels(info, 17, near.x, near.y) <= TILE_READ_PIXELS
    png = tiles.render(17, near.x, near.y)
    assert png is not None and png.startswith(b"\x89PNG")


def _as_normal_user_python(code: str, cwd: Path):
    """Python code run without root's power over file permissions (as tests/as_normal_user.py does)."""
    import os
    import shutil

    from as_normal_user import DROP

    prefix = [shutil.which("setpriv"), f"--inh-caps={DROP}", f"--bounding-set={DROP}"] if os.geteuid() == 0 else []
    return subprocess.run([*prefix, sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=cwd,
                          env={**os.environ, "PYTHONWARNINGS": "ignore"})


def test_a_geopackage_whose_changes_are_in_a_wal_in_a_read_only_folder_is_read_whole():
    import shutil

    from as_normal_user import run_as_nobody, shared_folder

    folder = shared_folder()
    received = folder / "received"
    received.mkdir()
    try:
        path = wal_gpkg(received)
        for part in received.iterdir():
            part.chmod(0o444)
        received.chmod(0o555)
        wal = received / "wal.gpkg-wal"
        before = wal.read_bytes()
        # The trap is real: GDAL alone, without write access, reads the file as immutable.
        alone = _as_normal_user_python(f"import pyogrio; print(len(pyogrio.read_dataframe({str(path)!r})))", folder)
        assert alone.stdout.strip() == "3", alone.stdout + alone.stderr
        proc = run_as_nobody("check", str(path), cwd=folder)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
        assert "6 features" in proc.stdout and "read from a temporary copy with them applied" in proc.stdout, proc.stdout
        assert wal.read_bytes() == before and sorted(p.name for p in received.iterdir()) == ["wal.gpkg", "wal.gpkg-wal"]
    finally:
        received.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_large_layer_with_an_unapplied_wal_says_recent_changes_may_be_missing():
    import shutil

    from as_normal_user import shared_folder

    folder = shared_folder()
    received = folder / "received"
    received.mkdir()
    try:
        path = wal_gpkg(received)
        received.chmod(0o555)
        # The large-layer threshold lowered to 2 features in the child, so 6 take that path.
        code = (f"import os; os.environ['XIXIA_MAP_CACHE'] = {str(folder / 'cache')!r}\n"
                "from xixia_map.data.large import opening\n"
                "from xixia_map.data.user_layers import layer_from_file\n"
                "opening.LARGE_LAYER_FEATURES = 2\n"
                f"layer = layer_from_file({str(path)!r})\n"
                "print(layer.streamed)\n"
                "print('\\n'.join(n.en for n in layer.report.notices()))\n")
        proc = _as_normal_user_python(code, folder)
        assert proc.returncode == 0, proc.stderr
        large, *notices = proc.stdout.splitlines()
        assert large == "True" and any("features added or edited recently may be missing" in n for n in notices), \
            proc.stdout
    finally:
        received.chmod(0o755)
        shutil.rmtree(folder, ignore_errors=True)


def test_a_dxf_read_with_an_unknown_encoding_is_refused_in_words(tmp_path):
    from xixia_map.data.errors import DataError
    from xixia_map.data.user_layers import layer_from_file

    drawing = dxf(tmp_path / "d.dxf", encoding="gbk")
    try:
        layer_from_file(drawing, encoding="no-such-codec")  # as a project file may say
    except DataError as exc:
        assert "unknown text encoding 'no-such-codec'" in exc.one_line() and "d.dxf" in exc.one_line()
    else:
        raise AssertionError("read with an unknown encoding")
    layer = layer_from_file(drawing, encoding="CP1252")  # the planner's choice is followed, even a wrong one
    assert list(layer.frame["Text"]) == ["ÓÃµØºìÏß ¦Á"] and layer.report.encoding == "CP1252"
    try:
        layer_from_file(drawing, encoding="UTF-8")  # GBK bytes are not UTF-8: said, as for a shapefile
    except DataError as exc:
        assert "its text is not valid UTF-8: choose another encoding" in exc.one_line()
    else:
        raise AssertionError("GBK text read as UTF-8")
