"""Quotation marks: pairing, nesting, stray marks, and speech vs scare quotes vs quoted names."""
from __future__ import annotations

import pytest

from helpers.compare import quoted_spans, scan_for_comparison
from helpers.compare.quotes import classify_quote, quote_spans
from helpers.loading import read_corpus
from helpers.paths import ROOT
from tests.conftest import para

YEMEN = ROOT / "tests" / "corpora" / "yemen_hodeidah"


@pytest.mark.parametrize(
    ("doc_id", "para_id", "inner"),
    [
        ("000", 8, ["الخوذ البيضاء"]),  # ل"الخوذ البيضاء": a mark between a letter and a letter opens
        ("001", 10, ["خلوصي أكار", "ياشار غيولير", "فاليري غيراسيموف"]),  # و"فاليري
        ("002", 6, ["تحييد التهديد الإرهابي"]),  # the third mark, after أراضيها, closes nothing
        ("004", 9, ["إن الإرهابيين استمروا في قصف مواقع الجيش السوري وقاعدة حميميم الروسية، من خلف نقاط "
                    "المراقبة التركية، الأمر الذي لم يكن ممكناً تركه دون رد، وتصدت القوات السورية بدعم روسي لكل "
                    "تحرك من هذا القبيل"]),  # :"إن
    ],
)
def test_pairs_on_seed_lines(corpus, doc_id, para_id, inner):
    """Opening and closing marks are told apart by their neighbours and paired."""
    assert [q.inner for q in quote_spans(para(corpus, doc_id, para_id)["text"])] == inner


def test_nested_quotation_is_found_inside_the_longer_one(corpus):
    """004 line 15: "منزوعة السلاح" inside Lavrov's quoted words, then "روسيا اليوم"."""
    spans = quote_spans(para(corpus, "004", 8)["text"])
    assert [q.inner.strip()[:12] for q in spans] == ["أن انعدام ال", "منزوعة السلا", "روسيا اليوم"]
    outer, inner = spans[0], spans[1]
    assert outer.start < inner.start and inner.end < outer.end


@pytest.mark.parametrize(
    ("inner", "kind"),
    [
        ("الإرهابيون", "scare"),  # 000: a label in quotes
        ("المسلحين", "scare"),  # 001
        ("الجيش السوري", "scare"),  # 002: a framing label, although the gazetteer lists it as a name
        ("النظام السوري", "scare"),
        ("حوارا جيدا", "scare"),  # a short quoted fragment
        ("أسوأ السيناريوهات", "scare"),
        ("زمان الوصل", "name"),
        ("حميميم", "name"),
        ("الكرملين", "name"),
        ("سيرغي لافروف", "name"),
        ("روسيا اليوم", "name"),  # RT, not a label for Russia
        ("إبراهيمية، حليوة، فقيرة وعرادي", "name"),  # a list of villages, three of four in the gazetteer
        ("سو-24", "name"),  # a designation with digits
        ("كل المسائل يتم نقاشها عن طريق قنوات عسكرية", "speech"),
        ("جنوب إدلب وشرقها والريف الغربي لمحافظة حلب", "speech"),  # known limit: a long description
    ],
)
def test_classification(inner, kind):
    """Speech is longer than three words; a quoted label is a scare quote; an exact name is a name."""
    assert classify_quote(inner) == kind


def test_counts_per_article_match_a_reading(corpus):
    """Quoted spans per article and kind, counted by reading the five articles."""
    frame = quoted_spans(scan_for_comparison(corpus))
    counts = frame.groupby(["doc_id", "kind"]).size().to_dict()
    assert counts == {
        ("000", "speech"): 4, ("000", "scare"): 1, ("000", "name"): 3,
        ("001", "scare"): 2, ("001", "name"): 10,
        ("002", "speech"): 2, ("002", "scare"): 5, ("002", "name"): 1,
        ("003", "speech"): 3,
        ("004", "speech"): 5, ("004", "scare"): 3, ("004", "name"): 8,
    }
    text = para(corpus, "000", 6)["text"]
    row = frame[(frame["doc_id"] == "000") & (frame["para_id"] == 6)].iloc[0]
    assert text[row["start"]:row["end"]] == '"الإرهابيون"'


def test_an_outlet_naming_itself_is_not_a_scare_quote():
    """yemen_hodeidah: «الشرق الأوسط» in the datelines and in لـ«الشرق الأوسط» is the outlet's name.

    The scare quotes left are the ones a reader sees: "الإرهابيين" (003, 005), "تحمل مسؤولياته" and
    "الانحياز لقوى العدوان" (004).
    """
    frame = quoted_spans(scan_for_comparison(read_corpus(YEMEN)))
    names = frame[frame["quote"] == "الشرق الأوسط"]
    assert list(zip(names["doc_id"], names["para_id"], names["kind"])) == [
        ("003", 2, "name"), ("003", 4, "name"), ("007", 2, "name"), ("007", 4, "name")]
    scare = frame[frame["kind"] == "scare"]
    assert list(zip(scare["doc_id"], scare["quote"])) == [
        ("003", "الإرهابيين"), ("004", "تحمل مسؤولياته"), ("004", "الانحياز لقوى العدوان"), ("005", "الإرهابيين")]
