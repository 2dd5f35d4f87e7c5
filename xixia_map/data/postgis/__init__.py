"""Layers and the project register in PostgreSQL with PostGIS, read and written
through psycopg 3 with parameters only: no table name, filter or value is ever
pasted into SQL text (identifiers go through psycopg.sql.Identifier).

connection   connections as QGIS makes them; where a password may go (typed, a
             project's connection only once confirmed, the keyring per connection)
browse       the tables with a geometry column, their SRID, type and size; names
curves       curved geometries cut into straight segments on the server
whole_table  a small table read whole, up to a number of rows
table        a large table read per view
layer        a table as a layer: whole when small, per view when large
"""
