"""A corpus on another story (Yemen, Hodeidah and the Stockholm agreement, December 2018): what the
Idlib lexicons must not claim on it, the date warnings it must get, and the dates its story view shows.

``tests/corpora/yemen_hodeidah``: ten scraped articles from four outlets, with an analyst's ``lexicons/``
(actors and events, no framing rows). Expected values were read off the article texts by hand.
"""
from __future__ import annotations

import io
import shutil

import pytest

from helpers.paths import ROOT, SEEDS

YEMEN = ROOT / "tests" / "corpora" / "yemen_hodeidah"


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
        assert row.first_published <= "2018-12-20" <= row.last_published
    # 007 (2018-12-11) and 009's dek line "سبأنت - الرياض - الخميس 20 كانون الأول/ديسمبر 2018" are nine days
    # apart: with 009 dated, they are no longer compared (the window is a week)
    pairs = set(zip(aligned["doc_id_a"], aligned["doc_id_b"]))
    assert ("007", "009") not in pairs and ("009", "007") not in pairs


def test_seed_story_dates_are_the_published_dates(seed_tables):
    """On the seeds the story view's dates are the metadata dates, except 001, which has no date at all."""
    aligned = seed_tables["aligned_sentences.csv"]
    dates = {"000": "2019-06-05", "001": "", "002": "2020-02-20", "003": "2020-02-11", "004": "2020-02-17"}
    for side in "ab":
        for doc_id, published, basis in zip(aligned[f"doc_id_{side}"], aligned[f"published_{side}"],
                                            aligned[f"date_basis_{side}"]):
            assert (published, basis) == (dates[doc_id], "metadata" if dates[doc_id] else "")


def test_chart_labels_show_the_reference_date():
    """A chart's article label shows the reference date, marked (text) when it comes from a dateline."""
    import pandas as pd

    from helpers.compare.plots import plot_coverage
    from helpers.dates import dated_articles

    articles = pd.DataFrame({"doc_id": ["007", "009", "010"], "outlet": ["الشرق الأوسط", "وكالة سبأ", "x"],
                             "outlet_short": ["Asharq al-Awsat", "Saba", "x"], "published": ["2018-12-11", "", ""]})
    refs = pd.DataFrame({"doc_id": ["007", "009", "010"], "reference_date": ["2018-12-11", "2018-12-20", ""],
                         "basis": ["metadata", "text", "none"]})
    coverage = pd.DataFrame({"event_id": ["e"] * 3, "doc_id": ["007", "009", "010"], "n_sentences": [1, 1, 0]})
    fig = plot_coverage(coverage, dated_articles(articles, refs))
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert labels[0].endswith("\n2018-12-11")
    assert labels[1].endswith("\n2018-12-20 (text)")
    assert labels[2].endswith("\nundated")
    assert articles["published"].tolist() == ["2018-12-11", "", ""]  # the input is not modified


# ---------------------------------------------------------------- the index glossary


def test_glossary_leaves_out_syria_terms_on_yemen(yemen):
    """No Yemen article names Syria: the ten Syria-only glossary terms (قوات النظام, مرتزقة تركيا...) are left
    out of the index and the page says so; the general terms (أمس, زعم / ادعى) stay."""
    from helpers.index import glossary_about, glossary_html, load_glossary

    about = glossary_about(yemen, YEMEN)
    assert about == frozenset()
    terms = set(load_glossary(YEMEN, about)["term"])
    assert "قوات النظام" not in terms and "مرتزقة تركيا" not in terms and "المسلحين / الإرهابيين" not in terms
    assert {"أمس", "زعم / ادعى", "الإرهـ.ـابيين"} <= terms

    class Overview:
        seeds_dir = YEMEN

    Overview.about = about
    assert "10 terms of the glossary belong to the story of <code>syria</code>" in glossary_html(Overview)


def test_glossary_keeps_syria_terms_on_seeds(seed_tables):
    """Every seed article is about Syria: the whole glossary is shown."""
    from helpers.index import glossary_about, load_glossary

    about = glossary_about(seed_tables, SEEDS)
    assert about == frozenset({"syria"})
    assert len(load_glossary(SEEDS, about)) == len(load_glossary(SEEDS)) == 30
