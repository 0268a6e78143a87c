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

    verdict = exercises.check("01.1", 84, corpus, quiet=True)
    assert bool(verdict) is True and repr(verdict) == "right"
    assert DisplayFormatter().format(verdict) == ({}, {})


@pytest.mark.parametrize(
    ("exercise_id", "right", "wrong"),
    [
        ("01.1", 84, 56),           # boilerplate 28 words + related 56 ("إقرأ أيضاً" teasers); 56 forgets boilerplate
        ("01.1", 84, 14),           # 14 is the number of such lines, not of their words
        ("01.2", 38.5, 34.4),       # 84 dots in 2,181 words; 34.4 is the mean of the five articles' rates
        ("01.2", 38.5, 166.0),      # 166.0 is 004's own rate (81 dots in 488 words), printed in section 4
        ("02.1", 4, 3),             # 004: title, "سيرغي لافروف", "وأكد لافروف", "وزعم لافروف"
        ("02.2", "turkey", "syria"),  # 000 broad: تركيا x4 + التركي/أنقرة..., 8 in all
        ("02.3", {"zakharova", "russian_mfa", "lavrov"}, {"zakharova"}),  # زعمت, وإدعت, وزعم
        ("03.1", 7, 5),             # 001: five, 003: بعد سنوات, 004: الأيام القليلة الماضية
        ("03.2", "2020-02-08", "2020-02-15"),
        ("03.3", ("2018-09", "Al-Waseela"), ("2019-06-05", "Al-Waseela")),  # أيلول 2018 in 000
        ("04.1", {"hmeimim_attacks", "ru_tr_military_contacts", "kremlin_on_idlib",  # 4, 4, 3, 3 and 3 articles
                  "russia_rejects_turkish_requests", "tr_reinforcements_posts"}, 10),
        ("04.3", {"putin", "kremlin", "russian_mod", "ryabkov", "polyanskiy", "moscow", "rt", "sputnik"},
         {"zakharova", "russian_mfa", "russia", "peskov", "lavrov"}),  # the distanced ones, زعمت, وإدعت, بذريعة...
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

    def lines_not_words(c):  # counts the left-out lines instead of their words
        return int(c.paragraphs["role"].isin(["boilerplate", "related"]).sum())

    def mean_of_rates(c):  # the mean of the articles' rates, not the corpus's pooled rate
        arts = c.articles
        return round(float((1000 * arts["n_obfuscations"] / arts["n_words"]).mean()), 1)

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

    def sentences_not_articles(c):  # three or more sentences, not three or more articles
        cov = comparison_tables(c)["event_coverage.csv"]
        per_event = cov.groupby("event_id")["n_sentences"].sum()
        return set(per_event[per_event >= 3].index)

    def hostile_rows_not_counts(c):  # shares of table rows, ignoring that a row's term may occur several times
        def most_hostile(terms):
            share = terms.groupby("doc_id")["leaning"].apply(lambda s: (s == "hostile").mean())
            return (share.idxmax(), round(float(share.max()), 2))
        return most_hostile

    def all_neutral_speakers(c):  # every Russian-side speaker quoted with a neutral verb, distanced ones too
        attr = comparison_tables(c)["attributions.csv"]
        return set(attr.loc[(attr["side"] == "russia") & (attr["stance"] == "neutral"), "speaker_actor_id"])

    return {"01.1": lines_not_words, "01.2": mean_of_rates, "01.3": dots_between_letters,
            "02.1": lavrov_everywhere, "02.2": strict_not_broad, "02.3": unlinked_included,
            "03.1": only_relative_unresolved, "03.2": next_saturday, "03.3": publication_date_not_mention,
            "04.1": sentences_not_articles, "04.2": hostile_rows_not_counts, "04.3": all_neutral_speakers}


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


def _share_by_count(terms):
    by_doc = terms.groupby(["doc_id", "leaning"])["count"].sum().unstack(fill_value=0)
    share = by_doc["hostile"] / by_doc.sum(axis=1)
    return (share.idxmax(), round(float(share.max()), 2))


def _share_of_the_most_hostile(terms):  # the article with the most hostile labels, then its share
    hostile = terms[terms["leaning"] == "hostile"].groupby("doc_id")["count"].sum()
    doc = hostile.idxmax()
    return (doc, round(float(hostile.max() / terms.loc[terms["doc_id"] == doc, "count"].sum()), 2))


def test_hostile_share_function_is_checked_beyond_the_seeds(corpus):
    """04.2: on the seeds 003 has both the most hostile labels (15) and the highest share (15 of 22, 0.68), so
    taking the article with the highest count gives the right pair there; the check's own table refuses it."""
    from helpers.compare import comparison_tables

    seeds_terms = comparison_tables(corpus)["framing_terms.csv"]
    assert _share_by_count(seeds_terms) == _share_of_the_most_hostile(seeds_terms) == ("003", 0.68)
    assert exercises.check("04.2", _share_by_count, corpus, quiet=True)
    assert not exercises.check("04.2", _share_of_the_most_hostile, corpus, quiet=True)
    assert not exercises.check("04.2", lambda t: ("003", 0.68), corpus, quiet=True)  # the seeds' pair, hard-coded


def _write_corpus(folder: Path, articles: dict[str, str]) -> Path:
    folder.mkdir()
    rows = ["doc_id,file,outlet,outlet_short,outlet_evidence,published,published_basis"]
    for doc_id, text in articles.items():
        (folder / f"{doc_id}_x.txt").write_text(text, encoding="utf-8")
        rows.append(f"{doc_id},{doc_id}_x.txt,صحيفة الاختبار,Test,invented for the tests,2023-05-07,invented")
    (folder / "metadata.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


WEATHER = "طقس حار في معظم المناطق\nتشهد معظم المناطق أجواء حارة نهاراً ومعتدلة ليلاً مع رياح نشطة على السواحل.\n"
ERDOGAN = ("أنقرة: لن ننسحب\nقال الرئيس التركي رجب طيب أردوغان إن أنقرة لن تسحب قواتها، وإن الجيش التركي "
           "باق في مواقعه.\n")


def test_top_actor_is_asked_of_the_first_article_that_names_one(tmp_path, capsys):
    """02.2 on a corpus whose first article names no actor asks about the next one, and its solution runs."""
    from helpers import read_corpus
    from helpers.actors import actor_counts, actor_mentions

    c = read_corpus(_write_corpus(tmp_path / "c", {"000": WEATHER, "001": ERDOGAN}))
    broad = actor_counts(actor_mentions(c, view="broad"), c.articles)
    assert "000" not in set(broad["doc_id"])
    assert exercises.check("02.2", "turkey", c, quiet=True)  # أنقرة twice and التركي: 3, against أردوغان's 1
    assert not exercises.check("02.2", "erdogan", c, quiet=True)
    assert not exercises.check("02.2", None, c)
    assert "not answered yet" in capsys.readouterr().out


def test_an_exercise_the_corpus_cannot_pose_says_so(tmp_path, capsys):
    """With no actor, no resolved date and no framing term, an answer to 02.2, 03.3 or 04.2 is told the exercise
    does not apply, and passes; an unanswered one is only told so (nothing is computed for it)."""
    from helpers import read_corpus

    c = read_corpus(_write_corpus(tmp_path / "c", {"000": WEATHER}))
    for exercise_id, answer in (("02.2", "un"), ("03.3", ("2020-01-01", "X")), ("04.2", lambda terms: ("000", 0.5))):
        verdict = exercises.check(exercise_id, answer, c)
        assert verdict and not verdict.applies and repr(verdict) == "does not apply"
        assert f"Exercise {exercise_id} does not apply to this corpus" in capsys.readouterr().out
        assert not exercises.check(exercise_id, None, c)
        assert "not answered yet" in capsys.readouterr().out


def test_reader_page_leaves_the_exercises_out(built):
    """Readers never see an exercise or an unanswered self-check; the workbook page keeps them (the files written
    stay on both: test_build checks the list)."""
    out, _, _ = built
    for path in ROOT.joinpath("notebooks").glob("0*.ipynb"):
        reader = (out / f"{path.stem}.reader.html").read_text(encoding="utf-8")
        workbook = (out / f"{path.stem}.html").read_text(encoding="utf-8")
        assert "not answered yet" not in reader and "Your turn" not in reader and "Exercise 0" not in reader
        assert "not answered yet" in workbook and "Exercise 0" in workbook


@pytest.mark.parametrize("path", list_notebooks(), ids=lambda p: p.name)
def test_every_your_turn_cell_is_tagged_exercise(path):
    """The 'Your turn' section, from its heading to the files written, is tagged for the reader page to leave out."""
    nb = nbformat.read(path, as_version=4)
    start = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## Your turn"))
    end = next(i for i, c in enumerate(nb.cells) if c.source.startswith("## Files written") or "files_written(" in c.source)
    tagged = [i for i, c in enumerate(nb.cells) if "exercise" in c.metadata.get("tags", [])]
    assert tagged == list(range(start, end))
    assert all("check(" in nb.cells[i].source for i in tagged if nb.cells[i].cell_type == "code")


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
