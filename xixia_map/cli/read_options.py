"""The answers the window asks for when a file is opened, as CLI options.

`check` and `export --add-layer` take the same ones: which layer, which CRS
(also to override a wrong one), swapped axes, the text encoding, and the
GCJ-02/BD-09 offset. A question the file raises is printed with the option
that answers it.
"""
from __future__ import annotations

import os
import re

from ..data.crs_checks import CrsQuestion
from ..data.errors import DataError
from ..data.messages import say

OFFSETS = ("gcj02", "bd09")
ENCODING_NAMES = {"utf-8": "UTF-8", "utf8": "UTF-8", "gbk": "GB18030", "gb2312": "GB18030",
                  "gb18030": "GB18030", "big5": "Big5"}


def cli_lang() -> str:
    """Chinese when the terminal's locale is Chinese, as for any command-line tool."""
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def add_read_options(parser) -> None:
    parser.add_argument("--layer", metavar="NAME", help="layer of a GeoPackage/KML, or file inside a ZIP")
    parser.add_argument("--crs", metavar="EPSG:N", help="CRS of the coordinates (for a file without one, "
                                                         "or to override a wrong one), e.g. EPSG:4525")
    parser.add_argument("--swap-axes", action="store_true", help="the file's X and Y are exchanged "
                                                                 "(X holds the northing or latitude)")
    parser.add_argument("--encoding", metavar="NAME", help="attribute text encoding: UTF-8, GBK/GB18030 or Big5")
    parser.add_argument("--offset", choices=OFFSETS, help="coordinates are GCJ-02 (Amap, Tencent) or BD-09 (Baidu)")


def parse_crs(text: str | None) -> int | None:
    if not text:
        return None
    match = re.fullmatch(r"(?:EPSG:)?(\d{4,6})", text.strip(), flags=re.IGNORECASE)
    if not match:
        raise DataError(None, say(f"--crs must look like EPSG:4525, got '{text}'",
                                  f"--crs 应写成 EPSG:4525 的形式，而不是“{text}”"))
    epsg = int(match.group(1))
    from pyproj import CRS

    try:
        CRS.from_epsg(epsg)
    except Exception:
        raise DataError(None, say(f"--crs EPSG:{epsg} is not a known CRS", f"--crs EPSG:{epsg} 不是已知的坐标系")) from None
    return epsg


def parse_encoding(text: str | None) -> str | None:
    if not text:
        return None
    name = ENCODING_NAMES.get(text.strip().lower())
    if name is None:
        raise DataError(None, say(f"--encoding must be UTF-8, GBK/GB18030 or Big5, got '{text}'",
                                  f"--encoding 只能是 UTF-8、GBK/GB18030 或 Big5，而不是“{text}”"))
    return name


def read_kwargs(args) -> dict:
    return {"layer": getattr(args, "layer", None), "assume_crs": parse_crs(getattr(args, "crs", None)),
            "swap_axes": bool(getattr(args, "swap_axes", False)),
            "encoding": parse_encoding(getattr(args, "encoding", None))}


def explain(exc: DataError, lang: str) -> str:
    """The error in one line, with the option that answers a CRS question."""
    line = exc.one_line(lang)
    if isinstance(exc, CrsQuestion) and exc.guesses:
        best = exc.guesses[0]
        option = f"--crs EPSG:{best.epsg}" + (" --swap-axes" if best.swap else "")
        line += f"（确认请加 {option}）" if lang == "zh" else f" (to confirm, add {option})"
    return line
