"""Tests for helpers.dates.battery: the hand-written battery of date phrases, and both systems scored on it."""
from __future__ import annotations

import pytest

from helpers.dates.battery import battery_scores, judge, load_battery, score_battery
from helpers.dates.patterns import date_regex, may_hold_date
from helpers.errors import WorkbookError
from helpers.matching import normalize_for_matching

CATEGORIES = {"future", "past", "since_ago", "ordinal", "al_number", "numeric", "range", "anaphoric", "year_level",
              "full_date", "relative", "trap", "unresolved", "contradiction", "hijri", "news_style"}


@pytest.fixture(scope="module")
def scored():
    return score_battery()


def test_battery_shape():
    """At least 150 judged phrases, every kind of the second pass, traps and phrases that must stay unresolved."""
    table = load_battery()
    assert len(table) >= 150
    assert set(table["category"]) == CATEGORIES
    assert (table["value"] == "").sum() >= 30          # no date due: spans, traps, no reference, contradictions
    assert table["text"].str.contains("روسيا اليوم").any()


def test_workbook_scores_at_least_95_percent(scored):
    """The workbook gives the careful reader's value on at least 95% of the battery, dateparser on far fewer."""
    total = battery_scores(scored).iloc[-1]
    assert total["workbook_%"] >= 95.0, scored[~scored["workbook_right"]][["item", "text", "workbook"]]
    assert total["dateparser_right"] < total["workbook_right"]


def test_misses_are_known(scored):
    """The misses are two known limits: the verb غدا ('became') read as 'tomorrow' (noted in relative_dates.csv),
    and a present verb announcing a scheduled event (يعقد ... مساء الجمعة) read as the last Friday."""
    assert scored[~scored["workbook_right"]]["item"].tolist() == ["trap-10", "news-02"]


def test_prefilter_keeps_every_battery_phrase():
    """The prefilter never rules out a phrase in which the date regex finds something."""
    for text in load_battery()["text"]:
        form = normalize_for_matching(text)
        assert may_hold_date(form) or not date_regex().search(form), text


@pytest.mark.parametrize("gold, found, right", [
    ("2020-02-24", ["2020-02-24"], True),
    ("2020-02-24", ["2020-02-17"], False),
    ("2020-02", ["2020-02-10"], True),              # finer than the gold, and agreeing
    ("2020-02-10", ["2020-02"], False),             # coarser than the gold
    ("", [], True),
    ("", ["", ""], True),
    ("", ["2020-02-20"], False),
    ("2018/2020", ["2018/2020"], True),
    ("2018/2020", ["2018", "2020"], True),          # both ends as two findings
    ("2018/2020", ["2020"], False),
    ("2020-02-05", ["2020-02-05/2020-02-07"], False),
])
def test_judge(gold, found, right):
    """A value counts at the gold's precision or finer; a range needs both ends; no value is due where gold is empty."""
    assert judge(gold, found) is right


HEADER = "item,category,text,published,surface,value,note\n"


@pytest.mark.parametrize("body, message", [
    ("a-1,x,قال أمس,2020-02-20,اليوم,2020-02-20,\n", "line 2: surface 'اليوم' is not in the text"),
    ("a-1,x,قال أمس,20/02/2020,أمس,2020-02-19,\n", "line 2: published '20/02/2020'"),
    ("a-1,x,قال أمس,2020-02-20,أمس,19.02.2020,\n", "line 2: value '19.02.2020'"),
    ("a-1,x,قال أمس,2020-02-20,أمس,2020-02-19,\na-1,x,أمس,2020-02-20,أمس,2020-02-19,\n", "listed twice"),
])
def test_bad_battery(tmp_path, body, message):
    """A malformed battery row stops with the file, the line and the value."""
    path = tmp_path / "battery.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(WorkbookError, match=message):
        load_battery(path)


def test_unknown_system():
    """Only the two systems can be scored."""
    with pytest.raises(WorkbookError, match="allowed workbook, dateparser"):
        score_battery(systems=("workbook", "camel"))
