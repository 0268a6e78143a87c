"""Sources cited: the outlets and agencies each article names, and an outlet naming itself."""
from __future__ import annotations

import pytest

from helpers.compare import load_sources, outlet_habits, quoted_spans, scan_for_comparison, sources_cited
from helpers.compare.attribution import attributions_frame
from helpers.errors import WorkbookError


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
    path.write_text("actor_id,kind\nsputnik,news_agency\nreuters,news_agency\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"sources.csv, line 3: 'reuters' is not an actor_id"):
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
