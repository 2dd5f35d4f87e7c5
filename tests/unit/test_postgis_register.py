"""The project register shared in PostGIS, on the real test server: created by
the app with its tables and rights, edited from two connections at once, a
conflict shown (original, theirs, mine) and resolved, the log's who and when
from the server, and a read-only user told plainly."""
import pytest
from postgis_server import ADMIN, ADMIN_PASSWORD, PLANNERS
from ledgers import LEDGER

from xixia_map.data.errors import DataError
from xixia_map.data.postgis.connection import PgConnection
from xixia_map.data.register.ledger import import_ledger
from xixia_map.data.register.pg_store import create_pg_register, open_pg_register, pg_edit_log
from xixia_map.data.register.session import EditSession
from xixia_map.data.register.model import RegisterConflict


def as_user(postgis, user):
    return PgConnection(host=postgis.host, port=postgis.port, dbname=postgis.database, user=user)


def password(user):
    return ADMIN_PASSWORD if user == ADMIN else PLANNERS[user]


@pytest.fixture
def shared(postgis, tmp_path):
    """A register in a schema of its own, made by the administrator for two planners and a viewer."""
    path = tmp_path / "台账.xlsx"
    LEDGER.to_excel(path, index=False)
    frame = import_ledger(path).frame
    schema = f"register_{tmp_path.name[-12:].replace('-', '_').lower()}"
    create_pg_register(as_user(postgis, ADMIN), schema, frame, [(frame["pid"].iloc[0], "2025-01", 100.0)],
                       password=ADMIN_PASSWORD, editors=("planner_a", "planner_b"), readers=("viewer",))
    return schema, frame


def open_as(postgis, schema, user):
    return EditSession(open_pg_register(as_user(postgis, user), schema, password=password(user)))


def test_the_register_is_created_with_its_rows_and_read_back(postgis, shared):
    schema, frame = shared
    session = open_as(postgis, schema, "planner_a")
    back = session.frame.set_index("pid")
    assert sorted(back.index) == sorted(frame["pid"])
    first = frame.iloc[0]
    assert back.loc[first["pid"], "name"] == first["name"]
    assert back.loc[first["pid"]].geometry.equals_exact(first.geometry, 1e-12)
    assert session.register.monthly(first["pid"]) == [("2025-01", 100.0)]
    assert not session.register.read_only and set(session.register.store.versions.values()) == {1}


def test_two_planners_edit_at_once_and_a_clash_is_shown_not_overwritten(postgis, shared):
    schema, frame = shared
    a, b = open_as(postgis, schema, "planner_a"), open_as(postgis, schema, "planner_b")
    one, two = frame["pid"].iloc[0], frame["pid"].iloc[1]
    original = a.register.record(one)["status"]
    a.change(one, {"status": "投产运营"})
    a.save()
    b.change(two, {"status": "已竣工"})  # another project: no clash
    b.save()
    b.change(one, {"status": "已竣工", "builder": "乙的单位"})
    with pytest.raises(RegisterConflict) as clash:
        b.save()
    differences = {(pid, field): (old, theirs, mine) for pid, field, old, theirs, mine in clash.value.differences}
    assert differences[(one, "status")] == (original, "投产运营", "已竣工")
    again = open_as(postgis, schema, "viewer").register.record(one)
    assert again["status"] == "投产运营" and again["builder"] != "乙的单位"  # nothing of b's save was written
    # b chooses mine: the register read again, b's edits re-applied on theirs, and saved
    mine = [edit for group in b.pending for edit in group]
    b = EditSession(b.register.reopen())
    for edit in mine:
        b.change(edit.pid, {edit.field: edit.new})
    b.save()
    final = open_as(postgis, schema, "viewer").register
    assert final.record(one)["status"] == "已竣工" and final.record(two)["status"] == "已竣工"
    log = pg_edit_log(as_user(postgis, "viewer"), schema, password=PLANNERS["viewer"])
    who = {(row[0], row[2], row[3]) for row in log}
    assert ("planner_a", one, "status") in who and ("planner_b", one, "status") in who
    assert all(row[1].tzinfo is not None for row in log)  # the server's clock, with its zone


def test_a_reader_gets_a_read_only_register_said_plainly(postgis, shared):
    schema, frame = shared
    viewer = open_as(postgis, schema, "viewer")
    assert viewer.register.read_only
    viewer.change(frame["pid"].iloc[0], {"status": "已竣工"})
    with pytest.raises(DataError) as refused:
        viewer.save()
    assert "只有读取权限" in refused.value.one_line("zh")


def test_hostile_text_is_stored_and_read_verbatim(postgis, shared):
    schema, frame = shared
    a = open_as(postgis, schema, "planner_a")
    text = "'); DROP TABLE projects;-- {{7*7}} <b>x</b>"
    a.change(frame["pid"].iloc[2], {"name": text})
    a.save()
    assert open_as(postgis, schema, "viewer").register.record(frame["pid"].iloc[2])["name"] == text


def test_added_and_deleted_projects_reach_the_other_planner(postgis, shared):
    schema, frame = shared
    a = open_as(postgis, schema, "planner_a")
    pid = a.add("新项目", 111.52, 33.36, 15)
    a.save()
    b = open_as(postgis, schema, "planner_b")
    assert b.register.record(pid)["name"] == "新项目"
    b.delete(pid)
    b.save()
    assert pid not in set(open_as(postgis, schema, "viewer").frame["pid"])
