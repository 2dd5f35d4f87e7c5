"""pyogrio's warnings, turned into notices in the planner's language.

pyogrio tells what it changed while reading (measured geometries read without
their M values, a multi-layer file read at its first layer) as Python
UserWarnings, which reached the terminal in library English. While a read runs
in `gdal_notices(report)` they are recorded and each becomes one notice in the
report; a warning of any other kind, or from another library, is passed on as
it came.

`warnings.catch_warnings` changes process-wide state, so the recording is
serialised by a lock: reads on worker threads take turns for this part only
(the read itself, not the store builds of large layers, which run outside).
"""
from __future__ import annotations

import re
import threading
import warnings
from contextlib import contextmanager

from .messages import Text, say

_lock = threading.RLock()

_MEASURED = re.compile(r"Measured \(M\) geometry types are not supported\. Original type '([^']+)' is converted to '([^']+)'")
_LAYERS = re.compile(r"More than one layer found in '.*': (.*)\. Specify layer parameter", re.DOTALL)


def _translate(text: str) -> Text:
    measured = _MEASURED.search(text)
    if measured:
        original, read_as = measured.groups()
        return say(f"the file's geometries carry measures (M values, type {original}); they were read as {read_as}, "
                   "without the M values",
                   f"文件的几何带有测量值（M 值，类型 {original}），已按 {read_as} 读取，M 值未读入")
    layers = _LAYERS.search(text)
    if layers:
        names = re.findall(r"'([^']*)'", layers.group(1)) or [layers.group(1)]
        first, others = names[0], names[1:]
        return say(f"the file holds {len(names)} layers; read the first, {first} (the others: {', '.join(others)})",
                   f"文件中有 {len(names)} 个图层，已读取第一个 {first}（其余：{'、'.join(others)}）")
    return say(f"GDAL noted while reading: {text}", f"GDAL 读取时提示：{text}")


def _from_pyogrio(record) -> bool:
    return issubclass(record.category, UserWarning) and not issubclass(record.category, RuntimeWarning) \
        and ("pyogrio" in (record.filename or "") or _MEASURED.search(str(record.message)) is not None
             or _LAYERS.search(str(record.message)) is not None)


@contextmanager
def gdal_notices(report):
    """Record pyogrio's warnings during the block as notices in `report` (a ReadReport)."""
    with _lock:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                yield
            finally:
                records = list(caught)
    seen = {text.en for text in report.warnings}
    for record in records:
        if _from_pyogrio(record):
            text = _translate(str(record.message))
            if text.en not in seen:
                seen.add(text.en)
                report.warnings.append(text)
        else:
            warnings.warn_explicit(record.message, record.category, record.filename, record.lineno,
                                   module="pyogrio" if "pyogrio" in (record.filename or "") else None)
