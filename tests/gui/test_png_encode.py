"""The tile PNG encoder round-trips through a real decoder."""
import io

import numpy as np
import pytest
from PIL import Image

from xixia_map.map.png_encode import encode_indexed_png


def _table(colours, rng):
    table = rng.integers(0, 256, (colours, 4), dtype=np.uint8)
    table[0] = 0  # index 0: nothing drawn, as the tiles use it
    return table


@pytest.mark.parametrize("shape", [(1, 1), (3, 7), (512, 512)])
@pytest.mark.parametrize("colours", [1, 12, 256])
def test_pixels_survive_a_round_trip(shape, colours):
    rng = np.random.default_rng(3)
    table = _table(colours, rng)
    indices = rng.integers(0, colours, shape, dtype=np.uint8)
    indices[: shape[0] // 2] = indices[0]  # flat runs as well as noise, so the Up filter sees both
    decoded = Image.open(io.BytesIO(encode_indexed_png(indices, table)))
    assert decoded.size == (shape[1], shape[0])
    assert np.array_equal(np.asarray(decoded.convert("RGBA")), table[indices])


def test_a_transparent_tile_is_small():  # 256 KB of indices
    data = encode_indexed_png(np.zeros((512, 512), dtype=np.uint8), np.zeros((1, 4), dtype=np.uint8))
    assert len(data) < 2_000 and np.asarray(Image.open(io.BytesIO(data)).convert("RGBA")).max() == 0


def test_refuses_what_is_not_an_index_image_and_its_table():
    table = np.zeros((4, 4), dtype=np.uint8)
    with pytest.raises(ValueError):
        encode_indexed_png(np.zeros((4, 4, 4), dtype=np.uint8), table)  # RGBA, not indices
    with pytest.raises(ValueError):
        encode_indexed_png(np.zeros((4, 4), dtype=np.float32), table)
    with pytest.raises(ValueError):
        encode_indexed_png(np.zeros((4, 4), dtype=np.uint8), np.zeros((257, 4), dtype=np.uint8))
    with pytest.raises(ValueError):
        encode_indexed_png(np.zeros((4, 4), dtype=np.uint8), np.zeros((4, 3), dtype=np.uint8))
