"""Sentences written from the data: true of the corpus they describe, and seed remarks only on the seeds."""
from __future__ import annotations

import shutil
import warnings

import pytest

from helpers.errors import CorpusWarning
from helpers.loading import read_corpus
from helpers.narrative import (articles_sentence, corpus_summary, is_seed_corpus, known_outlets, seed_note,
                               undated_sentence)
from helpers.paths import ROOT, SEEDS

LIBYA = ROOT / "tests" / "corpora" / "libya_2020"


@pytest.fixture(scope="module")
def libya():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return read_corpus(LIBYA)


def test_the_seed_corpus_is_recognised_by_its_files(tmp_path, corpus, libya):
    """A copy of seeds/ is the seed corpus; the same files with one byte changed, or another corpus, are not."""
    assert is_seed_corpus(corpus) and not is_seed_corpus(libya)
    copy = tmp_path / "copy"
    shutil.copytree(SEEDS, copy)
    assert is_seed_corpus(read_corpus(copy))
    first = sorted(copy.glob("*.txt"))[0]
    first.write_bytes(first.read_bytes() + b"\n")
    assert not is_seed_corpus(read_corpus(copy))


def test_seed_notes_are_hidden_on_another_corpus(corpus, libya):
    """A passage about the seeds is shown, marked, on the seeds only."""
    assert seed_note(libya, "Outlet 003 calls the Syrian army قوات النظام.") is None
    shown = seed_note(corpus, "Outlet 003 calls the Syrian army قوات النظام.")
    assert shown.data == "*About the seed articles:* Outlet 003 calls the Syrian army قوات النظام."


def test_the_libya_corpus_in_a_few_sentences(libya):
    """Counted by hand: outlets known for 000-003 (004 has none), 3 dates from metadata, 003's from its dateline."""
    assert known_outlets(libya.articles) == ["الأفق نت", "صحيفة الضفة", "وكالة المدار", "بوابة الواحة"]
    assert corpus_summary(libya) == (
        "5 articles from 4 identified outlets (1 article whose outlet is not identified), 740 words. "
        "Reference dates: 3 from the metadata, 1 from the text, 1 unknown; they run from 2020-01-13 to 2020-01-20.")
    from helpers.dates import reference_dates

    assert undated_sentence(reference_dates(libya)) == (
        "Here 1 article has no reference date (004): neither a published date nor a dateline in its text.")
    assert articles_sentence(libya) == ("5 articles, 4 identified outlets (one article each); the outlet of 004 is "
                                        "not identified; 004 has no date. The dated articles run from 2020-01-13 to "
                                        "2020-01-20 (7 days).")


def test_the_seeds_in_a_few_sentences(corpus):
    """002 and 003 are 'unidentified outlet' in the metadata: not counted as outlets; 001 has no date."""
    assert articles_sentence(corpus).startswith(
        "5 articles, 3 identified outlets (one article each); the outlets of 002 and 003 are not identified; "
        "001 has no date. The dated articles run from 2019-06-05 to 2020-02-20 (260 days)")
