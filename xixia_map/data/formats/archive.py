"""Vector files inside a ZIP archive, as Windows and macOS users make them."""
from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from ..errors import DataError
from ..messages import say

MEMBER_SUFFIXES = {".shp", ".geojson", ".json", ".gpkg", ".kml", ".fgb"}


def _ignored(name: str) -> bool:
    """macOS Finder adds __MACOSX/._x.shp resource forks; dot-files are never data."""
    parts = PurePosixPath(name).parts
    return any(part == "__MACOSX" or part.startswith(".") for part in parts)


def _open(path: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise DataError(path, say("not a valid ZIP archive", "不是有效的 ZIP 压缩包")) from None
    except PermissionError:
        raise DataError(path, say("no permission to read the file", "没有读取该文件的权限")) from None


def _gdb_folder(name: str) -> str | None:
    parts = PurePosixPath(name).parts
    for i, part in enumerate(parts):
        if part.lower().endswith(".gdb"):
            return "/".join(parts[:i + 1])
    return None


def zip_members(path: Path) -> list[str]:
    """Every vector file (and .gdb folder) in the archive, in archive order,
    resource forks left out."""
    with _open(path) as archive:
        names = archive.namelist()
    members = []
    for n in names:
        if _ignored(n):
            continue
        gdb = _gdb_folder(n)
        if gdb:
            if gdb not in members:
                members.append(gdb)
        elif PurePosixPath(n).suffix.lower() in MEMBER_SUFFIXES:
            members.append(n)
    if not members:
        raise DataError(path, say("ZIP archive holds no shapefile or other vector file",
                                  "压缩包中没有 Shapefile 或其他矢量文件"))
    return members


def zip_layers(path: Path) -> list[str]:
    """What a planner chooses from: each member, and for a member holding
    several layers (a .gdb, a GeoPackage) each of them as `member::layer`."""
    import pyogrio

    choices = []
    for member in zip_members(path):
        names = []
        if member.lower().endswith((".gdb", ".gpkg")):
            try:
                names = [str(n) for n, g in pyogrio.list_layers(f"/vsizip/{path}/{member}") if g is not None]
            except Exception:
                names = []
        choices += [f"{member}::{n}" for n in names] if len(names) > 1 else [member]
    return choices


def member_source(path: Path, choice: str | None) -> tuple[str, str, str | None]:
    """GDAL's path for one choice of `zip_layers` (the first when none is named),
    the member, and the layer inside it."""
    if choice is None:
        choice = zip_layers(path)[0]
    member, _, layer = choice.partition("::")
    members = zip_members(path)
    if member not in members:
        raise DataError(path, say(f"the archive has no vector file '{member}' (it has: {', '.join(members)})",
                                  f"压缩包中没有矢量文件“{member}”（其中有：{'、'.join(members)}）"))
    return f"/vsizip/{path}/{member}", member, layer or None


def read_member(path: Path, name: str) -> bytes | None:
    with _open(path) as archive:
        try:
            return archive.read(name)
        except KeyError:
            return None


def sibling(path: Path, member: str, suffix: str) -> str | None:
    """The member's companion file (.dbf, .cpg) inside the archive, any case."""
    stem = member.rsplit(".", 1)[0].lower()
    with _open(path) as archive:
        for name in archive.namelist():
            if name.lower() == f"{stem}{suffix}" and not _ignored(name):
                return name
    return None
