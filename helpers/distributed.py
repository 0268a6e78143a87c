"""Beyond one machine: the same tables through Dask, partition by partition.

The corpus plan becomes a ``dask.dataframe`` with one row per article, each partition is loaded and
analysed by the same pure function as the single-process path (:func:`helpers.tables.partition_results`),
the partitions' per-article tables are concatenated in order, and the corpus stages' summaries are
reduced in this process (see :mod:`helpers.tables`). The result is byte-identical to
``python -m helpers tables``.

Dask is an optional extra (``pip install -e .[dask]``), not part of the workshop setup::

    python -m helpers tables --dask local            # a local cluster on this machine
    python -m helpers tables --dask tcp://host:8786  # an existing cluster's scheduler

Workers must see the corpus folder at the same path (a shared file system).
"""
from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pandas as pd

from .errors import CorpusNote, WorkbookError
from .loading import ArticleEntry, plan_corpus
from .paths import SEEDS


def _require_dask():
    try:
        import dask  # noqa: F401
        import dask.dataframe  # noqa: F401
    except ImportError:
        raise WorkbookError("Dask is not installed: pip install -e '.[dask]' (an optional extra)") from None


def plan_frame(entries: list[ArticleEntry]) -> pd.DataFrame:
    """Return the corpus plan as a DataFrame: one row per article (doc_id, path, metadata and notes as JSON)."""
    return pd.DataFrame({
        "doc_id": [e.info["doc_id"] for e in entries],
        "path": [str(e.path) for e in entries],
        "info": [json.dumps(e.info, ensure_ascii=False, sort_keys=True) for e in entries],
        "notes": [json.dumps([dataclasses.astuple(n) for n in e.notes], ensure_ascii=False) for e in entries],
    })


def partition_from_plan(frame: pd.DataFrame, seeds_dir: str) -> tuple[dict[str, pd.DataFrame], list]:
    """Run :func:`helpers.tables.partition_results` on the articles of one partition of the plan frame."""
    from .tables import partition_results

    entries = [ArticleEntry(Path(p), json.loads(i), tuple(CorpusNote(*n) for n in json.loads(notes)))
               for p, i, notes in zip(frame["path"], frame["info"], frame["notes"])]
    return partition_results(entries, seeds_dir)


def dask_tables(seeds_dir: str | Path = SEEDS, npartitions: int = 8) -> dict[str, pd.DataFrame]:
    """Compute every table with Dask (on the active client's cluster, if any); same result as one process."""
    _require_dask()
    import dask
    import dask.dataframe as dd

    from .tables import check_lexicons, concat_tables, lexicon_tables, reduce_stages

    entries, _ = plan_corpus(seeds_dir)  # the warnings travel with the entries
    check_lexicons(seeds_dir)
    plan = dd.from_pandas(plan_frame(entries), npartitions=max(1, min(npartitions, len(entries))), sort=False)
    tasks = [dask.delayed(partition_from_plan)(part, str(seeds_dir)) for part in plan.to_delayed()]
    results = dask.compute(*tasks)
    tables = concat_tables([tables for tables, _ in results])
    tables.update(reduce_stages([summaries for _, summaries in results]))
    tables.update(lexicon_tables(seeds_dir))
    return tables


def write_dask_tables(seeds_dir: str | Path, out_dir: str | Path, scheduler: str = "local",
                      npartitions: int = 8, workers: int = 2) -> list[Path]:
    """Write every table using a Dask cluster: ``"local"`` starts one here, else a scheduler address."""
    _require_dask()
    from distributed import Client, LocalCluster

    from .paths import tables_dir
    from .saved import TableInfo, remove_manifest, write_manifest
    from .spreadsheet import add_workbook
    from .tables import write_csv

    if scheduler == "local":
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    else:
        cluster, client = None, Client(scheduler)
    try:
        tables = dask_tables(seeds_dir, npartitions)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    folder = tables_dir(out_dir)
    remove_manifest(out_dir)
    paths = [write_csv(frame, folder / name) for name, frame in tables.items()]
    write_manifest(seeds_dir, out_dir, {name: TableInfo().add(frame) for name, frame in tables.items()})
    return add_workbook(paths, out_dir)
