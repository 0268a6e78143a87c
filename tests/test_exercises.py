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
    assert exercises.check("01.1", None, corpus) is False
    assert "not answered yet" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("exercise_id", "right", "wrong"),
    [
        ("01.1", 2, 3),             # 000 has two "إقرأ أيضاً" teasers (lines 19 and 43)
        ("01.2", "004", "000"),     # 004: 81 dots in 488 words
        ("02.1", 4, 3),             # 004: title, "سيرغي لافروف", "وأكد لافروف", "وزعم لافروف"
        ("02.2", "turkey", "syria"),  # 000 broad: تركيا x4 + التركي/أنقرة..., 8 in all
        ("02.3", {"zakharova", "russian_mfa", "lavrov"}, {"zakharova"}),  # زعمت, وإدعت, وزعم
        ("03.1", 7, 5),             # 001: five, 003: بعد سنوات, 004: الأيام القليلة الماضية
        ("03.2", "2020-02-08", "2020-02-15"),
        ("03.3", "Al-Waseela", "Awtan Post"),  # أيلول 2018 in 000
        ("04.1", 10, 16),           # ten of the sixteen codebook events appear in two or more articles
        ("04.2", "003", "004"),     # 003: قوات النظام, جيش الاحتلال التركي, مرتزقة تركيا... 15 of 22
        ("04.3", {"russia"}, {"russia", "turkey"}),  # no Turkish speaker gets زعم or ادعى
    ],
)
def test_value_exercises(corpus, exercise_id, right, wrong):
    """The answer read off the seeds passes; a plausible wrong one gets a hint."""
    assert exercises.check(exercise_id, right, corpus, quiet=True)
    assert not exercises.check(exercise_id, wrong, corpus, quiet=True)


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
