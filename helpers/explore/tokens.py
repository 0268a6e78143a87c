"""Words and two-word phrases of a corpus, on the matching form, for keyness, collocates and alignment.

A token is a run of letters in the matching form (:func:`helpers.matching.normalize_for_matching`):
digits, punctuation and one-letter words are not tokens. Proclitics are split off a word only where a
list justifies it, never by stripping letters blindly:

* the **gazetteer**: where an actor mention carries a conjunction or preposition (``ولافروف``,
  ``وبروسيا``, ``للأسد``), the token is the name as the gazetteer matched it (``لافروف``, ``روسيا``,
  ``الاسد``); a name that happens to start with those letters (``لافروف``) stays whole;
* the **stop-list** (``helpers/lexicons/stopwords.csv``): a stop word, alone or after proclitics
  (``وفي``, ``بأن``, ``ومنها``), is a stop word. Stop words are counted in the corpus size but are not
  terms.

Everything else keeps its letters: ``والمسلحين`` and ``المسلحين`` are two terms. A **phrase** is two
content tokens next to each other in the same clause: punctuation (``، . : " ( )``...), a stop word, a
number or a one-letter word between two tokens breaks it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..actors import ARTICLE, LAM, proclitics
from ..lexicon import load_lexicon
from ..matching import normalize_for_matching
from ..paths import lexicon as lexicon_path

STOPLIST_FILE = "stopwords.csv"
STOP_KINDS = ("preposition", "conjunction", "particle", "pronoun", "demonstrative", "relative", "auxiliary",
              "adverb", "quantifier")
WORD_RE = re.compile(r"[^\W\d_]+")  # a run of letters
TOKEN_RE = re.compile(r"\w+")  # letters and digits: a run with a digit is no term, and breaks a phrase
_RUN_RE = re.compile(r"\w+|[^\w\s]+|\n")  # a word, or a clause break


@dataclass(frozen=True)
class Stoplist:
    """The loaded stop-list: its rows, and every matching form that is a stop word (with proclitics too)."""

    words: pd.DataFrame  # the CSV's rows plus ``line``
    forms: frozenset  # stop words in matching form
    with_clitics: frozenset  # forms plus every proclitic sequence + form (``وفي``, ``بان``)
    path: str
    terms: dict = field(default_factory=dict, compare=False, repr=False)  # word -> term, filled as words come

    def is_stop(self, token: str) -> bool:
        """Return True if ``token`` (matching form) is a stop word, alone or after proclitics.

        Examples
        --------
        >>> stop = load_stoplist()
        >>> stop.is_stop("وفي"), stop.is_stop("بان"), stop.is_stop("لافروف"), stop.is_stop("المسلحين")
        (True, True, False, False)
        """
        return token in self.with_clitics

    def term(self, word: str) -> str:
        """Return what a running word (matching form) counts as: itself, or ``""`` (stop word, number, one letter).

        Examples
        --------
        >>> stop = load_stoplist()
        >>> stop.term("ومنها"), stop.term("الهدنه"), stop.term("13"), stop.term("ب13")
        ('', 'الهدنه', '', '')
        """
        found = self.terms.get(word)
        if found is None:
            found = "" if word in self.with_clitics or len(word) < 2 or not word.isalpha() else word
            self.terms[word] = found
        return found


def load_stoplist(path: str | Path | None = None, lexicons=None) -> Stoplist:
    """Load and validate the stop-list (``helpers/lexicons/stopwords.csv`` by default).

    Columns: ``word`` (as written; compared in matching form), ``kind`` (one of :data:`STOP_KINDS`),
    ``note`` (optional). One matching form listed twice is an error naming both lines.

    Parameters
    ----------
    path
        Another stop-list file (a path); None for the shipped one.
    lexicons
        A :class:`helpers.lexicon.Lexicons` (or a corpus folder or corpus) whose ``lexicons/stopwords.csv``
        extends the shipped list: a corpus may add the function words of its own dialect or topic.

    Raises
    ------
    WorkbookError
        For a missing file, an unknown column or kind, an empty cell or a repeated form.
    """
    from ..lexicon import Lexicons, file_stamp

    if path is not None:
        return _load_stoplist(str(path), file_stamp(path), Lexicons())
    lex = Lexicons.of(lexicons)
    return _load_stoplist(STOPLIST_FILE, file_stamp(lexicon_path(STOPLIST_FILE)), lex)


@lru_cache(maxsize=8)
def _load_stoplist(path: str, _stamp, lexicons) -> Stoplist:
    words = load_lexicon(path, required=["word", "kind"], optional=["note"], unique_matching=["word"],
                         allowed={"kind": STOP_KINDS}, lexicons=lexicons)
    forms = frozenset(normalize_for_matching(w) for w in words["word"])
    clitics = [c for c in proclitics()]
    with_clitics = set(forms)
    for form in forms:
        for clitic in clitics:
            if clitic.endswith(LAM + LAM):  # لل is ل + ال: only before a form that starts with ال
                if form.startswith(ARTICLE):
                    with_clitics.add(clitic[:-1] + form[1:])
            else:
                with_clitics.add(clitic + form)
    where = path if lexicons.folder is None else f"{path} + {lexicons.folder}"
    return Stoplist(words, forms, frozenset(with_clitics), where)


def clitic_splits(form: str, mentions) -> dict[str, str]:
    """Return ``{token: name}`` for the mentions of one paragraph that carry a proclitic.

    ``mentions`` are the paragraph's actor mentions (:func:`helpers.actors.scan_mentions`, with their
    matching-form offsets). The token is the whole word as written with its proclitics; the name is
    its first word as the gazetteer matched it, with the article restored after ``لل``. A name
    written without a proclitic maps to itself, which keeps it from being read as a stop word.

    Examples
    --------
    >>> from helpers.actors import scan_mentions
    >>> text = "وقال لافروف ولافروف دعم للأسد وبروسيا"
    >>> form = normalize_for_matching(text)
    >>> sorted(clitic_splits(form, scan_mentions(text, form=form)).items())
    [('لافروف', 'لافروف'), ('للاسد', 'الاسد'), ('وبروسيا', 'روسيا'), ('ولافروف', 'لافروف')]
    """
    splits: dict[str, str] = {}
    for m in mentions:
        start = m.mstart - len(m.clitic)
        word = WORD_RE.match(form, start)
        if word is None:
            continue
        token = word.group()
        rest = token[len(m.clitic):]
        if m.clitic and rest.startswith(LAM) and not rest.startswith(ARTICLE) and m.key.startswith(ARTICLE):
            rest = "ا" + rest  # للأسد: the article's alef is not written after ل
        splits[token] = rest
    return splits


def clause_tokens(form: str, stop: Stoplist, splits: dict[str, str] | None = None,
                  words: list[str] | None = None) -> list[list[str]]:
    """Return the tokens of a matching form, clause by clause, stop words as ``""``.

    Each inner list holds one clause's tokens in order; a stop word, a number or a one-letter word is
    kept as an empty string (it breaks phrases and counts as a running word). Proclitics are split as
    the module docstring says. ``words``, when given, receives every running word as written in the
    matching form (for the repost shingles), in one pass.

    Examples
    --------
    >>> stop = load_stoplist()
    >>> clause_tokens(normalize_for_matching("وأكد لافروف أن الفصل بين المسلحين، والإرهابيين 5 جنود"), stop)
    [['واكد', 'لافروف', '', 'الفصل', '', 'المسلحين'], ['والارهابيين', '', 'جنود']]
    """
    terms = stop.terms
    out: list[list[str]] = []
    clause: list[str] = []
    for run in _RUN_RE.findall(form):
        found = terms.get(run)
        if found is None:
            if run[0].isalnum() or run[0] == "_":
                found = stop.term(run)
            else:  # punctuation or a line end: the clause ends
                if clause:
                    out.append(clause)
                    clause = []
                continue
        if words is not None:
            words.append(run)
        clause.append(splits.get(run, found) if splits else found)
    if clause:
        out.append(clause)
    return out


def phrases(clause: list[str]) -> list[str]:
    """Return the two-word phrases of one clause's tokens (both content words, next to each other).

    Examples
    --------
    >>> phrases(["جيش", "الاحتلال", "التركي", "", "قوات", "النظام"])
    ['جيش الاحتلال', 'الاحتلال التركي', 'قوات النظام']
    """
    return [a + " " + b for a, b in zip(clause, clause[1:]) if a and b]


def text_tokens(text: str, stop: Stoplist | None = None, gazetteer=None) -> list[str]:
    """Return the content tokens of any text, in order (for a text outside the corpus, such as a query).

    Examples
    --------
    >>> text_tokens("وقال لافروف إن الفصل بين المسلحين والإرهابيين")
    ['وقال', 'لافروف', 'الفصل', 'المسلحين', 'الارهابيين']

    ``والإرهابيين`` loses its ``و`` because the gazetteer lists ``الإرهابيين``; ``المسلحين`` is not
    listed, so ``والمسلحين`` would stay whole.
    """
    from ..actors import load_gazetteer, scan_mentions

    stop = stop or load_stoplist()
    gaz = gazetteer if gazetteer is not None else load_gazetteer()
    form = normalize_for_matching(text)
    splits = clitic_splits(form, scan_mentions(text, gaz, form))
    return [t for clause in clause_tokens(form, stop, splits) for t in clause if t]


def token_spans(form: str, stop: Stoplist, splits: dict[str, str] | None = None) -> list[tuple[str, int, int]]:
    """Return every running word of a matching form with its offsets: ``(term or "", start, end)``.

    The same tokens as :func:`clause_tokens` (a stop word, a number or a one-letter word as ``""``),
    with their positions, for windows around a word (collocates).

    Examples
    --------
    >>> token_spans("قال لافروف في ادلب", load_stoplist())
    [('قال', 0, 3), ('لافروف', 4, 10), ('', 11, 13), ('ادلب', 14, 18)]
    """
    splits = splits or {}
    return [(splits.get(m.group()) or stop.term(m.group()), m.start(), m.end()) for m in TOKEN_RE.finditer(form)]
