"""The analysis tables, computed without notebooks (``python -m helpers tables``).

Each table is a CSV in ``OUT/tables/``: UTF-8, one header row, ``\\n`` line ends, rows in article
(doc_id) order then in text order, so a re-run on the same corpus writes identical bytes.

Most tables have rows that depend on one article only, so the work splits into partitions of articles
that can run in parallel processes (``jobs``) or on a cluster (:mod:`helpers.distributed`) and be
concatenated in partition order: the result is the same bytes as one process.

A table that needs the whole corpus (counts across articles, pairs of articles) is a
:class:`CorpusStage`: each partition computes a small *summary* of its articles beside its own tables,
and one reduction combines the summaries of all partitions, in partition order, into the table. A
stage's reduction must give the same table however the articles are split into partitions.
"""
from __future__ import annotations

import itertools
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

import pandas as pd

from .actors import actor_tables, reduce_candidates, summarise_candidates
from .compare import comparison_tables
from .dates import date_tables
from .errors import NOTE_COLUMNS
from .lexicon import Lexicons
from .loading import ArticleEntry, Corpus, load_entries, plan_corpus
from .notebook import record_written
from .outputs import ignore_interrupts
from .paths import OUTPUTS, SEEDS, tables_dir
from .saved import TableInfo, column_types, remove_manifest, write_manifest
from .spreadsheet import add_workbook


def corpus_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Return the loading and cleaning tables of a corpus, keyed by file name."""
    return {
        "articles.csv": corpus.articles.drop(columns=["outlet_evidence"]),
        "paragraphs.csv": corpus.paragraphs[["doc_id", "para_id", "role", "text_raw", "text"]],
        "cleaning_log.csv": corpus.cleaning_log,
        "warnings.csv": warnings_table(corpus.warnings),
    }


def table_stages() -> list[tuple[str, object]]:
    """Return the analysis stages in order: (name, function of a Corpus returning {file name: table})."""
    return [
        ("cleaning", corpus_tables),
        ("actors", actor_tables),
        ("dates", date_tables),
        ("comparison", comparison_tables),
    ]


def all_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Return every per-article table the workbook computes for ``corpus``, keyed by file name."""
    tables: dict[str, pd.DataFrame] = {}
    for _, stage in table_stages():
        tables.update(stage(corpus))
    tables["warnings.csv"] = warnings_table(analysis_notes(corpus, tables))
    return tables


def analysis_notes(corpus: Corpus, tables: dict[str, pd.DataFrame]) -> list:
    """Return the corpus's loading warnings with those the analysis adds (dates, gazetteer, framing), in article order.

    Each article's notes stay together (loading, then dates, gazetteer, framing) and notes about the folder
    come first, so partitions of articles concatenate to the same table as one process.
    """
    from .actors import scan_corpus, story_form_notes
    from .compare.framing import framing_notes, load_framing
    from .dates.extract import reference_notes

    articles = corpus.articles
    added = reference_notes(tables["reference_dates.csv"], articles, corpus.warnings)
    added += story_form_notes(scan_corpus(corpus), articles)
    added += framing_notes(tables["framing_terms.csv"], articles, load_framing(lexicons=corpus.seeds_dir))
    position = {f: i for i, f in enumerate(articles["file"])}
    return sorted([*corpus.warnings, *added], key=lambda n: position.get(n.file, -1))


@dataclass(frozen=True)
class CorpusStage:
    """A stage whose tables need the whole corpus, computed as per-partition summaries and one reduction.

    Attributes
    ----------
    name
        The stage's name (for the benchmark and messages).
    summarise
        ``summarise(corpus, tables) -> summary``: run once per partition on its :class:`Corpus` and the
        per-article tables already computed for it (``{file name: DataFrame}``). The summary must be
        picklable and small next to the partition's text (counts, signatures), since every summary
        travels to one process.
    reduce
        ``reduce(summaries) -> {file name: DataFrame}``: combine the summaries of all partitions, given
        in partition order. The result must not depend on how the articles were split.
    """

    name: str
    summarise: Callable[[Corpus, dict[str, pd.DataFrame]], Any]
    reduce: Callable[[list[Any]], dict[str, pd.DataFrame]]


def corpus_stages() -> list[CorpusStage]:
    """Return the stages that need the whole corpus, in the order their tables are written."""
    from .explore.stage import explore_stages

    return [
        CorpusStage("candidates", summarise_candidates, reduce_candidates),  # actor_candidates.csv
        *explore_stages(),  # duplicates, aligned_sentences, stories, stories_log, keyness
    ]


def partition_results(entries: list[ArticleEntry], seeds_dir: str | Path) -> tuple[dict[str, pd.DataFrame], list]:
    """Load one partition of articles; return its per-article tables and one summary per corpus stage.

    This is a pure function of the files, and the one function every path (one process, ``jobs``,
    Dask) runs on a partition. The cyclic garbage collector is paused meanwhile: the stages build
    millions of small tuples and no reference cycles, and the collector would re-walk them all again
    and again.
    """
    from .actors import bulk_allocation

    with bulk_allocation():
        corpus = load_entries(entries, seeds_dir)
        tables = all_tables(corpus)
        summaries = [stage.summarise(corpus, tables) for stage in corpus_stages()]
    return tables, summaries


def partition_tables(entries: list[ArticleEntry], seeds_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Load one partition of articles and compute its per-article tables (see :func:`partition_results`)."""
    return partition_results(entries, seeds_dir)[0]


def reduce_stages(summaries_by_partition: list[list]) -> dict[str, pd.DataFrame]:
    """Return the tables of every corpus stage from the partitions' summaries (one list per partition)."""
    tables: dict[str, pd.DataFrame] = {}
    for i, stage in enumerate(corpus_stages()):
        tables.update(stage.reduce([summaries[i] for summaries in summaries_by_partition]))
    return tables


def concat_tables(parts: list[dict[str, pd.DataFrame]]) -> dict[str, pd.DataFrame]:
    """Concatenate the tables of partitions, in partition order."""
    names = list(parts[0])
    return {name: pd.concat([p[name] for p in parts], ignore_index=True) for name in names}


def split(entries: list, n_parts: int) -> list[list]:
    """Split ``entries`` into at most ``n_parts`` contiguous, nearly equal slices.

    Examples
    --------
    >>> [len(p) for p in split(list(range(10)), 3)]
    [4, 3, 3]
    """
    n_parts = max(1, min(n_parts, len(entries)))
    size, extra = divmod(len(entries), n_parts)
    parts, start = [], 0
    for i in range(n_parts):
        end = start + size + (1 if i < extra else 0)
        parts.append(entries[start:end])
        start = end
    return parts


def warnings_table(notes) -> pd.DataFrame:
    """Return the loading warnings (:class:`~helpers.errors.CorpusNote`) as the ``warnings.csv`` table.

    One row per note: ``kind, file, problem, action`` (what was wrong with which file, and what the
    workbook did about it), in article order.
    """
    return pd.DataFrame([[n.kind, n.file, n.problem, n.action] for n in notes], columns=list(NOTE_COLUMNS), dtype=str)


def check_lexicons(seeds_dir: str | Path) -> Lexicons:
    """Validate the corpus's own lexicons (``DIR/lexicons/``) before any work; return them.

    A bad row stops everything with the file and line named. (What they change, such as a row that
    replaces a shipped one, is among the corpus's warnings: see :func:`helpers.loading.plan_corpus`.)
    """
    lexicons = Lexicons.of(seeds_dir)
    lexicons.check()
    return lexicons


def lexicon_tables(seeds_dir: str | Path) -> dict[str, pd.DataFrame]:
    """Return ``{"lexicons_used.csv": ...}``: the lexicon files read, shipped rows and the corpus's own."""
    return {"lexicons_used.csv": Lexicons.of(seeds_dir).used()}


def compute_tables(seeds_dir: str | Path = SEEDS, corpus: Corpus | None = None) -> dict[str, pd.DataFrame]:
    """Compute every table, in this process, for the corpus in ``seeds_dir`` (or an already loaded ``corpus``).

    For several processes use :func:`write_tables` with ``jobs``; for a cluster, :mod:`helpers.distributed`.
    """
    if corpus is not None:
        seeds_dir = corpus.seeds_dir
        check_lexicons(seeds_dir)
        tables = all_tables(corpus)
        summaries = [stage.summarise(corpus, tables) for stage in corpus_stages()]
    else:
        entries, _ = plan_corpus(seeds_dir)  # the warnings travel with the entries
        check_lexicons(seeds_dir)
        tables, summaries = partition_results(entries, seeds_dir)
    tables.update(reduce_stages([summaries]))
    tables.update(lexicon_tables(seeds_dir))
    return tables


FLOAT_FORMAT = "%.3f"


def csv_bytes(frame: pd.DataFrame, header: bool = True) -> bytes:
    r"""Return ``frame`` as UTF-8 CSV bytes: ``\n`` line ends, no index, floats with 3 decimals.

    The bytes are those of ``frame.to_csv(index=False, lineterminator="\n", float_format="%.3f")``,
    whose ``csv`` writer quotes a field only when it holds a comma, a quote mark (doubled inside) or a
    line end. Here each column is turned into its fields at once: a text column is quoted value by
    value only if one of those characters occurs anywhere in it, which in these tables is rare, and
    rows are joined with ``str.join``. That is about a third faster than the writer's character by
    character scan of every field. A frame this path does not cover (a column type other than text,
    integers, floats and booleans; a carriage return in a text; a single column, where the writer
    quotes a lone empty field) goes through ``to_csv`` itself.

    Examples
    --------
    >>> frame = pd.DataFrame({"term": ['وصف "الإرهابيين"، هنا', None], "n": [2, 3], "rate": [0.12345, float("nan")]})
    >>> csv_bytes(frame).decode("utf-8")
    'term,n,rate\n"وصف ""الإرهابيين""، هنا",2,0.123\n,3,\n'
    """
    columns = [_csv_fields(frame.iloc[:, i]) for i in range(frame.shape[1])]
    if frame.shape[1] < 2 or not frame.columns.is_unique or any(fields is None for fields in columns):
        return frame.to_csv(index=False, header=header, lineterminator="\n", float_format=FLOAT_FORMAT).encode("utf-8")
    lines = map(",".join, zip(*columns))
    if header:
        lines = itertools.chain([",".join(_quote(str(name)) for name in frame.columns)], lines)
    text = "\n".join(lines)
    return (text + "\n" if text else "").encode("utf-8")



def _quote(value: str) -> str:
    """Quote one CSV field as the csv writer does with minimal quoting and a ``\n`` line end."""
    if '"' in value:
        return '"' + value.replace('"', '""') + '"'
    if "," in value or "\n" in value:
        return '"' + value + '"'
    return value


def _csv_fields(column: pd.Series) -> list[str] | None:
    """Return one column as CSV fields, or None when :func:`csv_bytes` must leave it to pandas."""
    kind = column.dtype.kind
    if kind in "iub":  # integers and booleans are written as str() gives them
        return list(map(str, column.tolist()))
    if kind == "f":
        return ["" if v != v else FLOAT_FORMAT % v for v in column.tolist()]
    if not isinstance(column.dtype, pd.StringDtype):
        return None
    values = column.tolist()
    if column.hasnans:
        values = ["" if v is pd.NA or v != v else v for v in values]
    joined = "\x00".join(values)
    if "\r" in joined:
        return None
    if '"' in joined or "," in joined or "\n" in joined:
        return [_quote(v) for v in values]
    return values


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    """Write ``frame`` as a UTF-8 CSV with ``\n`` line ends and no index; return the path."""
    path.write_bytes(csv_bytes(frame))
    return record_written(path)


def partition_csv(entries: list[ArticleEntry], seeds_dir: str | Path) -> tuple[dict[str, tuple], list]:
    """Compute one partition's tables and serialise them: ({name: (header line, rows, n_rows, column types)}, summaries).

    Serialising in the worker spreads the CSV writing over the processes too; the rows of
    consecutive partitions, joined under one header, are the bytes one process would write. The row
    count and column types go to the manifest (:mod:`helpers.saved`). The corpus stages' summaries
    come back as they are, for :func:`reduce_stages`.
    """
    tables, summaries = partition_results(entries, seeds_dir)
    return {name: (csv_bytes(frame.head(0)), csv_bytes(frame, header=False), len(frame), column_types(frame))
            for name, frame in tables.items()}, summaries


CHUNK_ARTICLES = 1000  # at most this many articles per partition: bounds each process's memory


def progress_bar(items, total: int, articles: list[int], stream=None):
    """Yield ``items`` (one per partition) while a progress bar counts partitions and articles on a terminal.

    The bar (``tqdm``) is drawn on standard error only when it is a terminal: a log file or a test
    sees nothing.
    """
    import sys

    from tqdm import tqdm

    stream = stream or sys.stderr
    with tqdm(total=total, desc="tables", unit="partition", file=stream, disable=not stream.isatty(),
              dynamic_ncols=True) as bar:
        for done, item in enumerate(items):
            bar.set_postfix_str(f"{sum(articles[:done + 1]):,} of {sum(articles):,} articles", refresh=False)
            bar.update(1)
            yield item


def write_tables(seeds_dir: str | Path = SEEDS, out_dir: str | Path = OUTPUTS,
                 corpus: Corpus | None = None, jobs: int = 1) -> list[Path]:
    """Compute every table and write them to ``out_dir/tables``, and ``out_dir/tables.xlsx``; return the paths written.

    With ``jobs`` > 1 the articles are split into partitions (at least four per process, at most
    ``CHUNK_ARTICLES`` articles each) computed and serialised by that many processes; the files are
    byte-identical to a single process.
    """
    folder = tables_dir(out_dir)
    remove_manifest(out_dir)
    if corpus is not None or jobs <= 1:
        tables = compute_tables(seeds_dir, corpus=corpus)
        paths = [write_csv(frame, folder / name) for name, frame in tables.items()]
        write_manifest(corpus.seeds_dir if corpus is not None else seeds_dir, out_dir,
                       {name: TableInfo().add(frame) for name, frame in tables.items()})
        return add_workbook(paths, out_dir)
    entries, _ = plan_corpus(seeds_dir)
    check_lexicons(seeds_dir)
    chunks = split(entries, max(jobs * 4, -(-len(entries) // CHUNK_ARTICLES)))
    # Where workers are forked, one article through every stage here first builds the lexicons,
    # gazetteer and compiled patterns once, and the workers inherit them instead of each building them.
    # The smallest of the first articles does (a 5 MB article would be analysed twice); with one
    # partition there is nothing to share.
    if multiprocessing.get_start_method() == "fork" and len(chunks) > 1:
        partition_tables([min(entries[:20], key=lambda e: e.path.stat().st_size)], seeds_dir)
    paths, files, summaries, infos = [], {}, [], {}
    try:
        with ProcessPoolExecutor(max_workers=jobs, initializer=ignore_interrupts) as pool:
            # Partitions arrive in order; each is appended as it comes, so this process never holds
            # more than a few partitions' CSV text, however large the corpus. Files are written under
            # a temporary name and renamed only when complete: a failure leaves no half table behind.
            for part, part_summaries in progress_bar(pool.map(partition_csv, chunks, [seeds_dir] * len(chunks)),
                                                     total=len(chunks), articles=[len(c) for c in chunks]):
                summaries.append(part_summaries)
                for name, (header, rows, n_rows, types) in part.items():
                    if name not in files:
                        paths.append(folder / name)
                        files[name] = open(folder / f"{name}.part", "wb")
                        files[name].write(header)
                        infos[name] = TableInfo()
                    files[name].write(rows)
                    infos[name].add_counted(n_rows, types)
    except BaseException:
        for name, fh in files.items():
            fh.close()
            Path(fh.name).unlink(missing_ok=True)
        raise
    for name, fh in files.items():
        fh.close()
        os.replace(fh.name, folder / name)
    reduced = reduce_stages(summaries)
    summaries.clear()  # every partition's summary: hundreds of MB on a large corpus, not needed any more
    for name, frame in {**reduced, **lexicon_tables(seeds_dir)}.items():
        paths.append(write_csv(frame, folder / name))
        infos[name] = TableInfo().add(frame)
    del reduced
    write_manifest(seeds_dir, out_dir, infos)
    return add_workbook(paths, out_dir)
