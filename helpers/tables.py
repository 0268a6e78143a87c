"""The analysis tables, computed without notebooks (``python -m helpers tables``).

Each table is a CSV in ``OUT/tables/``: UTF-8, one header row, ``\\n`` line ends, a stable row order,
so a re-run on the same corpus writes identical bytes.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from .actors import actor_tables
from .loading import Corpus, read_corpus
from .paths import OUTPUTS, SEEDS, tables_dir


def corpus_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Return the loading and cleaning tables of a corpus, keyed by file name."""
    articles = corpus.articles.drop(columns=["outlet_evidence"])
    return {
        "articles.csv": articles,
        "paragraphs.csv": corpus.paragraphs[["doc_id", "para_id", "role", "text_raw", "text"]],
        "cleaning_log.csv": corpus.cleaning_log,
        "warnings.csv": pd.DataFrame({"warning": corpus.warnings}),
    }


def all_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Return every table the workbook computes for ``corpus``, keyed by file name."""
    tables = corpus_tables(corpus)
    tables.update(actor_tables(corpus))
    return tables


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` as a UTF-8 CSV with ``\\n`` line ends and no index; return the path."""
    frame.to_csv(path, index=False, encoding="utf-8", lineterminator="\n", float_format="%.3f")
    return path


def write_tables(seeds_dir: str | Path = SEEDS, out_dir: str | Path = OUTPUTS,
                 corpus: Corpus | None = None) -> list[Path]:
    """Compute every table for the corpus in ``seeds_dir`` and write them to ``out_dir/tables``."""
    corpus = read_corpus(seeds_dir) if corpus is None else corpus
    folder = tables_dir(out_dir)
    return [write_csv(frame, folder / name) for name, frame in all_tables(corpus).items()]
