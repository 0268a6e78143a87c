"""Actors you have not listed yet: names the text itself marks as people, for the gazetteer to add.

A corpus on a new story names people the gazetteer does not know. Three cues in the text say that a
run of words is a person's name:

``title``
    A title or office right before it (``المشير خليفة حفتر``, ``رئيس حكومة الوفاق فايز السراج``,
    ``المتحدث باسم قوات حفتر اللواء أحمد المسماري``): the titles are the ``title`` rows of
    ``helpers/lexicons/name_cues.csv``. Between the title and the name, words with the article
    ``ال``, known actors (``الروسي``, ``الكرملين``) and a preposition with what it governs (``إلى
    ليبيا``) are the office, not the name.
``speaker``
    The speaker slot of an attribution the gazetteer could not link (``وزعم المسماري``,
    ``وأوضح المبعوث الأممي غسان سلامة``): the words right after the verb (or after its title).
``surname``
    The last word of a name found by a cue, repeated alone later in the same article (``حفتر``
    after ``خليفة حفتر``).

A name is one to three words (``عبد``, ``أبو``, ``بن``, ``آل`` join the word after them): the first
without the article, a word with the article only as the last (``فايز السراج``; as the third, only when
it recurs alone in the article: ``محمد علی الحوثی`` ... ``الحوثی``), or as ``الله``, ``الدين``,
``الرحمن`` closing a compound (``هادي العبد الله``). ``علي`` is the name Ali, not the preposition
``على`` that shares its matching form, when written with ``ي`` (or with the Persian ``ی`` inside a
name). A word with ``ب`` or ``ل`` attached is not a name when the rest is a ``not_name`` word
(``لأنصار الله``) or, after a first name, when a noun with the article follows (``محمد آل جابر بجهود
الحكومة``). A word that is a known actor or place,
a title, an attribution verb, a date word, a function word or a ``not_name`` word of
``name_cues.csv`` (``قوات``, ``حكومة``, ``شرق``...) ends the name; so does punctuation.

``n_mentions`` counts, in each article where a cue found the name, every occurrence of the name and
of its last word alone (with proclitics: ``وحفتر``, ``للسراج``); ``n_articles`` counts those
articles. A one-word name found only as a speaker with the article (``وقال المسماري``) is kept only
when it is the last word of a longer name found elsewhere, and is counted with it; any other one-word
name is counted with the longer name whose last word it is, when there is exactly one.

The table is a :class:`~helpers.tables.CorpusStage` (:data:`CANDIDATES_STAGE`): each partition of
articles gives a small summary, and one reduction merges them, so ``--jobs`` and ``--dask`` write the
same bytes as one process. Rows are sorted by evidence: the number of kinds of cue, then articles,
then mentions.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import WorkbookError
from ..lexicon import Lexicons, split_list
from ..matching import OffsetMap, normalize_for_matching
from .gazetteer import ARTICLE, CONJUNCTIONS, PREPOSITIONS, corpus_gazetteer, matching_key
from .scan import scan_corpus
from .voices import CLAUSE_WORDS, PREPOSITION_WORDS, PREPOSITIONS_WITH_PRONOUN, as_verbs, paragraph_links

CUES_FILE = "name_cues.csv"
CUE_ROLES = ("title", "not_name")
CANDIDATE_COLUMNS = ("candidate", "n_mentions", "n_articles", "evidence", "example")
MAX_UNITS = 3
MAX_OFFICE_WORDS = 5  # words of office between a title and the name (الوطني الليبية ...)
EXAMPLE_CHARS = 50  # characters of context on each side of the example
WINDOW_CHARS = 90  # characters read after a cue: the office words (at most 5) and a name fit in them
JOINING = frozenset(normalize_for_matching(w) for w in ("عبد", "أبو", "ابو", "بن", "ابن", "بنت", "آل"))
COMPOUND_ENDS = frozenset(normalize_for_matching(w) for w in ("الله", "الدين", "الرحمن", "الرحيم"))
IMPERFECT_PREFIXES = "\u064a\u062a"  # ي ت: a word after a name that starts with them is a verb (يطالب)
IN_THE_NAME_OF = "\u0628\u0627\u0633\u0645"  # باسم, in المتحدث الرسمي باسم ...
GOVERNING = "\u0628\u0644"  # ب ل: after a name, ب/ل + a noun + a noun with ال is a phrase (بجهود الحكومة)
ALI = normalize_for_matching("علي")  # the name Ali and the preposition على share their matching form
_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0640"  # diacritics and tatweel
_TOKEN_RE = re.compile(r"\w+")
_BREAK_RE = re.compile(r"[^\w\s]")  # any punctuation between two words ends a name
EVIDENCE_KINDS = ("title", "speaker", "surname")


@dataclass(frozen=True)
class NameCues:
    """The loaded ``name_cues.csv``: the table, the titles' automaton and the words that are never names."""

    cues: pd.DataFrame
    titles: object  # a helpers.compare.terms.TermIndex of the title forms (matching form)
    not_names: frozenset  # matching forms of words that end a name


def load_name_cues(lexicons=None) -> NameCues:
    """Load and validate ``helpers/lexicons/name_cues.csv`` (extended by a corpus's own, see :mod:`helpers.lexicon`).

    Columns ``cue_id, role, forms, note``: ``role`` is ``title`` (words and phrases that introduce a
    person's name) or ``not_name`` (words that end one). One spelling under two ids is an error.
    """
    return _load_cues(Lexicons.of(lexicons))


@lru_cache(maxsize=8)
def _load_cues(lexicons: Lexicons) -> NameCues:
    from ..compare.terms import TermIndex  # the comparison's automaton; imported here, not at load time

    cues = lexicons.load(CUES_FILE, required=["cue_id", "role", "forms"], optional=["note"], unique=["cue_id"],
                         unique_matching=["forms"], allowed={"role": CUE_ROLES})
    titles = [(rec["cue_id"], form) for rec in cues.to_dict("records") if rec["role"] == "title"
              for form in split_list(rec["forms"])]
    if not titles:
        raise WorkbookError(f"{cues['file'].iloc[0] if len(cues) else CUES_FILE}: no title rows")
    not_names = frozenset(matching_key(form) for rec in cues.to_dict("records") if rec["role"] == "not_name"
                          for form in split_list(rec["forms"]))
    return NameCues(cues, TermIndex(titles, source=CUES_FILE), not_names)


@lru_cache(maxsize=8)
def _stop_words(lexicons: Lexicons, verbs_id: int, verb_keys: frozenset) -> frozenset:
    """Return every word that cannot be part of a name: function, title, verb, date and not_name words."""
    from ..dates import date_lexicon

    cues = _load_cues(lexicons)
    words = set(cues.not_names) | set(CLAUSE_WORDS) | set(PREPOSITION_WORDS) | set(PREPOSITIONS_WITH_PRONOUN)
    for key in cues.titles.keys:
        words.update(key.split())
    for key in verb_keys:
        words.update(key.split())
    dl = date_lexicon(lexicons)
    for table in (dl.months, dl.hijri_months, dl.weekdays, dl.relatives, dl.holidays, dl.units):
        for key in table:
            words.update(key.split())
    for role in dl.words.values():
        for key in role:
            words.update(key.split())
    words.update({c + w for c in CONJUNCTIONS for w in list(words)})
    return frozenset(words)


# ---------------------------------------------------------------- one article


@dataclass
class Found:
    """A candidate in one article (or, after the reduction, in the corpus)."""

    units: tuple[str, ...]  # matching form of each unit of the name
    surface: str  # as written in the clean text, first occurrence
    first: tuple  # (doc_id, para_id, start): where it was first found, to keep the earliest example
    example: str
    evidence: Counter = field(default_factory=Counter)  # (kind, detail) -> count
    n_mentions: int = 0
    n_articles: int = 0
    al_speaker_only: bool = False  # a one-word name with the article, seen only as a speaker

    @property
    def key(self) -> str:
        return " ".join(self.units)


def _tokens(form: str, lo: int = 0, hi: int | None = None):
    """Return the words of a matching form (or of ``form[lo:hi]``): ``(word, start, end)``, offsets in ``form``."""
    found = _TOKEN_RE.finditer(form, lo, len(form) if hi is None else hi)
    return [(m.group(), *m.span()) for m in found]


def _strip_clitics(word: str) -> str:
    """Return ``word`` without a leading و/ف (the conjunctions a title or name may carry)."""
    return word[1:] if len(word) > 3 and word[0] in CONJUNCTIONS else word


class _Paragraph:
    """What the candidate finder needs of one scanned paragraph."""

    def __init__(self, text: str, form: str, mentions, stop: frozenset, people=frozenset(), lo: int = 0,
                 hi: int | None = None, shared: dict | None = None):
        self.text, self.form, self.lo = text, form, lo
        self.tokens = _tokens(form, lo, hi)  # only the words of the window that holds the cues
        self.token_starts = [s for _, s, _ in self.tokens]
        self.starts = dict(zip(self.token_starts, range(len(self.tokens))))
        self.known = [False] * len(self.tokens)  # word inside a known actor's mention
        self.person = [False] * len(self.tokens)  # ... of a person: the title was for them
        if mentions:
            starts = self.token_starts
            for m in mentions:
                i = bisect_left(starts, m.mstart - len(m.clitic))
                is_person = m.kind == "name" and m.actor_id in people
                while i < len(starts) and self.tokens[i][2] <= m.mend:
                    self.known[i] = True
                    self.person[i] = is_person
                    i += 1
        self.stop = stop
        self._shared = {} if shared is None else shared  # per paragraph, across its windows: the offset map

    def breaks_before(self, i: int) -> bool:
        """Return True when punctuation stands between word ``i - 1`` and word ``i``."""
        before = self.tokens[i - 1][2] if i else self.lo
        return bool(_BREAK_RE.search(self.form, before, self.tokens[i][1]))

    def text_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a matching-form span to the clean text."""
        if len(self.form) == len(self.text):
            return start, end
        if "omap" not in self._shared:
            self._shared["omap"] = OffsetMap.for_text(self.text)
        return self._shared["omap"].span_to_source(start, end)

    def name_after(self, i: int) -> tuple[int, int] | None:
        """Return the words ``[i, j)`` of a name starting at word ``i`` (rules in the module docstring), or None."""
        tokens, n = self.tokens, len(self.tokens)
        units: list[tuple[int, int]] = []  # (first word, last word + 1) of each unit
        k = i
        while k < n and len(units) < MAX_UNITS + 1:
            if k > i and self.breaks_before(k):
                break
            word = tokens[k][0]
            if self.known[k] or (word in self.stop and not self._is_ali(k, bool(units))) or len(word) < 2 \
                    or word.isdigit():
                break
            if word[0] in PREPOSITIONS and len(word) > 3 and (word[1:] in self.stop or (
                    units and word[0] in GOVERNING and k + 1 < n and not self.breaks_before(k + 1)
                    and tokens[k + 1][0].startswith(ARTICLE) and tokens[k + 1][0] not in PREPOSITION_WORDS
                    and tokens[k + 1][0] not in CLAUSE_WORDS and tokens[k + 1][0] not in COMPOUND_ENDS)):
                break  # لأنصار (ل + a word that is no name), بجهود الحكومة (ب + a noun and its genitive)
            end = k + 1
            if word in JOINING and k + 1 < n and not self.breaks_before(k + 1) and not self.known[k + 1] \
                    and tokens[k + 1][0] not in self.stop:
                end = k + 2
            unit_word = tokens[end - 1][0]
            has_article = unit_word.startswith(ARTICLE) and end - k == 1
            if not units:
                if has_article:
                    return None
            elif has_article:
                if unit_word in COMPOUND_ENDS:
                    units.append((k, end))
                    k = end
                    continue
                if len(units) in (1, 2):  # a third with ال stays only if it recurs alone (_trim_third_words)
                    units.append((k, end))
                break
            elif word[0] in IMPERFECT_PREFIXES and len(word) > 3:
                break  # an imperfect verb after a name (السراج يطالب), not a third name
            units.append((k, end))
            k = end
            if len(units) == MAX_UNITS:
                break
        if not units:
            return None
        return units[0][0], units[-1][1]

    def _is_ali(self, k: int, inside: bool) -> bool:
        """Return True when word ``k``, ``علي`` in matching form, is the name Ali and not the preposition ``على``.

        Written with ``ي`` it is the name; with the Persian ``ی`` (one letter for both in Persian
        spelling) it is the name inside a name (``محمد علی الحوثی``); with ``ى`` it is the preposition.
        """
        if self.tokens[k][0] != ALI:
            return False
        s, e = self.text_span(self.tokens[k][1], self.tokens[k][2])
        last = self.text[s:e].rstrip(_MARKS)[-1:]
        return last == "\u064a" or (inside and last == "\u06cc")

    def after_office(self, i: int) -> int | None:
        """Return the first word after the office words that follow a title ending before word ``i``.

        None when a known person comes first (``الرئيس الروسي فلاديمير بوتين``): the title was theirs.
        """
        tokens, n = self.tokens, len(self.tokens)
        k, skipped = i, 0
        while k < n and skipped < MAX_OFFICE_WORDS and not self.breaks_before(k):
            word = tokens[k][0]
            if self.person[k]:
                return None
            if self.known[k] or word.startswith(ARTICLE) or (word[:1] in PREPOSITIONS and word[1:3] == ARTICLE):
                k += 1
            elif _strip_clitics(word) in PREPOSITION_WORDS and k + 1 < n and not self.breaks_before(k + 1) \
                    and (self.known[k + 1] or tokens[k + 1][0].startswith(ARTICLE)) and not self.person[k + 1]:
                k += 2  # إلى ليبيا, في الحكومة
            elif word == IN_THE_NAME_OF:
                k += 1
            elif word[0] in PREPOSITIONS and len(word) > 3 and word[1:] in self.stop:
                k += 1  # الناطق الرسمي لأنصار الله: ل + a word that is no name belongs to the office
            else:
                break
            skipped += 1
        return k


def _example(p: _Paragraph, start: int, end: int) -> str:
    s, e = p.text_span(start, end)
    text = p.text
    before, after = text[max(0, s - EXAMPLE_CHARS):s], text[e:e + EXAMPLE_CHARS]
    if s > EXAMPLE_CHARS and " " in before:
        before = "… " + before.split(" ", 1)[1]
    if e + EXAMPLE_CHARS < len(text) and " " in after:
        after = after.rsplit(" ", 1)[0] + " …"
    return (before + text[s:e] + after).strip()


_CLITICS = frozenset(c + p for c in ("", *CONJUNCTIONS) for p in ("", *PREPOSITIONS)) - {""}
_ASSIMILATED = tuple(c + "\u0644\u0644" for c in ("", *CONJUNCTIONS))  # لل ولل فلل: ل + ال


def bare_word(word: str, words) -> str | None:
    """Return the entry of ``words`` that ``word`` is, proclitics allowed, or None.

    Examples
    --------
    >>> bare_word("وحفتر", {"حفتر"}), bare_word("للسراج", {"السراج"}), bare_word("حفترية", {"حفتر"})
    ('حفتر', 'السراج', None)
    """
    if word in words:
        return word
    for cut in (1, 2):
        if word[:cut] in _CLITICS and word[cut:] in words:
            return word[cut:]
    for lam in _ASSIMILATED:
        if word.startswith(lam) and ARTICLE + word[len(lam):] in words:
            return ARTICLE + word[len(lam):]
    return None


def _count(form: str, words: set) -> Counter:
    """Count the words of ``form`` that are in ``words``, proclitics allowed (``وحفتر``, ``للسراج``)."""
    found: Counter = Counter()
    for word, _, _ in _tokens(form):
        hit = bare_word(word, words)
        if hit is not None:
            found[hit] += 1
    return found


MENTION_REACH = 200  # characters: a mention that starts this far before a window cannot reach into it


def article_candidates(doc_id: str, paragraphs, stop: frozenset, cues: NameCues, unlinked,
                       people=frozenset()) -> dict[str, Found]:
    """Return the candidates of one article: ``{key: Found}`` with its evidence and mentions.

    ``paragraphs`` is ``[(para_id, text, form, mentions)]`` in order; ``unlinked`` maps a para_id to
    the matching-form ends of its speech verbs that stayed unlinked; ``people`` holds the ids of the
    gazetteer's persons.
    """
    found: dict[str, Found] = {}
    al_speakers: dict[str, Found] = {}
    for para_id, text, form, mentions in paragraphs:
        title_hits = cues.titles.find_all(form)
        if title_hits:
            title_hits = _longest(title_hits)
            if mentions:
                title_hits = _not_before_a_person(form, title_hits, mentions, people)
        ends = unlinked.get(para_id, ())
        if not title_hits and not ends:
            continue
        starts = [m.mstart for m in mentions] if mentions else []  # in text order
        shared: dict = {}
        for hits, verb_ends, lo, hi in _clusters(title_hits, ends):
            # only the mentions near the window: on a paragraph of one long line, every window reading
            # every mention made the finder quadratic (a 5 MB line took minutes)
            near = mentions[bisect_left(starts, lo - MENTION_REACH):bisect_right(starts, len(form) if hi is None else hi)] \
                if mentions else mentions
            p = _Paragraph(text, form, near, stop, people, lo, hi, shared)
            if p.tokens:
                _read_cues(found, al_speakers, doc_id, para_id, p, hits, verb_ends)
    if not found and not al_speakers:
        return {}
    _trim_third_words(found, paragraphs)
    surnames = {f.units[-1]: f for f in found.values() if len(f.units) > 1}
    for key, f in list(al_speakers.items()):
        owner = surnames.get(f.units[0])
        if owner is not None:
            owner.evidence.update(f.evidence)
        else:
            f.al_speaker_only = True
            found.setdefault(key, f)
    for key, f in list(found.items()):
        if len(f.units) == 1 and f.units[0] in surnames and surnames[f.units[0]] is not f:
            surnames[f.units[0]].evidence.update(f.evidence)
            del found[key]
    # mentions: the whole name, or its last word alone, in every counted line of the article
    last = {f.units[-1] for f in found.values()}
    for _, _, form, _ in paragraphs:
        if not any(u in form for u in last):
            continue
        words = _count(form, last)
        for f in found.values():
            n_last = words.get(f.units[-1], 0) if " " not in f.units[-1] else form.count(f.units[-1])
            f.n_mentions += n_last
            if len(f.units) > 1:
                f.evidence[("surname", "")] += max(0, n_last - form.count(f.key))
    for f in found.values():
        f.n_mentions = max(f.n_mentions, 1)
        f.n_articles = 1
    return found


# Between a title and a known name: spaces, commas, quotation marks and words with ال (الروسي، الخارجية).
_OFFICE_GAP_RE = re.compile(r'[\s,\u060c"]*(?:\u0627\u0644\w+[\s,\u060c"]+)*')


def _not_before_a_person(form: str, hits, mentions, people) -> list:
    """Drop the title matches followed at once by a known person (office words and known actors between).

    ``الرئيس الروسي، فلاديمير بوتين`` and ``المتحدث باسم الكرملين، دميتري بيسكوف``: the title is the known
    person's, and no candidate can follow it. Most titles in news are of this kind; leaving them out
    here spares reading their words one by one.
    """
    starts = [m.mstart - len(m.clitic) for m in mentions]
    kept = []
    for hit in hits:
        i, pos = bisect_left(starts, hit.end), hit.end
        while i < len(starts) and _OFFICE_GAP_RE.fullmatch(form, pos, starts[i]):
            if mentions[i].actor_id in people and mentions[i].kind == "name":
                break
            pos, i = mentions[i].mend, i + 1
        else:
            kept.append(hit)
    return kept


def _clusters(title_hits, ends) -> list[list]:
    """Group a line's cues (titles, ends of unlinked verbs) whose reading windows overlap.

    Returns ``[title hits, verb ends, lo, hi]`` per group: each group's words are read from ``lo`` to
    ``hi`` only (:data:`WINDOW_CHARS` past its last cue).
    """
    cues = sorted([(m.start - len(m.clitic), m.end, m) for m in title_hits] + [(e, e, e) for e in ends],
                  key=lambda c: (c[0], c[1]))
    groups: list[list] = []
    for start, end, cue in cues:
        if groups and start <= groups[-1][3]:
            group = groups[-1]
            group[3] = max(group[3], end + WINDOW_CHARS)
        else:
            group = [[], [], start, end + WINDOW_CHARS]
            groups.append(group)
        group[1 if isinstance(cue, int) else 0].append(cue)
    return groups


def _read_cues(found: dict, al_speakers: dict, doc_id: str, para_id: int, p: _Paragraph, hits, ends) -> None:
    """Note the names that the titles ``hits`` and the unlinked verbs ending at ``ends`` point to."""
    text, stop = p.text, p.stop
    titles = {}  # word index where a title starts -> (word index after it, the title as written)
    for m in hits:
        i = _word_at(p, m.start - len(m.clitic))
        j = _word_after(p, m.end)
        if i is None or p.known[i] or j is None:
            continue
        s, e = p.text_span(m.start, m.end)
        titles[i] = (j, text[s:e])
    for j, title in titles.values():
        span = _name_after_title(p, j)
        if span is not None:
            _note(found, doc_id, para_id, p, span, ("title", title))
    for end in ends:
        j = _word_after(p, end)
        if j is None or p.breaks_before(j):
            continue
        span = _name_after_title(p, titles[j][0]) if j in titles else p.name_after(j)
        if span is not None:
            _note(found, doc_id, para_id, p, span, ("speaker", ""))
        elif j not in titles:
            word = p.tokens[j][0]
            if word.startswith(ARTICLE) and not p.known[j] and word not in stop and len(word) > 3 and \
                    (j + 1 == len(p.tokens) or p.breaks_before(j + 1) or p.tokens[j + 1][0] in stop):
                _note(al_speakers, doc_id, para_id, p, (j, j + 1), ("speaker", ""))


def _name_after_title(p: _Paragraph, j: int) -> tuple[int, int] | None:
    start = p.after_office(j)
    return p.name_after(start) if start is not None and start < len(p.tokens) else None


def _trim_third_words(found: dict, paragraphs) -> None:
    """Cut the third word off a three-word name when its second word, not its third, recurs alone.

    ``المشير خليفة حفتر مهلة`` read as a name of three words: ``حفتر`` comes back alone later in the
    article and ``مهلة`` does not, so the name is ``خليفة حفتر``. A third word with the article is a
    family name only when it recurs alone (``محمد علی الحوثی``, then ``ودعا الحوثی``); otherwise it is
    cut (a noun after a name of two words).
    """
    long = [f for f in found.values() if len(f.units) == 3]
    if not long:
        return
    words = set()
    for f in long:
        words.update(f.units[1:])
    counts: Counter = Counter()
    whole: Counter = Counter()  # occurrences of each whole name
    for _, _, form, _ in paragraphs:
        counts.update(_count(form, words))
        for f in long:
            whole[f.key] += form.count(f.key)
    for f in long:
        third = f.units[2]
        family = third.startswith(ARTICLE) and third not in COMPOUND_ENDS
        if counts[f.units[1]] > counts[third] or (family and counts[third] <= whole[f.key]):
            del found[f.key]
            short = Found(f.units[:2], " ".join(f.surface.split()[:len(f.units[0].split()) + len(f.units[1].split())]),
                          f.first, f.example, Counter(f.evidence))
            have = found.get(short.key)
            if have is None:
                found[short.key] = short
            else:
                have.evidence.update(short.evidence)
                if short.first < have.first:
                    have.first, have.surface, have.example = short.first, short.surface, short.example


def _longest(matches):
    from ..compare.terms import longest_matches

    return longest_matches(matches) if len(matches) > 1 else matches


def _word_at(p: _Paragraph, pos: int) -> int | None:
    return p.starts.get(pos)


def _word_after(p: _Paragraph, pos: int) -> int | None:
    """Return the index of the first word starting at or after ``pos``."""
    i = bisect_left(p.token_starts, pos)
    return i if i < len(p.tokens) else None


def _note(found: dict, doc_id: str, para_id: int, p: _Paragraph, span: tuple[int, int], evidence: tuple) -> None:
    i, j = span
    start, end = p.tokens[i][1], p.tokens[j - 1][2]
    units = _units(p, i, j)
    key = " ".join(units)
    f = found.get(key)
    if f is None:
        s, e = p.text_span(start, end)
        f = found[key] = Found(units, p.text[s:e], (doc_id, para_id, start), _example(p, start, end))
    f.evidence[evidence] += 1


def _units(p: _Paragraph, i: int, j: int) -> tuple[str, ...]:
    words = [p.tokens[k][0] for k in range(i, j)]
    units, k = [], 0
    while k < len(words):
        if words[k] in JOINING and k + 1 < len(words):
            units.append(words[k] + " " + words[k + 1])
            k += 2
        else:
            units.append(words[k])
            k += 1
    return tuple(units)


# ---------------------------------------------------------------- the corpus


def summarise_candidates(corpus, tables=None, gazetteer=None) -> list[Found]:
    """Return the candidates of a corpus (or of one partition of it), one :class:`Found` per name.

    The per-partition half of :data:`CANDIDATES_STAGE`: counts and evidence summed over the
    partition's articles, the example kept from the earliest one. ``tables`` (the partition's other
    tables) is not needed: the actor scan and its voices are remembered on the corpus.
    """
    gaz = corpus_gazetteer(corpus, gazetteer)
    lexicons = Lexicons.of(corpus)
    scanned = scan_corpus(corpus, gaz)
    verbs = as_verbs(lexicons=lexicons)
    cues = load_name_cues(lexicons)
    stop = _stop_words(lexicons, id(verbs), frozenset(verbs.entries))
    known = gaz.entries
    people = gaz.people
    merged: dict[str, Found] = {}
    doc, paragraphs, unlinked = None, [], {}
    cache = getattr(scanned, "links", None)

    def flush():
        if doc is None:
            return
        for key, f in article_candidates(doc, paragraphs, stop, cues, unlinked, people).items():
            if key in known:
                continue
            _merge_into(merged, f)

    for doc_id, para_id, text, form, mentions in scanned:
        if doc_id != doc:
            flush()
            doc, paragraphs, unlinked = doc_id, [], {}
        paragraphs.append((para_id, text, form, mentions))
        atts, voices = paragraph_links(text, form, mentions, gaz, verbs, "strict", cache, (doc_id, para_id))
        if voices:
            ends = {a.start: a.mend for a in atts if a.kind == "speech"}
            loose = [ends[v.start] for v in voices if v.link == "unlinked" and v.start in ends]
            if loose:
                unlinked[para_id] = loose
    flush()
    return sorted(merged.values(), key=lambda f: f.key)


def _merge_into(merged: dict, f: Found) -> None:
    """Add candidate ``f`` to ``merged`` (counts and evidence summed, the earliest example kept)."""
    have = merged.get(f.key)
    if have is None:
        merged[f.key] = Found(f.units, f.surface, f.first, f.example, Counter(f.evidence), f.n_mentions,
                              f.n_articles, f.al_speaker_only)
        return
    have.evidence.update(f.evidence)
    have.n_mentions += f.n_mentions
    have.n_articles += f.n_articles
    have.al_speaker_only = have.al_speaker_only and f.al_speaker_only
    if f.first < have.first:
        have.first, have.surface, have.example = f.first, f.surface, f.example


def reduce_candidates(summaries: list[list[Found]]) -> dict[str, pd.DataFrame]:
    """Merge the partitions' candidates into ``{"actor_candidates.csv": table}`` (see the module docstring).

    The result does not depend on how the articles were split: counts are sums, the example is the
    earliest one, and one-word names are merged into longer ones only once every partition is in.
    """
    merged: dict[str, Found] = {}
    for summary in summaries:
        for f in summary:
            _merge_into(merged, f)
    for key in sorted((k for k, f in merged.items() if len(f.units) == 3), key=len):
        f = merged[key]
        prefix = " ".join(f.units[:2])
        if prefix in merged:  # "X Y Z" once, "X Y" elsewhere: the third word was not part of the name
            _add(merged[prefix], f)
            del merged[key]
    owners: dict[str, list[str]] = {}
    for key, f in merged.items():
        if len(f.units) > 1:
            owners.setdefault(f.units[-1], []).append(key)
    for key in sorted(k for k, f in merged.items() if len(f.units) == 1):
        f = merged[key]
        heirs = owners.get(f.units[0], [])
        if len(heirs) == 1:
            _add(merged[heirs[0]], f)
            del merged[key]
        elif f.al_speaker_only:
            del merged[key]
    return {"actor_candidates.csv": candidates_frame(merged.values())}


def _add(owner: Found, f: Found) -> None:
    """Count candidate ``f`` as ``owner`` (a longer or shorter spelling of the same name)."""
    owner.evidence.update(f.evidence)
    owner.n_mentions += f.n_mentions
    owner.n_articles += f.n_articles


def candidates_frame(found) -> pd.DataFrame:
    """Return the candidates as the ``actor_candidates.csv`` table, sorted by evidence.

    Columns :data:`CANDIDATE_COLUMNS` and ``n_cues`` (title and speaker cues found).
    """
    rows = []
    for f in found:
        kinds = [k for k in EVIDENCE_KINDS if any(kind == k and n for (kind, _), n in f.evidence.items())]
        cues = sum(n for (kind, _), n in f.evidence.items() if kind != "surname")
        rows.append((len(kinds), f.n_articles, f.n_mentions, cues, f.surface, _evidence_text(f.evidence), f.example))
    rows.sort(key=lambda r: (-r[0], -r[1], -r[2], -r[3], r[4]))
    frame = pd.DataFrame([(r[4], r[2], r[1], r[5], r[6], r[3]) for r in rows],
                         columns=[*CANDIDATE_COLUMNS, "n_cues"])
    return frame.astype({"n_mentions": "int64", "n_articles": "int64", "n_cues": "int64"})


def _evidence_text(evidence: Counter) -> str:
    """Say which cues found a name: ``title: المشير ×3, رئيس حكومة ×1; speaker ×2; surname repeated ×12``."""
    parts = []
    titles = sorted(((n, d) for (k, d), n in evidence.items() if k == "title" and n), key=lambda t: (-t[0], t[1]))
    if titles:
        parts.append("title: " + ", ".join(f"{d} ×{n}" for n, d in titles))
    if evidence[("speaker", "")]:
        parts.append(f"unlinked speaker ×{evidence[('speaker', '')]}")
    if evidence[("surname", "")]:
        parts.append(f"surname repeated ×{evidence[('surname', '')]}")
    return "; ".join(parts)


def actor_candidates(corpus, gazetteer=None) -> pd.DataFrame:
    """Return the ``actor_candidates.csv`` table of a whole corpus, in this process (see the module docstring).

    Examples
    --------
    >>> from helpers.loading import read_corpus
    >>> from helpers.paths import ROOT
    >>> table = actor_candidates(read_corpus(ROOT / "tests" / "corpora" / "libya_2020"))
    >>> table["candidate"].tolist()  # Haftar and Sarraj are in the corpus's own lexicons/actors.csv
    ['أحمد المسماري', 'عقيلة صالح', 'غسان سلامة']
    """
    return reduce_candidates([summarise_candidates(corpus, gazetteer=gazetteer)])["actor_candidates.csv"]


def candidate_kwic(corpus, candidate: str, width: int = 60, limit: int | None = None) -> pd.DataFrame:
    """Return every occurrence of a candidate name, or of its last word alone, with its context.

    The same columns as :func:`helpers.actors.kwic` (``doc_id, para_id, outlet, before, match,
    after``), so :func:`helpers.actors.kwic_html` shows it; ``limit`` keeps the first rows.
    """
    from .scan import counted_paragraphs

    units = matching_key(candidate).split()
    whole, last = " ".join(units), units[-1]
    outlets = dict(zip(corpus.articles["doc_id"], corpus.articles["outlet_short"]))
    par = counted_paragraphs(corpus)
    forms = corpus.matching_forms()[par.index].tolist()
    rows = []
    for doc_id, para_id, text, form in zip(par["doc_id"], par["para_id"], par["text"], forms):
        if last not in form:
            continue
        p = _Paragraph(text, form, (), frozenset())
        k = 0
        while k < len(p.tokens):
            word, start, end = p.tokens[k]
            n = len(units)
            if k + n <= len(p.tokens) and n > 1 and bare_word(word, {units[0]}) and \
                    " ".join(t[0] for t in p.tokens[k + 1:k + n]) == " ".join(units[1:]):
                end, step = p.tokens[k + n - 1][2], n
            elif bare_word(word, {last}):
                step = 1
            else:
                k += 1
                continue
            s, e = p.text_span(start, end)
            cut = len(word) - len(bare_word(word, {units[0], last}) or word)
            s += cut
            before, after = text[max(0, s - width):s], text[e:e + width]
            if s > width and " " in before:
                before = "… " + before.split(" ", 1)[1]
            if e + width < len(text) and " " in after:
                after = after.rsplit(" ", 1)[0] + " …"
            rows.append((doc_id, int(para_id), outlets.get(doc_id, ""), before, text[s:e], after))
            k += step
        if limit is not None and len(rows) >= limit:
            break
    frame = pd.DataFrame(rows, columns=["doc_id", "para_id", "outlet", "before", "match", "after"])
    return frame if limit is None else frame.head(limit)


def unlinked_share(voices: pd.DataFrame) -> tuple[int, int]:
    """Return ``(unlinked, all)``: the attributions of a voices table with no named speaker, and all of them.

    Examples
    --------
    >>> unlinked_share(pd.DataFrame({"actor_id": ["putin", "", ""]}))
    (2, 3)
    """
    return int((voices["actor_id"] == "").sum()), len(voices)
