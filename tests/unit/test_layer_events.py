"""The layer model's typed events (data/layers.py, data/layer.py): each change
announced once, by its own signal and no other, whether made through the list
or on the layer's evented field."""
import geopandas as gpd
import pytest
from shapely.geometry import Point

from xixia_map.data.catalog import LayerSpec
from xixia_map.data.layers import FilteredLayer, Layer


@pytest.fixture
def heard(bundled_layers):
    """(layers, what each list signal heard since), every signal followed."""
    seen = []
    for name in list(bundled_layers.events):
        bundled_layers.events[name].connect(lambda *args, name=name: seen.append(
            (name, args[0].id if args else None)))
    return bundled_layers, seen


def _register_layer(ids):
    frame = gpd.GeoDataFrame({"id": ids, "name": ids}, geometry=[Point(111.4, 33.3)] * len(ids), crs=4326)
    spec = LayerSpec(id="register", title_zh="项目库", title_en="Register", path=None, geometry="Point",
                     category="register", style={}, label_field="name", detail_fields=())
    return FilteredLayer(spec=spec, frame=frame)


def test_each_change_is_one_signal_of_its_own(heard):
    layers, seen = heard
    steps = [
        (lambda: layers.set_visible("roads", False), ("visible", "roads")),
        (lambda: layers.set_opacity("roads", 0.5), ("opacity", "roads")),
        (lambda: layers.set_identifiable("county", True), ("style", "county")),
        (lambda: layers.set_class_visible("projects", "building", False), ("filter", "projects")),
        (lambda: layers.set_style("roads", {"stroke": "#000000"}), ("style", "roads")),
        (lambda: layers.rename("roads", "道路网"), ("renamed", "roads")),
        (lambda: layers.reorder(list(reversed(layers.ids()))), ("reordered", None)),
        (lambda: layers.set_offset("townships", "gcj02"), ("data", "townships")),
        (lambda: setattr(layers["roads"], "visible", True), ("visible", "roads")),  # the field itself
        (lambda: layers.remove("roads"), ("removed", "roads")),
    ]
    for step, expected in steps:
        seen.clear()
        step()
        assert seen == [expected], (expected, seen)
    seen.clear()
    layers.set_visible("county", layers["county"].visible)  # no change, no event
    layers.set_class_visible("projects", "building", False)
    assert seen == []


def test_a_layer_taken_out_is_no_longer_heard_and_a_filtered_one_says_data_or_filter(heard):
    layers, seen = heard
    roads = layers["roads"]
    layers.remove("roads")
    seen.clear()
    roads.visible = not roads.visible
    assert seen == []
    register = _register_layer(["P1", "P2"])
    layers.append(register)
    assert seen == [("inserted", "register")] and register.drawn_ids() == ["P1", "P2"]
    seen.clear()
    layers.set_shown("register", register.all_features.iloc[:1])
    assert seen == [("filter", "register")] and register.drawn_ids() == ["P1"]
    seen.clear()
    fresh = _register_layer(["P1", "P2", "P3"]).frame
    layers.set_frame("register", fresh, fresh.iloc[2:])
    assert seen == [("data", "register")] and len(register.sent_frame()) == 3 and register.drawn_ids() == ["P3"]
    with pytest.raises(ValueError):
        layers.set_shown("county", fresh)  # a layer without a filter
    with pytest.raises(ValueError):
        layers.set_tinted("county", False)  # not a DEM


def test_a_layer_is_of_a_kind(bundled_layers):
    with pytest.raises(TypeError):
        Layer(spec=bundled_layers["county"].spec, frame=bundled_layers["county"].frame)  # only its kinds are made
    county = bundled_layers["county"]
    assert not county.is_raster and not county.streamed and county.feature_source.count == len(county.frame)
    assert county.record(str(county.frame["id"].iloc[0]))["_layer"] == "county"
