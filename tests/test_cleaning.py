"""Each cleaning step alone, on real lines from the seeds, and the pipeline as a whole."""
from __future__ import annotations

import pytest

from helpers import cleaning
from helpers.cleaning import clean_with_audit


@pytest.mark.parametrize(
    ("raw", "expected", "count"),
    [
        ("لوقف التصـ.عيد في إدلب.", "لوقف التصعيد في إدلب.", 1),
        ("استفزازات وهجـ.مات المسـ.لحين العدوانية", "استفزازات وهجمات المسلحين العدوانية", 2),
        ("الإرهـ.ـابـ.ـيين", "الإرهابيين", 2),
        ("بسبب الأحوال الجوية السـ.ـيـ.ـئة", "بسبب الأحوال الجوية السيئة", 2),
        ("عسـ.ـاكرها المتواجدون", "عساكرها المتواجدون", 1),
        # ordinary punctuation is not obfuscation
        ("حتى تحرير سوريا..أردوغان يتوعد", "حتى تحرير سوريا..أردوغان يتوعد", 0),
        ("في إدلب. ويواصل العسكريون", "في إدلب. ويواصل العسكريون", 0),
        ("من طراز سو-24 وجهت", "من طراز سو-24 وجهت", 0),
    ],
)
def test_repair_obfuscation(raw, expected, count):
    """A dot touching a tatweel inside a word is removed, one count per dot; other dots stay."""
    assert cleaning.repair_obfuscation(raw) == expected
    assert cleaning.count_obfuscations(raw) == count


@pytest.mark.parametrize(
    ("raw", "expected", "step"),
    [
        ("قتل ثلاثة من الإر.هابيين أمس", "قتل ثلاثة من الإرهابيين أمس", "repair_obfuscation_bare_dot"),
        ("هجوم الإرهـ..ـابيين على القرية", "هجوم الإرهابيين على القرية", "repair_obfuscation_repeated_dots"),
        ("هجوم الإرهـ...ـابيين", "هجوم الإرهابيين", "repair_obfuscation_repeated_dots"),
        ("استهداف العسكـ.ـ.ـريين", "استهداف العسكريين", "repair_obfuscation_repeated_dots"),
        ("المسـ.لحين والعسكـ.ـريين", "المسلحين والعسكريين", "repair_obfuscation_tatweel_dot"),
        ("مواقع المسـ.ـلحين.", "مواقع المسلحين.", "repair_obfuscation_tatweel_dot"),
        ("قصف الإر.ها.بيين", "قصف الإرهابيين", "repair_obfuscation_bare_dot"),
        ("بحسب الجيـ.ـش والإر.هابيين", "بحسب الجيش والإرهابيين", "repair_obfuscation_tatweel_dot"),
    ],
)
def test_obfuscation_variants_are_repaired_and_named(raw, expected, step):
    """Each variant (a bare dot, two dots, a dot with tatweel) is repaired, and its own step counts it."""
    clean, counts = clean_with_audit(raw)
    assert clean == expected
    assert counts[step] >= 1
    assert sum(counts[s] for s in cleaning.OBFUSCATION_STEPS) == cleaning.count_obfuscations(raw)


@pytest.mark.parametrize(
    "raw",
    [
        "نقلت وكالة (أ.ف.ب) عن مصدر",  # an abbreviation: single letters between dots
        "وقال د.محمد إن",  # doctor, no space
        "قال د. محمد",
        "في عام 1990 م. وصل",  # the Gregorian-era abbreviation
        "وصل إلى 3.5 مليون",  # a number
        "عند الساعة 10.30 صباحا",
        "في إدلب.وقال المتحدث",  # a full stop missing its space, before a new word
        "في المدينة.يذكر أن",  # ... after a word that ends with teh marbuta
        "حتى تحرير سوريا..أردوغان يتوعد",  # an ellipsis without tatweel
        "وكالة ب.ر.س للأنباء",
        "موقع الجزيرة.نت",
        "قال: نعم.لا",  # pieces too short
    ],
)
def test_obfuscation_repair_leaves_abbreviations_numbers_and_sentences(raw):
    """Abbreviations, numbers, ellipses and a missing space after a full stop are not obfuscation."""
    clean, counts = clean_with_audit(raw)
    assert all(counts[s] == 0 for s in cleaning.OBFUSCATION_STEPS), counts
    assert clean.replace(" ", "") == raw.replace(" ", "")


def test_obfuscation_variants_in_the_cleaning_log(tmp_path):
    """The cleaning log of a loaded article names the variant of each repair, and n_obfuscations adds them."""
    from helpers.loading import read_corpus

    (tmp_path / "metadata.csv").write_text("doc_id,file\n1,1_a.txt\n", encoding="utf-8")
    (tmp_path / "1_a.txt").write_text("قتل الإر.هابيين\n\nوالإرهـ..ـابيين والتصـ.عيد\n", encoding="utf-8")
    corpus = read_corpus(tmp_path)
    log = corpus.cleaning_log
    assert sorted(zip(log["para_id"], log["step"], log["count"])) == [
        (1, "repair_obfuscation_bare_dot", 1),
        (2, "repair_obfuscation_repeated_dots", 1),
        (2, "repair_obfuscation_tatweel_dot", 1),
    ]
    assert corpus.articles.loc[0, "n_obfuscations"] == 3
    assert list(corpus.paragraphs["text"]) == ["قتل الإرهابيين", "والإرهابيين والتصعيد"]
    assert list(corpus.paragraphs["text_raw"]) == ["قتل الإر.هابيين", "والإرهـ..ـابيين والتصـ.عيد"]


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("تدعم فصائل الجيش الحر بأسـلحة نوعية", "تدعم فصائل الجيش الحر بأسلحة نوعية"),
        ("العسـكريين", "العسكريين"),
    ],
)
def test_remove_tatweel(raw, expected):
    """Plain tatweel (no dot) is removed by its own step."""
    assert cleaning.remove_tatweel(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("وفق ما نقلت “الأناضول“.", 'وفق ما نقلت "الأناضول".'),
        ("تغيير نظام «بشار الأسد» في سوريا", 'تغيير نظام "بشار الأسد" في سوريا'),
        ("”ياشار غيولير” و”فاليري غيراسيموف”", '"ياشار غيولير" و"فاليري غيراسيموف"'),
        ("قال ‘نعم’", "قال 'نعم'"),
    ],
)
def test_normalize_quotes(raw, expected):
    """All double quote marks, whatever their direction, become one neutral mark."""
    assert cleaning.normalize_quotes(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("حيث صرح  وزير الخارجية", "حيث صرح وزير الخارجية"),
        ("المتحدث\u00a0باسم الكرملين", "المتحدث باسم الكرملين"),
        ("\u202fإدلب\t ", "إدلب"),
    ],
)
def test_normalize_whitespace(raw, expected):
    """No-break and odd spaces become one plain space; ends are trimmed."""
    assert cleaning.normalize_whitespace(raw) == expected


def test_normalize_unicode_folds_presentation_forms_only():
    """Presentation forms fold to letters; the ellipsis and superscripts are left as they are."""
    assert cleaning.normalize_unicode("\ufe87\ufea9\ufedf\ufe90") == "إدلب"
    assert cleaning.normalize_unicode("\ufefb") == "لا"
    assert cleaning.normalize_unicode("قال… ²") == "قال… ²"


def test_normalize_unicode_keeps_hamza_and_diacritics():
    """Hamza forms and harakat survive: no generic accent stripping."""
    assert cleaning.normalize_unicode("أإآ بيانٍ يشنّها") == "أإآ بيانٍ يشنّها"


def test_remove_format_controls():
    """Zero-width and bidi controls go; ZWNJ, which changes joining, stays."""
    assert cleaning.remove_format_controls("\u200fروسيا\u200b\ufeff") == "روسيا"
    assert cleaning.remove_format_controls("می\u200cخواهم") == "می\u200cخواهم"


def test_punctuation_spacing():
    """A space before an Arabic comma or a phrase-final colon is removed, nothing else."""
    assert cleaning.normalize_punctuation_spacing("قرية شيرك ، ودخلت") == "قرية شيرك، ودخلت"
    assert cleaning.normalize_punctuation_spacing("قال : نعم") == "قال: نعم"
    assert cleaning.normalize_punctuation_spacing("الساعة 5 .30") == "الساعة 5 .30"


def test_audit_counts_every_step():
    """The audit reports one count per step, and the counts add up to what changed."""
    clean, counts = clean_with_audit("\u00a0وزعـ.ـم لافروف أن “الثـ.ـوار” خرقوا الاتفاق ، \u200f")
    assert clean == 'وزعم لافروف أن "الثوار" خرقوا الاتفاق،'
    assert counts == {
        "normalize_unicode": 0, "remove_format_controls": 1, "normalize_whitespace": 3,
        "repair_obfuscation_repeated_dots": 0, "repair_obfuscation_tatweel_dot": 2, "repair_obfuscation_bare_dot": 0,
        "remove_tatweel": 0, "normalize_quotes": 2, "normalize_punctuation_spacing": 1,
    }


def test_pipeline_is_idempotent_on_the_seeds(corpus):
    """Cleaning clean text changes nothing, for every line of every seed."""
    for text in corpus.paragraphs["text"]:
        again, counts = clean_with_audit(text)
        assert again == text
        assert sum(counts.values()) == 0, (text, counts)


def test_pipeline_is_linear_on_hostile_input():
    """100,000 tatweels and dots (and a long mixed run) are cleaned in one pass, without hanging."""
    hostile = "ا" + "ـ." * 50_000 + "ب"
    assert cleaning.clean_text(hostile) == "ا" + "." * 50_000 + "ب"
    mixed = ("بـ.ـ" * 30_000) + "ب"
    assert cleaning.clean_text(mixed) == "ب" * 30_001
    assert cleaning.count_obfuscations(mixed) == 30_000


def test_steps_do_not_modify_input():
    """Steps return new strings; the raw line kept by the loader is untouched."""
    raw = "التصـ.عيد"
    cleaning.clean_text(raw)
    assert raw == "التصـ.عيد"


def test_trace_pipeline_chains_steps():
    """Each step's 'before' is the previous step's 'after'."""
    trace = cleaning.trace_pipeline("\u00a0“التصـ.ـعيد”")
    for (_, _, after, _), (_, before, _, _) in zip(trace, trace[1:]):
        assert after == before
    assert trace[-1][2] == '"التصعيد"'


def test_whole_article_cleaning_equals_line_by_line(corpus):
    """Cleaning an article's lines in one pass gives the same text and counts as one line at a time."""
    extra = ["  قال :  نعم ", "\u00a0\u00a0", "ﺇﺩﻟﺐ “الإرهـ.ـابـ.ـيين”\u200f", "بأسـلحة ، و",
             "\ufdfa  \u2018ok\u2019", "\ufe71\u200b.", "\u2000«\u202aنص»\t"]
    lines = list(corpus.paragraphs["text_raw"]) + extra
    clean, counts = cleaning.clean_lines_with_audit(lines)
    assert [cleaning.clean_with_audit(line) for line in lines] == list(zip(clean, counts))
