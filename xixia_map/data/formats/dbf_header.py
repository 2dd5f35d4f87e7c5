"""Whether a shapefile's .dbf is a dBASE table at all.

GDAL opens a shapefile whose .dbf is text, a link's target path, or zeros, and
returns its shapes with no attribute and no word; a planner then sees
`fields: id` and thinks the file has none. GDAL offers no way to ask whether it
read the .dbf, so its header is judged here, by the fields shapelib itself reads
(the header and record lengths and the field list up to its 0x0D terminator).
"""
from __future__ import annotations

import struct

from ..messages import Text, say

HEADER = 32
DESCRIPTOR = 32
TERMINATOR = 0x0D


def dbf_problem(head: bytes, size: int) -> Text | None:
    """Why `head` (the first bytes of a file of `size` bytes) is not a dBASE table; None if it is one."""
    if size < HEADER + 1 or len(head) < HEADER:
        return say(f"it is {size} bytes, shorter than a dBASE header", f"只有 {size} 字节，比 dBASE 表头还短")
    header_len, record_len = struct.unpack_from("<HH", head, 8)
    if header_len < HEADER + 1 or record_len < 1:
        return say("it does not start with a dBASE header", "开头不是 dBASE 表头")
    if header_len > size:
        return say(f"its header claims {header_len} bytes but the file has {size}",
                   f"表头声明 {header_len} 字节，而文件只有 {size} 字节")
    pos = HEADER
    while pos < min(header_len, len(head)) and head[pos] != TERMINATOR:
        pos += DESCRIPTOR
    if pos >= min(header_len, len(head)) or head[pos] != TERMINATOR:
        return say("its header holds no list of fields", "表头中没有字段列表")
    return None
