"""The tile PNG encoder round-trips through a real decoder."""
import io

import numpy as np
import pytest
from PIL import Image

from xixia_map.map.png_encode import encode_rgba_png


@pytest.mark.parametrize("shape", [(1, 1), (3, 7), (512, 512)])
def test_pixels_survive_a_round_trip(shape):
    rng = np.random.default_rng(3)
    pixels = rng.integers(0, 256, (*shape, 4), dtype=np.uint8)
    pixels[: shape[0] // 2] = pixels[0]  # flat runs as well as noise, so the Up filter sees both
    decoded = Image.open(io.BytesIO(encode_rgba_png(pixels)))
    assert decoded.mode == "RGBA" and decoded.size == (shape[1], shape[0])
    assert np.array_equal(np.asarray(decoded), pixels)


def test_a_transparent_tile_is_small():  # 1 MB of pixels
    data = encode_rgba_png(np.zeros((512, 512, 4), dtype=np.uint8))
    assert len(data) < 10_000 and np.asarray(Image.open(io.BytesIO(data))).max() == 0


def test_refuses_what_is_not_rgba_bytes():
    with pytest.raises(ValueError):
        encode_rgba_png(np.zeros((4, 4, 3), dtype=np.uint8))
    with pytest.raises(ValueError):
        encode_rgba_png(np.zeros((4, 4, 4), dtype=np.float32))
