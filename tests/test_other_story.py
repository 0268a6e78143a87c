"""A corpus on another story (Yemen, Hodeidah and the Stockholm agreement, December 2018): what the
Idlib lexicons must not claim on it, the date warnings it must get, and the dates its story view shows.

``tests/corpora/yemen_2018``: ten scraped articles from four outlets, with an analyst's ``lexicons/``
(actors and events, no framing rows). Expected values were read off the article texts by hand.
"""
from __future__ import annotations

import io
import shutil

import pytest

from helpers.paths import ROOT, SEEDS

YEMEN = ROOT / "tests" / "corpora" / "yemen_2018"


@pytest.fixture(scope="module")
def yemen():
    from helpers.tables import compute_tables

    return compute_tables(YEMEN)


@pytest.fixture(scope="module")
def yemen_no_lexicons(tmp_path_factory):
    """The same articles without the analyst's lexicons: only the shipped (Idlib) ones."""
    from helpers.tables import compute_tables

    folder = tmp_path_factory.mktemp("yemen") / "corpus"
    shutil.copytree(YEMEN, folder, ignore=shutil.ignore_patterns("lexicons"))
    return compute_tables(folder)


@pytest.fixture(scope="module")
def seed_tables():
    from helpers.tables import compute_tables

    return compute_tables(SEEDS)


# ---------------------------------------------------------------- labels without a referent


@pytest.mark.parametrize("which", ["yemen", "yemen_no_lexicons"])
def test_idlib_referents_do_not_apply_to_yemen(which, request):
    """000 وفد المرتزقة (al-Masirah: the government's delegation) and 003/005 وصفت الحكومة المقاتلين الحوثيين
    بـ"الإرهابيين" (the Houthis) are hostile labels, but not for the Syrian armed opposition: no article of
    this corpus is about Syria, so their referent is unknown (empty)."""
    framing = request.getfixturevalue(which)["framing_terms.csv"]
    got = {(d, t): (r, n, lean) for d, r, t, n, lean in
           framing[["doc_id", "referent", "term", "count", "leaning"]].itertuples(index=False)}
    assert got[("000", "المرتزقة")] == ("", 1, "hostile")
    assert got[("003", "الإرهابيين")] == ("", 1, "hostile")
    assert got[("005", "الإرهابيين")] == ("", 1, "hostile")
    assert got[("004", "المرتزقة")] == ("", 1, "hostile")  # مرتزقة العدوان: العدوان is no actor
    assert not set(framing["referent"]) & {"armed_opposition", "syrian_government", "territory"}


def test_seed_labels_keep_their_referents(seed_tables):
    """On the seeds (every article about Syria) the Syrian referents apply as before: 003 writes مرتزقة تركيا
    and قوات النظام five times, 004 الإرهابيين three times (once in Lavrov's quoted words)."""
    get = seed_tables["framing_terms.csv"].set_index(["doc_id", "term"])
    assert tuple(get.loc[("003", "مرتزقة تركيا"), ["referent", "count"]]) == ("armed_opposition", 1)
    assert tuple(get.loc[("003", "قوات النظام"), ["referent", "count"]]) == ("syrian_government", 5)
    assert tuple(get.loc[("004", "الإرهابيين"), ["referent", "count", "in_quotes"]]) == ("armed_opposition", 3, 1)
    assert (seed_tables["framing_terms.csv"]["referent"] != "").all()


def test_labels_without_referent_are_warned(yemen):
    """One warning per article whose labels were counted without a referent, naming the labels and the story."""
    warnings = yemen["warnings.csv"]
    rows = warnings[warnings["kind"] == "framing_no_referent"]
    assert rows["file"].tolist() == ["000_masirah_stockholm.txt", "003_awsat_ceasefire.txt",
                                     "004_masirah_violations.txt", "005_saba_repost.txt"]
    first = rows.iloc[0]
    assert "المرتزقة" in first["problem"] and "syria" in first["problem"]
    assert "no referent" in first["action"]


def test_seed_warnings_stay_empty(seed_tables):
    """The seeds get no warning: every article has its date in metadata.csv, none contradicted, and every
    label has its referent."""
    assert seed_tables["warnings.csv"].empty


# ---------------------------------------------------------------- date warnings


def test_contradicted_date_is_a_warning(yemen):
    """006 (metadata 2018-12-23) says أمس الجمعة: Friday 21 December, the day before a Saturday 22nd. One
    warning, and the article's relative dates stay unresolved."""
    warnings = yemen["warnings.csv"]
    rows = warnings[warnings["kind"] == "weekday_contradiction"]
    assert rows["file"].tolist() == ["006_jazeera_resolution.txt"]
    problem, action = rows.iloc[0][["problem", "action"]]
    assert "2018-12-23" in problem and "أمس الجمعة" in problem
    assert "unresolved" in action and "metadata.csv" in action


def test_date_from_dateline_is_a_warning(yemen):
    """009 has no published date; its reference date 2018-12-20 comes from its dateline (the dek)."""
    warnings = yemen["warnings.csv"]
    rows = warnings[warnings["kind"] == "date_from_text"]
    assert rows["file"].tolist() == ["009_saba_government.txt"]
    assert "2018-12-20" in rows.iloc[0]["problem"]


def test_date_warnings_are_printed(yemen, tmp_path):
    """The tables command prints one line per kind of warning from warnings.csv."""
    from helpers.__main__ import print_warnings
    from helpers.tables import write_csv

    out = io.StringIO()
    print_warnings(write_csv(yemen["warnings.csv"], tmp_path / "warnings.csv"), out=out)
    text = out.getvalue()
    assert "006_jazeera_resolution.txt" in text and "أمس الجمعة" in text
    assert "009_saba_government.txt" in text


def test_same_warnings_in_partitions(yemen, tmp_path):
    """Computed in partitions of articles (--jobs), warnings.csv has the same rows in the same order."""
    from helpers.tables import write_tables

    write_tables(YEMEN, tmp_path, jobs=2)
    single = yemen["warnings.csv"].to_csv(index=False)
    assert (tmp_path / "tables" / "warnings.csv").read_text(encoding="utf-8") == single


# ---------------------------------------------------------------- the story view's dates


def test_story_dates_use_the_reference_date(yemen):
    """009 has no published date but a dateline (2018-12-20): the aligned pairs and stories show that date,
    with its basis, instead of nothing."""
    aligned, stories = yemen["aligned_sentences.csv"], yemen["stories.csv"]
    with_009 = aligned[(aligned["doc_id_b"] == "009") | (aligned["doc_id_a"] == "009")]
    assert len(with_009)
    for row in with_009.itertuples(index=False):
        side = "b" if row.doc_id_b == "009" else "a"
        assert getattr(row, f"published_{side}") == "2018-12-20"
        assert getattr(row, f"date_basis_{side}") == "text"
    for row in stories[stories["story_id"].isin(with_009["story_id"])].itertuples(index=False):
        assert row.last >= "2018-12-20" or row.first == "2018-12-20"
