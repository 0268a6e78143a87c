"""The views as corpus stages of ``python -m helpers tables``: small summaries per partition, one reduction.

``stories``
    Each partition sends its articles' MinHash signatures (128 numbers each) and, for each sentence
    with enough content words, its ids, a fingerprint, its word counts (sparse, over the partition's
    own vocabulary) and its text (compressed). The reduction finds reposts and aligns the sentences
    of the whole corpus over one vocabulary (:mod:`.stories`).
``keyness``
    Each partition sends, per outlet, its running-word count and word and phrase counts; the
    reduction adds them up and compares each outlet with the rest (:mod:`.keyness`).

Every summary is a function of its partition's articles alone, and every reduction gives the same
table however the corpus was split: the sentences are put back in corpus order, counts are sums.
"""
from __future__ import annotations

import pandas as pd

from ..actors import bulk_allocation

from .align import MIN_TOKENS
from .keyness import keyness_table, merge_counts, outlet_counts, pack_counts, unpack_counts
from .reposts import article_signature
from .scan import corpus_tokens
from .stories import SentenceRecords, story_tables


def summarise_stories(corpus, tables=None) -> tuple[list, SentenceRecords]:
    """Return one partition's summary for the stories stage: (article signatures, sentence records).

    The garbage collector is paused meanwhile (:func:`helpers.actors.bulk_allocation`): tokenising
    makes hundreds of thousands of small lists and no reference cycles.
    """
    with bulk_allocation():
        return _summarise_stories(corpus, tables)


def article_dates(corpus, tables=None) -> dict[str, tuple[str, str]]:
    """Return ``{doc_id: (reference date, basis)}``: the date the story views show and compare for each article.

    The reference date is the published date, else a dateline-like date in the text
    (:func:`helpers.dates.reference_dates`); ``basis`` is ``metadata`` or ``text`` (both empty when
    the article has neither). Read from ``tables["reference_dates.csv"]`` when given.
    """
    refs = (tables or {}).get("reference_dates.csv")
    if refs is None:
        from ..dates import reference_dates

        refs = reference_dates(corpus)
    return {d: (r, b if r else "") for d, r, b in zip(refs["doc_id"], refs["reference_date"], refs["basis"])}


def _summarise_stories(corpus, tables=None) -> tuple[list, SentenceRecords]:
    tokens = corpus_tokens(corpus)
    dates = article_dates(corpus, tables)
    signatures = [article_signature(d, o, date, tokens.words.get(d, []), basis)
                  for d, o in zip(corpus.articles["doc_id"], corpus.articles["outlet_short"])
                  for date, basis in (dates.get(d, ("", "")),)]
    chosen = [(s, t) for s in tokens.sentences for t in (s.tokens,) if len(t) >= MIN_TOKENS]
    records = SentenceRecords.build([s.doc_id for s, _ in chosen], [s.para_id for s, _ in chosen],
                                    [s.sent_id for s, _ in chosen], [s.text for s, _ in chosen],
                                    [t for _, t in chosen])
    return signatures, records


def reduce_stories(summaries: list) -> dict[str, pd.DataFrame]:
    """Return the story tables from every partition's summary (partition order)."""
    signatures = [sig for sigs, _ in summaries for sig in sigs]
    with bulk_allocation():
        return story_tables(signatures, [records for _, records in summaries])


def summarise_keyness(corpus, tables=None) -> dict[str, tuple]:
    """Return one partition's summary for keyness: per outlet, running words and word and phrase counts (packed)."""
    outlet_of = dict(zip(corpus.articles["doc_id"], corpus.articles["outlet_short"]))
    with bulk_allocation():
        return pack_counts(outlet_counts(corpus_tokens(corpus).sentences, outlet_of))


def reduce_keyness(summaries: list) -> dict[str, pd.DataFrame]:
    """Return ``keyness.csv`` from every partition's counts."""
    total: dict[str, list] = {}
    for summary in summaries:  # one partition unpacked at a time
        merge_counts([unpack_counts(summary)], into=total)
    return {"keyness.csv": keyness_table(total)}


def story_frames(corpus) -> dict[str, pd.DataFrame]:
    """Return the story tables of a corpus in memory (the same tables ``python -m helpers tables`` writes)."""
    return reduce_stories([summarise_stories(corpus)])


def keyness_frame(corpus, **options) -> pd.DataFrame:
    """Return the keyness table of a corpus in memory (``options``: ``min_freq``, ``top``)."""
    return keyness_table(unpack_counts(summarise_keyness(corpus)), **options)


def explore_stages() -> list:
    """Return the corpus stages of these views, for :func:`helpers.tables.corpus_stages`."""
    from ..tables import CorpusStage

    return [CorpusStage("stories", summarise_stories, reduce_stories),
            CorpusStage("keyness", summarise_keyness, reduce_keyness)]
