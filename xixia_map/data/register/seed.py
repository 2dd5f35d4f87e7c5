"""The starting register: the bundled seed projects (geodata/ stays read-only;
the register is a copy the planner owns)."""
from __future__ import annotations

import json

import geopandas as gpd

from .fields import AWAITING, PLACED

# The seed's statuses in the register's fixed list (the seed's own wording stays in `extra`).
STATUS = {"operating": "投产运营", "completed": "已竣工", "building": "在建", "to_sign": "力争签约",
          "preparing": "已签约·前期", "negotiating": "重点对接"}


def seed_frame(projects) -> gpd.GeoDataFrame:
    """Register rows from the bundled projects layer (a Layer)."""
    frame = projects.frame
    rows = []
    for i, (_, p) in enumerate(frame.iterrows()):
        rows.append({"pid": f"S{i + 1:03d}", "name": p["name_zh"], "status": STATUS.get(p.get("status")),
                     "category": p.get("kind"), "placement": AWAITING if p.get("estimated") else PLACED,
                     "accuracy_m": float(p["accuracy_m"]), "source": p["source"],
                     "extra": json.dumps({"县文件原状态": p.get("status_zh"), "说明": p.get("note")}, ensure_ascii=False),
                     "geometry": p.geometry})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=4326)
