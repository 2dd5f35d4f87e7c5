"""Write geodata/*.geojson and geodata/indicators.csv from places.py and indicators.py.

Every `note` is expanded from a short anchor to the whole seed sentence that
contains it, so a quote can never drift from the document. Needs the seeds
(../shared/seeds or $XIXIA_SEEDS). Output is deterministic.

    .venv/bin/python geodata/build/build_places.py
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]

import derive as D  # noqa: E402
import indicators as ind  # noqa: E402
import places as P  # noqa: E402
import research as R  # noqa: E402

from seeds import find_seed_dir, seed_text, sentence_containing  # noqa: E402

GEODATA = ROOT / "geodata"
SEED_DIR = find_seed_dir(HERE)
if SEED_DIR is None:
    sys.exit("seeds not found: set XIXIA_SEEDS to the folder of the county documents")
SEEDS = {P.PRESS: ind.PRESS, P.PLAN: ind.PLAN}
REGION = D.Region.of_county(GEODATA / "county.geojson")


def quote(anchor: str, source: str) -> str:
    if not anchor:
        return ""
    seed = SEEDS.get(source.split(";")[0])
    if seed is None:
        return anchor  # public-page notes are paraphrases, kept as written
    return sentence_containing(anchor, seed_text(seed, str(SEED_DIR)))


def point(lon, lat):
    return {"type": "Point", "coordinates": [round(lon, 6), round(lat, 6)]}


def line(coords):
    return {"type": "LineString", "coordinates": [[round(x, 6), round(y, 6)] for x, y in coords]}


def feature(props, geometry):
    return {"type": "Feature", "properties": props, "geometry": geometry}


def write(name, features):
    out = GEODATA / f"{name}.geojson"
    doc = {"type": "FeatureCollection", "features": features}
    out.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out.name}: {len(features)} features")


# 位置依据: how a record's position was found, in words a planner reads (the grades of
# the research note; the derivation itself stays in `source`).
BASIS_ZH = {
    "A": "数据集中的坐标（网络地图兴趣点等，已换算为 WGS84）",
    "B": "由方位与道路里程推算：县境内满足条件的区域的中心，精度为该区域的 68% 半径",
    "C": "由方位或相邻关系推算：县境内满足条件的区域的中心，精度为该区域的 68% 半径",
    "D": "未找到来源：位置仅为占位，精度为全县范围",
}


def polygon(rings):
    return {"type": "Polygon", "coordinates": [[[round(x, 6), round(y, 6)] for x, y in ring] for ring in rings]}


def place_estimate(fact: R.Fact, estimates: dict, fallback=None) -> D.Estimate:
    """A fact as a position: A and fixed-point C facts as stated, constraints
    through derive.py, and D (nothing found) at `fallback` with the accuracy
    of "somewhere in the county"."""
    if fact.lonlat is not None:
        return D.Estimate(*fact.lonlat, fact.accuracy_m, f"{fact.grade}-grade: {fact.basis}")
    if fact.constraints:
        # A constraint on other places' estimates is a function of them (双龙 south of 军马河 …).
        constraints = [c(estimates) if callable(c) else c for c in fact.constraints]
        found = D.estimate(REGION, constraints)
        found.how = f"{fact.grade}-grade: {fact.basis}; {found.how}"
        return found
    lon, lat = fallback
    return D.Estimate(lon, lat, D.unknown(REGION, lon, lat),
                      "D-grade: no source locates it; the point is a placeholder and its accuracy is the "
                      "68 % radius of the whole county around it")


def township_estimates() -> dict[str, D.Estimate]:
    placeholders = {t[0]: (t[4], t[5]) for t in P.TOWNSHIPS}
    estimates: dict[str, D.Estimate] = {}
    for tid in R.TOWNSHIP_ORDER:
        estimates[tid] = place_estimate(R.TOWNSHIPS[tid], estimates, placeholders[tid])
    return estimates


TOWNS = township_estimates()
TOWN_NAMES = {t[0]: t[1] for t in P.TOWNSHIPS}  # ids stay for joins; people read the names
RIVER_NAMES = {r["id"]: r["name_zh"] for r in P.RIVERS}


def townships():
    feats = []
    for tid, zh, en, kind, _lon, _lat, _acc, anchor, role in P.TOWNSHIPS:
        seat = "县城" if kind == "街道" else f"{zh}政府驻地"
        at, fact = TOWNS[tid], R.TOWNSHIPS[tid]
        feats.append(feature({
            "id": tid, "name_zh": zh, "name_en": en, "category": "township", "kind": kind,
            "seed_role": role, "position": seat,
            "source": (f"{P.PLAN + '; ' if anchor else ''}position {at.how}; "
                       f"sources: {fact.sources} ({R.NOTE})"),
            "accuracy_m": at.accuracy_m, "estimated": fact.grade != "A", "grade": fact.grade,
            "basis_zh": BASIS_ZH[fact.grade],
            "note": quote(anchor, P.PLAN),
        }, point(at.lon, at.lat)))
    return feats


def through(names: list[str]) -> list[tuple[float, float]]:
    return [P.FIXED_POINTS[n] if n.startswith("@") else (TOWNS[n].lon, TOWNS[n].lat) for n in names]


def line_accuracy(names: list[str]) -> float:
    """A schematic line is as uncertain as the least certain place it is drawn through."""
    return max([TOWNS[n].accuracy_m for n in names if not n.startswith("@")] + [3000])


def offset_east(coords, metres: float):
    """The line moved `metres` east on the local plane (a river beside the towns its road passes)."""
    out = []
    for lon, lat in coords:
        x, y = D.to_plane(lon, lat)
        out.append(D.to_lonlat(x + metres, y))
    return out


def roads():
    return [feature({
        "id": r["id"], "name_zh": r["name_zh"], "name_en": r["name_en"], "category": "road",
        "road_class": r["road_class"], "ref": r["ref"], "via": r["via"], "works": r["works"],
        "source": r["source"], "accuracy_m": line_accuracy(r["through"]), "estimated": True, "schematic": True,
        "basis_zh": "示意走向：连接其经过乡镇的推定位置，不是实测线位",
        "note": quote(r["note"], P.PRESS),
    }, line(through(r["through"]))) for r in P.ROADS]


RIVER_LINES = {r["id"]: offset_east(through(r["through"]), P.RIVER_OFFSET_M) for r in P.RIVERS}


def rivers():
    return [feature({
        "id": r["id"], "name_zh": r["name_zh"], "name_en": r["name_en"], "category": "river",
        "flows": r["flows"],
        "source": (f"schematic course through the derived positions of the towns it is known to pass "
                   f"({r['facts']}), drawn {P.RIVER_OFFSET_M} m east of them so the roads through the same "
                   f"towns stay visible; {R.NOTE}"),
        "accuracy_m": line_accuracy(r["through"]), "estimated": True, "schematic": True, "note": "",
        "basis_zh": "示意河道：连接其流经乡镇的推定位置（画在乡镇东侧 700 米，以免与公路重叠），不是实测河道",
    }, line(RIVER_LINES[r["id"]])) for r in P.RIVERS]


def _on_river(river: str, where: str):
    import shapely

    course = shapely.LineString(RIVER_LINES[river])
    kind, _, arg = where.partition(":")
    if kind == "at":
        spot = course.interpolate(float(arg), normalized=True)
    else:
        spot = course.interpolate(course.project(shapely.Point(TOWNS[arg].lon, TOWNS[arg].lat)))
    return spot.x, spot.y


def sections():
    anchor = "7个国省市控断面水质达标率100%"
    return [feature({
        "id": sid, "name_zh": zh, "name_en": en, "category": "monitoring_section",
        "river": river, "river_zh": RIVER_NAMES[river], "official_name": "", "attainment": "达标",
        "water_class": "Ⅱ",
        "source": (f"{P.PRESS}; count and result only. A stand-in: a point on the schematic river "
                   f"({where}); the official list of sections is not public"),
        "accuracy_m": 10000, "estimated": True, "stand_in": True, "note": quote(anchor, P.PRESS),
        "basis_zh": "替代点：断面名称与位置未公开，点位只表示所在河流",
    }, point(*_on_river(river, where))) for sid, zh, en, river, where in P.SECTIONS]


def park_position(pid: str, town: str, lon: float, lat: float) -> tuple[D.Estimate, str, bool]:
    """(estimate, derivation, estimated?) for a park."""
    reference = R.A_REFERENCES.get(("parks", pid))
    if reference is not None:
        rlon, rlat, accuracy, what = reference
        return D.Estimate(rlon, rlat, accuracy, f"A-grade: {what}"), "", False
    if pid in R.PARKS:
        fact = R.PARKS[pid]
        return place_estimate(fact, TOWNS), f"sources: {fact.sources}", True
    if pid == "dinosaur_egg_reserve":  # its sites lie in 丹水镇 around the 遗迹园; none located
        at = TOWNS["danshui"]
        return (D.Estimate(at.lon, at.lat, at.accuracy_m + 3000,
                           "C-grade: in 丹水镇, around the 恐龙遗迹园; no site of the reserve located"), "", True)
    if town and town in TOWNS:
        at = TOWNS[town]
        return (D.Estimate(at.lon, at.lat, at.accuracy_m + 5000,
                           f"C-grade: in {TOWN_NAMES[town]} (no site found): that town's position, "
                           "its accuracy plus 5 km"),
                "", True)
    if pid == "funiu_geopark":  # a regional park spanning several counties: the symbol only marks its area
        return D.Estimate(lon, lat, 15000, "C-grade: a geopark spanning several counties in the 伏牛山; "
                          "the symbol marks its Xixia part, not a site"), "", True
    if pid == "urban_pocket_parks":
        return D.Estimate(lon, lat, 2000, "C-grade: across the county town (城区)"), "", True
    return (D.Estimate(lon, lat, D.unknown(REGION, lon, lat),
                       "D-grade: no source locates it; placeholder point, county-wide accuracy"), "", True)


def parks():
    feats = []
    for pid, zh, en, kind, lon, lat, _acc, town, note, src in P.PARKS:
        at, sources, estimated = park_position(pid, town, lon, lat)
        feats.append(feature({
            "id": pid, "name_zh": zh, "name_en": en, "category": "park", "kind": kind, "town": town,
            "town_zh": TOWN_NAMES.get(town, ""),
            "source": "; ".join(x for x in (src, f"position {at.how}", sources, R.NOTE) if x),
            "accuracy_m": at.accuracy_m, "estimated": estimated, "note": quote(note, src),
            "basis_zh": BASIS_ZH[at.how[0]] if at.how[:2] in ("A-", "B-", "C-", "D-") else "",
        }, point(at.lon, at.lat)))
    return feats


def zone_outline():
    """The development zone's strip (research.py), on the local plane then to lon/lat."""
    x0, y0 = R.ZONE_WEST_M, R.ZONE_SOUTH_M
    corners = [(x0, y0), (x0 + R.ZONE_WIDTH_M, y0), (x0 + R.ZONE_WIDTH_M, y0 + R.ZONE_LENGTH_M),
               (x0, y0 + R.ZONE_LENGTH_M), (x0, y0)]
    return [D.to_lonlat(x, y) for x, y in corners]


def works(rows, category):
    import shapely

    zone = shapely.Polygon(zone_outline())
    inside = zone.representative_point()
    zone_reach = round(max(shapely.Point(D.to_plane(x, y)).distance(shapely.Point(D.to_plane(inside.x, inside.y)))
                           for x, y in zone.exterior.coords) / 100) * 100
    feats = []
    for wid, zh, en, kind, status, lon, lat, acc, note, src in rows:
        props = {"id": wid, "name_zh": zh, "name_en": en, "category": category, "kind": kind,
                 "status": status, "status_zh": P.STATUS_ZH[status], "source": src, "accuracy_m": acc,
                 "estimated": True, "note": quote(note, src)}
        if lon == "zone":
            props.update(position="按公开描述绘制的范围：县城以东南北 12 公里、东西 2 公里的条带（推定）",
                         basis_zh="按公开描述绘制（推定）",
                         source=f"{src}; outline: {R.ZONE_SOURCE}")
            geometry = polygon([zone_outline()])
        elif lon is None:
            props.update(position="县文件未给出选址，列于开发区内", within="dev_zone",
                         basis_zh="选址未定：列于开发区内，坐标为开发区中心",
                         accuracy_m=zone_reach,
                         source=f"{src}; site not given: taken to be in the development zone, the county's "
                                "industrial area, and shown as listed on it (the point is the zone's centre)")
            geometry = point(inside.x, inside.y)
        else:
            props["position"] = "按县文件描述的大致位置（推定）"
            props["basis_zh"] = "按县文件描述的大致位置（推定，未找到坐标来源）"
            geometry = point(lon, lat)
        feats.append(feature(props, geometry))
    return feats


def indicators():
    out = GEODATA / "indicators.csv"
    with out.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(ind.COLUMNS[:-1] + ["source_sentence"])
        for row in ind.I:
            record = dict(zip(ind.COLUMNS, row))
            sentence = sentence_containing(record["anchor"], seed_text(record["seed"], str(SEED_DIR)))
            record["value"] = "" if record["value"] is None else record["value"]
            record["seed"] = f"seed:{record['seed']}"
            writer.writerow([record[c] for c in ind.COLUMNS[:-1]] + [sentence])
    print(f"wrote {out.name}: {len(ind.I)} indicators")


def main():
    write("townships", townships())
    write("roads", roads())
    write("rivers", rivers())
    write("monitoring_sections", sections())
    write("parks", parks())
    write("projects", works(P.PROJECTS, "project"))
    write("facilities", works(P.FACILITIES, "facility"))
    indicators()


if __name__ == "__main__":
    main()
