"""Where an estimated feature may really be, as a shape to draw: a circle of
its accuracy round a point, a band of that half-width along a line. Built in
metres on an azimuthal equidistant plane centred on the feature, so a 10 km
circle is a true 10 km circle, then returned in lon/lat. An area (the
development zone) already shows its extent, and a feature listed inside an
area has that area as its range: neither gets a shape."""
from __future__ import annotations

import shapely
from pyproj import Transformer


def uncertainty_shape(geometry, accuracy_m: float):
    """The range of `geometry` (lon/lat) for `accuracy_m`, or None."""
    if geometry is None or geometry.is_empty or not accuracy_m or accuracy_m <= 0:
        return None
    if geometry.geom_type not in ("Point", "MultiPoint", "LineString", "MultiLineString"):
        return None
    centre = geometry.centroid
    plane = f"+proj=aeqd +lat_0={centre.y} +lon_0={centre.x} +datum=WGS84 +units=m"
    forward = Transformer.from_crs(4326, plane, always_xy=True)
    back = Transformer.from_crs(plane, 4326, always_xy=True)
    flat = shapely.transform(geometry, lambda x, y: forward.transform(x, y), interleaved=False)
    zone = flat.buffer(float(accuracy_m), quad_segs=24)
    return shapely.transform(zone, lambda x, y: back.transform(x, y), interleaved=False)


def uncertainty_for(record: dict, geometry):
    """The shape for a selected record: only estimated features, not those listed on an area."""
    if record.get("estimated") is not True or record.get("within"):
        return None
    return uncertainty_shape(geometry, record.get("accuracy_m") or 0)
