"""One pass over a corpus for the views without a codebook: tokens per sentence, words per article.

Bylines and datelines are left out (:func:`bylines`).

It reads the comparison's paragraph scan (:func:`helpers.compare.scan_for_comparison`: matching form,
sentences, actor mentions, remembered on the corpus), so the paragraphs are split and scanned once for
all tables. The result is remembered on the corpus too: keyness, alignment and reposts read it.
"""
from __future__ import annotations

from dataclasses import dataclass

from .tokens import Stoplist, clause_tokens, clitic_splits, load_stoplist


@dataclass
class SentenceTokens:
    """One sentence of a counted paragraph, tokenised (see :mod:`helpers.explore.tokens`)."""

    doc_id: str
    para_id: int
    sent_id: int  # from 1 within the paragraph, as in corpus_sentences
    text: str  # the sentence as in the clean text
    clauses: list[list[str]]  # tokens per clause, stop words as ""

    @property
    def tokens(self) -> list[str]:
        """Return the content words, in order."""
        return [t for clause in self.clauses for t in clause if t]


@dataclass
class CorpusTokens:
    """The tokenised corpus: its sentences in text order and each article's paragraph forms."""

    sentences: list[SentenceTokens]
    words: dict[str, list[list[str]]]  # doc_id -> running words of each counted paragraph, in order


def corpus_tokens(corpus, gaz=None, stop: Stoplist | None = None) -> CorpusTokens:
    """Return every counted sentence of ``corpus`` tokenised, and the paragraph forms of each article.

    Computed once per corpus, gazetteer and stop-list. The gazetteer and the stop-list default to the
    corpus's own (the shipped files, extended by its ``lexicons/`` folder).
    """
    from ..compare import scan_for_comparison

    stop = stop or load_stoplist(lexicons=corpus)
    scans = scan_for_comparison(corpus, gaz)
    return corpus.memo(("explore_tokens", id(scans), stop.path), lambda: _tokenise(scans, stop, bylines(corpus)))


def bylines(corpus) -> set[tuple[str, int]]:
    """Return the ``(doc_id, para_id)`` of every byline and dateline of ``corpus``.

    They are counted lines (a dateline dates an article that has no published date) but say who wrote
    and where, not what happened: the views leave them out, so two outlets' datelines of one day are not
    "the same story" and an outlet's own name is not its keyword.
    """
    paras = corpus.paragraphs
    rows = paras[paras["role"] == "byline"]
    return set(zip(rows["doc_id"], rows["para_id"].astype(int)))


def _tokenise(scans, stop: Stoplist, skip: set[tuple[str, int]] = frozenset()) -> CorpusTokens:
    sentences: list[SentenceTokens] = []
    words: dict[str, list[list[str]]] = {}
    for p in scans:
        running: list[str] = []
        words.setdefault(p.doc_id, [])
        if (p.doc_id, p.para_id) in skip:
            continue
        words[p.doc_id].append(running)
        splits = clitic_splits(p.form, p.mentions) if p.mentions else None
        if len(p.sentences) == 1:  # most paragraphs: no slicing
            (start, end), = p.sentences
            sentences.append(SentenceTokens(p.doc_id, p.para_id, 1, p.text[start:end],
                                            clause_tokens(p.form, stop, splits, running)))
            continue
        bounds = p.form_starts + [len(p.form)]
        head = p.form[:bounds[0]]  # white space before the first sentence, if any
        if head.strip():
            clause_tokens(head, stop, splits, running)
        for sent_id, (start, end) in enumerate(p.sentences, start=1):
            clauses = clause_tokens(p.form[bounds[sent_id - 1]:bounds[sent_id]], stop, splits, running)
            sentences.append(SentenceTokens(p.doc_id, p.para_id, sent_id, p.text[start:end], clauses))
    return CorpusTokens(sentences, words)
