"""Layers and the project register in PostgreSQL with PostGIS, read and written
through psycopg 3 with parameters only: no table name, filter or value is ever
pasted into SQL text (identifiers go through psycopg.sql.Identifier).

connection  connections as QGIS makes them, passwords from the keyring
browse      the tables with a geometry column, their SRID, type and size
table       a table as a layer: read whole when small, per view when large
"""
