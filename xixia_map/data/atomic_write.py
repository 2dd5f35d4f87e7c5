"""The one way the app writes a user's file: beside it, fsync, rename.

A crash or a kill mid-write leaves the previous file intact. The temporary
file is removed on any error; one left by a killed process (no `finally` runs
then) carries a recognisable name, and its folder is noted in a small journal
so the next start can remove leftovers older than a day. The result gets the
permissions a normally created file would (the umask's), or those of the file
it replaces, not mkstemp's owner-only 0600.
"""
from __future__ import annotations

import os
import secrets
import time
from contextlib import contextmanager
from pathlib import Path

from .app_dirs import cache_dir

TEMP_MARK = ".xixia-tmp"
STALE_AFTER_S = 86400.0
JOURNAL = "write-folders.txt"


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


_UMASK = _umask()


def _note_folder(folder: Path) -> None:
    try:
        journal = cache_dir() / JOURNAL
        journal.parent.mkdir(parents=True, exist_ok=True)
        with open(journal, "a", encoding="utf-8") as fh:
            fh.write(f"{folder.resolve()}\n")
    except OSError:
        pass  # a read-only home: leftovers are then only removed by hand


def temp_path_for(target: Path, suffix: str | None = None) -> Path:
    # The target's own extension last, so writers that pick a driver by it (GDAL) work.
    return target.parent / f".{target.stem}.{secrets.token_hex(4)}{TEMP_MARK}{suffix or target.suffix}"


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)  # make the rename itself durable
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_path(target, suffix: str | None = None):
    """Yield a path (not yet created) in the target's folder; when the block ends
    without error the file written there replaces the target."""
    target = Path(target)
    tmp = temp_path_for(target, suffix)
    _note_folder(target.parent)
    try:
        yield tmp
        if not tmp.exists():
            raise OSError(f"nothing was written for {target}")
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        try:
            mode = target.stat().st_mode & 0o7777
        except OSError:
            mode = 0o666 & ~_UMASK
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        _fsync_folder(target.parent)
    finally:
        if tmp.exists():
            tmp.unlink()


def atomic_write_bytes(target, data: bytes) -> None:
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)


def clean_stale_temp_files(max_age_s: float = STALE_AFTER_S, now: float | None = None) -> int:
    """Remove temp files older than `max_age_s` from the folders in the journal;
    returns how many were removed. Folders with young leftovers stay listed."""
    journal = cache_dir() / JOURNAL
    try:
        folders = list(dict.fromkeys(journal.read_text(encoding="utf-8").split("\n")))
    except OSError:
        return 0
    now = time.time() if now is None else now
    removed, keep = 0, []
    for name in filter(None, folders):
        folder = Path(name)
        young = False
        try:
            leftovers = [p for p in folder.iterdir() if p.name.startswith(".") and TEMP_MARK in p.name]
        except OSError:
            continue
        for leftover in leftovers:
            try:
                if now - leftover.stat().st_mtime > max_age_s:
                    leftover.unlink()
                    removed += 1
                else:
                    young = True
            except OSError:
                young = True
        if young:
            keep.append(name)
    try:
        with atomic_path(journal) as tmp:  # noqa: SIM117 - the journal's own rewrite is atomic too
            tmp.write_text("".join(f"{k}\n" for k in keep), encoding="utf-8")
    except OSError:
        pass
    return removed
