"""The small LRU cache every tile source keeps (large layers, stores, map services):
thread-safe, because tiles are drawn and fetched on worker threads."""
from __future__ import annotations

import threading
from collections import OrderedDict

MISSING = object()  # get()'s answer for a tile not held (None is a tile known empty)


class TileCache:
    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            if key not in self._items:
                return MISSING
            self._items.move_to_end(key)
            return self._items[key]

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __contains__(self, key) -> bool:
        with self._lock:
            return key in self._items

    def __len__(self) -> int:
        with self._lock:
            return len(self._items)

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def keys(self) -> list:
        with self._lock:
            return list(self._items)
