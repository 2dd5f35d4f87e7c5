"""A shapefile whose .shx index is damaged, read through a rebuilt one.

The .shx only says where each shape starts in the .shp, so GDAL can rebuild it
from the .shp (config option SHAPE_RESTORE_SHX=YES); but GDAL writes the new
index beside the .shp, and the planner's files are never written on reading.
So the .shp and its companions are linked (or copied, or for a ZIP streamed)
into a temporary folder, the index is rebuilt there, and the read goes to
that copy, which is removed afterwards.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import threading
from contextlib import contextmanager
from pathlib import Path

import pyogrio

from ..errors import DataError
from ..messages import say
from . import archive
from .archive_read import CHUNK

COMPANIONS = (".dbf", ".prj", ".cpg")
_config_lock = threading.Lock()  # the config option is process-wide: set only around the rebuild


def shx_is_damaged(source: str) -> bool:
    """GDAL refuses the file for its .shx ('.shx file is unreadable, or corrupt',
    'Failed to read all values for N records in .shx file')."""
    try:
        pyogrio.read_info(source)
    except Exception as exc:  # pyogrio's DataSourceError and GDAL's own
        return ".shx" in str(exc).lower()
    return False


def _place(part: Path, target: Path) -> None:
    for attempt in (os.link, os.symlink):
        try:
            attempt(part.resolve(), target)
            return
        except OSError:
            continue
    shutil.copyfile(part, target)


def _rebuild(path: Path, shp: Path) -> None:
    with _config_lock:
        pyogrio.set_gdal_config_options({"SHAPE_RESTORE_SHX": "YES"})
        try:
            pyogrio.read_info(str(shp))
        except Exception as exc:
            raise DataError(path, say(f"its .shx index is damaged and could not be rebuilt from the .shp ({exc})",
                                      "其 .shx 索引文件已损坏，且无法根据 .shp 重建（.shp 可能也已损坏）")) from None
        finally:
            pyogrio.set_gdal_config_options({"SHAPE_RESTORE_SHX": None})


def notice():
    return say("its .shx index was damaged; it was rebuilt from the .shp for reading (the files themselves were "
               "not changed)",
               "其 .shx 索引文件已损坏，已根据 .shp 重建后读取（原文件未改动）")


@contextmanager
def restored_loose(path: Path):
    """A temporary copy of the shapefile at `path` with a rebuilt .shx; yields its .shp."""
    from .shapefile import companion

    with tempfile.TemporaryDirectory(prefix="xixia-shx-") as folder:
        shp = Path(folder) / f"layer{path.suffix}"
        _place(path, shp)
        for suffix in COMPANIONS:
            part = companion(path, suffix)
            if part is not None:
                _place(part, shp.with_suffix(suffix))
        _rebuild(path, shp)
        yield shp


@contextmanager
def restored_zipped(path: Path, member: str):
    """The same for a shapefile inside a ZIP: its parts streamed out (their
    size was checked against the archive limit before)."""
    stem = member.rsplit(".", 1)[0].lower()
    with tempfile.TemporaryDirectory(prefix="xixia-shx-") as folder:
        shp = Path(folder) / "layer.shp"
        try:
            with archive.open_zip(path) as opened:
                for entry in archive.parts_of(path, member):
                    suffix = entry.name[len(stem):].lower()
                    if suffix not in (".shp", *COMPANIONS) or entry.link:
                        continue
                    with opened.open(entry.name) as source, open(shp.with_suffix(suffix), "wb") as target:
                        left = entry.size  # a running count: never more than the member declares
                        while left > 0 and (chunk := source.read(min(CHUNK, left))):
                            target.write(chunk)
                            left -= len(chunk)
        except DataError:
            raise
        except Exception:  # zipfile's and zlib's errors for a damaged member, a full disk
            raise DataError(path, say(f"its .shx index is damaged, and {member} could not be unpacked to rebuild it",
                                      f"其 .shx 索引文件已损坏，且无法解压 {member} 来重建索引")) from None
        _rebuild(path, shp)
        yield shp
