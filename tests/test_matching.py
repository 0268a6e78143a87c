"""The matching form and the map of its positions back to the clean text."""
from __future__ import annotations

import pytest

from helpers.matching import OffsetMap, matching_form_with_map, normalize_for_matching, normalize_many, text_batches


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("أردوغان", "اردوغان"),
        ("آكار", "اكار"),
        ("إدلب", "ادلب"),
        ("للأتراك", "للاتراك"),
        ("الإرهابيين", "الارهابيين"),
        ("ميليشيات", "ميليشيات"),
        ("أي شيئ", "اي شيي"),
        ("المؤتمر", "الموتمر"),
        ("حماة", "حماه"),
        ("على", "علي"),
        ("بيانٍ يشنّها", "بيان يشنها"),
        ("مؤتمر ميونخ ٢٠٢٠", "موتمر ميونخ 2020"),
        ("سو-24 AFP", "سو-24 afp"),
        ("التـصعيد", "التصعيد"),
    ],
)
def test_normalize_for_matching(text, expected):
    """Variants writers use interchangeably get one spelling; marks and tatweel disappear."""
    assert normalize_for_matching(text) == expected


def test_offsets_map_back_through_removed_marks():
    """A span found in the matching form covers exactly the word in the clean text, marks included."""
    text = "إنّ بيانٍ عن مجلسِ الأمن"
    form, omap = matching_form_with_map(text)
    start = form.index("مجلس الامن")
    s, e = omap.span_to_source(start, start + len("مجلس الامن"))
    assert text[s:e] == "مجلسِ الأمن"
    s, e = omap.span_to_source(0, 2)
    assert text[s:e] == "إنّ"


def test_identity_map_when_nothing_removed():
    """Without marks, positions are the same in both forms."""
    omap = OffsetMap.for_text("قال بوتين")
    assert omap.removed == () and omap.length == 9
    assert omap.span_to_source(4, 9) == (4, 9)


def _kept_positions(text):
    """The reference map: source positions of the characters the matching form keeps."""
    removed = set(OffsetMap.for_text(text).removed)
    return [i for i in range(len(text)) if i not in removed]


@pytest.mark.parametrize("text", ["قالَ أردوغانُ", "إنّ بيانٍ عن مجلسِ الأمن", "ـــقالّ", "ًٌٍ", "بلا علامات"])
def test_to_source_is_the_kept_position(text):
    """A matching-form position maps to the position of the same character in the source."""
    omap = OffsetMap.for_text(text)
    kept = _kept_positions(text)
    assert [omap.to_source(p) for p in range(len(kept) + 1)] == kept + [len(text)]


BULK_TEXTS = ["أردوغانُ", "", "إدلبُ ٥ ۶", "AFP ىئؤة ک", "\x00نص\U0001F600", "\ud800لا", "ـــ", "x" * 70]


def test_normalize_many_equals_one_by_one():
    """The whole-corpus matching forms are the same strings as normalizing each text alone."""
    assert normalize_many(BULK_TEXTS) == [normalize_for_matching(t) for t in BULK_TEXTS]
    many = BULK_TEXTS * 20000  # more than one batch of a million characters
    assert normalize_many(many) == [normalize_for_matching(t) for t in many]


def test_text_batches_keep_order_and_size():
    """Batches are consecutive, in order, and close each time they reach the size."""
    batches = list(text_batches(["ab", "c", "", "defg", "h"], max_chars=3))
    assert batches == [["ab", "c"], ["", "defg"], ["h"]]
