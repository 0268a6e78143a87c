"""Workshop self-checks: right answers pass, wrong or missing ones do not, and nothing raises."""
from __future__ import annotations

import re

import nbformat
import pytest
from nbclient import NotebookClient

from helpers import exercises
from helpers.build import inject_parameters, list_notebooks
from helpers.errors import WorkbookError
from helpers.paths import ROOT, SEEDS


def test_unanswered_exercise_does_not_stop_the_notebook(corpus, capsys):
    """An exercise left at None prints a reminder and returns False, without raising."""
    assert not exercises.check("01.1", None, corpus)
    assert "not answered yet" in capsys.readouterr().out


def test_a_verdict_shows_nothing_after_the_printed_line(corpus):
    """A self-check cell shows its printed verdict and nothing else (no stray True or False)."""
    from IPython.core.formatters import DisplayFormatter

    verdict = exercises.check("01.1", 2, corpus, quiet=True)
    assert bool(verdict) is True and repr(verdict) == "right"
    assert DisplayFormatter().format(verdict) == ({}, {})


@pytest.mark.parametrize(
    ("exercise_id", "right", "wrong"),
    [
        ("01.1", 2, 3),             # 000 has two "إقرأ أيضاً" teasers (lines 19 and 43)
        ("01.2", ("004", 166.0), ("004", 81)),  # 004: 81 dots in 488 words, 166.0 per 1,000
        ("02.1", 4, 3),             # 004: title, "سيرغي لافروف", "وأكد لافروف", "وزعم لافروف"
        ("02.2", "turkey", "syria"),  # 000 broad: تركيا x4 + التركي/أنقرة..., 8 in all
        ("02.3", {"zakharova", "russian_mfa", "lavrov"}, {"zakharova"}),  # زعمت, وإدعت, وزعم
        ("03.1", 7, 5),             # 001: five, 003: بعد سنوات, 004: الأيام القليلة الماضية
        ("03.2", "2020-02-08", "2020-02-15"),
        ("03.3", ("2018-09", "Al-Waseela"), ("2019-06-05", "Al-Waseela")),  # أيلول 2018 in 000
        ("04.1", 10, 16),           # ten of the sixteen codebook events appear in two or more articles
        ("04.2", ("003", 0.68), ("003", 15)),  # 003: قوات النظام, جيش الاحتلال التركي, مرتزقة تركيا... 15 of 22
        ("04.3", {"russia"}, {"russia", "turkey"}),  # no Turkish speaker gets زعم or ادعى
    ],
)
def test_value_exercises(corpus, exercise_id, right, wrong):
    """The answer read off the seeds passes; a plausible wrong one gets a hint."""
    assert exercises.check(exercise_id, right, corpus, quiet=True)
    assert not exercises.check(exercise_id, wrong, corpus, quiet=True)


def _plausible_wrong_answers():
    """One plausible wrong way to answer each exercise, computed on the corpus as a learner would."""
    from helpers.actors import actor_counts, actor_mentions, actor_tables
    from helpers.compare import comparison_tables
    from helpers.dates import date_mentions

    def first_related_all_roles(c):  # every non-body line of the first article, not only teasers
        paras = c.paragraphs
        return int(((paras["doc_id"] == c.articles["doc_id"].iloc[0]) & (paras["role"] != "body")).sum())

    def raw_count_not_rate(c):  # the most dots, not the most dots per 1,000 words
        arts = c.articles
        best = arts["n_obfuscations"].idxmax()
        return (arts.loc[best, "doc_id"], float(arts.loc[best, "n_obfuscations"]))

    def dots_between_letters(c):  # ignores the tatweel rule: the tatweel lies inside [ء-ي]
        return lambda text: len(re.findall(r"(?<=[ء-ي])\.(?=[ء-ي])", text))

    def lavrov_everywhere(c):  # forgets to keep only the last article
        return int((actor_mentions(c)["actor_id"] == "lavrov").sum())

    def strict_not_broad(c):  # the strict view's first actor
        counts = actor_counts(actor_mentions(c), c.articles)
        return counts[counts["doc_id"] == c.articles["doc_id"].iloc[0]]["actor_id"].iloc[0]

    def unlinked_included(c):  # keeps the unlinked rows (empty actor_id) in the set
        voices = actor_tables(c)["voices.csv"]
        return set(voices.loc[voices["stance"] == "distancing", "actor_id"])

    def only_relative_unresolved(c):  # counts only the relative mentions left without a value
        m = date_mentions(c)
        return int(((m["value"] == "") & (m["kind"] == "relative")).sum())

    def next_saturday(c):  # the coming Saturday instead of the past one
        return "2020-02-15"

    def publication_date_not_mention(c):  # the earliest published article instead of the earliest date it mentions
        arts = c.articles[c.articles["published"] != ""].sort_values("published")
        return (arts["published"].iloc[0], arts["outlet_short"].iloc[0])

    def any_coverage(c):  # events reported at all, not by two or more articles
        cov = comparison_tables(c)["event_coverage.csv"]
        return int(cov[cov["n_sentences"] > 0]["event_id"].nunique())

    def hostile_rows_not_counts(c):  # shares of table rows, ignoring that a row's term may occur several times
        terms = comparison_tables(c)["framing_terms.csv"]
        share = terms.groupby("doc_id")["leaning"].apply(lambda s: (s == "hostile").mean())
        return (share.idxmax(), round(float(share.max()), 2))

    def all_sides(c):  # every side that has a distancing verb, the empty (unlinked) side too
        attr = comparison_tables(c)["attributions.csv"]
        return set(attr.loc[attr["stance"] == "distancing", "side"])

    return {"01.1": first_related_all_roles, "01.2": raw_count_not_rate, "01.3": dots_between_letters,
            "02.1": lavrov_everywhere, "02.2": strict_not_broad, "02.3": unlinked_included,
            "03.1": only_relative_unresolved, "03.2": next_saturday, "03.3": publication_date_not_mention,
            "04.1": any_coverage, "04.2": hostile_rows_not_counts, "04.3": all_sides}


@pytest.mark.parametrize("exercise_id", sorted(exercises.EXERCISES))
def test_a_plausible_wrong_method_is_refused(corpus, exercise_id):
    """Each self-check tells right from wrong: one plausible wrong way of answering gets a hint, not a tick."""
    wrong = _plausible_wrong_answers()[exercise_id](corpus)
    assert not exercises.check(exercise_id, wrong, corpus, quiet=True), (exercise_id, wrong)


def test_function_exercise(corpus, capsys):
    """A correct dot counter passes; one that counts every dot fails; one that crashes is reported."""
    pattern = re.compile(r"(?<=[\u0621-\u064A])(?:\u0640+\.\u0640*|\.\u0640+)(?=[\u0621-\u064A])")
    assert exercises.check("01.3", lambda s: len(pattern.findall(s)), corpus, quiet=True)
    assert not exercises.check("01.3", lambda s: s.count("."), corpus, quiet=True)
    assert not exercises.check("01.3", lambda s: 1 / 0, corpus)
    assert "ZeroDivisionError" in capsys.readouterr().out


def test_unknown_exercise_lists_the_ids(corpus):
    """A typo in an exercise id is an error listing the valid ids."""
    with pytest.raises(WorkbookError, match="'01.1'"):
        exercises.check("1.1", 2, corpus)


SOLUTIONS = sorted((ROOT / "notebooks" / "solutions").glob("*_solutions.ipynb"))


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.name)
def test_solution_notebooks_pass_every_check(path, tmp_path):
    """Each worked-solutions notebook runs top to bottom and all its answers pass the self-checks."""
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, {"seeds_dir": str(SEEDS), "out_dir": str(tmp_path)}, path.name)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}).execute()
    text = "".join(o.get("text", "") for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    assert "✗" not in text and re.search(r"all \d+ answers pass", text)


@pytest.mark.parametrize("path", list_notebooks(), ids=lambda p: p.name)
def test_every_notebook_has_exercises_with_solutions(path):
    """Each notebook's 'Your turn' has self-checked exercises, all solved in its solutions notebook."""
    source = path.read_text(encoding="utf-8")
    ids = sorted(set(re.findall(r'check\(\\"(\d\d\.\d)\\"', source)))
    assert len(ids) >= 2, path.name
    assert all(i in exercises.EXERCISES for i in ids)
    solution = ROOT / "notebooks" / "solutions" / f"{path.stem}_solutions.ipynb"
    assert set(re.findall(r'check\(\\"(\d\d\.\d)\\"', solution.read_text(encoding="utf-8"))) == set(ids)
