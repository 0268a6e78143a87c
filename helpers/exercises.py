"""Workshop exercises: each has an id, a question, and a self-check that tells the learner how they did.

A self-check never raises: an unsolved exercise (``answer = None``) prints a reminder, a wrong answer
prints a hint, a right one a tick. It returns a :class:`Verdict`, true only for a right answer (so a
solutions notebook can assert that all its answers pass), which shows nothing in a notebook: the
printed line is the whole output of a self-check cell. Expected values are computed from the corpus the
notebook was given, so the exercises also work on your own articles.

Each exercise is written so that the plausible wrong ways to answer it give another answer on the seed
articles (a raw count where a rate is asked, the article's date where a date in its text is asked) or,
for a function, fail on one of the check's own lines (``أ.ف.ب`` has dots between letters and no
tatweel); ``tests/test_exercises.py`` answers each one the wrong way and checks the answer is refused.
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


class Verdict:
    """The result of a self-check: true for a right answer; shows nothing when it ends a notebook cell."""

    def __init__(self, ok: bool):
        self.ok = bool(ok)

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return "right" if self.ok else "not right"

    def _ipython_display_(self) -> None:
        """Show nothing: :func:`check` has already printed the verdict."""


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

    The returned :class:`Verdict` is true only for a right answer and displays nothing in a notebook.
    """
    check_choice("exercise_id", exercise_id, sorted(EXERCISES))
    ex = EXERCISES[exercise_id]
    if answer is None:
        message, ok = f"Exercise {exercise_id}: not answered yet (set `answer` and run this cell again).", False
    else:
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
    """Compare an answer with the expected value: sets as sets, numbers within ``tolerance``, pairs item by item."""
    if isinstance(expected, (set, frozenset)):
        return set(answer) == expected
    if isinstance(expected, float):
        return abs(float(answer) - expected) < tolerance
    if isinstance(expected, (list, tuple)):
        return (isinstance(answer, (list, tuple)) and len(answer) == len(expected)
                and all(_same(a, e, tolerance) for a, e in zip(answer, expected)))
    return answer == expected


# --- 01 cleaning -------------------------------------------------------------------------------------

def _related_in_first(corpus):
    first = corpus.articles["doc_id"].iloc[0]
    paras = corpus.paragraphs
    return int(((paras["doc_id"] == first) & (paras["role"] == "related")).sum())


def _most_obfuscated(corpus):
    arts = corpus.articles
    rate = (1000 * arts["n_obfuscations"] / arts["n_words"].where(arts["n_words"] > 0)).fillna(0)
    best = rate.idxmax()
    return (arts.loc[best, "doc_id"], round(float(rate[best]), 1))


def _check_dot_counter(corpus, fn) -> bool:
    from .cleaning import count_obfuscations

    # أ.ف.ب and د.ب.أ are abbreviations: a dot between two letters with no tatweel is not a repair
    samples = ["الإرهـ.ـابـ.ـيين", "التصـ.عيد في إدلب.", "سوريا..أردوغان", "بأسـلحة", "", "العسـ.ـكريين والقـ.ـوات",
               "وكالة أ.ف.ب", "بحسب د.ب.أ والعسـ.ـكريين"]
    samples += list(corpus.paragraphs["text_raw"].head(30))
    return all(int(fn(s)) == count_obfuscations(s) for s in samples)


register(Exercise(
    "01.1",
    "How many lines of the first article are read-also teasers (role 'related')? Answer with a number.",
    _related_in_first,
    "filter corpus.paragraphs on doc_id and role, then count the rows.",
))
register(Exercise(
    "01.2",
    "Which article has the most censorship-evasion dots per 1,000 words, and how many? Answer with a pair "
    "(doc_id, dots per 1,000 words rounded to one decimal).",
    _most_obfuscated,
    "divide n_obfuscations by n_words in corpus.articles and multiply by 1,000; the raw count alone is not a rate.",
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
    resolved = mentions[mentions["value"] != ""].sort_values("value", kind="stable")
    if resolved.empty:
        return None
    outlets = dict(zip(corpus.articles["doc_id"], corpus.articles["outlet_short"]))
    return (resolved["value"].iloc[0], outlets[resolved["doc_id"].iloc[0]])


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
))


# --- 02 actors ---------------------------------------------------------------------------------------

def _lavrov_in_last(corpus):
    from .actors import actor_mentions

    mentions = actor_mentions(corpus)
    last = corpus.articles["doc_id"].iloc[-1]
    return int(((mentions["doc_id"] == last) & (mentions["actor_id"] == "lavrov")).sum())


def _top_broad_in_first(corpus):
    from .actors import actor_counts, actor_mentions

    counts = actor_counts(actor_mentions(corpus, view="broad"), corpus.articles)
    first = counts[counts["doc_id"] == corpus.articles["doc_id"].iloc[0]]
    return first["actor_id"].iloc[0] if len(first) else None


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
    "In the first article, which actor ranks first once demonyms, adjectives and capitals count for their "
    "state (the broad view)? Answer with its actor_id.",
    _top_broad_in_first,
    "actor_counts(actor_mentions(corpus, view='broad'), corpus.articles) is sorted by count within each article.",
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

def _shared_events(corpus):
    from .compare import comparison_tables

    cov = comparison_tables(corpus)["event_coverage.csv"]
    per_event = cov[cov["n_sentences"] > 0].groupby("event_id")["doc_id"].nunique()
    return int((per_event >= 2).sum())


def _most_hostile_share(corpus):
    from .compare import comparison_tables

    terms = comparison_tables(corpus)["framing_terms.csv"]
    if terms.empty:
        return None
    by_doc = terms.groupby(["doc_id", "leaning"])["count"].sum().unstack(fill_value=0)
    share = by_doc.get("hostile", 0) / by_doc.sum(axis=1)
    return (share.idxmax(), round(float(share.max()), 2))


def _distanced_sides(corpus):
    from .compare import comparison_tables

    attr = comparison_tables(corpus)["attributions.csv"]
    return set(attr.loc[(attr["stance"] == "distancing") & (attr["side"] != ""), "side"])


register(Exercise(
    "04.1",
    "How many events of the codebook are reported by two or more articles? Answer with a number.",
    _shared_events,
    "event_coverage.csv has one row per event and article; keep rows with sentences, count articles per event.",
))
register(Exercise(
    "04.2",
    "Which article has the highest share of hostile labels among all its framing terms, and what is that "
    "share? Answer with a pair (doc_id, share between 0 and 1 rounded to two decimals).",
    _most_hostile_share,
    "sum framing_terms.csv's count (each row is a term, which may occur several times) by doc_id and leaning, "
    "then divide the hostile column by each article's total.",
    tolerance=0.006,
))
register(Exercise(
    "04.3",
    "Whose statements get the distancing verbs (زعم, ادعى, ...)? Answer with the set of speaker sides "
    "(the 'side' column of attributions.csv), leaving unlinked rows out.",
    _distanced_sides,
    "filter attributions.csv on stance == 'distancing' and a non-empty side.",
))
