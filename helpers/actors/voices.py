"""Voices: who is given a voice in the text, through which verb, neutral or distancing.

The lexicon
-----------
``helpers/lexicons/attribution_verbs.csv`` (``verb_id, forms, stance, kind, note``) lists the
attribution verbs and markers, each form as written (conjugations listed one by one, since letters are
never stripped off a word). ``stance`` is ``neutral`` (``قال أكد أعلن``...) or ``distancing`` (``زعم
ادعى``, ``بحسب زعمها``, ``على حد تعبيرهم``, ``بذريعة``). ``kind`` is

``speech``
    a verb whose subject speaks (``قالت زاخاروفا``);
``source``
    a connective naming a source (``وفق وكالة سبوتنيك``, ``بحسب زايبرت``, ``على لسان``);
``marker``
    a phrase that qualifies reported content without naming a speaker (``بحسب زعمها``,
    ``بذريعة``). Markers are found by :func:`find_attributions` but make no voice.

Forms match as whole words, after an optional ``و`` or ``ف``, on the matching form; longest form
wins (``بحسب زعمها`` is one marker, not ``بحسب``). Participles (``مؤكدا``, ``مضيفا``) are left
out on purpose: they repeat the speaker of their clause.

The linking rule (and its limits)
---------------------------------
For each ``speech`` or ``source`` form, the speaker is looked for in this order:

1. **Subject before the verb** (``speech`` only): an actor mention ending right before the verb
   (only spaces, quotes, a comma or ``قد`` between): ``وكان أردوغان أكد``, ``سيرغي لافروف، قال``,
   ``الضباط الأتراك قالوا``. A source connective always names its source after it.
2. **Subject after the verb**: within the clause after the verb (at most :data:`WINDOW_WORDS` words;
   the clause ends at ``أن/إن/بأن/أنه``..., at ``. : ؛ ؟ !`` (not the dots of ``أ.ف.ب``) or a
   bracket, at a quotation mark that does not wrap a name, or at the next attribution form). After a
   speech verb only the subject may speak, and in VSO order the subject opens the clause (time words
   such as ``أمس`` and a prepositional phrase such as ``للصحفيين`` may come first):

   * an actor opening the clause is the speaker: ``وأفاد الكرملين`` -> kremlin;
   * a title of ``name_cues.csv`` (``المتحدث``, ``العقيد``) or a noun in construct (``وكالة أ.ف.ب``,
     ``ناطق القوات``, ``مصادر "زمان الوصل"``) opens the speaker's description: the first *person*
     in the clause speaks, else the first actor: ``وقال المتحدث باسم الكرملين، دميتري بيسكوف، إن``
     -> peskov;
   * any other word is an unknown subject and the voice stays unlinked: in ``وصفت الحكومة المقاتلين
     الحوثيين`` the Houthis are the object, and in ``وقالت مصادر في وفد الحكومة`` the sources speak.

   A source connective (``وفق وكالة سبوتنيك`` -> sputnik, ``على لسان مساعد سفير روسيا ...``) names
   its source anywhere in the clause: the first person, else the first actor. Actors coordinated with
   the speaker by ``و`` speak too (``أعرب كل من ماكرون وميركل`` -> macron and merkel).
3. **Headline colon**: a line that starts with an actor followed by ``:`` (``الكرملين: يجب``); not
   a place, since ``إدلب:`` is a dateline.

A mention governed by a preposition is never a speaker: one with a ``ب ل ك`` proclitic
(``للفصائل``) or right after a preposition word (``مع تركيا``, ``في إدلب``, ``لدى مجلس الأمن``;
but ``كل من ماكرون وميركل`` is "both Macron and Merkel"). Nor is the possessor of a head noun
(:data:`HEAD_NOUNS`) after the verb: in ``وزعم المتحدث باسم قوات حفتر اللواء أحمد المسماري`` the
speaker is the spokesman, not Haftar.
A source connective followed at once by a verb (``وفق ما نقلت الأناضول``) is one voice, the verb's.

Pronoun-only subjects (``وأضاف``, ``وزعمت إلى أنه``, ``وقالت الصحيفة بأن``) stay **unlinked**: the
row is kept with an empty ``actor_id``, so the share of unattributed speech is visible; they are not
carried over from the previous speaker. Known limits: an object right after the verb is read as the
subject when the subject is a pronoun (``ودعت المجتمع الدولي``; this is why ``دعا`` is not in the
lexicon); a title without a name (``الرئيس الروسي``) is not a person.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..errors import WorkbookError, check_choice
from ..lexicon import Lexicons, file_stamp, load_lexicon, split_list
from ..loading import frame_from_rows
from ..matching import OffsetMap, normalize_for_matching
from ..paths import lexicon as lexicon_path
from .gazetteer import CONJUNCTIONS, PREPOSITIONS, VIEWS, as_gazetteer, corpus_gazetteer, matching_key, trie_pattern
from .scan import Mention, apply_view, bulk_allocation, scan_corpus, scan_mentions, source_span

_new_tuple = tuple.__new__  # builds a NamedTuple without the call through its Python-level __new__
VERBS_FILE = "attribution_verbs.csv"
STANCES = ("neutral", "distancing")
KINDS = ("speech", "source", "marker")
WINDOW_WORDS = 10
VOICE_COLUMNS = ("doc_id", "para_id", "actor_id", "verb", "verb_id", "stance", "link", "start", "end")

# Words (matching form, without a leading و/ف) that open a new clause after the verb.
CLAUSE_WORDS = frozenset(
    normalize_for_matching(w) for w in (
        "أن", "إن", "أنه", "أنها", "أنهم", "أنهما", "أننا", "إنه", "إنها", "إنهم", "بأن", "بأنه", "بأنها",
        "بأنهم", "بأنهما", "لأن", "حيث", "فيما", "بينما", "كما", "لكن", "إلا", "إذ",
    )
)
# Prepositions: a mention right after one of these is not a subject.
PREPOSITION_WORDS = frozenset(
    normalize_for_matching(w) for w in (
        "في", "من", "إلى", "على", "عن", "مع", "حول", "بشأن", "ضد", "لدى", "بين", "عند", "نحو", "تجاه",
        "إزاء", "خلال", "عبر", "منذ", "حتى", "دون", "وراء", "أمام", "ضمن", "لصالح", "بحق", "بخصوص",
        "حيال", "قبل", "بعد", "عقب", "أثناء", "جراء", "بسبب", "لدعم",
    )
)
# Attached pronouns (matching form): ه ها هم هما هن ي نا كم, longest first.
PRONOUN_SUFFIXES = ("\u0647\u0645\u0627", "\u0647\u0627", "\u0647\u0645", "\u0647\u0646", "\u0646\u0627",
                    "\u0643\u0645", "\u0647", "\u064a")
# A preposition with an attached pronoun, every combination spelled out once: فيها، عنه، له، بها
PREPOSITIONS_WITH_PRONOUN = frozenset(base + suffix for base in (*PREPOSITION_WORDS, "\u0644", "\u0628")
                                      for suffix in PRONOUN_SUFFIXES)
# Head nouns whose possessor is not the subject of a verb before them (matching form): قوات حكومة مجلس
# مكتب وزارة جيش حزب حركة شركة مجموعة جماعة تنظيم ميليشيا ميليشيات جبهة هيئة لجنة.
HEAD_NOUNS = frozenset(normalize_for_matching(w) for w in (
    "قوات", "حكومة", "مجلس", "مكتب", "وزارة", "جيش", "حزب", "حركة", "شركة", "مجموعة", "جماعة", "تنظيم", "ميليشيا",
    "ميليشيات", "جبهة", "هيئة", "لجنة",
))
# Words that may stand between a verb and its subject (matching form): time words and adverbs, as in
# وأكد أمس الكرملين، وقال اليوم وزير الخارجية.
TIME_WORDS = frozenset(normalize_for_matching(w) for w in (
    "أمس", "اليوم", "الليلة", "مساء", "صباح", "ظهر", "فجر", "يوم", "أول", "الأحد", "الاثنين", "الثلاثاء",
    "الأربعاء", "الخميس", "الجمعة", "السبت", "أيضا", "كذلك", "بدوره", "بدورها", "الآن", "مجددا", "سابقا",
))
_BOTH = ["\u0643\u0644", "\u0645\u0646"]  # كل من
CLAUSE_PUNCTUATION = ".:؛!؟?()[]…\n"
_WORD_RE = re.compile(r"\w+")
_TOKEN_RE = re.compile(r"\w+|[^\w\s]")
_SV_GAP_RE = re.compile(r"[\s\"'،,]*(?:(?:قد|لقد)\s+)?$")
_COORD_GAP_RE = re.compile(r"[\s\"'،,]*$")
_CHAIN_RE = re.compile(r"[\s\"'،,]*(?:ل?ما\s*)?")


class Attribution(NamedTuple):
    """One attribution form found in a text (offsets into the clean text and its matching form)."""

    verb_id: str
    surface: str  # as written, with its و/ف if any
    start: int
    end: int
    stance: str
    kind: str
    mstart: int
    mend: int


@dataclass(frozen=True)
class VerbLexicon:
    """The validated attribution lexicon and its compiled pattern (see :func:`load_attribution_verbs`)."""

    verbs: pd.DataFrame
    path: str
    pattern: re.Pattern
    entries: dict  # matching key -> (verb_id, stance, kind)


VERB_COLUMNS = dict(required=["verb_id", "forms", "stance", "kind"], optional=["note"], unique=["verb_id"],
                    unique_matching=["forms"], allowed={"stance": STANCES, "kind": KINDS})


def load_attribution_verbs(path: str | Path | None = None, lexicons=None) -> VerbLexicon:
    """Load and validate the attribution lexicon (default ``helpers/lexicons/attribution_verbs.csv``).

    With ``path`` None, ``lexicons`` (a corpus folder, a loaded corpus or a
    :class:`~helpers.lexicon.Lexicons`) may extend the shipped file with the corpus's own
    ``lexicons/attribution_verbs.csv``. A bad stance or kind, an empty form or one spelling under two
    verb ids is a :class:`WorkbookError` naming the file and line.
    """
    if path is None:
        return _load_verbs_overlay(Lexicons.of(lexicons))
    p = Path(path)
    if not p.is_absolute() and not p.exists():
        p = lexicon_path(str(path))
    return _load_verbs(str(p), file_stamp(p))


@lru_cache(maxsize=8)
def _load_verbs_overlay(lexicons: Lexicons) -> VerbLexicon:
    return _compile_verbs(lexicons.load(VERBS_FILE, **VERB_COLUMNS), str(lexicon_path(VERBS_FILE)))


@lru_cache(maxsize=8)
def _load_verbs(path: str, _stamp_v) -> VerbLexicon:
    return _compile_verbs(load_lexicon(path, **VERB_COLUMNS), path)


def _compile_verbs(verbs: pd.DataFrame, path: str) -> VerbLexicon:
    entries = {}
    for rec in verbs.to_dict("records"):
        for form in split_list(rec["forms"]):
            entries[matching_key(form)] = (rec["verb_id"], rec["stance"], rec["kind"])
    if not entries:
        raise WorkbookError(f"{path}: no forms")
    conj = "|".join(CONJUNCTIONS)
    pattern = re.compile(rf"(?<!\w)(?:{conj})??(?P<f>{trie_pattern(sorted(entries))})(?!\w)")
    return VerbLexicon(verbs, path, pattern, entries)


def as_verbs(verbs=None, lexicons=None) -> VerbLexicon:
    """Return ``verbs`` if it is a loaded :class:`VerbLexicon`, else load it (a path, or ``lexicons``'s lexicon)."""
    if isinstance(verbs, VerbLexicon):
        return verbs
    return load_attribution_verbs(verbs, lexicons=lexicons)


CHARGE_VERBS = frozenset({"allege"})  # ادعى/يدعي: 'claimed', or with على 'pressed charges against'
_CHARGE_RE = re.compile(r"(?:^|\s)(علي|بان|ان|انه|انها|انهم|بانه|بانها)(?=\s|$)")
_CLAUSE_END_RE = re.compile(r"[.!?؟:؛\n]")


def is_charge(form: str, end: int, reach: int = 120) -> bool:
    """Return True when the verb ending at ``end`` (matching form) is the legal ``ادعى على``, not a claim.

    In legal news ``ادعى`` / ``يدعي`` followed by ``على`` means "pressed charges against"
    (``ادعى القاضي فادي صوان على حسان دياب``); a claim takes ``أن``/``إن``/``بأن``. The first of these
    words within ``reach`` characters of the verb, before the clause ends, decides.

    Examples
    --------
    >>> from helpers.matching import normalize_for_matching as n
    >>> is_charge(n("ادعى صوان في كانون الأول على حسان دياب"), 4), is_charge(n("ادعى أنه لم يكن هناك"), 4)
    (True, False)
    >>> is_charge(n("وادعى المتحدث أن الجيش سيطر على البلدة"), 5)
    False
    """
    stop = _CLAUSE_END_RE.search(form, end, end + reach)
    m = _CHARGE_RE.search(form, end, stop.start() if stop else end + reach)
    return bool(m) and m.group(1) == "علي"


def find_attributions(text: str, verbs=None, form: str | None = None) -> list[Attribution]:
    """Return every attribution form in ``text``: verbs, source connectives and distancing markers.

    ``ادعى على`` (pressed charges against) is no attribution (:func:`is_charge`).

    Examples
    --------
    >>> [(a.verb_id, a.surface, a.stance) for a in find_attributions("وإدعت أنه، بحسب زعمها، وقال")]
    [('allege', 'وإدعت', 'distancing'), ('per_their_claim', 'بحسب زعمها', 'distancing'), ('say', 'وقال', 'neutral')]
    """
    lex = as_verbs(verbs)
    form = normalize_for_matching(text) if form is None else form
    entries = lex.entries
    found = []
    omap = None
    same = len(form) == len(text)  # nothing removed: offsets are the same in both
    for m in lex.pattern.finditer(form):
        raw = m.group("f")
        verb_id, stance, kind = entries.get(raw) or entries[" ".join(raw.split())]
        mstart, mend = m.span()
        if verb_id in CHARGE_VERBS and is_charge(form, mend):
            continue  # ادعى على: a prosecutor pressed charges; nobody is quoted
        if same:
            s, e = mstart, mend
        else:
            omap = omap or OffsetMap.for_text(text)
            s, e = source_span(text, omap, mstart, mend)
        found.append(_new_tuple(Attribution, (verb_id, text[s:e], s, e, stance, kind, mstart, mend)))
    return found


class Voice(NamedTuple):
    """One attribution and the actor it gives a voice to (``actor_id`` empty when unlinked)."""

    actor_id: str
    verb: str
    verb_id: str
    stance: str
    link: str  # before_verb, after_verb, coordinated, headline_colon, unlinked
    start: int
    end: int


def _strip_conj(word: str) -> str:
    return word[1:] if len(word) > 2 and word[0] in CONJUNCTIONS else word


def governed_by_preposition(m: Mention, form: str) -> bool:
    """Return True when a preposition governs the mention (proclitic or the word before it)."""
    clitic = m.clitic[1:] if m.clitic[:1] in CONJUNCTIONS else m.clitic
    if clitic[:1] in PREPOSITIONS:
        return True
    before = _WORD_RE.findall(form, max(0, m.mstart - len(m.clitic) - 30), m.mstart - len(m.clitic))
    if not before:
        return False
    if before[-2:] == _BOTH:
        return False  # "كل من X و Y": both X and Y
    return _strip_conj(before[-1]) in PREPOSITION_WORDS


def _possessor(m: Mention, form: str) -> bool:
    """Return True when the mention follows a head noun (``قوات حفتر``, ``حكومة السراج``): it is a possessor."""
    if m.clitic:
        return False
    before = _WORD_RE.findall(form, max(0, m.mstart - 20), m.mstart)
    return bool(before) and _strip_conj(before[-1]) in HEAD_NOUNS


# Every token that ends a clause: a clause word, bare or after و/ف (as _strip_conj would find it),
# or a clause punctuation mark. A token is a word or one other character, so one look-up decides.
_CLAUSE_STOPS = frozenset(
    CLAUSE_WORDS | {c + w for c in CONJUNCTIONS for w in CLAUSE_WORDS if len(c + w) > 2} | set(CLAUSE_PUNCTUATION)
)


def _window_end(form: str, start: int, limit: int, starts: set, ends: set) -> int:
    """Return where the clause after an attribution form ends (see the module docstring)."""
    words = 0
    for tok in _TOKEN_RE.finditer(form, start, limit):
        t = tok.group()
        if t in _CLAUSE_STOPS:
            if t == "." and 0 < tok.start() and tok.end() < len(form) and form[tok.start() - 1].isalpha() \
                    and form[tok.end()].isalpha():
                continue  # a dot between two letters abbreviates (أ.ف.ب): no clause ends there
            return tok.start()
        if t == '"':
            if tok.end() not in starts and tok.start() not in ends:
                return tok.start()
        elif t[0].isalnum() or t[0] == "_":
            words += 1
            if words > WINDOW_WORDS:
                return tok.start()
    return limit


def link_voices(text: str, mentions: list[Mention], attributions: list[Attribution],
                gazetteer=None, form: str | None = None) -> list[Voice]:
    """Link each speech or source form to its speaker(s) among ``mentions`` (rule in the module docstring).

    Parameters
    ----------
    text
        The clean paragraph.
    mentions
        Its actor mentions under the chosen view, in text order (as
        :func:`helpers.actors.find_actor_mentions` returns them).
    attributions
        Its attribution forms, in text order (from :func:`find_attributions`).
    gazetteer
        The gazetteer the mentions come from (it says which actors are people and places).

    Returns
    -------
    list of Voice
        In text order; an attribution with no speaker gives one row with ``actor_id == ""``.
    """
    form = normalize_for_matching(text) if form is None else form
    voices: list[Voice] = []
    heads = [a for a in attributions if a.kind != "marker"]
    first = _headline_speaker(form, mentions) if ":" in form else None
    if first is not None and first.actor_id in as_gazetteer(gazetteer).places:
        first = None  # "إدلب: ..." is a dateline, not a place speaking
    if not heads and first is None:
        return voices
    gaz = as_gazetteer(gazetteer)
    people = gaz.people
    openers = subject_openers(gaz.lexicons)
    if '"' in form:  # where names start and end, to tell a quoted name from a quotation
        starts, ends = {m.mstart - len(m.clitic) for m in mentions}, {m.mend for m in mentions}
    else:
        starts = ends = frozenset()
    all_starts = [a.mstart for a in attributions]  # in text order, so sorted
    # Mention starts and ends, for binary searches: each attribution looks only at the mentions near it,
    # not at every mention of the paragraph (which made a long paragraph quadratic). Mentions come from
    # one left-to-right scan, so both lists are sorted; if a caller's are not, fall back to scanning.
    m_starts, m_ends = [m.mstart for m in mentions], [m.mend for m in mentions]
    ordered = all(x <= y for x, y in zip(m_ends, m_ends[1:])) and all(x <= y for x, y in zip(m_starts, m_starts[1:]))
    index = (m_starts, m_ends) if ordered else None
    n = len(form)
    if first is not None:
        colon = form.index(":", first.mend)
        s, e = OffsetMap.for_text(text).span_to_source(colon, colon + 1)
        voices.append(Voice(first.actor_id, text[s:e], "headline_colon", "neutral", "headline_colon", s, e))
    for a in heads:
        i = bisect_left(all_starts, a.mend)  # the next attribution form, if any
        nxt = all_starts[i] if i < len(all_starts) else n
        if nxt < n and _CHAIN_RE.fullmatch(form, a.mend, nxt):
            continue  # a source connective chained to a verb: "وفق ما نقلت الأناضول" is the verb's voice
        speakers = _speakers(form, a, mentions, starts, ends, nxt, people, index, openers)
        if not speakers:
            voices.append(_new_tuple(Voice, ("", a.surface, a.verb_id, a.stance, "unlinked", a.start, a.end)))
        for actor_id, link in speakers:
            voices.append(_new_tuple(Voice, (actor_id, a.surface, a.verb_id, a.stance, link, a.start, a.end)))
    return voices


def _headline_speaker(form: str, mentions: list[Mention]) -> Mention | None:
    if not mentions:
        return None
    m = mentions[0]
    lead = form[:m.mstart - len(m.clitic)]
    if lead.strip(" \"'") or m.clitic:
        return None
    rest = form[m.mend:]
    return m if rest.lstrip(" \"'").startswith(":") else None


@lru_cache(maxsize=8)
def subject_openers(lexicons=None) -> frozenset:
    """Return the words (matching form) that open a speaker's description after a verb: the first word
    of every title of ``name_cues.csv`` (``المتحدث``, ``الأمين``, ``العقيد``, ``وزير``...)."""
    from .candidates import load_name_cues  # candidates builds on this module: import when first needed

    return frozenset(key.split()[0] for key in load_name_cues(lexicons).titles.keys)


def _subject_slot(form: str, a: Attribution, end: int, near: list[Mention], openers: frozenset):
    """Return what opens the clause after a speech verb: ``(True, mention)`` for an actor, ``(False, None)``
    for a title or a noun in construct (the speaker's description: the name comes later), ``None`` for
    anything else (an unknown subject such as ``الحكومة`` or ``مصادر في``, or no subject at all).

    Time words (:data:`TIME_WORDS`) and a prepositional phrase may come first: ``وأكد أمس الكرملين``,
    ``وقال للصحفيين وزير الخارجية``.
    """
    at = {m.mstart - len(m.clitic): m for m in near}
    words = list(_WORD_RE.finditer(form, a.mend, end))
    skip_to = a.mend
    for i, tok in enumerate(words):
        if tok.start() < skip_to:
            continue
        m = at.get(tok.start())
        if m is not None:
            if governed_by_preposition(m, form):
                skip_to = m.mend  # لدى مجلس الأمن: a phrase before the subject
                continue
            return True, m
        w = tok.group()
        base = _strip_conj(w)
        if base in TIME_WORDS or base in PREPOSITIONS_WITH_PRONOUN:
            continue
        if [base, words[i + 1].group() if i + 1 < len(words) else ""] == _BOTH:  # أعرب كل من ماكرون وميركل
            skip_to = words[i + 1].end()
            continue
        if base in PREPOSITION_WORDS:  # في بيان: the preposition and the word it governs
            if i + 1 < len(words):
                skip_to = words[i + 1].end()
            continue
        if w[0] in PREPOSITIONS and len(w) > 3 and w[1:3] == "\u0627\u0644":  # للصحفيين، بالقاهرة
            continue
        if base in openers:
            return False, None
        if not base.startswith("\u0627\u0644") and i + 1 < len(words) and not form[tok.end():words[i + 1].start()].strip(' "'):
            nxt = _strip_conj(words[i + 1].group())
            if nxt not in PREPOSITION_WORDS and nxt not in _CLAUSE_STOPS:
                return False, None  # a noun in construct: وكالة أ.ف.ب، ناطق القوات، صحيفة "زمان الوصل"
        return None
    return None


def _speakers(form: str, a: Attribution, mentions: list[Mention], starts: set, ends: set,
              limit: int, people, index: tuple[list[int], list[int]] | None = None,
              openers: frozenset = frozenset()) -> list[tuple[str, str]]:
    if a.kind == "speech":
        if index is None:
            last = next((m for m in reversed(mentions) if m.mend <= a.mstart), None)  # the last one before
        else:
            i = bisect_right(index[1], a.mstart) - 1
            last = mentions[i] if i >= 0 else None
        if last is not None and _SV_GAP_RE.match(form, last.mend, a.mstart) and not governed_by_preposition(last, form):
            return [(last.actor_id, "before_verb")]
    end = _window_end(form, a.mend, limit, starts, ends)
    if index is None:
        near = mentions
    else:  # the mentions starting inside the window
        near = mentions[bisect_left(index[0], a.mend):bisect_left(index[0], end)]
    after = [m for m in near if m.mstart >= a.mend and m.mend <= end and not governed_by_preposition(m, form)
             and not _possessor(m, form)]
    if not after:
        return []
    if a.kind == "speech":
        slot = _subject_slot(form, a, end, [m for m in near if m.mstart >= a.mend], openers)
        if slot is None:
            return []  # an unknown subject: a noun after it is the object (وصفت الحكومة المقاتلين الحوثيين)
        if slot[0]:
            after = after[after.index(slot[1]):] if slot[1] in after else after
            at = 0
        else:
            at = next((i for i, m in enumerate(after) if m.actor_id in people), 0)
    else:
        at = next((i for i, m in enumerate(after) if m.actor_id in people), 0)  # the first person, else the first
    chosen = after[at]
    out = [(chosen.actor_id, "after_verb")]
    prev = chosen
    for m in after[at + 1:]:
        if m.clitic == CONJUNCTIONS[0] and _COORD_GAP_RE.match(form, prev.mend, m.mstart - 1):
            out.append((m.actor_id, "coordinated"))
            prev = m
        else:
            break
    return out


def find_voices(text: str, view: str = "strict", gazetteer=None, verbs=None) -> list[Voice]:
    """Return who is given a voice in ``text`` (one paragraph of clean text).

    Examples
    --------
    >>> [(v.actor_id, v.verb) for v in find_voices("وقالت زاخاروفا: إن الاتصالات مستمرة، وفق وكالة سبوتنيك.")]
    [('zakharova', 'وقالت'), ('sputnik', 'وفق')]
    >>> [(v.actor_id, v.link) for v in find_voices("وأضاف أن الهدنة صامدة")]
    [('', 'unlinked')]
    """
    gaz = as_gazetteer(gazetteer)
    check_choice("view", view, VIEWS)
    form = normalize_for_matching(text)
    mentions = apply_view(scan_mentions(text, gaz, form), view, gaz)
    return link_voices(text, mentions, find_attributions(text, verbs, form), gaz, form)


def paragraph_links(text: str, form: str, mentions: list[Mention], gaz, lex, view: str = "strict",
                    cache: dict | None = None, key=None) -> tuple[list[Attribution], list[Voice]]:
    """Return a scanned paragraph's attribution forms and its voices under ``view``.

    With a ``cache`` (an :class:`helpers.actors.ActorScan`'s ``links``) and a ``key`` naming the
    paragraph, the result is computed once and shared by every stage that asks.
    """
    full_key = None if cache is None else (key, view, id(gaz), id(lex))
    if full_key is not None and full_key in cache:
        return cache[full_key]
    atts = find_attributions(text, lex, form)
    voices = link_voices(text, apply_view(mentions, view, gaz), atts, gaz, form) if (atts or ":" in form) else []
    if full_key is not None:
        cache[full_key] = (atts, voices)
    return atts, voices


def voices_frame(scanned, view: str = "strict", gazetteer=None, verbs=None) -> pd.DataFrame:
    """Return the voices table of a scanned corpus (:func:`helpers.actors.scan_corpus`).

    Columns: ``doc_id, para_id, actor_id, verb, verb_id, stance, link, start, end`` (``start``/``end``
    locate the verb in the paragraph's clean text); rows in text order.
    """
    gaz = as_gazetteer(gazetteer if gazetteer is not None else getattr(scanned, "gazetteer", None))
    lex = as_verbs(verbs, lexicons=getattr(scanned, "lexicons", None))
    rows = []
    cache = getattr(scanned, "links", None)
    with bulk_allocation():
        for doc_id, para_id, text, form, ms in scanned:
            _, voices = paragraph_links(text, form, ms, gaz, lex, view, cache, (doc_id, para_id))
            for v in voices:
                rows.append((doc_id, para_id, *v))  # a Voice's fields are the remaining columns, in order
    return frame_from_rows(rows, VOICE_COLUMNS, int_columns=("para_id", "start", "end"))


def voices_table(corpus, view: str = "strict", gazetteer=None, verbs=None) -> pd.DataFrame:
    """Return who is given a voice in the counted lines of a corpus (see :func:`voices_frame`)."""
    check_choice("view", view, VIEWS)
    gaz = corpus_gazetteer(corpus, gazetteer)
    return voices_frame(scan_corpus(corpus, gaz), view, gaz, verbs)


def voices_by_outlet(voices: pd.DataFrame, articles: pd.DataFrame, outlet: str = "outlet_short") -> pd.DataFrame:
    """Return linked voices per outlet, actor and stance: ``outlet, actor_id, stance, voices``."""
    linked = voices[voices["actor_id"] != ""]
    doc_outlet = dict(zip(articles["doc_id"], articles[outlet]))
    frame = linked.assign(outlet=linked["doc_id"].map(doc_outlet))
    out = frame.groupby(["outlet", "actor_id", "stance"]).size().rename("voices").reset_index()
    return out.sort_values(["outlet", "voices", "actor_id", "stance"], ascending=[True, False, True, True],
                           kind="stable").reset_index(drop=True)
