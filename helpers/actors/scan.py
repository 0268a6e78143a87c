"""Scanning text for actor mentions: one compiled pattern, known proclitics, longest match, offsets kept.

See :mod:`helpers.actors` for the rules. A corpus is scanned once (:func:`scan_corpus`); the mentions
tables, the voices and the outlet comparison share that scan.
"""
from __future__ import annotations

import gc
from bisect import bisect_right
from contextlib import contextmanager
from operator import itemgetter
from typing import NamedTuple

import pandas as pd

from .. import charsets as cs
from ..errors import check_choice
from ..loading import typed_frame
from ..matching import OffsetMap, normalize_for_matching
from ..roles import COUNTED_ROLES
from .gazetteer import ARTICLE, LAM, MENTION_COLUMNS, VIEWS, as_gazetteer, corpus_gazetteer, matching_key

_LAM_LAM = LAM + LAM


_MARKS = frozenset(cs.DIACRITICS + cs.TATWEEL)


def source_span(text: str, omap: OffsetMap, start: int, end: int) -> tuple[int, int]:
    """Map a matching-form span to ``text``, keeping the marks on its last letter (``إدلبُ``).

    Examples
    --------
    >>> from helpers.matching import matching_form_with_map
    >>> form, omap = matching_form_with_map("في إدلبُ اليوم")
    >>> s, e = source_span("في إدلبُ اليوم", omap, 3, 7)
    >>> "في إدلبُ اليوم"[s:e]
    'إدلبُ'
    """
    s, e = omap.span_to_source(start, end)
    while e < len(text) and text[e] in _MARKS:
        e += 1
    return s, e


_new_tuple = tuple.__new__  # builds a NamedTuple without the call through its Python-level __new__


class Mention(NamedTuple):
    """One actor mention in a text: offsets into the clean text and into its matching form."""

    actor_id: str
    surface: str
    start: int
    end: int
    kind: str  # "name" or "broad"
    clitic: str  # conjunction and preposition proclitics before the span, matching form ("" if none)
    key: str  # the gazetteer spelling matched, in matching form
    mstart: int
    mend: int


def scan_mentions(text: str, gazetteer=None, form: str | None = None) -> list[Mention]:
    """Return every mention in ``text``, names and demonyms, before any view is applied.

    ``actor_id`` is the gazetteer's own (not folded); ``kind`` says ``name`` or ``broad``. Pass
    ``form`` when the matching form of ``text`` is already at hand.

    This runs for every paragraph and every match, so the loop is kept lean: offsets are mapped back
    inline (one binary search, as :meth:`OffsetMap.to_source`) and the tuples are built directly.
    """
    gaz = as_gazetteer(gazetteer)
    form = normalize_for_matching(text) if form is None else form
    entries = gaz.entries
    found: list[Mention] = []
    append = found.append
    if len(form) == len(text):  # nothing removed: offsets are the same in both
        kept_before = None
    else:
        omap = OffsetMap.for_text(text)
        kept_before, length = omap.kept_before, omap.length
        n_kept = length - len(omap.removed)
    for m in gaz.pattern.finditer(form):
        start, end = m.span(1)  # group 1: a form after optional clitics; group 2: an article stem after لل
        if start < 0:
            start, end = m.span(2)
            raw = ARTICLE + form[start:end]
        else:
            raw = form[start:end]
        entry = entries.get(raw)
        if entry is None:  # a multi-word form written with a run of spaces or a line break
            raw = " ".join(raw.split())
            entry = entries[raw]
        actor_id, kind = entry
        if kind == "exclude":
            continue
        mstart = m.start()
        if mstart == start:
            clitic = ""
        else:  # keep the article in the span, written ال or, after ل, ل
            clitic = form[mstart:start]
            if clitic.endswith(_LAM_LAM):
                clitic, start = clitic[:-1], start - 1
            elif clitic.endswith(ARTICLE):
                clitic, start = clitic[:-2], start - 2
        if kept_before is None:
            s, e = start, end
        else:  # as source_span: the end maps to the next kept letter, so marks on the last letter are in
            s = start + bisect_right(kept_before, start)
            e = length if end >= n_kept else end + bisect_right(kept_before, end)
        append(_new_tuple(Mention, (actor_id, text[s:e], s, e, kind, clitic, raw, start, end)))
    return found


def apply_view(mentions: list[Mention], view: str = "strict", gazetteer=None) -> list[Mention]:
    """Return the mentions a view counts: ``strict`` keeps names; ``broad`` keeps all, folded.

    Examples
    --------
    >>> ms = scan_mentions("أعلنت موسكو والروس")
    >>> [m.actor_id for m in apply_view(ms, "strict")], [m.actor_id for m in apply_view(ms, "broad")]
    (['moscow'], ['russia', 'russia'])
    """
    check_choice("view", view, VIEWS)
    if view == "strict":
        return [m for m in mentions if m.kind == "name"]
    gaz = as_gazetteer(gazetteer)
    fold = gaz.fold_map
    return [m._replace(actor_id=fold.get(m.actor_id, m.actor_id)) for m in mentions]


def find_actor_mentions(text: str, view: str = "strict", gazetteer=None) -> list[Mention]:
    """Return the actor mentions in ``text`` under ``view`` (see the module docstring for the rules).

    Parameters
    ----------
    text
        Clean text (one paragraph); offsets refer to it.
    view
        ``"strict"`` (names only) or ``"broad"`` (names, demonyms, capitals folded into states).
    gazetteer
        A :class:`Gazetteer`, a path to an actors CSV, or None for the shipped one.

    Examples
    --------
    >>> [(m.actor_id, m.surface) for m in find_actor_mentions("وقالت زاخاروفا، وفق وكالة سبوتنيك")]
    [('zakharova', 'زاخاروفا'), ('sputnik', 'وكالة سبوتنيك')]
    >>> [m.actor_id for m in find_actor_mentions("هاون أكار التركي الصنع")]
    []
    >>> [(m.actor_id, m.surface) for m in find_actor_mentions("دعم للأسد")]
    [('assad', 'لأسد')]
    """
    gaz = as_gazetteer(gazetteer)
    return apply_view(scan_mentions(text, gaz), view, gaz)


# ---------------------------------------------------------------- corpus tables


def counted_paragraphs(corpus) -> pd.DataFrame:
    """Return the paragraphs whose words are counted (every role except boilerplate and related)."""
    par = corpus.paragraphs
    return par[par["role"].isin(COUNTED_ROLES)]


@contextmanager
def bulk_allocation():
    """Pause the cyclic garbage collector while building many small tuples (no cycles are made).

    Scanning 10,000 articles creates about a million mention tuples; the collector would otherwise
    re-walk them again and again, for a third of the running time.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def scan_corpus(corpus, gazetteer=None) -> list[tuple[str, int, str, str, list[Mention]]]:
    """Scan every counted paragraph once: ``(doc_id, para_id, text, matching form, mentions)``.

    ``gazetteer`` defaults to the corpus's own (the shipped one, extended by the corpus folder's
    ``lexicons/``). The scan is remembered on the corpus (per gazetteer), so the actor tables, the
    voices and the outlet comparison share one scan.
    """
    gaz = corpus_gazetteer(corpus, gazetteer)
    return corpus.memo(("actor_scan", gaz.path, id(gaz)), lambda: _scan_corpus(corpus, gaz))


class ActorScan(list):
    """The scan of a corpus: ``(doc_id, para_id, text, form, mentions)`` per counted paragraph.

    ``links`` holds work later stages derive from the same paragraphs (the attributions and voices of
    :func:`helpers.actors.voices.paragraph_links`), so the actor and comparison tables do it once;
    ``gazetteer`` is the gazetteer the mentions come from, and ``lexicons`` the lexicons it was loaded
    from (the other lexicons of the same corpus are taken from there). ``set_aside`` holds, per article,
    the story-bound mentions left out because the article is not about their story
    (:func:`story_gate`): ``{doc_id: {(actor_id, form): count}}``.
    """

    def __init__(self, rows, gazetteer=None, set_aside=None):
        super().__init__(rows)
        self.links: dict = {}
        self.gazetteer = gazetteer
        self.lexicons = getattr(gazetteer, "lexicons", None)
        self.set_aside: dict = set_aside or {}


def _scan_corpus(corpus, gaz) -> ActorScan:
    par = counted_paragraphs(corpus)
    forms = corpus.matching_forms()[par.index].tolist()
    out = []
    with bulk_allocation():
        for doc_id, para_id, text, form in zip(par["doc_id"].tolist(), par["para_id"].tolist(),
                                               par["text"].tolist(), forms):
            out.append((doc_id, int(para_id), text, form, scan_mentions(text, gaz, form)))
        out, set_aside = story_gate(out, gaz)
    return ActorScan(out, gaz, set_aside)


class _Paragraph(NamedTuple):
    doc_id: str
    mentions: list


def story_gate(rows: list, gazetteer) -> tuple[list, dict]:
    """Drop the story-bound mentions of articles that are not about their story.

    A form listed in a gazetteer row's ``story_forms`` (bare ``النظام``, ``القوات الحكومية``) names the row's
    actor only in an article about that row's ``story`` (``syria``). Whether an article is about a story is
    the event codebook's rule (:func:`helpers.compare.codebook.article_stories`: it names the story actor or
    something under it at least ``STORY_MIN_MENTIONS`` times), decided from the article's *other*
    mentions: the story-bound forms never vote for their own story.

    Parameters
    ----------
    rows
        ``(doc_id, para_id, text, form, mentions)`` per paragraph, every paragraph of an article present.
    gazetteer
        The :class:`~helpers.actors.Gazetteer` the mentions come from.

    Returns
    -------
    (rows, set_aside)
        The rows with those mentions removed (the others untouched, the same objects), and
        ``{doc_id: {(actor_id, form as written in the gazetteer): count}}`` of the mentions removed, in
        article order.

    Examples
    --------
    >>> from helpers.actors import load_gazetteer
    >>> gaz = load_gazetteer()
    >>> text = "يريد إعادة النظام السابق"
    >>> rows, aside = story_gate([("s", 1, text, text, scan_mentions(text, gaz))], gaz)
    >>> rows[0][4], aside
    ([], {'s': {('syrian_government', 'النظام'): 1}})
    >>> text = "قصف من قبل النظام في إدلب شمال غرب سوريا"
    >>> rows, aside = story_gate([("y", 1, text, text, scan_mentions(text, gaz))], gaz)
    >>> [m.actor_id for m in rows[0][4]], aside
    (['syrian_government', 'idlib', 'syria'], {})
    """
    gated = gazetteer.story_forms
    if not gated:
        return rows, {}
    keys, disjoint = itemgetter(6), frozenset(gated).isdisjoint  # Mention.key, looked at in C
    has = [not disjoint(map(keys, r[4])) for r in rows]
    docs = {r[0] for r, h in zip(rows, has) if h}
    if not docs:
        return rows, {}
    from ..compare.codebook import article_stories  # the comparison imports the actors: only when needed

    others = [_Paragraph(r[0], [m for m in r[4] if m[6] not in gated] if h else r[4])
              for r, h in zip(rows, has) if r[0] in docs]
    stories = article_stories(others, gazetteer, gazetteer)
    out, set_aside = [], {}
    none = frozenset()
    for row, h in zip(rows, has):
        if not h:
            out.append(row)
            continue
        doc_id, mentions = row[0], row[4]
        about = stories.get(doc_id, none)
        kept = []
        for m in mentions:
            bound = gated.get(m[6])
            if bound is None or not bound[1].isdisjoint(about):
                kept.append(m)
            else:
                aside = set_aside.setdefault(doc_id, {})
                aside[(m[0], bound[0])] = aside.get((m[0], bound[0]), 0) + 1
        out.append(row if len(kept) == len(mentions) else (*row[:4], kept))
    return out, set_aside


def mentions_frame(scanned, view: str = "strict", gazetteer=None) -> pd.DataFrame:
    """Return the mentions table of a scanned corpus under ``view`` (columns :data:`MENTION_COLUMNS`)."""
    check_choice("view", view, VIEWS)
    gazetteer = gazetteer if gazetteer is not None else getattr(scanned, "gazetteer", None)
    with bulk_allocation():  # one comprehension: a row per mention, the Mention fields by position
        if view == "strict":
            rows = [(doc_id, para_id, m[0], m[1], m[2], m[3])
                    for doc_id, para_id, _, _, ms in scanned for m in ms if m[4] == "name"]
        else:
            fold = as_gazetteer(gazetteer).fold_map
            rows = [(doc_id, para_id, fold.get(m[0], m[0]), m[1], m[2], m[3])
                    for doc_id, para_id, _, _, ms in scanned for m in ms]
    if rows:
        return typed_frame(dict(zip(MENTION_COLUMNS, zip(*rows))), int_columns=("para_id", "start", "end"))
    frame = pd.DataFrame({c: [] for c in MENTION_COLUMNS}, columns=list(MENTION_COLUMNS))
    return frame.astype({"para_id": "int64", "start": "int64", "end": "int64"})


def actor_mentions(corpus, view: str = "strict", gazetteer=None) -> pd.DataFrame:
    """Return one row per counted mention: ``doc_id, para_id, actor_id, surface, start, end``.

    Offsets are into the paragraph's clean ``text`` (``text[start:end] == surface``); rows are in
    article, paragraph and position order.
    """
    check_choice("view", view, VIEWS)
    return mentions_frame(scan_corpus(corpus, gazetteer), view, gazetteer)




def story_form_notes(scanned, articles: pd.DataFrame) -> list:
    """Return one :class:`~helpers.errors.CorpusNote` per article whose story-bound forms were set aside.

    Parameters
    ----------
    scanned
        The corpus's :class:`ActorScan` (:func:`scan_corpus`), whose ``set_aside`` says what was left out.
    articles
        The articles table (``doc_id``, ``file``).

    Returns
    -------
    list of CorpusNote
        Kind ``actor_story_form``, in article order: each form with its count and actor, and the story
        the gazetteer binds it to.
    """
    from ..compare.codebook import STORY_MIN_MENTIONS
    from ..errors import CorpusNote

    set_aside = getattr(scanned, "set_aside", {})
    if not set_aside:
        return []
    gaz = scanned.gazetteer
    files = dict(zip(articles["doc_id"], articles["file"]))
    notes = []
    for doc_id in articles["doc_id"]:
        aside = set_aside.get(doc_id)
        if not aside:
            continue
        forms = ", ".join(f"{form} ×{n} ({actor_id})" for (actor_id, form), n in aside.items())
        ids = sorted({a for (_, form) in aside for a in gaz.story_forms[matching_key(form)][1]})
        story = " or ".join(f"'{a}'" for a in ids)
        one = len(aside) == 1
        notes.append(CorpusNote(
            "actor_story_form", files.get(doc_id, doc_id),
            f"gazetteer {'form' if one else 'forms'} {forms} {'names its' if one else 'name their'} actor only in "
            f"articles about the story of {story}, which this article names fewer than {STORY_MIN_MENTIONS} times "
            f"(not counting {'that form' if one else 'those forms'})",
            "not counted as mentions; if they mean an actor of this corpus, add it with those forms in "
            "lexicons/actors.csv"))
    return notes
