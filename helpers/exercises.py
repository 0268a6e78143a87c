"""Workshop exercises: each has an id, a question, and a self-check that tells the learner how they did.

A self-check never raises: an unsolved exercise (``answer = None``) prints a reminder, a wrong answer
prints a hint, a right one a tick. It returns a :class:`Verdict`, true only for a right answer (so a
solutions notebook can assert that all its answers pass), which shows nothing in a notebook: the
printed line is the whole output of a self-check cell. Expected values are computed from the corpus the
notebook was given, so the exercises also work on your own articles.

Each exercise is written so that the plausible wrong ways to answer it give another answer on the seed
articles (a mean of rates where a pooled rate is asked, the article's date where a date in its text is
asked) or, for a function, fail on one of the check's own inputs (``أ.ف.ب`` has dots between letters and
no tatweel; a table where the article with the most hostile labels is not the one with the highest
share); ``tests/test_exercises.py`` answers each one the wrong way and checks the answer is refused. An
exercise asks for a figure the notebook works towards but does not print (a pooled rate where the notebook
prints each article's, three articles where it counts two).

An exercise that a corpus cannot pose (no article names an actor, no date is resolved) says so instead of
waiting for an answer; where several answers tie, each of them is accepted.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .errors import check_choice


@dataclass(frozen=True)
class Exercise:
    """One exercise: what to do, how to check it, and a hint for a wrong answer."""

    exercise_id: str
    question: str
    expected: Callable[..., Any]  # (corpus) -> the right answer, or a checker for a function answer
    hint: str
    kind: str = "value"  # "value": compare with expected(corpus); "function": expected(corpus, answer) -> bool
    tolerance: float = 0.05  # how far a number in the answer may be from the expected one
    applies: Callable[..., Any] | None = None  # (corpus) -> NotApplicable when the corpus cannot pose the question


class Verdict:
    """The result of a self-check: true for a right answer; shows nothing when it ends a notebook cell.

    An exercise that does not apply to the corpus gives a true verdict (there is nothing to get wrong),
    with ``applies`` false.
    """

    def __init__(self, ok: bool, applies: bool = True):
        self.ok = bool(ok)
        self.applies = bool(applies)

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return "does not apply" if not self.applies else "right" if self.ok else "not right"

    def _ipython_display_(self) -> None:
        """Show nothing: :func:`check` has already printed the verdict."""


@dataclass(frozen=True)
class NotApplicable:
    """What an exercise's ``expected`` returns when the corpus cannot pose the question, and why."""

    reason: str


@dataclass(frozen=True)
class OneOf:
    """What an exercise's ``expected`` returns when several answers tie: any one of them is right."""

    answers: tuple


EXERCISES: dict[str, Exercise] = {}


def register(exercise: Exercise) -> Exercise:
    """Add an exercise to the registry (ids are unique)."""
    if exercise.exercise_id in EXERCISES:
        raise ValueError(f"exercise {exercise.exercise_id!r} is registered twice")
    EXERCISES[exercise.exercise_id] = exercise
    return exercise


def question(exercise_id: str) -> str:
    """Return the question of an exercise."""
    check_choice("exercise_id", exercise_id, sorted(EXERCISES))
    return EXERCISES[exercise_id].question


def check(exercise_id: str, answer, corpus, quiet: bool = False) -> Verdict:
    """Check a learner's ``answer`` to exercise ``exercise_id`` on ``corpus``; print the verdict, return it.

    The returned :class:`Verdict` is true only for a right answer and displays nothing in a notebook. An
    unanswered exercise (``answer`` None) is said to be so at once, with nothing computed; an answered one
    on a corpus it does not apply to is said not to apply (and counts as passed).
    """
    check_choice("exercise_id", exercise_id, sorted(EXERCISES))
    ex = EXERCISES[exercise_id]
    if answer is None:  # nothing to compute: on 10,000 articles some checks take seconds
        if not quiet:
            print(f"✗ Exercise {exercise_id}: not answered yet (set `answer` and run this cell again).")
        return Verdict(False)
    applies = ex.applies(corpus) if ex.applies else None
    if isinstance(applies, NotApplicable):
        if not quiet:
            print(f"– Exercise {exercise_id} does not apply to this corpus: {applies.reason}")
        return Verdict(True, applies=False)
    try:
        ok = (bool(ex.expected(corpus, answer)) if ex.kind == "function"
              else _same(answer, ex.expected(corpus), ex.tolerance))
    except Exception as exc:  # the learner's code failed: say so, do not stop the notebook
        ok, message = False, f"Exercise {exercise_id}: your answer raised {type(exc).__name__}: {exc}"
    else:
        message = f"Exercise {exercise_id}: right." if ok else f"Exercise {exercise_id}: not quite. Hint: {ex.hint}"
    if not quiet:
        print(("✓ " if ok else "✗ ") + message)
    return Verdict(ok)


def _same(answer, expected, tolerance: float = 0.05) -> bool:
    """Compare an answer with the expected value: sets as sets, numbers within ``tolerance``, pairs item by item.

    Examples
    --------
    >>> _same(("004", 166.04), ("004", 166.0)), _same({"a", "b"}, {"b", "a"}), _same("x", OneOf(("x", "y")))
    (True, True, True)
    """
    if isinstance(expected, OneOf):
        return any(_same(answer, e, tolerance) for e in expected.answers)
    if isinstance(expected, (set, frozenset)):
        return isinstance(answer, (set, frozenset, list, tuple)) and set(answer) == expected
    if isinstance(expected, float):
        return abs(float(answer) - expected) < tolerance
    if isinstance(expected, (list, tuple)):
        return (isinstance(answer, (list, tuple)) and len(answer) == len(expected)
                and all(_same(a, e, tolerance) for a, e in zip(answer, expected)))
    return answer == expected


# --- 01 cleaning -------------------------------------------------------------------------------------

LEFT_OUT_ROLES = ("boilerplate", "related")  # the roles later notebooks do not count


def _words_left_out(corpus):
    paras = corpus.paragraphs
    left_out = paras[paras["role"].isin(LEFT_OUT_ROLES)]
    return int(left_out["text"].str.split().str.len().sum())


def _corpus_obfuscation_rate(corpus):
    arts = corpus.articles
    words = int(arts["n_words"].sum())
    return round(1000 * float(arts["n_obfuscations"].sum()) / words, 1) if words else 0.0


def _check_dot_counter(corpus, fn) -> bool:
    from .cleaning import count_obfuscations

    # أ.ف.ب and د.ب.أ are abbreviations: a dot between two letters with no tatweel is not a repair
    samples = ["الإرهـ.ـابـ.ـيين", "التصـ.عيد في إدلب.", "سوريا..أردوغان", "بأسـلحة", "", "العسـ.ـكريين والقـ.ـوات",
               "وكالة أ.ف.ب", "بحسب د.ب.أ والعسـ.ـكريين"]
    samples += list(corpus.paragraphs["text_raw"].head(30))
    return all(int(fn(s)) == count_obfuscations(s) for s in samples)


register(Exercise(
    "01.1",
    "How many words do the lines that later notebooks leave out (roles 'boilerplate' and 'related') hold in "
    "the whole corpus? Count the words of a line as text.split() does. Answer with a number.",
    _words_left_out,
    "keep the rows of corpus.paragraphs whose role is one of the two (.isin), then sum "
    ".str.split().str.len() of their 'text'; both roles count, and it is words, not lines.",
))
register(Exercise(
    "01.2",
    "How many censorship-evasion dots per 1,000 words does the corpus as a whole have? Answer with a number "
    "rounded to one decimal.",
    _corpus_obfuscation_rate,
    "add up n_obfuscations and n_words over all articles of corpus.articles, then divide and multiply by "
    "1,000: the mean of the articles' own rates weighs a short article as much as a long one.",
))
register(Exercise(
    "01.3",
    "Write a function count_dots(text) that returns how many censorship-evasion dots a raw line holds "
    "(a '.' touching a tatweel 'ـ', between two Arabic letters), without calling the helpers. "
    "Pass the function itself as the answer.",
    _check_dot_counter,
    "a regular expression with a lookbehind for an Arabic letter, the dot with tatweel on at least one "
    "side, and a lookahead for a letter; sentence dots, '..' and abbreviations such as أ.ف.ب (no "
    "tatweel) do not count. Careful: the tatweel (U+0640) lies inside the range [ء-ي].",
    kind="function",
))


# --- 03 dates ----------------------------------------------------------------------------------------

def _unresolved_count(corpus):
    from .dates import date_mentions

    mentions = date_mentions(corpus)
    return int((mentions["value"] == "").sum())


def _saturday_before(corpus):
    from .dates import try_phrases

    return try_phrases(["يوم السبت الماضي"], "2020-02-11")["value"].iloc[0]


def _earliest_outlet(corpus):
    from .dates import date_mentions

    mentions = date_mentions(corpus)
    resolved = mentions[mentions["value"] != ""]
    earliest = resolved[resolved["value"] == resolved["value"].min()]
    outlets = dict(zip(corpus.articles["doc_id"], corpus.articles["outlet_short"]))
    return OneOf(tuple(sorted({(value, outlets[doc]) for value, doc in zip(earliest["value"], earliest["doc_id"])})))


def _dates_resolved(corpus):
    from .dates import date_mentions

    if not (date_mentions(corpus)["value"] != "").any():
        return NotApplicable("no date in its articles could be resolved.")
    return None


register(Exercise(
    "03.1",
    "How many date mentions in the corpus have no date value (unresolved, durations and vague spans)? "
    "Answer with a number.",
    _unresolved_count,
    "date_mentions(corpus) has a 'value' column; an empty string means no value.",
))
register(Exercise(
    "03.2",
    "An article dated Tuesday 2020-02-11 says 'يوم السبت الماضي'. Which date is that? Answer as 'YYYY-MM-DD'.",
    _saturday_before,
    "'the past Saturday' is the last Saturday strictly before the reference date; try_phrases can check you.",
))
register(Exercise(
    "03.3",
    "What is the earliest resolved date mentioned in the corpus, and which outlet (outlet_short) mentions it? "
    "Answer with a pair (value as in the 'value' column, outlet label).",
    _earliest_outlet,
    "sort the resolved mentions by their value (ISO dates and months sort as text) and look up the doc_id; "
    "an article's own publication date is not a date mentioned in its text.",
    applies=_dates_resolved,
))


# --- 02 actors ---------------------------------------------------------------------------------------

def _lavrov_in_last(corpus):
    from .actors import actor_mentions

    mentions = actor_mentions(corpus)
    last = corpus.articles["doc_id"].iloc[-1]
    return int(((mentions["doc_id"] == last) & (mentions["actor_id"] == "lavrov")).sum())


def _broad_counts_of_first_naming(corpus):
    """The broad-view counts of the first article (in corpus order) that names an actor; empty if none does."""
    from .actors import actor_counts, actor_mentions

    counts = actor_counts(actor_mentions(corpus, view="broad"), corpus.articles)
    naming = set(counts["doc_id"])
    first = next((doc for doc in corpus.articles["doc_id"] if doc in naming), None)
    return counts[counts["doc_id"] == first]


def _top_broad_in_first(corpus):
    counts = _broad_counts_of_first_naming(corpus)
    return OneOf(tuple(counts.loc[counts["count"] == counts["count"].max(), "actor_id"]))


def _some_article_names_an_actor(corpus):
    if _broad_counts_of_first_naming(corpus).empty:
        return NotApplicable("no article names an actor of the gazetteer, even in the broad view.")
    return None


def _distanced_speakers(corpus):
    from .actors import actor_tables

    voices = actor_tables(corpus)["voices.csv"]
    return set(voices.loc[(voices["stance"] == "distancing") & (voices["actor_id"] != ""), "actor_id"])


register(Exercise(
    "02.1",
    "How many times is Lavrov (actor_id 'lavrov') named in the last article, strict view? Answer with a number.",
    _lavrov_in_last,
    "actor_mentions(corpus) has one row per mention; filter on doc_id and actor_id.",
))
register(Exercise(
    "02.2",
    "In the first article that names an actor, which actor ranks first once demonyms, adjectives and capitals "
    "count for their state (the broad view)? Answer with its actor_id (any one of them if several tie).",
    _top_broad_in_first,
    "actor_counts(actor_mentions(corpus, view='broad'), corpus.articles) has a row per article that names an "
    "actor, sorted by count within each article; take the first doc_id of corpus.articles that is in it.",
    applies=_some_article_names_an_actor,
))
register(Exercise(
    "02.3",
    "Which actors are given a voice with a distancing verb (stance 'distancing': زعم, ادعى, ...)? "
    "Answer with a set of actor_ids.",
    _distanced_speakers,
    "the voices table (actor_tables(corpus)['voices.csv']) has a 'stance' column; leave out unlinked rows "
    "(empty actor_id).",
))


# --- 04 outlet comparison ----------------------------------------------------------------------------

def _widely_reported_events(corpus):
    from .compare import comparison_tables

    cov = comparison_tables(corpus)["event_coverage.csv"]
    per_event = cov[cov["n_sentences"] > 0].groupby("event_id")["doc_id"].nunique()
    return set(per_event[per_event >= 3].index)


def _hostile_share_table(terms):
    """Each article's share of hostile labels among all its framing labels (a term's ``count`` weighs it)."""
    by_doc = terms.groupby(["doc_id", "leaning"])["count"].sum().unstack(fill_value=0)
    hostile = by_doc["hostile"] if "hostile" in by_doc else 0 * by_doc.sum(axis=1)
    return hostile / by_doc.sum(axis=1)


def _counter_example_terms():
    """Framing terms where the most hostile labels (A: 6 of 24) are not the highest share (B: 3 of 4).

    Counted by rows instead of by ``count``, every article has 1 hostile row of 2 and A would come first.
    """
    import pandas as pd

    rows = [("A", "hostile", 6), ("A", "neutral", 18), ("B", "hostile", 3), ("B", "neutral", 1),
            ("C", "hostile", 1), ("C", "neutral", 4)]
    return pd.DataFrame(rows, columns=["doc_id", "leaning", "count"]).assign(
        referent="x", term="x", term_id="x", in_quotes=False)


def _check_most_hostile(corpus, fn) -> bool:
    from .compare import comparison_tables

    if not _same(fn(_counter_example_terms()), ("B", 0.75), 0.006):
        return False
    terms = comparison_tables(corpus)["framing_terms.csv"]
    share = _hostile_share_table(terms)
    best = share[share == share.max()]
    return _same(fn(terms.copy()), OneOf(tuple((doc, round(float(v), 2)) for doc, v in best.items())), 0.006)


def _some_framing_terms(corpus):
    from .compare import comparison_tables

    if comparison_tables(corpus)["framing_terms.csv"].empty:
        return NotApplicable("no framing term of the lexicon occurs in its articles.")
    return None


def _undistanced_russian_speakers(corpus):
    from .compare import comparison_tables

    attr = comparison_tables(corpus)["attributions.csv"]
    russian = attr[attr["side"] == "russia"]
    distanced = set(russian.loc[russian["stance"] == "distancing", "speaker_actor_id"])
    return set(russian["speaker_actor_id"]) - distanced - {""}


def _some_russian_speaker(corpus):
    from .compare import comparison_tables

    if not (comparison_tables(corpus)["attributions.csv"]["side"] == "russia").any():
        return NotApplicable("no attribution has a speaker on the Russian side.")
    return None


register(Exercise(
    "04.1",
    "Which events of the codebook are reported by three or more articles? Answer with a set of event_ids "
    "(an empty set if none).",
    _widely_reported_events,
    "event_coverage.csv has one row per event and article, zero sentences too: keep rows with sentences, "
    "count the articles (not the sentences) of each event.",
))
register(Exercise(
    "04.2",
    "Write a function most_hostile(terms) that takes a framing-terms table (columns doc_id, leaning, count, "
    "as framing_terms.csv) and returns the article with the highest share of hostile labels among all its "
    "labels, and that share: a pair (doc_id, share between 0 and 1 rounded to two decimals). It is checked on "
    "this corpus and on a table where the article with the most hostile labels is not the one with the "
    "highest share. Pass the function itself as the answer.",
    _check_most_hostile,
    "sum the 'count' column (a row is a term, which may occur several times) by doc_id and leaning, then "
    "divide each article's hostile labels by all its labels; the highest count is not the highest share.",
    kind="function",
    applies=_some_framing_terms,
))
register(Exercise(
    "04.3",
    "Which speakers on the Russian side (side 'russia') are never given a distancing verb or marker, only "
    "neutral ones? Answer with a set of speaker_actor_ids.",
    _undistanced_russian_speakers,
    "take the attributions with side 'russia', collect the speakers of the distancing ones, and remove them "
    "from the set of all Russian-side speakers.",
    applies=_some_russian_speaker,
))
