"""Outlet comparison: how each outlet reports the same events, in whose words, with which labels.

One module per operation:

* :mod:`.sentences` - split paragraphs into sentences (the unit everything is aligned on);
* :mod:`.terms` - find lexicon terms in one automaton pass (overlapping or longest-first);
* :mod:`.codebook` - the event and claim codebook (``events.csv``) and which sentences report what;
* :mod:`.framing` - the framing labels (``framing_terms.csv``) each outlet uses for the same referent;
* :mod:`.attribution` - attribution verbs, neutral or distancing, and the speaker's side;
* :mod:`.quotes` - quoted speech, scare quotes and quoted names;
* :mod:`.sources` - news sources cited (``sources.csv``) and outlet habits;
* :mod:`.html` - the side-by-side HTML view (escaped first, highlighted by offsets);
* :mod:`.plots` - the coverage matrix, labels heatmap and distancing chart.

:func:`comparison_tables` computes every table of the comparison from one scan of the corpus.
"""
from __future__ import annotations

import pandas as pd

from ..actors import bulk_allocation
from .attribution import attributions_frame, attributions_in_context, distancing_rates
from .codebook import (codebook_fit, codebook_fit_from_tables, coverage_matrix, event_coverage, load_codebook, match_events, reference_days,
                       shared_events)
from .framing import (find_framing_terms, framing_counts, framing_matches, label_matrix, labels_in_context,
                      load_framing, scan_framing_counts)
from .quotes import classify_quote, quote_spans, quoted_spans
from .scan import scan_for_comparison
from .sentences import corpus_sentences, sentence_spans, split_sentences
from .sources import load_sources, outlet_habits, sources_cited

ATTRIBUTION_TABLE_COLUMNS = ("doc_id", "para_id", "sent_id", "speaker_actor_id", "verb", "stance", "verb_id",
                             "kind", "link", "side", "start", "end")


def comparison_tables(corpus, gaz=None) -> dict[str, pd.DataFrame]:
    """Return the comparison tables of a corpus, keyed by file name (one scan feeds them all).

    ``event_sentences.csv`` (``event_id, doc_id, para_id, sent_id, sentence, rules``),
    ``event_coverage.csv`` (``event_id, doc_id, n_sentences``, zeros included),
    ``framing_terms.csv`` (``doc_id, referent, term, count, term_id, leaning, in_quotes``),
    ``attributions.csv`` (``doc_id, para_id, sent_id, speaker_actor_id, verb, stance, verb_id, kind,
    link, side, start, end``), ``scare_quotes.csv`` (every quoted span with its ``kind``: ``scare``,
    ``speech`` or ``name``) and ``sources_cited.csv``. Rows in article order, then text order.

    The garbage collector is paused meanwhile (:func:`helpers.actors.bulk_allocation`): the stage
    makes hundreds of thousands of small records, which the collector would otherwise walk again and
    again together with the actor scan they sit next to.
    """
    with bulk_allocation():
        scans = scan_for_comparison(corpus, gaz)
        gaz, lexicons = scans.gazetteer, scans.lexicons  # the corpus's own lexicons, for every table
        codebook = load_codebook(actor_ids=gaz.ids, lexicons=lexicons)
        sources = load_sources(actor_ids=gaz.ids, lexicons=lexicons)
        attributions = attributions_frame(scans, gaz, sources=sources)[list(ATTRIBUTION_TABLE_COLUMNS)]
        events = match_events(scans, corpus.articles, codebook, gaz, attributions, reference_days(corpus))
        framing = scan_framing_counts(scans, load_framing(lexicons=lexicons))
        return {
            "event_sentences.csv": events,
            "event_coverage.csv": event_coverage(events, corpus.articles, codebook),
            "framing_terms.csv": framing,
            "attributions.csv": attributions,
            "scare_quotes.csv": quoted_spans(scans),
            "sources_cited.csv": sources_cited(scans, corpus.articles, gaz, sources),
        }


__all__ = [
    "comparison_tables", "scan_for_comparison", "sentence_spans", "split_sentences", "corpus_sentences",
    "load_codebook", "codebook_fit", "codebook_fit_from_tables", "reference_days", "match_events", "event_coverage", "coverage_matrix", "shared_events", "load_framing",
    "find_framing_terms", "framing_matches", "framing_counts", "scan_framing_counts", "label_matrix", "labels_in_context", "attributions_frame", "attributions_in_context",
    "distancing_rates",
    "quote_spans", "classify_quote", "quoted_spans", "load_sources", "sources_cited", "outlet_habits",
]


def lexicon_loaders() -> dict:
    """Return {file name: loader} for the comparison's data files (each takes an optional
    :class:`~helpers.lexicon.Lexicons` and returns a non-empty table)."""
    return {
        "events.csv": lambda lexicons=None: load_codebook(lexicons=lexicons).events,
        "framing_terms.csv": lambda lexicons=None: load_framing(lexicons=lexicons).terms,
        "sources.csv": lambda lexicons=None: load_sources(lexicons=lexicons),
    }
