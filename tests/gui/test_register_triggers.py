"""A register file with triggers, views or clauses the app did not make is
opened read-only with a message and never written (the issue's file showed
completed = 5 and 在建 while it held 50 and 已竣工, and emptied its 留痕);
GeoPackage's own triggers (R-tree, GDAL's feature counts, the spec's guards)
are told apart by name and SQL, and a register indexed by GDAL still saves."""
from __future__ import annotations

import re
import sqlite3
import tempfile
from pathlib import Path

import geopandas as gpd
import pytest
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xixia_map.data.errors import DataError
from xixia_map.data.register.session import EditSession
from xixia_map.data.register.model import Edit
from xixia_map.data.register.store import create_register, edit_log, open_register, save_edits

ROWS = [dict(pid="P00001", name="西峡香菇城二期", township="丹水镇", status="在建", completed=5.0, total=100.0),
        dict(pid="P00002", name="回车镇仓储物流园", township="回车镇", status="在建", completed=1.0, total=50.0)]


def make_register(path: Path) -> Path:
    frame = gpd.GeoDataFrame(ROWS, geometry=[shapely.Point(111.48, 33.30), shapely.Point(111.37, 33.30)], crs=4326)
    create_register(path, frame)
    save_edits(open_register(path), [Edit("P00002", "status", "在建", "投产运营")], who="张工")  # one 留痕 row
    return path


def add_sql(path: Path, script: str) -> None:
    con = sqlite3.connect(path)
    try:
        con.executescript(script)
    finally:
        con.close()


def content(path: Path) -> list[str]:
    """Everything the file holds, as SQL text (for 'nothing was written')."""
    con = sqlite3.connect(path)
    try:
        return list(con.iterdump())
    finally:
        con.close()


THE_ISSUE = """
CREATE TRIGGER keep_books AFTER UPDATE ON projects BEGIN
  UPDATE projects SET completed = 50, status = '已竣工' WHERE pid = NEW.pid;
END;
CREATE TRIGGER tidy_log AFTER INSERT ON edit_log BEGIN DELETE FROM edit_log; END;
"""


def test_the_issues_register_is_read_only_and_never_written(tmp_path):
    path = make_register(tmp_path / "库.gpkg")
    add_sql(path, THE_ISSUE)
    # What the triggers do to a plain write (a copy): the test's file is the issue's.
    copy = tmp_path / "copy.gpkg"
    copy.write_bytes(path.read_bytes())
    add_sql(copy, "UPDATE projects SET completed = 5 WHERE pid = 'P00001'; INSERT INTO edit_log (who) VALUES ('x');")
    con = sqlite3.connect(copy)
    assert con.execute("SELECT completed, status FROM projects WHERE pid = 'P00001'").fetchone() == (50.0, "已竣工")
    assert con.execute("SELECT count(*) FROM edit_log").fetchone()[0] == 0
    con.close()

    before = content(path)
    register = open_register(path)
    assert register.read_only
    message = register.read_only_reason
    assert "trigger keep_books" in message.en and "trigger tidy_log" in message.en and "read-only" in message.en
    assert "keep_books" in message.zh and "只读" in message.zh
    session = EditSession(register)
    session.change("P00001", {"completed": 6.0, "status": "投产运营"})
    with pytest.raises(DataError) as refused:
        session.save(who="李工")
    assert str(path) in refused.value.one_line("zh") and "只读" in refused.value.one_line("zh")
    assert content(path) == before  # nothing written: the log keeps its row
    assert len(edit_log(path)) == 1


def test_a_trigger_added_after_opening_stops_the_save(tmp_path):
    path = make_register(tmp_path / "库.gpkg")
    register = open_register(path)
    assert not register.read_only
    add_sql(path, "CREATE TRIGGER later AFTER INSERT ON edit_log BEGIN DELETE FROM edit_log; END;")
    before = content(path)
    with pytest.raises(DataError, match="trigger later"):
        save_edits(register, [Edit("P00001", "status", "在建", "已竣工")], who="李工")
    assert content(path) == before


HOSTILE_OBJECTS = {
    # named as GeoPackage's own, but doing something else
    "rtree_name": "CREATE TRIGGER rtree_projects_geom_insert AFTER INSERT ON projects BEGIN DELETE FROM edit_log; END;",
    "rtree_extra_statement": """CREATE TRIGGER "rtree_projects_geom_delete" AFTER DELETE ON "projects"
        WHEN old."geom" NOT NULL BEGIN DELETE FROM "rtree_projects_geom" WHERE id = OLD."fid";
        DELETE FROM edit_log; END;""",
    "rtree_other_table": """CREATE TRIGGER "rtree_projects_geom_update2" AFTER UPDATE OF "geom" ON "projects"
        WHEN OLD."fid" = NEW."fid" AND (NEW."geom" ISNULL OR ST_IsEmpty(NEW."geom"))
        BEGIN DELETE FROM "edit_log" WHERE id = OLD."fid"; END;""",
    "count_name": """DROP TRIGGER "trigger_insert_feature_count_projects";
        CREATE TRIGGER "trigger_insert_feature_count_projects" AFTER INSERT ON "projects"
        BEGIN UPDATE projects SET status = '已竣工'; END;""",
    "count_on_log": """CREATE TRIGGER "trigger_insert_feature_count_edit_log" AFTER INSERT ON "edit_log"
        BEGIN UPDATE gpkg_ogr_contents SET feature_count = feature_count + 1
        WHERE lower(table_name) = lower('edit_log'); DELETE FROM edit_log; END;""",
    "gpkg_guard_ignore": """CREATE TRIGGER 'gpkg_geometry_columns_x_update' BEFORE UPDATE ON 'gpkg_geometry_columns'
        FOR EACH ROW BEGIN SELECT RAISE(IGNORE) WHERE 1; END;""",
    "gpkg_name_on_projects": """CREATE TRIGGER 'gpkg_tile_matrix_zoom_level_insert2' BEFORE UPDATE ON 'projects'
        FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'x') WHERE 1; END;""",
    "gpkg_guard_writes": """CREATE TRIGGER 'gpkg_tile_matrix_zoom_level_x' BEFORE INSERT ON 'gpkg_tile_matrix'
        FOR EACH ROW BEGIN SELECT RAISE(ABORT, 'x') WHERE 0; DELETE FROM edit_log; END;""",
    "instead_of_view": """ALTER TABLE progress RENAME TO progress_data;
        CREATE VIEW progress AS SELECT * FROM progress_data;
        CREATE TRIGGER progress_in INSTEAD OF INSERT ON progress BEGIN
          INSERT INTO progress_data VALUES (NEW.project_id, NEW.month, NEW.completed * 10); END;""",
    "conflict_replace": """DROP TABLE edit_log;
        CREATE TABLE edit_log (id INTEGER PRIMARY KEY AUTOINCREMENT, who TEXT, at TEXT,
          project_id TEXT UNIQUE ON CONFLICT REPLACE, field TEXT, old TEXT, new TEXT);""",
    "cascade": """CREATE UNIQUE INDEX projects_pid ON projects(pid);
        DROP TABLE progress;
        CREATE TABLE progress (project_id TEXT NOT NULL REFERENCES projects(pid) ON UPDATE CASCADE ON DELETE CASCADE,
          month TEXT NOT NULL, completed REAL, PRIMARY KEY (project_id, month));""",
    "do_nothing_trigger": "CREATE TRIGGER IF NOT EXISTS \"x\" BEFORE DELETE ON register_meta BEGIN SELECT 1; END;",
}


@pytest.mark.parametrize("case", sorted(HOSTILE_OBJECTS))
def test_hostile_objects_make_the_register_read_only(tmp_path, case):
    path = make_register(tmp_path / "库.gpkg")
    add_sql(path, HOSTILE_OBJECTS[case])
    register = open_register(path)
    assert register.read_only, case
    before = content(path)
    with pytest.raises(DataError):
        save_edits(register, [Edit("P00001", "status", "在建", "已竣工")], who="李工")
    assert content(path) == before


# -- GeoPackage's own triggers are fine ---------------------------------------------------------------

def indexed_register(path: Path, monkeypatch) -> Path:
    """A register as GDAL writes it with its R-tree spatial index (as QGIS or ogr2ogr would add)."""
    import pyogrio

    real = pyogrio.write_dataframe
    with monkeypatch.context() as patch:
        patch.setattr(pyogrio, "write_dataframe",
                      lambda *a, **k: real(*a, **{**k, "layer_options": {"SPATIAL_INDEX": "YES"}}))
        make_register(path)
    return path


def test_gdals_spatial_index_is_fine_and_kept_right(tmp_path, monkeypatch):
    path = indexed_register(tmp_path / "库.gpkg", monkeypatch)
    names = {row[0] for row in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert {"rtree_projects_geom_insert", "rtree_projects_geom_delete"} <= names  # GDAL's own, really there
    register = open_register(path)
    assert not register.read_only and register.read_only_reason is None
    session = EditSession(register)
    session.move("P00001", 111.5, 33.4, 5.0)
    new = session.add("新项目", 111.6, 33.2, 14)
    session.delete("P00002")
    session.save(who="王工")
    con = sqlite3.connect(path)
    boxes = dict(((pid, (round(x0, 4), round(y0, 4))) for pid, x0, y0 in con.execute(
        "SELECT p.pid, r.minx, r.miny FROM projects p JOIN rtree_projects_geom r ON r.id = p.fid")))
    assert boxes == {"P00001": (111.5, 33.4), new: (111.6, 33.2)}  # the index follows every save
    assert con.execute("SELECT count(*) FROM rtree_projects_geom").fetchone()[0] == 2
    con.close()


SPEC_1_0_RTREE = """
CREATE TRIGGER rtree_projects_geom_update1 AFTER UPDATE OF geom ON projects
  WHEN OLD.fid = NEW.fid AND
       (NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom))
BEGIN
  INSERT OR REPLACE INTO rtree_projects_geom VALUES (
    NEW.fid,
    ST_MinX(NEW.geom), ST_MaxX(NEW.geom),
    ST_MinY(NEW.geom), ST_MaxY(NEW.geom)
  );
END;
CREATE TRIGGER [rtree_projects_geom_update3] after update of [geom] on [projects]
  when old.[fid] != new.[fid] and
       (new.[geom] is not null and not st_isempty(new.[geom]))
begin
  delete from [rtree_projects_geom] where id = old.[fid];
  insert or replace into [rtree_projects_geom] values (
    new.[fid], st_minx(new.[geom]), st_maxx(new.[geom]), st_miny(new.[geom]), st_maxy(new.[geom]));
end;
CREATE TRIGGER 'gpkg_metadata_md_scope_insert' BEFORE INSERT ON 'gpkg_metadata'
FOR EACH ROW BEGIN
SELECT RAISE(ABORT, 'insert on table gpkg_metadata violates constraint: md_scope must be one of undefined')
WHERE NOT(NEW.md_scope IN ('undefined','fieldSession','dataset'));
END;
"""


def test_older_spec_triggers_written_by_other_software_are_fine(tmp_path, monkeypatch):
    """Spec 1.0 R-tree triggers in another program's spelling (brackets, lower case,
    IS NOT NULL), and a metadata guard: the same statements, so the register is writable."""
    path = indexed_register(tmp_path / "库.gpkg", monkeypatch)
    add_sql(path, "CREATE TABLE gpkg_metadata (id INTEGER PRIMARY KEY, md_scope TEXT);" + SPEC_1_0_RTREE)
    register = open_register(path)
    assert not register.read_only, register.read_only_reason
    save_edits(register, [Edit("P00001", "geometry", None, shapely.Point(111.45, 33.35))], who="王工")
    con = sqlite3.connect(path)
    box = con.execute("SELECT r.minx, r.miny FROM rtree_projects_geom r JOIN projects p ON r.id = p.fid "
                      "WHERE p.pid = 'P00001'").fetchone()
    assert (round(box[0], 4), round(box[1], 4)) == (111.45, 33.35)


# -- generated: whatever a hostile trigger is called and does, the register is not written ------------

TABLES = ["projects", "progress", "edit_log", "register_meta", "gpkg_geometry_columns", "gpkg_contents"]
NAMES = st.one_of(
    st.sampled_from(["rtree_projects_geom_insert", "rtree_projects_geom_update6", "rtree_projects_geom_delete",
                     "trigger_insert_feature_count_projects", "trigger_delete_feature_count_projects",
                     "gpkg_tile_matrix_zoom_level_insert", "gpkg_geometry_columns_check", "rtree_x"]),
    st.from_regex(r"[a-z_][a-z0-9_]{0,20}", fullmatch=True))
ACTIONS = st.sampled_from([
    "UPDATE projects SET completed = 50, status = '已竣工'",
    "DELETE FROM edit_log",
    "UPDATE register_meta SET value = '0' WHERE key = 'revision'",
    "INSERT INTO progress VALUES ('P00001', '2020-01', 1e9)",
    "SELECT RAISE(IGNORE)",
    "UPDATE gpkg_ogr_contents SET feature_count = feature_count + 2 WHERE lower(table_name) = lower('projects')",
    "DELETE FROM \"rtree_projects_geom\" WHERE id = OLD.\"fid\"",
])
TIMING = st.sampled_from(["BEFORE INSERT", "AFTER INSERT", "BEFORE UPDATE", "AFTER UPDATE", "AFTER DELETE",
                          "AFTER UPDATE OF \"geom\"", "AFTER UPDATE OF status"])


def _bare_ok(name: str) -> bool:
    """A name SQLite takes unquoted (a generated `all` or `on` is a keyword)."""
    try:
        sqlite3.connect(":memory:").execute(f"CREATE TABLE {name} (x)")
    except sqlite3.OperationalError:
        return False
    return True


def _quote(name: str, style: int) -> str:
    bare = name if _bare_ok(name) else f'"{name}"'
    return [bare, f'"{name}"', f"[{name}]", f"'{name}'"][style]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(NAMES, TIMING, st.sampled_from(TABLES), st.lists(ACTIONS, min_size=1, max_size=2),
                          st.integers(0, 3)), min_size=1, max_size=3, unique_by=lambda t: t[0]))
def test_generated_hostile_triggers_never_run_on_a_save(triggers):
    with tempfile.TemporaryDirectory() as folder:
        path = make_register(Path(folder) / "库.gpkg")
        script = "".join(f"DROP TRIGGER IF EXISTS \"{name}\"; CREATE TRIGGER {_quote(name, style)} {timing} ON {table} "
                         f"BEGIN {'; '.join(actions)}; END;\n"
                         for name, timing, table, actions, style in triggers
                         if not (timing.endswith("OF \"geom\"") and table != "projects")
                         and not (timing.endswith("OF status") and table != "projects"))
        if not script:
            return
        add_sql(path, script)
        register = open_register(path)
        assert register.read_only
        before = content(path)
        session = EditSession(register)
        session.change("P00001", {"status": "已竣工"})
        session.move("P00002", 111.5, 33.4, 5.0)
        with pytest.raises(DataError):
            session.save(who="李工")
        assert content(path) == before


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_gdals_triggers_in_any_spelling_are_recognised(data):
    """GDAL's own trigger text, re-spelt (case, quoting, spacing): still GeoPackage's."""
    from xixia_map.data.register.schema_guard import foreign_schema

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "ref.gpkg"
        import pyogrio

        pyogrio.write_dataframe(gpd.GeoDataFrame({"a": [1]}, geometry=[shapely.Point(1, 2)], crs=4326), path,
                                layer="projects", driver="GPKG")
        con = sqlite3.connect(path)
        triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'").fetchall()
        assert len(triggers) >= 10
        for name, sql in triggers:
            respelt = re.sub(r"\s+", lambda m: data.draw(st.sampled_from([" ", "\n  ", "\t"])), sql)
            respelt = re.sub(r"\b(AFTER|BEFORE|INSERT|UPDATE|DELETE|BEGIN|END|WHEN|WHERE|SELECT)\b",
                             lambda m: data.draw(st.sampled_from([m.group(0).lower(), m.group(0).title(),
                                                                  m.group(0)])), respelt)
            con.execute(f"DROP TRIGGER \"{name}\"")
            con.execute(respelt)
        con.commit()
        assert foreign_schema(con) == []
        con.close()


# -- the window ---------------------------------------------------------------------------------------



def test_the_window_opens_it_read_only_and_says_so(qtbot, window, tmp_path):
    path = make_register(tmp_path / "库.gpkg")
    add_sql(path, THE_ISSUE)
    before = content(path)
    register = window.register
    assert register.open(path)
    title, text, _ = window.dialogs[-1]
    assert title == "项目库以只读方式打开" and str(path) in text and "keep_books" in text and "只读" in text
    register.edit_action.setChecked(True)  # 编辑 is refused, with the reason
    assert not register.editing and not register.edit_action.isChecked()
    register.session.change("P00001", {"completed": 6.0})
    assert not register.save()
    assert window.dialogs[-1][0] == "无法保存项目库" and "只读" in window.dialogs[-1][1]
    assert content(path) == before
