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
  the previous / next occurrence. Otherwise the tense of the clause decides
  (:mod:`helpers.dates.context`): after a future cue (``ستجرى``, ``من المقرر``) the next occurrence on
  or after the reference, after a past verb (``أعلنت``) the last one on or before it, and with no cue
  the reference year. A stated weekday is then checked.
* A month without a year, and a range of days or months without a year: the same.
* A bare weekday: the most recent such day on or before the reference date, or the next one on or
  after it after a future cue; with ``الماضي`` strictly before, with ``المقبل`` strictly after.
* ``اليوم`` / ``أمس`` / ``غدا``: the reference date plus the offset; a weekday stated with it is
  checked (a contradiction leaves the article's relative dates unresolved: see
  :mod:`helpers.dates.article`).
* ``الشهر الجاري`` / ``العام الماضي``: the reference month / year plus the offset. A week
  (``الأسبوع الماضي``) or a vague span (``الأيام القليلة الماضية``) has no single date: no value, the
  note gives the ISO week or says why. ``الثالث من الشهر الجاري``: that day of the month.
* A range (``بين 5 و7 شباط``, ``بين 2018 و2020``): ``value`` is its first day (month, year),
  ``value_end`` its last, at the same precision.
* A part of a year (``نهاية 2016``, ``مطلع العام 2020``): the year, precision year.
* ``قبل يومين`` (N units ago): the reference minus N units, at the unit's precision (hours and days
  and weeks: day; months: month; years: year). ``منذ`` + a count: the same after a one-off past verb
  (``أعلنت الوزارة منذ يومين``), a span otherwise (``تشهد المنطقة هدوءاً منذ يومين``). ``بعد`` + a
  count after a future cue: the reference plus N units. Followed by ``من``/``على`` (``قبل يومين من
  الانتخابات``) it counts from another event: no value. ``نحو`` keeps the count; ``أكثر من`` /
  ``أقل من`` make it a bound, not a date.
* A holiday (``عيد الفطر``): its occurrence nearest the reference date, or the next / last one after a
  future / past cue (Hijri feasts converted with the Umm al-Qura calendar of ``hijridate``).
* A duration (``خلال أسبوعين``) has no date value.
* Without a reference date, everything that needs one stays unresolved and the note says why.
"""
from __future__ import annotations

import datetime as dt

from .counts import resolve_count
from .expression import DateExpression
from .ranges import resolve_range
from .rules import (MONTH_NAMES, WEEKDAY_NAMES, YEAR_WINDOW, Resolution, add_months, check_weekday, day_month,
                    infer_year, no_reference, safe_date, weekday_on_or_after, weekday_on_or_before,
                    year_from_reference)

__all__ = ["MONTH_NAMES", "WEEKDAY_NAMES", "YEAR_WINDOW", "Resolution", "infer_year", "resolve_expression",
           "weekday_on_or_after", "weekday_on_or_before"]

def _paired(expr: DateExpression) -> str:
    if expr.month2 is not None and expr.month2 != expr.month:
        return (f"; CHECK: the paired month names disagree ({MONTH_NAMES[expr.month]} / {MONTH_NAMES[expr.month2]}); "
                "used the first")
    return ""


def _resolve_day_month(expr: DateExpression, reference, basis, year_range) -> Resolution:
    day, month, note = expr.day, expr.month, ""
    if expr.branch in ("numeric", "year_first") and month > 12 and day <= 12:
        day, month = month, day
        note = "; read month first: not a valid day-first date" if expr.branch == "numeric" else \
            "; read as year, day, month: not a valid year-month-day date"
    if not 1 <= month <= 12:
        return Resolution("absolute", "", "none", f"no month {month}: not a date")
    if expr.year is not None:
        date = safe_date(expr.year, month, day)
        if date is None:
            return Resolution("absolute", "", "none", f"no such date: {day_month(day, month)} {expr.year}")
        how = "as written" + (" (day first)" if expr.branch == "numeric" else
                              " (year first)" if expr.branch == "year_first" else "")
        return Resolution("absolute", date.isoformat(), "day", how + note + _paired(expr) + check_weekday(date, expr.weekday))
    if safe_date(2000, month, day) is None:  # 2000 is a leap year: 29 February exists
        return Resolution("absolute", "", "none", f"no such date: {day_month(day, month)}")
    if expr.weekday is not None and (expr.direction is None or reference is None):
        year, how = infer_year(day, month, expr.weekday, reference, year_range)
        if year is None:
            return Resolution("absolute", "", "none", how + _paired(expr))
        return Resolution("absolute", dt.date(year, month, day).isoformat(), "day", how + _paired(expr))
    if reference is None:
        return Resolution("absolute", "", "none", f"no year in the text and {no_reference(basis)}")
    year, how = year_from_reference(day, month, expr.direction, reference, expr.tense, expr.tense_cue)
    date = safe_date(year, month, day)
    if date is None:
        return Resolution("absolute", "", "none", f"no such date: {day_month(day, month)} {year}")
    return Resolution("absolute", date.isoformat(), "day", how + _paired(expr) + check_weekday(date, expr.weekday))


def _resolve_month(expr: DateExpression, reference, basis) -> Resolution:
    part = f"; {expr.year_part}: part of the month, the value is the month" if expr.year_part else ""
    if expr.year is not None:
        return Resolution("month", f"{expr.year}-{expr.month:02d}", "month", "as written" + _paired(expr) + part)
    if reference is None:
        return Resolution("month", "", "none", f"no year in the text and {no_reference(basis)}")
    year, how = year_from_reference(None, expr.month, expr.direction, reference, expr.tense, expr.tense_cue)
    return Resolution("month", f"{year}-{expr.month:02d}", "month", how + _paired(expr) + part)


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
        return Resolution("weekday", "", "none", f"a weekday needs a reference date; {no_reference(basis)}")
    if expr.direction == -1:
        date = weekday_on_or_before(reference, expr.weekday, strict=True)
        how = f"the {name} before the reference {reference} (الماضي: strictly before)"
    elif expr.direction == 1:
        date = weekday_on_or_after(reference, expr.weekday, strict=True)
        how = f"the {name} after the reference {reference} (المقبل)"
    elif expr.tense == "future":
        date = weekday_on_or_after(reference, expr.weekday)
        how = f"the next {name} on or after the reference {reference} (future cue {expr.tense_cue})"
    else:
        date = weekday_on_or_before(reference, expr.weekday)
        how = f"the most recent {name} on or before the reference {reference}"
        if expr.tense == "past":
            how += f" (past cue {expr.tense_cue})"
    return Resolution("weekday", date.isoformat(), "day", how)


def _resolve_relative(expr: DateExpression, reference, basis) -> Resolution:
    relative_id, unit, offset = expr.relative
    if unit == "vague":
        side = "before" if offset < 0 else "after"
        return Resolution("relative", "", "none", f"a vague span ({relative_id}) {side} the reference: no single date")
    if reference is None:
        return Resolution("relative", "", "none", f"{relative_id} needs a reference date; {no_reference(basis)}")
    if unit == "day":
        date = reference + dt.timedelta(days=offset)
        how = f"{relative_id}: reference {reference} {offset:+d} day{'s' if abs(offset) != 1 else ''}"
        contradiction = weekday_contradiction(expr, reference)
        if contradiction:
            return Resolution("relative", "", "none", contradiction)
        if expr.weekday is not None:
            how += f"; the stated {WEEKDAY_NAMES[expr.weekday]} agrees"
        return Resolution("relative", date.isoformat(), "day", how)
    if unit == "week":
        iso = (reference + dt.timedelta(weeks=offset)).isocalendar()
        return Resolution("relative", "", "none",
                          f"{relative_id}: a week, not a day (ISO week {iso[0]}-W{iso[1]:02d} from reference {reference})")
    if unit == "month":
        year, month = add_months(reference.year, reference.month, offset)
        return Resolution("relative", f"{year}-{month:02d}", "month", f"{relative_id}: reference month {offset:+d}")
    return Resolution("relative", str(reference.year + offset), "year", f"{relative_id}: reference year {offset:+d}")


def weekday_contradiction(expr: DateExpression, reference: dt.date | None) -> str:
    """Return a ``CHECK:`` note when ``expr`` (``اليوم الأربعاء``, ``أمس الاثنين``) names a weekday that the
    reference date contradicts, else ``""``.

    Examples
    --------
    >>> from helpers.dates.patterns import parse_date_expressions
    >>> weekday_contradiction(parse_date_expressions("اليوم الأربعاء")[0], dt.date(2020, 2, 20))
    'CHECK: the text says اليوم الأربعاء (Wednesday) but the reference date 2020-02-20 is a Thursday'
    >>> weekday_contradiction(parse_date_expressions("أمس الجمعة")[0], dt.date(2018, 12, 23))
    'CHECK: the text says أمس الجمعة (Friday) but 2018-12-22, the day before the reference date 2018-12-23, is a Saturday'
    """
    if reference is None or expr.branch != "relative" or expr.weekday is None or expr.relative[1] != "day":
        return ""
    date = reference + dt.timedelta(days=expr.relative[2])
    if date.weekday() == expr.weekday:
        return ""
    days = expr.relative[2]
    when = {0: f"the reference date {reference}", -1: f"{date}, the day before the reference date {reference},",
            1: f"{date}, the day after the reference date {reference},"}.get(
        days, f"{date}, {abs(days)} days {'before' if days < 0 else 'after'} the reference date {reference},")
    return (f"CHECK: the text says {expr.surface} ({WEEKDAY_NAMES[expr.weekday]}) but {when} "
            f"is a {WEEKDAY_NAMES[date.weekday()]}")


def _resolve_day_of_month(expr: DateExpression, reference, basis, last_month) -> Resolution:
    """``الثالث من الشهر الجاري`` (a relative month) or ``13 من نفس الشهر`` (the last month mentioned)."""
    if expr.same_month:
        if last_month is None:
            return Resolution("absolute", "", "none", "'the same month' with no month mentioned before it")
        year, month, surface = last_month
        if year is None:
            return Resolution("absolute", "", "none", f"the same month as \"{surface}\" ({MONTH_NAMES[month]}), "
                              "whose year is not known")
        how = f"the month of \"{surface}\" mentioned before it ({year}-{month:02d})"
    else:
        relative_id, _, offset = expr.relative
        if reference is None:
            return Resolution("absolute", "", "none", f"{relative_id} needs a reference date; {no_reference(basis)}")
        year, month = add_months(reference.year, reference.month, offset)
        how = f"{relative_id}: reference month {offset:+d}"
    date = safe_date(year, month, expr.day)
    if date is None:
        return Resolution("absolute", "", "none", f"no such date: {day_month(expr.day, month)} {year}")
    return Resolution("absolute", date.isoformat(), "day", how + check_weekday(date, expr.weekday))


def _resolve_year(expr: DateExpression) -> Resolution:
    if expr.year_part:
        return Resolution("year", str(expr.year), "year", f"as written; {expr.year_part}: part of the year, "
                          "the value is the year")
    return Resolution("year", str(expr.year), "year", "as written")


def _resolve_holiday(expr: DateExpression, reference, basis) -> Resolution:
    holiday_id, cal, month, day = expr.holiday
    if reference is None:
        return Resolution("absolute", "", "none", f"{holiday_id}: which year needs a reference date; "
                          f"{no_reference(basis)}")
    if cal == "hijri":
        from hijridate import Gregorian, Hijri

        base = Gregorian(reference.year, reference.month, reference.day).to_hijri().year
        dates = {Hijri(y, month, day).to_gregorian(): f" ({day}/{month}/{y} Hijri, Umm al-Qura)"
                 for y in (base - 1, base, base + 1)}
        caveat = "; the day can differ by one by country"
    else:
        dates = {dt.date(y, month, day): "" for y in (reference.year - 1, reference.year, reference.year + 1)}
        caveat = ""
    if expr.tense == "future":
        date = min(d for d in dates if d >= reference)
        how = f"{holiday_id}{dates[date]}: the next one on or after the reference {reference} (future cue {expr.tense_cue})"
    elif expr.tense == "past":
        date = max(d for d in dates if d <= reference)
        how = f"{holiday_id}{dates[date]}: the last one on or before the reference {reference} (past cue {expr.tense_cue})"
    else:
        date = min(dates, key=lambda d: (abs((d - reference).days), d))
        how = f"{holiday_id}{dates[date]} nearest the reference {reference}"
    return Resolution("absolute", date.isoformat(), "day", how + caveat)


def resolve_expression(expr: DateExpression, reference: dt.date | None = None, basis: str = "",
                       year_range: tuple[int, int] | None = None,
                       last_month: tuple[int | None, int, str] | None = None) -> Resolution:
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
    last_month
        ``(year or None, month, surface)`` of the last date mentioned before ``expr`` in its article,
        for ``13 من نفس الشهر`` (see :func:`helpers.dates.article.resolve_article`).

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
    if expr.branch == "range":
        return resolve_range(expr, reference, basis)
    if expr.branch == "day_of_month":
        return _resolve_day_of_month(expr, reference, basis, last_month)
    if expr.branch in ("absolute", "numeric", "year_first"):
        return _resolve_day_month(expr, reference, basis, year_range)
    if expr.branch in ("month_year", "month"):
        return _resolve_month(expr, reference, basis)
    if expr.branch == "year":
        return _resolve_year(expr)
    if expr.branch == "weekday":
        return _resolve_weekday(expr, reference, basis)
    if expr.branch == "relative":
        return _resolve_relative(expr, reference, basis)
    if expr.branch == "holiday":
        return _resolve_holiday(expr, reference, basis)
    return resolve_count(expr, reference, basis)
