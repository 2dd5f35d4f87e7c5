"""A driver: what the app knows of one family of files. The base is any file
GDAL reads as it is (KML, FlatGeobuf, SpatiaLite …); a family with its own
peculiarities (a shapefile's encodings, a GeoPackage's WAL, a ZIP's members …)
is a subclass that says so (the modules beside this one, which use formats/)."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import NamedTuple

import geopandas as gpd
import pandas as pd
import pyogrio

from .. import feature_checks
from ..crs_checks import normalise
from ..errors import Cancelled, DataError
from ..formats.dbf_text import EncodingGuess
from ..gdal_notices import gdal_notices
from ..layer import Layer
from ..layer_origin import FileOrigin
from ..large import opening
from ..messages import say
from ..new_layers import streamed_layer, vector_layer
from ..read_report import ReadReport

ENCODINGS = ("UTF-8", "GB18030", "Big5")  # what a planner may choose for a file's text
CHUNK_FEATURES = 20_000


class RawRead(NamedTuple):
    """A file's features as read, before the checks every file gets (reader.read_vector)."""

    frame: gpd.GeoDataFrame
    problems: dict  # row -> what the file check found wrong with it (GeoJSON)
    ids: list | None  # the features' own ids, where the file check read them


class Answers(NamedTuple):
    """The planner's answers about a file, kept with the layer to read it again."""

    layer: str | None = None
    assume_crs: int | None = None
    swap_axes: bool = False
    encoding: str | None = None
    columns: tuple[str, str] | None = None  # a table's coordinate columns


class LayerQuestion(Exception):
    """Which of a file's layers to open: only the planner can say (ui/open_data.py asks)."""

    is_question = True  # a question for the planner, not a failure (data/log.py)

    def __init__(self, path: Path, names: list[str]):
        super().__init__(f"{path}: which of {len(names)} layers?")
        self.path, self.names = path, names


class ColumnsQuestion(Exception):
    """Which columns of a table hold the coordinates: none was recognised."""

    is_question = True

    def __init__(self, path: Path, columns: list[str]):
        super().__init__(f"{path}: which columns are the coordinates?")
        self.path, self.columns = path, columns


class Driver:
    """Any file GDAL reads as it is; the keywords say what is peculiar to a family."""

    def __init__(self, name: str = "GDAL", suffixes=(), *, chunked: bool = False, streamable: bool = False,
                 offers_layers: bool = False, reads_first_unasked: bool = False, encodings=ENCODINGS,
                 offers_encoding: bool = False):
        self.name = name
        self.suffixes = frozenset(suffixes)
        self.chunked = chunked  # cheap random access: read in chunks, so progress moves and Cancel is heard
        self.streamable = streamable  # read by feature id: a large one is drawn from a store (data/large)
        self.offers_layers = offers_layers  # the planner chooses among layers() when there are several
        self.reads_first_unasked = reads_first_unasked  # unchosen, the first is read and the others named
        self.encodings = tuple(encodings)  # the text encodings a planner may choose
        self.offers_encoding = offers_encoding  # 文字编码 is offered even when the read reported none

    def __repr__(self) -> str:
        return f"<{self.name} driver>"

    def claims(self, path: Path) -> bool:
        return path.suffix.lower() in self.suffixes

    def layers(self, path: Path) -> list[str]:
        """The layers a planner chooses from."""
        check_readable(path)
        try:
            return [str(name) for name, _ in pyogrio.list_layers(str(path))]
        except Exception:
            raise DataError(path, say("cannot list its layers (not a readable vector file)",
                                      "无法列出图层（不是可读取的矢量文件）")) from None

    def choose_layer(self, path: Path) -> None:
        """Before a planner's file is opened: LayerQuestion when it holds layers to choose from."""
        if self.offers_layers:
            names = self.layers(path)
            if len(names) > 1:
                raise LayerQuestion(path, names)

    def title(self, path: Path, layer: str | None) -> str:
        """A new layer's name until the planner renames it: the file's, and the layer inside it."""
        return f"{path.stem} · {layer}" if layer else path.stem

    def origin(self, answers: Answers, report: ReadReport) -> FileOrigin:
        """The layer's record of its file: the answers, and the encodings the planner may choose among."""
        offered = self.offers_encoding or bool(report.encoding)
        return FileOrigin(layer=answers.layer, assume_crs=answers.assume_crs, swap_axes=answers.swap_axes,
                          encoding=answers.encoding, encodings=self.encodings if offered else ())

    def read(self, path: Path, layer, report: ReadReport, encoding, progress, cancelled) -> RawRead:
        """The features as the file holds them (checked by read_vector)."""
        check_readable(path)
        return RawRead(read_with_gdal(path, str(path), self.chunked, layer, encoding, progress, cancelled, report),
                       {}, None)

    def read_vector(self, path: Path, *, layer=None, assume_crs=None, swap_axes: bool = False, encoding=None,
                    progress=None, cancelled=None) -> tuple[gpd.GeoDataFrame, ReadReport]:
        """Read whole and checked: features without usable geometry left out (and
        listed), the CRS made lon/lat or asked about (CrsQuestion), geometry repaired."""
        check_readable(path)
        report = ReadReport()
        frame, problems, ids = self.read(path, layer, report, encoding, progress, cancelled)
        if len(frame) == 0:
            raise DataError(path, say("contains no features", "不含任何要素"))
        names = feature_checks.feature_names(frame, ids if ids is not None and len(ids) == len(frame) else None)
        frame, names = feature_checks.drop_missing(path, frame, names, report, problems)
        frame, names = feature_checks.drop_non_finite(path, frame, names, report)
        frame, names = normalise(path, frame, names, report, assume_crs, swap_axes)
        frame = feature_checks.repair(frame, names, report)
        return frame.reset_index(drop=True), report

    # -- opening as a layer --------------------------------------------------------
    def open(self, path: Path, taken, answers: Answers, title: str | None, progress=None, cancelled=None, *,
             ask: bool = False) -> Layer:
        """The file as a layer: drawn from a store when it is large, else read
        whole. `ask`: a planner is there to answer questions (ColumnsQuestion)."""
        count_layer = self.default_layer(path, answers.layer)
        count = self.large_count(path, count_layer, answers.encoding)
        name = title or self.title(path, answers.layer)
        if count is not None and count > opening.LARGE_LAYER_FEATURES:
            report = ReadReport()
            encoding = self.before_streaming(path, answers.encoding, report)
            features = opening.open_large(path, count_layer, report, assume_crs=answers.assume_crs,
                                          swap_axes=answers.swap_axes, encoding=encoding, progress=progress,
                                          cancelled=cancelled)
            return streamed_layer(path, features, report, taken, answers.layer, name)
        frame, report = self.read_vector(path, layer=answers.layer, assume_crs=answers.assume_crs,
                                         swap_axes=answers.swap_axes, encoding=answers.encoding,
                                         progress=progress, cancelled=cancelled)
        return vector_layer(path, frame, report, taken, answers.layer, name)

    def default_layer(self, path: Path, layer: str | None) -> str | None:
        """The layer read when none is chosen, where the read names it."""
        return layer

    def large_count(self, path: Path, layer: str | None, encoding: str | None) -> int | None:
        """Features in the layer, where a large one may be drawn from a store; else None."""
        return opening.feature_count(path, layer, encoding) if self.streamable else None

    def before_streaming(self, path: Path, encoding: str | None, report: ReadReport) -> str | None:
        """What a large read must know first (said in `report`); the encoding to read it in."""
        return encoding


def check_readable(path: Path) -> None:
    if not path.exists():
        raise DataError(path, say("file not found", "找不到文件"))
    if path.is_dir():
        if path.suffix.lower() == ".gdb":
            return  # a File Geodatabase is a folder
        raise DataError(path, say("is a folder, not a file", "是文件夹，不是文件"))
    if not os.access(path, os.R_OK):
        raise DataError(path, say("no permission to read the file", "没有读取该文件的权限"))
    if path.stat().st_size == 0:
        raise DataError(path, say("file is empty (0 bytes)", "文件为空（0 字节）"))


def _read_chunked(source: str, layer, encoding, progress, cancelled) -> gpd.GeoDataFrame:
    total = pyogrio.read_info(source, layer=layer, encoding=encoding)["features"]
    parts, done = [], 0
    while done < max(total, 1):
        if cancelled and cancelled():
            raise Cancelled()
        parts.append(pyogrio.read_dataframe(source, layer=layer, encoding=encoding, on_invalid="ignore",
                                            skip_features=done, max_features=CHUNK_FEATURES))
        done += CHUNK_FEATURES
        progress(min(done, total), total)
        if len(parts[-1]) < CHUNK_FEATURES:
            break
    frame = pd.concat(parts, ignore_index=True)
    return gpd.GeoDataFrame(frame, geometry=parts[0].geometry.name, crs=parts[0].crs)


def _short(exc: Exception) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text if len(text) < 200 else text[:200] + "…"


def read_with_gdal(path: Path, source: str, chunked: bool, layer=None, encoding=None, progress=None,
                   cancelled=None, report: ReadReport | None = None, geometry: bool = True) -> gpd.GeoDataFrame:
    """`source` (the file, a repaired copy, a ZIP member) read through GDAL; every failure a DataError on `path`."""
    try:
        with gdal_notices(report if report is not None else ReadReport()):
            if progress and chunked:
                return _read_chunked(source, layer, encoding, progress, cancelled)
            frame = pyogrio.read_dataframe(source, layer=layer, encoding=encoding, on_invalid="ignore",
                                           read_geometry=geometry)
        if cancelled and cancelled():
            raise Cancelled()
        return frame
    except (DataError, Cancelled):
        raise
    except UnicodeDecodeError:
        raise DataError(path, say(f"its text is not valid {encoding or 'UTF-8'}: choose another encoding "
                                  "(UTF-8, GB18030 or Big5)",
                                  f"文字不是有效的 {encoding or 'UTF-8'} 编码，请换一种编码（UTF-8、GB18030 或 Big5）")) from None
    except pyogrio.errors.DataSourceError as exc:
        raise DataError(path, say(f"not a readable vector file ({_short(exc)})",
                                  "不是可读取的矢量文件（文件损坏或格式不符）")) from None
    except pyogrio.errors.DataLayerError as exc:
        raise DataError(path, say(f"cannot read layer ({_short(exc)})", "无法读取图层")) from None
    except Exception as exc:  # GDAL surfaces many error types for damaged files
        raise DataError(path, say(f"cannot read file ({type(exc).__name__}: {_short(exc)})",
                                  "无法读取文件（文件可能已损坏）")) from None


def apply_encoding(report: ReadReport, guess: EncodingGuess, chosen: str | None) -> str | None:
    """The encoding to read a .dbf's text in: the planner's, else the guess (its doubts in `report`)."""
    report.warnings.extend(guess.problems)
    if chosen:
        report.encoding, report.encoding_certain = chosen, True
        return chosen
    report.encoding, report.encoding_certain = guess.encoding, guess.certain
    report.warnings.extend(guess.notes)
    if guess.cut_values:
        record, field = guess.cut_values[0]
        where = f"#{record + 1}" if record >= 0 else "(field name)"
        report.warnings.append(say(
            f"{len(guess.cut_values)} text value(s) were cut mid-character by the file's field width "
            f"(first: feature {where}, field '{field}'); the incomplete last character was dropped",
            f"{len(guess.cut_values)} 个文字值被字段宽度截断在半个字符处（第一个：要素 {where}，字段“{field}”），"
            "已去掉不完整的末字"))
    return guess.encoding


@contextmanager
def readable_shapes(source: str, restored, report: ReadReport):
    """A shapefile's path for GDAL (loose, or a ZIP member: `source`); when its
    .shx index is damaged, a copy with the index rebuilt (`restored()`, a context
    manager giving its path), said in `report`."""
    from ..formats import shx_restore

    with gdal_notices(report):
        damaged = shx_restore.shx_is_damaged(source)
    if not damaged:
        yield source
        return
    with restored() as copy:
        report.warnings.append(shx_restore.notice())
        yield str(copy)
