"""Layers larger than memory should hold: read once into a cached, spatially
sorted store beside the app's data, then drawn and identified per view from it.

store_build  streams a file through GDAL (pyogrio's Arrow reader) into the store
store        reads a view's features back with a few positioned reads
source       where a layer came from, and the key its store is cached under
file_layer   the attributes, read from the source file on demand (table, details)
"""
