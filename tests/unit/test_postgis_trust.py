"""A password goes only where the planner sent it, against the real throwaway
cluster (tests/postgis_server.py) and a hostile server that asks every client
for its password in clear (tests/pg_trap.py): a project file's connection is
not contacted until confirmed; once confirmed it gets no password from
PGPASSWORD, a service file or the keyring unless saved for exactly it."""
import pytest
from pg_trap import Trap
from postgis_server import PLANNERS

from xixia_map.data.errors import DataError
from xixia_map.data.postgis.connection import (
    PasswordRefused, PgConnection, UnconfirmedConnection, connect, store_password,
)
from xixia_map.data.postgis.layer import layer_from_postgis

ENV_SECRET = "env-secret-环境"


@pytest.fixture
def trap():
    server = Trap()
    yield server
    server.close()


@pytest.fixture
def clean_env(monkeypatch, tmp_path):
    """No libpq variable of the machine running the tests, and no ~/.pgpass of its user."""
    for name in ("PGPASSWORD", "PGHOST", "PGHOSTADDR", "PGPORT", "PGUSER", "PGDATABASE", "PGSERVICE",
                 "PGSERVICEFILE", "PGSSLMODE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    return monkeypatch


def named_by_project(host, port, user="viewer", dbname="xixia_test", **extra) -> PgConnection:
    return PgConnection.from_project({"host": host, "port": port, "dbname": dbname, "user": user, **extra})


def test_a_project_connection_is_not_contacted_until_confirmed(trap, clean_env):
    clean_env.setenv("PGPASSWORD", ENV_SECRET)
    connection = named_by_project(trap.host, trap.port)
    with pytest.raises(UnconfirmedConnection) as refused:
        connect(connection)
    assert "尚未确认" in refused.value.one_line("zh") and "not contacted" in refused.value.one_line("en")
    with pytest.raises(UnconfirmedConnection):
        layer_from_postgis(connection, "public", "parcels")
    assert trap.proves_nothing_else_connected() == []


def test_a_confirmed_connection_gets_no_password_from_the_environment_or_a_service_file(trap, clean_env,
                                                                                         tmp_path):
    clean_env.setenv("PGPASSWORD", ENV_SECRET)
    clean_env.setenv("PGHOST", "192.0.2.1")  # the environment names another server
    service = tmp_path / "pg_service.conf"
    service.write_text("[county]\nhost=192.0.2.1\nuser=viewer\npassword=service-secret\n", encoding="utf-8")
    clean_env.setenv("PGSERVICEFILE", str(service))
    for connection in (named_by_project(trap.host, trap.port),
                       named_by_project(trap.host, trap.port, service="county")):
        with pytest.raises(PasswordRefused) as refused:
            connect(connection.confirmed())
        assert "密码错误或未提供密码" in refused.value.one_line("zh")
    seen = trap.proves_nothing_else_connected()
    assert len(seen) >= 2 and {c["startup"].get("user") for c in seen} == {"viewer"}  # it was asked, in clear
    assert trap.passwords() == []
    assert not any(secret in c["raw"] for c in seen for secret in (ENV_SECRET.encode(), b"service-secret"))


def test_the_trap_sees_a_password_that_is_sent(trap, clean_env):
    """The test above can fail: what the planner typed, and PGPASSWORD for the
    connection the environment itself names, do reach the server asked for."""
    clean_env.setenv("PGPASSWORD", ENV_SECRET)
    with pytest.raises(PasswordRefused):
        connect(PgConnection(host=trap.host, port=trap.port, dbname="xixia_test", user="viewer"))  # typed
    for name, value in (("PGHOST", trap.host), ("PGPORT", str(trap.port)), ("PGUSER", "viewer"),
                        ("PGDATABASE", "xixia_test")):
        clean_env.setenv(name, value)
    with pytest.raises(PasswordRefused):
        connect(named_by_project(trap.host, trap.port).confirmed())
    trap.proves_nothing_else_connected()
    assert len(trap.passwords()) >= 2 and set(trap.passwords()) == {ENV_SECRET.encode()}


def test_pgpassword_serves_the_connection_the_environment_names(postgis, clean_env):
    project = named_by_project(postgis.host, postgis.port).confirmed()
    clean_env.setenv("PGPASSWORD", PLANNERS["viewer"])
    with pytest.raises(PasswordRefused):
        connect(project)  # PGPASSWORD alone names no server
    for name, value in (("PGHOST", postgis.host), ("PGPORT", str(postgis.port)), ("PGUSER", "viewer"),
                        ("PGDATABASE", postgis.database)):
        clean_env.setenv(name, value)
    with connect(project) as conn:
        assert conn.execute("SELECT current_user").fetchone()[0] == "viewer"
    clean_env.setenv("PGUSER", "planner_a")  # the environment's password is planner_a's
    with pytest.raises(PasswordRefused):
        connect(project)


def test_a_pgpass_line_serves_its_own_connection_only(postgis, trap, clean_env, tmp_path):
    import os

    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"{postgis.host}:{postgis.port}:{postgis.database}:viewer:{PLANNERS['viewer']}\n",
                      encoding="utf-8")
    os.chmod(pgpass, 0o600)
    clean_env.setenv("PGPASSFILE", str(pgpass))
    with connect(named_by_project(postgis.host, postgis.port).confirmed()) as conn:
        assert conn.execute("SELECT current_user").fetchone()[0] == "viewer"
    with pytest.raises(PasswordRefused):
        connect(named_by_project(trap.host, trap.port, dbname=postgis.database).confirmed())
    trap.proves_nothing_else_connected()
    assert trap.passwords() == []


def test_a_keyring_password_is_kept_for_the_exact_connection(postgis, trap, clean_env, memory_keyring):
    mine = PgConnection(host=postgis.host, port=postgis.port, dbname=postgis.database, user="viewer")
    assert store_password(mine, PLANNERS["viewer"])
    assert list(memory_keyring.saved)[0][1] == mine.identity()
    with connect(named_by_project(postgis.host, postgis.port).confirmed()) as conn:  # the same connection
        assert conn.execute("SELECT current_user").fetchone()[0] == "viewer"
    others = [named_by_project(trap.host, trap.port, dbname=postgis.database),  # another server, same names
              named_by_project(postgis.host, postgis.port, user="planner_a"),  # another user
              named_by_project(postgis.host, postgis.port, sslmode="disable")]  # not as encrypted as saved
    for other in others:
        assert other.identity() != mine.identity()
        with pytest.raises(PasswordRefused):
            connect(other.confirmed())
    trap.proves_nothing_else_connected()
    assert trap.passwords() == []


def test_identities_cannot_be_forged_with_separators():
    a = PgConnection(host="c", user="a@b", dbname="d")
    b = PgConnection(host="b@c", user="a", dbname="d")
    assert a.identity() != b.identity()
    assert PgConnection.from_project(a.to_project()) == a and PgConnection.from_project(a.to_project()).origin == "project"


@pytest.mark.parametrize("connection,words", [
    ({"host": "h", "port": "x"}, "端口"), ({"host": "h", "port": 70000}, "端口"), ({"host": ["h"]}, "host"),
    ({"host": "h", "sslmode": "sometimes"}, "sslmode"), ("host=h", "格式不正确"),
])
def test_a_malformed_connection_in_a_project_is_one_clear_message(connection, words):
    with pytest.raises(DataError) as refused:
        PgConnection.from_project(connection)
    assert words in refused.value.one_line("zh")


def test_what_a_project_names_is_shown_so_nobody_can_forge_a_line():
    connection = PgConnection.from_project({"host": "evil\n主机：good.example\u202e", "user": "a", "dbname": "d"})
    label = connection.label()
    assert "\n" not in label and "\u202e" not in label and "\\u000a" in label and "\\u202e" in label
