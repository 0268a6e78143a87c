"""Framing labels: the words each outlet uses for the same referent.

The lexicon ``helpers/lexicons/framing_terms.csv`` has one row per label:

``term_id``
    Canonical id (lower-case English, ``regime_forces``).
``referent``
    Who or what the label names: ``syrian_government``, ``armed_opposition``, ``turkey``, ``russia``,
    ``territory`` (any lower-case id may be added).
``term``
    The label as it is displayed in tables and charts (it is matched too).
``variants``
    Other spellings and inflections (``|``-separated): ``الإرهابيين|الإرهابيون``; optional.
``leaning``
    What the word says about the referent: ``hostile`` (``جيش الاحتلال التركي``), ``neutral``
    (``الجيش التركي``) or ``sympathetic`` (``الثوار``); for territory, about the side that holds it
    (``الأراضي المحررة``). ``exclude`` rows are contexts that are *not* the label (``النظام الدولي``,
    ``روسيا اليوم``): they swallow their span, so nothing inside them is counted.
``story``
    Optional: gazetteer actor ids (``|``-separated) of the story the row's *referent* belongs to
    (``syria``: ``قوات النظام`` is the Syrian government, ``المرتزقة`` the Syrian armed opposition, only
    in Syria coverage). The rule is the event codebook's (:func:`helpers.compare.codebook.article_stories`):
    the referent holds only in an article that names one of them (or something under it) at least
    :data:`~helpers.compare.codebook.STORY_MIN_MENTIONS` times. Elsewhere the label is still counted,
    with its leaning, but with an empty ``referent``: the lexicon does not know whom it names there (in
    a Yemen article, al-Masirah's ``المرتزقة`` are the government's forces, the government's
    ``الإرهابيين`` the Houthis). :func:`framing_notes` records one warning per such article.
``note``
    English gloss or remark; optional.

Matching follows :mod:`helpers.compare.terms`: matching form, optional proclitics (``و ف ب ل ك ال
لل``), whole words, and the longest label wins, so ``جيش الاحتلال التركي`` is counted once, as itself,
and not also as ``الاحتلال التركي`` or ``الاحتلال``. One spelling under two ids is an error.

A label names whoever is named right after it
---------------------------------------------
``مرتزقة`` labels the Syrian armed opposition in ``مرتزقة تركيا`` (a row of its own) but Russia's
mercenaries in ``مرتزقة شركة فاغنر الروسية``. In a corpus scan (:func:`paragraph_framing`), a label
whose referent is a gazetteer actor and that is followed at once by the mention of another actor
(a name or a demonym, not after a preposition, not a place; one head noun of
:data:`helpers.actors.HEAD_NOUNS` such as ``شركة`` may stand between) is counted for that actor: its ``referent`` is then the actor's
gazetteer id (``wagner``), not the lexicon's. "Another actor" means neither the referent, nor
something it belongs to, nor something that belongs to it (through ``parent``): ``الفصائل السورية`` are
still the armed opposition, ``النظام الليبي`` is not the Syrian government.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from .. import charsets as cs
from ..actors import HEAD_NOUNS
from ..errors import WorkbookError
from ..lexicon import Lexicons, file_stamp, load_lexicon, seen_at, split_list, where
from ..matching import OffsetMap, matching_form_with_map
from ..paths import lexicon as lexicon_path
from ..loading import frame_from_rows
from .codebook import STORY_MIN_MENTIONS, article_stories
from .quotes import inside_quotes
from .terms import TermIndex, longest_matches, term_key

FRAMING_FILE = "framing_terms.csv"
LEANINGS = ("hostile", "neutral", "sympathetic", "exclude")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_NOTHING_REMOVED = OffsetMap((), 0)  # the matching form has the text's offsets
_new_tuple = tuple.__new__  # builds a FramingMatch without the named tuple's Python-level __new__


@dataclass(frozen=True)
class FramingLexicon:
    """The loaded framing lexicon and its automaton (build it with :func:`load_framing`)."""

    terms: pd.DataFrame  # one row per label: the CSV columns plus ``line``
    index: TermIndex
    path: str
    rows: dict  # term_id -> the row as a dict

    def row(self, term_id: str) -> dict:
        """Return the lexicon row of ``term_id`` as a dict."""
        return self.rows[term_id]

    @cached_property
    def story_of(self) -> dict[str, frozenset]:
        """Return ``{term_id: story actor ids}`` of the rows with a ``story``."""
        return {t: frozenset(split_list(rec.get("story", ""))) for t, rec in self.rows.items()
                if rec.get("story", "")}

    @property
    def stories(self) -> frozenset:
        """Return every actor id named in a ``story`` column (as :attr:`Codebook.stories`)."""
        return frozenset(a for ids in self.story_of.values() for a in ids)

    def check_stories(self, actor_ids) -> None:
        """Raise :class:`WorkbookError` naming file and line when a ``story`` id is not a gazetteer actor."""
        for term_id, ids in self.story_of.items():
            for actor_id in sorted(ids - set(actor_ids)):
                raise WorkbookError(f"{where(self.rows[term_id])}: story actor {actor_id!r} is not an actor_id "
                                    "of the gazetteer")

    @cached_property
    def labels(self) -> dict[str, tuple[str, str, str]]:
        """Return ``{term_id: (referent, term, leaning)}`` of the labels; ``exclude`` rows left out."""
        return {t: (rec["referent"], rec["term"], rec["leaning"]) for t, rec in self.rows.items()
                if rec["leaning"] != "exclude"}


class FramingMatch(NamedTuple):
    """One label found in a text: ``text[start:end] == surface`` (clitics not included)."""

    term_id: str
    referent: str
    term: str
    leaning: str
    surface: str
    start: int
    end: int


def _resolve(path) -> Path:
    if path is None:
        return lexicon_path(FRAMING_FILE)
    p = Path(path)
    return p if p.is_absolute() or p.exists() else lexicon_path(str(path))


FRAMING_COLUMNS = dict(required=["term_id", "referent", "term", "leaning"], optional=["variants", "story", "note"],
                       unique=["term_id"], allowed={"leaning": LEANINGS})


def load_framing(path: str | Path | None = None, lexicons=None) -> FramingLexicon:
    """Load, validate and compile the framing lexicon; cached until the file changes.

    With ``path`` None, ``lexicons`` (a corpus folder, a loaded corpus or a
    :class:`~helpers.lexicon.Lexicons`) may extend the shipped file with the corpus's own
    ``lexicons/framing_terms.csv``.

    Raises
    ------
    WorkbookError
        Naming file and line: a bad id, an unknown leaning, a spelling under two ids.
    """
    if path is None:
        return _load_framing_overlay(Lexicons.of(lexicons))
    p = _resolve(path)
    stamp = file_stamp(p)
    return _load_framing(str(p), stamp)


@lru_cache(maxsize=8)
def _load_framing_overlay(lexicons: Lexicons) -> FramingLexicon:
    return _compile_framing(lexicons.load(FRAMING_FILE, **FRAMING_COLUMNS), str(_resolve(None)))


@lru_cache(maxsize=8)
def _load_framing(path: str, _stamp) -> FramingLexicon:
    return _compile_framing(load_lexicon(path, **FRAMING_COLUMNS), path)


def _compile_framing(terms: pd.DataFrame, path: str) -> FramingLexicon:
    seen: dict[str, dict] = {}
    entries = []
    for rec in terms.to_dict("records"):
        for col in ("term_id", "referent"):
            if not _ID_RE.match(rec[col]):
                raise WorkbookError(f"{where(rec)}: {col} {rec[col]!r} must be lower-case letters, digits and _")
        for actor_id in split_list(rec.get("story", "")):
            if not _ID_RE.match(actor_id):
                raise WorkbookError(f"{where(rec)}: story {actor_id!r} must be actor ids (lower-case letters, "
                                    "digits and _) separated by |")
        for spelling in [rec["term"]] + split_list(rec["variants"]):
            key = term_key(spelling)
            if key in seen:
                raise WorkbookError(f"{where(rec)}: {spelling!r} is already listed on {seen_at(rec, seen[key])}")
            seen[key] = rec
            entries.append((rec["term_id"], spelling))
    rows = {rec["term_id"]: rec for rec in terms.to_dict("records")}
    return FramingLexicon(terms, TermIndex(entries, source=path), path, rows)


def find_framing_terms(text: str, lexicon: FramingLexicon | None = None, form: str | None = None,
                       omap=None) -> list[FramingMatch]:
    """Return the framing labels in ``text`` (longest match wins; ``exclude`` rows dropped).

    Parameters
    ----------
    text
        Clean text (a paragraph or sentence); offsets refer to it.
    lexicon
        A loaded lexicon; default: the shipped one.
    form, omap
        The matching form of ``text`` and its :class:`~helpers.matching.OffsetMap`, when at hand.

    Examples
    --------
    >>> [(m.term, m.leaning) for m in find_framing_terms("ضد جنود جيش الاحتلال التركي في إدلب")]
    [('جيش الاحتلال التركي', 'hostile')]
    >>> [m.surface for m in find_framing_terms("بعد مقتل 5 جنود للاحتلال")]
    ['لاحتلال']
    >>> [m.term for m in find_framing_terms("وفقاً لقناة روسيا اليوم وقوات النظام")]
    ['قوات النظام']
    """
    lex = lexicon or load_framing()
    if form is None or omap is None:
        form, omap = matching_form_with_map(text)
    found = lex.index.find_all(form)
    if not found:
        return []
    out = []
    labels = lex.labels
    to_source = omap.span_to_source if omap.removed else None  # None: form offsets are text offsets
    for m in longest_matches(found):
        label = labels.get(m.term_id)
        if label is None:
            continue  # an exclude row: it only keeps its span from being counted
        s, e = to_source(m.start, m.end) if to_source else (m.start, m.end)
        out.append(_new_tuple(FramingMatch, (m.term_id, *label, text[s:e], s, e)))
    return out


def is_framing_label(text: str, lexicon: FramingLexicon | None = None) -> bool:
    """Return True when ``text`` is exactly one framing label (clitics and edge punctuation allowed).

    Examples
    --------
    >>> is_framing_label("الإرهابيون"), is_framing_label("الجيش السوري"), is_framing_label("زمان الوصل")
    (True, True, False)
    """
    text = text.strip(" \u060C,.:")
    found = find_framing_terms(text, lexicon)
    if len(found) != 1:
        return False
    m = found[0]
    return m.end == len(text) and not any(ch.isspace() for ch in text[:m.start])


# ---------------------------------------------------------------- framing on a corpus

FRAMING_MATCH_COLUMNS = ("doc_id", "para_id", "sent_id", "term_id", "referent", "term", "leaning", "surface",
                         "start", "end", "in_quotes")
FRAMING_COUNT_COLUMNS = ("doc_id", "referent", "term", "count", "term_id", "leaning", "in_quotes")


def paragraph_framing(p, lexicon: FramingLexicon | None = None, gaz=None) -> list[FramingMatch]:
    """Return the framing labels of a scanned paragraph, found once and kept on the scan.

    With ``gaz`` (the gazetteer of the scan's mentions), a label followed by the name of another actor
    is counted for that actor (see the module docstring).
    """
    lex = lexicon or load_framing()
    key = ("framing", id(lex), id(gaz))
    found = p.cache.get(key)
    if found is None:
        omap = p.omap if p.removed else _NOTHING_REMOVED  # most paragraphs: no map to build
        found = find_framing_terms(p.text, lex, p.form, omap)
        if found and gaz is not None and p.mentions:
            found = named_referents(found, p, gaz)
        p.cache[key] = found
    return found


_SPACE_OR_QUOTE = frozenset(' \t"\'\u00a0')


def named_referents(found: list[FramingMatch], p, gaz) -> list[FramingMatch]:
    """Return the labels of scanned paragraph ``p`` with the referent an actor named right after each one gives.

    See the module docstring for the rule. ``p`` needs ``text``, ``form`` and ``mentions`` (a
    :class:`~helpers.compare.scan.ParagraphScan`).
    """
    from .mentions import ancestors_map

    amap = ancestors_map(gaz)
    places = gaz.places
    by_start = {}
    for m in p.mentions:
        if m.clitic or m.actor_id in places:  # و/ف joins another actor, ب/ل/ك governs it: neither names the label's
            continue
        by_start.setdefault(m.start, m)
    if not by_start:
        return found
    out = []
    text = p.text
    for f in found:
        referent = f.referent
        if referent in amap:
            m = _next_mention(text, f.end, by_start)
            if m is not None and m.actor_id != referent and m.actor_id not in amap[referent] \
                    and referent not in amap.get(m.actor_id, ()):
                f = f._replace(referent=m.actor_id)
        out.append(f)
    return out


def _next_mention(text: str, end: int, by_start: dict):
    """Return the mention that starts right after ``end`` (spaces and quote marks between), or after one head noun."""
    from ..matching import normalize_for_matching

    i = end
    n = len(text)
    while i < n and text[i] in _SPACE_OR_QUOTE:
        i += 1
    if i in by_start:
        return by_start[i]
    j = i
    while j < n and (text[j].isalnum() or text[j] == "_" or text[j] in _MARKS_IN_WORDS):  # one word
        j += 1
    if j == i or normalize_for_matching(text[i:j]) not in HEAD_NOUNS:
        return None
    while j < n and text[j] in _SPACE_OR_QUOTE:
        j += 1
    return by_start.get(j)


_MARKS_IN_WORDS = frozenset(cs.DIACRITICS + cs.TATWEEL)


def framing_matches(scans, lexicon: FramingLexicon | None = None) -> pd.DataFrame:
    """Return one row per framing label found in the scanned paragraphs.

    ``start``/``end`` are offsets into the paragraph's clean text; ``in_quotes`` is 1 when the label
    stands inside a quotation (the speaker's word, not the outlet's). Rows in text order.
    """
    lex = lexicon or load_framing(lexicons=getattr(scans, "lexicons", None))
    gaz = getattr(scans, "gazetteer", None)
    outside = story_outside(scans, lex, gaz)
    rows = []
    for p in scans:
        found = paragraph_framing(p, lex, gaz)
        if found and outside:
            found = without_story_referents(found, lex, outside.get(p.doc_id, ()))
        for m in found:
            rows.append((p.doc_id, p.para_id, p.sentence_at(m.start) + 1, m.term_id, m.referent, m.term,
                         m.leaning, m.surface, m.start, m.end, _in_quotes(p, m)))
    frame = pd.DataFrame(rows, columns=list(FRAMING_MATCH_COLUMNS))
    return frame.astype({c: "int64" for c in ("para_id", "sent_id", "start", "end", "in_quotes")})


def story_outside(scans, lex: FramingLexicon, gaz) -> dict[str, frozenset]:
    """Return ``{doc_id: term_ids}``: the rows with a ``story`` whose story the article is not about.

    The story an article belongs to is decided as for the event codebook
    (:func:`helpers.compare.codebook.article_stories`). Without a gazetteer nothing can be decided,
    and no story row applies.
    """
    if not lex.story_of:
        return {}
    if gaz is not None:
        lex.check_stories(gaz.ids)
        stories = article_stories(scans, lex, gaz)
    else:
        stories = {}
    doc_ids = dict.fromkeys(p.doc_id for p in scans)
    out = {}
    for doc_id in doc_ids:
        about = stories.get(doc_id, frozenset())
        outside = frozenset(t for t, ids in lex.story_of.items() if ids.isdisjoint(about))
        if outside:
            out[doc_id] = outside
    return out


def without_story_referents(found: list[FramingMatch], lex: FramingLexicon, outside) -> list[FramingMatch]:
    """Return the labels with an empty referent where their row's story does not apply (``outside``).

    A label already counted for an actor named right after it keeps that actor.
    """
    if not outside:
        return found
    out = []
    for m in found:
        if m.term_id in outside and m.referent == lex.row(m.term_id)["referent"]:
            m = m._replace(referent="")
        out.append(m)
    return out


NO_REFERENT = "no referent"  # how a label counted without a referent is shown in tables and charts


def framing_notes(counts: pd.DataFrame, articles: pd.DataFrame, lexicon: FramingLexicon | None = None) -> list:
    """Return one :class:`~helpers.errors.CorpusNote` per article with labels counted without a referent.

    Parameters
    ----------
    counts
        The framing counts (:func:`framing_counts`, ``framing_terms.csv``).
    articles
        The articles table (``doc_id``, ``file``).
    lexicon
        The framing lexicon the counts were made with.

    Returns
    -------
    list of CorpusNote
        Kind ``framing_no_referent``, in article order: the labels, and the story their rows were
        written for.
    """
    from ..errors import CorpusNote

    lex = lexicon or load_framing()
    missing = counts[counts["referent"] == ""]
    if missing.empty:
        return []
    files = dict(zip(articles["doc_id"], articles["file"]))
    notes = []
    for doc_id, rows in missing.groupby("doc_id", sort=True):
        labels = list(dict.fromkeys(f"{term} (row {term_id})" for term, term_id in zip(rows["term"], rows["term_id"])))
        stories = sorted({a for t in rows["term_id"] for a in lex.story_of.get(t, ())})
        story = " or ".join(f"'{s}'" for s in stories)
        what = "framing label" + ("s" if len(labels) > 1 else "")
        notes.append(CorpusNote(
            "framing_no_referent", files.get(doc_id, doc_id),
            f"{what} {', '.join(labels)}: framing_terms.csv gives {'them' if len(labels) > 1 else 'it'} a referent "
            f"of the story of {story}, which this article names fewer than {STORY_MIN_MENTIONS} times",
            "counted as labels with no referent; add rows for this corpus's story in lexicons/framing_terms.csv"))
    return notes


def labels_without_referent(counts: pd.DataFrame, lexicon: FramingLexicon | None = None) -> str:
    """Return a sentence on the labels counted with no referent (rows written for another story), or ``""``.

    Parameters
    ----------
    counts
        The framing counts (``framing_terms.csv``).
    lexicon
        The framing lexicon they were counted with (for each row's ``story``).

    Examples
    --------
    >>> counts = pd.DataFrame({"doc_id": ["000", "003"], "referent": ["", ""], "term": ["المرتزقة", "الإرهابيين"],
    ...                        "term_id": ["mercenaries", "terrorists"], "count": [1, 1]})
    >>> print(labels_without_referent(counts))  # doctest: +NORMALIZE_WHITESPACE
    2 labels in 2 articles have no referent here: `المرتزقة`, `الإرهابيين`. Their rows of `framing_terms.csv` name
    a referent of the story of `syria`, and these articles do not name it at least 2 times, so the lexicon cannot
    say whom they label (read the sentences; add rows for this corpus's story in `lexicons/framing_terms.csv`).
    They are counted with their leaning, under "no referent".
    """
    lex = lexicon or load_framing()
    missing = counts[counts["referent"] == ""]
    if missing.empty:
        return ""
    n = int(missing["count"].sum())
    terms = ", ".join(f"`{t}`" for t in dict.fromkeys(missing["term"]))
    stories = ", ".join(f"`{a}`" for a in sorted({a for t in missing["term_id"] for a in lex.story_of.get(t, ())}))
    n_docs = missing["doc_id"].nunique()
    return (f"{n} label{'s' if n != 1 else ''} in {n_docs} article{'s' if n_docs != 1 else ''} "
            f"{'have' if n != 1 else 'has'} no referent here: {terms}. Their rows of `framing_terms.csv` name a "
            f"referent of the story of {stories}, and these articles do not name it at least {STORY_MIN_MENTIONS} "
            "times, so the lexicon cannot say whom they label (read the sentences; add rows for this corpus's story "
            f"in `lexicons/framing_terms.csv`). They are counted with their leaning, under \"{NO_REFERENT}\".")


def _in_quotes(p, m: FramingMatch) -> int:
    """Return 1 when label ``m`` of scanned paragraph ``p`` stands inside one of its quotations."""
    return int(inside_quotes(p.quotes, m.start, m.end)) if p.quotes else 0


def framing_counts(matches: pd.DataFrame, lexicon: FramingLexicon | None = None) -> pd.DataFrame:
    """Return the label counts per article: ``doc_id, referent, term, count, term_id, leaning, in_quotes``.

    ``in_quotes`` counts the occurrences inside quotations. Only labels found appear; rows in article
    order, then lexicon order (a label counted for an actor named after it comes after the same label
    counted for its own referent).
    """
    lex = lexicon or load_framing()
    if matches.empty:
        return pd.DataFrame(columns=list(FRAMING_COUNT_COLUMNS)).astype({"count": "int64", "in_quotes": "int64"})
    counts: dict[tuple[str, str, str], list[int]] = {}
    for doc_id, term_id, referent, quoted in zip(matches["doc_id"], matches["term_id"], matches["referent"],
                                                 matches["in_quotes"]):
        count = counts.setdefault((doc_id, term_id, referent), [0, 0])
        count[0] += 1
        count[1] += int(quoted)
    return _count_rows(counts, lex)


def _count_rows(counts: dict, lex: FramingLexicon) -> pd.DataFrame:
    """Return the counts table from ``{(doc_id, term_id, referent): [count, in_quotes]}``."""
    order = {t: i for i, t in enumerate(lex.terms["term_id"])}
    rows = []
    for doc_id, term_id, referent in sorted(counts, key=lambda k: (k[0], order[k[1]], k[2] != lex.row(k[1])["referent"], k[2])):
        rec = lex.row(term_id)
        n, quoted = counts[(doc_id, term_id, referent)]
        rows.append((doc_id, referent, rec["term"], n, term_id, rec["leaning"], quoted))
    return frame_from_rows(rows, FRAMING_COUNT_COLUMNS, ("count", "in_quotes"))


def scan_framing_counts(scans, lexicon: FramingLexicon | None = None) -> pd.DataFrame:
    """Return ``framing_counts(framing_matches(scans))``, counted straight from the scanned paragraphs.

    The same table as :func:`framing_counts`, without building the table of every label first (the
    comparison tables only keep the counts).
    """
    lex = lexicon or load_framing(lexicons=getattr(scans, "lexicons", None))
    gaz = getattr(scans, "gazetteer", None)
    outside = story_outside(scans, lex, gaz)
    counts: dict[tuple[str, str, str], list[int]] = {}  # (doc_id, term_id, referent) -> [count, in_quotes]
    for p in scans:
        found = paragraph_framing(p, lex, gaz)
        if not found:
            continue
        if outside:
            found = without_story_referents(found, lex, outside.get(p.doc_id, ()))
        doc_id, quotes = p.doc_id, p.quotes
        for m in found:
            key = (doc_id, m.term_id, m.referent)
            count = counts.get(key)
            if count is None:
                count = counts[key] = [0, 0]
            count[0] += 1
            if quotes and inside_quotes(quotes, m.start, m.end):
                count[1] += 1
    if not counts:
        return framing_counts(pd.DataFrame(columns=list(FRAMING_MATCH_COLUMNS)), lex)
    return _count_rows(counts, lex)


def label_matrix(counts: pd.DataFrame, articles: pd.DataFrame, outlet: str = "outlet_short",
                 lexicon: FramingLexicon | None = None) -> pd.DataFrame:
    """Return labels x articles: rows ``referent · term`` in lexicon order, one column per article."""
    lex = lexicon or load_framing()
    terms = lex.terms[lex.terms["leaning"] != "exclude"]
    index = [f"{r} · {t}" for r, t in zip(terms["referent"], terms["term"])]
    order = {t: i for i, t in enumerate(terms["term"])}
    shown = counts["referent"].replace("", NO_REFERENT)
    named = sorted({f"{r} · {t}" for r, t in zip(shown, counts["term"])} - set(index),
                   key=lambda i: (order.get(i.split(" · ")[1], len(order)), i))
    index += named  # labels counted for an actor named after them, below the lexicon's own rows
    labels = {d: f"{d} · {o}" for d, o in zip(articles["doc_id"], articles[outlet])}
    columns = [labels[d] for d in articles["doc_id"]]
    found = counts[counts["doc_id"].isin(labels)]
    found = pd.DataFrame({"row": [f"{r or NO_REFERENT} · {t}" for r, t in zip(found["referent"], found["term"])],
                          "column": found["doc_id"].map(labels), "count": found["count"]})
    # one pivot, where setting cell by cell took minutes on 10,000 articles (the last count wins on a repeat)
    wide = found.pivot_table(index="row", columns="column", values="count", aggfunc="last", fill_value=0)
    wide = wide.reindex(index=index, columns=columns, fill_value=0).astype("int64").rename_axis(index=None, columns=None)
    return wide[wide.sum(axis=1) > 0]


def labels_in_context(matches: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame,
                      referent: str | None = None, outlet: str = "outlet_short") -> pd.DataFrame:
    """Return the label rows (of one ``referent``, or all) with their outlet and sentence, in text order.

    Columns ``doc_id, outlet, para_id, sent_id, term, leaning, in_quotes, sentence``: the words behind
    each cell of the labels heatmap.
    """
    rows = matches if referent is None else matches[matches["referent"] == referent]
    merged = rows.merge(sentences[["doc_id", "para_id", "sent_id", "sentence"]], on=["doc_id", "para_id", "sent_id"],
                        how="left")
    merged.insert(1, "outlet", merged["doc_id"].map(dict(zip(articles["doc_id"], articles[outlet]))))
    return merged[["doc_id", "outlet", "para_id", "sent_id", "term", "leaning", "in_quotes", "sentence"]]
