"""One contract for a layer's features, wherever they live.

Held in memory (frame_features.FrameFeatures), kept in a large file and its
store (large/file_layer.FileFeatures), or in a PostGIS table read per view
(postgis/table.TableFeatures): the attribute table, the details panel, styling,
export and the map ask each the same things. rio-tiler states its reader
contract as an abstract base; this states ours as a typing.Protocol, which the
three meet by their shape (runtime_checkable, so a test can hold them to it).

A feature id is text (`"8"`, `"huiche"`): a file's fid or a table's primary key
for the sources read on demand, the frame's `id` column for one held.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from pathlib import Path

    import geopandas as gpd
    import numpy as np
    import pandas as pd

    from .large.store import BatchStore


@runtime_checkable
class FeatureSource(Protocol):
    """A layer's features: counted, bounded, paged, read one at a time or by box."""

    # Read-only members (properties here), which a source may hold as plain attributes.
    @property
    def kind(self) -> str:
        """"Point", "LineString" or "Polygon"."""

    @property
    def count(self) -> int:
        """How many features."""

    @property
    def bounds(self) -> tuple:
        """(west, south, east, north) in lon/lat."""

    @property
    def fields(self) -> list[str]:
        """The attribute columns, in the source's order."""

    def empty_frame(self) -> gpd.GeoDataFrame:
        """The columns (`id` first) with no rows: what the rest of the app reads a schema from."""

    def page(self, start: int, count: int) -> pd.DataFrame:
        """Rows [start, start + count) of the table, attributes only, `id` first."""

    def feature(self, fid: str) -> gpd.GeoDataFrame:
        """One feature, with its geometry in lon/lat; KeyError for an id it does not have."""

    def ids_in(self, west: float, south: float, east: float, north: float) -> list[str]:
        """The ids of the features whose box meets the lon/lat box."""

    def features_of(self, ids: list[str]) -> gpd.GeoDataFrame:
        """Features by id, with their attributes and geometry in lon/lat, in the
        order asked; ids it does not have are left out. With ids_in, an analysis
        reads only what an area's box meets, through the source's own index."""

    def column(self, name: str) -> np.ndarray:
        """One field's values, one per feature in the source's own order; KeyError for no such field."""

    def id_of_row(self, row: int) -> str:
        """The id of the feature at a table row."""

    def row_of_id(self, fid: str) -> int:
        """The table row of a feature id, or -1."""

    def matching_rows(self, text: str) -> np.ndarray:
        """Table rows whose text fields contain `text` (a literal, any case)."""


@runtime_checkable
class StreamedSource(FeatureSource, Protocol):
    """A source too large to hold (a large file, a big table): drawn as tiles
    from a store (`store`), styled from its columns without a frame."""

    @property
    def store(self) -> BatchStore:
        """Where its tiles are drawn from."""

    @property
    def path(self) -> Path | str:
        """The file, or the table's label."""

    @property
    def per_batch_styles(self) -> bool:
        """True: the style's fields come with each tile's query (a table, which
        someone may edit meanwhile); False: inks are made once per store position."""

    def values_of(self, name: str) -> np.ndarray | None:
        """A field's values per store position for the inks, or None (no such field, or per batch)."""

    def fids_at(self, positions: np.ndarray) -> np.ndarray:
        """Feature ids (integers) of store positions."""

    def class_areas(self, field: str, area_field: str | None = None) -> dict[str, float] | None:
        """Square metres per value of a text field (the 三调 colours' areas), or
        None when the field is not text; `area_field`: a listed area to sum
        where the source keeps one per feature."""

    def close(self) -> None:
        """Let go of files and connections."""


def empty_frame(fields: list[str], dtypes: dict[str, str]) -> gpd.GeoDataFrame:
    """Columns named `fields` (typed as `dtypes` says, text where it cannot be)
    after `id`, with no rows, in lon/lat. A field named `id` is the key already."""
    import geopandas as gpd
    import pandas as pd

    columns = {"id": pd.Series([], dtype=object)}
    for name in fields:
        if name == "id":
            continue
        try:
            columns[name] = pd.Series([], dtype=dtypes.get(name, "object"))
        except TypeError:
            columns[name] = pd.Series([], dtype=object)
    return gpd.GeoDataFrame(columns, geometry=gpd.GeoSeries([], crs=4326), crs=4326)


class IntegerKeyed:
    """The contract's id_of_row and row_of_id for a source keyed by integers
    (a file's fids, a table's primary key), from its own fid_of_row and row_of_fid."""

    def fid_of_row(self, rows: np.ndarray) -> np.ndarray:
        """The integer feature ids at table rows."""
        raise NotImplementedError

    def row_of_fid(self, fid: int) -> int:
        """The table row of an integer feature id, or -1 for one it does not have."""
        raise NotImplementedError

    def features_of(self, ids: list[str]) -> gpd.GeoDataFrame:
        """Features by id, geometry in lon/lat, in the order asked; ids it does not have are left out."""
        raise NotImplementedError

    def id_of_row(self, row: int) -> str:
        import numpy as np

        return str(int(self.fid_of_row(np.array([row]))[0]))

    def row_of_id(self, fid: str) -> int:
        try:
            return self.row_of_fid(fid_number(fid))
        except KeyError:
            return -1

    def feature(self, fid: str) -> gpd.GeoDataFrame:
        """One feature, with its geometry in lon/lat (as the app holds every layer); KeyError if none."""
        frame = self.features_of([str(fid_number(fid))])
        if len(frame) == 0:
            raise KeyError(fid)
        return frame


def fid_numbers(ids) -> list[int]:
    """The integer feature ids among the app's text ids (others name no feature here)."""
    numbers = []
    for fid in ids:
        try:
            numbers.append(fid_number(fid))
        except KeyError:
            continue
    return numbers


def fid_number(fid) -> int:
    """A source's integer feature id from the app's text id; KeyError for one that is not a number."""
    try:
        return int(fid)
    except (TypeError, ValueError):
        raise KeyError(fid) from None
