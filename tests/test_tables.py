"""The tables: columns, row order and identical bytes on a re-run."""
from __future__ import annotations

import hashlib
import warnings

import pandas as pd

from helpers.paths import SEEDS
from helpers.tables import write_tables


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


def test_tables_are_byte_identical_on_rerun(tmp_path):
    """Writing the tables twice gives the same bytes."""
    write_tables(SEEDS, tmp_path / "a")
    write_tables(SEEDS, tmp_path / "b")
    assert _digest(tmp_path / "a" / "tables") == _digest(tmp_path / "b" / "tables")


def test_paragraphs_and_cleaning_log_columns(tmp_path):
    """paragraphs.csv and cleaning_log.csv have the documented columns and keep doc_id as text."""
    write_tables(SEEDS, tmp_path)
    paras = pd.read_csv(tmp_path / "tables" / "paragraphs.csv", dtype=str, keep_default_na=False)
    assert list(paras.columns) == ["doc_id", "para_id", "role", "text_raw", "text"]
    assert paras["doc_id"].iloc[0] == "000"
    log = pd.read_csv(tmp_path / "tables" / "cleaning_log.csv", dtype={"doc_id": str})
    assert list(log.columns) == ["doc_id", "para_id", "step", "count"]
    # 004 line 9 (para 5): "حيث صرح" + space + no-break space + "وزير": the no-break space becomes a
    # space (1), then the two spaces collapse (1); the line has 4 quote marks and 3 broken words (العسـ.ـكريون، المنتـ.ـشرون، مستجـ.ـدات)
    row = log[(log["doc_id"] == "004") & (log["para_id"] == 5)].set_index("step")["count"]
    assert row["normalize_whitespace"] == 2
    assert row["normalize_quotes"] == 4
    assert row["repair_obfuscation_tatweel_dot"] == 3


def test_parallel_partitions_give_the_same_bytes(tmp_path):
    """Tables computed in 2 processes over article partitions are byte-identical to one process."""
    import shutil

    corpus = tmp_path / "many"
    corpus.mkdir()
    for i in range(6):  # 30 articles: the seeds six times, under new doc_ids
        for src in sorted(SEEDS.glob("*.txt")):
            shutil.copy(src, corpus / f"{i}{src.name}")
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_tables(corpus, tmp_path / "one", jobs=1)
        write_tables(corpus, tmp_path / "two", jobs=2)
    assert _digest(tmp_path / "one" / "tables") == _digest(tmp_path / "two" / "tables")
    assert len(pd.read_csv(tmp_path / "one" / "tables" / "articles.csv")) == 30


def _pandas_csv(frame: pd.DataFrame, header: bool = True) -> bytes:
    return frame.to_csv(index=False, header=header, lineterminator="\n", float_format="%.3f").encode("utf-8")


def test_csv_bytes_match_pandas_on_awkward_values():
    """Quotes, commas, line breaks, missing values, booleans and rounding give pandas' own bytes."""
    from helpers.tables import csv_bytes

    frame = pd.DataFrame({
        "text": ['قالت "زاخاروفا"', "إدلب، سوريا, 2020", "سطر\nثان", None, "", "a\rb"],
        "n": [1, -2, 0, 3, 40_000, 5],
        "rate": [0.0005, 1 / 3, float("nan"), -0.25, 2.0, 1e-9],
        "flag": [True, False, True, False, True, False],
    })
    assert csv_bytes(frame) == _pandas_csv(frame)
    assert csv_bytes(frame, header=False) == _pandas_csv(frame, header=False)
    assert csv_bytes(frame).decode("utf-8").splitlines()[1] == '"قالت ""زاخاروفا""",1,0.001,True'
    no_cr = frame.assign(text=frame["text"].str.replace("\r", "", regex=False))  # the quoting path, not to_csv
    assert csv_bytes(no_cr) == _pandas_csv(no_cr) and csv_bytes(no_cr, header=False) == _pandas_csv(no_cr, header=False)
    named = no_cr.rename(columns={"text": 'the "text", quoted'})
    assert csv_bytes(named) == _pandas_csv(named)
    one = pd.DataFrame({"warning": ["", "001_x.txt: no metadata row"]})  # a lone empty field is written as ""
    assert csv_bytes(one) == _pandas_csv(one) == b'warning\n""\n001_x.txt: no metadata row\n'
    assert csv_bytes(frame.head(0)) == _pandas_csv(frame.head(0)) == b"text,n,rate,flag\n"


def test_csv_bytes_hand_other_column_types_to_pandas():
    """A column type the fast path does not prepare (dates here) still gives pandas' bytes."""
    from helpers.tables import csv_bytes

    frame = pd.DataFrame({"day": pd.to_datetime(["2020-02-17", None]), "n": [1, 2]})
    assert csv_bytes(frame) == _pandas_csv(frame) == b"day,n\n2020-02-17,1\n,2\n"


def test_a_failing_partition_leaves_no_half_written_tables(tmp_path):
    """An unreadable article found by a worker stops the run with its name, and no table file is left."""
    import shutil

    import pytest

    from helpers.errors import CorpusWarning, WorkbookError

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    (corpus / "999_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")  # sorts last: its partition comes after others were written
    with pytest.raises(WorkbookError, match="999_binary.txt"), pytest.warns(CorpusWarning, match="no row in metadata"):
        write_tables(corpus, tmp_path / "out", jobs=2)
    assert sorted(p.name for p in (tmp_path / "out" / "tables").iterdir()) == []


def _words_per_seed(corpus, tables):
    """A corpus stage's summary for the test below: words per seed file name in this partition."""
    seed = tables["articles.csv"]["doc_id"].str[1:]  # copies are named 0000_…, 1000_…: seed 000
    return {k: int(n) for k, n in tables["articles.csv"]["n_words"].groupby(seed).sum().items()}


def _reduce_words(summaries):
    total: dict[str, int] = {}
    for part in summaries:
        for seed, n in part.items():
            total[seed] = total.get(seed, 0) + n
    return {"seed_words.csv": pd.DataFrame(sorted(total.items()), columns=["seed", "n_words"])}


def test_corpus_stage_reduces_the_same_table_however_the_corpus_is_split(tmp_path, monkeypatch):
    """A corpus-level stage gives one table from its partitions' summaries, equal in one and in 2 processes."""
    import shutil

    from helpers import tables as tables_module

    monkeypatch.setattr(tables_module, "corpus_stages",
                        lambda: [tables_module.CorpusStage("words", _words_per_seed, _reduce_words)])
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(3):  # 15 articles: with jobs=2, 8 partitions of one or two articles
        for src in sorted(SEEDS.glob("*.txt")):
            shutil.copy(src, corpus / f"{i}{src.name}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # no metadata.csv: one warning per article
        one = write_tables(corpus, tmp_path / "one", jobs=1)
        write_tables(corpus, tmp_path / "two", jobs=2)
    assert "seed_words.csv" in [p.name for p in one]
    assert _digest(tmp_path / "one" / "tables") == _digest(tmp_path / "two" / "tables")
    words = pd.read_csv(tmp_path / "one" / "tables" / "seed_words.csv", dtype={"seed": str})
    articles = pd.read_csv(tmp_path / "one" / "tables" / "articles.csv", dtype={"doc_id": str})
    assert words["seed"].tolist() == ["000", "001", "002", "003", "004"]
    per_copy = articles[articles["doc_id"].str[0] == "0"].set_index("doc_id")["n_words"]
    assert words["n_words"].tolist() == [3 * n for n in per_copy.tolist()]


def test_progress_bar_is_quiet_off_a_terminal_and_counts_partitions_on_one():
    """Partitions pass through unchanged; the bar draws only on a terminal, counting articles."""
    import io

    from helpers.tables import progress_bar

    quiet = io.StringIO()
    assert list(progress_bar(iter("abc"), total=3, articles=[2, 2, 1], stream=quiet)) == ["a", "b", "c"]
    assert quiet.getvalue() == ""

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    shown = Terminal()
    assert list(progress_bar(iter("ab"), total=2, articles=[3, 2], stream=shown)) == ["a", "b"]
    assert "2/2" in shown.getvalue() and "5 of 5 articles" in shown.getvalue()
