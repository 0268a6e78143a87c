"""The five tables of the views without a codebook: the same bytes in one process, in --jobs, and in Dask."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from helpers.tables import write_tables

LIBYA = Path(__file__).parent / "corpora" / "libya_berlin"
VIEW_TABLES = ("aligned_sentences.csv", "duplicates.csv", "keyness.csv", "stories.csv", "stories_log.csv")


def _digest(folder):
    return {name: hashlib.sha256((folder / name).read_bytes()).hexdigest() for name in VIEW_TABLES}


def test_one_process_and_jobs_write_the_same_view_tables(tmp_path):
    """Six articles in six partitions (jobs=2) reduce to the bytes of one process; the tables are not empty."""
    write_tables(LIBYA, tmp_path / "one", jobs=1)
    write_tables(LIBYA, tmp_path / "two", jobs=2)
    assert _digest(tmp_path / "one" / "tables") == _digest(tmp_path / "two" / "tables")
    duplicates = pd.read_csv(tmp_path / "one" / "tables" / "duplicates.csv", dtype=str)
    assert duplicates[["doc_id", "duplicate_of"]].values.tolist() == [["102", "100"]]
    assert len(pd.read_csv(tmp_path / "one" / "tables" / "aligned_sentences.csv")) > 0


def test_dask_writes_the_same_view_tables(tmp_path):
    """The Dask path (a local cluster of 2 processes, 3 partitions) gives the same bytes."""
    pytest.importorskip("dask.dataframe", reason="Dask is an optional extra: pip install -e '.[dask]'")
    pytest.importorskip("distributed", reason="Dask is an optional extra: pip install -e '.[dask]'")
    from helpers.distributed import write_dask_tables

    write_tables(LIBYA, tmp_path / "one", jobs=1)
    write_dask_tables(LIBYA, tmp_path / "dask", scheduler="local", npartitions=3, workers=2)
    assert _digest(tmp_path / "one" / "tables") == _digest(tmp_path / "dask" / "tables")
