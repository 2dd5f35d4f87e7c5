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
    """Bytes as Windows Explorer shows them (1 GB = 1024 MB)."""
    if size >= 1 << 30:
        return f"{size / (1 << 30):.1f} GB"
    return f"{max(size / (1 << 20), 0.1):.1f} MB" if size < 10 << 20 else f"{size / (1 << 20):.0f} MB"


def check_size(path: Path, member: str, limit: int = MEMBER_LIMIT) -> None:
    """Refuse a member whose files declare more than `limit` bytes unpacked."""
    parts = parts_of(path, member)
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
    chunks, count = [], 0
    try:
        with open_zip(path) as archive, archive.open(name) as member:
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
