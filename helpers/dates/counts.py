"""Resolve a count of time units: ``قبل يومين``, ``منذ ثلاثة أشهر``, ``بعد أسبوعين``, ``خلال أسبوعين``.

* ``قبل`` + a count ("ago") is a point: the reference minus the count.
* ``منذ`` + a count is a point after a one-off past verb (``أعلنت الوزارة منذ يومين`` = two days
  before the reference), and a span up to the reference otherwise (``تشهد المنطقة هدوءاً منذ ثلاثة
  أشهر``, ``القصف مستمر منذ يومين``, or no verb at all).
* ``بعد`` + a count is a point after a future cue (``ستنسحب القوات بعد يومين`` = two days after the
  reference), and otherwise counts from another event (no value).
* Followed by ``من`` / ``على`` (``قبل يومين من الانتخابات``) the count starts from another event: no value.
* The value's precision is the unit's: hours, days and weeks give a day (weeks and hours are
  approximate), months a month, years a year. ``نحو`` ("about") keeps the count; ``أكثر من`` /
  ``أقل من`` make it a bound, and a bound is not a date.
* ``خلال`` / ``لمدة`` + a count is a duration: no date.
"""
from __future__ import annotations

import datetime as dt

from .expression import DateExpression
from .rules import Resolution, add_months, no_reference

UNIT_DAYS = {"hour": 0, "day": 1, "week": 7}
BOUNDS = {1: "more than", -1: "less than"}


def _amount(expr: DateExpression) -> str:
    return f"{expr.count} {expr.unit}(s)" if expr.count is not None else f"several {expr.unit}s"


def _point(expr: DateExpression, reference: dt.date | None, basis: str, sign: int, why: str) -> Resolution:
    """The reference moved by the count, ``sign`` -1 (back) or +1 (forward)."""
    if expr.count is None:
        return Resolution("relative", "", "none", f"an unknown number of {expr.unit}s: no single date ({why})")
    if expr.approx in BOUNDS:
        return Resolution("relative", "", "none", f"{BOUNDS[expr.approx]} {_amount(expr)}: a bound, not a date "
                          f"({why})")
    if reference is None:
        return Resolution("relative", "", "none", f"{_amount(expr)} {'before' if sign < 0 else 'after'} a "
                          f"reference date ({why}); {no_reference(basis)}")
    how = f"{_amount(expr)} {'before' if sign < 0 else 'after'} the reference {reference} ({why})"
    if expr.approx == 0:
        how += "; about"
    if expr.unit in UNIT_DAYS:
        date = reference + dt.timedelta(days=sign * UNIT_DAYS[expr.unit] * expr.count)
        return Resolution("relative", date.isoformat(), "day", how + ("" if expr.unit == "day" else "; approximate"))
    if expr.unit == "month":
        year, month = add_months(reference.year, reference.month, sign * expr.count)
        return Resolution("relative", f"{year}-{month:02d}", "month", how)
    return Resolution("relative", str(reference.year + sign * expr.count), "year", how)


def resolve_count(expr: DateExpression, reference: dt.date | None = None, basis: str = "") -> Resolution:
    """Resolve a ``duration``-branch expression (a count of units, with or without a cue).

    Examples
    --------
    >>> from helpers.dates.patterns import parse_date_expressions
    >>> [resolve_count(e, dt.date(2020, 2, 20)).value for t in ("أعلنت الوزارة منذ يومين", "القصف مستمر منذ يومين",
    ...  "قال قبل ثلاثة أشهر", "ستنسحب القوات بعد يومين", "قبل يومين من الانتخابات")
    ...  for e in parse_date_expressions(t)]
    ['2020-02-18', '', '2019-11', '2020-02-22', '']
    """
    cue_form = expr.extra.get("cue_form") or ""
    if expr.from_event and expr.cue in ("ago_cue", "after_cue"):
        return Resolution("duration", "", "none", f"{_amount(expr)} counted from another event ({cue_form} ... "
                          "من/على): not from the article's date")
    if expr.cue == "ago_cue":
        return _point(expr, reference, basis, -1, f"{cue_form}: ago")
    if expr.cue == "since_cue" and expr.aspect == "punctual":
        return _point(expr, reference, basis, -1, f"{cue_form} after the one-off past verb {expr.aspect_cue}")
    if expr.cue == "after_cue" and expr.tense == "future":
        return _point(expr, reference, basis, 1, f"{cue_form} after the future cue {expr.tense_cue}")
    if expr.cue == "since_cue":
        why = f"; the state or ongoing cue {expr.aspect_cue}" if expr.aspect == "ongoing" else \
            "; no one-off past verb in the clause"
        return Resolution("duration", "", "none", f"a span of {_amount(expr)} up to the reference ({cue_form}), "
                          f"not a date{why}")
    if expr.cue == "after_cue":
        return Resolution("duration", "", "none", f"{_amount(expr)} after another event ({cue_form} without a "
                          "future cue), not a date")
    return Resolution("duration", "", "none", f"a span of {_amount(expr)}, not a date")
