"""Data layer: loading, validation, CRS and the layer catalog. Pure Python, no Qt."""
