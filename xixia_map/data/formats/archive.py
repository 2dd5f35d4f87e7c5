"""Vector files inside a ZIP archive, as Windows and macOS users make them.

An archive's directory is read once per version of the file (its size,
modification time and inode) and kept: a ZIP of 3 000 GeoJSONs is listed once,
not once for every member read. What is read from inside the archive is
bounded (archive_read.py): GDAL reads members through /vsizip/, which stops at
a member's declared size, and a member larger than the stated limit is refused
before anything is inflated.
"""
from __future__ import annotations

import logging
import stat
import threading
import zipfile
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from ..errors import DataError
from ..messages import say

log = logging.getLogger(__name__)

MEMBER_SUFFIXES = {".shp", ".geojson", ".json", ".gpkg", ".kml", ".fgb"}
KEPT_DIRECTORIES = 8  # archives whose listing is kept (a planner works with a few at a time)
SHOWN_OTHERS = 5  # other members named in a notice before "…"


@dataclass(frozen=True)
class Entry:
    name: str
    size: int  # uncompressed, as the archive declares it
    packed: int
    link: bool  # a symbolic link: its "content" is a path, never followed


@dataclass
class Directory:
    entries: dict[str, Entry]  # in archive order
    members: list[str]  # vector files and .gdb folders, resource forks left out
    layers: list[str] | None = None  # zip_layers, once computed
    lock: threading.Lock = field(default_factory=threading.Lock)


_cache: OrderedDict[tuple, Directory] = OrderedDict()
_cache_lock = threading.Lock()
_reads = 0


def directory_reads() -> int:
    """How many times an archive's central directory was parsed (tests count them)."""
    return _reads


def _ignored(name: str) -> bool:
    """macOS Finder adds __MACOSX/._x.shp resource forks; dot-files are never data."""
    parts = PurePosixPath(name).parts
    return any(part == "__MACOSX" or part.startswith(".") for part in parts)


def open_zip(path: Path) -> zipfile.ZipFile:
    global _reads
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError):
        raise DataError(path, say("not a valid ZIP archive", "不是有效的 ZIP 压缩包")) from None
    except PermissionError:
        raise DataError(path, say("no permission to read the file", "没有读取该文件的权限")) from None
    except OSError as exc:
        raise DataError(path, say(f"cannot read the file ({exc.strerror})", f"无法读取该文件（{exc.strerror}）")) from None
    _reads += 1
    return archive


def _gdb_folder(name: str) -> str | None:
    parts = PurePosixPath(name).parts
    for i, part in enumerate(parts):
        if part.lower().endswith(".gdb"):
            return "/".join(parts[:i + 1])
    return None


def _is_link(info: zipfile.ZipInfo) -> bool:
    return info.create_system == 3 and stat.S_ISLNK(info.external_attr >> 16)


def _read_directory(path: Path) -> Directory:
    with open_zip(path) as archive:
        infos = archive.infolist()
    entries = {i.filename: Entry(i.filename, i.file_size, i.compress_size, _is_link(i)) for i in infos}
    members: list[str] = []
    seen = set()
    for name in entries:
        if _ignored(name):
            continue
        gdb = _gdb_folder(name)
        member = gdb or (name if PurePosixPath(name).suffix.lower() in MEMBER_SUFFIXES else None)
        if member and member not in seen:
            seen.add(member)
            members.append(member)
    return Directory(entries, members)


def directory(path: Path) -> Directory:
    """The archive's listing, read once while the file stays the same."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError:
        return _read_directory(path)  # open_zip names the problem
    key = (str(path.resolve()), st.st_size, st.st_mtime_ns, st.st_ino)
    with _cache_lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    listing = _read_directory(path)
    with _cache_lock:
        _cache[key] = listing
        while len(_cache) > KEPT_DIRECTORIES:
            _cache.popitem(last=False)
    return listing


def zip_members(path: Path) -> list[str]:
    """Every vector file (and .gdb folder) in the archive, in archive order,
    resource forks left out."""
    members = directory(path).members
    if not members:
        raise DataError(path, say("ZIP archive holds no shapefile or other vector file",
                                  "压缩包中没有 Shapefile 或其他矢量文件"))
    return list(members)


def zip_layers(path: Path) -> list[str]:
    """What a planner chooses from: each member, and for a member holding
    several layers (a .gdb, a GeoPackage) each of them as `member::layer`."""
    import pyogrio

    members = zip_members(path)
    listing = directory(path)
    with listing.lock:
        if listing.layers is None:
            choices = []
            for member in members:
                names = []
                if member.lower().endswith((".gdb", ".gpkg")):
                    try:
                        names = [str(n) for n, g in pyogrio.list_layers(f"/vsizip/{path}/{member}") if g is not None]
                    except Exception:  # offered as one choice; opening it says what is wrong
                        log.warning("cannot list the layers of %s in %s", member, path, exc_info=True)
                        names = []
                choices += [f"{member}::{n}" for n in names] if len(names) > 1 else [member]
            listing.layers = choices
        return list(listing.layers)


def member_source(path: Path, choice: str | None) -> tuple[str, str, str | None]:
    """GDAL's path for one choice of `zip_layers` (the first when none is named),
    the member, and the layer inside it."""
    if choice is None:
        choice = zip_layers(path)[0]
    member, _, layer = choice.partition("::")
    members = zip_members(path)
    if member not in members:
        shown = ", ".join(members[:SHOWN_OTHERS]) + (" …" if len(members) > SHOWN_OTHERS else "")
        shown_zh = "、".join(members[:SHOWN_OTHERS]) + (" …" if len(members) > SHOWN_OTHERS else "")
        raise DataError(path, say(f"the archive has no vector file '{member}' (it has: {shown})",
                                  f"压缩包中没有矢量文件“{member}”（其中有：{shown_zh}）"))
    entry = directory(path).entries.get(member)
    if entry is not None and entry.link:
        raise DataError(path, say(f"{member} is a symbolic link inside the archive; links are not followed",
                                  f"{member} 是压缩包内的符号链接，不会跟随读取"))
    return f"/vsizip/{path}/{member}", member, layer or None


def sibling(path: Path, member: str, suffix: str) -> str | None:
    """The member's companion file (.dbf, .cpg) inside the archive, any case."""
    stem = member.rsplit(".", 1)[0].lower()
    for name in directory(path).entries:
        if name.lower() == f"{stem}{suffix}" and not _ignored(name):
            return name
    return None


def parts_of(path: Path, member: str) -> list[Entry]:
    """The entries GDAL reads for one member: a shapefile's companions, a .gdb's files."""
    entries = directory(path).entries
    if member.lower().endswith(".gdb"):
        return [e for n, e in entries.items() if n.startswith(member + "/")]
    if member.lower().endswith(".shp"):
        stem = member.rsplit(".", 1)[0].lower() + "."
        return [e for n, e in entries.items() if n.lower().startswith(stem) and "/" not in n[len(stem):]]
    return [entries[member]] if member in entries else []


def others_notice(member: str, others: list[str]):
    """'The archive holds N vector files; read X (the others: …)', the others cut at a few."""
    shown = ", ".join(others[:SHOWN_OTHERS]) + (f" … ({len(others)} in all)" if len(others) > SHOWN_OTHERS else "")
    shown_zh = "、".join(others[:SHOWN_OTHERS]) + (f" …（共 {len(others)} 个）" if len(others) > SHOWN_OTHERS else "")
    return say(f"the archive holds {len(others) + 1} vector files; read {member} (the others: {shown})",
               f"压缩包中有 {len(others) + 1} 个矢量文件，已读取 {member}（其余：{shown_zh}）")
