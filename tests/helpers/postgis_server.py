"""A real PostgreSQL + PostGIS server for the tests: a throwaway cluster.

initdb in a temporary folder, started on a free loopback port as an
unprivileged user (PostgreSQL refuses to run as root; as root the cluster
belongs to the `postgres` user Debian's package creates), with password
(SCRAM) authentication over TCP, a database with the PostGIS extension, and
three roles: two planners who may write and one viewer who may only read. It
is stopped and removed at the end of the session; nothing is left running.
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

ADMIN, ADMIN_PASSWORD = "xixia_admin", "admin-pw-测试"
PLANNERS = {"planner_a": "pw-a-甲", "planner_b": "pw-b-乙", "viewer": "pw-v-丙"}
DATABASE = "xixia_test"


def bin_dir() -> Path | None:
    """Debian's PostgreSQL binaries (the newest installed), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    host: str
    port: int
    database: str
    folder: Path
    bin: Path
    run_as: str | None

    def conninfo(self, user: str = ADMIN, password: str | None = None) -> str:
        password = password if password is not None else (ADMIN_PASSWORD if user == ADMIN else PLANNERS[user])
        return f"host={self.host} port={self.port} dbname={self.database} user={user} password={password}"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = list(args)
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120)

    def stop(self) -> None:
        self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "fast", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)


def start() -> Server:
    import psycopg

    binaries = bin_dir()
    if binaries is None:
        raise RuntimeError("PostgreSQL is not installed (bash installer/dev.sh test installs it)")
    folder = Path(tempfile.mkdtemp(prefix="xixia-pg-"))
    run_as = None
    if os.geteuid() == 0:
        run_as = "postgres"
        account = pwd.getpwnam(run_as)
        os.chown(folder, account.pw_uid, account.pw_gid)
    server = Server("127.0.0.1", _free_port(), DATABASE, folder, binaries, run_as)
    pwfile = folder / "pw"
    pwfile.write_text(ADMIN_PASSWORD)
    if run_as:
        os.chown(pwfile, account.pw_uid, account.pw_gid)
    done = server._run(str(binaries / "initdb"), "-D", str(folder / "data"), "-U", ADMIN, "--pwfile", str(pwfile),
                       "--auth-local=scram-sha-256", "--auth-host=scram-sha-256", "-E", "UTF8",
                       "--locale=C.UTF-8")
    pwfile.unlink()
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"initdb failed: {done.stderr[-2000:]}")
    options = f"-c port={server.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={folder}"
    done = server._run(str(binaries / "pg_ctl"), "-D", str(folder / "data"), "-o", options, "-l",
                       str(folder / "log"), "-w", "-t", "60", "start")
    if done.returncode != 0:
        log = (folder / "log").read_text() if (folder / "log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"the test server did not start: {done.stderr[-1000:]} {log[-2000:]}")
    with psycopg.connect(f"host=127.0.0.1 port={server.port} dbname=postgres user={ADMIN} "
                         f"password={ADMIN_PASSWORD}", autocommit=True) as conn:
        conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(DATABASE)))
        for role, password in PLANNERS.items():
            conn.execute(psycopg.sql.SQL("CREATE ROLE {} LOGIN PASSWORD {}").format(
                psycopg.sql.Identifier(role), psycopg.sql.Literal(password)))
    with psycopg.connect(server.conninfo(), autocommit=True) as conn:
        conn.execute("CREATE EXTENSION postgis")
        conn.execute("CREATE SCHEMA planning")
        conn.execute("GRANT USAGE ON SCHEMA planning, public TO planner_a, planner_b, viewer")
        conn.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA planning, public GRANT SELECT ON TABLES TO viewer")
        conn.execute("ALTER DEFAULT PRIVILEGES IN SCHEMA planning, public "
                     "GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO planner_a, planner_b")
        conn.execute("GRANT CREATE ON SCHEMA planning TO planner_a, planner_b")
    return server
