"""The bundled dataset: completeness against the seeds, provenance, and WGS84."""
import json

import pandas as pd
import pytest
import shapely
from shapely.geometry import shape

from xixia_map.data.catalog import load_catalog
from xixia_map.data.chinese_offsets import wgs84_to_gcj02
from xixia_map.data.indicators import load_indicators
from xixia_map.data.layers import LayerList
from seeds import find_seed_dir, seed_text, squash
from xixia_map.paths import CATALOG_PATH, GEODATA_DIR, INDICATORS_PATH

SEED_DIR = find_seed_dir()


@pytest.fixture(scope="module")
def layers():
    return LayerList.from_catalog(load_catalog(CATALOG_PATH))


@pytest.fixture(scope="module")
def county(layers):
    return layers["county"].frame.geometry.iloc[0]


def names(layers, layer_id):
    return set(layers[layer_id].frame["name_zh"])


def test_catalog_declares_every_layer(layers):
    # the drawing order, bottom first; each tree group a block of it
    assert layers.ids() == ["neighbours", "county", "roads", "rivers", "monitoring_sections", "parks",
                            "facilities", "projects", "townships"]


def test_all_nineteen_township_level_divisions(layers):
    towns = names(layers, "townships")
    assert len(towns) == 19
    assert {"回车镇", "米坪镇", "太平镇", "寨根乡", "白羽街道", "紫金街道", "莲花街道"} <= towns


@pytest.mark.parametrize("town,role", [("回车镇", "镇级小城市"), ("寨根乡", "撤乡设镇"),
                                       ("太平镇", "文旅强镇"), ("米坪镇", "全国山茱萸集散中心")])
def test_townships_carry_their_seed_roles(layers, town, role):
    row = layers["townships"].frame.set_index("name_zh").loc[town]
    assert role in row["seed_role"]
    assert role in row["note"]


def test_national_roads_and_their_rebuild(layers):
    roads = layers["roads"].frame.set_index("ref")
    assert set(roads.index) == {"G312", "G345"}
    assert all(roads["works"] == "改建")
    assert all("G312、G345线改建" in note for note in roads["note"])


def test_roads_pass_the_towns_they_name(layers):
    towns = layers["townships"].frame.set_index("name_zh").geometry
    roads = layers["roads"].frame.set_index("ref").geometry
    for ref, town in [("G312", "丹水镇"), ("G312", "西坪镇"),
                      ("G345", "米坪镇"), ("G345", "双龙镇"), ("G345", "军马河镇")]:
        assert roads[ref].distance(towns[town]) < 0.01, (ref, town)
    zone = layers["projects"].frame.set_index("id").geometry["dev_zone"]
    assert roads["G312"].crosses(zone)  # E–W across the development zone, just east of the town


SEED_PROJECTS = ["中冶钢构", "信儒碳纤维汽车零部件", "乐凯辣椒精辣椒红萃取",
                 "正威(南阳)国家级中医药新经济产业园", "煜和矿业晶质石墨新材料产业链", "沪宁钢构",
                 "武汉理工通宇新能源专用车制造", "百菌园万吨冷链物流", "西峡先进制造业开发区", "亿年山海西峡城"]
SEED_FACILITIES = ["西峡县博物馆", "乔典运文学馆", "第二水源地", "餐厨垃圾处理厂", "中心城区建筑垃圾消纳场",
                   "县城防洪排涝一期", "智慧城市运营管理中心", "工业大道改造提升", "张江路改造提升",
                   "鹳河东岸改造提升", "农贸市场(新建)", "蔬菜市场(新建)", "活禽屠宰市场(新建)",
                   "鸿兴建材市场(新建)", "钢铁市场外迁", "城区水系互通", "政务服务大数据中心"]


def test_every_seed_project_and_facility(layers):
    assert set(SEED_PROJECTS) <= names(layers, "projects")
    assert set(SEED_FACILITIES) <= names(layers, "facilities")
    statuses = set(layers["projects"].frame["status"])
    assert {"to_sign", "signed", "negotiating"} <= statuses


def test_water_parks_and_sections(layers):
    assert {"鹳河(老灌河)", "淇河"} <= names(layers, "rivers")
    sections = layers["monitoring_sections"].frame
    assert len(sections) == 7
    assert set(sections["attainment"]) == {"达标"} and set(sections["water_class"]) == {"Ⅱ"}
    assert all(sections["official_name"] == "") and all(sections["estimated"])
    parks = names(layers, "parks")
    assert any("恐龙蛋" in p for p in parks) and any("地质公园" in p for p in parks)
    assert any("森林公园" in p for p in parks)
    assert "南水北调中线工程核心水源涵养区" in layers["county"].frame["note"].iloc[0]


def test_rivers_flow_downhill_to_the_south(layers):
    for geom in layers["rivers"].frame.geometry:
        start, end = geom.coords[0], geom.coords[-1]
        assert end[1] < start[1]


def test_every_record_has_source_and_accuracy(layers):
    for layer in layers:
        frame = layer.frame
        assert frame["source"].str.len().min() > 5, layer.id
        assert (frame["accuracy_m"] > 0).all(), layer.id


def test_estimates_do_not_claim_precision(layers):
    for layer_id in ("townships", "roads", "rivers", "monitoring_sections", "projects"):
        frame = layers[layer_id].frame
        assert frame["accuracy_m"].min() >= 1000, layer_id


def test_places_in_county_lie_inside_it(layers, county):
    for layer_id in ("townships", "monitoring_sections", "parks", "facilities"):
        for name, geom in zip(layers[layer_id].frame["name_zh"], layers[layer_id].frame.geometry):
            assert county.buffer(0.01).contains(geom), (layer_id, name)


def test_county_seat_position(layers):
    seat = layers["townships"].frame.set_index("id").geometry["baiyu"]
    assert abs(seat.x - 111.48) < 0.02 and abs(seat.y - 33.305) < 0.02


def test_boundary_is_wgs84_not_gcj02(county):
    # The source file (GCJ-02) has a vertex at (111.819424, 33.652916). Converted,
    # it must be one of our vertices; the raw GCJ-02 point must not be.
    import numpy as np

    from xixia_map.data.chinese_offsets import gcj02_to_wgs84

    vertices = shapely.get_coordinates(county)
    expected = np.array(gcj02_to_wgs84(111.819424, 33.652916))
    assert np.abs(vertices - expected).max(axis=1).min() < 1e-6
    assert np.abs(vertices - (111.819424, 33.652916)).max(axis=1).min() > 1e-3
    shift = np.array(wgs84_to_gcj02(*expected)) - expected
    assert 0.004 < abs(shift[0]) < 0.008  # ~500 m: the offset really was removed


def test_county_area_matches_official_figure(county):
    import geopandas as gpd

    area_km2 = gpd.GeoSeries([county], crs=4326).to_crs(4546).area.iloc[0] / 1e6
    assert abs(area_km2 - 3454) / 3454 < 0.02  # official 3454 km²


def test_geojson_is_rfc7946():
    for path in GEODATA_DIR.glob("*.geojson"):
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert doc["type"] == "FeatureCollection" and "crs" not in doc, path.name
        for feat in doc["features"]:
            assert shape(feat["geometry"]).is_valid, (path.name, feat["properties"]["id"])


# -- indicators ---------------------------------------------------------------

@pytest.fixture(scope="module")
def indicators():
    return {i.id: i for i in load_indicators(INDICATORS_PATH)}


@pytest.mark.parametrize("key,text", [
    ("gdp_growth", "9.3%"), ("fai_growth", "8.8%"), ("industrial_va_growth", "18.4%"),
    ("budget_revenue", "15.26亿"), ("industry_structure", "13.2:38.6:48.2"),
    ("forest_cover", "80.35%"), ("major_projects_count", "296个"), ("major_projects_total", "1335亿元"),
    ("major_projects_annual", "350亿元以上"), ("key_project_plan_completion", "143%"),
    ("water_sections", "7个"), ("water_attainment", "100%"),
])
def test_headline_indicators(indicators, key, text):
    assert indicators[key].value_text == text


WORDED_VALUES = {"四个", "六个", "十大", "全部", "连续三年", "全市第一"}


def test_each_value_is_in_its_sentence(indicators):
    for ind in indicators.values():
        sentence = squash(ind.source_sentence)
        if ind.value_text not in ("全部", "十大"):
            assert squash(ind.value_text) in sentence, ind.id
        if ind.value is not None and ind.value_text not in WORDED_VALUES:
            assert f"{ind.value:g}" in sentence, ind.id


@pytest.mark.skipif(SEED_DIR is None, reason="county seed documents not beside the checkout")
def test_indicator_sentences_are_verbatim_from_the_seeds(indicators):
    for ind in indicators.values():
        seed = ind.seed.removeprefix("seed:")
        assert squash(ind.source_sentence) in seed_text(seed, str(SEED_DIR)), ind.id


@pytest.mark.skipif(SEED_DIR is None, reason="county seed documents not beside the checkout")
def test_record_notes_quote_the_seeds(layers):
    for layer in layers:
        frame = layer.frame
        for source, note, fid in zip(frame["source"], frame["note"], frame["id"]):
            if source.startswith("seed:") and note:
                seed = source.split(";")[0].removeprefix("seed:").strip()
                assert squash(note) in seed_text(seed, str(SEED_DIR)), (layer.id, fid)


def test_every_number_in_the_seeds_is_tabled(indicators):
    """Spot-check completeness: figures a planner would look for are all there."""
    values = {i.value_text for i in indicators.values()}
    for text in ["6个", "73个", "471家", "255家", "895家", "592家", "77家", "9.2万亩", "56.7万亩",
                 "74.5平方公里", "96宗", "2342万元", "94.97%", "65个以上", "400万美元以上", "750座",
                 "1000亩以上", "2000亩", "1150亩", "10亿元以上", "28个", "17个", "12条"]:
        assert text in values, text


def test_search_index_is_built_lazily_and_follows_the_layers(bundled_layers):
    from xixia_map.data.search_index import SearchIndex

    index = SearchIndex(bundled_layers)
    assert index._entries is None  # nothing built (no pinyin loaded) until asked
    index.build_in_background().join(30)
    assert index._entries is not None
    assert index.search("huiche")[0].name == "回车镇"
    assert index.search("hcz")[0].name == "回车镇"
    bundled_layers.set_visible("townships", False)  # a view change: no rebuild
    assert index._entries is not None
    town = bundled_layers["townships"]
    bundled_layers.remove("townships")
    assert index._entries is None
    assert not [e for e in index.search("huiche") if e.layer_id == "townships"]
    bundled_layers.append(town)


# -- issue 20: honest places -------------------------------------------------------------
def _metres(a, b) -> float:
    from pyproj import Geod

    return Geod(ellps="WGS84").inv(a[0], a[1], b[0], b[1])[2]


def test_records_with_an_a_grade_reference_lie_within_their_own_accuracy(layers):
    """The A-grade facts of the research note, independent of the build: each
    record they concern is no further from them than its own accuracy_m."""
    references = {  # (layer, id): (lon, lat), from ../shared/research/xixia-places.md §1 and §4
        ("parks", "dinosaur_park"): (111.68046, 33.23218),
        ("parks", "laojieling"): (111.76774, 33.64660),
        ("parks", "longtangou"): (111.59406, 33.52031),
        ("townships", "zijin"): (111.47444, 33.28917),
        # The park is in 丹水镇 (丹水镇三里庙村): the town's record must reach it.
        ("townships", "danshui"): (111.68046, 33.23218),
    }
    for (layer_id, fid), where in references.items():
        row = layers[layer_id].frame.set_index("id").loc[fid]
        off = _metres((row.geometry.x, row.geometry.y), where)
        assert off <= row["accuracy_m"], (fid, round(off), row["accuracy_m"])


def test_estimated_towns_claim_what_their_constraints_allow(layers):
    towns = layers["townships"].frame.set_index("id")
    seat = towns.geometry["baiyu"]
    huiche = towns.geometry["huiche"]
    assert huiche.y > seat.y and huiche.x > seat.x  # 回车镇 is north-east of the town, not west
    for tid in ("dinghe", "sangping", "chongyang", "yangcheng", "shijiehe"):  # no source found
        assert towns.at[tid, "grade"] == "D" and towns.at[tid, "accuracy_m"] >= 25000
        assert "no source locates it" in towns.at[tid, "source"]
    assert not towns.at["zijin", "estimated"] and towns.at["xiping", "estimated"]
    laojieling = (111.76774, 33.64660)  # 太平镇 lies in 老界岭's heart: its constraint is ≤12 km
    assert _metres((towns.geometry["taiping"].x, towns.geometry["taiping"].y), laojieling) <= 12000


def test_the_development_zone_is_its_strip_and_holds_its_projects(layers):
    from pyproj import Geod

    projects = layers["projects"].frame.set_index("id")
    zone = projects.geometry["dev_zone"]
    area_km2 = abs(Geod(ellps="WGS84").geometry_area_perimeter(zone)[0]) / 1e6
    assert zone.geom_type == "Polygon" and 22 < area_km2 < 26  # 12 km × 2 km, the 24.17 km² approved
    members = projects[projects["within"] == "dev_zone"]
    assert len(members) == 8 and all(zone.contains(g) for g in members.geometry)
    seat = layers["townships"].frame.set_index("id").geometry["baiyu"]
    assert zone.centroid.x > seat.x  # east of the town


def test_schematic_lines_do_not_hide_each_other(layers):
    """No two schematic lines run within 150 m of each other for more than 1 km
    at a stretch (a crossing at a shallow angle is a few hundred metres)."""
    import geopandas as gpd

    lines = gpd.GeoDataFrame(pd.concat([layers["roads"].frame, layers["rivers"].frame]), crs=4326).to_crs(4546)
    named = list(zip(lines["id"], lines.geometry))
    for i, (a_id, a) in enumerate(named):
        for b_id, b in named[i + 1:]:
            shared = a.intersection(b.buffer(150))
            stretches = [part.length for part in getattr(shared, "geoms", [shared])]
            assert max(stretches, default=0) < 1000, (a_id, b_id, [round(x) for x in stretches])
    assert all(lines["schematic"])
