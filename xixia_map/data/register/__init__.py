"""项目落图: the project register a planner owns, as a GeoPackage (see store.py)."""
