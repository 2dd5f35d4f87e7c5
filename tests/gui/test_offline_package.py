"""Offline packages of a map service, from a real XYZ server on loopback: the
estimate, the download into an MBTiles that works as a basemap, a cancelled
download resumed, a process killed mid-write leaving a valid archive, failures
recorded, the rate limit kept, and the terms checked."""
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time

import pytest
from tile_services import assert_in_place
from tile_services import CEILING_S, start_simple

from xixia_map.data.errors import DataError
from xixia_map.data.reader import Cancelled
from xixia_map.data.services.model import MapService
from xixia_map.map.offline_package import PackagePlan, download, estimate
from xixia_map.map.service_tiles import ServiceFetcher, ServiceTiles
from xixia_map.map.tiles import open_tile_source

PLAN = PackagePlan((111.44, 33.28, 111.52, 33.34), 10, 13)


@pytest.fixture(scope="module")
def simple():
    served = start_simple()
    yield served
    served.stop()


def source_for(simple, path="/xyz/{z}/{x}/{y}.png", allowed=True):
    service = MapService("xyz", "测试底图", "xyz", simple.base + path, attribution="测试数据", offline_allowed=allowed)
    fetcher = ServiceFetcher()
    fetcher.allowed = frozenset({simple.origin})
    return service, ServiceTiles(service, fetcher)


def test_the_estimate_counts_every_tile_and_sizes_them(simple):
    service, source = source_for(simple)
    count, megabytes = estimate(source, PLAN)
    assert count == len(list(PLAN.tiles())) and 0.001 < megabytes < 50


def test_a_package_downloads_and_works_as_a_basemap(simple, tmp_path):
    service, source = source_for(simple)
    path = tmp_path / "离线.mbtiles"
    result = download(source, service, PLAN, path, rate_per_s=0)
    assert (result.written, result.skipped, result.failed) == (PLAN.count(), 0, 0)
    archive = open_tile_source(path)
    import mercantile

    t = mercantile.tile(111.48, 33.31, 12)
    assert_in_place(archive.tile(t.z, t.x, t.y), t.z, t.x, t.y)
    meta = dict(sqlite3.connect(path).execute("SELECT name, value FROM metadata").fetchall())
    assert meta["attribution"] == "测试数据" and meta["minzoom"] == "10"


def test_a_cancelled_download_is_usable_and_resumes_where_it_stopped(simple, tmp_path):
    service, source = source_for(simple)
    path = tmp_path / "p.mbtiles"
    fetched = []
    real = source.tile
    source.tile = lambda z, x, y: fetched.append((z, x, y)) or real(z, x, y)
    with pytest.raises(Cancelled):  # Cancel pressed once 7 tiles have come
        download(source, service, PLAN, path, rate_per_s=0, cancelled=lambda: len(fetched) >= 7)
    held = sqlite3.connect(path).execute("SELECT count(*) FROM tiles").fetchone()[0]
    assert 0 < held < PLAN.count()
    result = download(source, service, PLAN, path, rate_per_s=0)
    assert result.skipped == held and result.written == PLAN.count() - held
    assert sqlite3.connect(path).execute("SELECT count(*) FROM tiles").fetchone()[0] == PLAN.count()


def test_a_process_killed_mid_write_leaves_a_valid_archive(simple, tmp_path):
    path = tmp_path / "killed.mbtiles"
    script = textwrap.dedent(f"""
        import sys
        sys.path[:0] = {sys.path!r}
        from xixia_map.data.services.model import MapService
        from xixia_map.map.offline_package import PackagePlan, download
        PLAN = PackagePlan((111.30, 33.20, 111.70, 33.50), 12, 15)
        from xixia_map.map.service_tiles import ServiceFetcher, ServiceTiles
        service = MapService("xyz", "t", "xyz", {simple.base + '/xyz/{z}/{x}/{y}.png'!r}, offline_allowed=True)
        fetcher = ServiceFetcher()
        fetcher.allowed = frozenset({{{simple.origin!r}}})
        download(ServiceTiles(service, fetcher), service, PLAN, {str(path)!r}, rate_per_s=40)
    """)
    proc = subprocess.Popen([sys.executable, "-c", script])
    deadline = time.monotonic() + CEILING_S  # the child's start and first batch, however loaded the machine
    while time.monotonic() < deadline:
        try:
            if sqlite3.connect(path).execute("SELECT count(*) FROM tiles").fetchone()[0] > 0:
                break
        except sqlite3.Error:
            pass
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    held = con.execute("SELECT count(*) FROM tiles").fetchone()[0]
    big = PackagePlan((111.30, 33.20, 111.70, 33.50), 12, 15)
    assert 0 < held < big.count()
    assert 12 <= open_tile_source(path).max_zoom <= 15  # usable as it is: the tiles so far


def test_failed_tiles_are_recorded_and_the_rate_limit_is_kept(simple, tmp_path):
    service, source = source_for(simple, "/broken/{z}/{x}/{y}")
    small = PackagePlan((111.47, 33.30, 111.49, 33.32), 12, 12)
    started = time.perf_counter()
    result = download(source, service, small, tmp_path / "b.mbtiles", rate_per_s=0)
    assert result.failed == small.count() and result.written == 0
    assert sqlite3.connect(tmp_path / "b.mbtiles").execute("SELECT count(*) FROM failed").fetchone()[0] == small.count()
    service, source = source_for(simple)
    plan = PackagePlan((111.40, 33.25, 111.60, 33.40), 13, 13)
    started = time.perf_counter()
    result = download(source, service, plan, tmp_path / "r.mbtiles", rate_per_s=20)
    assert result.written == plan.count() and time.perf_counter() - started >= (plan.count() - 1) / 20 * 0.9


def test_the_terms_are_checked(simple, tmp_path):
    service, source = source_for(simple, allowed=False)
    with pytest.raises(DataError) as refused:
        download(source, service, PLAN, tmp_path / "x.mbtiles")
    assert "条款" in refused.value.one_line("zh")
    from xixia_map.data.services.tianditu import tianditu

    base = tianditu("vec", "key", annotation=False)[0]
    with pytest.raises(DataError) as refused:
        download(source, base, PLAN, tmp_path / "t.mbtiles", confirmed=True)
    assert "天地图" in refused.value.one_line("zh")


def test_a_paused_download_waits_then_goes_on(simple, tmp_path):
    import threading

    service, source = source_for(simple)
    hold = threading.Event()
    hold.set()
    threading.Timer(0.6, hold.clear).start()  # the planner presses Resume after 0.6 s
    started = time.perf_counter()
    result = download(source, service, PackagePlan((111.47, 33.30, 111.49, 33.32), 12, 12), tmp_path / "w.mbtiles",
                      rate_per_s=0, paused=hold.is_set)
    assert result.written >= 1 and time.perf_counter() - started >= 0.55
