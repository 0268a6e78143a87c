"""``OUT/tables.xlsx``: every CSV table as a sheet of one Excel workbook, safe to open.

The CSVs stay plain UTF-8 for programs; Excel, though, reads a CSV without a byte-order mark in the
local code page (``ط§ظ„ظˆط³ظٹظ„ط©`` instead of ``الوسيلة``) and turns a cell that starts with ``=``, ``+``,
``-`` or ``@`` into a live formula. The workbook written here (with ``openpyxl``) has

* one sheet per table, in the order of the files, after an ``about`` sheet listing each table with
  its rows; on a large corpus whole tables go in smallest (file) first until :data:`MAX_ROWS` data
  rows in all, and every other table gets a sheet named ``… (part)`` holding its first
  :data:`PART_ROWS` rows, which the ``about`` sheet says, with the table's full row count and its CSV
  (a spreadsheet of hundreds of thousands of rows is no use in Excel, and writing it costs minutes:
  those tables are for programs, in the CSVs);
* every sheet right-to-left, the header row frozen and filtered, column widths set from the contents;
* numbers as numbers (a column whose every value is a plain integer or decimal, other than ``doc_id``)
  and every other cell as text, typed explicitly: no formula is ever created from data;
* text Excel cannot hold changed visibly and counted on the ``about`` sheet: a cell longer than 32,767
  characters is cut with an ellipsis, and control characters XML forbids become U+FFFD;
* the same bytes for the same tables: the workbook carries no time of writing (no created or modified
  date in its properties, every file of the zip package dated 1980-01-01, the zip format's first day).
"""
from __future__ import annotations

import csv
import itertools
import os
import re
import zipfile
from pathlib import Path

EXCEL_MAX_ROWS = 1_048_576  # rows per sheet, the header included
MAX_ROWS = 20_000  # data rows of whole tables in the workbook: about 2 s of CPU with openpyxl
PART_ROWS = 1_000  # rows shown of a table that does not fit whole
PART_SUFFIX = " (part)"
EXCEL_MAX_CELL = 32_767  # characters per cell
MAX_WIDTH, MIN_WIDTH = 60, 6  # column widths, in characters
WIDTH_SAMPLE = 2000  # rows looked at to set column widths
TEXT_COLUMNS = frozenset({"doc_id"})  # identifiers that look like numbers ("000") but are text
_INT_RE = re.compile(r"-?(?:0|[1-9][0-9]{0,14})")
_FLOAT_RE = re.compile(r"-?(?:0|[1-9][0-9]{0,14})\.[0-9]+")
_ILLEGAL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_NAME_RE = re.compile(r"[\[\]:*?/\\]")


def column_kinds(header: list[str], rows: list[list[str]]) -> list[str]:
    """Return ``"int"``, ``"float"`` or ``"text"`` for each column of a CSV table (values as read).

    A column is a number column when every non-empty value is a plain decimal number (no sign other
    than ``-``, no leading zero, at most 15 digits before the point, as Excel keeps exactly) and its
    name is not an identifier (:data:`TEXT_COLUMNS`).

    Examples
    --------
    >>> column_kinds(["doc_id", "n", "share", "text"], [["000", "3", "0.5", "=1+1"], ["001", "", "1.25", "-2"]])
    ['text', 'int', 'float', 'text']
    """
    kinds = []
    for i, name in enumerate(header):
        values = [r[i] for r in rows if i < len(r) and r[i] != ""]
        if name in TEXT_COLUMNS or not values:
            kinds.append("text")
        elif all(_INT_RE.fullmatch(v) for v in values):
            kinds.append("int")
        elif all(_INT_RE.fullmatch(v) or _FLOAT_RE.fullmatch(v) for v in values):
            kinds.append("float")
        else:
            kinds.append("text")
    return kinds


def sheet_names(stem: str, n_sheets: int, taken: set[str]) -> list[str]:
    """Return ``n_sheets`` sheet names for table ``stem``: at most 31 characters, none of ``[]:*?/\\``, unique."""
    base = _SHEET_NAME_RE.sub("_", stem)[:31] or "table"
    names = []
    for i in range(n_sheets):
        name = base if i == 0 else f"{base[:31 - len(f' ({i + 1})')]} ({i + 1})"
        while name.lower() in taken:
            name = name[:28] + f"~{len(taken) % 100:02d}"
        taken.add(name.lower())
        names.append(name)
    return names


def _text_cell(value: str, counts: dict) -> str:
    if _ILLEGAL_RE.search(value):
        counts["control characters replaced"] += len(_ILLEGAL_RE.findall(value))
        value = _ILLEGAL_RE.sub("\ufffd", value)
    if len(value) > EXCEL_MAX_CELL:
        counts["cells cut at 32,767 characters"] += 1
        value = value[:EXCEL_MAX_CELL - 1] + "\u2026"
    return value


def _read(path: Path, count_upto: int | None = None, first: int | None = None) -> tuple[list[str], list[list[str]] | int]:
    """Return the header and rows of one of our own CSV tables (a field may be a whole article line).

    With ``count_upto``, the number of rows instead of the rows, counted in a streaming pass that stops
    past ``count_upto`` (a large table is not parsed to the end only to learn that it does not fit).
    With ``first``, the header, the first ``first`` rows and the number of rows in all: one streaming
    pass that keeps only those rows in memory.
    """
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, path.stat().st_size + 1))
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.reader(fh)
            header = next(reader, [])
            if count_upto is not None:
                return header, sum(1 for _ in itertools.islice(reader, count_upto + 1))
            if first is not None:
                rows = list(itertools.islice(reader, first))
                return header, rows, len(rows) + sum(1 for _ in reader)
            return header, list(reader)
    finally:
        csv.field_size_limit(limit)


def write_workbook(tables_folder: str | Path, path: str | Path, names: list[str] | None = None,
                   max_rows: int = MAX_ROWS, part_rows: int = PART_ROWS) -> Path:
    """Write the CSV tables of ``tables_folder`` as one Excel workbook at ``path``; return ``path``.

    Parameters
    ----------
    tables_folder
        The folder of CSV tables (``OUT/tables``).
    path
        The workbook to write (``OUT/tables.xlsx``); written under a temporary name, then renamed.
    names
        The CSV file names in sheet order (default: every ``*.csv``, sorted).
    max_rows
        Data rows of whole tables in the workbook (smallest go in first).
    part_rows
        Rows shown of each table that does not fit whole, on a sheet whose name ends in ``(part)``;
        the ``about`` sheet gives its full row count and points to its CSV.

    Returns
    -------
    Path
        ``path``.
    """
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.utils import get_column_letter

    folder, path = Path(tables_folder), Path(path)
    names = names if names is not None else sorted(p.name for p in folder.glob("*.csv"))
    # Smallest files first, while the rows fit; each file's rows are counted only up to what is left.
    budget, kept, sizes = max_rows, set(), {}
    for name in sorted(names, key=lambda n: ((folder / n).stat().st_size, n)):
        sizes[name] = _read(folder / name, count_upto=budget)[1]
        if sizes[name] <= budget:
            kept.add(name)
            budget -= sizes[name]
    wb = Workbook(write_only=True)
    about = wb.create_sheet("about")
    taken = {"about"}
    summary = []
    for name in names:
        note = ""
        if name in kept:
            header, rows = _read(folder / name)
        else:
            header, rows, total = _read(folder / name, first=part_rows)
            note = f"first {part_rows:,} of {total:,} rows (whole tables fill {max_rows:,} rows); every row: tables/{name}"
        kinds = column_kinds(header, rows)
        per_sheet = EXCEL_MAX_ROWS - 1
        chunks = [rows[i:i + per_sheet] for i in range(0, len(rows), per_sheet)] or [[]]
        counts = {"cells cut at 32,767 characters": 0, "control characters replaced": 0}
        widths = [min(MAX_WIDTH, max([MIN_WIDTH, len(h) + 2] + [len(r[i]) + 1 for r in rows[:WIDTH_SAMPLE] if i < len(r)]))
                  for i, h in enumerate(header)]
        stem = Path(name).stem if name in kept else Path(name).stem[:31 - len(PART_SUFFIX)] + PART_SUFFIX
        sheets = sheet_names(stem, len(chunks), taken)
        for sheet_name, chunk in zip(sheets, chunks):
            ws = wb.create_sheet(sheet_name)
            ws.sheet_view.rightToLeft = True
            ws.freeze_panes = "A2"
            if header:
                ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(chunk) + 1}"
            for i, width in enumerate(widths, start=1):
                ws.column_dimensions[get_column_letter(i)].width = width
            ws.append([_as_text(ws, _text_cell(h, counts), WriteOnlyCell) for h in header])
            for row in chunk:
                ws.append([_value(ws, v, kind, counts, WriteOnlyCell) for v, kind in zip(row, kinds)])
        summary.append((name, ", ".join(sheets), len(rows),
                        "; ".join([note] * bool(note) + [f"{n} {what}" for what, n in counts.items() if n])))
    about.append(["table (CSV file)", "sheet(s)", "rows", "changed to fit Excel"])  # rows: on the sheet
    for row in summary:
        about.append(list(row))
    about.append([])
    about.append(["Every table of the tables/ folder, one per sheet. Text cells are stored as text (a cell "
                  "starting with = is not a formula); the CSV files hold the same rows for other programs."])
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        wb.save(tmp)
        without_times(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
_CORE_TIME_RE = re.compile(rb"<dcterms:(created|modified)\b[^>]*>[^<]*</dcterms:\1>")


def without_times(path: str | Path) -> Path:
    """Rewrite the ``.xlsx`` package at ``path`` without the times of its writing; return ``path``.

    openpyxl dates each file of the zip package and the workbook's properties (``docProps/core.xml``)
    with the time it saves, so two runs on the same tables would differ. Here every member is dated
    :data:`ZIP_EPOCH` and the ``created``/``modified`` properties are dropped (both are optional in
    the Office Open XML core properties). The rewrite goes to a sibling file, then replaces ``path``.
    """
    path = Path(path)
    tmp = path.with_name(path.name + ".z")
    try:
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                data = src.read(info)
                if info.filename == "docProps/core.xml":
                    data = _CORE_TIME_RE.sub(b"", data)
                member = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
                member.external_attr = 0o644 << 16
                dst.writestr(member, data, zipfile.ZIP_DEFLATED)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def add_workbook(paths: list[Path], out_dir: str | Path) -> list[Path]:
    """Write ``OUT/tables.xlsx`` from the CSV tables just written (``paths``, in sheet order); return all paths."""
    paths = list(paths)
    csvs = [Path(p) for p in paths if Path(p).suffix == ".csv"]
    folder = csvs[0].parent if csvs else Path(out_dir) / "tables"
    return [*paths, write_workbook(folder, Path(out_dir) / "tables.xlsx", names=[p.name for p in csvs])]


def _as_text(ws, value: str, cell_type):
    """Return a cell that stores ``value`` as a string even if it starts with ``=`` (else the value itself)."""
    if value.startswith("="):
        cell = cell_type(ws, value=value)
        cell.data_type = "s"
        return cell
    return value


def _value(ws, value: str, kind: str, counts: dict, cell_type):
    if value == "":
        return None
    if kind == "int":
        return int(value)
    if kind == "float":
        return float(value)
    return _as_text(ws, _text_cell(value, counts), cell_type)

