"""Issue 22's figures, on a throwaway PostgreSQL + PostGIS server started here
(tests/postgis_server.py: initdb in a temporary folder, a free loopback port,
stopped at the end; `bash installer/dev.sh test` installs the server packages).

  editors  five planners (processes, each its own connection and database user)
           make 1 000 edits in all on a shared register of 200 projects: each edit
           adds 1 万元 to one random project's completed investment and saves at
           once; a save refused as a conflict is re-read and re-applied, as the
           window's "keep mine" does. Lost edits = 1 000 - (the sum of the
           increments in the register), so a lost update cannot hide.
  layer    the generated 三调 layer (benchmarks/landuse_data.py) copied into a
           PostGIS table with a GiST index, then in the real view (offscreen,
           1600 x 1000): opened to the county's first frame, and zooms and pans at
           county, township and village extents; the same file as a GeoPackage
           in the same run (its store built beforehand), for comparison.

    .venv/bin/python benchmarks/postgis_team.py [--cases editors,layer] [--count 200000]
"""
from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE.parent / "tests" / "helpers"))

EDITORS = 5
EDITS = 1000
PROJECTS = 200


def _editor(args) -> dict:
    """One planner's edits; returns its save times and the conflicts it met."""
    info, user, password, schema, count, seed = args
    from xixia_map.data.postgis.connection import PgConnection
    from xixia_map.data.register.pg_store import open_pg_register
    from xixia_map.data.register.session import EditSession
    from xixia_map.data.register.model import RegisterConflict

    connection = PgConnection(**info, user=user)
    rng = random.Random(seed)
    session = EditSession(open_pg_register(connection, schema, password=password))
    pids = list(session.frame["pid"])
    times, conflicts, retries = [], 0, 0
    for _ in range(count):
        pid = rng.choice(pids)
        while True:
            current = session.register.record(pid)["completed"]
            session.change(pid, {"completed": float(current) + 1.0})
            started = time.perf_counter()
            try:
                session.save()
                times.append(time.perf_counter() - started)
                break
            except RegisterConflict:
                conflicts += 1
                retries += 1
                session = EditSession(session.register.reopen())  # theirs read again; mine applied on top
    return {"times": times, "conflicts": conflicts}


def editors(server) -> None:
    import geopandas as gpd
    import numpy as np
    import shapely
    from postgis_server import ADMIN, ADMIN_PASSWORD, PLANNERS

    from xixia_map.data.postgis.connection import PgConnection
    from xixia_map.data.register.pg_store import create_pg_register, open_pg_register

    rng = np.random.default_rng(3)
    frame = gpd.GeoDataFrame({
        "pid": [f"XM{i:04d}" for i in range(PROJECTS)], "name": [f"项目{i}" for i in range(PROJECTS)],
        "completed": np.zeros(PROJECTS), "placement": "已落图"},
        geometry=shapely.points(rng.uniform(111.1, 111.7, PROJECTS), rng.uniform(33.1, 33.7, PROJECTS)), crs=4326)
    info = {"host": server.host, "port": server.port, "dbname": server.database}
    admin = PgConnection(**info, user=ADMIN)
    users = ["planner_a", "planner_b"]
    create_pg_register(admin, "team", frame, password=ADMIN_PASSWORD, editors=users, readers=("viewer",))
    jobs = [(info, users[i % 2], PLANNERS[users[i % 2]], "team", EDITS // EDITORS, 100 + i) for i in range(EDITORS)]
    started = time.perf_counter()
    with multiprocessing.get_context("spawn").Pool(EDITORS) as pool:
        results = pool.map(_editor, jobs)
    wall = time.perf_counter() - started
    final = open_pg_register(admin, "team", password=ADMIN_PASSWORD)
    total = float(final.frame["completed"].sum())
    times = [t for r in results for t in r["times"]]
    conflicts = sum(r["conflicts"] for r in results)
    print(f"\n## {EDITORS} concurrent editors, {EDITS} edits on {PROJECTS} shared projects (PostGIS {server.port})")
    print("| edits made | edits in the register | lost | conflicts detected (re-read, re-applied) | "
          "save: median / p95 / worst | wall time |\n|---|---|---|---|---|---|")
    p95 = sorted(times)[int(0.95 * len(times)) - 1]
    print(f"| {len(times)} | {total:.0f} | {EDITS - total:.0f} | {conflicts} | "
          f"{statistics.median(times) * 1000:.1f} / {p95 * 1000:.1f} / {max(times) * 1000:.1f} ms | {wall:.1f} s |",
          flush=True)


def _copy_layer(server, gpkg: Path) -> float:
    """The GeoPackage's DLTB into planning.dltb by COPY (EWKB hex), with a GiST index."""
    import psycopg
    import pyogrio
    import shapely

    started = time.perf_counter()
    with psycopg.connect(server.conninfo(), autocommit=True) as conn:
        conn.execute("DROP TABLE IF EXISTS planning.dltb")
        conn.execute("CREATE TABLE planning.dltb (gid integer PRIMARY KEY, bsm text, dlbm text, dlmc text, "
                     "zldwmc text, tbmj double precision, geom geometry(Polygon, 4525))")
        with pyogrio.open_arrow(str(gpkg), layer="DLTB", batch_size=50_000, return_fids=True,
                                use_pyarrow=True) as (_meta, reader):
            with conn.cursor().copy("COPY planning.dltb (gid, bsm, dlbm, dlmc, zldwmc, tbmj, geom) FROM STDIN") as copy:
                for batch in reader:
                    table = batch.to_pydict()
                    wkb = shapely.to_wkb(shapely.from_wkb(table[batch.schema.names[-1]]), hex=True, include_srid=False)
                    for i, fid in enumerate(table[batch.schema.names[0]]):
                        copy.write_row((fid, table["BSM"][i], table["DLBM"][i], table["DLMC"][i], table["ZLDWMC"][i],
                                        table["TBMJ"][i], "SRID=4525;" + wkb[i]))
        conn.execute("CREATE INDEX dltb_geom ON planning.dltb USING gist (geom)")
        conn.execute("GRANT SELECT ON planning.dltb TO viewer")
        conn.execute("ANALYZE planning.dltb")
    return time.perf_counter() - started


def _measure_table(info: dict, password: str) -> dict:
    """In a fresh process: the table in the real view, with landuse_large's own steps."""
    import large_layer as bench
    from landuse_large import county_view, extent_moves, first_frame

    from xixia_map.data.postgis.connection import PgConnection
    from xixia_map.data.postgis.layer import layer_from_postgis

    view, layers = county_view(bench)
    pss_before = bench.memory_mb("Pss", "smaps_rollup")
    _layer, opened, first = first_frame(bench, view, layers, lambda: layer_from_postgis(
        PgConnection(**info, user="viewer"), "planning", "dltb", layers.ids(), password=password))
    result = {"open": opened, "first": first, "pss_before": pss_before, "moves": extent_moves(bench, view),
              "pss": bench.memory_mb("Pss", "smaps_rollup")}
    view.close()
    return result


def layer_case(server, count: int) -> None:
    from landuse_data import make_dltb
    from postgis_server import PLANNERS

    _gdb, gpkg = make_dltb(Path("out/landuse") / str(count), count)
    copied = _copy_layer(server, gpkg)
    info = {"host": server.host, "port": server.port, "dbname": server.database}
    proc = subprocess.run([sys.executable, __file__, "--table", json.dumps(info), PLANNERS["viewer"]],
                          capture_output=True, text=True)
    lines = [line for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if not lines:
        raise SystemExit(proc.stderr[-3000:])
    table = json.loads(lines[-1][len("RESULT "):])
    cache = Path("out/landuse") / str(count) / "app-cache"
    gpkg_run = subprocess.run([sys.executable, str(HERE / "landuse_large.py"), "--measure", str(gpkg), str(cache)],
                              capture_output=True, text=True)
    file = json.loads([line for line in gpkg_run.stdout.splitlines() if line.startswith("RESULT ")][-1][7:])
    print(f"\n## {count:,} 三调 cells: a PostGIS table (GiST index) against the same GeoPackage (its store cached)")
    print(f"(copied into PostGIS in {copied:.0f} s)")
    print("| | PostGIS table | GeoPackage | \n|---|---|---|")
    print(f"| open to the county's first frame | {table['first']:.2f} s (open {table['open']:.2f} s) | "
          f"{file['first']:.2f} s |")
    for name in table["moves"]:
        t, f = table["moves"][name], file["moves"][name]
        import numpy as np

        print(f"| {name}: zoom / pan after 1 s looking | {np.median(t['1.0']['zoom']) * 1000:.0f} / "
              f"{np.median(t['1.0']['pan']) * 1000:.0f} ms | {np.median(f['1.0']['zoom']) * 1000:.0f} / "
              f"{np.median(f['1.0']['pan']) * 1000:.0f} ms |")
        print(f"| {name}: zoom / pan straight after | {np.median(t['0.0']['zoom']) * 1000:.0f} / "
              f"{np.median(t['0.0']['pan']) * 1000:.0f} ms | {np.median(f['0.0']['zoom']) * 1000:.0f} / "
              f"{np.median(f['0.0']['pan']) * 1000:.0f} ms |")
    print(f"| PSS, whole app | {table['pss']:.0f} MB (before {table['pss_before']:.0f}) | {file['pss']:.0f} MB |",
          flush=True)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--table":
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        print("RESULT " + json.dumps(_measure_table(json.loads(sys.argv[2]), sys.argv[3])), flush=True)
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", default="editors,layer")
    parser.add_argument("--count", type=int, default=1_000_000)
    args = parser.parse_args()
    import postgis_server

    server = postgis_server.start()
    try:
        if "editors" in args.cases:
            editors(server)
        if "layer" in args.cases:
            layer_case(server, args.count)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
