"""Shapefiles: companion files and the text encoding of the .dbf."""
from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from ..messages import say
from ..tabular import read_bytes
from . import archive
from .dbf_text import EncodingGuess, guess_dbf_encoding


def _companion(path: Path, suffix: str) -> Path | None:
    return next((path.with_suffix(s) for s in (suffix, suffix.upper()) if path.with_suffix(s).exists()), None)


def check_parts(path: Path) -> None:
    for part in (".shx", ".dbf"):
        if _companion(path, part) is None:
            raise DataError(path, say(f"shapefile is missing its {part} companion file",
                                      f"Shapefile 缺少配套的 {part} 文件"))


def loose_encoding(path: Path) -> EncodingGuess:
    """A .cpg is honoured (GDAL reads it); without one the .dbf text is judged."""
    check_parts(path)
    dbf = _companion(path, ".dbf")
    raw = read_bytes(dbf)  # also: an unreadable .dbf is named here, not by GDAL
    if _companion(path, ".cpg") is not None:
        return EncodingGuess(None)
    return guess_dbf_encoding(raw)


def zipped_encoding(path: Path, member: str) -> EncodingGuess:
    if not member.lower().endswith(".shp") or archive.sibling(path, member, ".cpg"):
        return EncodingGuess(None)
    dbf = archive.sibling(path, member, ".dbf")
    raw = archive.read_member(path, dbf) if dbf else None
    return guess_dbf_encoding(raw) if raw else EncodingGuess(None)
