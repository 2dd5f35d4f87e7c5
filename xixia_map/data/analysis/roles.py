"""Which open layer is the land-use layer, which the control lines and which
the boundaries, recognised by the names the national database standards give
them (a planner confirms or changes the guess; the project keeps the answer).

Names, and where they come from:
- 地类图斑 DLTB with DLBM 地类编码, DLMC 地类名称, TBMJ 图斑面积; 行政区 XZQ (XZQDM,
  XZQMC); 村级调查区 CJDCQ (ZLDWDM, ZLDWMC): 《第三次全国国土调查数据库标准》/
  TD/T 1016 国土调查数据库标准 (the layer list: 地类图斑 DLTB, 行政区 XZQ, 村级调查区
  CJDCQ, 永久基本农田图斑 YJJBNTTB).
- 生态保护红线, 永久基本农田, 城镇开发边界: 《市级国土空间总体规划数据库规范（试行）》
  (自然资源部 2021, §6.2.13–6.2.15 give the three control lines their attribute
  structures); its layer codes as county databases carry them: STBHHX, YJJBNT
  (and YJJBNTBHTB, JBNTBHTB in 划定 results), CZKFBJ.
The full text of neither standard could be read from here: the codes were
checked against the standards' tables of contents and against public GIS code
that reads county databases, not against the printed tables. A layer named
otherwise is recognised by its Chinese name or its fields, or asked about.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

LANDUSE, FARMLAND, ECO_REDLINE, DEV_BOUNDARY, TOWNSHIP, VILLAGE = (
    "landuse", "farmland", "eco_redline", "dev_boundary", "township", "village")
ROLES = (LANDUSE, FARMLAND, ECO_REDLINE, DEV_BOUNDARY, TOWNSHIP, VILLAGE)
CONTROL_LINES = (FARMLAND, ECO_REDLINE, DEV_BOUNDARY)
ROLE_WORDS = {LANDUSE: ("地类图斑（用地现状）", "land-use parcels (DLTB)"),
              FARMLAND: ("永久基本农田", "permanent basic farmland"),
              ECO_REDLINE: ("生态保护红线", "ecological protection red line"),
              DEV_BOUNDARY: ("城镇开发边界", "urban development boundary"),
              TOWNSHIP: ("乡镇行政区", "townships (XZQ)"),
              VILLAGE: ("村级调查区", "villages (CJDCQ)")}

# (role, layer-name codes, Chinese name words, fields that mark it)
_HINTS = (
    (LANDUSE, ("DLTB",), ("地类图斑", "三调", "变更调查"), ("DLBM",)),
    (FARMLAND, ("YJJBNTTB", "YJJBNT", "YJJBNTBHTB", "JBNTBHTB", "JBNTTB"), ("永久基本农田", "基本农田"),
     ("JBNTTBBH", "JBNTMJ")),
    (ECO_REDLINE, ("STBHHX",), ("生态保护红线", "生态红线"), ("HXMC",)),
    (DEV_BOUNDARY, ("CZKFBJ",), ("城镇开发边界", "开发边界"), ()),
    (TOWNSHIP, ("XZQ",), ("行政区", "乡镇"), ("XZQMC",)),
    (VILLAGE, ("CJDCQ",), ("村级调查区", "行政村"), ("ZLDWMC",)),
)


@dataclass(frozen=True)
class RoleGuess:
    role: str
    sure: bool  # named by its code or name; False: only its fields point to it (ask)


def _codes_in(name: str) -> set[str]:
    return {part for part in re.split(r"[^A-Za-z0-9]+", name.upper()) if part}


def guess_role(layer_name: str, columns) -> RoleGuess | None:
    """The role a layer's name (file stem, layer or table name) and fields point to."""
    codes = _codes_in(layer_name)
    fields = {str(c).upper() for c in columns}
    for role, role_codes, words, _marks in _HINTS:
        if codes & set(role_codes) or any(word in layer_name for word in words):
            return RoleGuess(role, True)
    for role, _codes, _words, marks in _HINTS:
        if marks and fields & set(marks):
            return RoleGuess(role, False)
    return None
