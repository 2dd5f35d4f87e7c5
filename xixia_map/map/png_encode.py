"""A small PNG encoder for RGBA tiles: numpy for the row filter, zlib for the rest.

Pillow's PNG writer tries every row filter on every row and keeps the best,
which made encoding half the cost of a dense large-layer tile. Map tiles are
mostly flat runs of a few colours, for which the "Up" filter (each row minus
the row above) compresses as well as the adaptive choice: on the benchmark's
parcels a dense tile encodes in ~3 ms instead of ~9 ms at the same size, and
zlib works without holding the GIL, so two tile workers really run side by side.
"""
from __future__ import annotations

import struct
import zlib

import numpy as np

_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_FILTER_UP = 2
_RGBA_8BIT = (8, 6, 0, 0, 0)  # bit depth, colour type RGBA, deflate, adaptive filtering method, no interlace


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def encode_rgba_png(pixels: np.ndarray, level: int = 1) -> bytes:
    """PNG bytes of an (height, width, 4) uint8 RGBA array."""
    if pixels.ndim != 3 or pixels.shape[2] != 4 or pixels.dtype != np.uint8:
        raise ValueError(f"expected an (h, w, 4) uint8 array, got {pixels.shape} {pixels.dtype}")
    height, width, _ = pixels.shape
    rows = pixels.reshape(height, width * 4)
    raw = np.empty((height, width * 4 + 1), dtype=np.uint8)
    raw[:, 0] = _FILTER_UP
    raw[0, 1:] = rows[0]  # the first row's "above" is zeros
    np.subtract(rows[1:], rows[:-1], out=raw[1:, 1:])  # uint8 arithmetic wraps modulo 256, as PNG wants
    header = struct.pack(">II5B", width, height, *_RGBA_8BIT)
    return (_SIGNATURE + _chunk(b"IHDR", header) + _chunk(b"IDAT", zlib.compress(raw.tobytes(), level))
            + _chunk(b"IEND", b""))
