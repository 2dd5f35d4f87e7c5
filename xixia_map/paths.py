"""Where the bundled data lives, in a checkout and in a frozen bundle."""
from __future__ import annotations

import sys
from pathlib import Path


def app_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    return Path(frozen) if frozen else Path(__file__).resolve().parent.parent


GEODATA_DIR = app_root() / "geodata"
RESOURCES_DIR = app_root() / "resources"
CATALOG_PATH = GEODATA_DIR / "catalog.json"
INDICATORS_PATH = GEODATA_DIR / "indicators.csv"
