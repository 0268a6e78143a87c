"""Calendar rules shared by the resolvers: weekdays around a date, the year of a day and month, months.

:class:`Resolution` is what every resolver returns: ``(kind, value, precision, note, value_end)``.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

YEAR_WINDOW = 6
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = tuple(calendar.month_name)
PRECISIONS = ("day", "month", "year", "none")


class Resolution(NamedTuple):
    """The outcome of resolving one expression (``value_end``: the last day, month or year of a range)."""

    kind: str
    value: str
    precision: str
    note: str
    value_end: str = ""


def weekday_on_or_before(reference: dt.date, weekday: int, strict: bool = False) -> dt.date:
    """Return the most recent ``weekday`` (0 = Monday) on or before ``reference`` (before, if ``strict``).

    Examples
    --------
    >>> weekday_on_or_before(dt.date(2019, 6, 5), 0)   # Monday before Wednesday 5 June 2019
    datetime.date(2019, 6, 3)
    >>> weekday_on_or_before(dt.date(2020, 2, 20), 3), weekday_on_or_before(dt.date(2020, 2, 20), 3, strict=True)
    (datetime.date(2020, 2, 20), datetime.date(2020, 2, 13))
    """
    back = (reference.weekday() - weekday) % 7
    if strict and back == 0:
        back = 7
    return reference - dt.timedelta(days=back)


def weekday_on_or_after(reference: dt.date, weekday: int, strict: bool = False) -> dt.date:
    """Return the next ``weekday`` (0 = Monday) on or after ``reference`` (after, if ``strict``).

    Examples
    --------
    >>> weekday_on_or_after(dt.date(2020, 2, 11), 0)
    datetime.date(2020, 2, 17)
    """
    ahead = (weekday - reference.weekday()) % 7
    if strict and ahead == 0:
        ahead = 7
    return reference + dt.timedelta(days=ahead)


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """Return the date, or None when there is no such day (``31 June``, ``29 February 2019``)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def day_month(day: int, month: int) -> str:
    """Return ``'5 June'`` for notes."""
    return f"{day} {MONTH_NAMES[month]}"


def infer_year(day: int, month: int, weekday: int, reference: dt.date | None = None,
               year_range: tuple[int, int] | None = None) -> tuple[int | None, str]:
    """Return the year in which ``day month`` falls on ``weekday``, and a note saying how it was chosen.

    Candidates are the years of ``year_range`` (inclusive), by default :data:`YEAR_WINDOW` years either
    side of ``reference``. With a reference, the candidate nearest it wins; without one, a single
    candidate is needed.

    Examples
    --------
    >>> infer_year(17, 2, 0, dt.date(2020, 2, 17))[0]      # الإثنين 17 فبراير: 17 Feb is a Monday in 2020
    2020
    >>> infer_year(17, 2, 0, None, (2016, 2022))[0]
    2020
    >>> infer_year(17, 2, 0)
    (None, 'no year in the text, no reference date and no year_range to infer it from the weekday')
    """
    if year_range is None and reference is None:
        return None, "no year in the text, no reference date and no year_range to infer it from the weekday"
    lo, hi = year_range if year_range is not None else (reference.year - YEAR_WINDOW, reference.year + YEAR_WINDOW)
    what = f"{day_month(day, month)} is a {WEEKDAY_NAMES[weekday]}"
    candidates = [y for y in range(lo, hi + 1) if (d := safe_date(y, month, day)) and d.weekday() == weekday]
    if not candidates:
        return None, f"no year in {lo}-{hi} in which {what}"
    if reference is not None:
        year = min(candidates, key=lambda y: (abs((dt.date(y, month, day) - reference).days), y))
        return year, f"year {year}: the year nearest the reference {reference} in which {what}"
    if len(candidates) == 1:
        return candidates[0], f"year {candidates[0]}: the only year in {lo}-{hi} in which {what}"
    return None, f"{what} in several years of {lo}-{hi} ({', '.join(map(str, candidates))}): narrow year_range"


def year_from_reference(day: int | None, month: int, direction: int | None, reference: dt.date,
                        tense: str | None = None, cue: str = "") -> tuple[int, str]:
    """Return the year of ``day month`` (``day`` None: the month) written without one, and a note.

    ``direction`` (``الماضي`` -1, ``الجاري`` 0, ``المقبل`` +1) wins; otherwise ``tense`` (``future``: the
    next occurrence on or after ``reference``; ``past``: the last one on or before it, ``cue`` naming
    the word that said so); otherwise the reference year.

    Examples
    --------
    >>> year_from_reference(15, 3, None, dt.date(2021, 10, 12), "future", "ستجرى")[0]
    2022
    >>> year_from_reference(25, 10, None, dt.date(2021, 10, 12), "past", "أعلنت")[0]
    2020
    >>> year_from_reference(25, 10, None, dt.date(2021, 10, 12))[0]
    2021
    """
    key, ref_key = (month, day or 1), (reference.month, reference.day if day else 1)
    if direction == -1:
        year = reference.year if key < ref_key else reference.year - 1
        return year, f"year {year}: the previous occurrence before the reference {reference} (الماضي)"
    if direction == 1:
        year = reference.year if key > ref_key else reference.year + 1
        return year, f"year {year}: the next occurrence after the reference {reference} (المقبل)"
    if direction == 0:
        note = f"year {reference.year}: the reference year (الجاري, reference {reference})"
        if month != reference.month:
            note += f"; CHECK: الجاري names {MONTH_NAMES[month]} but the reference month is {MONTH_NAMES[reference.month]}"
        return reference.year, note
    if tense == "future":
        year = reference.year if key >= ref_key else reference.year + 1
        return year, f"year {year}: the next occurrence on or after the reference {reference} (future cue {cue})"
    if tense == "past":
        year = reference.year if key <= ref_key else reference.year - 1
        return year, f"year {year}: the last occurrence on or before the reference {reference} (past cue {cue})"
    return reference.year, f"year {reference.year}: not stated, taken from the reference {reference}"


def no_reference(basis: str) -> str:
    """Return the note part saying there is no reference date, and why (``basis``)."""
    return "no reference date" + (f": {basis}" if basis else "")


def check_weekday(date: dt.date, weekday: int | None) -> str:
    """Return the note part saying whether a stated ``weekday`` fits ``date`` (``CHECK:`` when not)."""
    if weekday is None:
        return ""
    if date.weekday() == weekday:
        return f"; the stated {WEEKDAY_NAMES[weekday]} agrees"
    return (f"; CHECK: the text says {WEEKDAY_NAMES[weekday]} but {date} is a {WEEKDAY_NAMES[date.weekday()]}; "
            "kept the date")


def add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    """Return ``(year, month)`` ``offset`` months after ``year``-``month`` (before, if negative).

    Examples
    --------
    >>> add_months(2020, 2, -3), add_months(2019, 12, 1)
    ((2019, 11), (2020, 1))
    """
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1
