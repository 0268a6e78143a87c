"""Distance from the speaker: who is quoted with which attribution verb, and on which side they stand.

This builds on :mod:`helpers.actors.voices` (the attribution lexicon ``attribution_verbs.csv`` and its rule
linking a verb to its speaker) and adds what the comparison needs:

* **Markers** (``kind = marker``: ``بحسب زعمها``, ``على حد تعبيرهم``, ``بذريعة``, ``بحجة``) make no
  voice in :mod:`helpers.actors.voices`; here they are attributed to the speaker whose words they qualify:
    - a marker of the clause's agent (:data:`CLAUSE_MARKERS`: ``بذريعة``, ``بحجة``, ``ما يسمى``) goes
      to the first actor (names or demonyms, not a place, not after a preposition, not inside a
      quotation) of its clause, from the last ``أن/إن/حيث...`` before it or the sentence start:
      ``ومنعت روسيا ... بذريعة`` -> ``russia``; ``وأن الروس مستمرون بالتصعيد بحجة`` -> ``russia``;
    - any other marker echoes the last speaker before it in the sentence: ``كما زعمت زاخاروفا ...،
      بحسب زعمها`` -> ``zakharova``.
* **Carried-over speakers**: a speech verb whose subject is a pronoun (the next word is ``أن/إن``, a
  preposition, a quotation mark or punctuation: ``وزعمت إلى أنه``, ``وأضاف "...``) takes the last
  speaker linked in the same paragraph or the paragraph before (``link = carried_over``), as a reader
  resolves the pronoun. A verb followed by a noun the gazetteer does not know (``وقالت الصحيفة``)
  stays unlinked. A news source named by a connective (``وفق وكالة سبوتنيك``) is never carried over;
  a source that speaks (``نفت مصادر "زمان الوصل" ...، وقالت بأن``) is.
* **Side**: the state at the top of the speaker's parent chain (:func:`helpers.compare.mentions.side_of`):
  ``zakharova`` -> ``russia``, ``akar`` -> ``turkey``; ``other`` or ``""`` (unlinked).

Rows keep the verb's offsets, so each can be traced to its sentence.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

import pandas as pd

from ..actors import (CLAUSE_WORDS, PREPOSITION_WORDS, PREPOSITIONS_WITH_PRONOUN, as_verbs, governed_by_preposition,
                      paragraph_links)
from ..loading import frame_from_rows
from .mentions import OTHER_SIDE, gazetteer, side_map
from .quotes import inside_quotes

CLAUSE_MARKERS = ("pretext", "so_called")
ATTRIBUTION_COLUMNS = ("doc_id", "para_id", "speaker_actor_id", "verb", "stance", "sent_id", "verb_id", "kind",
                       "link", "side", "start", "end")
_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_CONJ = ("\u0648", "\u0641")


def _strip_conj(word: str) -> str:
    return word[1:] if len(word) > 2 and word[0] in _CONJ else word


def pronoun_subject(form: str, end: int) -> bool:
    """Return True when the verb ending at ``end`` has no noun right after it (a pronoun subject).

    Examples
    --------
    >>> from helpers.matching import normalize_for_matching as nf
    >>> pronoun_subject(nf("وزعمت إلى أنه"), 5), pronoun_subject(nf("وقال فيها:"), 4), pronoun_subject(nf("وقالت الصحيفة بأن"), 5)
    (True, True, False)
    """
    tok = _TOKEN_RE.search(form, end)
    if tok is None:
        return True
    t = tok.group(0)
    if not (t[0].isalnum() or t[0] == "_"):
        return True
    for word in (t, _strip_conj(t)):
        if word in CLAUSE_WORDS or word in PREPOSITION_WORDS or word in PREPOSITIONS_WITH_PRONOUN:
            return True
    return False


def _clause_start(form: str, sentence_start: int, pos: int, cache: dict | None = None) -> int:
    """Return where the clause holding ``pos`` starts: after the last clause word since the sentence start.

    With a paragraph's ``cache``, the ends of its clause words are found once (one pass over the form)
    and each call is a binary search, so a paragraph with many markers stays linear.
    """
    if cache is None:
        start = sentence_start
        for tok in _TOKEN_RE.finditer(form, sentence_start, pos):
            t = tok.group(0)
            if t in CLAUSE_WORDS or _strip_conj(t) in CLAUSE_WORDS:
                start = tok.end()
        return start
    ends = cache.get("clause_word_ends")
    if ends is None:
        ends = cache["clause_word_ends"] = [tok.end() for tok in _TOKEN_RE.finditer(form)
                                            if tok.group(0) in CLAUSE_WORDS or _strip_conj(tok.group(0)) in CLAUSE_WORDS]
    i = bisect_right(ends, pos) - 1
    return ends[i] if i >= 0 and ends[i] > sentence_start else sentence_start


def _mentions_by_start(p) -> tuple[list, list[int]]:
    """Return a scanned paragraph's mentions sorted by start, and their starts (computed once per paragraph)."""
    found = p.cache.get("mentions_by_start")
    if found is None:
        ordered = sorted(p.mentions, key=lambda m: m.mstart)
        found = p.cache["mentions_by_start"] = (ordered, [m.mstart for m in ordered])
    return found


def attributions_frame(scans, gaz=None, verbs=None, sources: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return one row per attribution form in the scanned paragraphs, with its speaker and side.

    Columns :data:`ATTRIBUTION_COLUMNS`: ``speaker_actor_id`` (empty when unlinked), ``verb`` as
    written, ``stance`` (``neutral``/``distancing``), ``kind`` (``speech``/``source``/``marker``),
    ``link`` (how the speaker was found: ``before_verb``, ``after_verb``, ``coordinated``,
    ``headline_colon`` from :mod:`helpers.actors.voices`; ``carried_over``, ``clause_agent``,
    ``echo`` from this module; ``unlinked``), ``side``, and the verb's offsets in the clean paragraph.
    Rows in text order.
    """
    from .sources import load_sources

    gaz = gazetteer(gaz if gaz is not None else getattr(scans, "gazetteer", None))
    lexicons = getattr(scans, "lexicons", None)
    lex = as_verbs(verbs, lexicons=lexicons)
    kinds = {rec["verb_id"]: rec["kind"] for rec in lex.verbs.to_dict("records")}
    places = frozenset(gaz.actors.loc[gaz.actors["type"] == "place", "actor_id"])
    if sources is None:
        sources = load_sources(actor_ids=gaz.ids, lexicons=lexicons)
    sources = frozenset(sources["actor_id"])
    sides = side_map(gaz)
    cache = getattr(getattr(scans, "actor_scan", None), "links", None)  # shared with the voices table
    rows = []
    last_doc, last_speaker = None, ""  # the speaker linked last in the previous paragraph of the same article
    for p in scans:
        if p.doc_id != last_doc:
            last_doc, last_speaker = p.doc_id, ""
        atts, voices = paragraph_links(p.text, p.form, p.mentions, gaz, lex, "strict", cache, (p.doc_id, p.para_id))
        if not atts and ":" not in p.form:
            last_speaker = ""
            continue
        by_start = {}
        for a in atts:
            by_start[a.start] = a
        items = []  # [start, end, speaker, verb, verb_id, stance, kind, link, attribution]
        for v in voices:
            a = by_start.get(v.start)
            kind = kinds.get(v.verb_id, "speech") if a is not None else "speech"
            items.append([v.start, v.end, v.actor_id, v.verb, v.verb_id, v.stance, kind, v.link, a])
        for a in atts:
            if a.kind == "marker":
                items.append([a.start, a.end, "", a.surface, a.verb_id, a.stance, "marker", "unlinked", a])
        if len(items) > 1:
            items.sort(key=_item_order)
        known: list[tuple[int, str]] = [(-1, last_speaker)] if last_speaker else []  # (start, speaker) to carry
        for it in items:  # an item is settled when its turn comes: later items never change it
            start, a = it[0], it[8]
            sent = p.sentence_at(start)
            if it[6] == "marker":
                it[2], it[7] = _marker_speaker(p, a, it[4], sent, items, known, places)
            elif it[7] == "unlinked" and it[6] == "speech" and a is not None and pronoun_subject(p.form, a.mend):
                if known:
                    it[2], it[7] = known[-1][1], "carried_over"
            speaker = it[2]
            if speaker and (it[6] == "speech" or (it[6] == "source" and speaker not in sources)):
                known.append((start, speaker))
            side = sides.get(speaker, OTHER_SIDE) if speaker else ""
            rows.append((p.doc_id, p.para_id, speaker, it[3], it[5], sent + 1, it[4], it[6], it[7], side, start, it[1]))
        last_speaker = known[-1][1] if known else ""
    return frame_from_rows(rows, ATTRIBUTION_COLUMNS, ("para_id", "sent_id", "start", "end"))


def _item_order(item: list) -> tuple[int, bool]:
    """Sort key of a paragraph's attribution items: text order, a coordinated voice after the one it joins."""
    return item[0], item[7] == "coordinated"


def _marker_speaker(p, a, verb_id, sent, items, known, places) -> tuple[str, str]:
    """Return ``(speaker, link)`` for a distancing marker (rules in the module docstring)."""
    s_start, _ = p.sentences[sent]
    if verb_id in CLAUSE_MARKERS:
        from .terms import form_offset

        f_sent = form_offset(p.removed, s_start)
        clause = _clause_start(p.form, f_sent, a.mstart, p.cache)
        ordered, starts = _mentions_by_start(p)
        # only the mentions starting between the clause start and the marker (a binary search each way)
        for m in ordered[bisect_left(starts, clause):bisect_left(starts, a.mstart)]:
            if clause <= m.mstart - len(m.clitic) and m.mend <= a.mstart and m.actor_id not in places \
                    and not governed_by_preposition(m, p.form) and not inside_quotes(p.quotes, m.start, m.end):
                return m.actor_id, "clause_agent"
    for it in reversed(items):
        if it[0] < a.start and it[0] >= s_start and it[2] and it[6] != "marker":
            return it[2], "echo"
    if known:
        return known[-1][1], "carried_over"
    return "", "unlinked"


DISTANCING_COLUMNS = ("outlet", "doc_id", "side", "attributions", "distancing", "distancing_rate")


def distancing_rates(attributions: pd.DataFrame, articles: pd.DataFrame, outlet: str = "outlet_short",
                     by_side: bool = True, keep_sides=None) -> pd.DataFrame:
    """Return, per article (and per speaker side), how many attributions are distancing, and the share.

    Parameters
    ----------
    attributions
        The attribution table (:func:`attributions_frame`).
    articles
        ``corpus.articles``, for the outlet labels.
    by_side
        One row per (article, side); ``False``: one row per article (side ``all``).
    keep_sides
        Sides to keep apart (e.g. ``("russia", "turkey")``); the other linked sides become ``other``.
        Default: keep every side.

    Returns
    -------
    pandas.DataFrame
        ``outlet, doc_id, side, attributions, distancing, distancing_rate``. Unlinked rows form the
        side ``unlinked``. Rows in article order, then side order (``russia``, ``turkey``, the other
        states, ``other``, ``unlinked``).
    """
    frame = attributions.assign(side=attributions["side"].replace("", "unlinked"))
    if keep_sides is not None:
        keep = set(keep_sides) | {"unlinked"}
        frame["side"] = frame["side"].where(frame["side"].isin(keep), "other")
    keys = ["doc_id", "side"] if by_side else ["doc_id"]
    frame["_distancing"] = (frame["stance"] == "distancing").astype("int64")
    grouped = frame.groupby(keys, sort=False).agg(
        attributions=("stance", "size"), distancing=("_distancing", "sum")).reset_index()
    grouped["distancing_rate"] = grouped["distancing"] / grouped["attributions"]
    names = dict(zip(articles["doc_id"], articles[outlet]))
    grouped.insert(0, "outlet", grouped["doc_id"].map(names))
    if by_side:
        rank = {"russia": 0, "turkey": 1, "other": 8, "unlinked": 9}
        grouped["_r"] = grouped["side"].map(lambda s: rank.get(s, 5))
        grouped = grouped.sort_values(["doc_id", "_r", "side"], kind="stable").drop(columns="_r")
    else:
        grouped.insert(2, "side", "all")
    return grouped.reset_index(drop=True)[list(DISTANCING_COLUMNS)]


def attributions_in_context(attributions: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame,
                            stance: str | None = "distancing", outlet: str = "outlet_short") -> pd.DataFrame:
    """Return attribution rows (of one ``stance``, or all with ``None``) with their outlet and sentence.

    Columns ``doc_id, outlet, para_id, sent_id, verb, speaker_actor_id, side, link, sentence``: every
    row of the distancing chart, next to the words it was counted from.
    """
    rows = attributions if stance is None else attributions[attributions["stance"] == stance]
    merged = rows.merge(sentences[["doc_id", "para_id", "sent_id", "sentence"]], on=["doc_id", "para_id", "sent_id"],
                        how="left")
    merged.insert(1, "outlet", merged["doc_id"].map(dict(zip(articles["doc_id"], articles[outlet]))))
    return merged[["doc_id", "outlet", "para_id", "sent_id", "verb", "speaker_actor_id", "side", "link", "sentence"]]
