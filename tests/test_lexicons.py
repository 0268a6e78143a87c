"""Every lexicon data file has a loader that validates it, and the validation catches bad rows."""
from __future__ import annotations

import pytest

from helpers.errors import WorkbookError
from helpers.lexicon import lexicon_loaders, load_lexicon, split_list
from helpers.paths import LEXICONS


def test_every_data_file_loads():
    """Each CSV in helpers/lexicons has a loader, and it loads without error."""
    loaders = lexicon_loaders()
    assert sorted(p.name for p in LEXICONS.glob("*.csv")) == sorted(loaders)
    for name, load in loaders.items():
        assert len(load()) > 0, name


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("id,forms\nputin,بوتين\n,أردوغان\n", r"line 3: empty 'id'"),
        ("id,forms,colour\nputin,بوتين,red\n", r"unknown column\(s\) colour"),
        ("id\nputin\n", r"missing column\(s\) forms"),
        ("id,forms\nputin,بوتين\nputin,فلاديمير بوتين\n", r"line 3: id 'putin' already on line 2"),
        ("id,forms\nerdogan,أردوغان\nerdogan2,اردوغان|رجب\n", r"line 3: forms 'اردوغان' is already listed on line 2"),
        ("id,forms\nputin,بوتين,زائد\n", r"line 2: 3 cells, expected 2"),
        ("", r"the file is empty"),
    ],
)
def test_validation_names_file_and_line(tmp_path, content, message):
    """An empty cell, unknown column, duplicate id or one spelling under two ids fails with file and line."""
    path = tmp_path / "actors.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WorkbookError, match=message) as info:
        load_lexicon(path, required=["id", "forms"], unique=["id"], unique_matching=["forms"])
    assert "actors.csv" in str(info.value)


def test_split_list():
    """List cells split on | with spaces trimmed."""
    assert split_list(" قال | قالت |") == ["قال", "قالت"]
