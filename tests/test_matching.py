"""The matching form and the map of its positions back to the clean text."""
from __future__ import annotations

import pytest

from helpers.matching import OffsetMap, matching_form_with_map, normalize_for_matching


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
