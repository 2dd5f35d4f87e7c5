"""分屏 → 导出分屏图: where to write the sheet, and writing it (export/split_sheet.py)."""
from __future__ import annotations

import logging
from pathlib import Path

from ..data.atomic_write import atomic_path
from ..data.log import log_failure
from ..export.split_sheet import split_sheet, view_caption
from . import file_dialogs, plain_text
from .i18n import tr

LOG = logging.getLogger(__name__)


def write_split_sheet(window, split, out: Path) -> Path:
    captions = [view_caption(view, i + 1, window.layers, window.lang) for i, view in enumerate(split.views)]
    image = split_sheet(split.area, split.views, captions)
    with atomic_path(out) as tmp:
        if not image.save(str(tmp), "PNG"):  # type: ignore[call-overload]  # PySide takes the str; its stubs say bytes
            raise OSError(f"could not write {out}")
    return out


def ask_split_export(window, split) -> Path | None:
    path, _ = file_dialogs.getSaveFileName(window, tr("导出分屏图"), "西峡分屏对比.png", "PNG (*.png)")
    if not path:
        return None
    out = Path(path) if path.lower().endswith(".png") else Path(path + ".png")
    try:
        write_split_sheet(window, split, out)
    except Exception as exc:  # the cause, said once; the old file is untouched (atomic writes)
        log_failure(LOG, exc, "split sheet export to %s", out)
        plain_text.message(window, plain_text.Icon.Warning, tr("导出分屏图"),
                           tr("无法导出分屏图：") + f"{out.name}: {exc}")
        return None
    window.statusBar().showMessage(tr("已导出") + f": {out}", 8000)
    return out
