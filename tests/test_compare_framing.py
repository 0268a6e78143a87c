"""Framing labels: the words each outlet uses for the same referent, counted on lines read by hand."""
from __future__ import annotations

import pytest

from helpers.compare import framing_counts, framing_matches, scan_for_comparison, scan_framing_counts
from helpers.compare.framing import find_framing_terms, is_framing_label, load_framing
from helpers.errors import WorkbookError
from tests.conftest import para


@pytest.mark.parametrize(
    ("doc_id", "para_id", "terms"),
    [
        # 003 line 19: جيش الاحتلال التركي once, not also الاحتلال التركي or الجيش التركي
        ("003", 10, ["أنقرة", "قوات النظام", "جيش الاحتلال التركي"]),
        ("003", 9, ["الاحتلال"]),  # للاحتلال
        ("003", 12, ["دولة الاحتلال التركي", "النظام"]),  # وزارة دفاع دولة الاحتلال: a variant spelling
        ("003", 7, ["موسكو", "مرتزقة تركيا", "قوات النظام"]),  # مرتزقة تركيا is not also تركيا
        ("002", 11, ["مسلحين موالين لأنقرة", "الجيش السوري"]),  # not also مسلحين or أنقرة
        ("002", 10, ["رئيس النظام التركي"]),  # not also النظام
        ("002", 4, ["التشكيلات المتطرفة", "القوات الحكومية السورية"]),
        ("004", 8, ["المسلحين", "النظام", "الإرهابيين", "منزوعة السلاح"]),  # روسيا اليوم is RT: excluded
        ("004", 16, ["قوات النظام", "الأراضي المحررة", "الشمال السوري", "خفض التصعيد", "الفصائل الثورية",
                     "ميليشيات الأسد", "المعارضة السورية"]),
        ("000", 23, ["الاحتلال الروسي", "تركيا"]),
        ("000", 11, ["روسيا", "نظام الأسد"]),
        ("001", 5, ["الأتراك", "الفصائل", "الروس"]),  # الضباط الأتراك، للفصائل
    ],
)
def test_labels_on_seed_lines(corpus, doc_id, para_id, terms):
    """Each label is found once, longest first, with its proclitics, in the order of the text."""
    assert [m.term for m in find_framing_terms(para(corpus, doc_id, para_id)["text"])] == terms


def test_surface_is_the_clean_text_span(corpus):
    """Offsets point into the clean text: للإرهابيين (002 line 25) gives the surface لإرهابيين."""
    text = para(corpus, "002", 13)["text"]
    (m,) = find_framing_terms(text)
    assert (m.term, m.surface, text[m.start:m.end]) == ("الإرهابيين", "لإرهابيين", "لإرهابيين")


def test_counts_per_article(corpus):
    """Counts checked by reading: 003 says قوات النظام five times; 004 uses الإرهابيين three times, once
    inside Lavrov's quoted words, and calls the same fighters الثوار once in its own voice."""
    counts = framing_counts(framing_matches(scan_for_comparison(corpus)))
    get = counts.set_index(["doc_id", "term"])
    assert get.loc[("003", "قوات النظام"), "count"] == 5
    assert get.loc[("003", "جيش الاحتلال التركي"), "count"] == 2
    assert tuple(get.loc[("004", "الإرهابيين"), ["count", "in_quotes"]]) == (3, 1)
    assert tuple(get.loc[("004", "الثوار"), ["count", "in_quotes"]]) == (1, 0)
    assert tuple(get.loc[("000", "تركيا"), ["count", "in_quotes"]]) == (4, 2)
    assert ("003", "تركيا") not in get.index  # only inside مرتزقة تركيا and دولة الاحتلال التركي
    assert list(counts.columns[:4]) == ["doc_id", "referent", "term", "count"]


def test_counts_straight_from_the_scan(corpus):
    """Counting from the scan gives the same table, dtypes included, as counting the table of labels;
    with no paragraph, both give the same empty table."""
    scans = scan_for_comparison(corpus)
    direct, via_matches = scan_framing_counts(scans), framing_counts(framing_matches(scans))
    assert direct.to_csv(index=False) == via_matches.to_csv(index=False)
    assert list(direct.dtypes.astype(str)) == list(via_matches.dtypes.astype(str))
    empty, empty_via = scan_framing_counts([]), framing_counts(framing_matches([]))
    assert list(empty.columns) == list(empty_via.columns)
    assert list(empty.dtypes.astype(str)) == list(empty_via.dtypes.astype(str))


def test_quoted_labels_are_recognised():
    """A label alone (with its clitics) is a label; a name or a longer phrase is not."""
    assert is_framing_label("الإرهابيون") and is_framing_label("والمسلحين")
    assert not is_framing_label("روسيا اليوم") and not is_framing_label("هجمات المسلحين")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("term_id,referent,term,leaning\na,turkey,تركيا,hostile\nb,turkey,تركيا,neutral\n", "line 3: 'تركيا' is already listed on line 2"),
        ("term_id,referent,term,leaning\na,turkey,تركيا,rude\n", "line 2: leaning='rude' is not one of"),
        ("term_id,referent,term,leaning\nA,turkey,تركيا,neutral\n", "line 2: term_id 'A' must be lower-case"),
        ("term_id,referent,term,variants,leaning\na,turkey,أنقرة,انقرة,neutral\n", "line 2: 'انقرة' is already listed on line 2"),
    ],
)
def test_lexicon_validation(tmp_path, content, message):
    """A spelling under two ids, an unknown leaning or a bad id fails, naming the file and line."""
    path = tmp_path / "framing.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WorkbookError, match=message) as info:
        load_framing(path)
    assert "framing.csv" in str(info.value)


def test_the_former_regime_is_not_a_label_for_damascus():
    """'The former regime' (Bashir's, in a Sudan article) is no framing label; bare النظام in Idlib coverage is."""
    assert find_framing_terms("وزعم حميدتي أن الجيش يريد إعادة النظام السابق إلى الحكم") == []
    assert [(m.term_id, m.leaning) for m in find_framing_terms("وقصفت طائرات النظام مواقع في إدلب")] == [
        ("the_regime", "hostile")]
