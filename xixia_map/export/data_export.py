"""Write features to GeoJSON, GeoPackage, CSV, zipped Shapefile or DXF, atomically."""
from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd

from ..data.layers import Layer
from ..data.atomic_write import atomic_path
from ..data.errors import DataError
from ..data.messages import say
from ..data.spreadsheet_safe import write_csv
from .shapefile_fit import NAMES_FILE, ShapefileFit, fit_for_shapefile

FORMATS = {".geojson": "GeoJSON", ".json": "GeoJSON", ".gpkg": "GPKG", ".csv": "CSV", ".zip": "ESRI Shapefile",
           ".dxf": "DXF"}
_KIND_NAMES = {"Point": "point", "LineString": "line", "Polygon": "polygon"}


def selection_frame(layers: list[Layer], ids: dict[str, list[str]] | None = None) -> gpd.GeoDataFrame:
    """Features of the given layers (all, or only `ids[layer_id]`), with a `layer` column."""
    parts = []
    for layer in layers:
        frame = layer.frame
        if layer.streamed:
            frame = _large_selection(layer, None if ids is None else ids.get(layer.id, []))
        elif ids is not None:
            frame = frame[frame["id"].isin(ids.get(layer.id, []))]
        if len(frame):
            parts.append((layer.id, _in_planner_words(layer, frame)))
    if not parts:
        raise DataError(None, say("nothing to export: no feature is shown or selected", "没有可导出的要素：未显示或未选中任何要素"))
    # The app's own column naming each feature's layer must not clash with a
    # field of the data: a DXF has "Layer", and GeoPackage and Shapefile field
    # names are case-insensitive ("Error adding field 'Layer'").
    taken = {str(c).lower() for _, frame in parts for c in frame.columns}
    column = next(name for name in ("layer", "xm_layer", *(f"xm_layer{n}" for n in range(2, 99)))
                  if name not in taken)
    out = gpd.GeoDataFrame(pd.concat([frame.assign(**{column: layer_id}) for layer_id, frame in parts],
                                     ignore_index=True), crs=4326)
    out.attrs[LAYER_COLUMN_ATTR] = column
    return out


LAYER_COLUMN_ATTR = "xixia_layer_column"


def layer_column(frame: gpd.GeoDataFrame) -> str:
    """The column selection_frame named each feature's layer in."""
    return frame.attrs.get(LAYER_COLUMN_ATTR, "layer")


def _in_planner_words(layer: Layer, frame: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The register's fields under the 台账's headers (项目名称 …), not its internal keys."""
    if layer.spec.category != "register":
        return frame
    words = {d.field: d.label_zh for d in layer.spec.detail_fields if d.field in frame.columns}
    return frame.rename(columns=words)


def _kind(geom_type: str) -> str:
    return _KIND_NAMES.get(geom_type.replace("Multi", ""), "other")


MAX_LARGE_EXPORT = 10_000  # features of a large layer written through memory


def _large_selection(layer: Layer, ids: list[str] | None) -> gpd.GeoDataFrame:
    """A large layer's chosen features, read from its file; the whole layer is
    refused: its file is already the data, and a copy would go through memory."""
    if ids is None or len(ids) > MAX_LARGE_EXPORT:
        raise DataError(layer.spec.path, say(
            f"the layer has {layer.feature_count:,} features, too many to export through the app (up to "
            f"{MAX_LARGE_EXPORT:,} selected ones): use the file itself, or GDAL's ogr2ogr to convert it",
            f"该图层有 {layer.feature_count:,} 个要素，超出本软件可导出的数量（最多 {MAX_LARGE_EXPORT:,} 个选中要素）："
            "请直接使用原文件，或用 GDAL 的 ogr2ogr 转换"))
    parts = [layer.feature_source.feature(i) for i in ids]
    return gpd.GeoDataFrame(pd.concat(parts, ignore_index=True), crs=4326) if parts else layer.frame


def _check_encodable(frame: gpd.GeoDataFrame, encoding: str) -> None:
    """Name the first value or field name a GBK shapefile cannot hold, rather than let GDAL drop it."""
    if encoding.upper() == "UTF-8":
        return
    advice = say("; export the Shapefile as UTF-8, or as GeoPackage", "；请将 Shapefile 导出为 UTF-8 编码，或导出为 GeoPackage")
    for column in frame.columns:
        if column == frame.geometry.name:
            continue
        try:
            str(column).encode("gbk")
        except UnicodeEncodeError:
            raise DataError(None, say("the field name has characters GBK cannot hold",
                                      "字段名含有 GBK 编码无法表示的字符") + advice, field=str(column)[:30]) from None
        for row, value in frame[column].items():
            if isinstance(value, str):
                try:
                    value.encode("gbk")
                except UnicodeEncodeError:
                    feature = frame["id"].iloc[row] if "id" in frame.columns else row
                    raise DataError(None, say(f"'{value[:30]}' has characters GBK cannot hold",
                                              f"“{value[:30]}”含有 GBK 编码无法表示的字符") + advice,
                                    feature=feature, field=str(column)) from None


class ShapefileWouldCut(DataError):
    """The Shapefile would shorten names or cut text (`fit` says which); nothing was written."""

    def __init__(self, out, fit: ShapefileFit):
        self.fit = fit
        super().__init__(out, fit.describe() + say(". Export as GeoPackage (.gpkg) instead: it has no such limits",
                                                   "。建议改为导出 GeoPackage（.gpkg），它没有这些限制"))


def plan_shapefile(frame: gpd.GeoDataFrame, encoding: str) -> ShapefileFit:
    """What a zipped Shapefile export of `frame` would shorten or cut (ValueError:
    text GBK cannot hold)."""
    frame = frame.reset_index(drop=True)
    _check_encodable(frame, encoding)
    return fit_for_shapefile(frame, encoding)


def write_shapefile_zip(frame: gpd.GeoDataFrame, out: Path, encoding: str = "GBK",
                        accept_cuts: bool = False) -> ShapefileFit:
    """One shapefile per layer and geometry kind (a shapefile holds one kind), zipped.

    What a Shapefile cannot hold (shapefile_fit.py) is refused with
    ShapefileWouldCut unless `accept_cuts`; then names are shortened and text
    cut on character boundaries, and the old -> new names are written into the
    archive (NAMES_FILE). Returns what was changed."""
    import tempfile
    import zipfile

    import pyogrio

    by_layer = layer_column(frame)
    frame = frame.reset_index(drop=True)
    fit = plan_shapefile(frame, encoding)
    if fit.needed() and not accept_cuts:
        raise ShapefileWouldCut(out, fit)
    frame = fit.apply(frame)
    by_layer = fit.renamed.get(by_layer, by_layer)
    with tempfile.TemporaryDirectory() as folder, atomic_path(Path(out)) as tmp:
        kinds = frame.geometry.geom_type.map(_kind)
        for (layer_id, kind), part in frame.groupby([frame[by_layer], kinds], sort=False):
            stem = f"{layer_id}_{kind}"
            pyogrio.write_dataframe(gpd.GeoDataFrame(part, crs=4326), Path(folder) / f"{stem}.shp",
                                    encoding=encoding)
        if fit.renamed:
            write_csv(pd.DataFrame({"原字段名": list(fit.renamed), "Shapefile 字段名": list(fit.renamed.values())}),
                      Path(folder) / NAMES_FILE)
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as archive:
            for file in sorted(Path(folder).iterdir()):
                archive.write(file, file.name)
    return fit


KIND_WORDS = {"point": "点", "line": "线", "polygon": "面"}


def _own_columns(part: gpd.GeoDataFrame, by_layer: str) -> gpd.GeoDataFrame:
    """One layer's rows with its own fields: the columns other layers brought
    into the selection (all empty here) are left out of its table."""
    keep = [c for c in part.columns if c in (part.geometry.name, by_layer) or part[c].notna().any()]
    return part[keep]


def _table_names(frame: gpd.GeoDataFrame, labels: dict) -> dict[str, str]:
    """Each layer's table named as the planner names the layer (its title), unique."""
    names, used = {}, set()
    for layer_id in frame[layer_column(frame)].unique():
        base = str((labels.get(layer_id) or (layer_id,))[0] or layer_id).strip() or str(layer_id)
        name, n = base, 2
        while name.lower() in used:
            name, n = f"{base}_{n}", n + 1
        used.add(name.lower())
        names[layer_id] = name
    return names


def write_features(frame: gpd.GeoDataFrame, out: Path, csv_geometry: str = "wkt", *,
                   shapefile_encoding: str = "GBK", shapefile_accept_cuts: bool = False,
                   labels: dict[str, tuple[str, str | None]] | None = None) -> ShapefileFit | None:
    """`labels`: for DXF, layer id -> (CAD layer name, label field). For a
    zipped Shapefile, returns what it had to shorten or cut (see write_shapefile_zip)."""
    out = Path(out)
    driver = FORMATS.get(out.suffix.lower())
    if driver is None:
        raise ValueError(f"unknown data format '{out.suffix}' (use {', '.join(FORMATS)})")
    if driver == "ESRI Shapefile":
        return write_shapefile_zip(frame, out, shapefile_encoding, shapefile_accept_cuts)
    if driver == "DXF":
        from .cad_export import write_dxf

        labels = labels or {}
        parts = [(labels.get(layer_id, (layer_id, None))[0], part, labels.get(layer_id, (layer_id, None))[1])
                 for layer_id, part in frame.groupby(layer_column(frame), sort=False)]
        write_dxf(parts, out)
        return None
    with atomic_path(out) as tmp:
        if driver == "CSV":
            table = pd.DataFrame(frame.drop(columns=frame.geometry.name))
            if csv_geometry == "lonlat":
                points = frame.geometry.representative_point()
                table["lon"], table["lat"] = points.x.round(6), points.y.round(6)
            else:
                table["wkt"] = frame.geometry.to_wkt()
            write_csv(table, tmp)  # no text becomes a formula in Excel or WPS
        elif driver == "GPKG":
            names = _table_names(frame, labels or {})
            for layer_id, part in frame.groupby(layer_column(frame), sort=False):
                part = _own_columns(part, layer_column(frame))
                kinds = part.geometry.geom_type.map(_kind)
                if kinds.nunique() > 1:  # a table holds one kind of geometry (QGIS reads a mixed one as Unknown)
                    for kind, sub in part.groupby(kinds, sort=False):
                        sub.to_file(tmp, driver="GPKG", layer=f"{names[layer_id]}（{KIND_WORDS.get(kind, kind)}）",
                                    engine="pyogrio")
                else:
                    part.to_file(tmp, driver="GPKG", layer=names[layer_id], engine="pyogrio")
        else:
            frame.to_file(tmp, driver="GeoJSON", engine="pyogrio")
    return None
