"""Issue 29, archives and Shapefiles: what the hostile corpus cannot show by an
outcome alone. Memory is measured in a subprocess (peak RSS, under an address-
space limit smaller than the member), and hangs are proven absent by counting
how often an archive's directory is read, with a generous ceiling on the run.
"""
import json
import subprocess
import sys
import textwrap
import tracemalloc
import warnings
import zipfile
import zlib
from pathlib import Path

import pytest
from hostile_archives import (CHUNK, POINT_XY, deflated_zeros, measured_shapefile, names_frame, raw_zip,
                              shapefile_parts, stored, write_shapefile)

from xixia_map.data.crs_checks import ROUNDING_DEGREES, looks_geographic
from xixia_map.data.errors import DataError
from xixia_map.data.formats import archive
from xixia_map.data.formats.archive_read import MEMBER_LIMIT, read_head
from xixia_map.data.large import opening
from xixia_map.data.user_layers import layer_from_file

ROOT = Path(__file__).resolve().parents[2]
CEILING = 600  # seconds: a run that has not finished by then hangs; none is timed
ADDRESS_LIMIT = 2 << 30  # bytes: below the 3.2 GB member, so reading it whole cannot succeed


def _run(script: str, *args, limit: int | None = None) -> subprocess.CompletedProcess:
    """A Python script in a fresh process, its peak RSS printed last (VmHWM, KB). Not
    ru_maxrss: Linux carries a process's peak across exec into its child, so a
    child of a large pytest process would report the parent's peak."""
    prelude = textwrap.dedent(f"""
        import resource, sys
        if {limit!r}:
            resource.setrlimit(resource.RLIMIT_AS, ({limit!r}, {limit!r}))
    """)
    coda = ("\nprint('peak_kb', next(int(line.split()[1]) for line in open('/proc/self/status') "
            "if line.startswith('VmHWM:')))\n")
    # Address space, not memory, is what RLIMIT_AS limits: on a many-core machine
    # numpy's BLAS threads and glibc's per-thread malloc arenas would reserve
    # gigabytes of it unused, so both are kept to what a 2-core machine has.
    env = {"PATH": "/usr/bin:/bin", "LANG": "C", "PYTHONPATH": str(ROOT), "HOME": "/tmp",
           "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MALLOC_ARENA_MAX": "2"}
    return subprocess.run([sys.executable, "-c", prelude + textwrap.dedent(script) + coda, *map(str, args)],
                          capture_output=True, text=True, timeout=CEILING, env=env)


def _peak_mb(proc) -> float:
    line = [entry for entry in proc.stdout.splitlines() if entry.startswith("peak_kb")][-1]
    return int(line.split()[1]) / 1024


CHECK = """
    from xixia_map.cli.main import main
    from xixia_map.data.formats import archive
    code = main(["check", sys.argv[1]])
    print("exit", code, "directory_reads", archive.directory_reads())
"""


def _check_result(proc):
    line = [entry for entry in proc.stdout.splitlines() if entry.startswith("exit ")][-1].split()
    return int(line[1]), int(line[3])


# -- bounded memory --------------------------------------------------------------------

@pytest.fixture(scope="module")
def big_dbf_zip(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    parts = shapefile_parts(folder, "big", names_frame("名称", ["西峡县"]))
    chunks = 205
    data, crc = deflated_zeros(chunks * CHUNK)
    return raw_zip(folder / "big.zip", [stored("big.shp", parts[".shp"]), stored("big.shx", parts[".shx"]),
                                        {"name": "big.dbf", "data": data, "size": chunks * CHUNK, "crc": crc,
                                         "method": 8}])


def test_a_3_gb_dbf_in_a_3_mb_zip_is_refused_in_bounded_memory(big_dbf_zip):
    assert big_dbf_zip.stat().st_size < 8 << 20
    assert zipfile.ZipFile(big_dbf_zip).getinfo("big.dbf").file_size > ADDRESS_LIMIT
    proc = _run(CHECK, big_dbf_zip, limit=ADDRESS_LIMIT)
    assert "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr, proc.stderr
    code, _reads = _check_result(proc)
    lines = proc.stderr.strip().splitlines()
    assert code == 1 and len(lines) == 1, proc.stderr
    assert "big.shp would unpack to 3.2 GB (big.dbf: 3.2 GB), more than the 1 GB" in lines[0]
    assert "unzip it and open the file itself" in lines[0] and str(big_dbf_zip) in lines[0]
    assert _peak_mb(proc) < 600, _peak_mb(proc)


def test_the_refusal_is_in_chinese_too(big_dbf_zip):
    with pytest.raises(DataError) as info:
        layer_from_file(big_dbf_zip)
    assert "解压后有 3.2 GB" in info.value.one_line("zh") and "1 GB" in info.value.one_line("zh")


def test_a_large_dbf_under_the_limit_is_judged_from_a_streamed_head(tmp_path):
    """A zipped shapefile whose .dbf declares 608 MB (its two records, then zeros):
    read, with its text judged, without the .dbf ever being held whole."""
    frame = names_frame("名称", ["黑龙江省", "西峡县"])
    parts = shapefile_parts(tmp_path, "wide", frame)
    zeros = 38 * CHUNK
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(parts[".dbf"]) + compressor.flush(zlib.Z_FULL_FLUSH)
    piece = compressor.compress(bytes(CHUNK)) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = zlib.crc32(parts[".dbf"])
    for _ in range(zeros // CHUNK):
        crc = zlib.crc32(bytes(CHUNK), crc)
    data = head + piece * (zeros // CHUNK) + compressor.flush()
    path = raw_zip(tmp_path / "wide.zip", [stored("wide.shp", parts[".shp"]), stored("wide.shx", parts[".shx"]),
                                           {"name": "wide.dbf", "data": data, "size": len(parts[".dbf"]) + zeros,
                                            "crc": crc, "method": 8}])
    assert len(parts[".dbf"]) + zeros < MEMBER_LIMIT
    proc = _run("""
        from xixia_map.data.user_layers import layer_from_file
        layer = layer_from_file(sys.argv[1])
        print("names", sorted(layer.frame["名称"]), layer.report.encoding)
    """, path, limit=ADDRESS_LIMIT)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert "names ['西峡县', '黑龙江省'] UTF-8" in proc.stdout, proc.stdout
    assert _peak_mb(proc) < 450, _peak_mb(proc)  # the .dbf alone is 608 MB


def test_a_member_is_streamed_with_a_running_count(tmp_path):
    data, crc = deflated_zeros(4 * CHUNK)
    path = raw_zip(tmp_path / "z.zip", [{"name": "honest.bin", "data": data, "size": 4 * CHUNK, "crc": crc,
                                         "method": 8},
                                        {"name": "bomb.bin", "data": data, "size": 4096,
                                         "crc": zlib.crc32(bytes(4096)), "method": 8}])
    tracemalloc.start()
    try:
        head = read_head(path, "honest.bin", 1 << 20)
        bomb = read_head(path, "bomb.bin", 32 << 20)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(head) == 1 << 20  # what was asked, of 64 MB
    assert len(bomb) == 4096  # what it declares, though its data inflates to 64 MB
    assert peak < 8 << 20, peak


# -- no hangs: an archive's directory is read once ---------------------------------------

def test_check_of_3000_geojsons_in_a_zip_reads_the_directory_once(tmp_path):
    path = tmp_path / "many.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive_file:
        for i in range(3000):
            archive_file.writestr(f"p{i:04d}.geojson", json.dumps({"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": {"n": i}, "geometry": {"type": "Point", "coordinates": POINT_XY}}]}))
    proc = _run(CHECK, path)
    assert "Traceback" not in proc.stderr, proc.stderr
    code, reads = _check_result(proc)
    assert code == 0 and f"{path}: 3000 layers" in proc.stdout
    assert proc.stdout.count(": OK, 1 features") == 3000
    assert reads == 1, reads


def test_check_of_200_geopackages_in_a_zip_lists_each_once(tmp_path):
    gpkg = tmp_path / "one.gpkg"
    names_frame("名称", ["西峡县"]).to_file(gpkg, driver="GPKG")
    path = tmp_path / "gpkgs.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive_file:
        for i in range(200):
            archive_file.writestr(f"g{i:03d}.gpkg", gpkg.read_bytes())
    counting = textwrap.dedent("""
        import pyogrio
        listed = []
        real = pyogrio.list_layers
        def counting(source, *args, **kwargs):
            listed.append(source)
            return real(source, *args, **kwargs)
        pyogrio.list_layers = counting
    """)
    proc = _run(counting + textwrap.dedent(CHECK) + "print('listed', len(listed))\n", path)
    assert "Traceback" not in proc.stderr, proc.stderr
    code, reads = _check_result(proc)
    listed = int(proc.stdout.split("listed ")[1].split()[0])
    assert code == 0 and proc.stdout.count(": OK, 1 features") == 200
    assert reads == 1 and listed == 200, (reads, listed)  # was 200 listings per member read


def test_zipped_shapefiles_open_the_archive_once_more_each_for_their_text(tmp_path):
    members = {}
    for i in range(20):
        for suffix, data in shapefile_parts(tmp_path, f"s{i:02d}", names_frame("名称", ["西峡县"])).items():
            members[f"s{i:02d}{suffix}"] = data
    path = tmp_path / "shapes.zip"
    with zipfile.ZipFile(path, "w") as archive_file:
        for name, data in members.items():
            archive_file.writestr(name, data)
    proc = _run(CHECK, path)
    code, reads = _check_result(proc)
    assert code == 0 and proc.stdout.count(": OK, 1 features") == 20, proc.stdout + proc.stderr
    assert reads <= 1 + 20, reads


def test_a_changed_archive_is_listed_again(tmp_path):
    path = tmp_path / "a.zip"
    with zipfile.ZipFile(path, "w") as archive_file:
        archive_file.writestr("a.geojson", "{}")
    assert archive.zip_members(path) == ["a.geojson"]
    with zipfile.ZipFile(path, "a") as archive_file:
        archive_file.writestr("b.geojson", "{}")
    assert archive.zip_members(path) == ["a.geojson", "b.geojson"]


# -- the CLI: a lone .dbf, pyogrio's warnings, a negative --bbox --------------------------

def _cli(*args):
    env = {"PATH": "/usr/bin:/bin", "LANG": "C", "PYTHONPATH": str(ROOT), "HOME": "/tmp"}
    return subprocess.run([sys.executable, "-m", "xixia_map", *map(str, args)], capture_output=True, text=True,
                          timeout=CEILING, env=env)


def test_check_of_a_lone_dbf_is_a_table_or_one_clear_line(tmp_path):
    import geopandas as gpd
    from shapely.geometry import Point

    table = gpd.GeoDataFrame({"名称": ["黑龙江省"], "lon": [111.48], "lat": [33.3]}, geometry=[Point(0, 0)])
    lone = shapefile_parts(tmp_path, "t", table)
    (tmp_path / "with_coords.dbf").write_bytes(lone[".dbf"])
    (tmp_path / "no_coords.dbf").write_bytes(shapefile_parts(tmp_path, "n", names_frame("名称", ["西峡县"]))[".dbf"])
    proc = _cli("check", tmp_path / "with_coords.dbf")
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    fields = [line for line in proc.stdout.splitlines() if line.startswith("fields:")]
    assert fields and "名称" in fields[0], proc.stdout
    assert "a .dbf on its own is a table" in proc.stdout
    assert "attribute text decoded as UTF-8" in proc.stdout
    proc = _cli("check", tmp_path / "no_coords.dbf")
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 1 and len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert "only the attribute table of a shapefile" in lines[0]


def test_pyogrio_warnings_become_notices_not_terminal_text(tmp_path):
    path = measured_shapefile(tmp_path, "m")
    proc = _cli("check", path)
    assert proc.returncode == 0, proc.stderr
    assert "Warning" not in proc.stderr and "Measured" not in proc.stderr, proc.stderr
    assert "the file's geometries carry measures (M values, type PointM)" in proc.stdout
    zh = subprocess.run([sys.executable, "-m", "xixia_map", "check", str(path)], capture_output=True, text=True,
                        timeout=CEILING, env={"PATH": "/usr/bin:/bin", "LANG": "zh_CN.UTF-8",
                                              "PYTHONPATH": str(ROOT), "HOME": "/tmp"})
    assert "文件的几何带有测量值（M 值" in zh.stdout, zh.stdout


def test_a_layer_read_without_a_choice_says_so_and_warns_nothing(tmp_path):
    from shapely.geometry import LineString
    import geopandas as gpd

    path = tmp_path / "两层.gpkg"
    names_frame("n", ["a"]).to_file(path, layer="点", driver="GPKG")
    gpd.GeoDataFrame({"n": ["b"]}, geometry=[LineString([(111.4, 33.3), (111.5, 33.4)])], crs=4326).to_file(
        path, layer="线", driver="GPKG")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        layer = layer_from_file(path)
    assert not [w for w in caught if issubclass(w.category, UserWarning)], [str(w.message) for w in caught]
    assert "the file holds 2 layers; read the first, 点 (the others: 线)" in [t.en for t in layer.report.notices()]


@pytest.mark.parametrize("bbox", [["--bbox", "-79,33,-78,34"], ["--bbox=-79,33,-78,34"], ["--bbox", "-79.5,-33,-78,34"]])
def test_a_bbox_may_start_with_a_minus_sign(tmp_path, bbox):
    proc = _cli("export", "--out", tmp_path / "x.geojson", *bbox)
    assert "expected one argument" not in proc.stderr and proc.returncode == 0, proc.stderr


# -- .cpg in the large-layer path, lon/lat rounding --------------------------------------

def test_a_large_shapefile_reads_its_cpg_spelling_too(tmp_path, monkeypatch):
    monkeypatch.setattr(opening, "LARGE_LAYER_FEATURES", 100)
    monkeypatch.setenv("XIXIA_MAP_CACHE", str(tmp_path / "cache"))
    values = [f"ひらがな{i}" for i in range(150)]
    path = write_shapefile(tmp_path, "big_sjis", names_frame("name", values), encoding="shift_jis", cpg="shiftjis")
    layer = layer_from_file(path)
    assert layer.streamed  # the large path
    assert sorted(layer.features.page(0, 150)["name"]) == sorted(values)
    assert layer.report.encoding == "shift_jis"


@pytest.mark.parametrize("bounds,geographic", [
    ((-180.00000000000006, -90, 180.00000000000006, 90.00000000000001), True),
    ((-180, -90, 180, 90), True),
    ((111.4, 33.3, 180 + 2 * ROUNDING_DEGREES, 33.4), False),
    ((111.4, 33.3, 180.0000001, 33.4), False),
    ((111.4, -90 - 2 * ROUNDING_DEGREES, 111.5, 33.4), False)])
def test_lon_lat_tolerates_rounding_only(bounds, geographic):
    assert looks_geographic(bounds) == geographic
