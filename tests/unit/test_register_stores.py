"""One contract for where a register is kept (data/register/model.py): the
register file and the PostGIS schema are opened, saved, refused on a clash,
logged and recorded in a project the same way, through the register's store."""
import pytest
import shapely
from postgis_server import ADMIN, ADMIN_PASSWORD, PLANNERS
from ledgers import LEDGER

from xixia_map.data.postgis.connection import PgConnection
from xixia_map.data.register.ledger import import_ledger
from xixia_map.data.register.model import Edit, RegisterConflict, RegisterStore
from xixia_map.data.register.pg_store import create_pg_register, open_pg_register
from xixia_map.data.register.session import EditSession
from xixia_map.data.register.store import create_register, open_register


@pytest.fixture
def frame(tmp_path):
    path = tmp_path / "台账.xlsx"
    LEDGER.to_excel(path, index=False)
    return import_ledger(path).frame


@pytest.fixture(params=["file", "postgis"])
def opened(request, frame, tmp_path):
    """(open a planner's copy, the project's record of it) for a register in each kind of store."""
    if request.param == "file":
        path = tmp_path / "库.gpkg"
        create_register(path, frame)
        return (lambda: open_register(path)), {"path": "库.gpkg"}
    postgis = request.getfixturevalue("postgis")
    schema = f"stores_{tmp_path.name[-12:].replace('-', '_').lower()}"
    admin = PgConnection(host=postgis.host, port=postgis.port, dbname=postgis.database, user=ADMIN)
    create_pg_register(admin, schema, frame, password=ADMIN_PASSWORD, editors=("planner_a",))
    planner = PgConnection(host=postgis.host, port=postgis.port, dbname=postgis.database, user="planner_a")
    record = {"database": {"connection": planner.to_project(), "schema": schema}}
    return (lambda: open_pg_register(planner, schema, password=PLANNERS["planner_a"])), record


def test_both_stores_keep_a_register_alike(opened, frame, tmp_path):
    open_copy, record = opened
    mine, theirs = open_copy(), open_copy()
    assert isinstance(mine.store, RegisterStore) and not mine.read_only
    assert sorted(mine.frame["pid"]) == sorted(frame["pid"])
    pid, other = frame["pid"].iloc[0], frame["pid"].iloc[1]
    original = mine.record(pid)["status"]
    session = EditSession(mine)
    session.change(pid, {"status": "投产运营"})
    session.move(other, 111.5, 33.3, 2.0)
    session.save(who="张工")
    with pytest.raises(RegisterConflict) as clash:  # read before that save: refused, nothing written
        theirs.save([Edit(pid, "status", original, "已竣工")], who="李工")
    assert (pid, "status", original, "投产运营", "已竣工") in clash.value.differences
    again = theirs.reopen()
    assert again.record(pid)["status"] == "投产运营"
    assert again.record(other)["geometry"].equals(shapely.Point(111.5, 33.3))
    again.save([Edit(pid, "status", "投产运营", "已竣工")], who="李工")  # on theirs, read again: written
    assert mine.reopen().record(pid)["status"] == "已竣工"
    log = [(row[2], row[3], row[5]) for row in again.store.edit_log()]
    assert (pid, "status", "投产运营") in log and (pid, "status", "已竣工") in log and (other, "geometry") in {
        (p, f) for p, f, _new in log}
    assert again.store.project_source(tmp_path / "p.xixia.json") == record
