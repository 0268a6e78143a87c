"""The tables a notebook reads: those ``python -m helpers tables`` saved for this very corpus.

Every table is computed once per corpus by ``python -m helpers tables`` (the build runs it first), in
partitions of articles over several processes. A notebook reads the tables back from ``OUT/tables/``
instead of computing them again in its kernel: on 10,000 articles the four notebooks spent minutes
recomputing what the build had just written, and held the whole corpus's scans in memory to do it.

The tables are read back only when they were computed from this corpus by this workbook.
``tables/manifest.json``, written last by the tables command, records:

* a fingerprint of the corpus folder (the bytes of every file in it and in its ``lexicons/`` folder);
* a fingerprint of the workbook (the code and shipped lexicons of ``helpers``, and the pandas version);
* for each table, its size in bytes, its row count and the type of each column.

When a notebook finds no manifest, or one that does not match (other articles, an edited lexicon,
tables from an earlier version), it runs ``python -m helpers tables`` itself first and says so: a
notebook run alone in JupyterLab works on any corpus, and the next notebooks find the tables ready.

Columns come back with the types they were computed with (``int64``, ``float64``, text); floats carry
the three decimals of the CSV, and a missing text is an empty string.
"""
from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd

from .errors import NOTE_COLUMNS, CorpusNote, WorkbookError
from .loading import Corpus
from .notebook import MAX_ROWS, record_written
from .paths import PACKAGE_DIR, tables_dir

MANIFEST = "manifest.json"
CORPUS_LEXICONS = "lexicons"  # a corpus folder's own lexicons, beside its articles


# --- fingerprints ------------------------------------------------------------------------------------

def _hash_files(root: Path, paths) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in paths:
        data = path.read_bytes()
        digest.update(f"{path.relative_to(root).as_posix()}\0{len(data)}\0".encode("utf-8"))
        digest.update(data)
    return digest.hexdigest()


def _visible(path: Path, root: Path) -> bool:
    return not any(part.startswith(".") for part in path.relative_to(root).parts)


def corpus_fingerprint(seeds_dir: str | Path) -> str:
    """Return a fingerprint of a corpus folder: the names and bytes of its files and of its ``lexicons/``.

    Any change to an article, to ``metadata.csv`` or to the corpus's own lexicons changes it; the
    folder's own path does not enter it. Hidden files (``.name``) are left out. Reading 10,000 small
    articles for it takes a fraction of a second.
    """
    root = Path(seeds_dir).resolve()
    files = [p for p in root.iterdir() if p.is_file() and _visible(p, root)]
    lexicons = root / CORPUS_LEXICONS
    if lexicons.is_dir():
        files += [p for p in lexicons.rglob("*") if p.is_file() and _visible(p, root)]
    return _hash_files(root, sorted(files))


def workbook_fingerprint() -> str:
    """Return a fingerprint of the workbook: the code and shipped lexicons of ``helpers``, and pandas' version.

    Editing a lexicon or the code that computes a table changes it, so tables computed before the edit
    are not read back as if they were current.
    """
    files = sorted(p for p in PACKAGE_DIR.rglob("*")
                   if p.is_file() and p.suffix in (".py", ".csv") and "__pycache__" not in p.parts)
    return _hash_files(PACKAGE_DIR, files) + f"-pandas-{pd.__version__}"


# --- the manifest ------------------------------------------------------------------------------------

def column_types(frame: pd.DataFrame) -> dict[str, str]:
    """Return each column's type as the manifest records it: ``int``, ``float``, ``bool`` or ``text``.

    Examples
    --------
    >>> column_types(pd.DataFrame({"doc_id": ["000"], "n": [3], "rate": [0.5], "ok": [True]}))
    {'doc_id': 'text', 'n': 'int', 'rate': 'float', 'ok': 'bool'}
    """
    kinds = {"i": "int", "u": "int", "f": "float", "b": "bool"}
    return {str(name): kinds.get(frame[name].dtype.kind, "text") for name in frame.columns}


class TableInfo:
    """What the manifest records of one table as its partitions are written: rows and column types."""

    def __init__(self):
        self.rows = 0
        self.types: dict[str, str] | None = None

    def add(self, frame: pd.DataFrame) -> "TableInfo":
        """Count ``frame``'s rows; take the column types from the first part that has rows."""
        self.rows += len(frame)
        if self.types is None or (len(frame) and self.rows == len(frame)):
            self.types = column_types(frame)
        return self

    def add_counted(self, rows: int, types: dict[str, str]) -> "TableInfo":
        """Like :meth:`add`, for a part already reduced to its row count and column types."""
        self.rows += rows
        if self.types is None or (rows and self.rows == rows):
            self.types = types
        return self


def remove_manifest(out_dir: str | Path) -> None:
    """Remove the manifest before tables are rewritten: half-rewritten tables must never look current."""
    (Path(out_dir) / "tables" / MANIFEST).unlink(missing_ok=True)


def write_manifest(seeds_dir: str | Path, out_dir: str | Path, tables: dict[str, TableInfo]) -> Path:
    """Write ``tables/manifest.json`` for tables just written; call it once every table is complete.

    The file is written under a temporary name and renamed, so a reader never sees half of it. It
    holds no path and no time: two runs on the same corpus write the same bytes.
    """
    folder = tables_dir(out_dir)
    manifest = {
        "corpus": corpus_fingerprint(seeds_dir),
        "workbook": workbook_fingerprint(),
        "tables": {name: {"bytes": (folder / name).stat().st_size, "rows": info.rows, "columns": info.types or {}}
                   for name, info in sorted(tables.items())},
    }
    path = folder / MANIFEST
    part = folder / f".{MANIFEST}.part"
    part.write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    os.replace(part, path)
    return path


def read_manifest(out_dir: str | Path) -> dict:
    """Return the manifest of ``OUT/tables`` (empty when there is none or it cannot be read)."""
    try:
        manifest = json.loads((Path(out_dir) / "tables" / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) and isinstance(manifest.get("tables"), dict) else {}


def stale_reason(seeds_dir: str | Path, out_dir: str | Path) -> str:
    """Return why the tables in ``OUT/tables`` cannot be read back for this corpus, or "" when they can.

    Examples of reasons: no manifest, another corpus, another version of the workbook, a table
    missing or changed since it was written.
    """
    manifest = read_manifest(out_dir)
    if not manifest:
        return "no tables computed for it yet"
    if manifest.get("corpus") != corpus_fingerprint(seeds_dir):
        return "the tables there were computed from other articles (or the corpus changed since)"
    if manifest.get("workbook") != workbook_fingerprint():
        return "the tables there were computed by another version of the workbook's code or lexicons"
    folder = Path(out_dir) / "tables"
    for name, info in manifest["tables"].items():
        path = folder / name
        if not path.is_file() or path.stat().st_size != info.get("bytes"):
            return f"tables/{name} is missing or changed since it was computed"
    return ""


def read_table(path: str | Path, types: dict[str, str] | None = None) -> pd.DataFrame:
    """Read one table CSV back with its columns' types (:func:`column_types`); text stays text.

    Without ``types`` every column is text. ``doc_id`` values such as ``000`` keep their zeros.
    """
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except pd.errors.EmptyDataError:
        return pd.DataFrame()
    for name, kind in (types or {}).items():
        if name not in frame:
            continue
        column = frame[name]
        if kind == "int":
            frame[name] = column.astype("int64")
        elif kind == "float":
            frame[name] = pd.to_numeric(column.where(column != ""), errors="raise").astype("float64")
        elif kind == "bool":
            frame[name] = column.map({"True": True, "False": False}).astype(bool)
    return frame


# --- what a notebook uses ----------------------------------------------------------------------------

class SavedTables:
    """The tables of one corpus for a notebook, read from ``OUT/tables`` (computed there first when needed).

    ``saved["date_mentions.csv"]`` returns a table (read once, then kept); :meth:`corpus` the articles
    and their lines as a :class:`~helpers.loading.Corpus`; :meth:`articles` a few articles only, for
    the views that show text. See the module docstring for when the tables are computed first.

    Parameters
    ----------
    seeds_dir, out_dir
        The corpus folder and the output folder, as the notebook's parameters cell resolves them.
    compute
        Compute the tables when they are missing or not this corpus's (default). ``False`` raises
        :class:`~helpers.errors.WorkbookError` instead, naming the reason.
    jobs
        Processes for the tables command when it runs here.
    progress
        Where the line saying the tables are being computed goes (default: standard output).
    """

    def __init__(self, seeds_dir: str | Path, out_dir: str | Path, compute: bool = True, jobs: int = 2,
                 progress=None):
        self.seeds_dir, self.out_dir = Path(seeds_dir).resolve(), Path(out_dir).resolve()
        self.computed_here = False
        self._cache: dict[str, pd.DataFrame] = {}
        reason = stale_reason(self.seeds_dir, self.out_dir)
        if reason:
            if not compute:
                raise WorkbookError(f"{self.out_dir / 'tables'}: cannot read the tables of {self.seeds_dir}: {reason}")
            self._compute(reason, jobs, progress or sys.stdout)
        self.manifest = read_manifest(self.out_dir)

    def _compute(self, reason: str, jobs: int, progress) -> None:
        """Run ``python -m helpers tables`` for this corpus into this output folder; record what it wrote."""
        print(f"Computing every table of this corpus first ({reason}), as `python -m helpers tables` does; "
              "the next notebooks will read them.", file=progress, flush=True)
        command = [sys.executable, "-m", "helpers", "tables", "--seeds", str(self.seeds_dir),
                   "--out", str(self.out_dir), "--jobs", str(jobs)]
        done = subprocess.run(command, capture_output=True, text=True, encoding="utf-8")
        if done.returncode != 0:
            lines = [ln for ln in done.stderr.splitlines() if ln.strip()]
            raise WorkbookError(lines[-1] if lines else f"python -m helpers tables stopped (status {done.returncode})")
        if not read_manifest(self.out_dir):
            raise WorkbookError(f"{self.out_dir / 'tables'}: python -m helpers tables wrote no {MANIFEST}")
        for name in read_manifest(self.out_dir)["tables"]:
            record_written(self.out_dir / "tables" / name)
        record_written(self.out_dir / "tables" / MANIFEST)
        if (self.out_dir / "tables.xlsx").is_file():  # the command writes the same tables as sheets
            record_written(self.out_dir / "tables.xlsx")
        self.computed_here = True

    def names(self) -> list[str]:
        """Return the names of the saved tables, sorted."""
        return sorted(self.manifest["tables"])

    def __contains__(self, name: str) -> bool:
        return name in self.manifest["tables"]

    def __getitem__(self, name: str) -> pd.DataFrame:
        """Return table ``name`` (e.g. ``"actor_mentions.csv"``), read once with its column types."""
        if name not in self.manifest["tables"]:
            raise WorkbookError(f"{self.out_dir / 'tables'}: no table {name!r}; the tables are: {', '.join(self.names())}")
        if name not in self._cache:
            self._cache[name] = read_table(self.out_dir / "tables" / name, self.manifest["tables"][name]["columns"])
        return self._cache[name]

    def rows(self, name: str) -> int:
        """Return the number of rows of table ``name`` (from the manifest: nothing is read)."""
        return int(self.manifest["tables"][name]["rows"])

    def corpus(self) -> Corpus:
        """Return the corpus as the tables hold it: ``articles``, ``paragraphs``, ``cleaning_log``, ``warnings``.

        The same tables as :func:`helpers.loading.read_corpus` gives, with the columns the CSV tables
        keep (no ``outlet_evidence``, no ``line_no``), read in about a second where cleaning 10,000
        articles again takes several.
        """
        return Corpus(self.seeds_dir, self["articles.csv"], self["paragraphs.csv"], self["cleaning_log.csv"],
                      self.notes())

    def notes(self) -> list[CorpusNote]:
        """Return the warnings recorded while the corpus was loaded (``warnings.csv``), in order."""
        warnings = self["warnings.csv"]
        if not len(warnings):
            return []
        return [CorpusNote(*row) for row in warnings[list(NOTE_COLUMNS)].itertuples(index=False)]

    def articles(self, doc_ids) -> Corpus:
        """Return only the articles ``doc_ids`` (in corpus order) as a corpus, for views that show their text."""
        return corpus_subset(self.corpus(), doc_ids)

    def articles_of(self, rows: pd.DataFrame, max_rows: int = MAX_ROWS, weight: str | None = None) -> Corpus:
        """Return the articles holding the first ``max_rows`` of ``rows`` (a table in article order, with ``doc_id``).

        A view that shows the first rows of a long table (mentions in context, sentences) needs the
        text of these articles only: on 10,000 articles, a handful instead of all. With ``weight``, a
        row stands for that column's value of rows of the view (a ``count`` of labels, say).
        """
        grouped = rows.groupby("doc_id", sort=False)
        per_article = grouped[weight].sum() if weight else grouped.size()
        return self.articles(first_articles(per_article, max_rows))

    def origin(self, names) -> pd.DataFrame:
        """Return where tables ``names`` came from: ``file, rows, written``, one row per table, in order.

        ``written`` says whether this notebook computed them (tables missing or not this corpus's) or
        read back the ones the tables command (or the build) wrote for this very corpus.
        """
        how = ("by this notebook, which ran python -m helpers tables (they were missing or out of date)"
               if self.computed_here else
               "by python -m helpers tables before this notebook ran (the build runs it first); read back")
        return pd.DataFrame([{"file": f"tables/{name}", "rows": self.rows(name), "written": how} for name in names])


def saved_tables(seeds_dir: str | Path, out_dir: str | Path, **kwargs) -> SavedTables:
    """Return the :class:`SavedTables` of a corpus (computing them first when needed)."""
    return SavedTables(seeds_dir, out_dir, **kwargs)


def corpus_subset(corpus: Corpus, doc_ids) -> Corpus:
    """Return a corpus holding only the articles ``doc_ids``, in the corpus's order (warnings kept).

    Every per-article result (sentences, scans, dates, mentions) is the same on the subset as on the
    whole corpus for those articles: views that show a few articles compute only theirs.
    """
    keep = set(doc_ids)

    def rows(frame: pd.DataFrame) -> pd.DataFrame:
        return frame[frame["doc_id"].isin(keep)].reset_index(drop=True)

    return Corpus(corpus.seeds_dir, rows(corpus.articles), rows(corpus.paragraphs), rows(corpus.cleaning_log),
                  list(corpus.warnings))


def first_articles(rows_per_article: pd.Series, max_rows: int = MAX_ROWS) -> list[str]:
    """Return the first articles whose rows make up the first ``max_rows`` rows of a table in article order.

    ``rows_per_article`` maps doc_id to that article's number of rows, in article order. A view that
    shows the first rows of a long table needs the text of these articles only.

    Examples
    --------
    >>> first_articles(pd.Series({"001": 300, "002": 0, "003": 250, "004": 90}), max_rows=500)
    ['001', '002', '003']
    """
    out, total = [], 0
    for doc_id, n in rows_per_article.items():
        if total >= max_rows:
            break
        out.append(doc_id)
        total += int(n)
    return out
