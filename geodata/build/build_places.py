"""Write geodata/*.geojson and geodata/indicators.csv from places.py and indicators.py.

Every `note` is expanded from a short anchor to the whole seed sentence that
contains it, so a quote can never drift from the document. Needs the seeds
(../shared/seeds or $XIXIA_SEEDS). Output is deterministic.

    .venv/bin/python geodata/build/build_places.py
"""
from __future__ import annotations

import csv
import json
import math
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path[:0] = [str(ROOT), str(HERE)]

import indicators as ind  # noqa: E402
import places as P  # noqa: E402

from xixia_map.data.seeds import find_seed_dir, seed_text, sentence_containing  # noqa: E402

GEODATA = ROOT / "geodata"
SEED_DIR = find_seed_dir(HERE)
if SEED_DIR is None:
    sys.exit("seeds not found: set XIXIA_SEEDS to the folder of the county documents")
SEEDS = {P.PRESS: ind.PRESS, P.PLAN: ind.PLAN}


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


def townships():
    feats = []
    for tid, zh, en, kind, lon, lat, acc, anchor, role in P.TOWNSHIPS:
        seat = "县城" if kind == "街道" else f"{zh}政府驻地"
        feats.append(feature({
            "id": tid, "name_zh": zh, "name_en": en, "category": "township", "kind": kind,
            "seed_role": role, "position": seat,
            "source": f"{P.PLAN if anchor else 'public gazetteers'}; position {P.ESTIMATE} ({P.GAZETTEER})",
            "accuracy_m": acc, "estimated": True,
            "note": quote(anchor, P.PLAN),
        }, point(lon, lat)))
    return feats


def roads():
    return [feature({
        "id": r["id"], "name_zh": r["name_zh"], "name_en": r["name_en"], "category": "road",
        "road_class": r["road_class"], "ref": r["ref"], "via": r["via"], "works": r["works"],
        "source": r["source"], "accuracy_m": r["accuracy_m"], "estimated": True,
        "note": quote(r["note"], P.PRESS),
    }, line(r["coords"])) for r in P.ROADS]


def rivers():
    return [feature({
        "id": r["id"], "name_zh": r["name_zh"], "name_en": r["name_en"], "category": "river",
        "flows": r["flows"], "source": f"schematic course through named towns; {P.GAZETTEER}",
        "accuracy_m": r["accuracy_m"], "estimated": True, "note": "",
    }, line(r["coords"])) for r in P.RIVERS]


def sections():
    anchor = "7个国省市控断面水质达标率100%"
    return [feature({
        "id": sid, "name_zh": zh, "name_en": en, "category": "monitoring_section",
        "river": river, "official_name": "", "attainment": "达标", "water_class": "II",
        "source": f"{P.PRESS}; count and result only, site is a stand-in (official list not public)",
        "accuracy_m": 10000, "estimated": True, "note": quote(anchor, P.PRESS),
    }, point(lon, lat)) for sid, zh, en, river, lon, lat in P.SECTIONS]


def parks():
    return [feature({
        "id": pid, "name_zh": zh, "name_en": en, "category": "park", "kind": kind, "town": town,
        "source": src if src.startswith("seed:") else f"{src}; position {P.ESTIMATE}",
        "accuracy_m": acc, "estimated": True, "note": quote(note, src),
    }, point(lon, lat)) for pid, zh, en, kind, lon, lat, acc, town, note, src in P.PARKS]


def _ring_position(index: int, count: int):
    angle = 2 * math.pi * index / max(count, 1)
    radius_deg = 0.008  # ~800 m: keeps symbols apart, far below the stated uncertainty
    return (P.DEV_ZONE[0] + radius_deg * math.cos(angle) / math.cos(math.radians(P.DEV_ZONE[1])),
            P.DEV_ZONE[1] + radius_deg * math.sin(angle))


def works(rows, category):
    unsited = [r for r in rows if r[5] is None]
    feats = []
    for row in rows:
        wid, zh, en, kind, status, lon, lat, acc, note, src = row
        sited = lon is not None
        if not sited:
            lon, lat = _ring_position(unsited.index(row), len(unsited))
        feats.append(feature({
            "id": wid, "name_zh": zh, "name_en": en, "category": category, "kind": kind,
            "status": status, "status_zh": P.STATUS_ZH[status],
            "source": src, "accuracy_m": acc, "estimated": True,
            "position": ("site not given in the seeds; symbol placed beside the development zone"
                         if not sited else "approximate, from the seed's description"),
            "note": quote(note, src),
        }, point(lon, lat)))
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
