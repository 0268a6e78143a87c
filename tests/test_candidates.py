"""Actors you have not listed yet: actor_candidates.csv on a new story, on the seeds, and after adding two rows.

The figures below were counted by hand in the five articles of tests/corpora/libya_2020 (written for
these tests) before the candidate finder was run on them.
"""
from __future__ import annotations

import shutil
import warnings

import pandas as pd
import pytest

from helpers.actors import actor_candidates, add_actor, candidate_kwic, load_gazetteer
from helpers.actors.candidates import reduce_candidates, summarise_candidates
from helpers.errors import CorpusWarning, WorkbookError
from helpers.loading import load_entries, plan_corpus, read_corpus
from helpers.paths import LEXICONS, ROOT, SEEDS
from helpers.tables import split, write_tables

LIBYA = ROOT / "tests" / "corpora" / "libya_2020"
YEMEN = ROOT / "tests" / "corpora" / "yemen_hodeidah"


def _without_lexicons(source, folder):
    """Copy a test corpus's articles and metadata into ``folder``, leaving its ``lexicons/`` behind."""
    folder.mkdir()
    for path in [*source.glob("*.txt"), source / "metadata.csv"]:
        shutil.copy(path, folder / path.name)
    return folder


@pytest.fixture()
def bare_corpus(tmp_path):
    """The Libya articles and metadata, without the corpus's own lexicons."""
    return _without_lexicons(LIBYA, tmp_path / "libya")


def _read(folder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return read_corpus(folder)


def test_the_main_people_of_a_new_story_come_first(bare_corpus):
    """With no lexicon of its own, Haftar and Sarraj are the top two candidates, with their cues and counts.

    Haftar: a title (المشير) in 000, 001, 002 and 004, and 19 mentions there (5 + 6 + 3 + 5; the one in
    003 has no cue). Sarraj: a title (رئيس حكومة, رئيس المجلس) in 000, 002, 003 and 8 mentions there.
    """
    table = actor_candidates(_read(bare_corpus))
    top = table.head(2).set_index("candidate")
    assert set(top.index) == {"خليفة حفتر", "فايز السراج"}
    assert top.loc["خليفة حفتر", ["n_mentions", "n_articles"]].tolist() == [19, 4]
    assert top.loc["فايز السراج", ["n_mentions", "n_articles"]].tolist() == [8, 3]
    assert "title: المشير ×5" in top.loc["خليفة حفتر", "evidence"]
    assert "unlinked speaker ×1" in top.loc["خليفة حفتر", "evidence"]  # وزعم المشير خليفة حفتر
    assert "surname repeated" in top.loc["فايز السراج", "evidence"]
    assert "المشير خليفة حفتر" in top.loc["خليفة حفتر", "example"]
    others = set(table["candidate"])
    assert {"أحمد المسماري", "عقيلة صالح", "غسان سلامة"} <= others
    # known actors, titles and words after a title are not candidates
    assert not others & {"سيرغي لافروف", "لافروف", "المشير", "الرئيس", "ونظيره", "مهلة"}


def test_a_spokesman_found_by_title_and_by_bare_surname(bare_corpus):
    """المسماري: 'اللواء أحمد المسماري' and 'وقال المسماري' in 001, 'وزعم المسماري' alone in 003 -> one candidate."""
    row = actor_candidates(_read(bare_corpus)).set_index("candidate").loc["أحمد المسماري"]
    assert row[["n_mentions", "n_articles"]].tolist() == [3, 2]
    assert row["evidence"] == "title: اللواء ×1; unlinked speaker ×2; surname repeated ×1"


def test_the_seeds_have_few_candidates():
    """The seed gazetteer already names the seed corpus's people: at most a stray phrase is left."""
    table = actor_candidates(read_corpus(SEEDS))
    assert len(table) <= 2
    assert (table["n_articles"] == 1).all() and (table["n_cues"] == 1).all()


def test_partitions_reduce_to_the_same_table(bare_corpus):
    """One article per partition, reduced, gives the table of the whole corpus."""
    entries, _ = plan_corpus(bare_corpus)
    whole = actor_candidates(_read(bare_corpus))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        parts = [summarise_candidates(load_entries(chunk, bare_corpus)) for chunk in split(entries, 5)]
    assert reduce_candidates(parts)["actor_candidates.csv"].equals(whole)
    assert reduce_candidates(parts[::-1])["actor_candidates.csv"]["candidate"].tolist()[:2] == \
        whole["candidate"].tolist()[:2]


def test_two_rows_added_are_counted_and_given_their_voices(bare_corpus, tmp_path):
    """Adding Haftar and Sarraj to DIR/lexicons/actors.csv: counted, given voices, no package file touched."""
    shipped = {p.name: p.read_bytes() for p in LEXICONS.glob("*.csv")}
    add_actor(bare_corpus, "haftar", "خليفة حفتر", "Khalifa Haftar", "person", "حفتر|خليفة حفتر", parent="libya")
    add_actor(bare_corpus, "sarraj", "فايز السراج", "Fayez al-Sarraj", "person", "السراج|فايز السراج", parent="libya")
    assert {p.name: p.read_bytes() for p in LEXICONS.glob("*.csv")} == shipped
    assert (bare_corpus / "lexicons" / "actors.csv").read_text(encoding="utf-8").count("\n") == 3
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        write_tables(bare_corpus, tmp_path / "out", jobs=2)
    tables = tmp_path / "out" / "tables"
    counts = pd.read_csv(tables / "actor_counts.csv", dtype={"doc_id": str}).groupby("actor_id")["count"].sum()
    assert counts[["haftar", "sarraj"]].tolist() == [20, 11]
    voices = pd.read_csv(tables / "voices.csv", dtype={"doc_id": str}, keep_default_na=False)
    spoke = voices[voices["actor_id"].isin(["haftar", "sarraj"])]
    # وزعم المشير خليفة حفتر (002); وأكد السراج (000), وقال السراج (003)
    assert sorted(zip(spoke["doc_id"], spoke["actor_id"], spoke["verb"])) == [
        ("000", "sarraj", "وأكد"), ("002", "haftar", "وزعم"), ("003", "sarraj", "وقال")]
    # 'وزعم المتحدث باسم قوات حفتر اللواء أحمد المسماري' is the spokesman's claim, not Haftar's
    assert not ((voices["doc_id"] == "001") & (voices["actor_id"] == "haftar")).any()
    candidates = pd.read_csv(tables / "actor_candidates.csv", keep_default_na=False)
    assert candidates["candidate"].tolist() == ["أحمد المسماري", "عقيلة صالح", "غسان سلامة"]


def test_add_actor_refuses_a_bad_row_and_writes_nothing(bare_corpus):
    """A form already listed for another actor stops with the shipped file's line; nothing is written."""
    with pytest.raises(WorkbookError, match=r"libya/lexicons/actors.csv, line 2: forms 'بوتين' is already listed"):
        add_actor(bare_corpus, "haftar", "خليفة حفتر", "Khalifa Haftar", "person", "حفتر|بوتين")
    assert not (bare_corpus / "lexicons").exists()
    add_actor(bare_corpus, "haftar", "خليفة حفتر", "Khalifa Haftar", "person", "حفتر")
    with pytest.raises(WorkbookError, match="actor_id 'haftar' is already there"):
        add_actor(bare_corpus, "haftar", "خليفة حفتر", "Khalifa Haftar", "person", "خليفة حفتر")
    assert "haftar" in load_gazetteer(lexicons=bare_corpus).ids


def test_candidate_contexts(bare_corpus):
    """candidate_kwic shows each occurrence of the name or its surname, with proclitics: 20 for Haftar."""
    rows = candidate_kwic(_read(bare_corpus), "خليفة حفتر")
    assert len(rows) == 20
    assert set(rows["match"]) == {"حفتر", "خليفة حفتر"}
    assert rows.iloc[0][["doc_id", "para_id"]].tolist() == ["000", 2]  # وحفتر in the headline


@pytest.fixture()
def bare_yemen(tmp_path):
    """The Hodeidah articles and metadata, without the analyst's lexicons."""
    return _without_lexicons(YEMEN, tmp_path / "yemen")


def test_names_on_a_second_story_without_its_lexicon(bare_yemen):
    """yemen_hodeidah with the shipped gazetteer: the people it names, and none of the junk read before.

    By reading: محمد عبد السلام (000, 007), محمد علی الحوثی (004, Persian ی, title عضو), تركي المالكي
    (003 and 005, after العقيد), محمد آل جابر (009, after سفير; بجهود is 'the efforts of'), شرف لقمان
    (004, after العميد; ناطق القوات is his office). مصادر ('sources') is no name.
    """
    candidates = set(actor_candidates(_read(bare_yemen))["candidate"])
    assert {"محمد عبد السلام", "محمد علی الحوثی", "تركي المالكي", "محمد آل جابر", "شرف لقمان",
            "معين عبدالملك", "كارين بيرس", "باتريك كاميرت"} <= candidates
    assert not candidates & {"لأنصار الله محمد", "محمد آل جابر بجهود", "مصادر", "ناطق القوات", "محمد علي"}


def test_names_on_a_second_story_with_its_lexicon():
    """With the analyst's actors added, the people they did not add are still offered, and only they."""
    candidates = actor_candidates(_read(YEMEN))
    assert {"تركي المالكي", "محمد آل جابر", "شرف لقمان", "معين عبدالملك", "كارين بيرس"} <= set(candidates["candidate"])
    assert not set(candidates["candidate"]) & {"مصادر", "ناطق القوات", "محمد آل جابر بجهود"}
