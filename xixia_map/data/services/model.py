"""A map service: where its tiles come from and on which grid.

Two grids are met in China: Web Mercator (天地图's `_w` sets, most XYZ and
ArcGIS caches) and CGCS2000 geographic (天地图's `_c` sets, EPSG:4490 tile
matrix sets: level 1 is two 256 px tiles of 180° each, every level halves the
degrees per pixel). A geographic service's tiles are reprojected to Web
Mercator before Leaflet sees them (map/service_tiles.py), so every layer of the
map stays on one CRS.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from urllib.parse import urlsplit

WEB_MERCATOR = "webmercator"
CGCS2000 = "cgcs2000"
KINDS = ("xyz", "wmts", "wms", "arcgis")


@dataclass(frozen=True)
class Matrix:
    """One zoom level of a geographic tile matrix set, as WMTS describes it."""
    identifier: str
    units_per_px: float  # degrees for a geographic set, metres for Web Mercator
    top_left: tuple[float, float]  # lon, lat of the top-left corner
    tile_px: int = 256


@dataclass(frozen=True)
class MapService:
    name: str
    title: str
    kind: str  # xyz | wmts | wms | arcgis
    url: str  # a template with {z} {x} {y} ({s} for a subdomain, {key}); a WMS endpoint
    grid: str = WEB_MERCATOR
    layer: str = ""  # WMS LAYERS
    fmt: str = "image/png"  # WMS FORMAT
    transparent: bool = False
    matrices: tuple[Matrix, ...] = ()  # a geographic grid's levels
    min_zoom: int = 0
    max_zoom: int = 18
    subdomains: tuple[str, ...] = ()
    attribution: str = ""  # shown on the map and printed on the sheet
    review_number: str = ""  # 审图号 the map based on this service must carry, if any
    offline_allowed: bool = False  # the provider's terms let tiles be kept (the planner confirmed)
    key: str = field(default="", repr=False)  # an office's key (天地图 tk), never shown in a log

    @property
    def host(self) -> str:
        return (urlsplit(self.url.replace("{s}", self.subdomains[0] if self.subdomains else "")).hostname or "").lower()

    def origins(self) -> frozenset[str]:
        """The origins (scheme, host, port) its requests go to: what the planner must allow.
        A template whose host is not a plain one (a placeholder but {s}) names none, so is never asked."""
        from .allowance import origin_of

        urls = [self.url.replace("{s}", sub) for sub in self.subdomains] or [self.url]
        return frozenset(o for o in (origin_of(u) for u in urls) if o)

    def to_settings(self) -> dict:
        data = asdict(self)
        data.pop("key")  # kept apart (settings key per service), not in a project file
        return data

    @classmethod
    def from_settings(cls, data: dict, key: str = "") -> "MapService":
        values = dict(data)
        values["matrices"] = tuple(Matrix(m["identifier"], float(m["units_per_px"]), tuple(m["top_left"]),
                                          int(m.get("tile_px", 256))) for m in values.get("matrices", ()))
        values["subdomains"] = tuple(values.get("subdomains", ()))
        return cls(**{**values, "key": key})
