"""Tests for the second pass of helpers.dates: the future, منذ/قبل/بعد, ordinal days, الـ + number, year-first
numbers, ranges, نفس الشهر and parts of a year. Expected values worked out by hand with a calendar."""
from __future__ import annotations

import pytest

from helpers.dates import extract_dates
from helpers.dates import lexicons as dlx
from helpers.errors import WorkbookError


def rows(text, reference=None):
    return extract_dates(text, reference)[["surface", "kind", "value", "value_end", "precision", "note"]]


def mention(text, reference, surface):
    """The one mention of ``text`` whose surface is ``surface``."""
    found = rows(text, reference)
    found = found[found["surface"] == surface]
    assert len(found) == 1, rows(text, reference).to_dict("records")
    return found.iloc[0]


# The kinds the first pass missed or misresolved, one phrase each: (text, published, surface, value, value_end).
FIRST_PASS_MISSES = [
    ("ومن المقرر أن يلتقي الرئيسان يوم الاثنين", "2020-02-20", "يوم الاثنين", "2020-02-24", ""),
    ("ستجرى الانتخابات في 15 آذار", "2021-10-12", "15 آذار", "2022-03-15", ""),
    ("أعلنت الوزارة منذ يومين", "2020-02-20", "منذ يومين", "2020-02-18", ""),
    ("في العاشر من شباط الجاري", "2020-02-20", "العاشر من شباط الجاري", "2020-02-10", ""),
    ("في الـ10 من شباط", "2020-02-20", "الـ10 من شباط", "2020-02-10", ""),
    ("بين 5 و7 شباط", "2020-02-20", "بين 5 و7 شباط", "2020-02-05", "2020-02-07"),
    ("أعلن في 20 من كانون الثاني الماضي وقف إطلاق النار، وفي 13 من نفس الشهر التقى الوفدان", "2020-02-20",
     "13 من نفس الشهر", "2020-01-13", ""),
    ("منذ نهاية 2016", "2020-02-20", "نهاية 2016", "2016", ""),
    ("مطلع العام 2020", "2020-02-20", "مطلع العام 2020", "2020", ""),
]


@pytest.mark.parametrize("text, published, surface, value, value_end", FIRST_PASS_MISSES)
def test_first_pass_misses(text, published, surface, value, value_end):
    """Each kind the first pass missed or misresolved now gives the careful reader's value."""
    row = mention(text, published, surface)
    assert (row["value"], row["value_end"]) == (value, value_end), row.to_dict()
    if len(value) == 4:
        assert row["precision"] == "year"


# (text, published, surface, kind, value, value_end, precision)
FORMS = [
    # the future: a weekday or a date without a year goes forward from the reference
    ("سيزور وزير الخارجية أنقرة الأحد", "2020-02-20", "الأحد", "weekday", "2020-02-23", "", "day"),
    ("وسوف يعقد المجلس جلسته الثلاثاء", "2020-02-20", "الثلاثاء", "weekday", "2020-02-25", "", "day"),
    ("يعتزم الوفد التوجه إلى موسكو يوم السبت", "2020-02-20", "يوم السبت", "weekday", "2020-02-22", "", "day"),
    ("تعتزم الحكومة رفع الأسعار في شهر تموز", "2020-09-01", "شهر تموز", "month", "2021-07", "", "month"),
    ("الانتخابات المقبلة في 7 أيار", "2020-09-10", "7 أيار", "absolute", "2021-05-07", "", "day"),
    ("من المنتظر أن تبدأ المحادثات في 3 كانون الثاني", "2020-11-15", "3 كانون الثاني", "absolute", "2021-01-03", "",
     "day"),
    ("قال المتحدث إن الرئيس سيزور أنقرة يوم الاثنين", "2020-02-20", "يوم الاثنين", "weekday", "2020-02-24", "", "day"),
    ("ستنسحب القوات بعد يومين", "2020-02-20", "بعد يومين", "relative", "2020-02-22", "", "day"),
    # the past: a past verb never puts a date after the article
    ("أعلنت الوزارة في 25 تشرين الأول", "2021-10-12", "25 تشرين الأول", "absolute", "2020-10-25", "", "day"),
    ("سيلتقي الرئيسان الاثنين بعد أن التقيا الخميس", "2020-02-22", "الخميس", "weekday", "2020-02-20", "", "day"),
    ("التقى الرئيسان يوم الاثنين", "2020-02-20", "يوم الاثنين", "weekday", "2020-02-17", "", "day"),
    ("وزير الخارجية سيرغي لافروف الاثنين", "2020-02-20", "الاثنين", "weekday", "2020-02-17", "", "day"),
    ("انفجرت سيارة مفخخة الأحد", "2020-02-20", "الأحد", "weekday", "2020-02-16", "", "day"),
    # منذ / قبل + a count: a point after a one-off past verb, a span after a state
    ("أعلنت الوزارة منذ ٣ أيام", "2020-02-20", "منذ ٣ أيام", "relative", "2020-02-17", "", "day"),
    ("قتل الجندي منذ 5 أيام", "2020-02-20", "منذ 5 أيام", "relative", "2020-02-15", "", "day"),
    ("نشرت الصحيفة التقرير منذ ثلاثة أشهر", "2020-02-20", "منذ ثلاثة أشهر", "relative", "2019-11", "", "month"),
    ("أعلن الجيش منذ عامين السيطرة على المدينة", "2020-02-20", "منذ عامين", "relative", "2018", "", "year"),
    ("منذ يومين أعلنت الحكومة حظر التجول", "2020-02-20", "منذ يومين", "relative", "2020-02-18", "", "day"),
    ("أغلق المعبر منذ خمسة عشر يوما", "2020-02-20", "منذ خمسة عشر يوما", "relative", "2020-02-05", "", "day"),
    ("منذ عشرين عاما وقعت المجزرة", "2020-02-20", "منذ عشرين عاما", "relative", "2000", "", "year"),
    ("أعلنت الهدنة منذ نحو شهرين", "2020-02-20", "منذ نحو شهرين", "relative", "2019-12", "", "month"),
    ("تشهد المنطقة هدوءاً منذ ثلاثة أشهر", "2020-02-20", "منذ ثلاثة أشهر", "duration", "", "", "none"),
    ("القصف مستمر منذ يومين", "2020-02-20", "منذ يومين", "duration", "", "", "none"),
    ("لا يزال الطريق مغلقا منذ ٤ أيام", "2020-02-20", "منذ ٤ أيام", "duration", "", "", "none"),
    ("صدر القرار منذ أكثر من عامين", "2020-02-20", "منذ أكثر من عامين", "relative", "", "", "none"),
    ("وقعت الاتفاقية قبل عشرة أعوام", "2020-02-20", "قبل عشرة أعوام", "relative", "2010", "", "year"),
    ("قبل يومين من الانتخابات", "2020-02-20", "قبل يومين", "duration", "", "", "none"),
    ("عادت القوات بعد يومين من الهجوم", "2020-02-20", "بعد يومين", "duration", "", "", "none"),
    # ordinal day words, masculine and feminine, and الـ + a number
    ("في الحادي والثلاثين من كانون الأول 2019", None, "الحادي والثلاثين من كانون الأول 2019", "absolute",
     "2019-12-31", "", "day"),
    ("في الحادية عشرة من آذار 2020", None, "الحادية عشرة من آذار 2020", "absolute", "2020-03-11", "", "day"),
    ("في الثالث من الشهر الجاري", "2020-02-20", "الثالث من الشهر الجاري", "absolute", "2020-02-03", "", "day"),
    ("في الخامس من الشهر الماضي", "2020-02-20", "الخامس من الشهر الماضي", "absolute", "2020-01-05", "", "day"),
    ("الإثنين الرابع من أيار 2020", None, "الإثنين الرابع من أيار 2020", "absolute", "2020-05-04", "", "day"),
    ("في الـ 3 من الشهر الجاري", "2020-02-20", "الـ 3 من الشهر الجاري", "absolute", "2020-02-03", "", "day"),
    ("احتفل السكان في الـ٢٥ من كانون الأول", "2020-02-20", "الـ٢٥ من كانون الأول", "absolute", "2019-12-25", "",
     "day"),
    # year-first numeric dates with / - .
    ("بتاريخ 2020/02/20", None, "2020/02/20", "absolute", "2020-02-20", "", "day"),
    ("في 2019-6-5", None, "2019-6-5", "absolute", "2019-06-05", "", "day"),
    ("صدر في 2020.3.1", None, "2020.3.1", "absolute", "2020-03-01", "", "day"),
    ("في ٢٠١٩/١١/٣", None, "٢٠١٩/١١/٣", "absolute", "2019-11-03", "", "day"),
    # ranges: one row, value = first end, value_end = last end
    ("من 5 إلى 7 شباط", "2020-02-20", "من 5 إلى 7 شباط", "range", "2020-02-05", "2020-02-07", "day"),
    ("في 5-7 شباط", "2020-02-20", "5-7 شباط", "range", "2020-02-05", "2020-02-07", "day"),
    ("بين 2018 و2020", None, "بين 2018 و2020", "range", "2018", "2020", "year"),
    ("بين عامي 2015 و2017", None, "بين عامي 2015 و2017", "range", "2015", "2017", "year"),
    ("بين 28 شباط و2 آذار 2020", None, "بين 28 شباط و2 آذار 2020", "range", "2020-02-28", "2020-03-02", "day"),
    ("بين 28 كانون الأول و2 كانون الثاني 2020", None, "بين 28 كانون الأول و2 كانون الثاني 2020", "range",
     "2019-12-28", "2020-01-02", "day"),
    ("ستعقد الاجتماعات بين 9 و11 آذار", "2020-02-20", "بين 9 و11 آذار", "range", "2020-03-09", "2020-03-11", "day"),
    ("عقدت الجولة من 1 إلى 3 تشرين الأول", "2020-02-20", "من 1 إلى 3 تشرين الأول", "range", "2019-10-01",
     "2019-10-03", "day"),
    ("من كانون الثاني إلى آذار 2020", None, "من كانون الثاني إلى آذار 2020", "range", "2020-01", "2020-03", "month"),
    ("بين الخامس والسابع من شباط", "2020-02-20", "بين الخامس والسابع من شباط", "range", "2020-02-05", "2020-02-07",
     "day"),
    ("في موسم 2019-2020", None, "2019-2020", "range", "2019", "2020", "year"),
    ("واجتمع الوزيران يومي 13 و14 شباط", "2020-03-05", "يومي 13 و14 شباط", "range", "2020-02-13", "2020-02-14", "day"),
    # a month name that is also another word counts after a preposition or a part of a month
    ("ستستضيف موسكو القمة في نيسان", "2020-03-05", "نيسان", "month", "2020-04", "", "month"),
    ("منحت أنقرة دمشق مهلة حتى نهاية شباط", "2020-02-06", "نهاية شباط", "month", "2020-02", "", "month"),
    ("وتشهد إدلب منذ نهاية نيسان 2019 حملة عسكرية", None, "نهاية نيسان 2019", "month", "2019-04", "", "month"),
    # the same month
    ("وصل في 3 آذار 2019، ثم غادر في 9 من الشهر ذاته", None, "9 من الشهر ذاته", "absolute", "2019-03-09", "", "day"),
    ("بدأت الحملة في تموز 2019، وفي العاشر من الشهر ذاته سقطت البلدة", None, "العاشر من الشهر ذاته", "absolute",
     "2019-07-10", "", "day"),
    ("وفي 13 من نفس الشهر التقى الوفدان", "2020-02-20", "13 من نفس الشهر", "absolute", "", "", "none"),
    # parts of a year, and a bare year after منذ
    ("أواخر 2019", None, "أواخر 2019", "year", "2019", "", "year"),
    ("في أوائل عام 2015", None, "أوائل عام 2015", "year", "2015", "", "year"),
    ("منذ 2011", None, "2011", "year", "2011", "", "year"),
    ("لن تنسحب حتى 2021", None, "2021", "year", "2021", "", "year"),
    ("حتى 2021 على الأقل", None, "2021", "year", "2021", "", "year"),
    # a holiday follows the tense too
    ("رأس السنة الميلادية", "2019-12-20", "رأس السنة الميلادية", "absolute", "2020-01-01", "", "day"),
]


@pytest.mark.parametrize("text, published, surface, kind, value, value_end, precision", FORMS)
def test_form(text, published, surface, kind, value, value_end, precision):
    """Each form is found with the right surface, kind, value (and range end) and precision."""
    row = mention(text, published, surface)
    assert (row["kind"], row["value"], row["value_end"], row["precision"]) == (kind, value, value_end, precision), \
        row.to_dict()


@pytest.mark.parametrize("text", [
    "قتل بين 5 و7 جنود", "القرار رقم 2254", "بنسبة 5.6 بالمئة", "للاتصال 0933-123-456", "الاجتماع الثاني من نوعه",
    "أرسل 2000 جندي", "في نهاية المطاف", "قتل 2015 مدنيا", "في اليوم نفسه", "في نفس اليوم", "مقاتلة إف-16",
    "المادة 5 من الدستور", "في الساعة الحادية عشرة من صباح", "الطريق الدولي M5", "حضر حتى 2000 شخص",
    "بعد 2000 غارة", "في سيارة نيسان", "تقرير يومي 5 صفحات",
])
def test_new_forms_do_not_invent_dates(text):
    """Numbers that are not dates, ordinals that are not days and 'the same day' give no date."""
    found = extract_dates(text, "2020-02-20")
    assert (found["value"] == "").all(), found.to_dict("records")


def test_tense_cue_in_note():
    """The note names the cue word that sent a date forward or back."""
    assert "future cue ستجرى" in mention("ستجرى الانتخابات في 15 آذار", "2021-10-12", "15 آذار")["note"]
    assert "past cue أعلنت" in mention("أعلنت الوزارة في 25 تشرين الأول", "2021-10-12", "25 تشرين الأول")["note"]
    assert "future cue ومن المقرر" in mention("ومن المقرر أن يلتقي الرئيسان يوم الاثنين", "2020-02-20",
                                             "يوم الاثنين")["note"]


def test_no_cue_keeps_reference_year():
    """Without a cue, a day and month without a year stays in the reference year, as before."""
    assert mention("في 25 تشرين الأول", "2021-10-12", "25 تشرين الأول")["value"] == "2021-10-25"
    assert mention("في الأول من آذار", "2020-02-20", "الأول من آذار")["value"] == "2020-03-01"


def test_since_notes():
    """منذ + a count says which verb made it a point, or which state kept it a span."""
    assert "one-off past verb أعلنت" in mention("أعلنت الوزارة منذ يومين", "2020-02-20", "منذ يومين")["note"]
    assert "state or ongoing cue مستمر" in mention("القصف مستمر منذ يومين", "2020-02-20", "منذ يومين")["note"]


def test_weekday_contradiction_unresolves_the_text():
    """اليوم الأربعاء on a Thursday: every mention counted from the reference stays unresolved, with the reason."""
    found = rows("أعلن اليوم الأربعاء أنه التقى الوفد أمس، وسيعود في 25 شباط", "2020-02-20")
    assert found["value"].tolist() == ["", "", "2020-02-25"]
    assert found["note"].str.contains("Wednesday").iloc[:2].all()


def test_same_month_across_paragraphs(tmp_path):
    """نفس الشهر takes the month of the last date before it, in reading order over the article."""
    from helpers.dates import date_mentions
    from helpers.loading import read_corpus

    (tmp_path / "001_a.txt").write_text("عنوان الخبر\nبدأ الهجوم في 4 نيسان 2017.\nوفي 7 من الشهر ذاته ردت واشنطن.",
                                        encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,file,outlet,outlet_short,outlet_evidence,published,published_basis\n"
                                           "001,001_a.txt,x,x,x,2017-04-10,x\n", encoding="utf-8")
    m = date_mentions(read_corpus(tmp_path))
    assert m["value"].tolist() == ["2017-04-04", "2017-04-07"]
    assert m["para_id"].nunique() == 2


# --- the data files ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("loader, header, body, message", [
    (dlx.load_ordinal_days, "day,masculine,feminine,note\n", "32,الثاني والثلاثين,,\n", "not between 1 and 31"),
    (dlx.load_ordinal_days, "day,masculine,feminine,note\n", "1,الأول,الأولى,\n2,الثاني,الأولى,\n", "already listed"),
    (dlx.load_tense_cues, "cue_id,role,phrases,note\n", "soon,near_future,قريبا,\n", "near_future"),
    (dlx.load_tense_cues, "cue_id,role,phrases,note\n", "a,future,سوف,\nb,past,سوف,\n", "already listed"),
    (dlx.load_date_words, "word_id,role,phrases,value,note\n", "a,range_open,بين,,\nb,range_open,بين,,\n",
     "already listed for role 'range_open'"),
    (dlx.load_date_words, "word_id,role,phrases,value,note\n", "a,count_word,ثلاثة,three,\n", "not a whole number"),
])
def test_bad_new_lexicon(tmp_path, loader, header, body, message):
    """The new date files are validated on load: the file, the line and the value are named."""
    path = tmp_path / "lexicon.csv"
    path.write_text(header + body, encoding="utf-8")
    with pytest.raises(WorkbookError, match=message) as err:
        loader(str(path))
    assert str(path) in str(err.value)


def test_one_word_in_two_roles_is_allowed():
    """من both opens a range and joins a day to its month: a spelling is unique within its role only."""
    words = dlx.date_lexicon().words
    assert "من" in words["range_open"] and "من" in words["of_word"]


def test_every_ordinal_day():
    """Days 1 to 31 each have a masculine ordinal, and none is listed twice."""
    ordinals = dlx.date_lexicon().ordinals
    assert sorted(set(ordinals.values())) == list(range(1, 32))
    assert ordinals["العاشر"] == 10 and ordinals["الحاديه عشره"] == 11 and ordinals["الواحد والعشرين"] == 21
