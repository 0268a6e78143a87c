"""Keyword in context for any word or phrase, with the proclitic rules of the actor gazetteer.

A query is one spelling or several separated by ``|`` (``الإرهابيين|الإرهابيون``). It is matched as
the actor KWIC matches a name (:mod:`helpers.compare.terms`, the gazetteer's rule): on the matching
form, whole words, after optional proclitics (``و ف``, ``ب ل ك``, ``ال``; ``لل`` for ``ل`` + ``ال``),
so ``والإرهابيين`` and ``للإرهابيين`` are found for ``الإرهابيين`` and nothing is found inside a
longer word. Rows have the actor KWIC's columns and render with :func:`helpers.actors.kwic_html`.
"""
from __future__ import annotations

import pandas as pd

from ..actors import source_span
from ..compare import scan_for_comparison
from ..compare.terms import TermIndex
from ..errors import WorkbookError
from ..lexicon import split_list

KWIC_COLUMNS = ("doc_id", "para_id", "outlet", "before", "match", "after")


def query_index(query: str | list[str]) -> TermIndex:
    """Return the term index of a query: one spelling, several separated by ``|``, or a list.

    Raises
    ------
    WorkbookError
        When the query has no letters.
    """
    spellings = split_list(query) if isinstance(query, str) else [q.strip() for q in query if q.strip()]
    if not spellings:
        raise WorkbookError(f"query {query!r}: give a word or phrase (several: separated by |)")
    return TermIndex([("query", s) for s in spellings], source=f"query {query!r}")


def context(text: str, start: int, end: int, width: int = 60) -> tuple[str, str]:
    """Return up to ``width`` characters before and after ``text[start:end]``, cut between words (``…``).

    Examples
    --------
    >>> text = "قال المتحدث باسم الكرملين إن موسكو قلقة"
    >>> start = text.index("الكرملين")
    >>> context(text, start, start + len("الكرملين"), width=10)
    ('… باسم', 'إن موسكو …')
    """
    before, after = text[max(0, start - width):start].rstrip(), text[end:end + width].lstrip()
    if start > width and " " in before:
        before = "… " + before.split(" ", 1)[1]
    if end + width < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + " …"
    return before, after


def term_spans(corpus, query, gaz=None):
    """Yield ``(paragraph scan, start, end)`` for each occurrence of ``query``, offsets in the clean text.

    The span holds the term without its conjunction and preposition (as an actor mention's surface).
    """
    index = query_index(query)
    for p in scan_for_comparison(corpus, gaz):
        matches = index.find_all(p.form)
        if not matches:
            continue
        omap = p.omap
        for m in matches:
            start, end = source_span(p.text, omap, m.start, m.end)
            yield p, start, end


def word_kwic(corpus, query, width: int = 60, outlet: str = "outlet_short", gaz=None) -> pd.DataFrame:
    """Return every occurrence of a word or phrase with its context (columns :data:`KWIC_COLUMNS`).

    Parameters
    ----------
    corpus
        A loaded :class:`helpers.loading.Corpus`; only counted lines are searched.
    query
        A spelling, several separated by ``|``, or a list of spellings.
    width
        Characters of context on each side, cut between words.

    Returns
    -------
    pandas.DataFrame
        One row per occurrence, in text order: ``doc_id, para_id, outlet, before, match, after``;
        ``before`` precedes the match in reading order (to its right on screen).
    """
    outlets = dict(zip(corpus.articles["doc_id"], corpus.articles[outlet]))
    rows = []
    for p, start, end in term_spans(corpus, query, gaz):
        before, after = context(p.text, start, end, width)
        rows.append((p.doc_id, p.para_id, outlets.get(p.doc_id, ""), before, p.text[start:end], after))
    return pd.DataFrame(rows, columns=list(KWIC_COLUMNS))
