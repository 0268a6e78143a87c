"""The comparison tables: file names, columns, and the same rows whether computed whole or in parts."""
from __future__ import annotations

from helpers.compare import comparison_tables
from helpers.loading import plan_corpus
from helpers.paths import SEEDS
from helpers.tables import concat_tables, partition_tables, split

COLUMNS = {
    "event_sentences.csv": ["event_id", "doc_id", "para_id", "sent_id", "sentence", "rules"],
    "event_coverage.csv": ["event_id", "doc_id", "n_sentences"],
    "framing_terms.csv": ["doc_id", "referent", "term", "count", "term_id", "leaning", "in_quotes"],
    "attributions.csv": ["doc_id", "para_id", "sent_id", "speaker_actor_id", "verb", "stance", "verb_id", "kind",
                         "link", "side", "start", "end"],
    "scare_quotes.csv": ["doc_id", "para_id", "sent_id", "kind", "quote", "n_words", "start", "end"],
    "sources_cited.csv": ["doc_id", "para_id", "sent_id", "source_id", "surface", "source_kind", "side",
                          "self_reference"],
}


def test_names_and_columns(corpus):
    """comparison_tables returns the six documented tables with their columns."""
    tables = comparison_tables(corpus)
    assert {name: list(frame.columns) for name, frame in tables.items()} == COLUMNS


def test_partitions_give_the_same_rows(corpus):
    """Computed in three partitions of articles and concatenated, every table writes the same CSV."""
    whole = comparison_tables(corpus)
    entries, _ = plan_corpus(SEEDS)
    parts = concat_tables([partition_tables(chunk, SEEDS) for chunk in split(entries, 3)])
    for name in COLUMNS:
        assert parts[name].to_csv(index=False) == whole[name].to_csv(index=False), name
