"""The benchmark's inputs: the synthetic corpus and the hand-checked date mentions it scores against."""
from __future__ import annotations

import warnings

from helpers.bench import make_corpus, score_dates
from helpers.loading import read_corpus


def test_synthetic_corpus_is_varied_and_loads(tmp_path):
    """Synthetic articles load cleanly, differ from their seed, and some carry the obfuscation."""
    folder = make_corpus(40, tmp_path / "syn")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # every article has its metadata row: no warning
        corpus = read_corpus(folder)
    assert len(corpus.articles) == 40
    seed_000 = read_corpus("seeds").paragraphs.query("doc_id == '000'")["text_raw"].tolist()
    first = corpus.paragraphs.query("doc_id == '000000'")["text_raw"].tolist()
    assert sorted(first) != sorted(seed_000) and len(first) == len(seed_000)
    obfuscated = corpus.articles[corpus.articles["outlet_short"] != "Awtan Post"]["n_obfuscations"]
    assert (obfuscated > 3).any()


def test_workbook_resolves_every_hand_checked_date(corpus):
    """All 16 hand-checked seed mentions (including 3 that must stay unresolved) are right."""
    score = score_dates(corpus)
    assert score["workbook"] == (16, 16)
    assert score["dateparser"][0] < 16
