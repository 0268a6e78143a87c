"""Resolve a date expression to a calendar value, against the article's own reference date.

Every resolution is a :class:`Resolution` ``(kind, value, precision, note)``: ``value`` is an ISO date
(precision ``day``), ``YYYY-MM`` (``month``), ``YYYY`` (``year``) or empty (``none``). The note says how
the value was obtained, or why there is none. A note starting with ``CHECK:`` flags something the
text contradicts (a stated weekday that does not fit the date, paired month names that disagree).

Rules (the reference date is never today's date; see :func:`helpers.dates.reference_dates`):

* A full date (day, month, year) is taken as written; a stated weekday is checked against it.
* A day and month without a year: with a stated weekday, the year in which that day is that weekday,
  nearest the reference date (searched within ``year_range``, by default :data:`YEAR_WINDOW` years
  either side of the reference); with ``الجاري`` the reference year, with ``الماضي`` / ``المقبل``
  the previous / next occurrence, and otherwise the reference year. A stated weekday is then
  checked.
* A month without a year: the same, at month precision.
* A bare weekday: the most recent such day on or before the reference date; with ``الماضي``
  strictly before, with ``المقبل`` strictly after.
* ``اليوم`` / ``أمس`` / ``غدا``: the reference date plus the offset. A weekday stated with it wins
  (``اليوم الخميس`` in an article dated on a Friday is the Thursday before), flagged ``CHECK:``.
* ``الشهر الجاري`` / ``العام الماضي``: the reference month / year plus the offset. A week
  (``الأسبوع الماضي``) or a vague span (``الأيام القليلة الماضية``) has no single date: no value, the
  note gives the ISO week or says why.
* ``قبل يومين`` (N units ago): the reference date minus N units (a week is 7 days).
* A holiday (``عيد الفطر``): its occurrence nearest the reference date (Hijri feasts converted with
  the Umm al-Qura calendar of ``hijridate``).
* A duration (``خلال أسبوعين``) has no date value.
* Without a reference date, everything that needs one stays unresolved and the note says why.
"""
from __future__ import annotations

import calendar
import datetime as dt
from typing import NamedTuple

from .patterns import DateExpression

YEAR_WINDOW = 6
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTH_NAMES = tuple(calendar.month_name)
PRECISIONS = ("day", "month", "year", "none")
SINCE = "\u0645\u0646\u0630"  # منذ


class Resolution(NamedTuple):
    """The outcome of resolving one expression."""

    kind: str
    value: str
    precision: str
    note: str


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


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _day_month(day: int, month: int) -> str:
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
    what = f"{_day_month(day, month)} is a {WEEKDAY_NAMES[weekday]}"
    candidates = [y for y in range(lo, hi + 1) if (d := _safe_date(y, month, day)) and d.weekday() == weekday]
    if not candidates:
        return None, f"no year in {lo}-{hi} in which {what}"
    if reference is not None:
        year = min(candidates, key=lambda y: (abs((dt.date(y, month, day) - reference).days), y))
        return year, f"year {year}: the year nearest the reference {reference} in which {what}"
    if len(candidates) == 1:
        return candidates[0], f"year {candidates[0]}: the only year in {lo}-{hi} in which {what}"
    return None, f"{what} in several years of {lo}-{hi} ({', '.join(map(str, candidates))}): narrow year_range"


def _year_from_reference(day: int | None, month: int, direction: int | None, reference: dt.date) -> tuple[int, str]:
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
    return reference.year, f"year {reference.year}: not stated, taken from the reference {reference}"


def _no_reference(basis: str) -> str:
    return "no reference date" + (f": {basis}" if basis else "")


def _check_weekday(date: dt.date, weekday: int | None) -> str:
    if weekday is None:
        return ""
    if date.weekday() == weekday:
        return f"; the stated {WEEKDAY_NAMES[weekday]} agrees"
    return (f"; CHECK: the text says {WEEKDAY_NAMES[weekday]} but {date} is a {WEEKDAY_NAMES[date.weekday()]}; "
            "kept the date")


def _paired(expr: DateExpression) -> str:
    if expr.month2 is not None and expr.month2 != expr.month:
        return (f"; CHECK: the paired month names disagree ({MONTH_NAMES[expr.month]} / {MONTH_NAMES[expr.month2]}); "
                "used the first")
    return ""


def _resolve_day_month(expr: DateExpression, reference, basis, year_range) -> Resolution:
    day, month, note = expr.day, expr.month, ""
    if expr.branch == "numeric" and month > 12 and day <= 12:
        day, month = month, day
        note = "; read month first: not a valid day-first date"
    if not 1 <= month <= 12:
        return Resolution("absolute", "", "none", f"no month {month}: not a date")
    if expr.year is not None:
        date = _safe_date(expr.year, month, day)
        if date is None:
            return Resolution("absolute", "", "none", f"no such date: {_day_month(day, month)} {expr.year}")
        how = "as written" + (" (day first)" if expr.branch == "numeric" else "")
        return Resolution("absolute", date.isoformat(), "day", how + note + _paired(expr) + _check_weekday(date, expr.weekday))
    if _safe_date(2000, month, day) is None:  # 2000 is a leap year: 29 February exists
        return Resolution("absolute", "", "none", f"no such date: {_day_month(day, month)}")
    if expr.weekday is not None and (expr.direction is None or reference is None):
        year, how = infer_year(day, month, expr.weekday, reference, year_range)
        if year is None:
            return Resolution("absolute", "", "none", how + _paired(expr))
        return Resolution("absolute", dt.date(year, month, day).isoformat(), "day", how + _paired(expr))
    if reference is None:
        return Resolution("absolute", "", "none", f"no year in the text and {_no_reference(basis)}")
    year, how = _year_from_reference(day, month, expr.direction, reference)
    date = _safe_date(year, month, day)
    if date is None:
        return Resolution("absolute", "", "none", f"no such date: {_day_month(day, month)} {year}")
    return Resolution("absolute", date.isoformat(), "day", how + _paired(expr) + _check_weekday(date, expr.weekday))


def _resolve_month(expr: DateExpression, reference, basis) -> Resolution:
    if expr.year is not None:
        return Resolution("month", f"{expr.year}-{expr.month:02d}", "month", "as written" + _paired(expr))
    if reference is None:
        return Resolution("month", "", "none", f"no year in the text and {_no_reference(basis)}")
    year, how = _year_from_reference(None, expr.month, expr.direction, reference)
    return Resolution("month", f"{year}-{expr.month:02d}", "month", how + _paired(expr))


def _resolve_hijri(expr: DateExpression) -> Resolution:
    from hijridate import Hijri

    kind = "year" if expr.month is None else ("absolute" if expr.day else "month")
    try:
        if expr.month is None:
            start = Hijri(expr.year, 1, 1).to_gregorian()
            end = Hijri(expr.year + 1, 1, 1).to_gregorian() - dt.timedelta(days=1) if expr.year < 1500 else None
            span = f"{start.isoformat()}..{end.isoformat()}" if end else f"from {start.isoformat()}"
            return Resolution(kind, str(start.year), "year",
                              f"Hijri year {expr.year} runs {span}; value is the Gregorian year it starts in")
        if expr.day is None:
            first = Hijri(expr.year, expr.month, 1)
            start = first.to_gregorian()
            end = start + dt.timedelta(days=first.month_length() - 1)
            return Resolution(kind, f"{start.year}-{start.month:02d}", "month",
                              f"Hijri month {expr.month}/{expr.year} runs {start.isoformat()}..{end.isoformat()} "
                              "(Umm al-Qura); value is the Gregorian month it starts in")
        date = Hijri(expr.year, expr.month, expr.day).to_gregorian()
    except (ValueError, OverflowError) as exc:
        return Resolution(kind, "", "none", f"not a convertible Hijri date: {exc}")
    return Resolution(kind, date.isoformat(), "day",
                      f"Hijri {expr.day}/{expr.month}/{expr.year} converted with the Umm al-Qura calendar")


def _resolve_weekday(expr: DateExpression, reference, basis) -> Resolution:
    name = WEEKDAY_NAMES[expr.weekday]
    if reference is None:
        return Resolution("weekday", "", "none", f"a weekday needs a reference date; {_no_reference(basis)}")
    if expr.direction == -1:
        date = weekday_on_or_before(reference, expr.weekday, strict=True)
        how = f"the {name} before the reference {reference} (الماضي: strictly before)"
    elif expr.direction == 1:
        date = weekday_on_or_after(reference, expr.weekday, strict=True)
        how = f"the {name} after the reference {reference} (المقبل)"
    else:
        date = weekday_on_or_before(reference, expr.weekday)
        how = f"the most recent {name} on or before the reference {reference}"
    return Resolution("weekday", date.isoformat(), "day", how)


def _add_months(year: int, month: int, offset: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + offset
    return index // 12, index % 12 + 1


def _resolve_relative(expr: DateExpression, reference, basis) -> Resolution:
    relative_id, unit, offset = expr.relative
    if unit == "vague":
        side = "before" if offset < 0 else "after"
        return Resolution("relative", "", "none", f"a vague span ({relative_id}) {side} the reference: no single date")
    if reference is None:
        return Resolution("relative", "", "none", f"{relative_id} needs a reference date; {_no_reference(basis)}")
    if unit == "day":
        date = reference + dt.timedelta(days=offset)
        how = f"{relative_id}: reference {reference} {offset:+d} day{'s' if abs(offset) != 1 else ''}"
        if expr.weekday is not None and date.weekday() != expr.weekday:
            stated = WEEKDAY_NAMES[expr.weekday]
            fixed = (weekday_on_or_before(date, expr.weekday) if offset <= 0
                     else weekday_on_or_after(date, expr.weekday))
            how += (f"; CHECK: the text says {stated} but {date} is a {WEEKDAY_NAMES[date.weekday()]}: "
                    f"the stated weekday wins, took the {stated} {'on or before' if offset <= 0 else 'on or after'} "
                    f"{date}")
            date = fixed
        elif expr.weekday is not None:
            how += f"; the stated {WEEKDAY_NAMES[expr.weekday]} agrees"
        return Resolution("relative", date.isoformat(), "day", how)
    if unit == "week":
        iso = (reference + dt.timedelta(weeks=offset)).isocalendar()
        return Resolution("relative", "", "none",
                          f"{relative_id}: a week, not a day (ISO week {iso[0]}-W{iso[1]:02d} from reference {reference})")
    if unit == "month":
        year, month = _add_months(reference.year, reference.month, offset)
        return Resolution("relative", f"{year}-{month:02d}", "month", f"{relative_id}: reference month {offset:+d}")
    return Resolution("relative", str(reference.year + offset), "year", f"{relative_id}: reference year {offset:+d}")


def _resolve_ago(expr: DateExpression, reference, basis) -> Resolution:
    if expr.count is None:
        return Resolution("relative", "", "none", f"an unknown number of {expr.unit}s ago: no single date")
    if reference is None:
        return Resolution("relative", "", "none", f"'{expr.count} {expr.unit}(s) ago' needs a reference date; "
                          f"{_no_reference(basis)}")
    how = f"{expr.count} {expr.unit}(s) before the reference {reference}"
    if expr.unit in ("hour", "day", "week"):
        days = {"hour": 0, "day": 1, "week": 7}[expr.unit] * expr.count
        date = reference - dt.timedelta(days=days)
        return Resolution("relative", date.isoformat(), "day", how + ("" if expr.unit == "day" else "; approximate"))
    if expr.unit == "month":
        year, month = _add_months(reference.year, reference.month, -expr.count)
        return Resolution("relative", f"{year}-{month:02d}", "month", how)
    return Resolution("relative", str(reference.year - expr.count), "year", how)


def _resolve_holiday(expr: DateExpression, reference, basis) -> Resolution:
    holiday_id, cal, month, day = expr.holiday
    if reference is None:
        return Resolution("absolute", "", "none", f"{holiday_id}: which year needs a reference date; "
                          f"{_no_reference(basis)}")
    if cal == "hijri":
        from hijridate import Gregorian, Hijri

        base = Gregorian(reference.year, reference.month, reference.day).to_hijri().year
        dates = {Hijri(y, month, day).to_gregorian(): y for y in (base - 1, base, base + 1)}
        date = min(dates, key=lambda d: (abs((d - reference).days), d))
        how = f"{holiday_id} ({day}/{month}/{dates[date]} Hijri, Umm al-Qura) nearest the reference {reference}; " \
              "the day can differ by one by country"
    else:
        dates = [dt.date(y, month, day) for y in (reference.year - 1, reference.year, reference.year + 1)]
        date = min(dates, key=lambda d: (abs((d - reference).days), d))
        how = f"{holiday_id} nearest the reference {reference}"
    return Resolution("absolute", date.isoformat(), "day", how)


def _resolve_duration(expr: DateExpression) -> Resolution:
    amount = f"{expr.count} {expr.unit}(s)" if expr.count is not None else f"several {expr.unit}s"
    if expr.extra.get("cue_form") == SINCE:
        return Resolution("duration", "", "none", f"a span of {amount} up to the reference (منذ), not a date")
    return Resolution("duration", "", "none", f"a span of {amount}, not a date")


def resolve_expression(expr: DateExpression, reference: dt.date | None = None, basis: str = "",
                       year_range: tuple[int, int] | None = None) -> Resolution:
    """Resolve one parsed expression against ``reference`` (the article's date, or None).

    Parameters
    ----------
    expr
        From :func:`helpers.dates.patterns.parse_date_expressions`.
    reference
        The article's reference date; never today's date.
    basis
        Why there is no reference (quoted in the note of what stays unresolved).
    year_range
        ``(first, last)`` years to search when a weekday has to pick the year of a day and month.

    Examples
    --------
    >>> from helpers.dates.patterns import parse_date_expressions
    >>> e = parse_date_expressions("أمس الاثنين")[0]
    >>> resolve_expression(e, dt.date(2020, 2, 11)).value
    '2020-02-10'
    >>> resolve_expression(e, None, "no published date").note
    'yesterday needs a reference date; no reference date: no published date'
    """
    if expr.calendar == "hijri":
        return _resolve_hijri(expr)
    if expr.branch in ("absolute", "numeric", "iso"):
        return _resolve_day_month(expr, reference, basis, year_range)
    if expr.branch in ("month_year", "month"):
        return _resolve_month(expr, reference, basis)
    if expr.branch == "year":
        return Resolution("year", str(expr.year), "year", "as written")
    if expr.branch == "weekday":
        return _resolve_weekday(expr, reference, basis)
    if expr.branch == "relative":
        return _resolve_relative(expr, reference, basis)
    if expr.branch == "holiday":
        return _resolve_holiday(expr, reference, basis)
    if expr.cue == "ago_cue":
        return _resolve_ago(expr, reference, basis)
    return _resolve_duration(expr)
