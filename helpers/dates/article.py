"""An article's dates as a whole: its reference date, a weekday that contradicts it, and mentions that lean
on the ones before them.

**The reference date** (:func:`reference_for_article`), in this order:

1. ``metadata``: the ``published`` date from ``metadata.csv``;
2. ``text``: otherwise a *dateline-like* full date (day, month and year all known from the text alone),
   the first in reading order that is

   * in the first lines: the title, dek and byline, up to and including the first body paragraph;
   * or tied to ``اليوم`` (``اليوم الخميس 20 شباط 2020``), or marked ``الجاري``;
   * or written with a weekday that agrees with it (``الأربعاء 5 حزيران 2019``).

   Any other full date is usually an earlier event (``the truce announced on 9 January 2020 did not
   hold``) and never becomes the reference;
3. ``none``: otherwise there is none, and every mention that needs one stays unresolved, its note
   saying why. Today's date is never used.

**A contradicting weekday** (:func:`article_contradiction`): when the text says ``اليوم الأربعاء`` and
the reference is a Thursday (or ``أمس الاثنين`` and the day before the reference is not a Monday), the
reference is in doubt: every mention of that article counted from it (relative words, weekdays,
``منذ``/``قبل`` + a count, a day of ``الشهر الجاري``) is left unresolved with the contradiction in its
note, and the article is flagged (``flag`` = ``weekday_contradiction`` in ``reference_dates.csv``). No
day is shifted silently.

**The same month** (:func:`resolve_article`): ``13 من نفس الشهر`` takes the month (and year) of the last
date mentioned before it in the article, in reading order.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from ..matching import normalize_for_matching
from .expression import DateExpression
from .lexicons import date_lexicon
from .resolve import weekday_contradiction, resolve_expression
from .rules import WEEKDAY_NAMES, Resolution

NO_REFERENCE = ("the article has no published date in its metadata and no dateline-like date in its text "
                "(no full date in its first lines, none tied to اليوم or الجاري or to a weekday that agrees)")
CONTRADICTION_FLAG = "weekday_contradiction"
HEAD_ROLE = "body"          # the head ends with the first line of this role
GAP_PUNCTUATION = " \t\u00A0\u060C,:\u061B;()[]-\u2013\u2014/"  # what may stand between اليوم and its date
FULL_DATE_BRANCHES = ("absolute", "numeric", "year_first", "hijri")

Line = tuple[int, str, str, Sequence[DateExpression]]   # (para_id, role, text, expressions)


@dataclass(frozen=True)
class ArticleReference:
    """An article's reference date, how it was found (``basis``, ``detail``), and its ``flag``."""

    reference: dt.date | None
    basis: str      # metadata, text or none
    detail: str
    flag: str = ""  # "" or weekday_contradiction


def head_length(roles: Sequence[str]) -> int:
    """Return how many leading lines form the article's head: up to and including the first body line.

    Examples
    --------
    >>> head_length(["title", "byline", "body", "body"]), head_length(["title", "dek"])
    (3, 2)
    """
    for i, role in enumerate(roles):
        if role == HEAD_ROLE:
            return i + 1
    return len(roles)


def full_date(expr: DateExpression, year_range=None) -> dt.date | None:
    """Return the day ``expr`` names from the text alone (no reference date), or None.

    A day, month and year all written, or a day and month whose stated weekday fixes the year within
    the analyst's ``year_range``.
    """
    if expr.branch not in FULL_DATE_BRANCHES or expr.day is None:
        return None
    res = resolve_expression(expr, None, "", year_range)
    return dt.date.fromisoformat(res.value) if res.precision == "day" else None


def _tied_to_today(text: str, previous: DateExpression | None, expr: DateExpression) -> bool:
    """``اليوم [الخميس][،] 20 شباط 2020``: the date right after ``اليوم`` (only punctuation or الموافق between)."""
    if previous is None or previous.branch != "relative" or previous.relative[1:] != ("day", 0):
        return False
    gap = normalize_for_matching(text[previous.end:expr.start]).strip(GAP_PUNCTUATION)
    return gap == "" or gap in date_lexicon().words["agreeing"]


def _why_dateline(line_index: int, head: int, role: str, text: str, previous, expr: DateExpression,
                  date: dt.date) -> str:
    """Why ``expr`` is dateline-like, or ``""`` when it is not."""
    if line_index < head:
        return f"in the first lines: the {role}"
    if _tied_to_today(text, previous, expr):
        return "tied to اليوم"
    if expr.direction == 0:
        return "marked الجاري"
    if expr.weekday is not None and expr.year is not None and date.weekday() == expr.weekday:
        return f"its stated {WEEKDAY_NAMES[expr.weekday]} agrees"
    return ""


def dateline_dates(lines: Sequence[Line], year_range=None) -> tuple[list, list]:
    """Return the article's full dates as two lists of ``(date, surface, para_id, why)``, in reading order.

    The first list holds the dateline-like ones (``why`` says which rule made them so), the second the
    others (``why`` empty).
    """
    head = head_length([role for _, role, _, _ in lines])
    qualified, others = [], []
    for index, (para_id, role, text, exprs) in enumerate(lines):
        previous = None
        for expr in exprs:
            date = full_date(expr, year_range)
            if date is not None:
                why = _why_dateline(index, head, role, text, previous, expr, date)
                (qualified if why else others).append((date, expr.surface, para_id, why))
            previous = expr
    return qualified, others


def article_contradiction(exprs: Sequence[DateExpression], reference: dt.date | None) -> str:
    """Return the first ``CHECK:`` note of a weekday the reference contradicts, or ``""``."""
    for expr in exprs:
        note = weekday_contradiction(expr, reference)
        if note:
            return note
    return ""


def reference_for_article(lines: Sequence[Line], published: str = "", year_range=None) -> ArticleReference:
    """Return the reference date of one article (see the module docstring).

    Parameters
    ----------
    lines
        The article's counted lines in reading order: ``(para_id, role, clean text, expressions)``.
    published
        The ``published`` date from ``metadata.csv`` (``YYYY-MM-DD``), or ``""``.
    year_range
        As in :func:`helpers.dates.date_mentions`: lets a weekday fix the year of a day and month.

    Examples
    --------
    >>> from helpers.dates.patterns import parse_date_expressions as p
    >>> body = ["أمس قال المتحدث إن الهدنة المعلنة في 9 كانون الثاني 2020 لم تصمد"]
    >>> lines = [(1, "title", "الهدنة لم تصمد", []), (2, "body", "قصف على المدينة", []),
    ...          (3, "body", body[0], p(body[0]))]
    >>> reference_for_article(lines).basis
    'none'
    >>> lines[0] = (1, "title", "دمشق، 20 شباط 2020", p("دمشق، 20 شباط 2020"))
    >>> reference_for_article(lines).reference
    datetime.date(2020, 2, 20)
    """
    exprs = [e for *_, line_exprs in lines for e in line_exprs]
    qualified, others = dateline_dates(lines, year_range)
    if published:
        reference = dt.date.fromisoformat(published)
        basis, detail = "metadata", "published date in metadata.csv"
        if qualified:
            date, surface, para_id, why = qualified[0]
            agree = "agrees" if date == reference else "differs: CHECK"
            detail += f'; the dateline-like date in the text {date} "{surface}" (paragraph {para_id}, {why}) {agree}'
    elif qualified:
        date, surface, para_id, why = qualified[0]
        reference, basis = date, "text"
        detail = f'no published date; the dateline-like date "{surface}" (paragraph {para_id}, {why})'
    else:
        reference, basis, detail = None, "none", NO_REFERENCE
        if others:
            date, surface, para_id, _ = others[0]
            detail += (f'; the full date "{surface}" (paragraph {para_id}) is not dateline-like: it may be an '
                       "earlier event")
    contradiction = article_contradiction(exprs, reference)
    if contradiction:
        detail += f"; {contradiction}: relative dates left unresolved"
    return ArticleReference(reference, basis, detail, CONTRADICTION_FLAG if contradiction else "")


def counts_from_reference(expr: DateExpression, res: Resolution) -> bool:
    """Whether ``res`` was counted from the reference date (a relative word, a weekday, ``منذ يومين``...)."""
    if expr.branch in ("relative", "weekday"):
        return True
    if expr.branch == "duration":
        return res.kind == "relative"
    return expr.branch == "day_of_month" and not expr.same_month


def _month_of(expr: DateExpression, res: Resolution) -> tuple[int | None, int, str] | None:
    """``(year, month, surface)`` a later ``نفس الشهر`` would take from this mention, or None."""
    value = res.value_end or res.value
    if value and res.precision in ("day", "month"):
        return int(value[:4]), int(value[5:7]), expr.surface
    month = expr.end_month or expr.month
    if not value and month is not None and expr.calendar == "gregorian":
        return None, month, expr.surface
    return None


def resolve_article(exprs: Sequence[DateExpression], reference: dt.date | None = None, basis: str = "",
                    year_range=None) -> list[Resolution]:
    """Resolve an article's expressions in reading order; return one :class:`Resolution` each.

    On top of :func:`helpers.dates.resolve.resolve_expression`: ``نفس الشهر`` takes the month of the
    last date before it, and a weekday that contradicts the reference leaves every mention counted
    from the reference unresolved, the contradiction in its note.

    Examples
    --------
    >>> from helpers.dates.patterns import parse_date_expressions as p
    >>> text = "أعلن في 20 من كانون الثاني الماضي الهدنة، وفي 13 من نفس الشهر التقى الوفدان"
    >>> [r.value for r in resolve_article(p(text), dt.date(2020, 2, 20))]
    ['2020-01-20', '2020-01-13']
    >>> [r.value for r in resolve_article(p("أعلن اليوم الأربعاء أنه التقى الوفد أمس"), dt.date(2020, 2, 20))]
    ['', '']
    """
    contradiction = article_contradiction(exprs, reference)
    last_month = None
    out = []
    for expr in exprs:
        res = resolve_expression(expr, reference, basis, year_range, last_month)
        if contradiction and res.value and counts_from_reference(expr, res):
            res = Resolution(res.kind, "", "none", f"the reference date is in doubt: {contradiction}; not resolved")
        elif contradiction and not res.value and res.note.startswith("CHECK:"):
            res = res._replace(note=res.note + "; this article's relative dates are left unresolved")
        out.append(res)
        last_month = _month_of(expr, res) or last_month
    return out
