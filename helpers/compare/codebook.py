"""The event and claim codebook: which sentences report which event.

The codebook ``helpers/lexicons/events.csv`` has one row per *rule*; several rows with the same
``event_id`` are alternative rules (a sentence matching any of them reports the event):

``event_id``
    Canonical id (lower-case English, ``lavrov_separation_claim``).
``description``
    What happened or was claimed, in English. Required on the first row of an event; later rows
    leave it empty (or repeat it exactly).
``date``
    When it happened (``YYYY-MM-DD``), where known; like ``description``, given once per event.
``within_days``
    Optional. The rule only applies to articles published from ``date`` to ``date`` + this many
    days; an undated article never meets it. For words that fit several incidents (``مقتل جنود``).
``terms_1``, ``terms_2``, ``terms_3``
    Term sets (``|``-separated). The sentence must contain at least one term of *each* non-empty
    set (``terms_2`` only with ``terms_1``, ``terms_3`` only with ``terms_2``).
``actors``
    Gazetteer actor ids (``|``-separated), *all* of which must be mentioned in the sentence, by name
    or demonym, directly or through something under them (``kremlin`` is met by ``بيسكوف``).
``exclude``
    Terms none of which may occur in the sentence (``جنديين`` keeps the two-soldier incident out of
    the five-soldier one).
``note``
    Why the rule looks like this; optional.

A rule needs ``terms_1`` or ``actors``. Terms match on the matching form, whole words with optional
proclitics (see :mod:`helpers.compare.terms`), and *overlapping* occurrences all count: a sentence with
``الأسلحة الكيميائية`` contains ``الكيميائية``. All terms of the codebook sit in one automaton, built
once; per sentence, the rules are evaluated as set logic on the terms and actors found, and only the
rules that one of them can trigger are looked at.
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
from ..lexicon import file_stamp, load_lexicon, split_list
from ..paths import lexicon as lexicon_path
from ..loading import frame_from_rows
from .terms import TermIndex, term_key

EVENTS_FILE = "events.csv"
TERM_COLUMNS = ("terms_1", "terms_2", "terms_3")
EVENT_COLUMNS = ("event_id", "description", "date")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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

    def matches(self, terms: set, actors: set, published: dt.date | None) -> bool:
        """Return True when a sentence with these ``terms`` and ``actors`` meets the rule.

        Examples
        --------
        >>> r = Rule("x", 2, (frozenset({"جنديين"}), frozenset({"قتلا", "مقتل"})), frozenset(), (), None, None)
        >>> r.matches({"جنديين", "قتلا"}, set(), None), r.matches({"جنديين"}, set(), None)
        (True, False)
        """
        if self.exclude and not self.exclude.isdisjoint(terms):
            return False
        for group in self.groups:
            if group.isdisjoint(terms):
                return False
        for actor_id in self.actors:
            if actor_id not in actors:
                return False
        if self.within_days is not None:
            if published is None or not (self.date <= published <= self.date + dt.timedelta(days=self.within_days)):
                return False
        return True


@dataclass(frozen=True)
class Codebook:
    """The loaded codebook: events, rules, one automaton of all terms, and the rule triggers."""

    events: pd.DataFrame  # event_id, description, date, n_rules: one row per event, file order
    rules: tuple[Rule, ...]
    index: TermIndex
    by_term: dict  # term key -> indices of the rules whose first set (or whose exclusions) hold it
    by_actor: dict  # actor id -> indices of the rules without terms that need it
    path: str

    @property
    def event_ids(self) -> list[str]:
        """Return the event ids in file order."""
        return list(self.events["event_id"])

    def events_of(self, terms: set, actors: set, published: dt.date | None = None) -> dict[str, list[int]]:
        """Return ``{event_id: [rule lines]}`` for the rules a sentence meets (set logic only).

        Parameters
        ----------
        terms
            Term keys found in the sentence (:meth:`TermIndex.found_ids` on its matching form).
        actors
            Actor ids mentioned, closed under ``parent`` (:func:`helpers.compare.mentions.actor_closure`).
        published
            The article's date, for rules with ``within_days``.
        """
        candidates = set()
        for key in self.by_term.keys() & terms:  # only the terms and actors that trigger a rule
            candidates.update(self.by_term[key])
        for actor_id in self.by_actor.keys() & actors:
            candidates.update(self.by_actor[actor_id])
        if not candidates:
            return {}
        out: dict[str, list[int]] = {}
        for i in sorted(candidates):
            rule = self.rules[i]
            if rule.matches(terms, actors, published):
                out.setdefault(rule.event_id, []).append(rule.line)
        return out


def _resolve(path) -> Path:
    if path is None:
        return lexicon_path(EVENTS_FILE)
    p = Path(path)
    return p if p.is_absolute() or p.exists() else lexicon_path(str(path))


def load_codebook(path: str | Path | None = None, actor_ids=None) -> Codebook:
    """Load and validate the codebook; cached until the file changes.

    Parameters
    ----------
    path
        ``None`` for ``helpers/lexicons/events.csv``, a file name there, or a path.
    actor_ids
        The known actor ids (default: the shipped gazetteer's); an unknown id in ``actors`` is an
        error.

    Raises
    ------
    WorkbookError
        Naming file and line: a bad id or date, a rule without terms or actors, ``terms_2`` without
        ``terms_1``, ``within_days`` without a date, an unknown actor, an event described twice
        differently.
    """
    if actor_ids is None:
        from .mentions import gazetteer

        actor_ids = gazetteer().ids
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
def _load_codebook(path: str, _stamp, actor_ids: frozenset) -> Codebook:
    frame = load_lexicon(path, required=["event_id"],
                         optional=["description", "date", "within_days", *TERM_COLUMNS, "actors", "exclude", "note"])
    events: dict[str, dict] = {}
    rules = []
    for rec in frame.to_dict("records"):
        at = f"{path}, line {rec['line']}"
        event_id = rec["event_id"]
        if not _ID_RE.match(event_id):
            raise WorkbookError(f"{at}: event_id {event_id!r} must be lower-case letters, digits and _")
        if event_id not in events:
            if not rec["description"]:
                raise WorkbookError(f"{at}: empty 'description' on the first row of event {event_id!r}")
            events[event_id] = {"event_id": event_id, "description": rec["description"], "date": rec["date"],
                                "n_rules": 0, "line": rec["line"]}
        else:
            first = events[event_id]
            for col in ("description", "date"):
                if rec[col] and rec[col] != first[col]:
                    raise WorkbookError(f"{at}: {col} {rec[col]!r} differs from line {first['line']} "
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
        actors = tuple(split_list(rec["actors"]))
        for actor_id in actors:
            if actor_id not in actor_ids:
                raise WorkbookError(f"{at}: actor {actor_id!r} is not an actor_id of the gazetteer")
        if not groups and not actors:
            raise WorkbookError(f"{at}: the rule needs terms_1 or actors")
        exclude = frozenset(term_key(t) for t in split_list(rec["exclude"]))
        events[event_id]["n_rules"] += 1
        rules.append(Rule(event_id, rec["line"], tuple(groups), exclude, actors, date, within))
    keys = sorted({k for r in rules for g in r.groups for k in g} | {k for r in rules for k in r.exclude})
    index = TermIndex(((k, k) for k in keys), source=path)
    by_term: dict[str, list[int]] = {}
    by_actor: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        if rule.groups:
            for key in rule.groups[0]:
                by_term.setdefault(key, []).append(i)
        else:
            by_actor.setdefault(rule.actors[0], []).append(i)
    table = pd.DataFrame(list(events.values()), columns=[*EVENT_COLUMNS, "n_rules", "line"]).drop(columns="line")
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


def match_events(scans, articles: pd.DataFrame, codebook: Codebook | None = None, gaz=None) -> pd.DataFrame:
    """Return one row per (event, sentence) the codebook matches.

    Parameters
    ----------
    scans
        The scanned paragraphs (:func:`helpers.compare.scan.scan_for_comparison`).
    articles
        ``corpus.articles`` (for the publication dates that ``within_days`` rules need).
    codebook, gaz
        Default: the shipped codebook and gazetteer.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EVENT_SENTENCE_COLUMNS`; ``rules`` lists the codebook lines that matched
        (``|``-separated), so every row can be traced to its rule. Rows in text order (article,
        paragraph, sentence), then codebook order.
    """
    from .mentions import actor_closure, gazetteer

    gaz = gazetteer(gaz)
    codebook = codebook or load_codebook(actor_ids=gaz.ids)
    order = {e: i for i, e in enumerate(codebook.event_ids)}
    published = _published(articles)
    closures: dict[frozenset, set] = {}  # the same few sets of actors come back sentence after sentence
    find_all, events_of = codebook.index.find_all, codebook.events_of
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
        day = published.get(p.doc_id)
        for i, (terms, actors) in enumerate(found_in):
            if not terms and not actors:
                continue
            key = frozenset(actors)
            closure = closures.get(key)
            if closure is None:
                closure = closures[key] = actor_closure(key, gaz)
            found = events_of(terms, closure, day)
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

    Rows in article order, then codebook order: the full matrix in long form.
    """
    codebook = codebook or load_codebook()
    counts = dict(Counter(zip(event_sentences["event_id"].tolist(), event_sentences["doc_id"].tolist())))
    event_ids = codebook.event_ids
    rows = [(e, d, counts.get((e, d), 0)) for d in articles["doc_id"].tolist() for e in event_ids]
    return frame_from_rows(rows, COVERAGE_COLUMNS, ("n_sentences",))


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
