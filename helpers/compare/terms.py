"""Find the terms of a lexicon in the matching form of a text, all at once.

One Aho-Corasick automaton (pyahocorasick) holds every spelling of every term of a lexicon, built
once. :meth:`TermIndex.find_all` makes one pass over a text and returns every occurrence, overlapping
ones included (the codebook needs them: ``الأسلحة الكيميائية`` holds ``الكيميائية``);
:func:`longest_matches` then keeps the longest of overlapping matches (the framing counts need that:
``جيش الاحتلال التركي`` is not also ``الاحتلال التركي``).

Word rules (the actor gazetteer's, imported from :mod:`helpers.actors`): a term matches whole words, in
matching form; it may
carry proclitics: a conjunction ``و ف``, then a preposition ``ب ل ك``, then the article ``ال``, each
at most once, and ``ل`` + ``ال`` is written ``لل`` (``للاحتلال`` holds ``الاحتلال``). Letters are never
stripped off the end of a word: list inflected forms (``الإرهابيين|الإرهابيون``) as spellings.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from typing import Iterable, NamedTuple

import ahocorasick

from ..actors import ARTICLE, CONJUNCTIONS, LAM, matching_key, proclitics
from ..errors import WorkbookError

_ODD_WS_RE = re.compile("[\t\n\r\u000b\u000c]")

# The proclitic rule is the actor gazetteer's (helpers.actors.proclitics): one rule for every lexicon.
PROCLITICS = frozenset(proclitics())
ASSIMILATED = frozenset(c + LAM + LAM for c in ("",) + CONJUNCTIONS)  # لل ولل فلل


def term_key(spelling: str) -> str:
    """Return the look-up key of a spelling: its matching form, white space runs as one space.

    The same key as :func:`helpers.actors.matching_key`.

    Examples
    --------
    >>> term_key("جيش  الاحتلال التركيّ")
    'جيش الاحتلال التركي'
    """
    return matching_key(spelling)


class TermMatch(NamedTuple):
    """One occurrence of a term in a matching form: ``form[start:end]`` is the term (no clitics)."""

    term_id: str
    start: int
    end: int
    clitic: str


# Builds a TermMatch as a plain tuple of its class, without calling the named tuple's Python-level __new__.
_new_tuple = tuple.__new__


def _is_word_char(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


class TermIndex:
    """Every spelling of a lexicon's terms in one automaton; build once, search many texts.

    Parameters
    ----------
    entries
        ``(term_id, spelling)`` pairs. A spelling listed twice under two ids is an error.
    source
        Where the entries come from (a file name), for error messages.

    Examples
    --------
    >>> idx = TermIndex([("occupation", "الاحتلال"), ("tr_army_occ", "جيش الاحتلال التركي")])
    >>> [(m.term_id, m.clitic) for m in idx.find_all("ضد جنود جيش الاحتلال التركي وللاحتلال")]
    [('tr_army_occ', ''), ('occupation', ''), ('occupation', 'ول')]
    >>> [m.term_id for m in longest_matches(idx.find_all("جيش الاحتلال التركي"))]
    ['tr_army_occ']
    """

    def __init__(self, entries: Iterable[tuple[str, str]], source: str = "terms"):
        keys: dict[str, str] = {}
        for term_id, spelling in entries:
            key = term_key(spelling)
            if not key or not any(_is_word_char(c) for c in key):
                raise WorkbookError(f"{source}: spelling {spelling!r} of {term_id!r} has no letters")
            if key in keys and keys[key] != term_id:
                raise WorkbookError(f"{source}: spelling {spelling!r} is listed under {keys[key]!r} and {term_id!r}")
            keys[key] = term_id
        self.keys = keys
        self.source = source
        # Each string the automaton finds is one spelling, the stem of one spelling after لل
        # (للاحتلال), or both: its value is (length, term id of the spelling, term id of the stem).
        values: dict[str, tuple[int, str | None, str | None]] = {}
        for key, term_id in keys.items():
            _, _, stem_id = values.get(key, (0, None, None))
            values[key] = (len(key), term_id, stem_id)
            if key.startswith(ARTICLE) and len(key) > len(ARTICLE) + 1:
                stem = key[len(ARTICLE):]  # found after لل, as in للاحتلال
                _, plain_id, _ = values.get(stem, (0, None, None))
                values[stem] = (len(stem), plain_id, term_id)
        self._automaton = None
        if values:
            automaton = ahocorasick.Automaton()
            for string, value in values.items():
                automaton.add_word(string, value)
            automaton.make_automaton()
            self._automaton = automaton

    def __len__(self) -> int:
        return len(self.keys)

    def find_all(self, form: str) -> list[TermMatch]:
        """Return every occurrence of a term in ``form`` (a matching form), overlaps included.

        Matches are sorted by start, then longest first. A match on a stem after ``لل`` starts at
        the article's ``ل`` (``للاحتلال`` -> ``لاحتلال``), as in the actor gazetteer.

        A string found at a word start is a whole word (the usual case, settled with one look
        behind it); otherwise the letters before it must be a proclitic sequence. Matches are
        collected as plain ``(start, -end, term_id, clitic)`` tuples, which sort in the right
        order as they are, and made :class:`TermMatch` at the end.
        """
        if self._automaton is None or not form:
            return []
        # The characters of _ODD_WS_RE, looked for one by one: faster than the regex on text without them.
        if "\n" in form or "\t" in form or "\r" in form or "\x0b" in form or "\x0c" in form:
            form = _ODD_WS_RE.sub(" ", form)  # one character for one: offsets unchanged
        n = len(form)
        found = []
        for last, (length, plain_id, stem_id) in self._automaton.iter(form):
            end = last + 1
            if end < n:
                after = form[end]
                if after.isalnum() or after == "_":
                    continue  # not the end of a word
            start = end - length
            word_start = start
            while word_start > 0:
                before = form[word_start - 1]
                if not (before.isalnum() or before == "_"):
                    break
                word_start -= 1
            if word_start == start:
                if plain_id is not None:
                    found.append((start, -end, plain_id, ""))
                continue
            clitic = form[word_start:start]
            if plain_id is not None and clitic in PROCLITICS:
                found.append((start, -end, plain_id, clitic))
            if stem_id is not None and clitic in ASSIMILATED:
                found.append((start - 1, -end, stem_id, clitic[:-1]))
        if len(found) > 1:
            found = sorted(set(found))
        return [_new_tuple(TermMatch, (term_id, start, -neg_end, clitic)) for start, neg_end, term_id, clitic in found]

    def found_ids(self, form: str) -> set[str]:
        """Return the set of term ids found in ``form`` (overlapping matches included).

        Examples
        --------
        >>> from helpers.matching import normalize_for_matching
        >>> idx = TermIndex([("chem", "الكيميائية"), ("chem_weapons", "الأسلحة الكيميائية")])
        >>> idx.found_ids(normalize_for_matching("بالأسلحة الكيميائية")) == {"chem", "chem_weapons"}
        True
        """
        return {m.term_id for m in self.find_all(form)}


def longest_matches(matches: list[TermMatch]) -> list[TermMatch]:
    """Keep the longest of overlapping matches (ties: the earlier one); return them in text order.

    Examples
    --------
    >>> ms = [TermMatch("a", 0, 5, ""), TermMatch("b", 3, 12, ""), TermMatch("c", 12, 15, "")]
    >>> [m.term_id for m in longest_matches(ms)]
    ['b', 'c']
    >>> ms = [TermMatch("army", 0, 19, ""), TermMatch("occ_tr", 4, 19, ""), TermMatch("occ", 4, 12, "")]
    >>> [m.term_id for m in longest_matches(ms)]
    ['army']
    """
    nested = _outermost(matches)
    if nested is not None:
        return nested
    # The kept matches never overlap, so a new one need only be checked against its two neighbours in
    # text order (a binary search): linear-logarithmic, where testing every kept match was quadratic
    # on a paragraph of one long line.
    chosen: list[TermMatch] = []  # kept, in text order
    starts: list[int] = []
    for m in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        i = bisect_right(starts, m.start)
        if (i == 0 or chosen[i - 1].end <= m.start) and (i == len(chosen) or m.end <= chosen[i].start):
            chosen.insert(i, m)
            starts.insert(i, m.start)
    return chosen


def _outermost(matches: list[TermMatch]) -> list[TermMatch] | None:
    """Return the outermost matches when overlapping matches only ever nest, else None.

    The usual case, in one pass over matches in :meth:`TermIndex.find_all` order (by start, longest
    first): ``جيش الاحتلال التركي`` holds ``الاحتلال التركي``, which holds ``الاحتلال``. A match that
    lies inside the last one kept is left out, one that starts after it is kept; then the outermost
    ones are exactly what :func:`longest_matches` keeps. Any other case (a partial overlap, another
    order, an empty match) returns None and is left to the general rule.
    """
    kept: list[TermMatch] = []
    for m in matches:
        if m.start >= m.end:
            return None
        if kept:
            last = kept[-1]
            if m.start < last.start:
                return None
            if m.end <= last.end:
                continue  # inside the last match kept
            if m.start < last.end:
                return None  # a partial overlap
        kept.append(m)
    return kept


def form_offset(removed: tuple[int, ...], pos: int) -> int:
    """Return the matching-form position of clean-text position ``pos`` (``removed``: see OffsetMap).

    Examples
    --------
    >>> from helpers.matching import OffsetMap
    >>> form_offset(OffsetMap.for_text("قالَ أردوغان").removed, 5)
    4
    """
    return pos - bisect_left(removed, pos) if removed else pos


