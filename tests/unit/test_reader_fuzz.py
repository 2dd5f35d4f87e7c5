"""Property-based fuzzing of the readers: whatever the bytes, the reader either
returns a layer or raises the project's own DataError (or a CrsQuestion, which
is one), never another exception."""
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from xixia_map.data.errors import DataError
from xixia_map.data.formats.dbf_text import guess_dbf_encoding
from xixia_map.data.reader import read_vector

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FOLDER = Path(tempfile.mkdtemp(prefix="xixia-fuzz-"))


def _read(name: str, data: bytes) -> None:
    path = FOLDER / name
    path.write_bytes(data)
    try:
        read_vector(path)
    except DataError as exc:
        assert str(path) in exc.one_line() and len(exc.one_line().splitlines()) == 1
        assert exc.one_line("zh")


@FUZZ
@given(st.binary(max_size=2000), st.sampled_from(["x.geojson", "x.csv", "x.gpkg", "x.kml", "x.zip", "x.shp"]))
def test_random_bytes(data, name):
    _read(name, data)


numbers = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**20, 10**20),
                    st.text(max_size=3), st.booleans(), st.none())
positions = st.lists(numbers, max_size=4)
coordinates = st.recursive(positions, lambda inner: st.lists(inner, max_size=5), max_leaves=30)
geometries = st.one_of(st.none(), st.fixed_dictionaries({
    "type": st.sampled_from(["Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                             "GeometryCollection", "Circle", ""]),
    "coordinates": coordinates}))
properties = st.dictionaries(st.text(max_size=8), st.one_of(st.text(max_size=20), numbers), max_size=4)
features = st.fixed_dictionaries({"type": st.just("Feature"), "properties": st.one_of(properties, st.none()),
                                  "geometry": geometries})


@FUZZ
@given(st.lists(features, max_size=6))
def test_random_geojson_structures(feats):
    text = json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False, allow_nan=True)
    _read("s.geojson", text.encode("utf-8"))


mixed_text = st.lists(st.sampled_from(["回车镇", "米坪鎮", "abc", "镇级小城市", "名稱", "🏗"]), min_size=1, max_size=6)


@FUZZ
@example(["米坪鎮"], "gbk", 0)  # once read as Big5 with certainty
@example(["名稱"], "gbk", 0)  # reads as the common Big5 靡想: too short to be sure
@given(mixed_text, st.sampled_from(["utf-8", "gbk", "big5", "gb18030"]), st.integers(0, 3))
def test_random_dbf_text_in_mixed_encodings(words, encoding, cut):
    """A DBF whose text is in any of the office encodings, possibly cut: the
    judgement never raises, and a plain (uncut) GBK or UTF-8 text is read right."""
    import geopandas as gpd
    import pyogrio
    from shapely.geometry import Point

    text = "".join(words)
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return
    folder = Path(tempfile.mkdtemp(dir=FOLDER))
    frame = gpd.GeoDataFrame({"name": [text]}, geometry=[Point(111.4, 33.3)], crs=4326)
    try:
        pyogrio.write_dataframe(frame, folder / "t.shp", encoding=encoding)
    except Exception:
        return  # GDAL cannot write this text in this encoding; nothing to read
    (folder / "t.cpg").unlink(missing_ok=True)
    dbf = bytearray((folder / "t.dbf").read_bytes())
    if cut:
        end = dbf.rstrip(b" \x1a").__len__()
        del dbf[end - cut:end]
        dbf += b" " * cut
        (folder / "t.dbf").write_bytes(bytes(dbf))
    guess_dbf_encoding(bytes(dbf))
    try:
        frame, report = read_vector(folder / "t.shp")
    except DataError:
        return
    if not cut and encoding in ("utf-8", "gbk", "gb18030") and not text.isascii() and report.encoding_certain:
        assert frame["name"].iloc[0] == text, (frame["name"].iloc[0], text, report.encoding)
