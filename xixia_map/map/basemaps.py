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
        self.registry = TileRegistry()
        self.online_enabled = online_enabled
        self._archives: dict[str, Basemap] = {}
        if BUNDLED_PATH.exists():
            self.add_archive(BUNDLED_PATH, name=BUNDLED, title_zh="西峡底图 (内置, 离线)",
                             title_en="Xixia basemap (bundled, offline)")

    def choices(self) -> list[Basemap]:
        items = [Basemap(NONE, "无底图", "No basemap", "none")] + list(self._archives.values())
        return items + (ONLINE if self.online_enabled else [])

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

    def allowed_hosts(self) -> set[str]:
        return {c.host for c in ONLINE} if self.online_enabled else set()

    def page_config(self, name: str) -> dict | None:
        try:
            choice = self.get(name)
        except KeyError:
            raise DataError(None, f"unknown basemap '{name}'") from None
        if choice.kind == "none":
            return None
        return {"url": choice.url, "maxNativeZoom": choice.max_native_zoom,
                "minNativeZoom": choice.min_native_zoom, "attribution": choice.attribution}
