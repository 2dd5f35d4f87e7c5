"""项目落图: the project register a planner owns: in memory and its contract of
where it is kept (model.py), kept in a GeoPackage (store.py) or shared in
PostGIS (pg_store.py), edited through a session (session.py)."""
