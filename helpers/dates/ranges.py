"""Resolve a range: ``بين 5 و7 شباط``, ``من 28 شباط إلى 2 آذار 2020``, ``بين 2018 و2020``.

A range is one mention (one row of ``date_mentions.csv``) with ``value`` its first day, month or year
and ``value_end`` its last, at the same ``precision``: the row stays one reading of one phrase, and
every table that reads ``value`` alone still gets a real date (the start). A range without a year takes
it like a single date (``الماضي`` / ``المقبل``, the tense of the clause, or the reference year), from
its first end; the last end is in the same year, or the next when its month comes earlier
(``بين 28 كانون الأول و2 كانون الثاني``). A range whose end comes before its start is not resolved.
"""
from __future__ import annotations

import datetime as dt

from .expression import DateExpression
from .rules import MONTH_NAMES, Resolution, day_month, no_reference, safe_date, year_from_reference


def _years(expr: DateExpression, reference: dt.date | None, basis: str) -> tuple[int | None, int | None, str]:
    """The years of both ends, and how they were found (or why not, with None)."""
    if expr.year is not None or expr.end_year is not None:
        first = expr.year if expr.year is not None else expr.end_year
        last = expr.end_year if expr.end_year is not None else first
        return first, last, "as written"
    if reference is None:
        return None, None, f"no year in the text and {no_reference(basis)}"
    first, how = year_from_reference(expr.day, expr.month, expr.direction, reference, expr.tense, expr.tense_cue)
    last = first + 1 if expr.end_month < expr.month else first
    return first, last, how


def resolve_range(expr: DateExpression, reference: dt.date | None = None, basis: str = "") -> Resolution:
    """Resolve a ``range``-branch expression to ``value`` (first end) and ``value_end`` (last end).

    Examples
    --------
    >>> from helpers.dates.patterns import parse_date_expressions
    >>> r = resolve_range(parse_date_expressions("بين 5 و7 شباط")[0], dt.date(2020, 2, 20))
    >>> r.value, r.value_end, r.precision
    ('2020-02-05', '2020-02-07', 'day')
    >>> resolve_range(parse_date_expressions("بين 2018 و2020")[0])[1:3]
    ('2018', 'year')
    """
    if expr.month is None:                      # years
        if expr.end_year <= expr.year:
            return Resolution("range", "", "none", f"{expr.year} to {expr.end_year} is not a range of years")
        return Resolution("range", str(expr.year), "year", "a range of years, as written", str(expr.end_year))
    first, last, how = _years(expr, reference, basis)
    if first is None:
        return Resolution("range", "", "none", how)
    if expr.day is None:                        # months
        start, end = (first, expr.month), (last, expr.end_month)
        if end <= start:
            return Resolution("range", "", "none", f"{MONTH_NAMES[expr.month]} {first} to "
                              f"{MONTH_NAMES[expr.end_month]} {last} is not a range of months")
        return Resolution("range", f"{first}-{expr.month:02d}", "month", f"a range of months; {how}",
                          f"{last}-{expr.end_month:02d}")
    start, end = safe_date(first, expr.month, expr.day), safe_date(last, expr.end_month, expr.end_day)
    if start is None or end is None:
        bad = (expr.day, expr.month, first) if start is None else (expr.end_day, expr.end_month, last)
        return Resolution("range", "", "none", f"no such date: {day_month(bad[0], bad[1])} {bad[2]}")
    if end <= start:
        return Resolution("range", "", "none", f"{start} to {end} is not a range of days")
    note = f"a range of days; {how}"
    if expr.month2 is not None and expr.month2 != expr.end_month:
        note += (f"; CHECK: the paired month names disagree ({MONTH_NAMES[expr.end_month]} / "
                 f"{MONTH_NAMES[expr.month2]}); used the first")
    return Resolution("range", start.isoformat(), "day", note, end.isoformat())
