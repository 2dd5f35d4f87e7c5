"""Tile archives served to Leaflet through the xixia:// scheme, with no web server.

`xixia://app/tiles/<basemap>/<z>/<x>/<y>` is answered from an MBTiles file
(SQLite; rows are TMS, so y is flipped), an XYZ folder (z/x/y.png|jpg|webp) or a
PMTiles archive. A tile the archive lacks is an empty transparent PNG, not an
error, so Leaflet draws nothing there instead of a broken image.
"""
from __future__ import annotations

import io
import re
import sqlite3
import threading
from pathlib import Path

from ..data.errors import DataError

def _empty_png() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGBA", (256, 256), (0, 0, 0, 0)).save(out, "PNG", optimize=True)
    return out.getvalue()


EMPTY_PNG = _empty_png()  # fully transparent 256x256
MAGIC = {b"\x89PNG": "image/png", b"\xff\xd8\xff": "image/jpeg", b"RIFF": "image/webp"}
FORMATS = {"png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}


def sniff(data: bytes) -> str | None:
    for magic, mime in MAGIC.items():
        if data.startswith(magic):
            return mime
    return None


class TileSource:
    kind = ""
    min_zoom = 0
    max_zoom = 18
    path: Path

    def tile(self, z: int, x: int, y: int) -> bytes | None:
        raise NotImplementedError

    def describe(self) -> dict:
        return {"kind": self.kind, "path": str(self.path), "min_zoom": self.min_zoom, "max_zoom": self.max_zoom}

    def close(self) -> None:
        """Let go of the archive's file (a folder holds none open)."""


class MBTilesSource(TileSource):
    kind = "mbtiles"

    def __init__(self, path: Path):
        self.path = Path(path)
        self._lock = threading.Lock()
        if not self.path.is_file():
            raise DataError(self.path, "tile archive not found")
        with open(self.path, "rb") as fh:
            if fh.read(16) != b"SQLite format 3\x00":
                raise DataError(self.path, "not an MBTiles file (not SQLite)")
        self._db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        try:
            self._check()
        except BaseException:
            self._db.close()
            raise

    def _check(self) -> None:
        try:
            names = {r[0] for r in self._db.execute("select name from sqlite_master where type in ('table','view')")}
            if not {"tiles", "metadata"} <= names:
                raise DataError(self.path, "SQLite, but not MBTiles: no 'tiles' and 'metadata' tables")
            meta = dict(self._db.execute("select name, value from metadata").fetchall())
            zooms = self._db.execute("select min(zoom_level), max(zoom_level) from tiles").fetchone()
            sample = self._db.execute("select tile_data from tiles limit 1").fetchone()
        except sqlite3.DatabaseError as exc:
            raise DataError(self.path, f"damaged MBTiles file ({exc})") from None
        declared = str(meta.get("format", "")).lower()
        if declared and declared not in FORMATS:
            raise DataError(self.path, f"unsupported tile format '{declared}' (raster png/jpg/webp only)")
        if sample is not None and sniff(bytes(sample[0])) is None:
            raise DataError(self.path, "tiles are not PNG/JPEG/WebP images (vector tiles are not supported here)")
        self.metadata = meta
        if zooms[0] is not None:
            self.min_zoom, self.max_zoom = int(zooms[0]), int(zooms[1])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def tile(self, z, x, y):
        tms_y = (1 << z) - 1 - y  # MBTiles rows count from the bottom (TMS)
        with self._lock:
            row = self._db.execute("select tile_data from tiles where zoom_level=? and tile_column=? and tile_row=?",
                                   (z, x, tms_y)).fetchone()
        return bytes(row[0]) if row else None


class XYZFolderSource(TileSource):
    kind = "xyz"

    def __init__(self, path: Path):
        self.path = Path(path)
        zooms = sorted(int(p.name) for p in self.path.iterdir() if p.is_dir() and p.name.isdigit()) \
            if self.path.is_dir() else []
        if not zooms:
            raise DataError(self.path, "not an XYZ tile folder (expected <z>/<x>/<y>.png folders)")
        self.min_zoom, self.max_zoom = zooms[0], zooms[-1]
        sample = next((f for f in (self.path / str(zooms[0])).rglob("*") if f.is_file()), None)
        if sample is None or sample.suffix.lower().lstrip(".") not in FORMATS:
            raise DataError(self.path, "XYZ folder holds no .png/.jpg/.webp tiles")
        self.suffix = sample.suffix

    def tile(self, z, x, y):
        for suffix in (self.suffix, ".png", ".jpg", ".webp"):
            file = self.path / str(z) / str(x) / f"{y}{suffix}"
            if file.is_file():
                return file.read_bytes()
        return None


class PMTilesSource(TileSource):
    kind = "pmtiles"

    def __init__(self, path: Path):
        from pmtiles.reader import MmapSource, Reader
        from pmtiles.tile import Compression, TileType

        self.path = Path(path)
        if not self.path.is_file():
            raise DataError(self.path, "tile archive not found")
        self._file = open(self.path, "rb")
        try:
            self._reader = Reader(MmapSource(self._file))
            header = self._reader.header()
        except Exception as exc:  # the pmtiles package raises several types for foreign files
            self._file.close()
            raise DataError(self.path, f"not a PMTiles archive ({type(exc).__name__}: {exc})") from None
        problem = None
        if header["tile_type"] not in (TileType.PNG, TileType.JPEG, TileType.WEBP):
            problem = f"unsupported tile type {header['tile_type']} (raster png/jpg/webp only)"
        elif header["tile_compression"] not in (Compression.NONE, Compression.UNKNOWN):
            problem = "compressed raster tiles are not supported"
        if problem:
            self._file.close()
            raise DataError(self.path, problem)
        self.min_zoom, self.max_zoom = header["min_zoom"], header["max_zoom"]

    def close(self) -> None:
        self._file.close()

    def tile(self, z, x, y):
        return self._reader.get(z, x, y)


def open_tile_source(path) -> TileSource:
    path = Path(path)
    if path.is_dir():
        return XYZFolderSource(path)
    if not path.exists():
        raise DataError(path, "tile archive not found")
    suffix = path.suffix.lower()
    if suffix == ".pmtiles":
        return PMTilesSource(path)
    if suffix in (".mbtiles", ".sqlite", ".db"):
        return MBTilesSource(path)
    raise DataError(path, "unknown tile archive type (use .mbtiles, .pmtiles or an XYZ folder)")


_TILE_PATH = re.compile(r"^([A-Za-z0-9_-]+)/(\d{1,2})/(\d+)/(\d+)(?:\.\w+)?$")


class TileRegistry:
    """Named tile sources; answers scheme paths under /tiles/."""

    def __init__(self):
        self._sources: dict[str, TileSource] = {}
        self.served = 0

    def add(self, name: str, source: TileSource) -> None:
        replaced = self._sources.get(name)
        self._sources[name] = source
        if replaced is not None and replaced is not source:
            replaced.close()

    def remove(self, name: str) -> None:
        source = self._sources.pop(name, None)
        if source is not None:
            source.close()

    def get(self, name: str) -> TileSource | None:
        return self._sources.get(name)

    def lookup(self, rest: str) -> tuple[bytes, str] | None:
        match = _TILE_PATH.match(rest)
        if not match or match.group(1) not in self._sources:
            return None
        z, x, y = (int(v) for v in match.groups()[1:])
        if x >= (1 << z) or y >= (1 << z):
            return None
        data = self._sources[match.group(1)].tile(z, x, y)
        self.served += 1
        if not data:
            return EMPTY_PNG, "image/png"
        return data, sniff(data) or "application/octet-stream"
