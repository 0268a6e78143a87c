"""Quotation marks: which ``"`` opens and which closes, the quoted spans, and what each span is.

The clean text writes every double quote as ``"`` (scraped Arabic often opens a quotation with a
closing mark, so the direction carried no information anyway). Which mark opens and which closes is
read from its neighbours, then marks are paired with a stack so that a quotation nested inside a
longer one is found too:

* a mark followed by a letter or digit and not preceded by one opens (``قال: "نحن``);
* a mark preceded by a letter or digit and not followed by one closes (``المسلحين"،``);
* otherwise (``ل"الخوذ``, ``مضيفاً " أن``) it closes if a quotation is open, else it opens;
* a closing mark with nothing open, and an opening mark never closed before the end of the
  paragraph, are *stray*: they belong to no span (``أراضيها".`` in 002 closes a quotation that the
  writer never opened).

A quoted span is then classified (:func:`classify_quote`):

``speech``
    quoted speech: more than :data:`SCARE_MAX_WORDS` words (``"نحن لا نخفي قلقنا، ..."``).
``scare``
    a short span (one to three words): a scare quote or a quoted fragment (``"الإرهابيون"``,
    ``"حوارا جيدا"``). A quoted *label* from the framing lexicon is always a scare quote, even when
    the actor gazetteer also lists it as a name (``"الجيش السوري"``, ``"النظام السوري"``).
``name``
    the span is exactly a name (``"زمان الوصل"``, ``"حميميم"``, ``"سيرغي لافروف"``), a list of
    names (``"إبراهيمية، حليوة، فقيرة وعرادي"``: at least half its items are names), or a
    designation with digits (``"سو-24"``), or the name of a news outlet (the article's own, from
    ``metadata.csv``, or a source of ``sources.csv``: ``عدن: «الشرق الأوسط»``). Names in quotes are a
    typographic habit, not distance.

The code cannot tell a scare quote from a short quoted fragment of someone's words: both are
``scare``. A long quoted description that is not speech (``"جنوب إدلب وشرقها ..."``) is ``speech``.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from operator import attrgetter
from typing import Callable, NamedTuple

from ..lexicon import split_list
from .terms import PROCLITICS, term_key

QUOTE = '"'
SCARE_MAX_WORDS = 3
QUOTE_KINDS = ("speech", "scare", "name")
_WORD_RE = re.compile(r"\w+")
_DIGIT_RE = re.compile(r"\d")
# Arabic comma, comma, or before a و; the look-ahead skips at once the places where no separator starts.
_LIST_SPLIT_RE = re.compile(r"(?=[\s\u060C,])(?:\s*[\u060C,]\s*|\s+(?=\u0648))")
# First letter -> the proclitic sequences that start with it (و -> و، وب، ول، وال ...).
_PROCLITICS_BY_LETTER = {letter: tuple(sorted(c for c in PROCLITICS if c[0] == letter))
                         for letter in {c[0] for c in PROCLITICS}}
_EDGE = " \u060C,.:"  # punctuation stripped off the edges of a quoted text before it is classified
_SURFACE = attrgetter("surface")


class QuoteSpan(NamedTuple):
    """One quoted span: ``text[start:end]`` includes both marks; ``inner`` is what lies between."""

    start: int
    end: int
    inner: str


class QuoteSpans(list):
    """The quoted spans of a paragraph (a list of :class:`QuoteSpan`), with a lookup by position.

    Quotations nest properly (a stack pairs the marks), so a position lies inside some quotation exactly
    when it lies inside a top-level one; the top-level spans are disjoint and sorted, and a binary
    search finds the one around a position. Looking through every span instead made a paragraph with
    thousands of quotations quadratic.
    """

    _top: tuple[list[int], list[int]] | None = None

    def top_level(self) -> tuple[list[int], list[int]]:
        """Return the starts and ends of the outermost spans, in order (computed once)."""
        if self._top is None:
            starts, ends = [], []
            for span in self:  # in order of their opening mark, a nested span after its parent
                if not ends or span.start >= ends[-1]:
                    starts.append(span.start)
                    ends.append(span.end)
            self._top = (starts, ends)
        return self._top

    def around(self, pos: int) -> tuple[int, int] | None:
        """Return ``(start, end)`` of the outermost span whose opening mark comes before ``pos``, if any."""
        starts, ends = self.top_level()
        i = bisect_left(starts, pos) - 1
        return (starts[i], ends[i]) if i >= 0 else None


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def quote_spans(text: str) -> list[QuoteSpan]:
    """Return the quoted spans of ``text``, in order of their opening mark (stray marks left out).

    Parameters
    ----------
    text
        One paragraph of clean text (every double quote written ``"``).

    Returns
    -------
    list of QuoteSpan
        ``(start, end, inner)`` with ``text[start] == text[end - 1] == '"'``; a nested quotation
        comes after the one that contains it.

    Examples
    --------
    >>> [s.inner for s in quote_spans('قال: "نحن هنا" عن "الإرهابيون"')]
    ['نحن هنا', 'الإرهابيون']
    >>> [s.inner for s in quote_spans('مضيفاً " أن منطقة "منزوعة السلاح" داخل إدلب"، وفق')]
    [' أن منطقة "منزوعة السلاح" داخل إدلب', 'منزوعة السلاح']
    >>> quote_spans('سيادة سوريا". من جانب آخر')
    []
    """
    if QUOTE not in text:
        return QuoteSpans()
    spans: list[QuoteSpan] = []
    stack: list[int] = []
    n = len(text)
    pos = text.find(QUOTE)
    while pos != -1:
        before = pos > 0 and _is_word_char(text[pos - 1])
        after = pos + 1 < n and _is_word_char(text[pos + 1])
        if after and not before:
            opens = True
        elif before and not after:
            opens = False
        else:
            opens = not stack
        if opens:
            stack.append(pos)
        elif stack:
            start = stack.pop()
            spans.append(QuoteSpan(start, pos + 1, text[start + 1:pos]))
        pos = text.find(QUOTE, pos + 1)
    return QuoteSpans(sorted(spans))


def n_words(text: str) -> int:
    """Return the number of words (runs of letters and digits) in ``text``.

    Examples
    --------
    >>> n_words("حوارا جيدا"), n_words("سو-24")
    (2, 2)
    """
    return len(_WORD_RE.findall(text))


def classify_quote(inner: str, is_label: Callable[[str], bool] | None = None,
                   is_name: Callable[[str], bool] | None = None) -> str:
    """Return the kind of a quoted span: ``speech``, ``scare`` or ``name`` (module docstring).

    Parameters
    ----------
    inner
        The text between the quotation marks.
    is_label
        Returns True when a text is exactly a framing label (default: the framing lexicon).
    is_name
        Returns True when a text is exactly one actor name (default: the actor gazetteer).

    Examples
    --------
    >>> classify_quote("الإرهابيون", lambda s: False, lambda s: False)
    'scare'
    >>> classify_quote("زمان الوصل", lambda s: False, lambda s: s == "زمان الوصل")
    'name'
    >>> classify_quote("سو-24", lambda s: False, lambda s: False)
    'name'
    >>> classify_quote("نحن لا نخفي قلقنا", lambda s: False, lambda s: False)
    'speech'
    """
    if is_label is None or is_name is None:
        from .framing import is_framing_label
        from .mentions import is_actor_name

        is_label = is_label or is_framing_label
        is_name = is_name or is_actor_name
    return _kind(inner.strip(_EDGE), n_words(inner), is_label, is_name)


def _kind(text: str, words: int, is_label: Callable[[str], bool], is_name: Callable[[str], bool]) -> str:
    """Return the kind of a quoted span: ``text`` stripped of edge punctuation, ``words`` its word count."""
    items = [item for item in _LIST_SPLIT_RE.split(text) if item.strip()]
    if len(items) >= 2 and sum(bool(is_name(item)) for item in items) * 2 >= len(items):
        return "name"
    if words > SCARE_MAX_WORDS:
        return "speech"
    if is_label(text):
        return "scare"
    if is_name(text) or _DIGIT_RE.search(text):
        return "name"
    return "scare"


def inside_quotes(spans: list[QuoteSpan], start: int, end: int) -> bool:
    """Return True when ``[start, end)`` lies inside one of the quoted ``spans`` (marks excluded).

    Examples
    --------
    >>> spans = quote_spans('قال "الإرهابيون" هنا')
    >>> inside_quotes(spans, 5, 15), inside_quotes(spans, 0, 3)
    (True, False)
    """
    if isinstance(spans, QuoteSpans):  # one binary search (see QuoteSpans)
        span = spans.around(start)
        return span is not None and end < span[1]
    return any(s.start < start and end < s.end for s in spans)


# ---------------------------------------------------------------- quotations on a corpus

QUOTE_COLUMNS = ("doc_id", "para_id", "sent_id", "kind", "quote", "n_words", "start", "end")


def _never(text: str) -> bool:
    """The surface test of a paragraph that found no surface: no text is one."""
    return False


def _surface_test(surfaces: set) -> Callable[[str], bool]:
    """Return a test: is a text exactly one of ``surfaces``, after optional proclitics?

    The surfaces are what the paragraph's own scan found (framing labels, or actor names), so a
    quotation is classified without scanning it again. The test cuts each proclitic the text may
    start with and looks the rest up, instead of comparing the text with every surface.
    """
    if not surfaces:
        return _never

    def test(text: str) -> bool:
        text = text.strip(_EDGE)
        if text in surfaces:
            return True
        for clitic in _PROCLITICS_BY_LETTER.get(text[:1], ()):  # only those the text can start with
            if text.startswith(clitic) and text[len(clitic):] in surfaces:
                return True
        return False

    return test


def outlet_names(outlet: str) -> set[str]:
    """Return the look-up keys of an outlet's name as ``metadata.csv`` gives it: whole, and each part of
    ``name (other name)``.

    Examples
    --------
    >>> sorted(outlet_names("وكالة سبأ (سبأنت)"))
    ['سبانت', 'وكاله سبا', 'وكاله سبا (سبانت)']
    """
    found = {outlet, *re.split(r"[()]", outlet)}
    return {key for key in map(term_key, found) if key}


def _outlet_names(scans, gaz) -> tuple[dict, frozenset]:
    """Return ({doc_id: its own outlet's names and the media's}, the media's names): the keys of the
    article's outlet (``metadata.csv``) and of every source in ``sources.csv``."""
    from .sources import load_sources

    media: set[str] = set()
    if gaz is not None:
        sources = set(load_sources(actor_ids=gaz.ids, lexicons=getattr(scans, "lexicons", None))["actor_id"])
        for actor_id, forms, label in zip(gaz.actors["actor_id"], gaz.actors["forms"], gaz.actors["label_ar"]):
            if actor_id in sources:
                media.update(map(term_key, [*split_list(forms), label]))
    media = frozenset(media)
    corpus = getattr(scans, "corpus", None)
    if corpus is None:
        return {}, media
    own = {}
    for doc_id, outlet in zip(corpus.articles["doc_id"], corpus.articles["outlet"]):
        names = outlet_names(outlet) if isinstance(outlet, str) and outlet != "unknown" else set()
        own[doc_id] = media | names if names else media
    return own, media


def quoted_spans(scans, is_label=None, is_name=None, outlets=None):
    """Return one row per quoted span of the scanned paragraphs, classified (:func:`classify_quote`).

    Columns :data:`QUOTE_COLUMNS`: ``quote`` is the text between the marks, ``start``/``end`` the span
    with its marks in the paragraph's clean text. Rows in text order (a nested quotation after the
    one that holds it). By default a span is tested against the labels and names the paragraph's own
    scan found (the same answers as :func:`helpers.compare.framing.is_framing_label` and
    :func:`helpers.compare.mentions.is_actor_name` on the span, without a second scan).

    A span that is exactly the name of a news outlet is a ``name``, never a scare quote
    (``عدن: «الشرق الأوسط»``, ``قالت مصادر لـ«الشرق الأوسط»``): the article's own outlet in
    ``metadata.csv`` (whole, or either part of ``وكالة سبأ (سبأنت)``) and every source of ``sources.csv``;
    ``outlets``, a list of names, replaces both. Another outlet of the corpus quoted by name, when it is
    not in ``sources.csv``, is not known.
    """
    from ..loading import frame_from_rows
    from .framing import load_framing, paragraph_framing

    lex = load_framing(lexicons=getattr(scans, "lexicons", None)) if is_label is None else None
    gaz = getattr(scans, "gazetteer", None)
    own, media = _outlet_names(scans, gaz) if outlets is None else ({}, frozenset(map(term_key, outlets)))
    rows = []
    for p in scans:
        quotes = p.quotes
        if not quotes:
            continue
        names = own.get(p.doc_id, media)
        label_test, name_test = is_label, is_name
        if label_test is None:
            label_test = _surface_test(set(map(_SURFACE, paragraph_framing(p, lex, gaz))))
        if name_test is None:
            name_test = _surface_test({m.surface for m in p.mentions if m.kind == "name"})
        for q in quotes:
            inner = q.inner
            words = n_words(inner)  # the edge punctuation classify_quote strips holds no word
            kind = "name" if names and term_key(inner.strip(_EDGE)) in names else \
                _kind(inner.strip(_EDGE), words, label_test, name_test)
            rows.append((p.doc_id, p.para_id, p.sentence_at(q.start) + 1, kind, inner.strip(), words, q.start, q.end))
    return frame_from_rows(rows, QUOTE_COLUMNS, ("para_id", "sent_id", "n_words", "start", "end"))
