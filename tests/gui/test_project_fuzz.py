"""Mutated project files: whatever a project file holds, reading it gives either
one DataError or a Project whose every value has the type and range the window
uses it with (so applying it cannot raise), each dropped value named."""
import codecs
import json
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from xixia_map.data.errors import DataError
from xixia_map.data.postgis.connection import PgConnection
from xixia_map.data.project import Project, load_project, outside_folder
from xixia_map.data.project_values import LABEL_MODES, OFFSETS, crs_problem, style_problem

GOOD = {
    "format": "xixia-map-project", "version": 1,
    "layers": [
        {"path": "data/a.geojson", "layer": None, "title": "甲", "style": {
            "fill": "#e7298a", "weight": 1.5, "color_by": {"field": "DLBM", "values": {
                "0101": {"color": "#ffff64", "label_zh": "水田", "label_en": "Paddy", "area_m2": 12.5}}},
            "graduated": {"field": "n", "breaks": [1, 2], "colors": ["#fff", "#000"], "labels": ["a", "b"]},
            "label": {"size": 12, "color": "#222", "halo": True}},
         "visible": True, "opacity": 0.5, "assume_crs": 4525, "offset": "gcj02", "swap_axes": False,
         "encoding": "gbk", "label_field": "name", "label_mode": "hover"},
        {"path": "", "title": "库", "database": {
            "connection": {"host": "db", "port": 5432, "dbname": "x", "user": "u", "sslmode": "prefer",
                           "service": ""}, "schema": "planning", "table": "dltb"}},
    ],
    "bundled": {"roads": {"visible": False, "opacity": 0.3, "style": {"stroke": "#333"}}},
    "extent": [111.3, 33.2, 111.6, 33.4],
    "bookmarks": [{"name": "县城", "extent": [111.45, 33.28, 111.52, 33.33]}],
}

leaves = (st.none() | st.booleans() | st.integers(-2**70, 2**70) | st.floats(allow_nan=True, allow_infinity=True)
          | st.text(max_size=12) | st.sampled_from(["not-a-crs", "EPSG:4326", "../../secrets.txt", "/etc/passwd",
                                                   "x", "utf-8", "permanent", "bd09", "-1", "1e309"]))
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
    st.text(max_size=8) | st.sampled_from(["path", "opacity", "style", "fill", "connection", "port", "host",
                                           "breaks", "values", "extent", "name", "field"]), inner, max_size=4),
    max_leaves=12)


def places(doc, prefix=()):
    """Every position in the document, as a path of keys and indices."""
    yield prefix
    if isinstance(doc, dict):
        for key, value in doc.items():
            yield from places(value, prefix + (key,))
    elif isinstance(doc, list):
        for index, value in enumerate(doc):
            yield from places(value, prefix + (index,))


def replaced(doc, path, value):
    if not path:
        return value
    copy = dict(doc) if isinstance(doc, dict) else list(doc)
    copy[path[0]] = replaced(doc[path[0]], path[1:], value)
    return copy


@st.composite
def mutated(draw):
    doc = GOOD
    for _ in range(draw(st.integers(1, 4))):
        where = [p for p in places(doc) if p and p[:1] not in (("format",), ("version",))]
        if not where:
            break
        doc = replaced(doc, draw(st.sampled_from(where)), draw(values))
    return doc


def assert_usable(project: Project, tmp_path):
    number = (int, float)
    for entry in project.layers:
        assert isinstance(entry.path, str) and isinstance(entry.title, str)
        assert entry.layer is None or isinstance(entry.layer, str)
        assert isinstance(entry.visible, bool) and isinstance(entry.swap_axes, bool)
        assert isinstance(entry.opacity, number) and 0 <= entry.opacity <= 1
        assert entry.assume_crs is None or crs_problem(entry.assume_crs) is None
        assert entry.offset in OFFSETS
        assert entry.encoding is None or codecs.lookup(entry.encoding)
        assert isinstance(entry.style, dict) and style_problem(entry.style) is None
        assert entry.label_field is None or isinstance(entry.label_field, str)
        assert entry.label_mode is None or entry.label_mode in LABEL_MODES
        if entry.database is not None:
            assert isinstance(entry.database["table"], str) and entry.database["table"]
            assert PgConnection.from_project(entry.database.get("connection", {})).origin == "project"
        outside_folder(entry, tmp_path / "p.xixia.json")
    for state in project.bundled.values():
        assert set(state) <= {"visible", "opacity", "style", "label_field", "label_mode"}
        assert isinstance(state.get("visible", True), bool)
        assert 0 <= state.get("opacity", 1) <= 1 and style_problem(state.get("style", {})) is None
    if project.extent is not None:
        assert len(project.extent) == 4 and all(math.isfinite(v) for v in project.extent)
    for bookmark in project.bookmarks:
        assert isinstance(bookmark.name, str) and all(math.isfinite(v) for v in bookmark.extent)
    for problem in project.problems:
        assert isinstance(problem, DataError) and problem.one_line("zh") and problem.one_line("en")
    json.loads(project.to_json())  # and it saves again


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=mutated())
def test_a_mutated_project_reads_into_usable_values_or_one_data_error(doc, tmp_path):
    path = tmp_path / "p.xixia.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    try:
        project = load_project(path)
    except DataError as exc:
        assert str(path) in exc.one_line("zh")
        return
    assert_usable(project, tmp_path)


def test_the_unmutated_project_reads_without_a_problem(tmp_path):
    path = tmp_path / "p.xixia.json"
    path.write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    project = load_project(path)
    assert project.problems == [] and len(project.layers) == 2 and project.layers[0].opacity == 0.5
    assert project.bundled["roads"] == {"visible": False, "opacity": 0.3, "style": {"stroke": "#333"}}
