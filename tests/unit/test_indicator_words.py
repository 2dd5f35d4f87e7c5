"""The dashboard's words for periods, rankings, English values and targets
against actuals: each quote is the documents' own, each year is said to be
worked out (issue 19)."""
import pytest

from xixia_map.data.indicator_targets import PAIRS, target_pairs
from xixia_map.data.indicator_words import RANKS, period_basis, period_text, rank_text, value_text
from xixia_map.data.indicators import load_indicators
from xixia_map.paths import INDICATORS_PATH


@pytest.fixture(scope="module")
def indicators():
    return {i.id: i for i in load_indicators(INDICATORS_PATH)}


def test_every_ranking_is_quoted_from_its_own_sentence(indicators):
    for ind_id, quote in RANKS.items():
        assert quote in indicators[ind_id].source_sentence, ind_id


def test_the_growth_figures_rank_first_in_the_city_and_their_neighbours_do_not(indicators):
    ranked = {i for i in indicators if rank_text(indicators[i])}
    growth = {"gdp_growth", "fai_growth", "industrial_va_growth", "loan_growth", "budget_revenue"}
    assert growth <= ranked
    assert {rank_text(indicators[i]) for i in growth} == {"全市第一"}
    # the same sentence as 公众安全感…全市第一, but the ranking is not the 三无 rate's
    assert "three_none_villages" not in ranked


def test_every_target_and_actual_quote_is_in_its_sentence(indicators):
    assert len(target_pairs(indicators)) == len(PAIRS) == 3
    for pair in PAIRS:
        assert pair.target_quote in indicators[pair.target_id].source_sentence, pair.key
        assert pair.actual_quote in indicators[pair.actual_id].source_sentence, pair.key
    met = {p.key: p.met for p in PAIRS}
    assert met == {"key_projects": True, "water_class": True, "business_env": None}


def test_periods_carry_the_year_worked_out_from_the_press_conference(indicators):
    assert period_text(indicators["gdp_growth"]) == "2024年前三季度"
    assert period_text(indicators["industry_structure"]) == "2023年"  # 去年
    assert period_text(indicators["afforestation"]) == "2022—2024年累计"  # 近三年
    assert period_text(indicators["gdp_growth"], "en") == "first three quarters of 2024"
    assert "推定" in period_basis(indicators["gdp_growth"]) and "三中全会" in period_basis(indicators["gdp_growth"])
    # the work plan says no year, and none is made up for it
    assert period_text(indicators["major_projects_total"]) == "年度目标（文件未注年份）"
    assert "2024" not in period_text(indicators["major_projects_total"], "en")


@pytest.mark.parametrize("key, zh, en", [
    ("budget_revenue", "15.26亿元", "1.526 bn yuan"),
    ("major_projects_annual", "350亿元以上", "≥ 35 bn yuan"),
    ("eco_premium", "2342万元", "23.42 M yuan"),
    ("afforestation", "9.2万亩", "92,000 mu"),
    ("fdi", "400万美元以上", "≥ 4 M US$"),
    ("bus_people", "约15万", "about 150,000 people"),
    ("business_env_rank", "第13名", "No. 13"),
    ("zone_output", "超400亿元", "over 40 bn yuan"),
    ("industry_structure", "13.2:38.6:48.2", "13.2:38.6:48.2"),
    ("miping_cornus", "全国山茱萸集散中心", "national cornus trading centre"),
])
def test_values_in_both_languages(indicators, key, zh, en):
    assert value_text(indicators[key], "zh") == zh
    assert value_text(indicators[key], "en") == en


def test_no_english_value_keeps_chinese_script(indicators):
    import re

    han = re.compile(r"[\u4e00-\u9fff]")
    assert [i for i in indicators.values() if han.search(value_text(i, "en"))] == []
