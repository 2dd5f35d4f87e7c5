"""Shapefiles: companion files, and the text of the .dbf (its encoding, and
whether it is a dBASE table at all), loose, given directly, or in a ZIP.

The .dbf is judged from its first DBF_SAMPLE bytes, streamed: a 3 GB .dbf (or
one declaring 3 GB inside a 3 MB archive) costs no more memory than a small one.
"""
from __future__ import annotations

from pathlib import Path

from ..errors import DataError
from ..messages import Text, say
from . import archive
from .archive_read import read_heads
from .cpg import codec_of_cpg
from .dbf_header import dbf_problem
from .dbf_text import EncodingGuess, guess_dbf_encoding

DBF_SAMPLE = 32 << 20  # bytes judged: dbf_text's MAX_VALUES text values come well before this
CPG_SAMPLE = 256  # a .cpg holds one short line


def companion(path: Path, suffix: str) -> Path | None:
    return next((path.with_suffix(s) for s in (suffix, suffix.upper()) if path.with_suffix(s).exists()), None)


def check_parts(path: Path) -> None:
    for part in (".shx", ".dbf"):
        required_part(path, part)


def required_part(path: Path, part: str) -> Path:
    """The shapefile's companion file with that suffix; DataError naming it when it is missing."""
    found = companion(path, part)
    if found is None:
        raise DataError(path, say(f"shapefile is missing its {part} companion file",
                                  f"Shapefile 缺少配套的 {part} 文件"))
    return found


def _head(path: Path, limit: int) -> bytes:
    try:
        with open(path, "rb") as file:
            return file.read(limit)
    except PermissionError:
        raise DataError(path, say("no permission to read the file", "没有读取该文件的权限")) from None
    except OSError as exc:
        raise DataError(path, say(f"cannot read the file ({exc.strerror})", f"无法读取该文件（{exc.strerror}）")) from None


def not_a_table(dbf_name: str, problem: Text) -> Text:
    return say(f"{dbf_name} is not a dBASE table ({problem.en}): its attributes could not be read, "
               "only the shapes were loaded",
               f"{dbf_name} 不是 dBASE 属性表（{problem.zh}）：无法读取属性，只载入了图形")


def judge(dbf_name: str, head: bytes, size: int, cpg_text: str | None) -> EncodingGuess:
    """The encoding to read the .dbf with: its .cpg's if known, else judged from its text."""
    problem = dbf_problem(head, size)
    if problem is not None:
        return EncodingGuess(None, problems=[not_a_table(dbf_name, problem)])
    if cpg_text is not None:
        codec = codec_of_cpg(cpg_text)
        if codec is not None:
            return EncodingGuess(codec, certain=True, declared=True)
    guess = guess_dbf_encoding(head)
    if cpg_text is not None:
        shown = cpg_text.strip()[:40]
        guess.certain = guess.encoding is None
        read_as = guess.encoding or "ASCII"
        guess.notes.append(say(f"its .cpg names the text encoding '{shown}', which is not a known encoding; "
                               f"the text was judged instead and read as {read_as}",
                               f".cpg 文件写的文字编码“{shown}”不是已知编码，已改为按文字内容判断，按 {read_as} 读取"))
    return guess


def _cpg(path: Path) -> str | None:
    cpg = companion(path, ".cpg")
    return _head(cpg, CPG_SAMPLE).decode("latin-1") if cpg is not None else None


def loose_encoding(path: Path) -> EncodingGuess:
    """For a .shp: its .dbf judged (and an unreadable .dbf named here, not by GDAL)."""
    check_parts(path)
    dbf = required_part(path, ".dbf")
    return judge(dbf.name, _head(dbf, DBF_SAMPLE), dbf.stat().st_size, _cpg(path))


def dbf_problem_of(dbf: Path) -> Text | None:
    """Why the .dbf given on its own is not a dBASE table; None if it is one."""
    return dbf_problem(_head(dbf, DBF_SAMPLE), dbf.stat().st_size)


def table_encoding(dbf: Path) -> EncodingGuess:
    """For a .dbf given on its own."""
    return judge(dbf.name, _head(dbf, DBF_SAMPLE), dbf.stat().st_size, _cpg(dbf))


def zipped_encoding(path: Path, member: str) -> EncodingGuess:
    if not member.lower().endswith(".shp"):
        return EncodingGuess(None)
    name = archive.sibling(path, member, ".dbf")
    if name is None:
        raise DataError(path, say(f"{member}: shapefile is missing its .dbf companion file",
                                  f"{member}：Shapefile 缺少配套的 .dbf 文件"))
    entry = archive.directory(path).entries[name]
    if entry.link:
        return EncodingGuess(None, problems=[say(
            f"{name} is a symbolic link inside the archive, which is not followed: its attributes could not be "
            "read, only the shapes were loaded",
            f"{name} 是压缩包内的符号链接（不会跟随）：无法读取属性，只载入了图形")])
    cpg = archive.sibling(path, member, ".cpg")
    heads = read_heads(path, {name: DBF_SAMPLE} | ({cpg: CPG_SAMPLE} if cpg else {}))
    cpg_text = heads[cpg].decode("latin-1") if cpg else None
    return judge(name, heads[name], entry.size, cpg_text)

