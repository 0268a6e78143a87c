"""Sources cited: the outlets and agencies each article names, and an outlet naming itself."""
from __future__ import annotations

import pytest

from helpers.compare import load_sources, outlet_habits, quoted_spans, scan_for_comparison, sources_cited
from helpers.compare.attribution import attributions_frame
from helpers.actors import find_actor_mentions
from helpers.errors import WorkbookError
from helpers.loading import read_corpus
from helpers.paths import ROOT

YEMEN = ROOT / "tests" / "corpora" / "yemen_hodeidah"


def test_sources_as_read(corpus):
    """Sputnik, AFP and Anadolu in 000, Zaman al-Wasl twice in 001, RT in 004; 000 and 004 name themselves."""
    cited = sources_cited(scan_for_comparison(corpus), corpus.articles)
    got = list(zip(cited["doc_id"], cited["para_id"], cited["source_id"], cited["self_reference"]))
    assert got == [("000", 5, "sputnik", 0), ("000", 12, "afp", 0), ("000", 15, "anadolu", 0),
                   ("000", 16, "al_waseela", 1), ("001", 4, "zaman_al_wasl", 0), ("001", 9, "zaman_al_wasl", 0),
                   ("004", 3, "awtan_post", 1), ("004", 8, "rt", 0)]
    assert dict(zip(cited["source_id"], cited["side"]))["sputnik"] == "russia"


def test_source_ids_must_be_actors(tmp_path):
    """A source that is not a gazetteer actor is refused, naming the file and line."""
    path = tmp_path / "sources.csv"
    path.write_text("actor_id,kind\nsputnik,news_agency\nxinhua,news_agency\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"sources.csv, line 3: 'xinhua' is not an actor_id"):
        load_sources(path)


def test_outlet_habits(corpus):
    """Obfuscation per 1,000 words: 81 dots in 488 words for 004 (166.0), 3 in 483 for 000."""
    scans = scan_for_comparison(corpus)
    habits = outlet_habits(corpus.articles, sources_cited(scans, corpus.articles), quoted_spans(scans),
                           attributions_frame(scans)).set_index("doc_id")
    assert habits.loc["004", "obfuscations_per_1000_words"] == pytest.approx(1000 * 81 / 488, abs=1e-3)
    assert habits.loc["000", "obfuscations_per_1000_words"] == pytest.approx(1000 * 3 / 483, abs=1e-3)
    assert habits.loc["000", "sources_cited"] == 3  # self-reference left out
    assert habits.loc["000", "distinct_sources"] == "sputnik|afp|anadolu"


@pytest.mark.parametrize("text, expected", [
    ("ونقلت وكالة أ.ف.ب عن سكان أن", [("afp", "أ.ف.ب")]),  # 003 of yemen_hodeidah
    ("وقال مسؤول (أ ف ب) إن", [("afp", "أ ف ب")]),
    ("ذكرت وكالة ا ف ب", [("afp", "ا ف ب")]),
    ("ذكرت أ. ف. ب. أن", [("afp", "أ. ف. ب")]),
    ("تحدثوا لوكالة رويترز (Reuters).", [("reuters", "وكالة رويترز"), ("reuters", "Reuters")]),  # 006
    ("وقالت رويترز", [("reuters", "رويترز")]),
    ("حسب وكالة الصحافة الفرنسية", [("afp", "وكالة الصحافة الفرنسية")]),  # the seed spelling still counts
])
def test_agency_spellings(text, expected):
    """AFP abbreviated with dots or spaces, and Reuters in Arabic or Latin letters, are the agencies."""
    assert [(m.actor_id, m.surface) for m in find_actor_mentions(text)] == expected


def test_sources_cited_on_a_second_story():
    """yemen_hodeidah: AFP in 003 and its repost 005, Reuters once in 006 (its Latin gloss is the same citation)."""
    corpus = read_corpus(YEMEN)
    cited = sources_cited(scan_for_comparison(corpus), corpus.articles)
    assert list(zip(cited["doc_id"], cited["para_id"], cited["source_id"], cited["surface"])) == [
        ("003", 5, "afp", "أ.ف.ب"), ("005", 5, "afp", "أ.ف.ب"), ("006", 5, "reuters", "وكالة رويترز")]
