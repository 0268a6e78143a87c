"""Tests for helpers.dates.article and helpers.dates.context: the reference-date rule, contradicting weekdays and
the tense and aspect cues of a clause, on a second corpus written for them (tests/corpora/renaissance_dam)."""
from __future__ import annotations

import datetime as dt
import shutil
import warnings
from pathlib import Path

import pytest

from helpers.dates import date_mentions, date_tables, reference_dates
from helpers.dates.article import head_length, reference_for_article
from helpers.dates.context import clause_cue, is_future_verb, words_before
from helpers.dates.patterns import parse_date_expressions
from helpers.loading import read_corpus
from helpers.paths import SEEDS

DAM = Path(__file__).parent / "corpora" / "renaissance_dam"


@pytest.fixture(scope="module")
def dam():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_corpus(DAM)


@pytest.fixture(scope="module")
def dam_tables(dam):
    return date_tables(dam)


def test_dam_reference_dates(dam_tables):
    """Metadata first; a dateline in the first paragraph or a date tied to اليوم next; an earlier event never."""
    refs = dam_tables["reference_dates.csv"].set_index("doc_id")
    assert refs["reference_date"].to_dict() == {"100": "2020-06-20", "101": "2020-07-13", "102": "",
                                                "103": "2020-07-16", "104": "2020-07-16", "105": "2020-08-03"}
    assert refs["basis"].to_dict() == {"100": "metadata", "101": "text", "102": "none", "103": "metadata",
                                       "104": "text", "105": "metadata"}
    assert "first lines" in refs.loc["101", "detail"]
    assert "tied to اليوم" in refs.loc["104", "detail"]
    assert "23 آذار 2015" in refs.loc["102", "detail"] and "not dateline-like" in refs.loc["102", "detail"]
    assert refs["flag"].to_dict() == {"100": "", "101": "", "102": "", "103": "weekday_contradiction", "104": "",
                                      "105": ""}


# Every mention of the second corpus, read by hand: (doc_id, surface, kind, value, value_end).
DAM_MENTIONS = [
    ("100", "منذ يومين", "relative", "2020-06-18", ""),          # أعلنت ... منذ يومين: a point
    ("100", "يوم الاثنين", "weekday", "2020-06-22", ""),         # من المقرر: the next Monday
    ("100", "بين 9 و17 حزيران", "range", "2020-06-09", "2020-06-17"),
    ("100", "تموز المقبل", "month", "2020-07", ""),
    ("100", "منذ ثلاثة أشهر", "duration", "", ""),               # تشهد ... منذ: a span
    ("101", "الاثنين 13 تموز/يوليو 2020", "absolute", "2020-07-13", ""),
    ("101", "أمس", "relative", "2020-07-12", ""),
    ("101", "الخميس", "weekday", "2020-07-16", ""),              # سيتوجه: the next Thursday
    ("102", "أمس", "relative", "", ""),                           # no reference: the 2015 date is an earlier event
    ("102", "الأحد المقبل", "weekday", "", ""),
    ("102", "23 آذار 2015", "absolute", "2015-03-23", ""),
    ("103", "اليوم الأربعاء", "relative", "", ""),                # the metadata date is a Thursday
    ("103", "أمس", "relative", "", ""),                           # in doubt with it
    ("103", "21 تموز", "absolute", "2020-07-21", ""),            # من المنتظر: forward; the year is not in doubt
    ("104", "3 تموز 2020", "absolute", "2020-07-03", ""),
    ("104", "اليوم الخميس", "relative", "2020-07-16", ""),
    ("104", "16 تموز 2020", "absolute", "2020-07-16", ""),
    ("104", "الأحد", "weekday", "2020-07-19", ""),               # سيلتقي: the next Sunday
    ("105", "مطلع 2011", "year", "2011", ""),
    ("105", "بين عامي 2011 و2015", "range", "2011", "2015"),
    ("105", "الحادي والعشرين من تموز الماضي", "absolute", "2020-07-21", ""),
    ("105", "28 من الشهر ذاته", "absolute", "2020-07-28", ""),
    ("105", "ال10 من آب الجاري", "absolute", "2020-08-10", ""),   # the clean text has no tatweel
    ("105", "نهاية 2019", "year", "2019", ""),
]


def test_dam_mentions(dam_tables):
    """The second corpus gives exactly the mentions read by hand, in order."""
    m = dam_tables["date_mentions.csv"]
    got = list(m[["doc_id", "surface", "kind", "value", "value_end"]].itertuples(index=False, name=None))
    assert got == DAM_MENTIONS


def test_dam_contradiction_notes(dam_tables):
    """In the flagged article the unresolved mentions carry the contradiction."""
    m = dam_tables["date_mentions.csv"]
    notes = m[(m["doc_id"] == "103") & (m["value"] == "")]["note"]
    assert len(notes) == 2 and notes.str.contains("Wednesday").all() and notes.str.contains("Thursday").all()


def test_dam_offsets(dam, dam_tables):
    """Offsets cut each surface out of its clean paragraph."""
    texts = dict(zip(zip(dam.paragraphs["doc_id"], dam.paragraphs["para_id"]), dam.paragraphs["text"]))
    for r in dam_tables["date_mentions.csv"].itertuples():
        assert texts[(r.doc_id, r.para_id)][r.start:r.end] == r.surface


def write_article(folder: Path, lines: list[str], published: str = "") -> None:
    (folder / "001_a.txt").write_text("\n".join(lines), encoding="utf-8")
    (folder / "metadata.csv").write_text(
        "doc_id,file,outlet,outlet_short,outlet_evidence,published,published_basis\n"
        f"001,001_a.txt,x,x,x,{published},x\n", encoding="utf-8")


def test_earlier_event_is_not_the_reference(tmp_path):
    """Without a metadata date, a full date deep in the body (an earlier event) leaves أمس unresolved."""
    write_article(tmp_path, ["الهدنة لم تصمد", "تجدد القصف على ريف إدلب.", "وقال مسؤول أمس إن الخروقات مستمرة.",
                             "وكانت الهدنة قد أعلنت في 9 كانون الثاني 2020."])
    corpus = read_corpus(tmp_path)
    refs, m = reference_dates(corpus), date_mentions(corpus)
    assert refs.loc[0, "basis"] == "none" and refs.loc[0, "reference_date"] == ""
    assert m.set_index("surface").loc["أمس", "value"] == ""
    assert m.set_index("surface").loc["9 كانون الثاني 2020", "value"] == "2020-01-09"


@pytest.mark.parametrize("lines, reference, why", [
    (["دمشق، 20 شباط 2020", "تجدد القصف.", "وقال مسؤول أمس إن الخروقات مستمرة."], "2020-02-20", "the title"),
    (["عنوان", "دمشق - 20 شباط 2020: تجدد القصف.", "وقال مسؤول أمس كلاما."], "2020-02-20", "first lines"),
    (["عنوان", "تجدد القصف.", "وقال مسؤول اليوم، 20 شباط 2020، كلاما."], "2020-02-20", "tied to اليوم"),
    (["عنوان", "تجدد القصف.", "وقال مسؤول الخميس 20 شباط 2020 كلاما."], "2020-02-20", "Thursday agrees"),
    (["عنوان", "تجدد القصف.", "وقال مسؤول الأربعاء 20 شباط 2020 كلاما."], "", ""),   # the weekday disagrees
])
def test_dateline_like_dates(tmp_path, lines, reference, why):
    """Only a date in the first lines, tied to اليوم, or with an agreeing weekday becomes the reference."""
    write_article(tmp_path, lines)
    refs = reference_dates(read_corpus(tmp_path))
    assert refs.loc[0, "reference_date"] == reference
    assert why in refs.loc[0, "detail"]


def test_metadata_and_dateline_compared(tmp_path):
    """A metadata date is kept; the dateline-like date in the text is reported as agreeing or not."""
    write_article(tmp_path, ["دمشق، 20 شباط 2020", "تجدد القصف."], published="2020-02-21")
    refs = reference_dates(read_corpus(tmp_path))
    assert refs.loc[0, "reference_date"] == "2020-02-21" and "differs: CHECK" in refs.loc[0, "detail"]


def test_seeds_without_metadata(tmp_path):
    """Without metadata, seed 000's date with its agreeing Wednesday is the reference; the others have none."""
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        refs = reference_dates(read_corpus(tmp_path))
    assert refs.loc[0, "reference_date"] == "2019-06-05" and "Wednesday agrees" in refs.loc[0, "detail"]
    assert set(refs["basis"][1:]) == {"none"}


def test_year_range_lets_a_weekday_fix_the_dateline(tmp_path):
    """الإثنين 17 فبراير الجاري needs the analyst's year range to become a full date, then a reference."""
    write_article(tmp_path, ["عنوان", "قال الوزير الإثنين 17 فبراير الجاري إن الاتصالات مستمرة."])
    corpus = read_corpus(tmp_path)
    assert reference_dates(corpus).loc[0, "basis"] == "none"
    refs = reference_dates(corpus, year_range=(2016, 2022))
    assert refs.loc[0, "reference_date"] == "2020-02-17"


def test_reference_for_article_lines():
    """The rule works on plain lines too (role, text, expressions)."""
    lines = [(1, "title", "الهدنة لم تصمد", []),
             (2, "body", "أمس تجدد القصف", parse_date_expressions("أمس تجدد القصف")),
             (3, "body", "أعلنت الهدنة في 9 كانون الثاني 2020", parse_date_expressions("أعلنت الهدنة في 9 كانون الثاني 2020"))]
    ref = reference_for_article(lines)
    assert (ref.reference, ref.basis, ref.flag) == (None, "none", "")
    ref = reference_for_article(lines, "2020-01-20")
    assert ref.reference == dt.date(2020, 1, 20) and ref.basis == "metadata"


def test_head_length():
    """The head runs up to and including the first body line."""
    assert head_length(["title", "dek", "byline", "body", "body"]) == 4
    assert head_length(["title", "caption"]) == 2


# --- the clause ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("word, future", [
    ("سيلتقي", True), ("ستجرى", True), ("سنواصل", True), ("سأزور", True), ("وسيزور", True), ("فستبدأ", True),
    ("سيتم", True), ("سيارة", False), ("سيارات", False), ("سياسيون", False), ("سيرغي", False), ("ساعة", False),
    ("سابقا", False), ("سنة", False), ("ستة", False), ("وسط", False), ("سيد", False), ("سازور", False),
    ("سیلتقي", True), ("سیارة", False),
])
def test_future_verb(word, future):
    """س + an imperfect prefix is a future verb; nouns, names and ساعة/سابقا are not."""
    assert is_future_verb(word) is future


@pytest.mark.parametrize("text, target, role, word", [
    ("ومن المقرر أن يلتقي الرئيسان يوم الاثنين", "يوم الاثنين", "future", "ومن المقرر"),
    ("قال المتحدث إن الرئيس سيزور أنقرة يوم الاثنين", "يوم الاثنين", "future_prefix", "سيزور"),
    ("زار الرئيس موسكو الاثنين وسيزور أنقرة", "الاثنين", "punctual", "زار"),
    ("لا يزال الطريق مغلقا منذ ٤ أيام", "منذ", "ongoing", "مغلقا"),
    ("منذ يومين أعلنت الحكومة حظر التجول", "منذ يومين", "punctual", "أعلنت"),
    ("قتل خمسة. ستجرى الانتخابات الاثنين", "ستجرى", None, None),
])
def test_clause_cue(text, target, role, word):
    """The nearest cue in the clause wins, and a sentence boundary stops the search."""
    start = text.index(target)
    cue = clause_cue(text, start, start + len(target))
    assert (cue.role, cue.word) == (role, word) if role else cue is None


def test_clause_window_is_bounded():
    """Only the last few words before an expression are read, however long the line."""
    text = "ستجرى " + "كلمة " * 5000 + "الاثنين"
    assert len(words_before(text, text.index("الاثنين"))) <= 12
    assert clause_cue(text, text.index("الاثنين"), len(text)) is None


def test_try_references():
    """try_references shows the rule on made-up articles: basis, flag and the relative mentions' values."""
    from helpers.dates import try_references

    cases = {"earlier event": ([("title", "الهدنة لم تصمد"), ("body", "تجدد القصف أمس."),
                                ("body", "وكانت الهدنة قد أعلنت في 9 كانون الثاني 2020.")], ""),
             "contradiction": ([("title", "اجتماع"), ("body", "عقد الوزراء اليوم الأربعاء اجتماعا."),
                                ("body", "وكانوا قد التقوا أمس.")], "2020-07-16"),
             "dateline": ([("title", "دمشق، 20 شباط 2020"), ("body", "تجدد القصف أمس.")], "")}
    table = try_references(cases).set_index("case")
    assert table["basis"].tolist() == ["none", "metadata", "text"]
    assert table["flag"].tolist() == ["", "weekday_contradiction", ""]
    assert table["relative"].tolist() == ["أمس = ?", "اليوم الأربعاء = ? ; أمس = ?", "أمس = 2020-02-19"]
