"""Load and validate the lexicon data files (CSV, UTF-8, one header row).

Every lexicon is read through :func:`load_lexicon`, which checks its format on load: a missing or
unknown column, an empty required cell, or one value listed twice where it must be unique is a
:class:`~helpers.errors.WorkbookError` naming the file, the row (as the line number in the file) and
the value. Lists inside a cell are separated by ``|``.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import Iterable

import pandas as pd

from .errors import WorkbookError
from .matching import normalize_for_matching
from .paths import lexicon as lexicon_path

LIST_SEPARATOR = "|"


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


def load_lexicon(
    name_or_path: str | Path,
    required: Iterable[str],
    optional: Iterable[str] = (),
    unique: Iterable[str] = (),
    unique_matching: Iterable[str] = (),
    allowed: dict[str, Iterable[str]] | None = None,
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

    Returns
    -------
    pandas.DataFrame
        One row per data row, every cell a string (empty string for an empty optional cell), with a
        ``line`` column giving the row's line number in the file.
    """
    path = Path(name_or_path)
    if not path.is_absolute() and not path.exists():
        path = lexicon_path(str(name_or_path))
    if not path.exists():
        raise WorkbookError(f"{path}: lexicon file not found")
    required, optional = list(required), list(optional)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, None)
            if header is None:
                raise WorkbookError(f"{path}: the file is empty (expected a header row)")
            header = [h.strip() for h in header]
            rows = [(reader.line_num, r) for r in reader if any(c.strip() for c in r)]
    except UnicodeDecodeError as exc:
        raise WorkbookError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
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
        for col, values in (allowed or {}).items():
            values = list(values)
            if col in rec and rec[col] and rec[col] not in values:
                raise WorkbookError(
                    f"{path}, line {line}: {col}={rec[col]!r} is not one of {', '.join(values)}"
                )
        rec["line"] = line
        records.append(rec)
    for col in unique:
        seen: dict[str, int] = {}
        for rec in records:
            if rec[col] in seen:
                raise WorkbookError(
                    f"{path}, line {rec['line']}: {col} {rec[col]!r} already on line {seen[rec[col]]}"
                )
            seen[rec[col]] = rec["line"]
    for col in unique_matching:
        seen_form: dict[str, int] = {}
        for rec in records:
            for item in split_list(rec.get(col, "")):
                form = normalize_for_matching(item)
                if form in seen_form and seen_form[form] != rec["line"]:
                    raise WorkbookError(
                        f"{path}, line {rec['line']}: {col} {item!r} is already listed on line {seen_form[form]}"
                    )
                seen_form[form] = rec["line"]
    columns = [c for c in required + optional if c in header] + ["line"]
    frame = pd.DataFrame(records, columns=columns)
    for col in required + optional:
        if col not in frame:
            frame[col] = ""
    return frame.astype({c: str for c in required + optional})


def lexicon_loaders() -> dict:
    """Return {file name in helpers/lexicons: function that loads and validates it}, for every lexicon."""
    from .actors import load_attribution_verbs, load_gazetteer
    from .compare import lexicon_loaders as compare_loaders
    from .dates import lexicons as dl
    from .explore.tokens import load_stoplist
    from .index import load_glossary
    from .roles import load_boilerplate

    return {
        "boilerplate.csv": load_boilerplate,
        "actors.csv": lambda: load_gazetteer().actors,
        "actor_exclusions.csv": lambda: load_gazetteer().exclusions,
        "attribution_verbs.csv": lambda: load_attribution_verbs().verbs,
        "glossary.csv": load_glossary,
        **dl.DATE_LEXICON_FILES,
        "stopwords.csv": lambda: load_stoplist().words,
        **compare_loaders(),
    }
