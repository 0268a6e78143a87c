"""The event and claim codebook: which sentences report which event.

The codebook ``helpers/lexicons/events.csv`` has one row per *rule*; several rows with the same
``event_id`` are alternative rules (a sentence matching any of them reports the event). A corpus may
add events of its own, or put its own rules in place of a shipped event's, in ``DIR/lexicons/events.csv``
(see :mod:`helpers.lexicon`).

``event_id``
    Canonical id (lower-case English, ``lavrov_separation_claim``).
``description``
    What happened or was claimed, in English. Required on the first row of an event; later rows
    leave it empty (or repeat it exactly).
``date``
    When it happened (``YYYY-MM-DD``), where known; like ``description``, given once per event.
    **A dated event only matches sentences of articles whose reference date is on or after that
    date and at most** :data:`DEFAULT_WINDOW_DAYS` **days after it** (or ``within_days``): news
    reports an event in the days after it, and an article written before it cannot report it. The
    reference date is the article's ``published`` date, else the first full date in its text
    (:func:`helpers.dates.reference_dates`); an article with neither never matches a dated event.
``within_days``
    Optional, per rule. The rule's window instead of the default: ``2`` for words that fit several
    incidents (``مقتل جنود``), a long one for an agreement that articles keep referring to.
``story``
    Optional, given once per event like ``date``: gazetteer actor ids (``|``-separated). The event
    only matches in articles that name one of them (or something under it) at least
    :data:`STORY_MIN_MENTIONS` times: the story the event belongs to (``idlib``). A rule written for
    Idlib then never reads a Libya article, whatever words the two share.
``terms_1``, ``terms_2``, ``terms_3``
    Term sets (``|``-separated). The sentence must contain at least one term of *each* non-empty
    set (``terms_2`` only with ``terms_1``, ``terms_3`` only with ``terms_2``).
``actors``
    Gazetteer actor ids (``|``-separated), *all* of which must be mentioned in the sentence, by name
    or demonym, directly or through something under them (``kremlin`` is met by ``بيسكوف``).
``speakers``
    Gazetteer actor ids (``|``-separated), *one* of which must be the speaker of an attribution verb or
    source connective in the sentence (``attributions.csv``: ``قال أردوغان``, ``وأضاف`` after him; not a
    distancing marker such as ``ما يسمى``, which is the writer's word), directly or through something
    under it. For statements and claims: a sentence that merely names the actor (``بمشاركة الرئيس
    التركي``, ``ترأس أردوغان اجتماعا``) is not his statement.
``exclude``
    Terms none of which may occur in the sentence (``جنديين`` keeps the two-soldier incident out of
    the five-soldier one).
``note``
    Why the rule looks like this; optional.

A rule needs ``terms_1``, ``actors`` or ``speakers``. Terms match on the matching form, whole words
with optional proclitics (see :mod:`helpers.compare.terms`), and *overlapping* occurrences all count: a
sentence with ``الأسلحة الكيميائية`` contains ``الكيميائية``. All terms of the codebook sit in one
automaton, built once; per sentence, the rules are evaluated as set logic on the terms, actors and
speakers found, and only the rules that one of them can trigger are looked at.

A codebook is written for one story. :func:`codebook_fit` says when a corpus is another story (most
articles match no event, the dated events fall outside the corpus's dates, or the articles are not
about the events' story), so a report can say so instead of showing near-empty tables.
"""
from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

import pandas as pd

from ..errors import WorkbookError
from ..lexicon import Lexicons, file_stamp, load_lexicon, seen_at, split_list, where
from ..paths import lexicon as lexicon_path
from ..loading import frame_from_rows
from .terms import TermIndex, term_key

EVENTS_FILE = "events.csv"
TERM_COLUMNS = ("terms_1", "terms_2", "terms_3")
EVENT_COLUMNS = ("event_id", "description", "date")
DEFAULT_WINDOW_DAYS = 30  # a dated event matches articles published on its date or up to this many days after
STORY_MIN_MENTIONS = 2  # an article belongs to an event's story when it names a story actor this often
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
CODEBOOK_COLUMNS = dict(required=["event_id"],
                        optional=["description", "date", "within_days", "story", *TERM_COLUMNS, "actors", "speakers",
                                  "exclude", "note"])


@dataclass(frozen=True)
class Rule:
    """One matching rule of the codebook (a row of ``events.csv``)."""

    event_id: str
    line: int
    groups: tuple[frozenset, ...]  # term keys; at least one of each group must be found
    exclude: frozenset
    actors: tuple[str, ...]
    date: dt.date | None
    within_days: int | None
    speakers: frozenset = frozenset()  # one of them must speak in the sentence
    story: frozenset = frozenset()  # the article must belong to the story of one of them
    label: str = ""  # how event_sentences.csv names the rule: its line, or FILE:line for a corpus's own file

    @property
    def window(self) -> tuple[dt.date, dt.date] | None:
        """Return the first and last publication dates the rule accepts, or None when it has no date.

        Examples
        --------
        >>> Rule("x", 2, (), frozenset(), (), dt.date(2020, 2, 10), 2).window
        (datetime.date(2020, 2, 10), datetime.date(2020, 2, 12))
        """
        if self.date is None:
            return None
        days = DEFAULT_WINDOW_DAYS if self.within_days is None else self.within_days
        return self.date, self.date + dt.timedelta(days=days)

    def matches(self, terms: set, actors: set, published: dt.date | None, speakers: set = frozenset(),
                stories: set = frozenset()) -> bool:
        """Return True when a sentence with these ``terms``, ``actors`` and ``speakers`` meets the rule.

        ``published`` is the article's reference date and ``stories`` the actors whose story it
        belongs to (see the module docstring).

        Examples
        --------
        >>> r = Rule("x", 2, (frozenset({"جنديين"}), frozenset({"قتلا", "مقتل"})), frozenset(), (), None, None)
        >>> r.matches({"جنديين", "قتلا"}, set(), None), r.matches({"جنديين"}, set(), None)
        (True, False)
        >>> said = Rule("said", 3, (), frozenset(), (), None, None, frozenset({"erdogan"}))
        >>> said.matches(set(), {"erdogan"}, None), said.matches(set(), {"erdogan"}, None, {"erdogan"})
        (False, True)
        """
        if self.exclude and not self.exclude.isdisjoint(terms):
            return False
        for group in self.groups:
            if group.isdisjoint(terms):
                return False
        for actor_id in self.actors:
            if actor_id not in actors:
                return False
        if self.speakers and self.speakers.isdisjoint(speakers):
            return False
        if self.story and self.story.isdisjoint(stories):
            return False
        window = self.window
        if window is not None and (published is None or not (window[0] <= published <= window[1])):
            return False
        return True


@dataclass(frozen=True)
class Codebook:
    """The loaded codebook: events, rules, one automaton of all terms, and the rule triggers."""

    events: pd.DataFrame  # event_id, description, date, n_rules, story, source: one row per event, file order
    rules: tuple[Rule, ...]
    index: TermIndex
    by_term: dict  # term key -> indices of the rules whose first set (or whose exclusions) hold it
    by_actor: dict  # actor id -> indices of the rules without terms that need it (or its speech)
    path: str

    @property
    def event_ids(self) -> list[str]:
        """Return the event ids in file order."""
        return list(self.events["event_id"])

    @property
    def stories(self) -> frozenset:
        """Return every actor id named in a ``story`` column (the stories the codebook was written for)."""
        return frozenset(a for r in self.rules for a in r.story)

    def events_of(self, terms: set, actors: set, published: dt.date | None = None, speakers: set = frozenset(),
                  stories: set = frozenset()) -> dict[str, list]:
        """Return ``{event_id: [rule labels]}`` for the rules a sentence meets (set logic only).

        Parameters
        ----------
        terms
            Term keys found in the sentence (:meth:`TermIndex.found_ids` on its matching form).
        actors
            Actor ids mentioned, closed under ``parent`` (:func:`helpers.compare.mentions.actor_closure`).
        published
            The article's reference date, for dated events.
        speakers
            Actor ids speaking in the sentence, closed under ``parent``.
        stories
            The story actors the article belongs to (:func:`article_stories`).
        """
        candidates = set()
        for key in self.by_term.keys() & terms:  # only the terms and actors that trigger a rule
            candidates.update(self.by_term[key])
        for actor_id in self.by_actor.keys() & (actors | speakers):
            candidates.update(self.by_actor[actor_id])
        if not candidates:
            return {}
        out: dict[str, list] = {}
        for i in sorted(candidates):
            rule = self.rules[i]
            if rule.matches(terms, actors, published, speakers, stories):
                out.setdefault(rule.event_id, []).append(rule.label or rule.line)
        return out


def _resolve(path) -> Path:
    if path is None:
        return lexicon_path(EVENTS_FILE)
    p = Path(path)
    return p if p.is_absolute() or p.exists() else lexicon_path(str(path))


def load_codebook(path: str | Path | None = None, actor_ids=None, lexicons=None) -> Codebook:
    """Load and validate the codebook; cached until the file changes.

    Parameters
    ----------
    path
        ``None`` for ``helpers/lexicons/events.csv`` (extended by ``lexicons``), a file name there, or
        a path.
    actor_ids
        The known actor ids (default: those of the gazetteer of the same ``lexicons``); an unknown id
        in ``actors``, ``speakers`` or ``story`` is an error.
    lexicons
        With ``path`` None: a corpus folder, a loaded corpus or a :class:`~helpers.lexicon.Lexicons`
        whose own ``lexicons/events.csv`` extends the shipped codebook (see :mod:`helpers.lexicon`).

    Raises
    ------
    WorkbookError
        Naming file and line: a bad id or date, a rule without terms, actors or speakers, ``terms_2``
        without ``terms_1``, ``within_days`` without a date, an unknown actor, an event described twice
        differently.
    """
    lex = Lexicons.of(lexicons) if path is None else None
    if actor_ids is None:
        from .mentions import gazetteer

        actor_ids = gazetteer(lexicons=lex).ids if lex is not None else gazetteer().ids
    if lex is not None:
        return _load_codebook_overlay(lex, frozenset(actor_ids))
    p = _resolve(path)
    stamp = file_stamp(p)
    return _load_codebook(str(p), stamp, frozenset(actor_ids))


def _parse_date(value: str, at: str) -> dt.date | None:
    if not value:
        return None
    if not _DATE_RE.match(value):
        raise WorkbookError(f"{at}: date {value!r} is not YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise WorkbookError(f"{at}: date {value!r} does not exist") from None


@lru_cache(maxsize=8)
def _load_codebook_overlay(lexicons: Lexicons, actor_ids: frozenset) -> Codebook:
    path = str(lexicon_path(EVENTS_FILE))
    return _compile_codebook(lexicons.load(EVENTS_FILE, **CODEBOOK_COLUMNS), path, actor_ids)


@lru_cache(maxsize=8)
def _load_codebook(path: str, _stamp, actor_ids: frozenset) -> Codebook:
    return _compile_codebook(load_lexicon(path, **CODEBOOK_COLUMNS), path, actor_ids)


def _ids(rec: dict, col: str, actor_ids: frozenset) -> tuple[str, ...]:
    ids = tuple(split_list(rec[col]))
    for actor_id in ids:
        if actor_id not in actor_ids:
            what = {"actors": "actor", "speakers": "speaker", "story": "story actor"}[col]
            raise WorkbookError(f"{where(rec)}: {what} {actor_id!r} is not an actor_id of the gazetteer")
    return ids


def _compile_codebook(frame: pd.DataFrame, path: str, actor_ids: frozenset) -> Codebook:
    events: dict[str, dict] = {}
    rules = []
    for rec in frame.to_dict("records"):
        at = where(rec)
        event_id = rec["event_id"]
        if not _ID_RE.match(event_id):
            raise WorkbookError(f"{at}: event_id {event_id!r} must be lower-case letters, digits and _")
        if event_id not in events:
            if not rec["description"]:
                raise WorkbookError(f"{at}: empty 'description' on the first row of event {event_id!r}")
            events[event_id] = {"event_id": event_id, "description": rec["description"], "date": rec["date"],
                                "story": rec["story"], "n_rules": 0, "rec": rec, "source": rec["file"]}
        else:
            first = events[event_id]
            for col in ("description", "date", "story"):
                if rec[col] and rec[col] != first[col]:
                    raise WorkbookError(f"{at}: {col} {rec[col]!r} differs from {seen_at(rec, first['rec'])} "
                                        f"of event {event_id!r} ({first[col]!r}); leave it empty on later rows")
        date = _parse_date(events[event_id]["date"], at)
        within = None
        if rec["within_days"]:
            if not rec["within_days"].isdigit():
                raise WorkbookError(f"{at}: within_days {rec['within_days']!r} is not a whole number of days")
            if date is None:
                raise WorkbookError(f"{at}: within_days needs the event's date")
            within = int(rec["within_days"])
        groups = []
        for col in TERM_COLUMNS:
            items = split_list(rec[col])
            if items and len(groups) < TERM_COLUMNS.index(col):
                raise WorkbookError(f"{at}: {col} is set but the set before it is empty")
            if items:
                groups.append(frozenset(term_key(t) for t in items))
        actors = _ids(rec, "actors", actor_ids)
        speakers = frozenset(_ids(rec, "speakers", actor_ids))
        story = frozenset(_ids(events[event_id]["rec"], "story", actor_ids))
        if not groups and not actors and not speakers:
            raise WorkbookError(f"{at}: the rule needs terms_1, actors or speakers")
        exclude = frozenset(term_key(t) for t in split_list(rec["exclude"]))
        events[event_id]["n_rules"] += 1
        label = str(rec["line"]) if rec["file"] == path else f"{Path(rec['file']).parent.name}/{Path(rec['file']).name}:{rec['line']}"
        rules.append(Rule(event_id, rec["line"], tuple(groups), exclude, actors, date, within, speakers, story, label))
    keys = sorted({k for r in rules for g in r.groups for k in g} | {k for r in rules for k in r.exclude})
    index = TermIndex(((k, k) for k in keys), source=path)
    by_term: dict[str, list[int]] = {}
    by_actor: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        if rule.groups:
            for key in rule.groups[0]:
                by_term.setdefault(key, []).append(i)
        elif rule.actors:
            by_actor.setdefault(rule.actors[0], []).append(i)
        else:
            for actor_id in rule.speakers:
                by_actor.setdefault(actor_id, []).append(i)
    table = pd.DataFrame([{k: v for k, v in e.items() if k != "rec"} for e in events.values()],
                         columns=[*EVENT_COLUMNS, "n_rules", "story", "source"])
    table["source"] = ["shipped" if f == path else f"{Path(f).parent.name}/{Path(f).name}" for f in table["source"]]
    return Codebook(table, tuple(rules), index, {k: tuple(v) for k, v in by_term.items()},
                    {k: tuple(v) for k, v in by_actor.items()}, path)


# ---------------------------------------------------------------- the codebook on a corpus

EVENT_SENTENCE_COLUMNS = ("event_id", "doc_id", "para_id", "sent_id", "sentence", "rules")
_TERM_ID, _ACTOR_ID = attrgetter("term_id"), attrgetter("actor_id")  # map() runs them without a Python frame
COVERAGE_COLUMNS = ("event_id", "doc_id", "n_sentences")


def _published(articles: pd.DataFrame) -> dict[str, dt.date | None]:
    out = {}
    for doc_id, value in zip(articles["doc_id"], articles["published"]):
        try:
            out[doc_id] = dt.date.fromisoformat(value) if value else None
        except (TypeError, ValueError):
            out[doc_id] = None
    return out


def reference_days(corpus) -> dict[str, dt.date | None]:
    """Return each article's reference date: ``published``, else the first full date in its text, else None.

    The same dates as :func:`helpers.dates.reference_dates`, which only has to read the text of the
    articles without a ``published`` date (remembered on the corpus).
    """
    return corpus.memo(("reference_days",), lambda: _reference_days(corpus))


def _reference_days(corpus) -> dict[str, dt.date | None]:
    days = _published(corpus.articles)
    undated = [d for d, day in days.items() if day is None]
    if undated:
        from ..dates import reference_dates
        from ..loading import Corpus

        keep = set(undated)
        sub = Corpus(corpus.seeds_dir, corpus.articles[corpus.articles["doc_id"].isin(keep)],
                     corpus.paragraphs[corpus.paragraphs["doc_id"].isin(keep)], corpus.cleaning_log.head(0))
        for doc_id, ref in zip(*reference_dates(sub)[["doc_id", "reference_date"]].T.values):
            days[doc_id] = dt.date.fromisoformat(ref) if ref else None
    return days


def article_stories(scans, codebook: Codebook, gaz) -> dict[str, frozenset]:
    """Return, per article, the story actors of the codebook it names at least :data:`STORY_MIN_MENTIONS` times.

    A mention counts for the actor and everything it belongs to (``parent``), by name or demonym.
    ``codebook`` is anything with a ``stories`` set of actor ids: the event codebook, or the framing
    lexicon (:class:`helpers.compare.framing.FramingLexicon`), whose ``story`` column follows this rule.
    """
    from .mentions import ancestors_map

    wanted = codebook.stories
    if not wanted:
        return {}
    amap = ancestors_map(gaz)
    counts: dict[str, Counter] = {}
    for p in scans:
        found = counts.setdefault(p.doc_id, Counter())
        for m in p.mentions:
            for actor_id in amap.get(m.actor_id, (m.actor_id,)):
                if actor_id in wanted:
                    found[actor_id] += 1
    return {d: frozenset(a for a, n in c.items() if n >= STORY_MIN_MENTIONS) for d, c in counts.items()}


def sentence_speakers(attributions: pd.DataFrame, gaz) -> dict[tuple, set]:
    """Return ``{(doc_id, para_id, sent_id): speakers}`` from an attributions table, closed under ``parent``.

    Only verbs and source connectives make a speaker: a distancing marker (``ما يسمى``, ``بذريعة``) is the
    writer's word about someone, not that person's statement.
    """
    from .mentions import actor_closure

    linked = attributions[(attributions["speaker_actor_id"] != "") & (attributions["kind"] != "marker")]
    out: dict[tuple, set] = {}
    for doc_id, para_id, sent_id, speaker in zip(linked["doc_id"].tolist(), linked["para_id"].tolist(),
                                                 linked["sent_id"].tolist(), linked["speaker_actor_id"].tolist()):
        out.setdefault((doc_id, int(para_id), int(sent_id)), set()).update(actor_closure([speaker], gaz))
    return out


def match_events(scans, articles: pd.DataFrame, codebook: Codebook | None = None, gaz=None,
                 attributions: pd.DataFrame | None = None, days: dict | None = None) -> pd.DataFrame:
    """Return one row per (event, sentence) the codebook matches.

    Parameters
    ----------
    scans
        The scanned paragraphs (:func:`helpers.compare.scan.scan_for_comparison`).
    articles
        ``corpus.articles``.
    codebook, gaz
        Default: the corpus's own (the shipped files, extended by its ``lexicons/``).
    attributions
        The attributions table of the same scans (:func:`helpers.compare.attribution.attributions_frame`),
        for the rules with ``speakers``; computed when not given.
    days
        Each article's reference date (:func:`reference_days`), for dated events; computed from the
        scans' corpus when not given (or, without one, from ``articles["published"]``).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EVENT_SENTENCE_COLUMNS`; ``rules`` lists the codebook lines that matched
        (``|``-separated; a rule of the corpus's own file is written ``lexicons/events.csv:LINE``), so
        every row can be traced to its rule. Rows in text order (article, paragraph, sentence), then
        codebook order.
    """
    from .mentions import actor_closure, gazetteer

    gaz = gazetteer(gaz if gaz is not None else getattr(scans, "gazetteer", None))
    codebook = codebook or load_codebook(actor_ids=gaz.ids, lexicons=gaz.lexicons)
    order = {e: i for i, e in enumerate(codebook.event_ids)}
    if days is None:
        corpus = getattr(scans, "corpus", None)
        days = reference_days(corpus) if corpus is not None else _published(articles)
    if any(r.speakers for r in codebook.rules):
        if attributions is None:
            from .attribution import attributions_frame

            attributions = attributions_frame(scans, gaz)
        spoken = sentence_speakers(attributions, gaz)
    else:
        spoken = {}
    stories = article_stories(scans, codebook, gaz)
    closures: dict[frozenset, set] = {}  # the same few sets of actors come back sentence after sentence
    find_all, events_of = codebook.index.find_all, codebook.events_of
    none: frozenset = frozenset()
    rows = []  # (doc_id, para_id, sent_id, event order, event_id, sentence, rules): they sort as they are
    for p in scans:
        sentences = p.sentences
        if not sentences:
            continue
        found_terms = find_all(p.form)
        if len(sentences) == 1:  # most paragraphs: no need to place each find in its sentence
            if not found_terms and not p.mentions:
                continue
            found_in = [(set(map(_TERM_ID, found_terms)), frozenset(map(_ACTOR_ID, p.mentions)))]
        else:
            found_in = [(set(), set()) for _ in sentences]
            for m in found_terms:
                found_in[p.sentence_at_form(m.start)][0].add(m.term_id)
            for m in p.mentions:
                found_in[p.sentence_at(m.start)][1].add(m.actor_id)
        day = days.get(p.doc_id)
        story = stories.get(p.doc_id, none)
        for i, (terms, actors) in enumerate(found_in):
            if not terms and not actors:
                continue
            key = frozenset(actors)
            closure = closures.get(key)
            if closure is None:
                closure = closures[key] = actor_closure(key, gaz)
            found = events_of(terms, closure, day, spoken.get((p.doc_id, p.para_id, i + 1), none), story)
            if found:
                s, e = sentences[i]
                sentence = p.text[s:e]
                for event_id, lines in found.items():
                    rows.append((p.doc_id, p.para_id, i + 1, order[event_id], event_id, sentence,
                                 "|".join(map(str, lines))))
    rows.sort()  # no two rows share (doc_id, para_id, sent_id, event order): later fields never decide
    return frame_from_rows([(r[4], r[0], r[1], r[2], r[5], r[6]) for r in rows], EVENT_SENTENCE_COLUMNS,
                           ("para_id", "sent_id"))


def event_coverage(event_sentences: pd.DataFrame, articles: pd.DataFrame,
                   codebook: Codebook | None = None) -> pd.DataFrame:
    """Return the event x article counts: ``event_id, doc_id, n_sentences`` (zeros included).

    Rows in article order, then codebook order: the full matrix in long form. ``codebook``: the one
    the sentences were matched with (default: the shipped one).
    """
    codebook = codebook or load_codebook()
    counts = dict(Counter(zip(event_sentences["event_id"].tolist(), event_sentences["doc_id"].tolist())))
    event_ids = codebook.event_ids
    rows = [(e, d, counts.get((e, d), 0)) for d in articles["doc_id"].tolist() for e in event_ids]
    return frame_from_rows(rows, COVERAGE_COLUMNS, ("n_sentences",))


@dataclass(frozen=True)
class CodebookFit:
    """How well a codebook fits a corpus (see :func:`codebook_fit`)."""

    n_articles: int
    n_matched: int  # articles with at least one sentence matching an event
    first: dt.date | None  # the corpus's earliest and latest reference dates (None when no article has one)
    last: dt.date | None
    n_dated_articles: int
    dated_events: tuple[str, ...]  # events with a date
    events_in_span: tuple[str, ...]  # dated events whose window overlaps the corpus's dates
    stories: tuple[str, ...]  # the actors the codebook's events are about (its ``story`` column)
    n_in_story: int  # articles naming one of them at least STORY_MIN_MENTIONS times
    own_events: tuple[str, ...]  # events from the corpus's own lexicons/events.csv

    @property
    def another_story(self) -> bool:
        """Return True when the codebook was written for another story than the corpus's.

        That is when fewer than half of the articles match any event, or when the codebook's dated
        events all fall outside the corpus's dates.
        """
        if self.n_articles and self.n_matched * 2 < self.n_articles:
            return True
        return bool(self.dated_events) and self.first is not None and not self.events_in_span


def codebook_fit(scans, event_sentences: pd.DataFrame, codebook: Codebook | None = None) -> CodebookFit:
    """Return how well ``codebook`` fits the scanned corpus (articles matched, dates, story).

    Parameters
    ----------
    scans
        The corpus's scan (:func:`helpers.compare.scan.scan_for_comparison`).
    event_sentences
        :func:`match_events` on those scans with the same codebook.
    codebook
        Default: the corpus's own (shipped, extended by its ``lexicons/events.csv``).
    """
    from .mentions import gazetteer

    gaz = gazetteer(getattr(scans, "gazetteer", None))
    codebook = codebook or load_codebook(actor_ids=gaz.ids, lexicons=getattr(scans, "lexicons", None))
    corpus = scans.corpus
    return _fit(codebook, corpus.articles, event_sentences, reference_days(corpus), article_stories(scans, codebook, gaz))


def codebook_fit_from_tables(corpus, tables, codebook: Codebook | None = None) -> CodebookFit:
    """Return :func:`codebook_fit` read from the corpus's tables, without scanning its text again.

    Parameters
    ----------
    corpus
        The corpus (its ``articles`` and folder; its text is not read).
    tables
        The tables ``python -m helpers tables`` writes, by file name (a dict, or
        :class:`helpers.saved.SavedTables`): ``reference_dates.csv``, ``actor_mentions.csv``,
        ``actor_mentions_broad.csv`` and ``event_sentences.csv``, all from the same ``codebook``.
    codebook
        Default: the corpus's own (shipped, extended by its ``lexicons/events.csv``).

    The stories come from the mention tables (:func:`article_stories_from_tables`).
    """
    from ..actors import corpus_gazetteer

    gaz = corpus_gazetteer(corpus)
    codebook = codebook or load_codebook(actor_ids=gaz.ids, lexicons=corpus)
    references = tables["reference_dates.csv"]
    days = {d: dt.date.fromisoformat(r) if r else None for d, r in zip(references["doc_id"], references["reference_date"])}
    stories = article_stories_from_tables(tables, codebook, gaz)
    return _fit(codebook, corpus.articles, tables["event_sentences.csv"], days, stories)


def article_stories_from_tables(tables, codebook, gaz) -> dict[str, frozenset]:
    """Return :func:`article_stories` read from the mention tables, without scanning the text again.

    Parameters
    ----------
    tables
        ``actor_mentions.csv`` and ``actor_mentions_broad.csv`` by file name (a dict or
        :class:`helpers.saved.SavedTables`); read only when ``codebook`` has stories.
    codebook
        Anything with a ``stories`` set of actor ids (a codebook, the framing lexicon, the glossary's).
    gaz
        The gazetteer the tables were made with.

    The mentions a scan holds (names, and demonyms for their state) are the strict table's rows and
    the broad table's rows at other places: the broad view also folds capitals into their state,
    which the story count does not.
    """
    wanted = codebook.stories
    if not wanted:
        return {}
    from .mentions import ancestors_map

    strict, broad = tables["actor_mentions.csv"], tables["actor_mentions_broad.csv"]
    place = ["doc_id", "para_id", "start", "end"]
    demonyms = broad.merge(strict[place], on=place, how="left", indicator=True)
    demonyms = demonyms[demonyms["_merge"] == "left_only"]
    named = pd.concat([strict[["doc_id", "actor_id"]], demonyms[["doc_id", "actor_id"]]])
    per_actor = named.groupby(["doc_id", "actor_id"], sort=False).size()  # then each actor's ancestors once
    amap = ancestors_map(gaz)
    counts: dict[str, Counter] = {}
    for (doc_id, actor), n in per_actor.items():
        for actor_id in amap.get(actor, (actor,)):
            if actor_id in wanted:
                counts.setdefault(doc_id, Counter())[actor_id] += n
    return {d: frozenset(a for a, n in c.items() if n >= STORY_MIN_MENTIONS) for d, c in counts.items()}


def _fit(codebook: Codebook, articles: pd.DataFrame, event_sentences: pd.DataFrame, days: dict,
         stories: dict) -> CodebookFit:
    """Return the :class:`CodebookFit` of articles with these reference dates and story actors."""
    known = sorted(d for d in days.values() if d is not None)
    first, last = (known[0], known[-1]) if known else (None, None)
    dated, in_span = [], []
    for event_id in codebook.event_ids:
        windows = [r.window for r in codebook.rules if r.event_id == event_id and r.window is not None]
        if windows:
            dated.append(event_id)
            if first is not None and any(w[0] <= last and first <= w[1] for w in windows):
                in_span.append(event_id)
    own = codebook.events.loc[codebook.events["source"] != "shipped", "event_id"]
    return CodebookFit(len(articles), int(event_sentences["doc_id"].nunique()), first, last, len(known),
                       tuple(dated), tuple(in_span), tuple(sorted(codebook.stories)),
                       sum(1 for d in articles["doc_id"] if stories.get(d)), tuple(own))


def coverage_matrix(coverage: pd.DataFrame, articles: pd.DataFrame, outlet: str = "outlet_short") -> pd.DataFrame:
    """Return the coverage as a matrix: one row per event, one column per article (``doc_id · outlet``)."""
    labels = {d: f"{d} · {o}" for d, o in zip(articles["doc_id"], articles[outlet])}
    wide = coverage.pivot(index="event_id", columns="doc_id", values="n_sentences")
    events = list(dict.fromkeys(coverage["event_id"]))
    wide = wide.reindex(index=events, columns=list(articles["doc_id"]))
    return wide.rename(columns=labels).fillna(0).astype("int64")


def shared_events(coverage: pd.DataFrame, min_articles: int = 2) -> list[str]:
    """Return the events reported by at least ``min_articles`` articles, in codebook order.

    Examples
    --------
    >>> cov = pd.DataFrame({"event_id": ["a", "a", "b", "b"], "doc_id": ["1", "2", "1", "2"],
    ...                     "n_sentences": [2, 1, 0, 3]})
    >>> shared_events(cov)
    ['a']
    """
    reported = coverage[coverage["n_sentences"] > 0].groupby("event_id", sort=False)["doc_id"].nunique()
    return [e for e in dict.fromkeys(coverage["event_id"]) if reported.get(e, 0) >= min_articles]
