"""Every file of the hostile corpus gives its expected outcome, through the
reader and through `xixia-map check`: no traceback, no silent wrong result,
one line naming the file and the cause (in Chinese too)."""
import subprocess
import sys

import pytest

from hostile_corpus import build
from xixia_map.data.crs_checks import CrsQuestion
from xixia_map.data.errors import DataError
from xixia_map.data.user_layers import layer_from_file


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build(tmp_path_factory.mktemp("corpus"))


def _load(path):
    layer_name = "点" if path.name == "two_layers.gpkg" else None
    return layer_from_file(path, layer=layer_name)


def test_every_file_gives_its_expected_outcome(corpus):
    failures = []
    for name, (path, (kind, what)) in sorted(corpus.items()):
        try:
            layer = _load(path)
        except DataError as exc:
            line = exc.one_line()
            zh = exc.one_line("zh")
            if kind != "refused":
                failures.append(f"{name}: refused but should load: {line}")
            elif what not in line or str(path) not in line or len(line.splitlines()) != 1:
                failures.append(f"{name}: message lacks '{what}' or the path: {line}")
            elif zh == line and exc.text.zh == exc.text.en:
                failures.append(f"{name}: no Chinese wording: {line}")
            continue
        if kind == "refused":
            failures.append(f"{name}: loaded but should be refused ({what})")
        elif kind == "warns":
            notices = [t.en for t in layer.report.notices()]
            if not any(what in n for n in notices):
                failures.append(f"{name}: no notice containing '{what}': {notices}")
        else:
            try:
                what(layer)
            except AssertionError as exc:
                failures.append(f"{name}: wrong values: {exc}")
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("name,swap,epsg", [
    ("swapped_lat_lon.csv", True, 4490), ("survey_x_northing.csv", True, 4525),
    ("swapped_gk_declared.gpkg", True, 4525), ("metres_no_crs.geojson", False, 4525)])
def test_axis_swaps_are_detected_and_offered_first(corpus, name, swap, epsg):
    path = corpus[name][0]
    with pytest.raises(CrsQuestion) as info:
        layer_from_file(path)
    best = info.value.guesses[0]
    assert (best.swap, best.epsg) == (swap, epsg)
    layer = layer_from_file(path, assume_crs=best.epsg, swap_axes=best.swap)
    lon, lat = layer.frame.geometry.iloc[0].x, layer.frame.geometry.iloc[0].y
    assert 110.99 <= lon <= 111.83 and 32.98 <= lat <= 33.81 and layer.report.swapped_axes == swap


def test_500k_eastings_hint_names_the_central_meridian_crs(tmp_path):
    import geopandas as gpd
    from pyproj import Transformer
    from shapely.geometry import Point

    x, y = Transformer.from_crs(4326, 4546, always_xy=True).transform(111.48, 33.3)
    path = tmp_path / "cm111.gpkg"
    gpd.GeoDataFrame({"a": [1]}, geometry=[Point(x, y)], crs=None).to_file(path, driver="GPKG")
    code, out, err = _check(path)
    assert code == 1 and "EPSG:4546" in err and "EPSG:4525" not in err


def _check(path, *extra, lang="C"):
    env = {"PATH": "/usr/bin:/bin", "LANG": lang, "HOME": str(path.parent)}
    proc = subprocess.run([sys.executable, "-m", "xixia_map", "check", str(path), *extra],
                          capture_output=True, text=True, timeout=120, env=env)
    return proc.returncode, proc.stdout, proc.stderr


@pytest.mark.parametrize("name", ["hostile_jinja_rce.geojson", "only_string_coords.geojson", "corrupt.zip",
                                  "swapped_lat_lon.csv", "gbk_cut.shp", "two_layers.gpkg", "beijing.geojson",
                                  "<b>hostile<i>.geojson", "huge_number.geojson"])
def test_check_command_on_the_corpus(corpus, name):
    path, (kind, what) = corpus[name]
    code, out, err = _check(path)
    assert "Traceback" not in err + out
    if kind == "refused":
        assert code == 1 and len(err.strip().splitlines()) == 1 and what in err and str(path) in err
    elif name == "two_layers.gpkg":
        assert code == 0 and "2 layers" in out and "点: OK" in out and "线: OK" in out
    else:
        assert code == 0 and (kind == "loads" or what in out), out


def test_check_answers_in_chinese_under_a_chinese_locale(corpus):
    code, _, err = _check(corpus["only_string_coords.geojson"][0], lang="zh_CN.UTF-8")
    assert code == 1 and "坐标是文字" in err and "要素 s1" in err


def test_cli_options_answer_the_questions(corpus, tmp_path):
    code, out, err = _check(corpus["survey_x_northing.csv"][0], "--crs", "EPSG:4525", "--swap-axes")
    assert code == 0 and "lon 111." in out, err
    code, out, err = _check(corpus["gbk_cut.shp"][0], "--encoding", "big5")
    assert code == 0 and "decoded as Big5" in out, err
    code, out, err = _check(corpus["gbk_cut.shp"][0], "--encoding", "utf-8")
    assert code == 1 and "not valid UTF-8" in err and "Traceback" not in err
    code, out, err = _check(corpus["two_layers.gpkg"][0], "--layer", "线")
    assert code == 0 and "1 LineString" in out
    code, out, err = _check(corpus["beijing.geojson"][0], "--crs", "nonsense")
    assert code == 1 and "--crs must look like EPSG:4525" in err
    code, out, err = _check(corpus["hostile_sql.csv"][0], "--offset", "gcj02")
    assert code == 0, err


@pytest.mark.parametrize("name,blocked", [("hostile_sql.geojson", "hostile_sql.geojson"),
                                          ("hostile_sql.csv", "hostile_sql.csv"),
                                          ("gbk_plain.shp", "gbk_plain.dbf")])
def test_unreadable_files_are_named_not_tracebacks(corpus, name, blocked):
    """As an unprivileged user (root reads any file): one line naming the file."""
    import shutil

    from as_normal_user import run_as_nobody, shared_folder

    folder = shared_folder()
    try:
        source = corpus[name][0]
        for part in source.parent.glob(source.stem + ".*"):
            shutil.copy(part, folder / part.name)
        (folder / blocked).chmod(0)
        proc = run_as_nobody("check", str(folder / name), cwd=folder)
        assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1 and "no permission to read" in lines[0] and blocked in lines[0], proc.stderr
    finally:
        shutil.rmtree(folder, ignore_errors=True)
