"""The app's log: one rotating file in the user's log folder (app_dirs.log_dir).

Modules log through `logging.getLogger(__name__)`, so everything is under the
"xixia_map" logger; `setup()`, called once at start (cli/main.py), gives that
logger its file and logs what no code caught. Qt's own messages and the map
page's console arrive through map/qt_log.py. Before `setup()` (the package used
as a library, the tests) nothing is written to disk.

The standard library's logging and RotatingFileHandler, as qutebrowser and
QGIS's Python side use them: nothing here needs more.
"""
from __future__ import annotations

import logging
import platform
import sys
import threading
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .app_dirs import log_dir

LOGGER_NAME = "xixia_map"
FILE_NAME = "xixia-map.log"
MAX_BYTES = 1_000_000  # a file this size, then xixia-map.log.1 … .4: at most 5 MB in all
BACKUPS = 4
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(threadName)s] %(message)s"

_file_handler: RotatingFileHandler | None = None


def log_file() -> Path:
    return log_dir() / FILE_NAME


def setup(directory: Path | None = None) -> Path | None:
    """Give the app's logger its rotating file, and send uncaught exceptions
    (a Qt slot's, a thread's) to it as well as to stderr. Once per process: a
    second call with the same folder does nothing, with another folder moves
    the file there. Returns the file, or None where the folder cannot be
    written (a read-only home): the app runs on without a log."""
    global _file_handler
    folder = Path(directory) if directory is not None else log_dir()
    path = (folder / FILE_NAME).absolute()
    logger = logging.getLogger(LOGGER_NAME)
    if _file_handler is not None and Path(_file_handler.baseFilename) == path:
        return path
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    if _file_handler is not None:
        logger.removeHandler(_file_handler)
        _file_handler.close()
    _file_handler = handler
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _log_uncaught()
    from .. import __version__

    logger.info("Xixia Map %s started: Python %s on %s", __version__, platform.python_version(), platform.platform())
    return path


def close() -> None:
    """Detach the file and close it; `setup()` may open one again."""
    global _file_handler
    if _file_handler is not None:
        logging.getLogger(LOGGER_NAME).removeHandler(_file_handler)
        _file_handler.close()
        _file_handler = None


_OUR_HOOKS: list[object] = []  # the hooks _log_uncaught installed, so it installs them once


def _log_uncaught() -> None:
    """sys.excepthook and threading.excepthook log, then do what they did: an
    exception raised in a Qt slot is printed by PySide6 and the app goes on,
    so without this it would reach no file."""
    if sys.excepthook not in _OUR_HOOKS:
        previous = sys.excepthook

        def hook(kind, value, traceback):
            if not issubclass(kind, KeyboardInterrupt):
                logging.getLogger(LOGGER_NAME).critical("uncaught exception", exc_info=(kind, value, traceback))
            previous(kind, value, traceback)

        _OUR_HOOKS.append(hook)
        sys.excepthook = hook
    if threading.excepthook not in _OUR_HOOKS:
        previous_thread = threading.excepthook

        def thread_hook(args):
            if args.exc_type is not SystemExit:
                name = args.thread.name if args.thread is not None else "?"
                logging.getLogger(LOGGER_NAME).critical("uncaught exception in thread %s", name,
                                                        exc_info=(args.exc_type, args.exc_value, args.exc_traceback))
            previous_thread(args)

        _OUR_HOOKS.append(thread_hook)
        threading.excepthook = thread_hook


def log_failure(logger: logging.Logger, exc: BaseException, what: str, *args) -> None:
    """`what` (a %-format of `args`, e.g. "request %s") ended in `exc`: a failure
    the planner is told of, or one handled for them, in the log with its
    traceback. A DataError, which the planner's message explains, or an OSError
    (the file system's own refusal: a full disk, a file without permission) as a
    warning; a cancel as a note; anything else, which the app did not foresee,
    as an error."""
    from .errors import DataError

    from .errors import Cancelled

    if isinstance(exc, Cancelled):
        logger.info(what + ": cancelled", *args, stacklevel=2)
    elif getattr(exc, "is_question", False):  # which layer, which columns: the planner is asked, nothing failed
        logger.info(what + ": asked the planner (%s)", *args, type(exc).__name__, stacklevel=2)
    elif isinstance(exc, (DataError, OSError)):
        said = exc.one_line("en") if isinstance(exc, DataError) else f"{type(exc).__name__}: {exc}"
        logger.warning(what + ": %s", *args, said, exc_info=exc, stacklevel=2)
    else:
        logger.error(what + " failed", *args, exc_info=exc, stacklevel=2)
