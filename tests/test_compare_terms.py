"""The term automaton: whole words, proclitics, لل, overlapping matches and longest-first selection."""
from __future__ import annotations

import pytest

from helpers.compare.terms import PROCLITICS, TermIndex, longest_matches
from helpers.errors import WorkbookError
from helpers.matching import normalize_for_matching as nf

INDEX = TermIndex([("say", "قال"), ("occ", "الاحتلال"), ("occ_army", "جيش الاحتلال التركي"),
                   ("tr_occ", "الاحتلال التركي"), ("chem", "الكيميائية"), ("chem_w", "الأسلحة الكيميائية")])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("وقال المتحدث", [("say", "و")]),
        ("استقال الوزير", []),  # قال inside a longer word is not قال
        ("قالوا", []),  # letters are never stripped off the end
        ("للاحتلال", [("occ", "ل")]),  # ل + ال written لل: the span starts at the article's ل
        ("وللاحتلال", [("occ", "ول")]),
        ("بالاحتلال", [("occ", "ب")]),
        ("والاحتلال", [("occ", "و")]),
        ("كالاحتلال", [("occ", "ك")]),
        ("سالاحتلال", []),  # س is not a proclitic
    ],
)
def test_proclitics_and_word_boundaries(text, expected):
    """A term matches a whole word, after و ف, then ب ل ك, then ال, each at most once."""
    assert [(m.term_id, m.clitic) for m in INDEX.find_all(nf(text))] == expected


def test_overlapping_matches_are_all_found_and_longest_keeps_one():
    """find_all keeps nested terms (for set logic); longest_matches keeps only the longest (for counting)."""
    form = nf("ضد جنود جيش الاحتلال التركي بالأسلحة الكيميائية")
    assert INDEX.found_ids(form) == {"occ_army", "tr_occ", "occ", "chem", "chem_w"}
    assert [m.term_id for m in longest_matches(INDEX.find_all(form))] == ["occ_army", "chem_w"]


def test_multiword_terms_match_across_a_line_end():
    """A line end or tab inside a phrase counts as a space (offsets unchanged)."""
    assert [m.term_id for m in longest_matches(INDEX.find_all(nf("جيش الاحتلال\nالتركي")))] == ["occ_army"]


def test_proclitic_sequences():
    """The gazetteer's 23 proclitic sequences, with لل for ل + ال and never two conjunctions."""
    p = PROCLITICS
    assert len(p) == 23 and {"لل", "ولل", "فلل", "وبال"} <= p and "وو" not in p and "فو" not in p


def test_one_spelling_under_two_ids_is_an_error():
    """The same spelling (in matching form) under two ids fails, naming the source."""
    with pytest.raises(WorkbookError, match="demo.csv: spelling 'أنقرة' is listed under 'a' and 'b'"):
        TermIndex([("a", "انقرة"), ("b", "أنقرة")], source="demo.csv")
