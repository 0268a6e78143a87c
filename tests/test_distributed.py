"""The Dask path gives the same tables, byte for byte, as the single-process path."""
from __future__ import annotations

import hashlib
import os
import shutil
import warnings

import pytest

from helpers.paths import SEEDS
from helpers.tables import write_tables

if os.environ.get("WORKBOOK_REQUIRE_OPTIONAL"):  # .ci/run's second step: the extra must be there
    import dask.dataframe  # noqa: F401
    import distributed  # noqa: F401
else:
    pytest.importorskip("dask.dataframe", reason="Dask is an optional extra: pip install -e '.[dask]'")
    pytest.importorskip("distributed", reason="Dask is an optional extra: pip install -e '.[dask]'")


def _digest(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.glob("*.csv"))}


def test_dask_local_cluster_matches_single_process(tmp_path):
    """On a local cluster of 2 worker processes, 20 articles in 4 partitions give identical tables."""
    from helpers.distributed import write_dask_tables

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(4):
        for src in sorted(SEEDS.glob("*.txt")):
            shutil.copy(src, corpus / f"{i}{src.name}")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_tables(corpus, tmp_path / "single", jobs=1)
        write_dask_tables(corpus, tmp_path / "dask", scheduler="local", npartitions=4, workers=2)
    single, dask = _digest(tmp_path / "single" / "tables"), _digest(tmp_path / "dask" / "tables")
    assert single == dask
    assert "date_mentions.csv" in single and "articles.csv" in single


def test_dask_uses_the_corpus_own_lexicons(tmp_path):
    """Workers read DIR/lexicons/ from the corpus folder: the Libya corpus's tables are the same as one process's."""
    from helpers.distributed import write_dask_tables
    from helpers.paths import ROOT

    corpus = ROOT / "tests" / "corpora" / "libya_2020"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        write_tables(corpus, tmp_path / "single", jobs=1)
        write_dask_tables(corpus, tmp_path / "dask", scheduler="local", npartitions=3, workers=2)
    assert _digest(tmp_path / "single" / "tables") == _digest(tmp_path / "dask" / "tables")
    voices = (tmp_path / "dask" / "tables" / "voices.csv").read_text(encoding="utf-8")
    assert "002,8,haftar,وزعم,claim,distancing" in voices  # haftar comes from the corpus's lexicons/actors.csv
