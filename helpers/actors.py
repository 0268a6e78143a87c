"""Actors: who and what an article names (people, states, organisations, armed groups, places).

The gazetteer
-------------
``helpers/lexicons/actors.csv`` has one row per actor:

``actor_id``
    Canonical id: a person's lower-case English surname (``putin``), a state's English name
    (``russia``), a short English id for anything else (``unsc``, ``syrian_army``).
``label_en``, ``label_ar``
    Labels for tables and charts.
``type``
    ``person``, ``state``, ``organization``, ``armed_group`` or ``place``.
``parent``
    Affiliation, where it helps (``putin`` -> ``russia``, ``peskov`` -> ``kremlin``); optional.
``fold_into``
    For capitals and seats of power used as metonyms (``موسكو``, ``أنقرة``, ``الكرملين``): the state
    they count for in the ``broad`` view; optional.
``forms``
    The names (``|``-separated): every spelling of the actor's name, full and short.
``broad_forms``
    Demonyms and adjectives (``روسي``, ``أتراك``), counted in the ``broad`` view only; optional.
``note``
    Free text; optional.

``helpers/lexicons/actor_exclusions.csv`` (``actor_id, context, note``) lists contexts in which the
same letters are not the actor (``هاون أكار`` is a Turkish mortar, not minister Akar). To add an actor
or a spelling, add a row or a form to the CSV: nothing in the code changes.

Matching rules
--------------
* Matching runs on the matching form (:func:`helpers.matching.normalize_for_matching`), so
  ``أردوغان``/``اردوغان`` and ``أكار``/``آكار`` are one spelling; offsets are mapped back to the clean
  text, so ``text[start:end] == surface``.
* A form matches as whole words: not inside a longer word, except after known proclitics: ``و ف``
  (conjunctions), then ``ب ل ك`` (prepositions), then the article ``ال``, in that order and each at
  most once (``و``, ``بال``, ``وبال``, ``لل``, ``ولل``...). Letters are never stripped off a word, so
  ``لافروف`` is Lavrov, not ``ل`` + ``افروف``.
* A mention's span (``surface``) leaves out the conjunction and preposition but keeps the article
  as written: ``الروسية`` in ``والروسية``, ``لافروف`` in ``ولافروف``. ``ل`` + ``ال`` is written
  ``لل``: ``الأسد`` is also found in ``للأسد``, and the span starts at the article's ``ل``
  (surface ``لأسد``).
* Longest match wins and mentions never overlap: ``سيرغي لافروف`` is one Lavrov mention,
  ``مجلس الأمن الروسي`` is the Russian Security Council and not the UN's, ``روسيا اليوم`` is RT and
  not Russia, ``نظام الأسد`` is the Syrian government and not Assad. At one position, a spelling
  listed in the gazetteer beats the same letters read as clitic + shorter form (``السورية`` is the
  adjective, not ``ال`` + the country ``سورية``).
* An exclusion context is matched like a form and swallows its span: nothing inside it is counted.
* ``مجلس الأمن`` alone is the UN Security Council (every plain use in the seeds is the UN's); the
  Russian one is always qualified. A plain ``مجلس الأمن`` meaning Russia's would be miscounted.

Views
-----
``strict``
    Names only (``forms``); capitals stay places (``موسكو`` is ``moscow``).
``broad``
    Names plus demonyms and adjectives (``الروس``, ``التركية``, ``طلب تركي``), and every mention of an
    actor with ``fold_into`` counted for that state (``موسكو``, ``الكرملين`` -> ``russia``). A capital
    named as a place (``في موسكو``) is folded too: the view cannot tell metonym from place. An
    adjective counts wherever it is not part of a longer listed name, also inside a title
    (``الرئيس التركي`` adds one ``turkey``).

Counts cover every line whose role is in :data:`helpers.roles.COUNTED_ROLES` (all but ``boilerplate``
and ``related``); the mentions table holds exactly the mentions that are counted.
"""
from __future__ import annotations

import gc
import re
from bisect import bisect_right
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

import pandas as pd

from . import charsets as cs
from .errors import WorkbookError, check_choice
from .lexicon import load_lexicon, split_list
from .loading import typed_frame
from .matching import OffsetMap, normalize_for_matching
from .paths import lexicon as lexicon_path
from .roles import COUNTED_ROLES

GAZETTEER_FILE = "actors.csv"
EXCLUSIONS_FILE = "actor_exclusions.csv"
ACTOR_TYPES = ("person", "state", "organization", "armed_group", "place")
VIEWS = ("strict", "broad")
MENTION_COLUMNS = ("doc_id", "para_id", "actor_id", "surface", "start", "end")
COUNT_COLUMNS = ("doc_id", "actor_id", "count", "per_1000_words")

CONJUNCTIONS = ("\u0648", "\u0641")  # و ف
PREPOSITIONS = ("\u0628", "\u0644", "\u0643")  # ب ل ك
ARTICLE = "\u0627\u0644"  # ال
LAM = "\u0644"  # ل
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_LETTER_RE = re.compile(r"[^\W\d_]")


def proclitics() -> tuple[str, ...]:
    """Return every proclitic sequence a known form may carry, shortest first.

    A conjunction (``و ف``), then a preposition (``ب ل ك``), then the article ``ال``, each optional;
    ``ل`` + ``ال`` is written ``لل``.

    Examples
    --------
    >>> p = proclitics()
    >>> len(p), p[:5]
    (23, ('ب', 'ف', 'ك', 'ل', 'و'))
    >>> all(c in p for c in ("وب", "ول", "فال", "وال", "بال", "وبال", "لل", "ولل"))
    True
    """
    seqs = set()
    for conj in ("",) + CONJUNCTIONS:
        for prep in ("",) + PREPOSITIONS:
            for art in ("", ARTICLE):
                seqs.add(conj + (LAM + LAM if prep == LAM and art else prep + art))
    seqs.discard("")
    return tuple(sorted(seqs, key=lambda s: (len(s), s)))


def matching_key(form: str) -> str:
    """Return the look-up key of a form: its matching form with runs of white space as one space.

    Examples
    --------
    >>> matching_key("خلوصي  آكار")
    'خلوصي اكار'
    """
    return " ".join(normalize_for_matching(form).split())


def trie_pattern(keys: Iterable[str]) -> str:
    """Return a regular expression matching any of ``keys``, longest first, built as a trie.

    Sharing prefixes keeps the expression fast on long lexicons (one pass, no loop over entries);
    a space in a key matches any run of white space.

    Examples
    --------
    >>> rx = re.compile(trie_pattern(["مجلس الامن", "مجلس الامن الروسي"]))
    >>> rx.match("مجلس الامن الروسي").group(0)
    'مجلس الامن الروسي'
    """
    root: dict = {}
    for key in keys:
        node = root
        for unit in re.findall(r"\s+|.", key):
            node = node.setdefault(" " if unit.isspace() else unit, {})
        node[""] = {}

    def build(node: dict) -> str:
        terminal = "" in node
        alts = [(r"\s+" if unit == " " else re.escape(unit)) + build(child)
                for unit, child in sorted(node.items()) if unit]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if terminal:
            return "(?:" + body + ")?" if len(alts) == 1 else body + "?"
        return body

    return build(root)


@dataclass(frozen=True)
class Gazetteer:
    """A loaded, validated gazetteer and its compiled matcher (build it with :func:`load_gazetteer`)."""

    actors: pd.DataFrame  # one row per actor, the CSV's columns plus ``line``
    exclusions: pd.DataFrame  # actor_id, context, note, line
    path: str
    pattern: re.Pattern
    entries: dict  # matching key -> (actor_id, kind) with kind in name / broad / exclude

    @property
    def ids(self) -> list[str]:
        """Return the actor ids in file order."""
        return list(self.actors["actor_id"])

    def info(self, actor_id: str) -> dict:
        """Return the gazetteer row of ``actor_id`` as a dict (a :class:`WorkbookError` if unknown)."""
        rows = self.actors[self.actors["actor_id"] == actor_id]
        if rows.empty:
            raise WorkbookError(f"{self.path}: no actor {actor_id!r} (known: {', '.join(self.ids[:12])}, ...)")
        return rows.iloc[0].to_dict()

    def fold(self, actor_id: str) -> str:
        """Return the actor ``actor_id`` counts for in the broad view (its ``fold_into`` or itself)."""
        return self._fold.get(actor_id, actor_id)

    @cached_property
    def _fold(self) -> dict:
        return {a: f for a, f in zip(self.actors["actor_id"], self.actors["fold_into"]) if f}

    def label(self, actor_id: str, lang: str = "both") -> str:
        """Return the label of ``actor_id``: ``"ar"``, ``"en"`` or ``"both"`` (``فلاديمير بوتين (Vladimir Putin)``)."""
        check_choice("lang", lang, ("ar", "en", "both"))
        labels = self._labels.get(actor_id)
        if labels is None:
            return actor_id
        ar, en = labels
        return {"ar": ar, "en": en, "both": f"{ar} ({en})"}[lang]

    @cached_property
    def _labels(self) -> dict:
        return {a: (ar, en) for a, ar, en in zip(self.actors["actor_id"], self.actors["label_ar"], self.actors["label_en"])}

    @cached_property
    def people(self) -> frozenset:
        """Return the ids of the actors of type ``person``."""
        return frozenset(self.actors.loc[self.actors["type"] == "person", "actor_id"])

    @cached_property
    def places(self) -> frozenset:
        """Return the ids of the actors of type ``place``."""
        return frozenset(self.actors.loc[self.actors["type"] == "place", "actor_id"])

    def top_parent(self, actor_id: str) -> str:
        """Return the last ancestor of ``actor_id`` through ``parent`` (itself when it has none)."""
        parents = dict(zip(self.actors["actor_id"], self.actors["parent"]))
        seen = {actor_id}
        while parents.get(actor_id):
            actor_id = parents[actor_id]
            if actor_id in seen:
                break
            seen.add(actor_id)
        return actor_id


def _resolve(path: str | Path | None, default: str) -> Path:
    if path is None:
        return lexicon_path(default)
    p = Path(path)
    return p if p.is_absolute() or p.exists() else lexicon_path(str(path))


def _stamp(path: Path) -> tuple:
    try:
        st = path.stat()
        return (st.st_mtime_ns, st.st_size)
    except OSError:
        return (None, None)


def load_gazetteer(path: str | Path | None = None, exclusions: str | Path | None = None) -> Gazetteer:
    """Load, validate and compile a gazetteer; cached until the files change.

    Parameters
    ----------
    path
        The actors CSV: ``None`` for ``helpers/lexicons/actors.csv``, else a file name in
        ``helpers/lexicons`` or a path.
    exclusions
        The exclusions CSV. ``None``: ``actor_exclusions.csv`` in the same folder as the actors CSV,
        if there is one (so a gazetteer of your own does not inherit exclusions about actors it
        lacks).

    Returns
    -------
    Gazetteer

    Raises
    ------
    WorkbookError
        For a bad row, naming file, line and value: unknown type, bad id, a ``parent`` or
        ``fold_into`` that is not an actor id, one spelling under two ids (also across ``forms`` and
        ``broad_forms``), a form without letters, an exclusion naming an unknown actor or not
        containing one of its forms.
    """
    actors_path = _resolve(path, GAZETTEER_FILE)
    if exclusions is None:
        excl_path = actors_path.parent / EXCLUSIONS_FILE
        excl = str(excl_path) if excl_path.exists() else ""
    else:
        excl = str(_resolve(exclusions, EXCLUSIONS_FILE))
    return _load_gazetteer(str(actors_path), _stamp(actors_path), excl, _stamp(Path(excl)) if excl else None)


@lru_cache(maxsize=16)
def _load_gazetteer(path: str, _stamp_a, excl: str, _stamp_e) -> Gazetteer:
    actors = load_lexicon(
        path,
        required=["actor_id", "label_en", "label_ar", "type", "forms"],
        optional=["parent", "fold_into", "broad_forms", "note"],
        unique=["actor_id"],
        unique_matching=["forms", "broad_forms"],
        allowed={"type": ACTOR_TYPES},
    )
    ids = set(actors["actor_id"])
    entries: dict[str, tuple[str, str]] = {}
    where: dict[str, int] = {}
    for rec in actors.to_dict("records"):
        at = f"{path}, line {rec['line']}"
        if not _ID_RE.match(rec["actor_id"]):
            raise WorkbookError(f"{at}: actor_id {rec['actor_id']!r} must be lower-case letters, digits and _")
        for col in ("parent", "fold_into"):
            if rec[col] and rec[col] not in ids:
                raise WorkbookError(f"{at}: {col} {rec[col]!r} is not an actor_id in this file")
            if rec[col] == rec["actor_id"]:
                raise WorkbookError(f"{at}: {col} {rec[col]!r} is the actor itself")
        for col, kind in (("forms", "name"), ("broad_forms", "broad")):
            for form in split_list(rec[col]):
                if not _LETTER_RE.search(form):
                    raise WorkbookError(f"{at}: {col} {form!r} has no letters")
                key = matching_key(form)
                if key in entries and entries[key][0] != rec["actor_id"]:
                    raise WorkbookError(
                        f"{at}: {col} {form!r} is already listed on line {where[key]} (actor {entries[key][0]!r})"
                    )
                if key in entries and entries[key][1] != kind:
                    raise WorkbookError(f"{at}: {form!r} is listed in both forms and broad_forms")
                entries[key], where[key] = (rec["actor_id"], kind), rec["line"]
    _check_parent_cycles(actors, path)
    plain = _compile(entries)
    if excl:
        exclusions = load_lexicon(excl, required=["actor_id", "context"], optional=["note"],
                                  unique_matching=["context"])
    else:
        exclusions = pd.DataFrame(columns=["actor_id", "context", "note", "line"])
    for rec in exclusions.to_dict("records"):
        at = f"{excl}, line {rec['line']}"
        if rec["actor_id"] not in ids:
            raise WorkbookError(f"{at}: actor_id {rec['actor_id']!r} is not in {path}")
        key = matching_key(rec["context"])
        if key in entries:
            raise WorkbookError(f"{at}: context {rec['context']!r} is itself a form of {entries[key][0]!r}")
        found = {entries[_key_of(m)][0] for m in plain.finditer(key)}
        if rec["actor_id"] not in found:
            raise WorkbookError(
                f"{at}: context {rec['context']!r} contains no form of {rec['actor_id']!r}; "
                "an exclusion must contain the name it excludes"
            )
        entries[key] = (rec["actor_id"], "exclude")
    return Gazetteer(actors, exclusions, path, _compile(entries), entries)


def _check_parent_cycles(actors: pd.DataFrame, path: str) -> None:
    parents = dict(zip(actors["actor_id"], actors["parent"]))
    lines = dict(zip(actors["actor_id"], actors["line"]))
    for start in parents:
        seen, node = [start], parents[start]
        while node:
            if node in seen:
                raise WorkbookError(f"{path}, line {lines[start]}: parent chain loops: {' -> '.join(seen + [node])}")
            seen.append(node)
            node = parents.get(node, "")


def _compile(entries: dict) -> re.Pattern:
    keys = sorted(entries)
    stems = sorted(k[len(ARTICLE):] for k in keys if k.startswith(ARTICLE) and len(k) > len(ARTICLE) + 1)
    clitics = "|".join(proclitics())
    assimilated = "|".join(c + LAM + LAM for c in ("",) + CONJUNCTIONS)
    return re.compile(
        rf"(?<!\w)(?:(?:{clitics})??(?P<f>{trie_pattern(keys)})|(?:{assimilated})(?P<s>{trie_pattern(stems)}))(?!\w)"
    )


def _key_of(m: re.Match) -> str:
    if m.group("f") is not None:
        return " ".join(m.group("f").split())
    return ARTICLE + " ".join(m.group("s").split())


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


def _as_gazetteer(gazetteer) -> Gazetteer:
    return gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer)


def scan_mentions(text: str, gazetteer=None, form: str | None = None) -> list[Mention]:
    """Return every mention in ``text``, names and demonyms, before any view is applied.

    ``actor_id`` is the gazetteer's own (not folded); ``kind`` says ``name`` or ``broad``. Pass
    ``form`` when the matching form of ``text`` is already at hand.

    This runs for every paragraph and every match, so the loop is kept lean: offsets are mapped back
    inline (one binary search, as :meth:`OffsetMap.to_source`) and the tuples are built directly.
    """
    gaz = gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer)
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
    gaz = _as_gazetteer(gazetteer)
    fold = gaz._fold
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
    gaz = _as_gazetteer(gazetteer)
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

    The scan is remembered on the corpus (per gazetteer), so the actor tables, the voices and the
    outlet comparison share one scan.
    """
    gaz = _as_gazetteer(gazetteer)
    return corpus.memo(("actor_scan", gaz.path, id(gaz)), lambda: _scan_corpus(corpus, gaz))


class ActorScan(list):
    """The scan of a corpus: ``(doc_id, para_id, text, form, mentions)`` per counted paragraph.

    ``links`` holds work later stages derive from the same paragraphs (the attributions and voices of
    :func:`helpers.voices.paragraph_links`), so the actor and comparison tables do it once.
    """

    def __init__(self, rows):
        super().__init__(rows)
        self.links: dict = {}


def _scan_corpus(corpus, gaz) -> ActorScan:
    par = counted_paragraphs(corpus)
    forms = corpus.matching_forms()[par.index].tolist()
    out = []
    with bulk_allocation():
        for doc_id, para_id, text, form in zip(par["doc_id"].tolist(), par["para_id"].tolist(),
                                               par["text"].tolist(), forms):
            out.append((doc_id, int(para_id), text, form, scan_mentions(text, gaz, form)))
    return ActorScan(out)


def mentions_frame(scanned, view: str = "strict", gazetteer=None) -> pd.DataFrame:
    """Return the mentions table of a scanned corpus under ``view`` (columns :data:`MENTION_COLUMNS`)."""
    check_choice("view", view, VIEWS)
    with bulk_allocation():  # one comprehension: a row per mention, the Mention fields by position
        if view == "strict":
            rows = [(doc_id, para_id, m[0], m[1], m[2], m[3])
                    for doc_id, para_id, _, _, ms in scanned for m in ms if m[4] == "name"]
        else:
            fold = _as_gazetteer(gazetteer)._fold
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


def actor_counts(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Return mentions per article and actor, raw and per 1,000 words (``articles.n_words``).

    Rows: articles in ``articles`` order, then by count (highest first), then actor_id.
    """
    counts = mentions.groupby(["doc_id", "actor_id"], sort=False).size().rename("count").reset_index()
    words = articles.set_index("doc_id")["n_words"].astype("float64")
    n_words = counts["doc_id"].map(words)
    counts["per_1000_words"] = (counts["count"] * 1000 / n_words.where(n_words > 0)).astype("float64")
    counts["_doc"] = counts["doc_id"].map(pd.Series(range(len(articles)), index=articles["doc_id"]))
    counts = counts.sort_values(["_doc", "count", "actor_id"], ascending=[True, False, True], kind="stable")
    return counts.drop(columns="_doc").reset_index(drop=True)[list(COUNT_COLUMNS)]


def outlet_counts(mentions: pd.DataFrame, articles: pd.DataFrame, outlet: str = "outlet_short") -> pd.DataFrame:
    """Return mentions per outlet and actor, raw and per 1,000 words of that outlet's articles.

    Columns: ``outlet, actor_id, count, per_1000_words``; sorted by outlet, then count.
    """
    words = articles.groupby(outlet)["n_words"].sum()
    doc_outlet = dict(zip(articles["doc_id"], articles[outlet]))
    frame = mentions.assign(outlet=mentions["doc_id"].map(doc_outlet))
    counts = frame.groupby(["outlet", "actor_id"]).size().rename("count").reset_index()
    counts["per_1000_words"] = [c * 1000 / words[o] if words[o] else float("nan")
                                for o, c in zip(counts["outlet"], counts["count"])]
    return counts.sort_values(["outlet", "count", "actor_id"], ascending=[True, False, True],
                              kind="stable").reset_index(drop=True)


def outlet_matrix(mentions: pd.DataFrame, articles: pd.DataFrame, actors: list[str] | None = None,
                  value: str = "per_1000_words", outlet: str = "outlet_short") -> pd.DataFrame:
    """Return an actor x outlet table of ``value`` (``count`` or ``per_1000_words``), 0 where absent.

    ``actors`` picks and orders the rows; by default every actor named, most mentioned first.
    """
    check_choice("value", value, ("count", "per_1000_words"))
    counts = outlet_counts(mentions, articles, outlet)
    table = counts.pivot_table(index="actor_id", columns="outlet", values=value, aggfunc="sum", fill_value=0)
    table = table.reindex(columns=sorted(articles[outlet].unique()), fill_value=0)
    if actors is None:
        totals = mentions["actor_id"].value_counts()
        actors = sorted(totals.index, key=lambda a: (-totals[a], a))
    return table.reindex(list(actors), fill_value=0)


def top_actors(mentions: pd.DataFrame, n: int = 15, types: Iterable[str] | None = None,
               gazetteer=None) -> pd.DataFrame:
    """Return the ``n`` most mentioned actors: ``actor_id, label_ar, label_en, type, count``.

    ``types`` keeps only actors of those types (e.g. ``["person"]``). Ties are broken by actor_id.
    """
    gaz = _as_gazetteer(gazetteer)
    info = gaz.actors.set_index("actor_id")
    counts = mentions["actor_id"].value_counts()
    frame = pd.DataFrame({"actor_id": counts.index, "count": counts.values})
    frame["type"] = frame["actor_id"].map(info["type"])
    if types is not None:
        types = list(types)
        for t in types:
            check_choice("type", t, ACTOR_TYPES)
        frame = frame[frame["type"].isin(types)]
    frame["label_ar"] = frame["actor_id"].map(info["label_ar"])
    frame["label_en"] = frame["actor_id"].map(info["label_en"])
    frame = frame.sort_values(["count", "actor_id"], ascending=[False, True], kind="stable").head(n)
    return frame[["actor_id", "label_ar", "label_en", "type", "count"]].reset_index(drop=True)


def compare_views(strict: pd.DataFrame, broad: pd.DataFrame, gazetteer=None) -> pd.DataFrame:
    """Return, per actor, its mentions and rank in each view and the change (``broad - strict``).

    Columns: ``actor_id, label_ar, label_en, strict, broad, change, rank_strict, rank_broad``; rows
    sorted by the broad count. Ranks are dense (ties share a rank).
    """
    gaz = _as_gazetteer(gazetteer)
    s = strict["actor_id"].value_counts()
    b = broad["actor_id"].value_counts()
    ids = sorted(set(s.index) | set(b.index))
    frame = pd.DataFrame({"actor_id": ids})
    frame["label_ar"] = [gaz.label(a, "ar") for a in ids]
    frame["label_en"] = [gaz.label(a, "en") for a in ids]
    frame["strict"] = frame["actor_id"].map(s).fillna(0).astype("int64")
    frame["broad"] = frame["actor_id"].map(b).fillna(0).astype("int64")
    frame["change"] = frame["broad"] - frame["strict"]
    frame["rank_strict"] = frame["strict"].rank(method="dense", ascending=False).astype("int64")
    frame["rank_broad"] = frame["broad"].rank(method="dense", ascending=False).astype("int64")
    return frame.sort_values(["broad", "strict", "actor_id"], ascending=[False, False, True],
                             kind="stable").reset_index(drop=True)


def surface_counts(mentions: pd.DataFrame, articles: pd.DataFrame, actor_id: str,
                   outlet: str = "outlet_short") -> pd.DataFrame:
    """Return how each outlet names one actor: ``surface`` x outlet mention counts.

    Surfaces are compared in matching form (``أردوغان`` and ``اردوغان`` are one row, shown as the
    first spelling met).
    """
    sub = mentions[mentions["actor_id"] == actor_id]
    doc_outlet = dict(zip(articles["doc_id"], articles[outlet]))
    keys = sub["surface"].map(matching_key)
    shown = dict(zip(keys[::-1], sub["surface"][::-1]))
    frame = pd.DataFrame({"surface": keys.map(shown), "outlet": sub["doc_id"].map(doc_outlet)})
    table = pd.crosstab(frame["surface"], frame["outlet"])
    table = table.reindex(columns=sorted(articles[outlet].unique()), fill_value=0)
    return table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def cooccurrence(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return pairs of actors named in the same paragraph: ``actor_a, actor_b, paragraphs``.

    ``paragraphs`` counts the paragraphs where both are named (each pair once, ``actor_a <
    actor_b``); rows sorted by that count, then by the ids.
    """
    pairs: dict[tuple[str, str], int] = {}
    for _, group in mentions.groupby(["doc_id", "para_id"], sort=False)["actor_id"]:
        ids = sorted(set(group))
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    frame = pd.DataFrame([(a, b, n) for (a, b), n in pairs.items()], columns=["actor_a", "actor_b", "paragraphs"])
    return frame.sort_values(["paragraphs", "actor_a", "actor_b"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)


def cooccurrence_matrix(pairs: pd.DataFrame, actors: list[str]) -> pd.DataFrame:
    """Return a symmetric actor x actor table of shared paragraphs for ``actors`` (diagonal 0)."""
    table = pd.DataFrame(0, index=list(actors), columns=list(actors), dtype="int64")
    keep = set(actors)
    for a, b, n in zip(pairs["actor_a"], pairs["actor_b"], pairs["paragraphs"]):
        if a in keep and b in keep:
            table.loc[a, b] = table.loc[b, a] = n
    return table


def gazetteer_table(gazetteer=None) -> pd.DataFrame:
    """Return the gazetteer as a display table (forms with ``|`` shown as ``، ``)."""
    gaz = _as_gazetteer(gazetteer)
    frame = gaz.actors.drop(columns=["line"]).copy()
    for col in ("forms", "broad_forms"):
        frame[col] = frame[col].map(lambda cell: "، ".join(split_list(cell)))
    return frame


def add_labels(frame: pd.DataFrame, column: str = "actor_id", gazetteer=None) -> pd.DataFrame:
    """Return ``frame`` with the Arabic and English labels of ``column`` inserted after it.

    Examples
    --------
    >>> import pandas as pd
    >>> add_labels(pd.DataFrame({"actor_id": ["putin"], "count": [6]})).columns.tolist()
    ['actor_id', 'actor_id_ar', 'actor_id_en', 'count']
    """
    gaz = _as_gazetteer(gazetteer)
    out = frame.copy()
    at = out.columns.get_loc(column) + 1
    out.insert(at, f"{column}_en", [gaz.label(a, "en") for a in out[column]])
    out.insert(at, f"{column}_ar", [gaz.label(a, "ar") for a in out[column]])
    return out


def explain_mentions(texts: Iterable[str], gazetteer=None) -> pd.DataFrame:
    """Return, for each text, what each view finds in it (``actor_id: surface``, ``; ``-separated).

    Examples
    --------
    >>> explain_mentions(["أعلنت موسكو"]).iloc[0].tolist()
    ['أعلنت موسكو', 'moscow: موسكو', 'russia: موسكو']
    """
    gaz = _as_gazetteer(gazetteer)
    rows = []
    for text in texts:
        ms = scan_mentions(text, gaz)
        rows.append((text, *("; ".join(f"{m.actor_id}: {m.surface}" for m in apply_view(ms, v, gaz)) or "-"
                             for v in VIEWS)))
    return pd.DataFrame(rows, columns=["text", *VIEWS])


def compare_views_by_outlet(strict: pd.DataFrame, broad: pd.DataFrame, articles: pd.DataFrame,
                            actors: Iterable[str], outlet: str = "outlet_short") -> pd.DataFrame:
    """Return, per outlet and actor, mentions per 1,000 words and rank in each view.

    Columns: ``outlet, actor_id, strict, broad, rank_strict, rank_broad``; ranks are among
    ``actors`` within the outlet (1 = most named, ties share a rank).
    """
    actors = list(actors)
    parts = []
    for view, frame in (("strict", strict), ("broad", broad)):
        table = outlet_matrix(frame, articles, actors, outlet=outlet)
        parts.append(table.rename_axis(index="actor_id", columns="outlet").stack().rename(view))
    out = pd.concat(parts, axis=1).reset_index()
    for view in VIEWS:
        out[f"rank_{view}"] = out.groupby("outlet")[view].rank(method="dense", ascending=False).astype("int64")
    order = {a: i for i, a in enumerate(actors)}
    out = out.sort_values(["outlet", "actor_id"], key=lambda c: c.map(order) if c.name == "actor_id" else c,
                          kind="stable")
    return out[["outlet", "actor_id", "strict", "broad", "rank_strict", "rank_broad"]].reset_index(drop=True)


# ---------------------------------------------------------------- keyword in context


def kwic(corpus, actor_id: str, view: str = "strict", width: int = 60, gazetteer=None) -> pd.DataFrame:
    """Return every counted mention of ``actor_id`` with its context.

    Columns: ``doc_id, para_id, outlet, before, match, after``; ``before``/``after`` hold up to
    ``width`` characters of the paragraph on each side, cut between words (``…`` marks a cut);
    ``before`` precedes the match in reading order, so it sits to its right on screen.
    """
    gaz = _as_gazetteer(gazetteer)
    check_choice("view", view, VIEWS)
    gaz.info(actor_id)
    outlets = dict(zip(corpus.articles["doc_id"], corpus.articles["outlet_short"]))
    rows = []
    for doc_id, para_id, text, _, ms in scan_corpus(corpus, gaz):
        for m in apply_view(ms, view, gaz):
            if m.actor_id == actor_id:
                before, after = text[max(0, m.start - width):m.start], text[m.end:m.end + width]
                if m.start > width and " " in before:  # do not show half a word at the cut
                    before = "… " + before.split(" ", 1)[1]
                if m.end + width < len(text) and " " in after:
                    after = after.rsplit(" ", 1)[0] + " …"
                rows.append((doc_id, para_id, outlets.get(doc_id, ""), before, m.surface, after))
    return pd.DataFrame(rows, columns=["doc_id", "para_id", "outlet", "before", "match", "after"])


def kwic_html(frame: pd.DataFrame, caption: str | None = None) -> str:
    """Return a keyword-in-context table as HTML: right-to-left, match highlighted, every cell escaped.

    Columns in reading order (right to left): where, the text before, the match, the text after;
    the contexts hug the match so the matches line up.

    Examples
    --------
    >>> import pandas as pd
    >>> row = pd.DataFrame([("000", 5, "X", 'وقالت <b>"', "زاخاروفا", ": على")],
    ...                    columns=["doc_id", "para_id", "outlet", "before", "match", "after"])
    >>> html = kwic_html(row)
    >>> "<mark>زاخاروفا</mark>" in html, "&lt;b&gt;&quot;" in html, 'dir="rtl"' in html
    (True, True, True)
    """
    from .notebook import escape

    cell = "padding:2px 6px; white-space:nowrap; unicode-bidi:isolate;"
    rows = []
    for rec in frame.itertuples(index=False):
        where = f"{rec.doc_id}/{rec.para_id}" + (f" {rec.outlet}" if getattr(rec, "outlet", "") else "")
        rows.append(
            "<tr>"
            f'<td style="{cell} color:#666; text-align:right;">{escape(where)}</td>'
            f'<td style="{cell} text-align:left;">{escape(rec.before)}</td>'
            f'<td style="{cell} text-align:center;"><mark>{escape(rec.match)}</mark></td>'
            f'<td style="{cell} text-align:right;">{escape(rec.after)}</td>'
            "</tr>"
        )
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    if not rows:
        rows.append('<tr><td colspan="4">(no mention)</td></tr>')
    return f'<table class="kwic" dir="rtl" style="direction:rtl;">{cap}<tbody>{"".join(rows)}</tbody></table>'


# ---------------------------------------------------------------- tables for the command line


def actor_tables(corpus, gazetteer=None, verbs=None) -> dict[str, pd.DataFrame]:
    """Return the actor tables of a corpus, keyed by file name.

    ``actor_mentions.csv`` and ``actor_counts.csv`` (strict view), their ``_broad`` twins, and
    ``voices.csv`` (who speaks; see :mod:`helpers.voices`). One scan of the corpus feeds them all.
    """
    from .voices import voices_frame

    gaz = _as_gazetteer(gazetteer)
    scanned = scan_corpus(corpus, gaz)
    strict = mentions_frame(scanned, "strict", gaz)
    broad = mentions_frame(scanned, "broad", gaz)
    return {
        "actor_mentions.csv": strict,
        "actor_counts.csv": actor_counts(strict, corpus.articles),
        "actor_mentions_broad.csv": broad,
        "actor_counts_broad.csv": actor_counts(broad, corpus.articles),
        "voices.csv": voices_frame(scanned, "strict", gaz, verbs),
    }


# ---------------------------------------------------------------- charts

TYPE_COLORS = {"person": "#0072B2", "state": "#D55E00", "organization": "#009E73",
               "armed_group": "#CC79A7", "place": "#E69F00"}


def chart_label(actor_id: str, gazetteer=None) -> str:
    """Return an actor's chart label, English then Arabic, ready for matplotlib.

    Examples
    --------
    >>> chart_label("putin")
    'Vladimir Putin · فلاديمير بوتين'
    """
    from .charts import for_matplotlib

    gaz = _as_gazetteer(gazetteer)
    if actor_id not in gaz._labels:
        return actor_id
    ar, en = gaz._labels[actor_id]
    return for_matplotlib(f"{en} · {ar}")


def plot_top_actors(mentions: pd.DataFrame, n: int = 15, title: str = "", gazetteer=None):
    """Return a horizontal bar chart of the ``n`` most mentioned actors, coloured by type."""
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from .charts import for_matplotlib

    top = top_actors(mentions, n, gazetteer=gazetteer)[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(top) + 1.2))
    ax.barh([chart_label(a, gazetteer) for a in top["actor_id"]], top["count"],
            color=[TYPE_COLORS[t] for t in top["type"]])
    for y, value in enumerate(top["count"]):
        ax.text(value, y, f" {value}", va="center", fontsize=8)
    ax.set_xlabel(for_matplotlib("mentions · الإشارات"))
    ax.set_title(for_matplotlib(title or "Most named actors · أكثر الفاعلين ذكراً"))
    types = [t for t in TYPE_COLORS if t in set(top["type"])]
    ax.legend(handles=[Patch(color=TYPE_COLORS[t], label=t) for t in types], loc="lower right", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def plot_top_actors_by_outlet(mentions: pd.DataFrame, articles: pd.DataFrame, n: int = 8, gazetteer=None,
                              outlet: str = "outlet_short"):
    """Return one small bar chart per outlet: its ``n`` most named actors per 1,000 words."""
    import matplotlib.pyplot as plt

    from .charts import for_matplotlib, outlet_colors

    counts = outlet_counts(mentions, articles, outlet)
    outlets = sorted(articles[outlet].unique())
    colors = outlet_colors(outlets)
    cols = min(3, len(outlets))
    rows = -(-len(outlets) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.6 * cols, 0.33 * n * rows + 1.4 * rows), squeeze=False)
    for ax, name in zip(axes.flat, outlets):
        sub = counts[counts["outlet"] == name].head(n)[::-1]
        ax.barh([chart_label(a, gazetteer) for a in sub["actor_id"]], sub["per_1000_words"], color=colors[name])
        ax.set_title(for_matplotlib(name), fontsize=10)
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in list(axes.flat)[len(outlets):]:
        ax.axis("off")
    fig.supxlabel(for_matplotlib("mentions per 1,000 words · إشارات لكل ألف كلمة"), fontsize=9)
    fig.suptitle(for_matplotlib("Most named actors per outlet · أكثر الفاعلين ذكراً في كل منبر"))
    fig.tight_layout()
    return fig


def plot_heatmap(table: pd.DataFrame, title: str, value_label: str, row_labels=None, col_labels=None,
                 fmt: str = "{:.1f}", cmap: str = "Blues", square: bool = False):
    """Return an annotated heat map of a numeric table (rows and columns labelled as given).

    Every label must already have gone through :func:`helpers.charts.for_matplotlib` (as
    :func:`chart_label` does); plain column names are passed through it here.
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from .charts import for_matplotlib

    values = table.to_numpy(dtype=float)
    if square:
        side = 0.42 * max(table.shape) + 4
        size, rotation = (side + 1.5, side), 60
    else:
        size, rotation = (1.3 * table.shape[1] + 3.5, 0.38 * table.shape[0] + 1.8), 30
    fig, ax = plt.subplots(figsize=size)
    image = ax.imshow(values, cmap=cmap, aspect="auto")
    ax.set_xticks(range(table.shape[1]), list(col_labels) if col_labels is not None
                  else [for_matplotlib(str(c)) for c in table.columns], rotation=rotation, ha="right", fontsize=8)
    ax.set_yticks(range(table.shape[0]), list(row_labels or map(str, table.index)), fontsize=8)
    top = values.max() if values.size else 0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j]:
                ax.text(j, i, fmt.format(values[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if values[i, j] > 0.6 * top else "black", in_layout=False)
    bar = fig.colorbar(image, ax=ax, label=for_matplotlib(value_label), shrink=0.8)
    if fmt == "{:.0f}":
        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
    ax.set_title(for_matplotlib(title))
    fig.tight_layout()
    return fig


def plot_actor_outlet_heatmap(mentions: pd.DataFrame, articles: pd.DataFrame, n: int = 20, gazetteer=None):
    """Return a heat map of the ``n`` most named actors x outlet, in mentions per 1,000 words."""
    actors = list(top_actors(mentions, n, gazetteer=gazetteer)["actor_id"])
    table = outlet_matrix(mentions, articles, actors)
    return plot_heatmap(table, "Actors by outlet · الفاعلون حسب المنبر",
                        "mentions per 1,000 words · لكل ألف كلمة",
                        row_labels=[chart_label(a, gazetteer) for a in actors])


def plot_view_comparison(comparison: pd.DataFrame, n: int = 12, gazetteer=None):
    """Return paired bars of mentions in the strict and broad views for the ``n`` actors that change most.

    Demonyms raise a state; folding lowers its capital and seat of power to zero.
    """
    import matplotlib.pyplot as plt

    from .charts import for_matplotlib

    moved = comparison.assign(_size=comparison["change"].abs())
    moved = moved[moved["_size"] > 0].sort_values(["_size", "actor_id"], ascending=[False, True], kind="stable")
    top = moved.head(n).sort_values(["broad", "strict", "actor_id"], ascending=[True, True, False], kind="stable")
    fig, ax = plt.subplots(figsize=(8, 0.42 * len(top) + 1.3))
    ys = range(len(top))
    ax.barh([y + 0.2 for y in ys], top["strict"], height=0.4, color="#56B4E9",
            label=for_matplotlib("strict: names only · الأسماء فقط"))
    ax.barh([y - 0.2 for y in ys], top["broad"], height=0.4, color="#D55E00",
            label=for_matplotlib("broad: + demonyms, capitals · مع النسبة والعواصم"))
    ax.set_yticks(list(ys), [chart_label(a, gazetteer) for a in top["actor_id"]], fontsize=8)
    ax.set_xlabel(for_matplotlib("mentions, all articles · الإشارات في كل المقالات"))
    ax.set_title(for_matplotlib("What the counting choice changes · أثر طريقة العد"))
    ax.legend(loc="lower right", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def plot_cooccurrence(mentions: pd.DataFrame, n: int = 15, gazetteer=None):
    """Return a heat map of how many paragraphs each pair of the ``n`` most named actors share."""
    actors = list(top_actors(mentions, n, gazetteer=gazetteer)["actor_id"])
    table = cooccurrence_matrix(cooccurrence(mentions), actors)
    labels = [chart_label(a, gazetteer) for a in actors]
    return plot_heatmap(table, "Named in the same paragraph · في الفقرة نفسها",
                        "shared paragraphs · فقرات مشتركة", row_labels=labels, col_labels=labels,
                        fmt="{:.0f}", cmap="Greens", square=True)
