"""Issue 29's cases for archives, Shapefiles, DBF text and lon/lat rounding,
generated here (no binary blobs) for the hostile corpus (tests/hostile_corpus.py).

ZIPs whose headers lie are written by `raw_zip`, a few lines of the ZIP format
(local headers, central directory, end record), because Python's zipfile only
writes honest ones. The 3.2 GB member is 16 MB of zeros deflated once and
repeated (after a full flush the compressor starts afresh, so the pieces join
into one valid stream): the archive is a few MB and takes about a second.
"""
from __future__ import annotations

import json
import os
import stat
import struct
import zipfile
import zlib
from pathlib import Path

import geopandas as gpd
import pyogrio
from shapely.geometry import LineString, Point, Polygon

POINT_XY = (111.48, 33.30)
CHUNK = 16 << 20
BIG_DBF_CHUNKS = 205  # 205 x 16 MB = 3 280 MB, "3.2 GB" as Explorer counts
KANA = ["ひらがなカタカナ東京都千代田区", "大阪府大阪市北区梅田"]


# -- ZIPs with headers that say what we want -----------------------------------------

def deflated_zeros(size: int) -> tuple[bytes, int]:
    """A raw deflate stream of `size` zero bytes (a multiple of CHUNK) and its CRC-32."""
    assert size % CHUNK == 0
    chunk = bytes(CHUNK)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    tail = compressor.flush()
    crc = 0
    for _ in range(size // CHUNK):
        crc = zlib.crc32(chunk, crc)
    return piece * (size // CHUNK) + tail, crc


def deflate(data: bytes) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    return compressor.compress(data) + compressor.flush()


def raw_zip(path: Path, entries: list[dict]) -> Path:
    """Each entry: name, data (as stored), size (declared unpacked), crc, method
    (0 stored, 8 deflated), link (a Unix symbolic link)."""
    body, central = bytearray(), bytearray()
    for e in entries:
        name = e["name"].encode("utf-8")
        method, data = e.get("method", 0), e["data"]
        size = e.get("size", len(data))
        crc = e.get("crc", zlib.crc32(data) if method == 0 else 0)
        mode = (stat.S_IFLNK | 0o777) if e.get("link") else (stat.S_IFREG | 0o644)
        offset = len(body)
        body += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, method, 0, 0x21, crc, len(data), size,
                            len(name), 0) + name + data
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, (3 << 8) | 20, 20, 0x800, method, 0, 0x21, crc,
                               len(data), size, len(name), 0, 0, 0, 0, mode << 16, offset) + name
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(central), len(body), 0)
    path.write_bytes(bytes(body + central + end))
    return path


def stored(name: str, data: bytes, **extra) -> dict:
    return {"name": name, "data": data, **extra}


def deflated(name: str, data: bytes, **extra) -> dict:
    return {"name": name, "data": deflate(data), "size": len(data), "crc": zlib.crc32(data), "method": 8, **extra}


# -- shapefiles -----------------------------------------------------------------------

def shapefile_parts(folder: Path, stem: str, frame, encoding="UTF-8", cpg: str | None = None) -> dict[str, bytes]:
    """The files of a shapefile, by suffix; `.cpg` as given (None: no .cpg)."""
    sub = folder / f"_{stem}_parts"
    sub.mkdir(exist_ok=True)
    pyogrio.write_dataframe(frame, sub / f"{stem}.shp", encoding=encoding)
    parts = {p.suffix: p.read_bytes() for p in sub.iterdir() if p.suffix != ".cpg"}
    if cpg is not None:
        parts[".cpg"] = cpg.encode("ascii")
    return parts


def write_shapefile(folder: Path, stem: str, frame, encoding="UTF-8", cpg: str | None = None) -> Path:
    for suffix, data in shapefile_parts(folder, stem, frame, encoding, cpg).items():
        (folder / f"{stem}{suffix}").write_bytes(data)
    return folder / f"{stem}.shp"


def names_frame(column: str, values: list[str], crs=4326):
    points = [Point(POINT_XY[0] + i * 0.01, POINT_XY[1]) for i in range(len(values))]
    return gpd.GeoDataFrame({column: values}, geometry=points, crs=crs)


def measured_shapefile(folder: Path, stem: str) -> Path:
    """Point M records (shape type 21), which GDAL reads as plain points."""
    frame = names_frame("name", ["m1", "m2"])
    write_shapefile(folder, stem, frame)
    points = [(g.x, g.y) for g in frame.geometry]
    records = [struct.pack("<iddd", 21, x, y, 7.5) for x, y in points]
    body, index, offset = b"", b"", 50
    for number, record in enumerate(records, start=1):
        body += struct.pack(">ii", number, len(record) // 2) + record
        index += struct.pack(">ii", offset, len(record) // 2)
        offset += 4 + len(record) // 2
    xs, ys = [p[0] for p in points], [p[1] for p in points]

    def header(words: int) -> bytes:
        return struct.pack(">7i", 9994, 0, 0, 0, 0, 0, words) + struct.pack(
            "<2i8d", 1000, 21, min(xs), min(ys), max(xs), max(ys), 0, 0, 7.5, 7.5)
    (folder / f"{stem}.shp").write_bytes(header(50 + len(body) // 2) + body)
    (folder / f"{stem}.shx").write_bytes(header(50 + len(index) // 2) + index)
    return folder / f"{stem}.shp"


# -- checks on what was read ------------------------------------------------------------

def column_is(column, values, encoding=None, notice=None):
    def check(layer):
        assert column in layer.frame.columns, list(layer.frame.columns)
        assert sorted(layer.frame[column]) == sorted(values), list(layer.frame[column])
        if encoding:
            assert layer.report.encoding == encoding, layer.report.encoding
        if notice:
            notices = [t.en for t in layer.report.lines()]
            assert any(notice in n for n in notices), notices
    return check


def count_is(n):
    def check(layer):
        assert layer.feature_count == n, layer.feature_count
    return check


def build(folder: Path) -> dict[str, tuple[Path, tuple]]:
    cases: dict[str, tuple[Path, tuple]] = {}
    chinese = names_frame("名称", ["黑龙江省", "西峡县"])

    # -- item 5: bounded reading of archives -------------------------------------------
    shp = shapefile_parts(folder, "big", chinese)
    dbf_data, dbf_crc = deflated_zeros(BIG_DBF_CHUNKS * CHUNK)
    cases["dbf_3_2gb_in_a_small.zip"] = (raw_zip(folder / "dbf_3_2gb_in_a_small.zip", [
        stored("big.shp", shp[".shp"]), stored("big.shx", shp[".shx"]),
        {"name": "big.dbf", "data": dbf_data, "size": BIG_DBF_CHUNKS * CHUNK, "crc": dbf_crc, "method": 8}]),
        ("refused", "big.shp would unpack to 3.2 GB (big.dbf: 3.2 GB), more than the 1 GB"))
    bomb, _ = deflated_zeros(4 * CHUNK)
    cases["zip_bomb.zip"] = (raw_zip(folder / "zip_bomb.zip", [
        {"name": "a.geojson", "data": bomb, "size": 4096, "crc": zlib.crc32(bytes(4096)), "method": 8}]),
        ("refused", "a.geojson in the archive is damaged or crafted: it declares"))
    # A .dbf whose data inflates past its declared size: read up to the size, no further.
    small = shapefile_parts(folder, "past", chinese)
    padded = small[".dbf"] + bytes(200_000)
    cases["dbf_inflating_past_its_size.zip"] = (raw_zip(folder / "dbf_inflating_past_its_size.zip", [
        stored("past.shp", small[".shp"]), stored("past.shx", small[".shx"]),
        {"name": "past.dbf", "data": deflate(padded), "size": len(small[".dbf"]), "crc": zlib.crc32(small[".dbf"]),
         "method": 8}]), ("loads", column_is("名称", ["黑龙江省", "西峡县"], "UTF-8")))
    with zipfile.ZipFile(folder / "3000_geojson.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(3000):
            archive.writestr(f"点位/p{i:04d}.geojson", json.dumps({"type": "FeatureCollection", "features": [
                {"type": "Feature", "properties": {"n": i}, "geometry": {"type": "Point", "coordinates": POINT_XY}}]}))
    cases["3000_geojson.zip"] = (folder / "3000_geojson.zip", ("warns", "holds 3000 vector files; read 点位/p0000.geojson"))
    gpkg = folder / "_one.gpkg"
    names_frame("名称", ["西峡县"]).to_file(gpkg, driver="GPKG")
    with zipfile.ZipFile(folder / "200_gpkg.zip", "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(200):
            archive.writestr(f"g{i:03d}.gpkg", gpkg.read_bytes())
    cases["200_gpkg.zip"] = (folder / "200_gpkg.zip", ("warns", "holds 200 vector files; read g000.gpkg"))
    parts = shapefile_parts(folder, "linked", chinese)
    cases["dbf_is_a_link.zip"] = (raw_zip(folder / "dbf_is_a_link.zip", [
        stored("linked.shp", parts[".shp"]), stored("linked.shx", parts[".shx"]),
        stored("linked.dbf", b"../../../../etc/passwd", link=True)]), ("warns", "linked.dbf is a symbolic link"))
    cases["shp_is_a_link.zip"] = (raw_zip(folder / "shp_is_a_link.zip", [
        stored("x.shp", b"/etc/passwd", link=True)]), ("refused", "x.shp is a symbolic link inside the archive"))
    cases["zipped_shp_without_dbf.zip"] = (raw_zip(folder / "zipped_shp_without_dbf.zip", [
        stored("n.shp", parts[".shp"]), stored("n.shx", parts[".shx"])]), ("refused", "missing its .dbf"))

    # -- a .dbf on its own, and the encoding guess for it -------------------------------
    table = gpd.GeoDataFrame({"名称": ["黑龙江省", "西峡县"], "lon": [111.48, 111.5], "lat": [33.3, 33.31]},
                             geometry=[Point(0, 0), Point(0, 0)])
    lone = shapefile_parts(folder, "lone", table)
    (folder / "utf8_table.dbf").write_bytes(lone[".dbf"])
    cases["utf8_table.dbf"] = (folder / "utf8_table.dbf", ("loads", column_is(
        "名称", ["黑龙江省", "西峡县"], "UTF-8", notice="a .dbf on its own is a table")))
    plain = shapefile_parts(folder, "plain", chinese)
    (folder / "attributes_only.dbf").write_bytes(plain[".dbf"])
    cases["attributes_only.dbf"] = (folder / "attributes_only.dbf",
                                    ("refused", "a .dbf on its own is only the attribute table of a shapefile"))
    (folder / "text_only.dbf").write_bytes("这不是 dBASE 表\n".encode() * 20)
    cases["text_only.dbf"] = (folder / "text_only.dbf", ("refused", "not a dBASE table"))
    write_shapefile(folder, "utf8_beside", chinese)
    cases["utf8_beside.dbf"] = (folder / "utf8_beside.dbf", ("loads", column_is(
        "名称", ["黑龙江省", "西峡县"], "UTF-8", notice="read as the shapefile utf8_beside.shp")))

    # -- .cpg spellings (GDAL's table, ArcGIS's, Python codecs) --------------------------
    spellings = [("cpg_936", "GB18030", "936", "名称", ["黑龙江省", "西峡县"]),
                 ("cpg_950", "Big5", "950", "名稱", ["黑龍江省", "西峽縣"]),
                 ("cpg_big5", "Big5", "Big5", "名稱", ["黑龍江省", "西峽縣"]),
                 ("cpg_932", "shift_jis", "932", "name", KANA),
                 ("cpg_shiftjis", "shift_jis", "shiftjis", "name", KANA),
                 ("cpg_shift_jis", "shift_jis", "SHIFT_JIS", "name", KANA),
                 ("cpg_utf8", "UTF-8", "UTF-8", "名称", ["黑龙江省", "西峡县"]),
                 ("cpg_88591", "ISO-8859-1", "88591", "name", ["Ærøskøbing", "Ålborg"]),
                 ("cpg_ansi_1252", "cp1252", "ANSI 1252", "name", ["Œuvre – 5 €", "“quoted”"])]
    for stem, codec, cpg, column, values in spellings:
        path = write_shapefile(folder, stem, names_frame(column, values), encoding=codec, cpg=cpg)
        cases[path.name] = (path, ("loads", column_is(column, values)))
    path = write_shapefile(folder, "cpg_unknown", chinese, encoding="GBK", cpg="klingon")
    cases[path.name] = (path, ("warns", "its .cpg names the text encoding 'klingon', which is not a known encoding"))
    cases["cpg_unknown.shp names"] = (path, ("loads", column_is("名称", ["黑龙江省", "西峡县"], "GB18030")))
    path = write_shapefile(folder, "shiftjis_no_cpg", names_frame("name", KANA), encoding="shift_jis")
    cases[path.name] = (path, ("warns", "which is a guess"))

    # -- a .dbf that is not a table ------------------------------------------------------
    path = write_shapefile(folder, "dbf_is_text", chinese)
    (folder / "dbf_is_text.dbf").write_text("id,名称\n1,黑龙江省\n" * 10, encoding="utf-8")
    cases[path.name] = (path, ("warns", "dbf_is_text.dbf is not a dBASE table"))
    path = write_shapefile(folder, "dbf_is_link", chinese)
    (folder / "_notes.txt").write_text("root:x:0:0:root:/root:/bin/bash\n" * 30)
    (folder / "dbf_is_link.dbf").unlink()
    os.symlink(folder / "_notes.txt", folder / "dbf_is_link.dbf")
    cases[path.name] = (path, ("warns", "dbf_is_link.dbf is not a dBASE table"))
    path = write_shapefile(folder, "dbf_is_zeros", chinese)
    (folder / "dbf_is_zeros.dbf").write_bytes(bytes(4096))
    cases[path.name] = (path, ("warns", "dbf_is_zeros.dbf is not a dBASE table"))

    # -- a damaged .shx: rebuilt from the .shp in a temporary copy ------------------------
    path = write_shapefile(folder, "shx_garbage", chinese)
    (folder / "shx_garbage.shx").write_bytes(b"not an index " * 8)
    cases[path.name] = (path, ("warns", "its .shx index was damaged; it was rebuilt"))
    cases["shx_garbage.shp names"] = (path, ("loads", column_is("名称", ["黑龙江省", "西峡县"], "UTF-8")))
    path = write_shapefile(folder, "shx_truncated", chinese)
    (folder / "shx_truncated.shx").write_bytes((folder / "shx_truncated.shx").read_bytes()[:100])
    cases[path.name] = (path, ("warns", "its .shx index was damaged; it was rebuilt"))
    parts = shapefile_parts(folder, "zshx", chinese)
    cases["shx_garbage.zip"] = (raw_zip(folder / "shx_garbage.zip", [
        deflated("zshx.shp", parts[".shp"]), stored("zshx.shx", b"broken" * 10), deflated("zshx.dbf", parts[".dbf"]),
        deflated("zshx.prj", parts[".prj"])]), ("warns", "its .shx index was damaged; it was rebuilt"))

    # -- lon/lat at ±180/±90 with floating rounding ---------------------------------------
    world = Polygon([(-180, -90), (180.00000000000006, -90), (180.00000000000006, 83.6), (-180, 83.6)])
    path = folder / "naturalearth_like.shp"
    gpd.GeoDataFrame({"name": ["world"]}, geometry=[world], crs=4326).to_file(path)
    cases[path.name] = (path, ("loads", count_is(1)))
    path = folder / "rounding_no_crs.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {
        "type": "LineString", "coordinates": [[111.4, 33.3], [180.00000000000006, 90.00000000000001]]}}]}))
    cases[path.name] = (path, ("loads", count_is(1)))
    path = folder / "past_180.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": {
        "type": "LineString", "coordinates": [[111.4, 33.3], [180.0000001, 33.4]]}}]}))
    cases[path.name] = (path, ("refused", "x 111.4…180.0000001"))

    # -- pyogrio's warnings as notices -----------------------------------------------------
    path = measured_shapefile(folder, "measured")
    cases[path.name] = (path, ("warns", "the file's geometries carry measures (M values, type PointM)"))
    path = folder / "two_layers_unchosen.gpkg"
    names_frame("n", ["a"]).to_file(path, layer="甲", driver="GPKG")
    gpd.GeoDataFrame({"n": ["b"]}, geometry=[LineString([(111.4, 33.3), (111.5, 33.4)])], crs=4326).to_file(
        path, layer="乙", driver="GPKG")
    cases[path.name] = (path, ("warns", "the file holds 2 layers; read the first, 甲 (the others: 乙)"))
    return cases
