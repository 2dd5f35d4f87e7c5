"""A layer that lives in PostGIS, overlaid in the server: ST_Intersection of
each site with the table's polygons whose box meets it (the table's GiST index,
`&&`), one statement for a block of sites; only the pieces come back, with
their DLBM, DLMC and TBMJ, and are measured on the client as every other
input's are (block.py), so a table and a file of the same parcels give the
same figures.

The server takes the steps the client takes (overlay.py): the polygons are
moved to the sites' Gauss-Krüger plane, their vertices put on the same 0.1 mm
grid (ST_SnapToGrid; ST_ReducePrecision, GEOS's precision reducer, for one the
rounding would leave invalid), and cut by the site, sent in that plane as WKB.

Statements are composed with psycopg.sql: the table and its columns as
Identifiers, the sites, the plane and the grid as parameters; nothing read
from a file or a table becomes SQL text.
"""
from __future__ import annotations

import numpy as np
import shapely
from psycopg import sql

from ..postgis.curves import linear
from .overlay import AREA_FIELDS, CODE_FIELDS, GRID_M, NAME_FIELDS
from .sources import Pieces, no_pieces

# Added to the sites' box, in the table's units, before it is compared with the
# features' boxes: a site moved to the table's CRS keeps its vertices exact,
# not its edges' bulge between them.
MARGIN = {True: 1.0, False: 1e-5}  # metres for a projected table, degrees for lon/lat

_PIECES = """
WITH s AS (SELECT u.i - 1 AS i, ST_SetSRID(ST_GeomFromWKB(u.w), %(plane)s) AS g
           FROM unnest(%(sites)s::bytea[]) WITH ORDINALITY AS u(w, i)),
     c AS (SELECT s.i, s.g, ST_SnapToGrid(ST_Transform({geom}, %(plane)s), %(grid)s) AS r, {geom} AS o,
                  {code} AS code, {name} AS name, {area} AS area
           FROM s JOIN {table} AS t
             ON t.{column} && ST_Expand(ST_Transform(s.g, %(srid)s), %(margin)s)),
     p AS (SELECT i, g, code, name, area,
                  CASE WHEN ST_IsValid(r) THEN r
                       ELSE ST_ReducePrecision(ST_Transform(o, %(plane)s), %(grid)s) END AS q
           FROM c)
SELECT i, ST_AsBinary(ST_Intersection(q, g)), code, name, area,
       CASE WHEN %(wholes)s THEN ST_AsBinary(q) END
FROM p WHERE q && g
"""


class TableOverlay:
    """A PostGIS table (postgis/table.TableFeatures) as an analysis input."""

    def __init__(self, features):
        self.features = features

    def _text_field(self, names) -> sql.Composable:
        name = next((n for n in names if n in self.features.fields), None)
        return sql.SQL("{c}::text").format(c=sql.Identifier(name)) if name else sql.SQL("NULL::text")

    def _number_field(self, names) -> sql.Composable:
        name = next((n for n in names if n in self.features.fields), None)
        if name is None:
            return sql.SQL("NULL::float8")
        # a text TBMJ that is not a number reads as none, as pandas' to_numeric does on the client
        return sql.SQL("CASE WHEN {c}::text ~ '^\\s*[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?\\s*$' "
                       "THEN {c}::text::float8 END").format(c=sql.Identifier(name))

    def pieces(self, sites_degrees, sites_plane, plane: int, wholes: bool) -> Pieces:
        f = self.features
        if len(sites_plane) == 0:
            return no_pieces()
        geometry = linear(sql.Identifier("t", f.info.geometry_column), f.info.geometry_type)
        statement = sql.SQL(_PIECES).format(
            geom=geometry, column=sql.Identifier(f.info.geometry_column), table=f.table,
            code=self._text_field(CODE_FIELDS), name=self._text_field(NAME_FIELDS),
            area=self._number_field(AREA_FIELDS))
        rows = f.fetch(statement, {
            "plane": int(plane), "grid": GRID_M, "srid": int(f.info.srid or 4326),
            "margin": MARGIN[bool(f.projected)], "wholes": bool(wholes),
            "sites": [shapely.to_wkb(g) for g in np.asarray(sites_plane, dtype=object)]}, binary=True)
        if not rows:
            return no_pieces()
        columns = list(zip(*rows))
        geometry = shapely.from_wkb(np.asarray([bytes(b) for b in columns[1]], dtype=object))
        recorded = np.asarray([np.nan if v is None else float(v) for v in columns[4]])
        whole = shapely.from_wkb(np.asarray([bytes(b) for b in columns[5]], dtype=object)) if wholes else None
        return Pieces(np.asarray(columns[0], dtype=np.int64), geometry, np.asarray(columns[2], dtype=object),
                      np.asarray(columns[3], dtype=object), recorded, whole)
