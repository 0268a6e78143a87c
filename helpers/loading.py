"""Load a corpus folder: article files (``*.txt``) plus an optional ``metadata.csv``.

* Encodings: UTF-8 with or without BOM, UTF-16 with BOM (or without, when it is plainly Arabic),
  Windows-1256 and ISO-8859-6, decided without silent guessing (:mod:`helpers.decoding`); the one used
  and the number of invalid bytes replaced are recorded per article (``encoding``, ``n_replaced``).
  Line ends (CRLF, CR) become ``\\n``.
* A file that is not text, a file with no Arabic letters, an encoding that cannot be told with
  confidence or double-decoded text (``ط§ظ„``) is a :class:`~helpers.errors.WorkbookError` naming the
  file; every such file of the articles being loaded is named in the one error, so one run lists them
  all. So is a file whose real path (through a symbolic link) leaves the corpus folder. An empty file
  (a scrape that fetched nothing) loads as an article with no line, and a recorded note says so.
* ``metadata.csv`` (optional) has one row per article: ``doc_id, file, outlet, outlet_short,
  outlet_evidence, published, published_basis``. A row with the wrong number of fields, a field that
  spans lines (an unmatched quote), NUL or control characters, an oversized field, a missing file, a
  repeated ``doc_id`` or a date that is not ``YYYY-MM-DD`` is an error naming the line. An article
  without a row still loads, with outlet ``unknown`` and a recorded :class:`~helpers.errors.CorpusNote`.
* Warnings are :class:`~helpers.errors.CorpusNote` records (kind, file, problem, action), kept with the
  article they concern so that every partition of a corpus carries its own; they are shown summarised,
  one line per kind (:func:`~helpers.errors.summarise_notes`).
* Nothing is ever written to the corpus folder.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np
import pandas as pd

from . import charsets as cs
from .cleaning import OBFUSCATION_STEPS, STEP_NAMES, clean_lines_by_step
from .decoding import DecodedText, decode_bytes, replacement_message
from .errors import CorpusNote, CorpusWarning, WorkbookError, summarise_notes
from .lexicon import Lexicons
from .matching import code_points, normalize_many, text_batches
from .paths import SEEDS
from .roles import COUNTED_ROLES, assign_roles

METADATA_FILE = "metadata.csv"
METADATA_COLUMNS = ("doc_id", "file", "outlet", "outlet_short", "outlet_evidence", "published", "published_basis")
UNKNOWN_OUTLET = "unknown"
ARTICLE_COLUMNS = (
    "doc_id", "file", "outlet", "outlet_short", "outlet_evidence", "published", "published_basis",
    "encoding", "n_replaced", "title", "n_paragraphs", "n_words", "n_obfuscations",
)
TITLE_MAX_CHARS = 200  # a longer first line is shown cut, with an ellipsis (the full line is in paragraphs)
METADATA_MAX_FIELD = 10_000  # characters in one metadata field
METADATA_MAX_BYTES = 50 * 2**20
PARAGRAPH_COLUMNS = ("doc_id", "para_id", "line_no", "role", "text_raw", "text")
_WORD_TABLE_SIZE = 0x3000  # code points whose word-ness count_words looks up in a table
_word_table: np.ndarray | None = None  # built on first use
_FIELD_CONTROL_RE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")  # C0 and C1 controls but tab
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def decode_article(data: bytes, name: str) -> tuple[str, str]:
    """Decode the bytes of an article file; return ``(text, encoding)`` (see :func:`helpers.decoding.decode_bytes`).

    Line ends become ``\\n``. Raises :class:`WorkbookError` naming ``name`` for an empty file, binary
    data, a text without Arabic letters, an encoding that cannot be told with confidence, or text that
    was double-decoded.

    Examples
    --------
    >>> decode_article("إدلب".encode("cp1256"), "a.txt")
    ('إدلب', 'cp1256')
    >>> decode_article(b"\\xef\\xbb\\xbf" + "إدلب".encode(), "a.txt")
    ('إدلب', 'utf-8-sig')
    """
    decoded = decode_bytes(data, name)
    return decoded.text, decoded.encoding


def cap_title(title: str, limit: int = TITLE_MAX_CHARS) -> str:
    """Return ``title`` cut to ``limit`` characters with an ellipsis, at a space where there is one near.

    Examples
    --------
    >>> cap_title("قال الرئيس إن الاتفاق صامد", limit=12)
    'قال الرئيس…'
    >>> cap_title("إدلب", limit=12)
    'إدلب'
    """
    if len(title) <= limit:
        return title
    cut = title[:limit - 1]
    space = cut.rfind(" ")
    if space > limit // 2:
        cut = cut[:space]
    return cut.rstrip() + "\u2026"


def default_doc_id(path: Path) -> str:
    """Return the default ``doc_id`` of a file: its name up to the first ``_`` (else its stem).

    Examples
    --------
    >>> default_doc_id(Path("000_dd4699b39b531d71.txt"))
    '000'
    >>> default_doc_id(Path("notes.txt"))
    'notes'
    """
    return path.stem.split("_", 1)[0]


def read_metadata(seeds_dir: Path) -> pd.DataFrame | None:
    """Read and check ``metadata.csv`` in ``seeds_dir``; return None when there is none."""
    records = metadata_records(Path(seeds_dir))
    return None if records is None else pd.DataFrame(records, columns=list(METADATA_COLUMNS), dtype=str)


def metadata_records(seeds_dir: Path, files: set[str] | None = None) -> list[dict] | None:
    """Read and check ``metadata.csv`` in ``seeds_dir``: one dict per row, or None when there is no file.

    ``files`` (the names of the folder's files, when the caller has listed them already) saves one file
    system look-up per row when checking that each row's file exists. Every problem is a
    :class:`WorkbookError` naming the line: a row whose number of fields differs from the header's, a
    field holding a line end (an unmatched quote merges the following lines into one field), NUL or other
    control characters, a field over :data:`METADATA_MAX_FIELD` characters, an empty doc_id or file, a file
    name with a folder in it or not in the folder, a repeated doc_id, a malformed date.
    """
    path = seeds_dir / METADATA_FILE
    if not path.exists() and not path.is_symlink():
        return None
    if not path.is_file():
        raise WorkbookError(f"{path}: not a file (a folder or a special file has this name); "
                            f"{METADATA_FILE} must be a CSV text file")
    check_inside(path, seeds_dir)
    if path.stat().st_size > METADATA_MAX_BYTES:
        raise WorkbookError(f"{path}: {path.stat().st_size:,} bytes, more than any metadata file needs "
                            f"({METADATA_MAX_BYTES // 2**20} MB at most)")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WorkbookError(f"{path}: not UTF-8 text (bad byte at position {exc.start}); save it as UTF-8") from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise WorkbookError(f"{path}, line {line}: a NUL character; this is not a CSV text file")
    rows = _metadata_rows(text, path)
    if not rows or not any(h.strip() for h in rows[0][1]):
        raise WorkbookError(f"{path}: the file is empty (expected the header {','.join(METADATA_COLUMNS)})")
    header = [h.strip() for h in rows[0][1]]
    missing = [c for c in ("doc_id", "file") if c not in header]
    if missing:
        raise WorkbookError(f"{path}: missing column(s) {', '.join(missing)}; expected {','.join(METADATA_COLUMNS)}")
    unknown = [c for c in header if c not in METADATA_COLUMNS]
    if unknown:
        raise WorkbookError(f"{path}: unknown column(s) {', '.join(unknown)}; allowed: {','.join(METADATA_COLUMNS)}")
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:
        raise WorkbookError(f"{path}: column(s) {', '.join(repeated)} appear twice in the header")
    records, seen = [], {}
    for line, fields in rows[1:]:
        if not any(f.strip() for f in fields):
            continue  # a blank line
        if len(fields) != len(header):
            raise WorkbookError(f"{path}, line {line}: {len(fields)} field(s) where the header has {len(header)} "
                                "(a comma too many or too few, or an unmatched quote)")
        for column, value in zip(header, fields):
            _check_field(path, line, column, value)
        row = dict(zip(header, fields))
        rec = {c: (row.get(c) or "").strip() for c in METADATA_COLUMNS}
        where = f"{path}, line {line} (doc_id {rec['doc_id']!r})"
        if not rec["doc_id"] or not rec["file"]:
            raise WorkbookError(f"{where}: doc_id and file must not be empty")
        if rec["doc_id"] in seen:
            raise WorkbookError(f"{where}: duplicate doc_id, already on line {seen[rec['doc_id']]}")
        seen[rec["doc_id"]] = line
        if "/" in rec["file"] or "\\" in rec["file"] or rec["file"] in (".", ".."):
            raise WorkbookError(f"{where}: file {rec['file']!r} names a folder; give the file name only")
        if not (rec["file"] in files if files is not None else (seeds_dir / rec["file"]).is_file()):
            raise WorkbookError(f"{where}: file {rec['file']!r} not found in {seeds_dir}")
        if rec["published"]:
            try:
                if not _DATE_RE.match(rec["published"]):
                    raise ValueError
                dt.date.fromisoformat(rec["published"])
            except ValueError:
                raise WorkbookError(
                    f"{where}: published {rec['published']!r} is not a date of the form YYYY-MM-DD (or empty)"
                ) from None
        records.append(rec)
    return records


def _metadata_rows(text: str, path: Path) -> list[tuple[int, list[str]]]:
    """Parse ``text`` as CSV; return (line where the row starts, fields) per row, errors naming the line."""
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows, start = [], 1
    limit = csv.field_size_limit()
    try:
        csv.field_size_limit(max(limit, len(text) + 1))  # our own limit, per field, names the line
        for fields in reader:
            rows.append((start, fields))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise WorkbookError(f"{path}, line {start}: not valid CSV ({exc}); check the quotes on that line") from None
    finally:
        csv.field_size_limit(limit)
    return rows


def _check_field(path: Path, line: int, column: str, value: str) -> None:
    """Raise a :class:`WorkbookError` naming the line when a metadata field cannot be right."""
    if len(value) > METADATA_MAX_FIELD:
        raise WorkbookError(f"{path}, line {line}: field {column!r} is {len(value):,} characters long "
                            f"(at most {METADATA_MAX_FIELD:,}); an unmatched quote may have merged lines")
    if "\n" in value or "\r" in value:
        raise WorkbookError(f"{path}, line {line}: field {column!r} runs over several lines; an unmatched "
                            "quote (\") merges the lines after it into one field")
    bad = _FIELD_CONTROL_RE.search(value)
    if bad:
        raise WorkbookError(f"{path}, line {line}: field {column!r} holds the control character "
                            f"U+{ord(bad.group()):04X}; metadata must be plain text")


def check_inside(path: Path, folder: Path) -> Path:
    """Return the real path of ``path``, or raise :class:`WorkbookError` if it leaves ``folder``.

    A symbolic link in the corpus folder pointing elsewhere would publish a file that is not part of
    the corpus (anything the user can read) in the reports.
    """
    real = Path(os.path.realpath(path))
    if not real.is_relative_to(Path(os.path.realpath(folder))):
        raise WorkbookError(f"{path}: a link to {real}, outside the corpus folder; copy the file into the "
                            "folder if it belongs to the corpus")
    return real


@dataclass
class Corpus:
    """A loaded corpus: articles, paragraphs, the cleaning log and the warnings recorded on the way."""

    seeds_dir: Path
    articles: pd.DataFrame
    paragraphs: pd.DataFrame
    cleaning_log: pd.DataFrame
    warnings: list[CorpusNote] = field(default_factory=list)
    _forms: pd.Series | None = field(default=None, repr=False)
    _memo: dict = field(default_factory=dict, repr=False)

    def memo(self, key, compute):
        """Return ``compute()`` computed once per corpus and key (shared work between table stages).

        The memo is keyed on the paragraphs table's identity, so a corpus whose paragraphs were replaced
        recomputes.
        """
        full_key = (key, id(self.paragraphs), len(self.paragraphs))
        if full_key not in self._memo:
            self._memo[full_key] = compute()
        return self._memo[full_key]

    def matching_forms(self) -> pd.Series:
        """Return the matching form of every paragraph's clean text (computed once, then shared).

        Actors, dates and the comparison all search the matching form; computing it once per corpus
        saves doing the same work three times.
        """
        if self._forms is None or len(self._forms) != len(self.paragraphs):
            self._forms = pd.Series(normalize_many(self.paragraphs["text"].tolist()),
                                    index=self.paragraphs.index, dtype=object)
        return self._forms


def typed_frame(columns: dict[str, Sequence], int_columns: Iterable[str] = ()) -> pd.DataFrame:
    """Return a table of the given columns (equal lengths, at least one row): ``int_columns`` as int64, the rest str.

    Naming the dtypes spares pandas inferring them value by value, about half the cost of building a
    large table; for columns of strings and integers the result equals the inferred one. (An empty
    table infers other dtypes: callers build those as before.)
    """
    ints = set(int_columns)
    return pd.DataFrame({name: np.array(values, dtype=np.int64) if name in ints else pd.array(values, dtype="str")
                         for name, values in columns.items()})


def frame_from_rows(rows: list[tuple], columns: Sequence[str], int_columns: Iterable[str] = ()) -> pd.DataFrame:
    """Return the table of ``rows`` (tuples in ``columns`` order), ``int_columns`` as int64, the rest as text.

    The same table as ``pd.DataFrame(rows, columns=columns).astype({c: "int64" for c in int_columns})``
    when every other value is a string, built through :func:`typed_frame`. Without rows the table is
    built that way (its empty text columns are then of dtype object, as pandas makes them).

    Examples
    --------
    >>> [str(d) for d in frame_from_rows([("إدلب", 1), ("أنقرة", 2)], ["name", "n"], ["n"]).dtypes]
    ['str', 'int64']
    """
    if not rows:
        return pd.DataFrame(rows, columns=list(columns)).astype({c: "int64" for c in int_columns})
    return typed_frame(dict(zip(columns, zip(*rows))), int_columns)


def count_words(texts: list[str]) -> list[int]:
    """Return how many words each text holds: runs of ``\\w``, as ``len(re.findall(r"\\w+", text))``.

    The texts are looked at together, by batches, in one pass over their code points (a word starts
    where a word character follows a character that is not one), several times faster than a regex
    per text.

    Examples
    --------
    >>> count_words(["قال الرئيس، أمس", "", "يشنّها_2"])
    [3, 0, 2]
    """
    return [n for batch in text_batches(texts) for n in _count_words_batch(batch)]


def _count_words_batch(texts: list[str]) -> list[int]:
    global _word_table
    if _word_table is None:  # \w is exactly str.isalnum() or "_"
        _word_table = np.array([chr(c).isalnum() or c == 0x5F for c in range(_WORD_TABLE_SIZE)])
    codes = code_points("\n".join(texts))  # a line break is not a word character: no word runs across texts
    word = np.take(_word_table, codes, mode="clip")
    far = codes >= _WORD_TABLE_SIZE
    if far.any():
        far_words = [c for c in np.unique(codes[far]).tolist() if chr(c).isalnum()]
        word[far] = np.isin(codes[far], far_words)
    starts = np.flatnonzero(word & ~np.concatenate(([False], word[:-1])))
    ends = np.cumsum([len(t) + 1 for t in texts])  # each text with its separator
    return np.diff(np.searchsorted(starts, ends), prepend=0).tolist()


def warn_summaries(notes: list[CorpusNote]) -> None:
    """Issue one :class:`CorpusWarning` per kind of note (see :func:`summarise_notes`), not one per file."""
    for line in summarise_notes(notes):
        warnings.warn(line, CorpusWarning, stacklevel=3)


@dataclass(frozen=True)
class ArticleEntry:
    """One article to load: its file, its metadata (doc_id, outlet, published, ...) and the notes about it.

    ``notes`` are the :class:`CorpusNote` records planning the corpus made about this article (or, on
    the first entry, about the whole folder): they travel with the article into whichever partition
    loads it, so that every path (one process, ``--jobs``, Dask) records the same warnings in order.
    """

    path: Path
    info: dict
    notes: tuple = ()


def plan_corpus(seeds_dir: str | Path = SEEDS) -> tuple[list[ArticleEntry], list[CorpusNote]]:
    """Check the corpus folder and its metadata; return the articles to load (sorted by doc_id) and warnings.

    Nothing is decoded yet: this is the cheap, whole-corpus part of loading. :func:`load_entries` does
    the per-article work, on all entries or on any slice of them. A ``.txt`` that is a link to a file
    outside the folder is an error naming it. The warnings (also kept on the entries they concern) are
    issued as one :class:`CorpusWarning` per kind; they include what the corpus's own ``lexicons/``
    change (:meth:`helpers.lexicon.Lexicons.notes`).
    """
    seeds_dir = Path(seeds_dir)
    if not seeds_dir.is_dir():
        raise WorkbookError(f"{seeds_dir}: corpus folder not found")
    # One directory scan gives names and file types; names sort as the paths would (same folder).
    with os.scandir(seeds_dir) as scan:
        listed = [(e.name, e.is_file(), e.is_symlink()) for e in scan]
    names = {name for name, is_file, _ in listed if is_file}
    for name, _, is_link in listed:
        if is_link and name.endswith(".txt") and not name.startswith("."):
            check_inside(seeds_dir / name, seeds_dir)
    files = [seeds_dir / name for name in sorted(n for n in names if n.endswith(".txt") and not n.startswith("."))]
    if not files:
        raise WorkbookError(f"{seeds_dir}: no article files (*.txt) in this folder")
    folder_notes: list[CorpusNote] = []
    records = metadata_records(seeds_dir, names)
    if records is None:
        folder_notes.append(CorpusNote("no_metadata_file", METADATA_FILE, f"not found in {seeds_dir}",
                                       f"every article gets outlet '{UNKNOWN_OUTLET}' and no date"))
        records = []
    extra = {rec["file"] for rec in records} - {p.name for p in files}
    if extra:  # a row naming an existing file that is not *.txt
        raise WorkbookError(f"{seeds_dir / METADATA_FILE}: rows name files that are not .txt articles: {sorted(extra)}")
    by_file = {rec["file"]: rec for rec in records}
    entries: list[ArticleEntry] = []
    doc_ids: dict[str, str] = {}
    for path in files:
        row = by_file.get(path.name)
        notes: tuple = ()
        if row is None:
            doc_id = default_doc_id(path)
            notes = (CorpusNote("no_metadata_row", path.name, f"no row in {METADATA_FILE}",
                                f"loaded as doc_id {doc_id!r}, outlet '{UNKNOWN_OUTLET}'"),)
            info = dict(doc_id=doc_id, file=path.name, outlet=UNKNOWN_OUTLET, outlet_short=UNKNOWN_OUTLET,
                        outlet_evidence="", published="", published_basis="unknown: no metadata row")
        else:
            info = dict(row)
            info["outlet"] = info["outlet"] or UNKNOWN_OUTLET
            info["outlet_short"] = info["outlet_short"] or info["outlet"]
        if info["doc_id"] in doc_ids:
            raise WorkbookError(f"{path}: doc_id {info['doc_id']!r} is also the doc_id of {doc_ids[info['doc_id']]}")
        doc_ids[info["doc_id"]] = path.name
        entries.append(ArticleEntry(path, info, notes))
    entries.sort(key=lambda e: e.info["doc_id"])
    folder_notes += Lexicons.of(seeds_dir).notes()  # what the corpus's own lexicons change
    if folder_notes:  # notes about the folder go with the first article
        entries[0] = ArticleEntry(entries[0].path, entries[0].info, tuple(folder_notes) + entries[0].notes)
    all_notes = [note for e in entries for note in e.notes]
    warn_summaries(all_notes)
    return entries, all_notes


@dataclass(frozen=True)
class DecodedArticle:
    """An article's text as read from its file, with the encoding used and the invalid bytes replaced."""

    entry: ArticleEntry
    text: str
    encoding: str
    n_replaced: int = 0
    notes: tuple = ()  # the entry's notes, then any made while decoding


EMPTY_ENCODING = "empty"  # the encoding recorded for an empty file


def decode_entry(entry: ArticleEntry) -> DecodedArticle:
    """Read and decode one entry's file; a replaced invalid byte adds a note giving the byte offsets.

    An empty file (nothing but white space) is an article with no text, encoding ``"empty"``, and a
    note of kind ``empty_file``.
    """
    data = entry.path.read_bytes()
    if not data.strip(b"\xef\xbb\xbf\xff\xfe\x00 \t\r\n"):  # white space, byte-order marks, NULs
        note = CorpusNote("empty_file", entry.path.name, "the file is empty",
                          "loaded as an article with no line (it counts among the articles, with 0 words)")
        return DecodedArticle(entry, "", EMPTY_ENCODING, 0, entry.notes + (note,))
    decoded: DecodedText = decode_bytes(data, str(entry.path))
    notes = entry.notes
    if decoded.n_replaced:
        notes += (CorpusNote("invalid_utf8", entry.path.name, replacement_message(decoded),
                             "decoded as UTF-8, each bad sequence replaced by U+FFFD"),)
    return DecodedArticle(entry, decoded.text, decoded.encoding, decoded.n_replaced, notes)


MAX_LISTED_ERRORS = 20  # unreadable files named in one error
LONG_ARTICLE_WORDS = 20_000  # counted words; a long news feature has a few thousand


def decode_entries(entries: list[ArticleEntry]) -> list[DecodedArticle]:
    """Read and decode the files of ``entries`` (the I/O part of loading).

    Raises
    ------
    WorkbookError
        When any file cannot be decoded: one error naming every such file (the first
        :data:`MAX_LISTED_ERRORS`, then how many more), each with its problem, so that one run lists
        all the files to fix or remove.
    """
    decoded, errors = [], []
    for entry in entries:
        try:
            decoded.append(decode_entry(entry))
        except WorkbookError as exc:
            errors.append(str(exc))
    if len(errors) == 1:
        raise WorkbookError(errors[0])
    if errors:
        more = f"\n  ... and {len(errors) - MAX_LISTED_ERRORS} more" if len(errors) > MAX_LISTED_ERRORS else ""
        raise WorkbookError(f"{len(errors)} article files cannot be read (fix each, or remove it and its "
                            f"metadata.csv row):\n  " + "\n  ".join(errors[:MAX_LISTED_ERRORS]) + more)
    return decoded


def clean_decoded(decoded: list[DecodedArticle], seeds_dir: str | Path = SEEDS,
                  notes: list[CorpusNote] | None = None) -> Corpus:
    """Split decoded articles into lines, clean them and give each a role; return a :class:`Corpus`.

    The paragraphs table is built column by column (lists extended once per article), not from a
    tuple per line. The corpus's warnings are ``notes`` then each article's notes, in article order,
    each once; the notes made while decoding are issued as :class:`CorpusWarning` (one per kind).
    """
    articles = []
    counted = []  # per article, its counted lines (roles in COUNTED_ROLES), for the word count
    par: dict[str, list] = {c: [] for c in PARAGRAPH_COLUMNS}
    log = []
    lexicons = Lexicons.of(seeds_dir)  # the known phrases of boilerplate.csv, extended by the corpus's own
    for doc in decoded:
        info = doc.entry.info
        doc_id = info["doc_id"]
        numbered = [(n, line) for n, line in enumerate(doc.text.split("\n"), start=1) if line.strip()]
        raw_lines = [line for _, line in numbered]
        clean_lines, per_step = clean_lines_by_step(raw_lines)
        roles = assign_roles(clean_lines, lexicons)
        n = len(raw_lines)
        par["doc_id"].extend([doc_id] * n)
        par["para_id"].extend(range(1, n + 1))
        par["line_no"].extend(line_no for line_no, _ in numbered)
        par["role"].extend(roles)
        par["text_raw"].extend(raw_lines)
        par["text"].extend(clean_lines)
        changed = [(step, per_step[step]) for step in STEP_NAMES if any(per_step[step])]
        if changed:  # rows by line, then in pipeline order
            for i in range(n):
                for step, counts in changed:
                    if counts[i]:
                        log.append((doc_id, i + 1, step, counts[i]))
        counted.append("\n".join(clean for clean, role in zip(clean_lines, roles) if role in COUNTED_ROLES))
        title = next((clean for clean, role in zip(clean_lines, roles) if role == "title"), "")
        articles.append({**info, "encoding": doc.encoding, "n_replaced": doc.n_replaced, "title": cap_title(title),
                         "n_paragraphs": n,
                         "n_words": 0, "n_obfuscations": sum(sum(per_step[s]) for s in OBFUSCATION_STEPS)})
    long_notes = []
    for article, doc, n_words in zip(articles, decoded, count_words(counted)):  # all articles in one pass
        article["n_words"] = n_words
        if n_words > LONG_ARTICLE_WORDS:
            long_notes.append(CorpusNote(
                "long_article", doc.entry.path.name, f"{n_words:,} words, more than any news article "
                f"({LONG_ARTICLE_WORDS:,}): several pages, or a whole site, scraped into one file?",
                "loaded as it is; its counts weigh on its outlet's totals as much as its words"))
    art = pd.DataFrame(articles, columns=list(ARTICLE_COLUMNS))
    if par["doc_id"]:
        paragraphs = typed_frame(par, int_columns=("para_id", "line_no"))
    else:  # no article: the same empty table as from no rows
        paragraphs = pd.DataFrame([], columns=list(PARAGRAPH_COLUMNS))
    cl = pd.DataFrame(log, columns=["doc_id", "para_id", "step", "count"])
    all_notes = list(dict.fromkeys([*(notes or []), *(note for doc in decoded for note in doc.notes), *long_notes]))
    warn_summaries([note for doc in decoded for note in doc.notes if note not in doc.entry.notes] + long_notes)
    return Corpus(Path(seeds_dir), art, paragraphs, cl, all_notes)


def load_entries(entries: list[ArticleEntry], seeds_dir: str | Path = SEEDS,
                 notes: list[CorpusNote] | None = None) -> Corpus:
    """Decode, clean and label the given articles (a pure function of the files); return a :class:`Corpus`."""
    return clean_decoded(decode_entries(entries), seeds_dir, notes)


def read_corpus(seeds_dir: str | Path = SEEDS) -> Corpus:
    """Load, clean and label every article in ``seeds_dir``; return a :class:`Corpus` (articles by doc_id)."""
    entries, _ = plan_corpus(seeds_dir)  # the notes travel on the entries
    return load_entries(entries, seeds_dir)


def load_corpus(seeds_dir: str | Path = SEEDS) -> pd.DataFrame:
    """Return the articles table: one row per article, metadata joined.

    Columns: ``doc_id, file, outlet, outlet_short, outlet_evidence, published, published_basis,
    encoding, n_replaced, title, n_paragraphs, n_words, n_obfuscations``. ``n_words`` counts words in
    every line except boilerplate and related teasers; ``title`` is cut at :data:`TITLE_MAX_CHARS`
    characters with an ellipsis. Warnings recorded while loading are in
    ``frame.attrs["warnings"]``.
    """
    corpus = read_corpus(seeds_dir)
    frame = corpus.articles.copy()
    frame.attrs["warnings"] = list(corpus.warnings)
    return frame


def load_paragraphs(seeds_dir: str | Path = SEEDS) -> pd.DataFrame:
    """Return one row per non-empty line of each article: ``doc_id, para_id, line_no, role, text_raw, text``.

    ``text_raw`` is the line as in the file; ``text`` is the clean line (see :mod:`helpers.cleaning`).
    """
    corpus = read_corpus(seeds_dir)
    frame = corpus.paragraphs.copy()
    frame.attrs["warnings"] = list(corpus.warnings)
    return frame
