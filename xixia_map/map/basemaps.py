"""Basemap choices: none, the bundled archive, the user's archives, and online
sources, which stay off unless explicitly enabled."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..data.errors import DataError
from ..paths import GEODATA_DIR
from .assets import ORIGIN
from .tiles import TileRegistry, open_tile_source

NONE = "none"
BUNDLED = "xixia"
BUNDLED_PATH = GEODATA_DIR / "basemap" / "xixia.mbtiles"


@dataclass(frozen=True)
class Basemap:
    name: str
    title_zh: str
    title_en: str
    kind: str  # none | archive | online
    url: str = ""
    max_native_zoom: int = 18
    min_native_zoom: int = 0
    gcj02: bool = False  # drawn in GCJ-02: WGS84 data sits ~500 m off
    attribution: str = ""
    path: str = ""

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    @property
    def host(self) -> str:
        return urlsplit(self.url).hostname or ""


ONLINE = [
    Basemap("osm", "OpenStreetMap (在线)", "OpenStreetMap (online)", "online",
            "https://tile.openstreetmap.org/{z}/{x}/{y}.png", 19, attribution="© OpenStreetMap contributors"),
    Basemap("amap", "高德地图 (在线·GCJ-02，与数据偏移约500米)", "Amap (online, GCJ-02: ~500 m off the data)",
            "online", "https://webrd01.is.autonavi.com/appmaptile?lang=zh_cn&size=1&scale=1&style=8&x={x}&y={y}&z={z}",
            18, gcj02=True, attribution="© 高德地图"),
]


class Basemaps:
    def __init__(self, online_enabled: bool = False):
        from .service_tiles import ServiceFetcher

        self.registry = TileRegistry()
        self.online_enabled = online_enabled
        self._archives: dict[str, Basemap] = {}
        # Map services (data/services): fetched in Python, to the origins the planner allowed for each.
        self.fetcher = ServiceFetcher()
        self.services = TileRegistry()
        self._services: dict[str, Basemap] = {}
        self._allowed: dict[str, frozenset[str]] = {}  # service name -> the origins the planner allowed for it
        self._service_defs: dict[str, list] = {}
        # Bumped whenever a service is allowed or stopped: its tile URLs change, so
        # the empty tiles Chromium was given while it was blocked are not reused.
        self._generation = 0
        if BUNDLED_PATH.exists():
            self.add_archive(BUNDLED_PATH, name=BUNDLED, title_zh="西峡底图 (内置, 离线)",
                             title_en="Xixia basemap (bundled, offline)")

    def choices(self) -> list[Basemap]:
        items = [Basemap(NONE, "无底图", "No basemap", "none")] + list(self._archives.values())
        items += list(self._services.values())
        return items + (ONLINE if self.online_enabled else [])

    def add_service(self, services, *, name: str | None = None, origins=()) -> Basemap:
        """A map service (or a base and its annotation, drawn as one) as a basemap
        choice. Only `origins` (the ones the planner allowed, allowance.origin_of's
        spelling) are ever asked for it; none until allowed (set_allowed)."""
        from .service_tiles import ServiceTiles, StackedTiles

        services = list(services) if isinstance(services, (list, tuple)) else [services]
        name = name or services[0].name
        source = ServiceTiles(services[0], self.fetcher) if len(services) == 1 else StackedTiles(
            [ServiceTiles(s, self.fetcher) for s in services])
        self.services.add(name, source)
        title = " + ".join(s.title for s in services)
        attribution = "; ".join(dict.fromkeys(s.attribution for s in services if s.attribution))
        choice = Basemap(name, title, title, "service", f"{ORIGIN}/servicetiles/{name}/{{z}}/{{x}}/{{y}}",
                         max(s.max_zoom for s in services), min(s.min_zoom for s in services),
                         attribution=attribution)
        self._services[name] = choice
        self._service_defs[name] = services
        self.set_allowed(name, origins)
        return choice

    def service_definitions(self, name: str) -> list:
        return list(self._service_defs.get(name, []))

    def set_allowed(self, name: str, origins) -> None:
        """The origins the planner allows for one service (none: stopped); every other request stays
        blocked, whatever the service's definitions name."""
        from ..data.services.allowance import normalised

        self._allowed[name] = normalised(origins)
        self._generation += 1
        self.fetcher.allowed = frozenset().union(*self._allowed.values())

    def allowed_origins(self, name: str) -> frozenset[str]:
        return self._allowed.get(name, frozenset())

    def is_allowed(self, name: str) -> bool:
        return bool(self._allowed.get(name))

    def service_lookup(self, rest: str):
        """Runs on a network worker: a service's tile, or an empty one (counted in the fetcher)."""
        from .tiles import EMPTY_PNG

        found = self.services.lookup(rest)
        return found if found is not None else (EMPTY_PNG, "image/png")

    def get(self, name: str) -> Basemap:
        for choice in self.choices():
            if choice.name == name:
                return choice
        raise KeyError(name)

    def add_archive(self, path, *, name: str | None = None, title_zh: str | None = None,
                    title_en: str | None = None) -> Basemap:
        """Validate and register a tile archive; raises DataError naming the file."""
        source = open_tile_source(Path(path))
        name = name or f"user{sum(1 for n in self._archives if n != BUNDLED) + 1}"
        label = Path(path).name
        choice = Basemap(name, title_zh or f"{label} (本地)", title_en or f"{label} (local)", "archive",
                         f"{ORIGIN}/tiles/{name}/{{z}}/{{x}}/{{y}}", source.max_zoom, source.min_zoom,
                         path=str(path))
        self.registry.add(name, source)
        self._archives[name] = choice
        return choice

    def page_origins(self) -> set[str]:
        """The origins the page itself may ask: the online basemaps', once the planner enabled them."""
        from ..data.services.allowance import origin_of

        return {origin for c in ONLINE if (origin := origin_of(c.url)) is not None} if self.online_enabled else set()

    def page_config(self, name: str) -> dict | None:
        try:
            choice = self.get(name)
        except KeyError:
            raise DataError(None, f"unknown basemap '{name}'") from None
        if choice.kind == "none":
            return None
        url = choice.url + (f"?g={self._generation}" if choice.kind == "service" else "")
        return {"url": url, "maxNativeZoom": choice.max_native_zoom,
                "minNativeZoom": choice.min_native_zoom, "attribution": choice.attribution}

    def attribution(self, name: str) -> str:
        """What a sheet based on this basemap must credit ("" for none or the app's own)."""
        try:
            return self.get(name).attribution
        except KeyError:
            return ""
