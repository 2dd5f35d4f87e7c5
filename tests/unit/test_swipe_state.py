"""卷帘's sides in Python (map/swipe.py): which layers a click may identify on
each side of the divider, and the divider's ground line carried to an export's view."""
import math

import pytest

from xixia_map.map.swipe import SwipeState, mercator_y

VIEW = {"west": 111.0, "east": 112.0, "south": 33.0, "north": 34.0, "lat": 33.5, "lng": 111.5, "zoom": 10}


def test_off_hides_nothing():
    assert SwipeState().hidden_at(33.5, 111.1, VIEW) == frozenset()
    assert SwipeState.from_page({"on": False}) == SwipeState()


def test_vertical_sides_hide_the_other_sides_layers():
    state = SwipeState.from_page({"on": True, "orientation": "vertical", "position": 0.25,
                                  "a": ["dom2023", "both"], "b": ["dom2024", "both"]})
    assert state.side_at(33.5, 111.2, VIEW) == "a"  # 0.2 of the width: left of 0.25
    assert state.side_at(33.5, 111.3, VIEW) == "b"
    assert state.hidden_at(33.5, 111.2, VIEW) == {"dom2024"}  # a layer on both sides is never hidden
    assert state.hidden_at(33.5, 111.9, VIEW) == {"dom2023"}


def test_horizontal_divider_is_placed_in_mercator_not_degrees():
    state = SwipeState(True, vertical=False, position=0.5, a=frozenset({"top"}), b=frozenset({"bottom"}))
    middle = state.ground_at(VIEW)
    # Mercator stretches northwards: half the map's height lies north of the mean latitude.
    assert 33.5 < middle < 34.0
    assert mercator_y(34.0) - mercator_y(middle) == pytest.approx(mercator_y(middle) - mercator_y(33.0))
    assert state.hidden_at(middle + 0.01, 111.5, VIEW) == {"bottom"}
    assert state.hidden_at(middle - 0.01, 111.5, VIEW) == {"top"}


@pytest.mark.parametrize("vertical", [True, False])
def test_divider_keeps_its_ground_line_in_another_view(vertical):
    state = SwipeState(True, vertical=vertical, position=0.3)
    ground = state.ground_at(VIEW)
    wider = {"west": 110.5, "east": 112.5, "south": 32.8, "north": 34.2}  # an export's larger extent
    position = state.position_for(ground, wider)
    assert SwipeState(True, vertical=vertical, position=position).ground_at(wider) == pytest.approx(ground)
    assert not math.isclose(position, 0.3)
