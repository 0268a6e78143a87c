"""The clause around a date expression: which tense and aspect cue governs it.

A weekday or a date without a year only means something against the article's date *and* the tense of
its clause: ``ومن المقرر أن يلتقي الرئيسان يوم الاثنين`` is the next Monday, ``التقى الرئيسان يوم
الاثنين`` the last one. ``منذ يومين`` after a one-off past verb (``أعلنت الوزارة منذ يومين``) is a day,
after a state (``تشهد المنطقة هدوءاً منذ يومين``) a span.

:func:`clause_cue` reads the words of the clause (``tense_cues.csv``) nearest the expression: first
backwards, up to :data:`WORDS_BEFORE` words, then forwards, up to :data:`WORDS_AFTER` words, never
across a sentence boundary (:data:`CLAUSE_BREAKS`). The nearest cue wins: in ``قال إن الرئيس سيزور
أنقرة الاثنين`` it is ``سيزور``, not ``قال``. Each look reads a bounded window of text, so the cost per
expression does not grow with the length of the text.

A word is a future verb (``future_prefix``) when, after an optional ``و`` or ``ف``, it starts with
``سي``, ``ست``, ``سن`` or ``سأ``, has at least four letters, ends in neither ``ة`` nor ``ات`` and is not
listed under ``not_future`` (``سيارة``, ``سيرغي``). That is a heuristic: a name that looks like a future
verb sends its clause forward until it is listed; the note always names the cue word.
"""
from __future__ import annotations

from typing import NamedTuple

from ..matching import normalize_for_matching
from .lexicons import date_lexicon, light_form

WORDS_BEFORE = 12
WORDS_AFTER = 4
WINDOW_CHARS = 240   # characters read on each side: enough for the words above in running text
CLAUSE_BREAKS = frozenset(".!?\u061F;\u061B:\n")  # . ! ? ؟ ; ؛ : and a line break
EDGE_PUNCTUATION = "\"'«»\u201C\u201D\u2018\u2019()[]{}\u060C,\u2026-\u2013\u2014"
CLITICS = ("\u0648", "\u0641")  # و ف
NOT_VERB_ENDINGS = ("\u0629", "\u06C3", "\u0627\u062A")  # ة, Urdu ۃ, ات: nouns, never an imperfect verb
MAX_CUE_WORDS = 3
TENSE_OF_ROLE = {"future": "future", "future_prefix": "future", "punctual": "past", "past": "past", "ongoing": None}


class Cue(NamedTuple):
    """The cue nearest a date expression in its clause."""

    role: str      # future, future_prefix, punctual, past or ongoing
    word: str      # the words as written in the text
    side: str      # before or after the expression

    @property
    def tense(self) -> str | None:
        """``future``, ``past`` or None (an ongoing state says nothing about the date's direction)."""
        return TENSE_OF_ROLE[self.role]


def _clean_word(word: str) -> str:
    return word.strip(EDGE_PUNCTUATION)


def words_before(text: str, start: int) -> list[str]:
    """Return the words of the clause before ``start`` (nearest last), at most :data:`WORDS_BEFORE`.

    Examples
    --------
    >>> text = "قال المتحدث. ومن المقرر أن يلتقي الرئيسان يوم الاثنين"
    >>> words_before(text, text.index("يوم"))
    ['ومن', 'المقرر', 'أن', 'يلتقي', 'الرئيسان']
    """
    window = text[max(0, start - WINDOW_CHARS):start]
    for i in range(len(window) - 1, -1, -1):
        if window[i] in CLAUSE_BREAKS:
            window = window[i + 1:]
            break
    words = [w for w in (_clean_word(w) for w in window.split()) if w]
    return words[-WORDS_BEFORE:]


def words_after(text: str, end: int) -> list[str]:
    """Return the words of the clause after ``end`` (nearest first), at most :data:`WORDS_AFTER`."""
    window = text[end:end + WINDOW_CHARS]
    for i, ch in enumerate(window):
        if ch in CLAUSE_BREAKS:
            window = window[:i]
            break
    words = [w for w in (_clean_word(w) for w in window.split()) if w]
    return words[:WORDS_AFTER]


def _phrase_role(forms: tuple[str, ...]) -> str | None:
    """The cue role of a phrase given in matching form (the first word may carry و or ف), or None."""
    cues = date_lexicon().cues
    if forms in cues:
        return cues[forms][0]
    first = forms[0]
    if len(first) > 2 and first[0] in CLITICS:
        key = (first[1:], *forms[1:])
        if key in cues:
            return cues[key][0]
    return None


def is_future_verb(word: str) -> bool:
    """Return True when ``word`` reads as ``س`` + an imperfect verb (see the module docstring).

    The prefix is compared in matching form (so a Persian ``ی`` in ``سیلتقي`` still counts), and where
    the hamza makes the difference (``سأزور`` against ``ساعات``) on the letters as written.

    Examples
    --------
    >>> [is_future_verb(w) for w in ("وسيلتقي", "سأزور", "سيارة", "سيرغي", "ساعات", "سنوات", "سيتم", "سیلتقي")]
    [True, True, False, False, False, False, True, True]
    """
    lx = date_lexicon()
    light = light_form(_clean_word(word))
    candidates = [light] + ([light[1:]] if len(light) > 2 and light[0] in CLITICS else [])
    for cand in candidates:
        form = normalize_for_matching(cand)
        if len(form) < 4 or not form.isalpha() or cand.endswith(NOT_VERB_ENDINGS):
            continue
        if lx.cues.get((form,), ("",))[0] == "not_future":
            continue
        if any(form.startswith(pm) and (pl == pm or cand.startswith(pl)) for pm, pl in lx.future_prefixes):
            return True
    return False


def _cue_at(words: list[str], forms: list[str], i: int, backwards: bool) -> tuple[str, str] | None:
    """The cue (role, words) ending (backwards) or starting (forwards) at word ``i``, longest first."""
    for n in range(min(MAX_CUE_WORDS, (i + 1) if backwards else (len(words) - i)), 0, -1):
        lo = i - n + 1 if backwards else i
        role = _phrase_role(tuple(forms[lo:lo + n]))
        if role is not None and role != "not_future":
            return role, " ".join(words[lo:lo + n])
    if is_future_verb(words[i]):
        return "future_prefix", words[i]
    return None


def clause_cue(text: str, start: int, end: int) -> Cue | None:
    """Return the tense or aspect cue nearest the expression ``text[start:end]`` in its clause, or None.

    Examples
    --------
    >>> text = "ومن المقرر أن يلتقي الرئيسان يوم الاثنين"
    >>> clause_cue(text, text.index("يوم"), len(text))
    Cue(role='future', word='ومن المقرر', side='before')
    >>> clause_cue("منذ يومين أعلنت الحكومة حظر التجول", 0, 9)
    Cue(role='punctual', word='أعلنت', side='after')
    >>> text = "وزير الخارجية سيرغي لافروف الاثنين"
    >>> clause_cue(text, text.index("الاثنين"), len(text)) is None
    True
    """
    before = words_before(text, start)
    forms = [normalize_for_matching(w) for w in before]
    for i in range(len(before) - 1, -1, -1):
        found = _cue_at(before, forms, i, backwards=True)
        if found:
            return Cue(found[0], found[1], "before")
    after = words_after(text, end)
    forms = [normalize_for_matching(w) for w in after]
    for i in range(len(after)):
        found = _cue_at(after, forms, i, backwards=False)
        if found:
            return Cue(found[0], found[1], "after")
    return None


def follows_event_word(form: str, end: int) -> str | None:
    """Return the ``from_event`` word (``من``, ``على``) right after ``form[:end]``, or None.

    ``قبل يومين من الانتخابات`` counts two days from the elections, not from the article's date.

    Examples
    --------
    >>> follows_event_word("قبل يومين من الانتخابات", 9), follows_event_word("قبل يومين قال", 9)
    ('من', None)
    """
    rest = form[end:end + 12].split(maxsplit=1)
    if rest and form[end:end + 1].isspace() and rest[0] in date_lexicon().words["from_event"]:
        return rest[0]
    return None
