"""One pass over a corpus that every comparison table reads from.

Each counted paragraph (every role but ``boilerplate`` and ``related``) is put in matching form once,
scanned for actor mentions once (through :func:`helpers.actors.scan_corpus`), and split into quoted
spans and sentences once; the codebook, framing, quotation and attribution tables all read these
:class:`ParagraphScan` records instead of scanning again.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from ..actors import Mention, corpus_gazetteer, scan_corpus
from ..lexicon import Lexicons
from ..matching import OffsetMap
from .quotes import QuoteSpan, quote_spans
from .sentences import sentence_spans
from .terms import form_offset


@dataclass
class ParagraphScan:
    """A counted paragraph, scanned: its text, matching form, sentences, quotations and mentions."""

    doc_id: str
    para_id: int
    text: str
    form: str
    mentions: list[Mention]  # names and demonyms, not folded (actors.scan_mentions)
    quotes: list[QuoteSpan] = field(default_factory=list)
    sentences: list[tuple[int, int]] = field(default_factory=list)  # (start, end) in text
    removed: tuple[int, ...] = ()  # positions removed from text in form (see OffsetMap)
    starts: list[int] = field(default_factory=list)  # sentence starts in text
    form_starts: list[int] = field(default_factory=list)  # sentence starts in the matching form
    cache: dict = field(default_factory=dict)  # results computed once per paragraph (framing labels)

    def __post_init__(self):
        self.starts = [s for s, _ in self.sentences]
        # Nothing removed (the usual case): the matching form has the text's offsets.
        self.form_starts = [form_offset(self.removed, s) for s in self.starts] if self.removed else self.starts

    def sentence_at(self, pos: int) -> int:
        """Return the index of the sentence holding text position ``pos`` (the last one before it)."""
        if len(self.starts) < 2:  # most paragraphs are one sentence
            return 0
        return max(0, bisect_right(self.starts, pos) - 1)

    def sentence_at_form(self, pos: int) -> int:
        """Return the index of the sentence holding matching-form position ``pos``."""
        if len(self.form_starts) < 2:
            return 0
        return max(0, bisect_right(self.form_starts, pos) - 1)

    @property
    def omap(self) -> OffsetMap:
        """Return the map from matching-form positions back to the text."""
        return OffsetMap(self.removed, len(self.text))


class ComparisonScan(list):
    """The comparison's paragraph scans, with what they came from.

    ``actor_scan`` is the actor scan (and its shared ``links``), ``gazetteer`` the gazetteer of its
    mentions, ``lexicons`` the corpus's lexicons (:class:`~helpers.lexicon.Lexicons`: every other
    lexicon of the comparison is loaded from them) and ``corpus`` the corpus itself.
    """

    def __init__(self, actor_scan, corpus=None):
        super().__init__()
        self.actor_scan = actor_scan
        self.gazetteer = actor_scan.gazetteer
        self.corpus = corpus
        self.lexicons = Lexicons.of(corpus)


def scan_for_comparison(corpus, gaz=None) -> list[ParagraphScan]:
    """Scan every counted paragraph of ``corpus`` once (see the module docstring); text order.

    ``gaz`` defaults to the corpus's own gazetteer (the shipped one, extended by its ``lexicons/``). The
    scan is remembered on the corpus (per gazetteer), like the actor scan it builds on, so the comparison
    tables and the corpus-wide views (:mod:`helpers.explore`) share it.
    """
    gaz = corpus_gazetteer(corpus, gaz)
    return corpus.memo(("comparison_scan", gaz.path, id(gaz)), lambda: _scan_for_comparison(corpus, gaz))


def _scan_for_comparison(corpus, gaz) -> "ComparisonScan":
    actor_scan = scan_corpus(corpus, gaz)
    out = ComparisonScan(actor_scan, corpus)
    for doc_id, para_id, text, form, mentions in actor_scan:
        quotes = quote_spans(text)
        removed = OffsetMap.for_text(text).removed if len(form) != len(text) else ()
        out.append(ParagraphScan(doc_id, int(para_id), text, form, mentions, quotes,
                                 sentence_spans(text, quotes), removed))
    return out
