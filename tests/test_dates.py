"""Tests for helpers.dates: finding, typing and resolving date expressions (expected values read off the text)."""
from __future__ import annotations

import datetime as dt
import shutil
import time
import warnings

import pytest

from helpers.dates import (date_mentions, date_regex, date_summary, date_tables, extract_dates, infer_year,
                           parse_date_expressions, reference_dates)
from helpers.dates import lexicons as dlx
from helpers.errors import WorkbookError
from helpers.loading import read_corpus
from helpers.paths import SEEDS
from helpers.roles import COUNTED_ROLES


@pytest.fixture(scope="module")
def corpus():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_corpus(SEEDS)


@pytest.fixture(scope="module")
def mentions(corpus):
    return date_mentions(corpus)


def one(text, reference=None, **kw):
    """The single mention found in ``text`` as (surface, kind, value, precision, note)."""
    frame = extract_dates(text, reference, **kw)
    assert len(frame) == 1, frame.to_dict("records")
    row = frame.iloc[0]
    return row["surface"], row["kind"], row["value"], row["precision"], row["note"]


# (text, reference date, surface, kind, value): every form of the brief, values worked out by hand.
PHRASES = [
    ("الأربعاء 5 حزيران/يونيو 2019", None, "الأربعاء 5 حزيران/يونيو 2019", "absolute", "2019-06-05"),
    ("في 17 فبراير", "2020-02-11", "17 فبراير", "absolute", "2020-02-17"),
    ("في 5 حزيران", "2020-02-11", "5 حزيران", "absolute", "2020-06-05"),
    ("يونيو 2019", None, "يونيو 2019", "month", "2019-06"),
    ("في أيلول 2018.", None, "أيلول 2018", "month", "2018-09"),
    ("كانون الثاني 2020", None, "كانون الثاني 2020", "month", "2020-01"),
    ("تشرين الأول 2019", None, "تشرين الأول 2019", "month", "2019-10"),
    ("كانون الأول 2019", None, "كانون الأول 2019", "month", "2019-12"),
    ("يوليه 2019", None, "يوليه 2019", "month", "2019-07"),
    ("أغسطوس 2019", None, "أغسطوس 2019", "month", "2019-08"),
    ("ماي 2019", None, "ماي 2019", "month", "2019-05"),
    ("جانفي 2020", None, "جانفي 2020", "month", "2020-01"),
    ("فيفري 2020", None, "فيفري 2020", "month", "2020-02"),
    ("حزيران (يونيو) 2019", None, "حزيران (يونيو) 2019", "month", "2019-06"),
    ("في شهر حزيران (يونيو)", "2020-02-11", "شهر حزيران (يونيو)", "month", "2020-06"),
    ("٥ حزيران ٢٠١٩", None, "٥ حزيران ٢٠١٩", "absolute", "2019-06-05"),
    ("بتاريخ 5/6/2019", None, "5/6/2019", "absolute", "2019-06-05"),
    ("في 2019-06-05", None, "2019-06-05", "absolute", "2019-06-05"),
    ("منذ عام 2011", None, "عام 2011", "year", "2011"),
    ("سنة 2018م", None, "سنة 2018م", "year", "2018"),
    ("5 شوال 1440 هـ", None, "5 شوال 1440 هـ", "absolute", "2019-06-08"),
    ("صلاة عيد الفطر", "2019-06-05", "عيد الفطر", "absolute", "2019-06-04"),
    # weekdays, reference Wednesday 2019-06-05
    ("قال الأربعاء", "2019-06-05", "الأربعاء", "weekday", "2019-06-05"),
    ("مساء الاثنين", "2019-06-05", "مساء الاثنين", "weekday", "2019-06-03"),
    ("يوم السبت الماضي", "2019-06-05", "يوم السبت الماضي", "weekday", "2019-06-01"),
    ("الإثنين الفائت", "2019-06-05", "الإثنين الفائت", "weekday", "2019-06-03"),
    ("الأربعاء الماضي", "2019-06-05", "الأربعاء الماضي", "weekday", "2019-05-29"),
    ("الجمعة المقبل", "2019-06-05", "الجمعة المقبل", "weekday", "2019-06-07"),
    ("والإثنين", "2019-06-05", "الإثنين", "weekday", "2019-06-03"),
    # relative, reference Tuesday 2020-02-11
    ("اليوم", "2020-02-11", "اليوم", "relative", "2020-02-11"),
    ("واليوم", "2020-02-11", "اليوم", "relative", "2020-02-11"),
    ("أمس", "2020-02-11", "أمس", "relative", "2020-02-10"),
    ("مساء أمس،", "2020-02-11", "مساء أمس", "relative", "2020-02-10"),
    ("أمس الاثنين", "2020-02-11", "أمس الاثنين", "relative", "2020-02-10"),
    ("يوم أمس", "2020-02-11", "يوم أمس", "relative", "2020-02-10"),
    ("أول أمس", "2020-02-11", "أول أمس", "relative", "2020-02-09"),
    ("غداً", "2020-02-11", "غداً", "relative", "2020-02-12"),
    ("قبل يومين", "2020-02-11", "قبل يومين", "relative", "2020-02-09"),
    ("الأسبوع الماضي", "2020-02-11", "الأسبوع الماضي", "relative", ""),
    ("الشهر الجاري", "2020-02-11", "الشهر الجاري", "relative", "2020-02"),
    ("الشهر الماضي", "2020-01-20", "الشهر الماضي", "relative", "2019-12"),
    ("العام الماضي", "2020-02-11", "العام الماضي", "relative", "2019"),
    ("في الأيام القليلة الماضية", "2020-02-11", "الأيام القليلة الماضية", "relative", ""),
    # الجاري / الماضي / المقبل on months
    ("17 فبراير الجاري", "2020-02-17", "17 فبراير الجاري", "absolute", "2020-02-17"),
    ("آب الماضي", "2020-02-11", "آب الماضي", "month", "2019-08"),
    ("ديسمبر الماضي", "2020-02-11", "ديسمبر الماضي", "month", "2019-12"),
    # a paired month after a part of the month, with or without المقبل/الماضي: one mention (Yemen corpus, 002)
    ("ومن المقرر أن تعقد جولة جديدة من المحادثات أواخر كانون الثاني/يناير المقبل.", "2018-12-14",
     "أواخر كانون الثاني/يناير المقبل", "month", "2019-01"),
    ("انتهت المهلة مطلع شباط/فبراير الماضي", "2020-03-05", "مطلع شباط/فبراير الماضي", "month", "2020-02"),
    ("في منتصف حزيران (يونيو) المقبل", "2020-03-05", "منتصف حزيران (يونيو) المقبل", "month", "2020-06"),
    ("أواخر كانون الثاني/يناير الماضي", None, "أواخر كانون الثاني/يناير الماضي", "month", ""),
    ("5 مارس المقبل", "2020-02-11", "5 مارس المقبل", "absolute", "2020-03-05"),
    ("10 فبراير الماضي", "2020-02-11", "10 فبراير الماضي", "absolute", "2020-02-10"),
    ("12 فبراير الماضي", "2020-02-11", "12 فبراير الماضي", "absolute", "2019-02-12"),
    # durations: typed, no date
    ("خلال أسبوعين فقط", "2020-02-11", "خلال أسبوعين", "duration", ""),
    ("استمر ثلاثة أيام", "2020-02-11", "ثلاثة أيام", "duration", ""),
    ("منذ 5 سنوات", "2020-02-11", "منذ 5 سنوات", "duration", ""),
    ("بعد سنوات من الحرب", "2020-02-11", "بعد سنوات", "duration", ""),
]


@pytest.mark.parametrize("text, reference, surface, kind, value", PHRASES)
def test_phrase_kind_and_value(text, reference, surface, kind, value):
    """Each date form is found with the right surface, typed, and resolved to the hand-computed value."""
    got = one(text, reference)
    assert got[:3] == (surface, kind, value), got


TRAPS = [
    "بعد مقتل 5 جنود للاحتلال",
    "مقاتلات روسية من طراز \"سو-24\" وجهت ضربات",
    "بالحسكة ب13 كم، واتجهت",
    "وفقاً لقناة \"روسيا اليوم\" الإخبارية",
    "الصحف اليومية",
    "مارس الضغط على الرئيس",
    "سيارة نيسان",
    "الأحد عشر لاعبا",
    "كلا الاثنين",
    "أرسل 2000 جندي",
    "في اليوم التالي",
    "آب",
]


@pytest.mark.parametrize("text", TRAPS)
def test_not_a_date(text):
    """Counts, model names, distances, the channel روسيا اليوم and look-alike words are not dates."""
    assert extract_dates(text, "2020-02-11").empty


def test_offsets_point_into_clean_text(corpus, mentions):
    """Every mention's offsets cut its surface out of the paragraph's clean text."""
    texts = {(d, p): t for d, p, t in zip(corpus.paragraphs["doc_id"], corpus.paragraphs["para_id"],
                                           corpus.paragraphs["text"])}
    for m in mentions.itertuples():
        assert texts[(m.doc_id, m.para_id)][m.start:m.end] == m.surface


def test_clitic_lam_before_al():
    """لليوم (ل + اليوم) is today, its surface the letters in the text."""
    assert one("لليوم", "2020-02-11")[:3] == ("ليوم", "relative", "2020-02-11")


def test_diacritics_kept_in_surface():
    """A trailing tanwin stays in the surface (text[start:end] is the whole word)."""
    frame = extract_dates("سيصل غداً.", "2020-02-11")
    assert frame["surface"].tolist() == ["غداً"]
    assert "سيصل غداً."[frame["start"][0]:frame["end"][0]] == "غداً"


@pytest.mark.parametrize("day, month, weekday, reference, year_range, year", [
    (17, 2, 0, dt.date(2020, 2, 11), None, 2020),   # الإثنين 17 فبراير
    (17, 2, 0, dt.date(2019, 6, 5), None, 2020),    # 2020-02-17 is nearer than 2014-02-17
    (17, 2, 0, None, (2016, 2022), 2020),
    (17, 2, 0, None, (2010, 2025), None),           # 2014, 2020 and 2025: ambiguous without a reference
    (17, 2, 0, None, None, None),
    (5, 6, 2, dt.date(2020, 2, 11), None, 2019),    # الأربعاء 5 حزيران: 2019 (2024 is further)
])
def test_infer_year_from_weekday(day, month, weekday, reference, year_range, year):
    """A stated weekday picks the year nearest the reference, or the only one in the analyst's range."""
    assert infer_year(day, month, weekday, reference, year_range)[0] == year


def test_weekday_picks_year_in_text():
    """الإثنين 17 فبراير without a year: the weekday gives 2020 against a 2019 reference."""
    surface, kind, value, precision, note = one("الإثنين 17 فبراير", "2019-06-05")
    assert (value, precision) == ("2020-02-17", "day") and "Monday" in note


def test_year_range_parameter_without_reference():
    """With no reference, the analyst's year range lets the weekday decide the year."""
    assert one("الإثنين 17 فبراير", None, year_range=(2016, 2022))[2] == "2020-02-17"
    assert one("الإثنين 17 فبراير", None)[2] == ""


@pytest.mark.parametrize("text, reference, value", [
    ("الثلاثاء 5 حزيران 2019", None, "2019-06-05"),       # 5 June 2019 is a Wednesday
    ("الإثنين 17 فبراير الجاري", "2019-02-17", "2019-02-17"),  # 17 Feb 2019 is a Sunday
    ("اليوم الخميس", "2020-02-21", ""),                    # article dated Friday: the reference is in doubt
    ("أمس الأحد", "2020-02-11", ""),                       # yesterday was Monday: no day shifted silently
    ("5 أيار/يونيو 2019", None, "2019-05-05"),             # paired names disagree: the first one is kept
])
def test_contradictions_are_flagged(text, reference, value):
    """A stated weekday or paired month that does not fit is flagged CHECK in the note, not hidden.

    A weekday stated with اليوم/أمس that the reference contradicts leaves the mention unresolved.
    """
    _, _, got, _, note = one(text, reference)
    assert got == value
    assert "CHECK:" in note


def test_agreeing_weekday_not_flagged():
    """اليوم الخميس in an article dated Thursday needs no flag."""
    _, _, value, _, note = one("اليوم الخميس", "2020-02-20")
    assert value == "2020-02-20" and "CHECK" not in note


@pytest.mark.parametrize("text", ["مساء أمس", "يوم السبت الماضي", "17 فبراير", "الشهر الجاري", "عيد الفطر",
                                  "قبل يومين", "آب الماضي"])
def test_unresolved_without_reference(text):
    """Without a reference date nothing relative is resolved (never against today), and the note says why."""
    _, _, value, precision, note = one(text, None, basis="no published date")
    assert value == "" and precision == "none"
    assert "no reference date" in note and "no published date" in note


def test_absolute_needs_no_reference():
    """A full date and a year resolve with no reference at all."""
    assert one("الأربعاء 5 حزيران/يونيو 2019")[2] == "2019-06-05"
    assert one("عام 2019")[2] == "2019"


# Every date expression in the counted lines of the seeds, checked by reading them.
SEED_MENTIONS = [
    ("000", 4, "الأربعاء 5 حزيران/يونيو 2019", "absolute", "2019-06-05"),
    ("000", 12, "مساء الاثنين", "weekday", "2019-06-03"),
    ("000", 15, "عيد الفطر", "absolute", "2019-06-04"),
    ("000", 23, "أيلول 2018", "month", "2018-09"),
    ("001", 4, "مساء أمس", "relative", ""),
    ("001", 10, "يوم السبت الماضي", "weekday", ""),
    ("001", 12, "الفترة الأخيرة", "relative", ""),
    ("001", 12, "خلال أسبوعين", "duration", ""),
    ("001", 13, "يوم السبت الماضي", "weekday", ""),
    ("002", 11, "اليوم الخميس", "relative", "2020-02-20"),
    ("003", 3, "بعد سنوات", "duration", ""),
    ("003", 4, "اليوم", "relative", "2020-02-11"),
    ("003", 8, "اليوم", "relative", "2020-02-11"),
    ("003", 10, "أمس الاثنين", "relative", "2020-02-10"),
    ("004", 6, "الإثنين 17 فبراير الجاري", "absolute", "2020-02-17"),
    ("004", 6, "اليوم", "relative", "2020-02-17"),
    ("004", 11, "الإثنين 17 فبراير الجاري", "absolute", "2020-02-17"),
    ("004", 11, "اليوم", "relative", "2020-02-17"),
    ("004", 16, "الأيام القليلة الماضية", "relative", ""),
]


def test_seed_mentions(mentions):
    """The seeds give exactly the expected mentions, in order (no روسيا اليوم, no 5 جنود, no سو-24)."""
    got = list(mentions[["doc_id", "para_id", "surface", "kind", "value"]].itertuples(index=False, name=None))
    assert got == SEED_MENTIONS


def test_seed_unresolved_notes(mentions):
    """001 has no reference date: its relative words and weekdays say so in the note."""
    m = mentions[(mentions["doc_id"] == "001") & mentions["kind"].isin(["relative", "weekday"])]
    reasons = m[m["surface"] != "الفترة الأخيرة"]["note"]
    assert len(reasons) == 3 and reasons.str.contains("no reference date").all()


def test_only_counted_lines(corpus, mentions):
    """Read-also teasers and boilerplate are not read."""
    roles = dict(zip(zip(corpus.paragraphs["doc_id"], corpus.paragraphs["para_id"]), corpus.paragraphs["role"]))
    assert {roles[(d, p)] for d, p in zip(mentions["doc_id"], mentions["para_id"])} <= set(COUNTED_ROLES)


def test_reference_dates_seeds(corpus):
    """Reference dates come from metadata; 001 has none, with the reason."""
    refs = reference_dates(corpus)
    assert refs["reference_date"].tolist() == ["2019-06-05", "", "2020-02-20", "2020-02-11", "2020-02-17"]
    assert refs["basis"].tolist() == ["metadata", "none", "metadata", "metadata", "metadata"]
    assert "no full date" in refs.loc[1, "detail"]
    assert "agrees" in refs.loc[0, "detail"]


def test_corpus_without_metadata(tmp_path):
    """Without metadata, 000 takes its first full date as reference; the others stay unresolved."""
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, tmp_path / path.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = read_corpus(tmp_path)
    refs = reference_dates(corpus)
    assert refs[["reference_date", "basis"]].values.tolist()[0] == ["2019-06-05", "text"]
    assert set(refs["basis"][1:]) == {"none"}
    m = date_mentions(corpus)
    assert m[m["surface"] == "مساء الاثنين"]["value"].tolist() == ["2019-06-03"]
    today = m[(m["doc_id"] == "003") & (m["surface"] == "اليوم")]
    assert today["value"].eq("").all() and today["note"].str.contains("no reference date").all()


def test_tables_stable(corpus):
    """date_tables gives the two tables with the documented columns, identical on a second run."""
    first, second = date_tables(corpus), date_tables(corpus)
    assert list(first) == ["date_mentions.csv", "reference_dates.csv"]
    assert list(first["date_mentions.csv"].columns) == ["doc_id", "para_id", "surface", "start", "end", "kind",
                                                        "value", "value_end", "precision", "note"]
    assert list(first["reference_dates.csv"].columns) == ["doc_id", "reference_date", "basis", "detail", "flag"]
    for name in first:
        assert first[name].equals(second[name])


def test_summary_counts(corpus, mentions):
    """Resolved and unresolved counts per article match the seed table above."""
    summary = date_summary(mentions, corpus.articles)
    assert summary.values.tolist() == [["000", 4, 4, 0], ["001", 5, 0, 5], ["002", 1, 1, 0],
                                       ["003", 4, 3, 1], ["004", 5, 4, 1]]


def test_regex_built_once():
    """The date regex is compiled once and reused."""
    assert date_regex() is date_regex()


def test_prefilter_never_hides_a_date(corpus):
    """A text the prefilter rules out is one the date regex finds nothing in.

    Checked on the phrases and traps above, the seed lines, every lexicon spelling alone and after
    clitics, and every pair of the date words that are not core words (a part of the day, a cue, a
    direction ... : none of them makes a date on its own).
    """
    from helpers.dates.patterns import may_hold_date
    from helpers.matching import normalize_for_matching as nf

    lx = dlx.date_lexicon()
    words = sorted({form for role in lx.words.values() for form in role})
    spellings = [*lx.months, *lx.hijri_months, *lx.weekdays, *lx.relatives, *lx.holidays, *lx.units, *lx.ordinals,
                 *words]
    texts = [t for t, *_ in PHRASES] + TRAPS + list(corpus.paragraphs["text"])
    texts += [c + s for s in spellings for c in ("", "و", "ل", "وب", "فل")]
    texts += [f"{a} {b}" for a in words for b in words]
    regex = date_regex()
    for text in texts:
        form = nf(text)
        assert may_hold_date(form) or not regex.search(form), text


def test_parsing_speed(corpus):
    """Parsing is fast enough for the 10,000-article benchmark (generous bound)."""
    texts = list(corpus.paragraphs["text"]) * 20
    start = time.perf_counter()
    for text in texts:
        parse_date_expressions(text)
    assert (time.perf_counter() - start) / len(texts) < 0.0005


def test_every_date_lexicon_loads():
    """Every date data file loads and validates."""
    for loader in dlx.DATE_LEXICON_FILES.values():
        assert len(loader()) > 0
    assert set(dlx.DATE_LEXICON_FILES) >= {"months.csv", "weekdays.csv", "ordinal_days.csv", "tense_cues.csv"}
    assert dlx.date_lexicon().months["حزيران"] == dlx.date_lexicon().months["يونيو"] == 6


MONTH_HEADER = "month_id,number,levantine,gregorian,maghrebi,context_only,note\n"


@pytest.mark.parametrize("body, message", [
    ("june,13,حزيران,يونيو,,,\n", "not between 1 and 12"),
    ("june,6,حزيران,يونيو,,آب,\n", "context_only 'آب'"),
    ("june,6,حزيران,يونيو,,,\njuly,7,تموز,يونيو,,,\n", "already listed on line 2"),
    ("june,6,حزيران,يونيو,حزيران,,\n", "listed under both"),
    ("june,six,حزيران,يونيو,,,\n", "not a whole number"),
])
def test_bad_month_file(tmp_path, body, message):
    """A bad month lexicon fails with a message naming the file, line and value."""
    path = tmp_path / "months.csv"
    path.write_text(MONTH_HEADER + body, encoding="utf-8")
    with pytest.raises(WorkbookError, match=message) as err:
        dlx.load_months(str(path))
    assert str(path) in str(err.value)


def test_bad_relative_unit(tmp_path):
    """A relative date with an unknown unit is refused, listing the allowed units."""
    path = tmp_path / "relative.csv"
    path.write_text("relative_id,phrases,unit,offset\ntoday,اليوم,fortnight,0\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match="fortnight"):
        dlx.load_relative_dates(str(path))


def test_compare_with_dateparser(corpus, mentions):
    """dateparser misses what we find, and without a base date takes the year from the clock."""
    from helpers.dates.compare import compare_with_dateparser

    cmp = compare_with_dateparser(corpus, mentions=mentions)
    eid = cmp[cmp["surface"] == "عيد الفطر"].iloc[0]
    assert eid["verdict"] == "missed by dateparser"
    monday = cmp[(cmp["doc_id"] == "004") & (cmp["para_id"] == 6) & (cmp["surface"] == "الإثنين 17 فبراير الجاري")].iloc[0]
    assert monday["dp_value_with_reference"] == "2020-02-17"
    assert monday["dp_value"] == f"{dt.date.today().year}-02-17"   # the year comes from today's date
    channel = cmp[(cmp["doc_id"] == "004") & (cmp["para_id"] == 8)]
    assert channel["verdict"].tolist() == ["found only by dateparser"]   # روسيا اليوم read as "today"


@pytest.mark.parametrize("kwargs", [{"reference": "11/02/2020"}, {"year_range": (2022, 2016)},
                                    {"year_range": ("2016", "2022")}])
def test_bad_options_raise(kwargs):
    """A reference that is not YYYY-MM-DD or a backwards year range is a WorkbookError naming the value."""
    with pytest.raises(WorkbookError, match="reference=|year_range="):
        extract_dates("أمس", **kwargs)


def test_bad_year_range_for_corpus(corpus):
    """date_mentions checks year_range before any work."""
    with pytest.raises(WorkbookError, match="year_range"):
        date_mentions(corpus, year_range=(2020,))
