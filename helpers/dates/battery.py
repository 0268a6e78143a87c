"""Score the workbook's date extractor and ``dateparser`` on a hand-written battery of short phrases.

``benchmarks/date_battery.csv`` holds one judged span per row: ``item, category, text, published,
surface, value, note``. ``text`` is a short sentence, ``published`` the article's date (empty: an
undated article), ``surface`` the part of ``text`` judged and ``value`` what a careful reader gives:
``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``, ``START/END`` for a range (ISO 8601 interval), or empty when
no date is due (a span, a trap such as ``روسيا اليوم`` or ``5 جنود``, an undated article's ``أمس``, a
weekday that contradicts the article's date). The values were written by hand before the extractor
was run on the phrases.

Each system's findings that overlap ``surface`` are judged (:func:`judge`): with an empty gold value,
right when none of them has a value; otherwise right when one of them gives the gold value, at the
gold's precision or finer (``2020-02-10`` is right for ``2020-02``); a range is right when a finding
gives both its ends. The workbook reads each text as an article dated ``published``
(:func:`helpers.dates.extract_dates`); ``dateparser.search_dates`` gets the same date as
``RELATIVE_BASE`` (none when ``published`` is empty: it then falls back on today's date).
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pandas as pd

from ..errors import WorkbookError
from ..paths import ROOT

BATTERY = ROOT / "benchmarks" / "date_battery.csv"
BATTERY_COLUMNS = ("item", "category", "text", "published", "surface", "value", "note")
VALUE_RE = re.compile(r"\d{4}(?:-\d\d(?:-\d\d)?)?")
SYSTEMS = ("workbook", "dateparser")


def load_battery(path: Path | str = BATTERY) -> pd.DataFrame:
    """Read and check the battery: the columns, a ``surface`` found in its ``text``, well-formed values.

    Raises
    ------
    WorkbookError
        Naming the file and line of the first bad row.
    """
    path = Path(path)
    if not path.exists():
        raise WorkbookError(f"{path}: battery file not found")
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if tuple(table.columns) != BATTERY_COLUMNS:
        raise WorkbookError(f"{path}: columns {', '.join(table.columns)}; expected {', '.join(BATTERY_COLUMNS)}")
    for line, row in zip(range(2, len(table) + 2), table.itertuples(index=False)):
        where = f"{path}, line {line}"
        if row.surface not in row.text:
            raise WorkbookError(f"{where}: surface {row.surface!r} is not in the text {row.text!r}")
        if row.published:
            try:
                dt.date.fromisoformat(row.published)
            except ValueError:
                raise WorkbookError(f"{where}: published {row.published!r} is not YYYY-MM-DD") from None
        if row.value and not all(VALUE_RE.fullmatch(v) for v in row.value.split("/")):
            raise WorkbookError(f"{where}: value {row.value!r} is not YYYY[-MM[-DD]] or START/END")
    if table["item"].duplicated().any():
        raise WorkbookError(f"{path}: item {table['item'][table['item'].duplicated()].iloc[0]!r} is listed twice")
    return table


def judge(gold: str, found: list[str]) -> bool:
    """Return whether the values ``found`` over the gold span are right (see the module docstring).

    Examples
    --------
    >>> judge("2020-02", ["2020-02-10"]), judge("", ["2020-02-20"]), judge("", [""])
    (True, False, True)
    >>> judge("2020-02-05/2020-02-07", ["2020-02-07"]), judge("2020-02-05/2020-02-07", ["2020-02-05/2020-02-07"])
    (False, True)
    """
    found = [v for v in found if v]
    if not gold:
        return not found
    if "/" in gold:
        start, end = gold.split("/")
        points = {v for v in found if "/" not in v}
        return gold in found or any(v.split("/") == [start, end] for v in found if "/" in v) \
            or {start, end} <= {p[:len(start)] for p in points}
    return any(v[:len(gold)] == gold for v in found if "/" not in v)


def _overlapping(spans, start: int, end: int) -> list:
    return [s for s in spans if s[0] < end and start < s[1]]


def score_battery(path: Path | str = BATTERY, systems=SYSTEMS) -> pd.DataFrame:
    """Run each system on every battery row; one row per item with what it found and whether it is right.

    Columns: the battery's, then for each system ``<system>`` (the values over the gold span, ranges as
    ``START/END``, joined by `` ; ``) and ``<system>_right`` (bool). ``systems``: any of
    ``("workbook", "dateparser")``; dateparser takes tens of milliseconds a phrase.
    """
    from .compare import dateparser_spans
    from .extract import extract_dates

    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        raise WorkbookError(f"systems={sorted(unknown)!r}: allowed {', '.join(SYSTEMS)}")
    table = load_battery(path)
    results = {name: ([], []) for name in systems}
    for row in table.itertuples(index=False):
        start = row.text.index(row.surface)
        end = start + len(row.surface)
        base = dt.date.fromisoformat(row.published) if row.published else None
        for name in systems:
            if name == "workbook":
                found = extract_dates(row.text, base)
                hits = found[(found["start"] < end) & (found["end"] > start)]
                values = [f"{v}/{e}" if e else v for v, e in zip(hits["value"], hits["value_end"])]
            else:
                values = [h[3] for h in _overlapping(dateparser_spans(row.text, base), start, end)]
            results[name][0].append(" ; ".join(v for v in values if v))
            results[name][1].append(judge(row.value, values))
    for name, (values, right) in results.items():
        table[name] = values
        table[f"{name}_right"] = right
    return table


def battery_scores(scored: pd.DataFrame) -> pd.DataFrame:
    """Return items and right answers per category and in total, for each system scored.

    Examples
    --------
    >>> t = pd.DataFrame({"category": ["a", "a", "b"], "workbook_right": [True, False, True]})
    >>> battery_scores(t).values.tolist()
    [['a', 2, 1, 50.0], ['b', 1, 1, 100.0], ['all', 3, 2, 66.7]]
    """
    systems = [c[:-len("_right")] for c in scored.columns if c.endswith("_right")]
    grouped = scored.groupby("category", sort=False)
    out = pd.DataFrame({"category": list(grouped.groups), "items": grouped.size().tolist()})
    for name in systems:
        out[f"{name}_right"] = grouped[f"{name}_right"].sum().astype(int).tolist()
        out[f"{name}_%"] = (100 * out[f"{name}_right"] / out["items"]).round(1)
    total = {"category": "all", "items": len(scored)}
    for name in systems:
        total[f"{name}_right"] = int(scored[f"{name}_right"].sum())
        total[f"{name}_%"] = round(100 * total[f"{name}_right"] / len(scored), 1)
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)
