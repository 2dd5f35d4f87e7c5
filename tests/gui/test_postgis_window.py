"""The PostGIS dialog in the real window: a wrong password said plainly, the tables
listed in the planner's words, a table added to the map, and a project that
reopens it without ever holding the password."""
from ceilings import CEILING_MS
import psycopg
import pytest
import shapely
from big_layers import tessellation
from postgis_server import PLANNERS
from PySide6.QtWidgets import QApplication

from xixia_map.data.layer_origin import TableOrigin
from xixia_map.map.capture import wait_until_idle


@pytest.fixture(scope="module")
def parcels(postgis):
    frame = tessellation(count=150, seed=9)
    with psycopg.connect(postgis.conninfo(), autocommit=True) as conn:
        conn.execute("CREATE TABLE IF NOT EXISTS planning.parcels (gid serial PRIMARY KEY, dlbm text, "
                     "geom geometry(MultiPolygon, 4525))")
        conn.execute("TRUNCATE planning.parcels")
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO planning.parcels (dlbm, geom) VALUES (%s, ST_Multi(ST_GeomFromWKB(%s, 4525)))",
                            [(r.DLBM, shapely.to_wkb(r.geometry)) for r in frame.itertuples()])
        conn.execute("ANALYZE planning.parcels")
    return frame


def fill(dialog, postgis, password):
    dialog.host.setText(postgis.host)
    dialog.port.setValue(postgis.port)
    dialog.dbname.setText(postgis.database)
    dialog.user.setText("viewer")
    dialog.password.setText(password)


def test_the_dialog_lists_tables_and_adds_one_to_the_map(qtbot, window, postgis, parcels, tmp_path):
    window.add_postgis_layer()
    dialog = window.postgis_dialog
    fill(dialog, postgis, "wrong")
    dialog.list_tables()
    qtbot.waitUntil(lambda: not dialog.jobs, timeout=CEILING_MS)
    assert "密码错误" in dialog.status.text() and dialog.table.rowCount() == 0
    from xixia_map.ui.project_trust import is_confirmed

    assert not is_confirmed(dialog.connection())
    fill(dialog, postgis, PLANNERS["viewer"])
    dialog.list_tables()
    qtbot.waitUntil(lambda: not dialog.jobs and dialog.table.rowCount() > 0, timeout=CEILING_MS)
    assert is_confirmed(dialog.connection())  # typed and working: a project naming it opens without asking
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    row = names.index("planning.parcels")
    assert dialog.table.item(row, 1).text() == "面"
    assert dialog.table.item(row, 2).text() == "CGCS2000 高斯-克吕格 3 度带第 37 带"
    assert dialog.table.item(row, 3).text() == f"{len(parcels):,}"
    dialog.table.selectRow(row)
    with qtbot.waitSignal(window.opener.layer_added, timeout=CEILING_MS) as added:
        dialog.add_button.click()
    layer = window.layers[added.args[0]]
    assert len(layer.frame) == len(parcels) and layer.origin.table == "parcels"
    qtbot.waitUntil(lambda: window.map_view.call_sync("featureCount", layer.id) == len(parcels), timeout=CEILING_MS)
    wait_until_idle(window.map_view)
    from xixia_map.data.project import load_project
    from xixia_map.ui.project_io import save_project_as

    path = save_project_as(window, tmp_path / "team.xmap")
    text = path.read_text(encoding="utf-8")
    assert PLANNERS["viewer"] not in text and '"table": "parcels"' in text
    assert load_project(path).layers[0].database["connection"]["user"] == "viewer"
    dialog.close()
    QApplication.processEvents()


def test_a_project_reopens_its_table_once_confirmed_with_a_password_for_that_connection(
        qtbot, window, postgis, parcels, tmp_path, monkeypatch):
    from modal_answers import ModalAnswers

    from xixia_map.data.postgis.connection import PgConnection
    from xixia_map.data.postgis.layer import layer_from_postgis
    from xixia_map.data.project import LayerEntry, Project, save_project
    from xixia_map.ui.project_io import open_project

    source = layer_from_postgis(PgConnection(host=postgis.host, port=postgis.port, dbname=postgis.database,
                                             user="viewer"), "planning", "parcels",
                                password=PLANNERS["viewer"]).origin.source()
    path = tmp_path / "p.xmap"
    save_project(Project(layers=[LayerEntry(path="", database=source, title="地块")]), path)
    asked = []
    window.ask_password = lambda label: asked.append(label) or None  # the planner cancels
    modal = ModalAnswers().answer("allow")  # 连接此数据库
    problems = open_project(window, path)
    assert len(modal.shown) == 1 and "viewer" in modal.shown[0]["text"] and modal.unexpected == []
    assert problems and "密码错误" in problems[0] and asked == [f"viewer@{postgis.host}:{postgis.port}/{postgis.database}"]
    window.ask_password = lambda label: PLANNERS["viewer"]  # the planner types it
    assert open_project(window, path) == []  # confirmed once: not asked again
    assert any(layer.spec.title_zh == "地块" for layer in window.layers)
    window.ask_password = lambda label: asked.append(label) or None
    monkeypatch.setenv("PGPASSWORD", PLANNERS["viewer"])  # names no server: not sent to the project's
    assert "密码错误" in open_project(window, path)[0] and len(asked) == 2
    for name, value in (("PGHOST", postgis.host), ("PGPORT", str(postgis.port)), ("PGUSER", "viewer"),
                        ("PGDATABASE", postgis.database)):
        monkeypatch.setenv(name, value)  # the environment names this very connection
    assert open_project(window, path) == [] and len(asked) == 2
    assert any(layer.spec.title_zh == "地块" and isinstance(layer.origin, TableOrigin) for layer in window.layers)
    modal.stop()
    assert modal.unexpected == [] and modal.script == []


def test_the_shared_register_opens_in_the_window_and_saves_to_the_server(qtbot, window, postgis, tmp_path):
    import pandas as pd
    from postgis_server import ADMIN, ADMIN_PASSWORD
    from ledgers import LEDGER

    from xixia_map.data.postgis.connection import PgConnection
    from xixia_map.data.register.ledger import import_ledger
    from xixia_map.data.register.pg_store import create_pg_register, open_pg_register

    ledger = tmp_path / "台账.xlsx"
    LEDGER.to_excel(ledger, index=False)
    frame = import_ledger(ledger).frame
    admin = PgConnection(host=postgis.host, port=postgis.port, dbname=postgis.database, user=ADMIN)
    create_pg_register(admin, "register_window", frame, password=ADMIN_PASSWORD, editors=("planner_a",),
                       readers=("viewer",))
    window.add_postgis_layer()
    dialog = window.postgis_dialog
    fill(dialog, postgis, PLANNERS["planner_a"])
    dialog.user.setText("planner_a")
    dialog.schema.setText("register_window")
    dialog.open_register()
    qtbot.waitUntil(lambda: not dialog.jobs, timeout=CEILING_MS)
    session = window.register.session
    assert session is not None and session.register.store.schema == "register_window"
    assert "register" in window.layers
    pid = frame["pid"].iloc[0]
    session.change(pid, {"status": "已竣工"})
    assert window.register.save()
    back = open_pg_register(admin, "register_window", password=ADMIN_PASSWORD)
    assert back.record(pid)["status"] == "已竣工"
    fill(dialog, postgis, PLANNERS["viewer"])
    dialog.schema.setText("register_window")
    dialog.open_register()
    qtbot.waitUntil(lambda: not dialog.jobs, timeout=CEILING_MS)
    assert window.register.session.register.read_only
    assert "只读" in window.statusBar().currentMessage() and "只读" in dialog.status.text()
    assert pd.notna(window.register.session.frame["name"]).all()
    dialog.close()
