"""The gazetteer: loading, validating and compiling ``actors.csv`` and ``actor_exclusions.csv``.

See :mod:`helpers.actors` for the file format and the matching rules.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from ..errors import WorkbookError, check_choice
from ..lexicon import Lexicons, file_stamp, load_lexicon, seen_at, split_list, where
from ..matching import normalize_for_matching
from ..paths import lexicon as lexicon_path

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
# In an exclusion context, ``{title}`` stands for every title with the article (:func:`definite_titles`).
TITLE_PLACEHOLDER = "{title}"



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
    lexicons: Lexicons | None = None  # the lexicons it was loaded from (None: files given by path)
    story_forms: dict = field(default_factory=dict)  # matching key -> (form as written, story actor ids)

    @property
    def stories(self) -> frozenset:
        """Return every actor id named in a ``story`` column (the stories its story-bound forms belong to)."""
        return frozenset(a for _, ids in self.story_forms.values() for a in ids)

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
        return self.fold_map.get(actor_id, actor_id)

    @cached_property
    def fold_map(self) -> dict:
        """Return {actor_id: the state it counts for in the broad view}, for actors with ``fold_into``."""
        return {a: f for a, f in zip(self.actors["actor_id"], self.actors["fold_into"]) if f}

    def label(self, actor_id: str, lang: str = "both") -> str:
        """Return the label of ``actor_id``: ``"ar"``, ``"en"`` or ``"both"`` (``فلاديمير بوتين (Vladimir Putin)``)."""
        check_choice("lang", lang, ("ar", "en", "both"))
        labels = self.label_pairs.get(actor_id)
        if labels is None:
            return actor_id
        ar, en = labels
        return {"ar": ar, "en": en, "both": f"{ar} ({en})"}[lang]

    @cached_property
    def label_pairs(self) -> dict:
        """Return {actor_id: (Arabic label, English label)} for every actor."""
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


def as_gazetteer(gazetteer) -> Gazetteer:
    """Return ``gazetteer`` if it is a :class:`Gazetteer`, else load it (``None``, a file name or a path)."""
    return gazetteer if isinstance(gazetteer, Gazetteer) else load_gazetteer(gazetteer)


def corpus_gazetteer(corpus, gazetteer=None) -> Gazetteer:
    """Return ``gazetteer`` if given, else the gazetteer of ``corpus`` (shipped, extended by its ``lexicons/``)."""
    if gazetteer is not None:
        return as_gazetteer(gazetteer)
    return load_gazetteer(lexicons=Lexicons.of(corpus))


ACTOR_COLUMNS = dict(required=["actor_id", "label_en", "label_ar", "type", "forms"],
                     optional=["parent", "fold_into", "broad_forms", "story_forms", "story", "note"],
                     unique=["actor_id"], unique_matching=["forms", "broad_forms"], allowed={"type": ACTOR_TYPES})
EXCLUSION_COLUMNS = dict(required=["actor_id", "context"], optional=["note"], unique_matching=["context"])


def load_gazetteer(path: str | Path | None = None, exclusions: str | Path | None = None,
                   lexicons=None) -> Gazetteer:
    """Load, validate and compile a gazetteer; cached until the files change.

    Parameters
    ----------
    path
        The actors CSV: ``None`` for ``helpers/lexicons/actors.csv`` (extended by ``lexicons``), else a
        file name in ``helpers/lexicons`` or a path.
    exclusions
        The exclusions CSV. ``None``: ``actor_exclusions.csv`` in the same folder as the actors CSV,
        if there is one (so a gazetteer of your own does not inherit exclusions about actors it
        lacks).
    lexicons
        With ``path`` None: the corpus whose own ``lexicons/actors.csv`` and
        ``lexicons/actor_exclusions.csv`` extend the shipped files (a :class:`~helpers.lexicon.Lexicons`,
        a corpus folder or a loaded corpus; see :mod:`helpers.lexicon`). None: the shipped files alone.

    Returns
    -------
    Gazetteer

    Raises
    ------
    WorkbookError
        For a bad row, naming file, line and value: unknown type, bad id, a ``parent`` or
        ``fold_into`` that is not an actor id, one spelling under two ids (also across ``forms`` and
        ``broad_forms``), a form without letters, a ``story_forms`` spelling that is not one of the
        row's forms, ``story_forms`` without ``story`` (or the reverse), a ``story`` that is not an
        actor id, an exclusion naming an unknown actor or not containing one of its forms.

    Examples
    --------
    >>> load_gazetteer().info("putin")["label_en"]
    'Vladimir Putin'
    """
    if path is None and exclusions is None:
        return _load_overlay(Lexicons.of(lexicons))
    actors_path = _resolve(path, GAZETTEER_FILE)
    if exclusions is None:
        excl_path = actors_path.parent / EXCLUSIONS_FILE
        excl = str(excl_path) if excl_path.exists() else ""
    else:
        excl = str(_resolve(exclusions, EXCLUSIONS_FILE))
    return _load_gazetteer(str(actors_path), file_stamp(actors_path), excl, file_stamp(Path(excl)) if excl else None)


@lru_cache(maxsize=16)
def _load_overlay(lexicons: Lexicons) -> Gazetteer:
    actors = lexicons.load(GAZETTEER_FILE, **ACTOR_COLUMNS)
    exclusions = lexicons.load(EXCLUSIONS_FILE, **EXCLUSION_COLUMNS)
    return _build(actors, exclusions, str(lexicon_path(GAZETTEER_FILE)), lexicons)


@lru_cache(maxsize=16)
def _load_gazetteer(path: str, _stamp_a, excl: str, _stamp_e) -> Gazetteer:
    actors = load_lexicon(path, **ACTOR_COLUMNS)
    if excl:
        exclusions = load_lexicon(excl, **EXCLUSION_COLUMNS)
    else:
        exclusions = pd.DataFrame(columns=["actor_id", "context", "note", "line", "file"])
    return _build(actors, exclusions, path, None)


def _build(actors: pd.DataFrame, exclusions: pd.DataFrame, path: str, lexicons) -> Gazetteer:
    """Check the loaded rows against each other and compile the matcher."""
    ids = set(actors["actor_id"])
    entries: dict[str, tuple[str, str]] = {}
    first: dict[str, dict] = {}  # matching key -> the row that listed it first
    for rec in actors.to_dict("records"):
        at = where(rec)
        if not _ID_RE.match(rec["actor_id"]):
            raise WorkbookError(f"{at}: actor_id {rec['actor_id']!r} must be lower-case letters, digits and _")
        for col in ("parent", "fold_into"):
            if rec[col] and rec[col] not in ids:
                raise WorkbookError(f"{at}: {col} {rec[col]!r} is not an actor_id of the gazetteer")
            if rec[col] == rec["actor_id"]:
                raise WorkbookError(f"{at}: {col} {rec[col]!r} is the actor itself")
        for col, kind in (("forms", "name"), ("broad_forms", "broad")):
            for form in split_list(rec[col]):
                if not _LETTER_RE.search(form):
                    raise WorkbookError(f"{at}: {col} {form!r} has no letters")
                key = matching_key(form)
                if key in entries and entries[key][0] != rec["actor_id"]:
                    raise WorkbookError(
                        f"{at}: {col} {form!r} is already listed on {seen_at(rec, first[key])} (actor {entries[key][0]!r})"
                    )
                if key in entries and entries[key][1] != kind:
                    raise WorkbookError(f"{at}: {form!r} is listed in both forms and broad_forms")
                entries[key] = (rec["actor_id"], kind)
                first.setdefault(key, rec)
    _check_parent_cycles(actors)
    story_forms = _story_forms(actors, ids)
    plain = _compile(entries)
    titles = None
    for rec in exclusions.to_dict("records"):
        at = where(rec)
        if rec["actor_id"] not in ids:
            raise WorkbookError(f"{at}: actor_id {rec['actor_id']!r} is not in the gazetteer ({path})")
        context = rec["context"]
        if "{" in context or "}" in context:
            rest = context.replace(TITLE_PLACEHOLDER, "")
            if "{" in rest or "}" in rest:
                raise WorkbookError(f"{at}: context {context!r} has a placeholder other than {TITLE_PLACEHOLDER}; "
                                    f"only {TITLE_PLACEHOLDER} is known")
            if titles is None:
                titles = definite_titles(lexicons)
            contexts = [context.replace(TITLE_PLACEHOLDER, t) for t in titles]
        else:
            contexts = [context]
        for one in contexts:
            key = matching_key(one)
            if key in entries and entries[key][1] != "exclude":
                raise WorkbookError(f"{at}: context {one!r} is itself a form of {entries[key][0]!r}")
            found = {entries[_key_of(m)][0] for m in plain.finditer(key)}
            if rec["actor_id"] not in found:
                raise WorkbookError(
                    f"{at}: context {one!r} contains no form of {rec['actor_id']!r}; "
                    "an exclusion must contain the name it excludes"
                )
            entries[key] = (rec["actor_id"], "exclude")
    return Gazetteer(actors, exclusions, path, _compile(entries), entries, lexicons, story_forms)


def _story_forms(actors: pd.DataFrame, ids: set) -> dict:
    """Return {matching key: (form, story actor ids)} from the ``story_forms`` and ``story`` columns, checked."""
    out = {}
    for rec in actors.to_dict("records"):
        forms, story = split_list(rec.get("story_forms", "")), split_list(rec.get("story", ""))
        if not forms and not story:
            continue
        at = where(rec)
        if not forms:
            raise WorkbookError(f"{at}: story {rec['story']!r} without story_forms; list the forms that count only "
                                "in articles about that story, or leave story empty")
        if not story:
            raise WorkbookError(f"{at}: story_forms {rec['story_forms']!r} has no story; give the actor ids "
                                "(|-separated) of the story in whose articles they count")
        for actor_id in story:
            if actor_id not in ids:
                raise WorkbookError(f"{at}: story {actor_id!r} is not an actor_id of the gazetteer")
        own = {matching_key(f) for col in ("forms", "broad_forms") for f in split_list(rec[col])}
        for form in forms:
            if matching_key(form) not in own:
                raise WorkbookError(f"{at}: story_forms {form!r} is not one of the row's forms or broad_forms")
            out[matching_key(form)] = (form, frozenset(story))
    return out


def definite_titles(lexicons=None) -> list[str]:
    """Return the titles of ``name_cues.csv`` that carry the article (``العقيد``, ``الأمير``, ``المتحدث باسم``).

    These are what :data:`TITLE_PLACEHOLDER` stands for in an exclusion context: a bare adjective right
    after one of them is a first name (``العقيد تركي المالكي``), while after a title without the article
    it stays an adjective (``وزير تركي``, 'a Turkish minister').

    Examples
    --------
    >>> titles = definite_titles()
    >>> "العقيد" in titles, "الأمير" in titles, "وزير" in titles
    (True, True, False)
    """
    from .candidates import load_name_cues  # the name cues load the comparison's automaton: only when needed

    cues = load_name_cues(lexicons).cues
    return sorted({form for rec in cues.to_dict("records") if rec["role"] == "title"
                   for form in split_list(rec["forms"]) if matching_key(form).startswith(ARTICLE)})


def add_actor(corpus_dir: str | Path, actor_id: str, label_ar: str, label_en: str, type: str, forms: str,
              parent: str = "", fold_into: str = "", broad_forms: str = "", note: str = "",
              story_forms: str = "", story: str = "", dry_run: bool = False) -> pd.DataFrame:
    """Add an actor to the corpus's own ``lexicons/actors.csv``, validated with the whole gazetteer first.

    The shipped ``helpers/lexicons/actors.csv`` is never touched; the next analysis of the corpus
    counts the actor and gives it its voices. See :func:`helpers.lexicon.add_rows` (``dry_run``
    checks the row without writing it).

    Examples
    --------
    >>> from helpers.paths import ROOT
    >>> row = add_actor(ROOT / "tests" / "corpora" / "libya_2020", "salame", "غسان سلامة", "Ghassan Salame",
    ...                 "person", "غسان سلامة|سلامة", parent="un", dry_run=True)
    >>> row[["actor_id", "forms", "parent"]].values.tolist()
    [['salame', 'غسان سلامة|سلامة', 'un']]
    """
    from ..lexicon import add_rows

    row = dict(actor_id=actor_id, label_en=label_en, label_ar=label_ar, type=type, parent=parent,
               fold_into=fold_into, forms=forms, broad_forms=broad_forms, note=note)
    if story_forms or story:  # a corpus file written before these columns existed still takes other rows
        row.update(story_forms=story_forms, story=story)
    return add_rows(corpus_dir, GAZETTEER_FILE, [row], dry_run=dry_run)


def _check_parent_cycles(actors: pd.DataFrame) -> None:
    parents = dict(zip(actors["actor_id"], actors["parent"]))
    wheres = {rec["actor_id"]: where(rec) for rec in actors[["actor_id", "line", "file"]].to_dict("records")}
    for start in parents:
        seen, node = [start], parents[start]
        while node:
            if node in seen:
                raise WorkbookError(f"{wheres[start]}: parent chain loops: {' -> '.join(seen + [node])}")
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


