"""Sentences: the unit the comparison aligns and counts.

:func:`sentence_spans` splits one paragraph of clean text. A sentence ends

* at a line end;
* after ``؟ ? ! ؛`` (a run of them, such as ``؟!``, ends one sentence);
* after a full stop ``.``, except
    - a dot in a run of dots (``..``, ``...``: an ellipsis, as in the headline
      ``بعد مقتل 5 جنود للاحتلال.. أردوغان يترأس``); ``…`` never ends a sentence either;
    - a dot followed directly by a letter or digit (``3.5``, ``U.S``, ``sputniknews.com``);
    - a dot after a one-letter word (abbreviations such as ``د.`` or ``أ. ف. ب.``);
* never inside a quotation (see :func:`helpers.compare.quotes.quote_spans`): Zakharova's two-sentence
  quotation in 000 stays one sentence with its ``وقالت زاخاروفا``. A full stop right before the closing
  mark (``... الاستقرار."``) ends the sentence after the mark. A stray mark that pairs with nothing
  protects nothing.

The censorship-evasion dots (``الإرهـ.ـابيين``) are already repaired in the clean text, so they are
not an issue here. Sentences keep their offsets in the paragraph: ``text[start:end]`` is the sentence,
without the white space around it.
"""
from __future__ import annotations

import re
from bisect import bisect_left

import pandas as pd

from ..roles import COUNTED_ROLES
from .quotes import quote_spans

SENTENCE_COLUMNS = ("doc_id", "para_id", "sent_id", "start", "end", "sentence")
_TERMINATOR_RE = re.compile(r"[.!?\u061F\u061B\n]+")
_TERMINATORS = ".!?\u061F\u061B\n"  # the characters of _TERMINATOR_RE
_SHORT_WORD_RE = re.compile(r"(?:^|[\s(\"])\w\.$")


def _boundary_after(text: str, m: re.Match, spans) -> int | None:
    """Return where the sentence ends for terminator run ``m``, or None when it does not end one."""
    run = m.group(0)
    start, end = m.span()
    if "\n" not in run:
        if run.count(".") >= 2 and set(run) == {"."}:
            return None  # an ellipsis
        if run == ".":
            if end < len(text) and (text[end].isalnum() or text[end] == "_"):
                return None  # 3.5, U.S, a web address
            if _SHORT_WORD_RE.search(text[max(0, start - 3):end]):
                return None  # an abbreviation: one letter and a dot
        # the first span (in order of opening) around the terminator: the top-level one, if any
        around = spans.around(start) if hasattr(spans, "around") else next(
            ((sp.start, sp.end) for sp in spans if sp.start < start < sp.end - 1), None)
        if around is not None and around[0] < start < around[1] - 1:
            if end == around[1] - 1:
                return around[1]  # ...الاستقرار." : the sentence ends after the closing mark
            return None
    return end


def sentence_spans(text: str, quotes=None) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` offsets of the sentences of one paragraph (module docstring rules).

    Parameters
    ----------
    text
        One paragraph of clean text.
    quotes
        Its quoted spans, when already at hand (:func:`helpers.compare.quotes.quote_spans`).

    Returns
    -------
    list of (int, int)
        Offsets into ``text``, in order, white space trimmed; empty sentences are left out.

    Examples
    --------
    >>> t = "ومعدات طبية. ودعت المجتمع الدولي"
    >>> [t[s:e] for s, e in sentence_spans(t)]
    ['ومعدات طبية.', 'ودعت المجتمع الدولي']
    >>> t = 'قالت: "في إدلب. ويواصل العسكريون"، وفق سبوتنيك.'
    >>> len(sentence_spans(t))
    1
    >>> t = "بعد مقتل 5 جنود للاحتلال.. أردوغان يترأس اجتماعا"
    >>> len(sentence_spans(t))
    1
    """
    spans = quote_spans(text) if quotes is None else quotes
    n = len(text)
    # A run of terminators at the very end (the full stop of most paragraphs) ends the last sentence
    # anyway; only the runs before it can cut. Most paragraphs have none, which a few substring
    # tests tell faster than the regular expression.
    body = len(text.rstrip(_TERMINATORS))
    cuts = [0]
    if any(map(text[:body].__contains__, _TERMINATORS)):
        for m in _TERMINATOR_RE.finditer(text, 0, body):
            boundary = _boundary_after(text, m, spans)
            if boundary is not None:
                cuts.append(boundary)
    cuts.append(n)
    out = []
    for a, b in zip(cuts, cuts[1:]):
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            out.append((a, b))
    return out


def split_sentences(text: str) -> list[str]:
    """Return the sentences of one paragraph as strings (see :func:`sentence_spans`).

    Examples
    --------
    >>> split_sentences("أعلنت موسكو ذلك. هل انتهى؟ نعم")
    ['أعلنت موسكو ذلك.', 'هل انتهى؟', 'نعم']
    """
    return [text[s:e] for s, e in sentence_spans(text)]


def corpus_sentences(corpus, roles=COUNTED_ROLES) -> pd.DataFrame:
    """Return one row per sentence of the counted paragraphs (every role but boilerplate and related).

    Columns :data:`SENTENCE_COLUMNS`: ``sent_id`` counts from 1 within a paragraph; ``start`` and
    ``end`` are offsets into the paragraph's clean ``text``. Rows are in article, paragraph, sentence
    order.
    """
    par = corpus.paragraphs
    par = par[par["role"].isin(roles)]
    rows = []
    for doc_id, para_id, text in zip(par["doc_id"], par["para_id"], par["text"]):
        for sent_id, (s, e) in enumerate(sentence_spans(text), start=1):
            rows.append((doc_id, int(para_id), sent_id, s, e, text[s:e]))
    frame = pd.DataFrame(rows, columns=list(SENTENCE_COLUMNS))
    return frame.astype({"para_id": "int64", "sent_id": "int64", "start": "int64", "end": "int64"})


def sentence_of(starts: list[int], pos: int) -> int:
    """Return the index of the sentence holding position ``pos``, given the sorted sentence starts.

    Examples
    --------
    >>> sentence_of([0, 12, 30], 15), sentence_of([0, 12, 30], 0)
    (1, 0)
    """
    return max(0, bisect_left(starts, pos + 1) - 1)
