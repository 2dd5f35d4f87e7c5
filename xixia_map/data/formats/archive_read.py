"""Bounded reading from inside a ZIP archive.

A 3 MB archive can declare a 3 GB member (zeros compress a thousandfold), and a
crafted one can declare a small member whose data inflates far beyond it. So:
- a member (with its companions) declaring more than MEMBER_LIMIT is refused
  before anything is inflated, in words a planner can act on (unzip it: a large
  file opened directly is drawn from disk, not held in memory);
- what is read here is streamed with a running count and never more than asked;
  Python's zipfile and GDAL's /vsizip/ both stop at a member's declared size,
  so a member that inflates beyond it is cut there, not followed.
"""
from __future__ import annotations

import zlib
import zipfile
from pathlib import Path

from ..errors import DataError
from ..messages import say
from .archive import open_zip, parts_of

MEMBER_LIMIT = 1 << 30  # bytes, uncompressed: 1 GB, what the small-file path may hold in memory
CHUNK = 1 << 20


def size_text(size: int) -> str:
    """Bytes as Windows Explorer shows them (1 GB = 1024 MB): 3.1 GB, 1 GB, 12 MB, 4 KB."""
    if size < 1 << 10:
        return f"{size} bytes"
    value, unit = next((size / (1 << shift), unit) for shift, unit in ((30, "GB"), (20, "MB"), (10, "KB"))
                       if size >= 1 << shift)
    digits = f"{value:.1f}" if value < 10 else f"{value:.0f}"
    return f"{digits.rstrip('0').rstrip('.') if '.' in digits else digits} {unit}"


def _overpacked(entry) -> bool:
    """Packed data larger than the declared size could ever need: deflate adds at
    most 5 bytes per 16 KB block of incompressible data, stored adds nothing. A
    member declared small whose data inflates far beyond it (a zip bomb) shows so."""
    return entry.packed > entry.size + entry.size // 1000 + 1024


def check_size(path: Path, member: str, limit: int = MEMBER_LIMIT) -> None:
    """Refuse a member whose files declare more than `limit` bytes unpacked."""
    parts = parts_of(path, member)
    for part in parts:
        if _overpacked(part):
            raise DataError(path, say(
                f"{part.name} in the archive is damaged or crafted: it declares {size_text(part.size)} unpacked "
                f"but holds {size_text(part.packed)} of packed data",
                f"压缩包中的 {part.name} 已损坏或被篡改：声明解压后 {size_text(part.size)}，"
                f"压缩数据却有 {size_text(part.packed)}"))
    total = sum(part.size for part in parts)
    if total <= limit:
        return
    largest = max(parts, key=lambda part: part.size)
    raise DataError(path, say(
        f"{member} would unpack to {size_text(total)} ({largest.name}: {size_text(largest.size)}), more than the "
        f"{size_text(limit)} the map reads from inside a ZIP archive: unzip it and open the file itself "
        "(a large file opened directly is drawn from disk, not held in memory)",
        f"{member} 解压后有 {size_text(total)}（{largest.name}：{size_text(largest.size)}），超过从 ZIP 压缩包内读取的上限 "
        f"{size_text(limit)}：请先解压，再直接打开该文件（直接打开的大文件从磁盘绘制，不占用大量内存）"))


def read_head(path: Path, name: str, limit: int) -> bytes:
    """At most `limit` bytes from the start of a member, streamed with a running count."""
    return read_heads(path, {name: limit})[name]


def read_heads(path: Path, limits: dict[str, int]) -> dict[str, bytes]:
    """`read_head` for several members, the archive opened once."""
    heads = {}
    with open_zip(path) as archive:
        for name, limit in limits.items():
            heads[name] = _stream(path, archive, name, limit)
    return heads


def _stream(path: Path, archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    chunks, count = [], 0
    try:
        with archive.open(name) as member:
            while count < limit:
                chunk = member.read(min(CHUNK, limit - count))
                if not chunk:
                    break
                chunks.append(chunk)
                count += len(chunk)
    except KeyError:
        return b""
    except RuntimeError:  # zipfile: "File ... is encrypted, password required"
        raise DataError(path, say(f"{name} in the archive is encrypted (password-protected)",
                                  f"压缩包中的 {name} 已加密（需要密码）")) from None
    except NotImplementedError:
        raise DataError(path, say(f"{name} in the archive uses a compression method that cannot be read; "
                                  "re-pack it as an ordinary ZIP",
                                  f"压缩包中的 {name} 使用了无法读取的压缩方式，请重新打包为普通 ZIP")) from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError):
        raise DataError(path, say(f"{name} in the archive is damaged", f"压缩包中的 {name} 已损坏")) from None
    return b"".join(chunks)
