"""Tables read back by the notebooks: the same tables as computed, and only when they are this corpus's."""
from __future__ import annotations

import io
import json
import shutil

import pandas as pd
import pytest

from helpers import cleaning_report as report
from helpers.bench import make_corpus
from helpers.cleaning import STEP_NAMES
from helpers.compare import corpus_sentences, framing_matches, labels_in_context, scan_for_comparison
from helpers.dates import date_mentions
from helpers.errors import WorkbookError
from helpers.loading import read_corpus
from helpers.notebook import files_written, now, record_written, show_table
from helpers.paths import SEEDS
from helpers.saved import (MANIFEST, SavedTables, corpus_fingerprint, corpus_subset, first_articles, read_table,
                           stale_reason)
from helpers.tables import compute_tables, write_tables


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic corpus of 40 articles and its tables, written in two processes (the build's path)."""
    folder = make_corpus(40, tmp_path_factory.mktemp("synthetic"))
    out = tmp_path_factory.mktemp("out")
    write_tables(folder, out, jobs=2)
    return folder, out


@pytest.fixture(scope="module")
def seeds_out(tmp_path_factory):
    """The seeds' tables, written in one process."""
    out = tmp_path_factory.mktemp("seeds_out")
    write_tables(SEEDS, out)
    return out


def test_every_table_reads_back_as_computed(seeds_out, synthetic):
    """Each table read back has the computed table's columns, types and values (floats to the CSV's 3 decimals)."""
    for folder, out in ((SEEDS, seeds_out), synthetic):
        saved = SavedTables(folder, out, compute=False)
        computed = compute_tables(folder)
        assert saved.names() == sorted(computed)
        for name, frame in computed.items():
            back = saved[name]
            assert saved.rows(name) == len(frame), name
            if len(frame):
                pd.testing.assert_frame_equal(back, frame, check_exact=False, atol=5e-4, obj=name)


def test_doc_ids_keep_their_leading_zeros_and_numbers_their_type(seeds_out):
    saved = SavedTables(SEEDS, seeds_out, compute=False)
    assert list(saved["articles.csv"]["doc_id"]) == ["000", "001", "002", "003", "004"]
    assert saved["actor_mentions.csv"]["start"].dtype == "int64"
    assert saved["actor_counts.csv"]["per_1000_words"].dtype == "float64"
    assert read_table(seeds_out / "tables" / "articles.csv")["n_words"].iloc[0].isdigit()  # no types: all text


def test_the_manifest_holds_no_path_and_the_same_bytes_on_a_rerun(tmp_path):
    write_tables(SEEDS, tmp_path / "a")
    write_tables(SEEDS, tmp_path / "b", jobs=2)  # partitions: the same manifest as one process
    a = (tmp_path / "a" / "tables" / MANIFEST).read_bytes()
    assert a == (tmp_path / "b" / "tables" / MANIFEST).read_bytes()
    assert str(tmp_path).encode() not in a and str(SEEDS).encode() not in a
    manifest = json.loads(a)
    assert manifest["tables"]["articles.csv"]["rows"] == 5
    assert manifest["tables"]["articles.csv"]["columns"]["n_words"] == "int"


def test_tables_of_another_corpus_or_changed_files_are_not_read_back(seeds_copy, tmp_path):
    """An edited article, a corpus lexicon, an edited or missing table: each makes the tables stale, with the reason."""
    out = tmp_path / "out"
    write_tables(seeds_copy, out)
    assert stale_reason(seeds_copy, out) == ""
    assert "other articles" in stale_reason(SEEDS.parent / "tests" / "corpora" / "renaissance_dam", out)
    article = sorted(seeds_copy.glob("*.txt"))[0]
    article.write_bytes(article.read_bytes() + "\nسطر جديد".encode("utf-8"))
    assert "other articles" in stale_reason(seeds_copy, out)
    write_tables(seeds_copy, out)
    before = corpus_fingerprint(seeds_copy)
    (seeds_copy / "lexicons").mkdir()
    (seeds_copy / "lexicons" / "actors.csv").write_text("actor_id,label_en\n", encoding="utf-8")
    assert corpus_fingerprint(seeds_copy) != before
    shutil.rmtree(seeds_copy / "lexicons")
    assert stale_reason(seeds_copy, out) == ""
    (out / "tables" / "voices.csv").write_text("doc_id\n", encoding="utf-8")
    assert stale_reason(seeds_copy, out) == "tables/voices.csv is missing or changed since it was computed"
    (out / "tables" / MANIFEST).unlink()
    assert stale_reason(seeds_copy, out) == "no tables computed for it yet"
    with pytest.raises(WorkbookError, match="no tables computed"):
        SavedTables(seeds_copy, out, compute=False)


def test_a_run_that_fails_leaves_no_manifest(seeds_copy, tmp_path, monkeypatch):
    """Tables half rewritten must never look current: the manifest goes first and comes back last."""
    import helpers.tables as tables

    out = tmp_path / "out"
    write_tables(seeds_copy, out)

    def broken(corpus):
        raise RuntimeError("stage failed")

    monkeypatch.setattr(tables, "table_stages", lambda: [("cleaning", tables.corpus_tables), ("broken", broken)])
    with pytest.raises(RuntimeError):
        write_tables(seeds_copy, out)
    assert not (out / "tables" / MANIFEST).exists()
    assert stale_reason(seeds_copy, out) == "no tables computed for it yet"


def test_missing_tables_are_computed_first_and_recorded_as_written(tmp_path):
    """Run alone, a notebook's SavedTables runs the tables command, says so, and lists what it wrote."""
    started = now()
    shown = io.StringIO()
    saved = SavedTables(SEEDS, tmp_path, progress=shown)
    assert saved.computed_here and "Computing every table of this corpus first (no tables computed for it yet)" in shown.getvalue()
    written = list(files_written(tmp_path, started)["file"])
    assert "tables/manifest.json" in written and "tables/date_mentions.csv" in written and "tables.xlsx" in written
    assert saved.origin(["voices.csv"])["written"].iloc[0].startswith("by this notebook, which ran python -m helpers tables")
    again = SavedTables(SEEDS, tmp_path, progress=shown)  # the next notebook reads them back
    assert not again.computed_here and "read back" in again.origin(["voices.csv"])["written"].iloc[0]


def test_a_corpus_the_tables_command_refuses_is_a_clear_error(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(WorkbookError, match="no article files"):
        SavedTables(empty, tmp_path / "out", progress=io.StringIO())


def test_the_corpus_read_back_is_the_loaded_corpus(seeds_out, corpus):
    back = SavedTables(SEEDS, seeds_out, compute=False).corpus()
    pd.testing.assert_frame_equal(back.articles, corpus.articles[back.articles.columns])
    pd.testing.assert_frame_equal(back.paragraphs, corpus.paragraphs[back.paragraphs.columns])
    pd.testing.assert_frame_equal(back.cleaning_log, corpus.cleaning_log)
    assert back.warnings == corpus.warnings


def test_the_loading_warnings_read_back_as_notes(seeds_copy, tmp_path):
    """A file without a metadata row is a recorded warning; it comes back as the same note."""
    (seeds_copy / "009_extra.txt").write_text("عنوان\n\nنص الخبر.\n", encoding="utf-8")
    write_tables(seeds_copy, tmp_path)
    loaded = read_corpus(seeds_copy)
    assert loaded.warnings and SavedTables(seeds_copy, tmp_path, compute=False).corpus().warnings == loaded.warnings


def test_a_view_of_the_first_articles_equals_the_same_rows_of_the_whole_corpus(synthetic):
    """Labels in context on the few articles a page shows are the first rows of the view on every article."""
    folder, out = synthetic
    saved = SavedTables(folder, out, compute=False)
    whole = saved.corpus()
    full = labels_in_context(framing_matches(scan_for_comparison(whole)), corpus_sentences(whole), whole.articles,
                             "armed_opposition")
    counts = saved["framing_terms.csv"]
    rows = counts[counts["referent"] == "armed_opposition"]
    assert rows["count"].sum() == len(full)
    first = saved.articles_of(rows, max_rows=30, weight="count")
    assert 1 < len(first.articles) < len(whole.articles)
    part = labels_in_context(framing_matches(scan_for_comparison(first)), corpus_sentences(whole), first.articles,
                             "armed_opposition")
    assert len(part) >= 30
    pd.testing.assert_frame_equal(part.head(30), full.head(30))
    sub = corpus_subset(whole, ["000003", "000010"])
    assert list(sub.articles["doc_id"]) == ["000003", "000010"]
    mentions = date_mentions(whole)
    pd.testing.assert_frame_equal(date_mentions(sub), mentions[mentions["doc_id"].isin(["000003", "000010"])]
                                  .reset_index(drop=True))


def test_first_articles_stop_once_the_rows_are_covered():
    per_article = pd.Series({"a": 2, "b": 0, "c": 3, "d": 9})
    assert first_articles(per_article, 2) == ["a"]
    assert first_articles(per_article, 3) == ["a", "b", "c"]
    assert first_articles(per_article, 100) == ["a", "b", "c", "d"]


def test_a_table_of_first_rows_states_the_whole_tables_count(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", lambda obj: shown.append(obj.data))
    show_table(pd.DataFrame({"n": range(20)}), total=12_345, interactive=False)
    assert "20 rows" not in shown[0] and "The first 20 of 12,345 rows." in shown[0]


def test_step_examples_from_the_cleaning_log_are_the_first_lines_each_step_changed(synthetic, corpus):
    folder, out = synthetic
    for c in (corpus, SavedTables(folder, out, compute=False).corpus()):
        for step in STEP_NAMES:
            plain = report.step_examples(c.paragraphs, step, n=2)
            logged = report.step_examples(c.paragraphs, step, n=2, cleaning_log=c.cleaning_log)
            pd.testing.assert_frame_equal(plain, logged)


def test_record_written_is_what_files_written_lists(tmp_path):
    started = now()
    path = tmp_path / "x.csv"
    path.write_text("a\n", encoding="utf-8")
    record_written(path)
    assert list(files_written(tmp_path, started)["file"]) == ["x.csv"]


@pytest.mark.parametrize("folder", ["seeds", "libya_2020", "renaissance_dam"])
def test_the_codebook_fit_from_the_tables_is_the_fit_from_a_scan(folder, tmp_path):
    """04 says how the codebook fits the corpus from the saved tables: the same fit as from a scan of the text."""
    from helpers.compare import codebook_fit, codebook_fit_from_tables, load_codebook, match_events
    from helpers.paths import ROOT

    seeds = SEEDS if folder == "seeds" else ROOT / "tests" / "corpora" / folder
    saved = SavedTables(seeds, tmp_path, progress=io.StringIO())
    corpus = saved.corpus()
    codebook = load_codebook(lexicons=corpus)
    scans = scan_for_comparison(corpus)
    fit = codebook_fit_from_tables(corpus, saved, codebook)
    assert fit == codebook_fit(scans, match_events(scans, corpus.articles, codebook), codebook)
    assert fit.another_story == (folder == "renaissance_dam")  # libya_2020 brings its own events.csv
