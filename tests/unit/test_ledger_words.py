"""A 台账 is never refused for its wording: the words real ledgers use for
建设状态 and 级别 import as written and are classed by geodata's word table;
an unknown word imports as 其他 with a notice naming its rows; money columns
in 元 or 亿元 read as 万元."""
import csv

import pandas as pd
import pytest

from xixia_map.data.register.ledger import import_ledger
from xixia_map.data.register.summary import choices, filtered, totals
from xixia_map.data.register.words import (LEVEL_CLASSES, OTHER, STAGES, WORDS_PATH, level_of, money_factor,
                                           parse_money, stage_of)

# The planner's two ledgers from the issue: every one of these words refused before.
ORDINARY = ["前期", "已完工", "续建", "新开工", "谋划", "储备", "竣工", "在建", "投产运营", "已签约·前期"]


def _sheet(tmp_path, **columns):
    n = len(next(iter(columns.values())))
    table = pd.DataFrame({"项目名称": [f"项目{i}" for i in range(n)], "所在乡镇": ["回车镇"] * n, **columns})
    path = tmp_path / "台账.xlsx"
    table.to_excel(path, index=False)
    return path


def test_every_word_in_the_table_has_a_known_class_and_a_source():
    with open(WORDS_PATH, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) >= 40
    for row in rows:
        allowed = STAGES if row["kind"] == "status" else LEVEL_CLASSES
        assert row["class"] in allowed, row
        assert row["source"].strip(), row
    assert len({(r["kind"], r["word"]) for r in rows}) == len(rows), "a word is listed twice"


@pytest.mark.parametrize("word,stage", [("前期", "前期"), ("已完工", "竣工"), ("续建", "在建"), ("新开工", "在建"),
                                        ("谋划", "谋划储备"), ("储备", "谋划储备"), ("竣工", "竣工"),
                                        ("续建项目", "在建"), (" 在 建 ", "在建"), ("在建（续建）", "在建"),
                                        ("力争签约", "招商对接"), ("已签约•前期", "前期"), ("停建", OTHER)])
def test_statuses_are_classed_by_the_table(word, stage):
    assert stage_of(word) == stage


def test_levels_and_blanks():
    assert level_of("省级重点项目") == "省重点" and level_of("市级") == "市重点" and level_of("乡级") == OTHER
    assert stage_of(None) is None and stage_of("  ") is None


def test_the_planners_ledger_imports_every_row_with_its_own_words(tmp_path):
    sheet = _sheet(tmp_path, 建设状态=ORDINARY + ["停建"], 级别=["省级重点"] * 5 + ["乡级"] * 6)
    result = import_ledger(sheet)
    assert result.problems == []
    assert list(result.frame["status"]) == ORDINARY + ["停建"]  # the ledger's word is kept
    notices = [n.zh for n in result.notices]
    assert any("停建" in n and "第 12 行" in n and OTHER in n for n in notices), notices
    assert any("乡级" in n and "第 7、8、9、10、11、12 行" in n for n in notices), notices
    assert all("续建" not in n for n in notices)


def test_the_stage_filter_groups_the_ledgers_words(tmp_path):
    frame = import_ledger(_sheet(tmp_path, 建设状态=ORDINARY)).frame
    building = filtered(frame, stage="在建")
    assert sorted(building["status"]) == sorted(["续建", "新开工", "在建"])
    assert choices(frame, "stage") == ["谋划储备", "前期", "在建", "竣工", "投产运营"]  # in lifecycle order
    assert totals(filtered(frame, stage="竣工")).count == 2


@pytest.mark.parametrize("header,cells,expected", [
    ("总投资（亿元）", ["1.2", 2, "0.05"], [12000.0, 20000.0, 500.0]),
    ("总投资（元）", ["1,500,000", 30000], [150.0, 3.0]),
    ("总投资（万元）", ["12,000", "1.2亿元", "3000万"], [12000.0, 12000.0, 3000.0]),
    ("计划总投资", ["800", "500000元"], [800.0, 50.0]),
])
def test_money_columns_in_any_unit_are_read_as_wan_yuan(tmp_path, header, cells, expected):
    result = import_ledger(_sheet(tmp_path, **{header: cells}))
    assert result.problems == []
    assert list(result.frame["total"]) == pytest.approx(expected)


def test_money_parsing_refuses_words():
    assert money_factor("总投资 (亿元)") == 10_000 and money_factor("总投资") is None
    with pytest.raises(ValueError):
        parse_money("待定", None)
