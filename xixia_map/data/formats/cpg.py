"""What a shapefile's .cpg says its text encoding is.

The spellings are those GDAL's shapefile driver documents and converts (a bare
code page number such as 936 -> CP936, 8859x -> ISO-8859-x, UTF-8/UTF8,
"ANSI 1251") plus the ones ArcGIS and QGIS write ("ANSI 1252", "65001", "GBK",
"Big5", "SHIFT_JIS"); the rest go to Python's codec registry, which also knows
"shiftjis" or "gb2312". GDAL passes an unknown spelling to iconv and, when
iconv does not know it either, reads the text as Latin-1 without a word; so the
encoding is decided here and handed to GDAL, and an unknown one is reported.
Chinese code pages are named as the planner's encoding choice names them.
"""
from __future__ import annotations

import codecs
import re

# Python codec name -> the name of the planner's encoding choice (drivers/base.ENCODINGS).
_CHOICE = {"utf-8": "UTF-8", "gbk": "GB18030", "gb2312": "GB18030", "gb18030": "GB18030", "big5": "Big5",
           "cp950": "Big5", "big5hkscs": "Big5"}


def _codec(name: str) -> str | None:
    try:
        info = codecs.lookup(name)
        b"a".decode(info.name)  # a text encoding, not base64/zlib and the like
    except (LookupError, UnicodeError):
        return None
    return _CHOICE.get(info.name, info.name)


def codec_of_cpg(text: str) -> str | None:
    """The Python codec (or the planner's choice name) a .cpg's first line names; None if unknown."""
    lines = text.lstrip("\ufeff").strip().splitlines()
    value = lines[0].strip() if lines else ""
    if not value or len(value) > 40:
        return None
    latin = re.fullmatch(r"(?:ISO)?[\s_-]*8859[\s_-]*(\d{1,2})", value, flags=re.IGNORECASE)
    if latin:
        return _codec(f"iso8859-{latin.group(1)}")
    number = re.fullmatch(r"(?:ANSI|CP|windows|MS)?[\s_-]*(\d{3,5})", value, flags=re.IGNORECASE)
    if number:
        code = int(number.group(1))
        return "UTF-8" if code == 65001 else _codec(f"cp{code}")
    if re.fullmatch(r"UTF[\s_-]*8", value, flags=re.IGNORECASE):
        return "UTF-8"
    return _codec(value.replace(" ", "_"))
