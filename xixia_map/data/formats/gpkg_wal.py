"""A GeoPackage whose latest changes are still in its -wal file, in a folder we cannot write.

A GeoPackage in SQLite's WAL mode keeps recent writes in `name.gpkg-wal` until
a checkpoint copies them into the file. Reading them needs the shared-memory
index `name.gpkg-shm`, which SQLite must be able to create (or write) beside
the file; in a read-only folder (a CD, a share, a folder of files received) it
cannot, and GDAL then opens the file as immutable, ignoring the WAL: a layer of
6 features came back with 3, without a word.

So when such a WAL is there and cannot be applied in place, the file and its
WAL are copied to a temporary folder and read from there (GDAL applies the WAL
in the copy; the original is not touched). A file too large to copy is read as
it is, and the planner is told that recent changes may be missing.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from ..messages import Text, say

WAL_HEADER = 32  # bytes of a WAL file before its first frame: a WAL this size holds no change
COPY_LIMIT = 2 * 1024 ** 3  # bytes (file + WAL) copied to read a read-only WAL file right


def _wal(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def pending_wal(path: Path) -> Path | None:
    """The -wal beside a GeoPackage that holds changes SQLite cannot apply where it is, or None."""
    wal = _wal(path)
    try:
        if not wal.is_file() or wal.stat().st_size <= WAL_HEADER:
            return None
    except OSError:
        return None
    shm = path.with_name(path.name + "-shm")
    if os.access(path.parent, os.W_OK | os.X_OK):
        return None  # SQLite can create the -shm and apply the WAL
    if shm.is_file() and os.access(shm, os.R_OK | os.W_OK) and os.access(wal, os.R_OK | os.W_OK):
        return None
    return wal


def too_large_to_copy(path: Path, wal: Path) -> bool:
    try:
        size = path.stat().st_size + wal.stat().st_size
        free = shutil.disk_usage(tempfile.gettempdir()).free
    except OSError:
        return True
    return size > COPY_LIMIT or size * 2 > free


@contextmanager
def applied_copy(path: Path, wal: Path):
    """A temporary copy of the GeoPackage and its WAL, which GDAL can apply; removed after use."""
    folder = Path(tempfile.mkdtemp(prefix="xixia-wal-"))
    try:
        copy = folder / path.name
        shutil.copyfile(path, copy)
        shutil.copyfile(wal, folder / wal.name)
        yield copy
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def read_from_copy_notice(wal: Path) -> Text:
    return say(f"its latest changes are still in {wal.name} (not yet saved into the file) and its folder is "
               "read-only: read from a temporary copy with them applied",
               f"其最近的修改仍在 {wal.name} 中（尚未写入文件本身），且所在文件夹只读：已从临时副本读取并应用这些修改")


def missing_changes_notice(wal: Path) -> Text:
    size = wal.stat().st_size // 1024 if wal.exists() else 0
    return say(f"its latest changes are still in {wal.name} ({size:,} KB, not yet saved into the file) and its "
               "folder is read-only, so they are not read: features added or edited recently may be missing or "
               "out of date; copy the file and its -wal to a folder you can write to, or ask the sender to save it "
               "again",
               f"其最近的修改仍在 {wal.name} 中（{size:,} KB，尚未写入文件本身），且所在文件夹只读，无法读取这些修改："
               "最近新增或修改的要素可能缺失或不是最新；请将文件及其 -wal 复制到可写的文件夹，或请发送方重新保存")
