"""A codebook that knows its limits, and labels that carry their referent, on the seeds and on another story.

tests/corpora/libya_2020 holds five articles written for these tests (Moscow talks and Berlin conference,
January 2020). Read without a lexicon of its own, it shares many words with the Idlib codebook (a Russian-
Turkish truce, a final statement, the UN Security Council, Merkel, Erdogan speaking): none of it may count.
"""
from __future__ import annotations

import datetime as dt
import shutil
import warnings

import pytest

from helpers.compare import codebook_fit, comparison_tables, load_codebook, match_events, scan_for_comparison
from helpers.compare.codebook import DEFAULT_WINDOW_DAYS, Rule, article_stories
from helpers.errors import CorpusWarning
from helpers.loading import read_corpus
from helpers.narrative import codebook_fit_markdown
from helpers.paths import ROOT, SEEDS

LIBYA = ROOT / "tests" / "corpora" / "libya_2020"


@pytest.fixture(scope="module")
def bare(tmp_path_factory):
    """The Libya corpus without its lexicons/ folder, loaded and scanned."""
    folder = tmp_path_factory.mktemp("libya")
    for path in [*LIBYA.glob("*.txt"), LIBYA / "metadata.csv"]:
        shutil.copy(path, folder / path.name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        corpus = read_corpus(folder)
    return corpus, scan_for_comparison(corpus)


def test_a_dated_event_only_matches_from_its_date_to_its_window():
    """Published before the event, or more than the window after it: no match; within it: a match."""
    rule = Rule("call", 2, (), frozenset(), ("merkel",), dt.date(2020, 2, 20), None)
    actors = {"merkel"}
    assert not rule.matches(set(), actors, dt.date(2020, 1, 19))  # a month before the call
    assert rule.matches(set(), actors, dt.date(2020, 2, 20))
    assert rule.matches(set(), actors, dt.date(2020, 2, 20) + dt.timedelta(days=DEFAULT_WINDOW_DAYS))
    assert not rule.matches(set(), actors, dt.date(2020, 2, 21) + dt.timedelta(days=DEFAULT_WINDOW_DAYS))
    assert not rule.matches(set(), actors, None)  # no reference date: a dated event cannot be placed


def test_no_event_of_the_idlib_codebook_matches_the_libya_articles(bare):
    """Not the Berlin final statement (unsc 2019-06-03), not Merkel a month before her call (2020-02-20),
    not the Libyan truce (Sochi 2018), not Erdogan speaking about Libya (story idlib)."""
    corpus, scans = bare
    codebook = load_codebook()
    events = match_events(scans, corpus.articles, codebook)
    assert events.empty
    # the words are there: the Berlin statement with the Security Council, Merkel, a Russian-Turkish truce
    forms = " ".join(p.form for p in scans)
    for word in ("ببيان ختامي", "مجلس الامن", "ميركل", "وقف اطلاق النار", "قال اردوغان"):
        assert word in forms, word
    # 002 names Idlib once, in passing: not enough to be about it
    assert not any(article_stories(scans, codebook, scans.gazetteer).values())


def test_the_report_says_the_codebook_was_written_for_another_story(bare):
    """codebook_fit finds no article matched and no dated event near January 2020; the sentence says so."""
    corpus, scans = bare
    codebook = load_codebook()
    fit = codebook_fit(scans, match_events(scans, corpus.articles, codebook), codebook)
    assert fit.another_story
    assert (fit.n_articles, fit.n_matched, fit.n_in_story) == (5, 0, 0)
    assert (fit.first, fit.last) == (dt.date(2020, 1, 13), dt.date(2020, 1, 20))
    assert fit.events_in_span == ("ceasefire_agreements",)  # its two-year window covers January 2020
    text = codebook_fit_markdown(fit)
    assert text.startswith("**`events.csv` was written for another story.** 0 of 5 articles have a sentence")
    assert "`idlib`" in text and "lexicons/events.csv" in text and "2020-01-13" in text


def test_the_seed_codebook_fits_the_seeds(corpus):
    """On the seeds every article matches some event and the dated events fall in their span."""
    scans = scan_for_comparison(corpus)
    fit = codebook_fit(scans, match_events(scans, corpus.articles))
    assert not fit.another_story and fit.n_matched == 5
    assert codebook_fit_markdown(fit) == "The codebook fits this corpus: 5 of 5 articles have a sentence that matches an event of the codebook."


def test_the_corpus_own_events_match_and_the_shipped_ones_do_not():
    """With its lexicons/events.csv, the Libya corpus matches its three events and no shipped one."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        corpus = read_corpus(LIBYA)
    tables = comparison_tables(corpus)
    events = tables["event_sentences.csv"]
    assert set(events["event_id"]) == {"moscow_talks", "berlin_conference", "haftar_statements"}
    # Haftar speaks once: 'وزعم المشير خليفة حفتر' (002); 'ما يسمى الجيش الوطني' (004) is the writer's marker
    assert events.loc[events["event_id"] == "haftar_statements", "doc_id"].tolist() == ["002"]
    assert set(events["rules"]) <= {"lexicons/events.csv:2", "lexicons/events.csv:3", "lexicons/events.csv:4"}
    # 'وزعم المتحدث باسم قوات حفتر اللواء أحمد المسماري' (001) is not Haftar's statement
    assert "001" not in set(events.loc[events["event_id"] == "haftar_statements", "doc_id"])


def test_mercenaries_of_wagner_are_not_the_syrian_opposition(bare):
    """'بمرتزقة شركة فاغنر الروسية' counts for Wagner. Bare 'المرتزقة' is the Syrian armed opposition only in
    an article about Syria (the ``story`` of its row): 003 and 004 name nothing Syrian, so their mercenaries
    have no referent; 002 names 'إدلب السورية' (Idlib and the adjective: two mentions of Syria, the codebook's
    threshold), so the rule takes it for Syria coverage and the Syrian referent stays."""
    corpus, _ = bare
    framing = comparison_tables(corpus)["framing_terms.csv"]
    mercenaries = framing[framing["term_id"] == "mercenaries"]
    assert sorted(zip(mercenaries["doc_id"], mercenaries["referent"])) == [
        ("001", "wagner"), ("002", "armed_opposition"), ("003", ""), ("004", "")]


def test_a_label_keeps_its_referent_before_a_related_actor():
    """'الفصائل السورية' (Syria is above the armed opposition) stays the opposition; 'النظام الليبي' is Libya's."""
    from helpers.actors import load_gazetteer
    from helpers.compare.framing import find_framing_terms, named_referents
    from helpers.compare.scan import ParagraphScan
    from helpers.actors import scan_mentions
    from helpers.matching import normalize_for_matching

    gaz = load_gazetteer()
    found = {}
    for text in ("قاتلت الفصائل السورية", "انهار النظام الليبي السابق", "وصل المرتزقة الروس"):
        form = normalize_for_matching(text)
        p = ParagraphScan("x", 1, text, form, scan_mentions(text, gaz, form))
        found[text] = [m.referent for m in named_referents(find_framing_terms(text), p, gaz)]
    assert found == {"قاتلت الفصائل السورية": ["armed_opposition"], "انهار النظام الليبي السابق": ["libya"],
                     "وصل المرتزقة الروس": ["russia", "russia"]}  # الروس is a label of Russia too


def test_seed_coverage_keeps_its_targets_after_the_limits(corpus):
    """The limits remove 003's Erdogan 'statements' and 001's undated ceasefire rows, and nothing else."""
    events = match_events(scan_for_comparison(corpus), corpus.articles)
    per_event = events.groupby("event_id")["doc_id"].agg(lambda d: sorted(set(d))).to_dict()
    assert per_event["erdogan_statements"] == ["000", "002"]
    assert per_event["ceasefire_agreements"] == ["000", "004"]  # 001 has no date: a dated event cannot match it
    assert len(per_event) == 16
