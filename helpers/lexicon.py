"""Load and validate the lexicon data files (CSV, UTF-8, one header row), shipped or a corpus's own.

Every lexicon is read through :func:`load_lexicon`, which checks its format on load: a missing or
unknown column, an empty required cell, or one value listed twice where it must be unique is a
:class:`~helpers.errors.WorkbookError` naming the file, the row (as the line number in the file) and
the value. Lists inside a cell are separated by ``|``.

Lexicons that live with a corpus
--------------------------------
The shipped files (``helpers/lexicons/*.csv``) are never edited by an analysis. A corpus folder may
hold a ``lexicons/`` folder of its own, beside its ``.txt`` files and ``metadata.csv``; each CSV there
with the name of a shipped file extends that file, with the same columns and the same validation:

* a row whose key (the file's id column, :data:`KEY_COLUMNS`) is new is added after the shipped rows;
* a row whose key is already a shipped key *replaces* the shipped row(s) with that key, in place
  (for ``events.csv``, whose rules share an ``event_id``, every rule of the event), and
  :meth:`Lexicons.notes` says so (the tables write it to ``warnings.csv``);
* a file with another name is not read, and a note says so.

Which files a corpus uses is a :class:`Lexicons` value, made from the corpus folder
(``Lexicons.of(corpus)``) and handed to every loader (``load_gazetteer(lexicons=...)``...). It holds
no state beyond the folder and a snapshot of the files' modification times, so two corpora analysed
in one process never see each other's rows, a partition computed in another process or on a Dask
worker makes the same value from the same folder, and an edited file is read again the next time a
value is made. :meth:`Lexicons.used` is the ``lexicons_used.csv`` table.

Every loaded table has two bookkeeping columns besides the file's own: ``line`` (the row's line in its
file) and ``file`` (the file it comes from), so every message can name the right file.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from .errors import CorpusNote, WorkbookError
from .matching import normalize_for_matching
from .paths import LEXICONS, ROOT
from .paths import lexicon as lexicon_path

LIST_SEPARATOR = "|"
CORPUS_LEXICONS = "lexicons"  # the folder, inside a corpus folder, holding the corpus's own lexicons
BOOKKEEPING = ("line", "file")
# The column whose value says which row a corpus row replaces; every other file: its first column.
KEY_COLUMNS = {"actor_exclusions.csv": "context"}
USED_COLUMNS = ("file", "rows_shipped", "rows_from_corpus", "rows_replaced", "corpus_file")


def split_list(cell: str) -> list[str]:
    """Split a ``|``-separated cell into its trimmed, non-empty items.

    Examples
    --------
    >>> split_list("أردوغان | اردوغان|")
    ['أردوغان', 'اردوغان']
    """
    return [item.strip() for item in str(cell).split(LIST_SEPARATOR) if item.strip()]


def file_stamp(path: str | Path) -> tuple:
    """Return ``(modification time in ns, size in bytes)`` of a file, ``(None, None)`` if it is missing.

    The loaders cache a lexicon keyed on its path and this stamp, so an edited file is read again.
    """
    try:
        st = Path(path).stat()
        return (st.st_mtime_ns, st.st_size)
    except OSError:
        return (None, None)


def row_key(value: str) -> str:
    """Return the form in which two keys are compared: the matching form, white space runs as one space.

    Examples
    --------
    >>> row_key("مؤتمر  برلين") == row_key("موتمر برلين"), row_key("haftar")
    (True, 'haftar')
    """
    return " ".join(normalize_for_matching(value).split())


@lru_cache(maxsize=1)
def shipped_names() -> tuple[str, ...]:
    """Return the names of the shipped lexicon files (``helpers/lexicons/*.csv``), sorted."""
    return tuple(sorted(p.name for p in LEXICONS.glob("*.csv")))


@dataclass(frozen=True)
class Lexicons:
    """Which lexicon files an analysis uses: the shipped ones, each extended by a corpus's own file.

    Make one with :meth:`of`. The value is hashable and holds only the corpus's ``lexicons/`` folder
    (or None) and the modification stamps of the files in it when it was made, so loaders cache on it
    and an edited file gives a new value. The shipped files are read once per process: they are not
    meant to be edited.

    Attributes
    ----------
    folder
        ``DIR/lexicons``, when the corpus folder has one; None for the shipped files alone.
    stamps
        ``(file name, stamp)`` of every CSV file in ``folder``, sorted by name.
    """

    folder: Path | None = None
    stamps: tuple = ()

    @classmethod
    def of(cls, source=None) -> "Lexicons":
        """Return the lexicons of ``source``: None (shipped only), a corpus folder, a loaded corpus, or a Lexicons.

        A corpus folder without a ``lexicons/`` folder uses the shipped files alone.

        Examples
        --------
        >>> Lexicons.of().folder is None, Lexicons.of() == Lexicons()
        (True, True)
        """
        if isinstance(source, Lexicons):
            return source
        if source is None:
            return cls()
        if hasattr(source, "seeds_dir"):  # a loaded Corpus
            source = source.seeds_dir
        folder = Path(source) / CORPUS_LEXICONS
        if not folder.is_dir():
            return cls()
        folder = folder.resolve()
        stamps = tuple((p.name, file_stamp(p)) for p in sorted(folder.glob("*.csv")))
        return cls(folder, stamps)

    @property
    def shipped_names(self) -> tuple[str, ...]:
        """Return the names of the shipped lexicon files, sorted."""
        return shipped_names()

    def corpus_file(self, name: str) -> Path | None:
        """Return the corpus's own file for the shipped lexicon ``name``, or None when it has none."""
        if self.folder is None or name not in dict(self.stamps):
            return None
        return self.folder / name

    def corpus_names(self) -> list[str]:
        """Return the names of the CSV files in the corpus's ``lexicons/`` folder (shipped names or not)."""
        return [name for name, _ in self.stamps]

    def load(self, name: str, required: Iterable[str], optional: Iterable[str] = (), unique: Iterable[str] = (),
             unique_matching: Iterable[str] = (), allowed: dict[str, Iterable[str]] | None = None) -> pd.DataFrame:
        """Return the shipped lexicon ``name`` extended by the corpus's file, both validated (see :func:`load_lexicon`)."""
        return load_lexicon(name, required, optional, unique, unique_matching, allowed, lexicons=self)

    def notes(self) -> list[CorpusNote]:
        """Return what the corpus's lexicons change, as warnings: each replaced shipped row, each file not read.

        One :class:`~helpers.errors.CorpusNote` each, its ``file`` named from the corpus folder
        (``lexicons/actors.csv``). :func:`helpers.loading.plan_corpus` adds them to the corpus's warnings.

        Examples
        --------
        >>> Lexicons.of().notes()
        []
        """
        notes = []
        for name in self.corpus_names():
            where = f"{CORPUS_LEXICONS}/{name}"
            if name not in self.shipped_names:
                notes.append(CorpusNote("lexicon_not_read", where, "not a lexicon the workbook reads (the files are: "
                                        f"{', '.join(self.shipped_names)})", "the file was not used"))
                continue
            for rec, replaced in _replacements(self, name):
                key = _key_column(name)
                lines = ", ".join(str(r["line"]) for r in replaced)
                s = "s" if len(replaced) > 1 else ""
                notes.append(CorpusNote("lexicon_row_replaced", where,
                                        f"line {rec['line']}: {key} {rec[key]!r} replaces the shipped row{s} "
                                        f"({shipped_path(name)}, line{s} {lines})",
                                        "used the corpus's row in place of the shipped one"))
        return notes

    def used(self) -> pd.DataFrame:
        """Return the ``lexicons_used.csv`` table: one row per lexicon file the analysis reads.

        Columns ``file, rows_shipped, rows_from_corpus, rows_replaced, corpus_file``: the rows of the
        shipped file, the rows the corpus's own file adds or puts in place of shipped ones, how many
        shipped rows those replace, and the corpus file (``lexicons/NAME`` in the corpus folder; empty when there is none).

        Examples
        --------
        >>> used = Lexicons.of().used()
        >>> used.loc[used["file"] == "weekdays.csv", ["rows_shipped", "rows_from_corpus"]].values.tolist()
        [[7, 0]]
        """
        rows = []
        for name in self.shipped_names:
            shipped = len(_read_rows(lexicon_path(name))[1])
            own = self.corpus_file(name)
            if own is None:
                rows.append((name, shipped, 0, 0, ""))
                continue
            replaced = sum(len(r) for _, r in _replacements(self, name))
            rows.append((name, shipped, len(_read_rows(own)[1]), replaced, f"{CORPUS_LEXICONS}/{name}"))
        frame = pd.DataFrame(rows, columns=list(USED_COLUMNS))
        return frame.astype({"rows_shipped": "int64", "rows_from_corpus": "int64", "rows_replaced": "int64"})

    def check(self) -> None:
        """Load every lexicon the corpus extends with its full validation; a bad row is a WorkbookError.

        Run before any table is computed, so a mistake in ``DIR/lexicons/`` stops the work at once
        with the file and line named.
        """
        if not self.corpus_names():
            return
        loaders = lexicon_loaders()
        for name in self.corpus_names():
            if name in loaders:
                loaders[name](self)


def add_rows(corpus_dir: str | Path, name: str, rows: list[dict], dry_run: bool = False) -> pd.DataFrame:
    """Add rows to the corpus's own copy of lexicon ``name`` (``DIR/lexicons/NAME``), validated first.

    The file is created with the shipped file's header when the corpus has none; the shipped file is
    never touched. The rows must pass every check the lexicon's loader makes, together with the
    shipped rows and the corpus's other files; then the file is written whole under a temporary name
    and renamed over the old one, so a reader never sees half a file.

    Parameters
    ----------
    corpus_dir
        The corpus folder (the one holding the ``.txt`` files).
    name
        A shipped lexicon's file name (``actors.csv``).
    rows
        One dict per row, keys among the file's columns; a missing optional column is left empty.
    dry_run
        Validate and return the rows without writing anything.

    Returns
    -------
    pandas.DataFrame
        The rows, as they are (or would be) written.

    Raises
    ------
    WorkbookError
        For an unknown file or column, a key the corpus's file already has, or any row the loader
        rejects (the message names the corpus's file).
    """
    import os
    import shutil
    import tempfile

    corpus_dir = Path(corpus_dir)
    if name not in shipped_names():
        raise WorkbookError(f"{name}: not a lexicon the workbook reads (the files are: {', '.join(shipped_names())})")
    folder = corpus_dir / CORPUS_LEXICONS
    target = folder / name
    header = _read_rows(target)[0] if target.is_file() else _read_rows(lexicon_path(name))[0]
    for row in rows:
        unknown = [c for c in row if c not in header]
        if unknown:
            raise WorkbookError(f"{target}: unknown column(s) {', '.join(unknown)}; the file has: {', '.join(header)}")
    key = KEY_COLUMNS.get(name) or header[0]
    if target.is_file():
        have = {row_key(dict(zip(header, r)).get(key, "")): line for line, r in _read_rows(target)[1]}
        for row in rows:
            if row_key(str(row.get(key, ""))) in have:
                raise WorkbookError(f"{target}, line {have[row_key(str(row[key]))]}: {key} {row[key]!r} is already "
                                    "there; edit that row instead")
        text = target.read_text(encoding="utf-8-sig")
        if text and not text.endswith("\n"):
            text += "\n"
    else:
        text = ",".join(header) + "\n"
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([[str(row.get(c, "")) for c in header] for row in rows])
    text += buffer.getvalue()
    with tempfile.TemporaryDirectory(prefix="lexicons-check-") as staging:
        staged = Path(staging) / CORPUS_LEXICONS
        if folder.is_dir():
            shutil.copytree(folder, staged)
        staged.mkdir(exist_ok=True)
        (staged / name).write_text(text, encoding="utf-8")
        try:
            Lexicons.of(Path(staging)).check()
        except WorkbookError as exc:
            raise WorkbookError(str(exc).replace(str(staged.resolve()), str(folder))) from None
    if not dry_run:
        folder.mkdir(exist_ok=True)
        part = folder / f".{name}.part"
        part.write_text(text, encoding="utf-8")
        os.replace(part, target)
    return pd.DataFrame([[str(row.get(c, "")) for c in header] for row in rows], columns=header)


def as_lexicons(source) -> Lexicons:
    """Return ``Lexicons.of(source)`` (a Lexicons passes through unchanged)."""
    return Lexicons.of(source)


def for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Return a loaded lexicon without its bookkeeping columns (``line``, ``file``), for showing it."""
    return frame.drop(columns=[c for c in BOOKKEEPING if c in frame.columns])


def where(rec: dict) -> str:
    """Return ``"FILE, line N"`` for a row of a loaded lexicon (for messages).

    Examples
    --------
    >>> where({"file": "actors.csv", "line": 3})
    'actors.csv, line 3'
    """
    return f"{rec['file']}, line {rec['line']}"


def shipped_path(name: str) -> str:
    """Return the shipped lexicon ``name`` as a path from the repository root (``helpers/lexicons/actors.csv``)."""
    return lexicon_path(name).relative_to(ROOT).as_posix()



def _key_column(name: str) -> str:
    return KEY_COLUMNS.get(name) or _read_rows(lexicon_path(name))[0][0]


def _replacements(lexicons: Lexicons, name: str) -> list[tuple[dict, list[dict]]]:
    """Return ``(corpus row, shipped rows it replaces)`` for the corpus rows of ``name`` whose key is shipped."""
    key = _key_column(name)
    header, rows = _read_rows(lexicon_path(name))
    shipped: dict[str, list[dict]] = {}
    for line, row in rows:
        rec = dict(zip(header, (c.strip() for c in row)), line=line)
        shipped.setdefault(row_key(rec.get(key, "")), []).append(rec)
    own_header, own_rows = _read_rows(lexicons.corpus_file(name))
    out, seen = [], set()
    for line, row in own_rows:
        rec = dict(zip(own_header, (c.strip() for c in row)), line=line)
        k = row_key(rec.get(key, ""))
        if k in shipped and k not in seen:
            out.append((rec, shipped[k]))
            seen.add(k)
    return out


def _read_rows(path: Path) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Return the header and the non-empty rows ``(line, cells)`` of a CSV (errors name the file)."""
    return _read_rows_cached(str(path), file_stamp(path))


@lru_cache(maxsize=128)
def _read_rows_cached(path: str, _stamp) -> tuple[list[str], list[tuple[int, list[str]]]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise WorkbookError(f"{path}: the file is empty (expected a header row)")
            rows = [(reader.line_num, r) for r in reader if any(c.strip() for c in r)]
    except UnicodeDecodeError as exc:
        raise WorkbookError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    return [h.strip() for h in header], rows


def _records(path: Path, required: list[str], optional: list[str], allowed: dict) -> list[dict]:
    """Read one file and check its columns and cells; return one dict per row (``line`` and ``file`` added)."""
    header, rows = _read_rows(path)
    missing = [c for c in required if c not in header]
    unknown = [c for c in header if c not in required + optional]
    if missing:
        raise WorkbookError(f"{path}: missing column(s) {', '.join(missing)}")
    if unknown:
        raise WorkbookError(
            f"{path}: unknown column(s) {', '.join(unknown)}; allowed: {', '.join(required + optional)}"
        )
    records = []
    for line, row in rows:
        if len(row) != len(header):
            raise WorkbookError(f"{path}, line {line}: {len(row)} cells, expected {len(header)}")
        rec = {h: c.strip() for h, c in zip(header, row)}
        for col in required:
            if not rec[col]:
                raise WorkbookError(f"{path}, line {line}: empty {col!r}")
        for col, values in allowed.items():
            values = list(values)
            if col in rec and rec[col] and rec[col] not in values:
                raise WorkbookError(
                    f"{path}, line {line}: {col}={rec[col]!r} is not one of {', '.join(values)}"
                )
        for col in required + optional:
            rec.setdefault(col, "")
        rec["line"], rec["file"] = line, str(path)
        records.append(rec)
    return records


def seen_at(rec: dict, other: dict) -> str:
    """Say where row ``other`` is, seen from row ``rec``: ``line N`` in the same file, else ``FILE, line N``.

    Examples
    --------
    >>> seen_at({"file": "a.csv", "line": 5}, {"file": "a.csv", "line": 2})
    'line 2'
    """
    return f"line {other['line']}" if other["file"] == rec["file"] else where(other)


def _check_unique(records: list[dict], unique: list[str], unique_matching: list[str]) -> None:
    for col in unique:
        seen: dict[str, dict] = {}
        for rec in records:
            if rec[col] in seen:
                raise WorkbookError(f"{where(rec)}: {col} {rec[col]!r} already on {seen_at(rec, seen[rec[col]])}")
            seen[rec[col]] = rec
    for col in unique_matching:
        seen_form: dict[str, dict] = {}
        for rec in records:
            for item in split_list(rec.get(col, "")):
                form = normalize_for_matching(item)
                other = seen_form.get(form)
                if other is not None and other is not rec:
                    raise WorkbookError(f"{where(rec)}: {col} {item!r} is already listed on {seen_at(rec, other)}")
                seen_form[form] = rec


def _merge(shipped: list[dict], own: list[dict], key: str) -> list[dict]:
    """Return the shipped rows with the corpus's rows put in place of those with the same key, new ones last."""
    own_by_key: dict[str, list[dict]] = {}
    for rec in own:
        own_by_key.setdefault(row_key(rec[key]), []).append(rec)
    merged, placed = [], set()
    for rec in shipped:
        k = row_key(rec[key])
        if k in own_by_key:
            if k not in placed:
                merged.extend(own_by_key[k])
                placed.add(k)
            continue
        merged.append(rec)
    merged.extend(rec for k, recs in own_by_key.items() if k not in placed for rec in recs)
    return merged


def load_lexicon(
    name_or_path: str | Path,
    required: Iterable[str],
    optional: Iterable[str] = (),
    unique: Iterable[str] = (),
    unique_matching: Iterable[str] = (),
    allowed: dict[str, Iterable[str]] | None = None,
    lexicons: Lexicons | None = None,
) -> pd.DataFrame:
    """Read a lexicon CSV and validate it; return it as a DataFrame of strings.

    Parameters
    ----------
    name_or_path
        A file name in ``helpers/lexicons`` or a path to any CSV of the same format.
    required
        Columns that must exist and be non-empty on every row.
    optional
        Columns that may exist and may be empty. Any other column is an error.
    unique
        Columns whose values must not repeat.
    unique_matching
        List columns (``|``-separated) whose items must not repeat across the whole file once put in
        matching form: one spelling under two ids is an error.
    allowed
        For some columns, the allowed values.
    lexicons
        A :class:`Lexicons` whose corpus folder may extend the shipped file ``name_or_path`` (see the
        module docstring). The corpus's rows get the same checks, on their own and together with the
        shipped rows. Ignored when ``name_or_path`` is a path.

    Returns
    -------
    pandas.DataFrame
        One row per data row, every cell a string (empty string for an empty optional cell), with a
        ``line`` column giving the row's line number in its file and a ``file`` column naming the file.

    Raises
    ------
    WorkbookError
        Naming the file, the line and the value.
    """
    path = Path(name_or_path)
    shipped_name = not path.is_absolute() and not path.exists()
    if shipped_name:
        path = lexicon_path(str(name_or_path))
    if not path.exists():
        raise WorkbookError(f"{path}: lexicon file not found")
    required, optional = list(required), list(optional)
    unique, unique_matching = list(unique), list(unique_matching)
    allowed = {k: tuple(v) for k, v in (allowed or {}).items()}
    records = _records(path, required, optional, allowed)
    own_path = lexicons.corpus_file(path.name) if (lexicons is not None and shipped_name) else None
    if own_path is not None:
        own = _records(own_path, required, optional, allowed)
        _check_unique(own, unique, unique_matching)
        records = _merge(records, own, KEY_COLUMNS.get(path.name) or required[0])
    _check_unique(records, unique, unique_matching)
    columns = required + optional + list(BOOKKEEPING)
    frame = pd.DataFrame(records, columns=columns)
    return frame.astype({c: str for c in required + optional + ["file"]})


def lexicon_loaders() -> dict:
    """Return {file name in helpers/lexicons: function that loads and validates it}, for every lexicon.

    Each function takes an optional :class:`Lexicons` (the corpus whose own files extend the shipped
    ones) and returns the loaded table.
    """
    from .actors import load_attribution_verbs, load_gazetteer, load_name_cues
    from .compare import lexicon_loaders as compare_loaders
    from .dates import lexicons as dl
    from .explore.tokens import load_stoplist
    from .index import load_glossary
    from .roles import load_boilerplate

    def date_loader(load):
        return lambda lexicons=None: load(lexicons=lexicons)

    return {
        "boilerplate.csv": lambda lexicons=None: load_boilerplate(lexicons=lexicons),
        "actors.csv": lambda lexicons=None: load_gazetteer(lexicons=lexicons).actors,
        "actor_exclusions.csv": lambda lexicons=None: load_gazetteer(lexicons=lexicons).exclusions,
        "attribution_verbs.csv": lambda lexicons=None: load_attribution_verbs(lexicons=lexicons).verbs,
        "name_cues.csv": lambda lexicons=None: load_name_cues(lexicons=lexicons).cues,
        "glossary.csv": lambda lexicons=None: load_glossary(lexicons=lexicons),
        **{name: date_loader(load) for name, load in dl.DATE_LEXICON_FILES.items()},
        "stopwords.csv": lambda lexicons=None: load_stoplist(lexicons=lexicons).words,
        **compare_loaders(),
    }
