"""tables.xlsx: right-to-left sheets, frozen and filtered headers, text as text (never a formula), numbers as numbers."""
from __future__ import annotations

import shutil
import warnings

import pytest
from openpyxl import load_workbook

from helpers.errors import CorpusWarning
from helpers.paths import SEEDS
from helpers.spreadsheet import column_kinds, sheet_names, write_workbook
from helpers.tables import write_tables

HOSTILE_OUTLET = '=HYPERLINK("http://example.invalid","اضغط هنا")'


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    """The tables of the seeds plus one hostile article (formula-like metadata and lines), as tables.xlsx."""
    root = tmp_path_factory.mktemp("xlsx")
    corpus = root / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "009_hostile.txt").write_text(
        "=1+1 عنوان الخبر\n\n@SUM(A1) قال بوتين إن الوضع في إدلب صعب\n\n-2+3 و+4 أرقام\n\nسطر فيه\x0bحرف تحكم",
        encoding="utf-8")
    with open(corpus / "metadata.csv", "a", encoding="utf-8") as fh:
        fh.write(f'009,009_hostile.txt,"{HOSTILE_OUTLET.replace(chr(34), chr(34) * 2)}",+cmd,,2020-01-01,metadata\n')
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        paths = write_tables(corpus, root / "out")
    assert paths[-1] == root / "out" / "tables.xlsx"
    return load_workbook(root / "out" / "tables.xlsx"), root / "out"


def test_every_table_is_a_right_to_left_sheet(workbook):
    """One sheet per CSV (after 'about'), each right-to-left, header frozen and filtered, widths set."""
    wb, out = workbook
    csvs = sorted(p.stem for p in (out / "tables").glob("*.csv"))
    assert wb.sheetnames[0] == "about"
    assert sorted(wb.sheetnames[1:]) == csvs
    for name in wb.sheetnames[1:]:
        ws = wb[name]
        assert ws.sheet_view.rightToLeft is True, name
        assert ws.freeze_panes == "A2", name
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:"), name
        assert ws.column_dimensions["A"].width >= 6, name
    assert wb["articles"].auto_filter.ref == "A1:L7"  # 12 columns, header and 6 articles


def test_text_is_text_and_numbers_are_numbers(workbook):
    """Cells from data that start with = + - @ are strings, never formulas; counts are numbers; ids stay text."""
    wb, _ = workbook
    arts = wb["articles"]
    header = [c.value for c in arts[1]]
    rows = {r[0].value: {h: c for h, c in zip(header, r)} for r in arts.iter_rows(min_row=2)}
    hostile = rows["009"]
    assert hostile["outlet"].value == HOSTILE_OUTLET and hostile["outlet"].data_type == "s"
    assert hostile["outlet_short"].value == "+cmd" and hostile["outlet_short"].data_type == "s"
    assert hostile["title"].value == "=1+1 عنوان الخبر" and hostile["title"].data_type == "s"
    assert rows["000"]["doc_id"].value == "000" and rows["000"]["doc_id"].data_type == "s"
    assert rows["000"]["n_paragraphs"].value == 24 and rows["000"]["n_paragraphs"].data_type == "n"
    texts = [c.value for row in wb["paragraphs"].iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert "@SUM(A1) قال بوتين إن الوضع في إدلب صعب" in texts and "-2+3 و+4 أرقام" in texts
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            assert all(c.data_type != "f" for c in row), ws.title


def test_control_characters_are_replaced_and_counted(workbook):
    """A control character XML cannot hold becomes U+FFFD, and the about sheet says how many."""
    wb, _ = workbook
    texts = [c.value for row in wb["paragraphs"].iter_rows(min_row=2) for c in row if isinstance(c.value, str)]
    assert "سطر فيه\ufffdحرف تحكم" in texts
    about = {r[0].value: r for r in wb["about"].iter_rows(min_row=2) if r[0].value}
    assert "control characters replaced" in about["paragraphs.csv"][3].value


def test_large_tables_show_their_first_rows_with_a_note(tmp_path):
    """Past the row budget, the largest tables show their first rows on a '(part)' sheet; cells are capped."""
    folder = tmp_path / "tables"
    folder.mkdir()
    (folder / "small.csv").write_text("doc_id,n\n001,1\n002,2\n", encoding="utf-8")
    (folder / "big.csv").write_text("doc_id,text\n" + "".join(f"{i:03d},نص\n" for i in range(50)), encoding="utf-8")
    (folder / "long.csv").write_text("doc_id,text\n001," + "ا" * 40_000 + "\n", encoding="utf-8")
    wb = load_workbook(write_workbook(folder, tmp_path / "t.xlsx", max_rows=10, part_rows=5))
    assert wb.sheetnames == ["about", "big (part)", "long", "small"]
    about = {r[0].value: [c.value for c in r] for r in wb["about"].iter_rows(min_row=2) if r[0].value}
    assert about["big.csv"][1:3] == ["big (part)", 5]
    assert about["big.csv"][3] == "first 5 of 50 rows (whole tables fill 10 rows); every row: tables/big.csv"
    assert [c.value for c in wb["big (part)"]["A"]] == ["doc_id", "000", "001", "002", "003", "004"]
    assert len(wb["long"]["B2"].value) == 32_767 and wb["long"]["B2"].value.endswith("\u2026")
    assert about["long.csv"][3] == "1 cells cut at 32,767 characters"
    assert wb["small"]["B2"].value == 1 and wb["small"]["A2"].value == "001"


def test_column_kinds_and_sheet_names():
    """Plain numbers only become numbers; sheet names are short, legal and unique."""
    assert column_kinds(["a", "b", "c"], [["007", "1e5", "1.5"], ["1", "+3", "-2"]]) == ["text", "text", "float"]
    names = sheet_names("actor_mentions_broad_with_a_very_long_name", 2, set())
    assert names == ["actor_mentions_broad_with_a_ver", "actor_mentions_broad_with_a (2)"]
    assert all(len(n) <= 31 for n in names)
    assert sheet_names("a/b:c", 1, set()) == ["a_b_c"]


def test_the_same_tables_give_the_same_workbook_bytes(workbook, tmp_path):
    """Written twice a second apart, the workbook has the same bytes: no time of writing in the package."""
    import time
    import zipfile

    _, out = workbook
    first = write_workbook(out / "tables", tmp_path / "a.xlsx").read_bytes()
    time.sleep(1.1)  # zip times have a two-second grain; core.xml's have one second
    second = write_workbook(out / "tables", tmp_path / "b.xlsx").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "a.xlsx") as package:
        assert {i.date_time for i in package.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        assert b"dcterms:modified" not in package.read("docProps/core.xml")
    assert sorted(load_workbook(tmp_path / "a.xlsx").sheetnames) == sorted(workbook[0].sheetnames)
