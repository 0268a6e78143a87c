"""What one date expression says, before resolution: :class:`DateExpression` and :func:`read_match`.

:func:`read_match` turns a match of the date regular expression (:func:`helpers.dates.patterns.date_regex`)
into a :class:`DateExpression`: the day, month and year as written, a stated weekday, a direction
(``الماضي`` / ``الجاري`` / ``المقبل``), a relative phrase, a count and its unit, the two ends of a range.
The words of the clause around it (tense and aspect cues) are added by :mod:`helpers.dates.context`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .lexicons import date_lexicon

AL = "\u0627\u0644"  # ال

BRANCH_KINDS = {"hijri": "absolute", "range": "range", "absolute": "absolute", "day_of_month": "absolute",
                "numeric": "absolute", "year_first": "absolute", "month_year": "month", "hijri_year": "year",
                "year": "year", "relative": "relative", "weekday": "weekday", "month": "month", "holiday": "absolute",
                "duration": "duration"}
COUNT_CUES = ("duration_cue", "since_cue", "after_cue", "ago_cue")


@dataclass
class DateExpression:
    """What one date expression says, before it is resolved against a reference date.

    ``start``/``end`` are offsets into the clean text. A range keeps its first end in ``day``, ``month``,
    ``year`` and its last in ``end_day``, ``end_month``, ``end_year``. ``tense`` (``future`` / ``past``
    / None) and ``aspect`` (``punctual`` / ``ongoing`` / None) come from the words of the clause, with
    the word that decided them in ``tense_cue`` / ``aspect_cue``.
    """

    start: int
    end: int
    surface: str
    branch: str
    kind: str
    day: int | None = None
    month: int | None = None
    month2: int | None = None
    year: int | None = None
    calendar: str = "gregorian"
    weekday: int | None = None        # Python numbering: 0 = Monday
    direction: int | None = None      # -1 past, 0 current, +1 next
    day_part: str | None = None
    relative: tuple[str, str, int] | None = None  # (relative_id, unit, offset)
    holiday: tuple[str, str, int, int] | None = None
    count: int | None = None
    unit: str | None = None
    cue: str | None = None            # duration_cue, since_cue, after_cue or ago_cue
    approx: int | None = None         # 0 'about', 1 'more than', -1 'less than'
    from_event: bool = False          # قبل يومين من ...: counted from another event
    end_day: int | None = None
    end_month: int | None = None
    end_year: int | None = None
    same_month: bool = False          # من نفس الشهر: the month of the last date before it
    year_part: str | None = None      # نهاية، مطلع ... before a year
    tense: str | None = None
    tense_cue: str = ""
    aspect: str | None = None
    aspect_cue: str = ""
    extra: dict = field(default_factory=dict)


def _group(m: re.Match, name: str) -> str | None:
    value = m.group(name)
    return " ".join(value.split()) if value is not None else None


def _lam_restore(form: str) -> str:
    """``ليوم`` (after the clitic ``ل``) -> ``اليوم`` for look-up."""
    return form if form.startswith(AL) else "\u0627" + form


def _lookup(table: dict, form: str | None):
    if form is None:
        return None
    return table[form] if form in table else table.get(_lam_restore(form))


def _day(m: re.Match, prefix: str) -> int | None:
    """The day of a ``dayx`` group: digits (``5``, ``الـ5``) or an ordinal word (``الخامس``)."""
    digits = m.group(f"{prefix}_day")
    if digits is not None:
        return int(digits)
    word = _group(m, f"{prefix}_ord")
    return date_lexicon().ordinals[word] if word is not None else None


def read_match(m: re.Match, branch: str, expr: DateExpression) -> DateExpression:
    """Fill ``expr`` from the named groups of ``m``, a match of ``branch``; return it."""
    lx = date_lexicon()
    words = lx.words

    def word_value(role, form):
        if form is None:
            return None
        word_id = words[role].get(form)
        return lx.word_values.get(word_id) if word_id else None

    def num(name):
        value = m.group(name)
        return int(value) if value is not None else None

    def month(name):
        form = _group(m, name)
        return lx.months[form] if form is not None else None

    if branch == "hijri":
        expr.calendar = "hijri"
        expr.day, expr.month, expr.year = num("hijri_day"), lx.hijri_months[_group(m, "hijri_m")], num("hijri_y")
        expr.kind = "absolute" if expr.day else "month"
    elif branch == "range":
        _read_range(m, expr, month, num, word_value)
    elif branch == "absolute":
        expr.day, expr.month, expr.year = _day(m, "absolute"), month("absolute_m1"), num("absolute_year")
        expr.month2 = month("absolute_m2")
        expr.weekday = _lookup(lx.weekdays, _group(m, "absolute_wd"))
        expr.direction = word_value("direction", _group(m, "absolute_dir"))
        expr.day_part = _group(m, "absolute_part")
    elif branch == "day_of_month":
        expr.day = _day(m, "dom")
        expr.weekday = _lookup(lx.weekdays, _group(m, "dom_wd"))
        expr.day_part = _group(m, "dom_part")
        if m.group("dom_same") is not None:
            expr.same_month = True
        else:
            expr.relative = lx.relatives[_group(m, "dom_rel")]
    elif branch == "numeric":
        expr.day, expr.month, expr.year = num("numeric_d"), num("numeric_m"), num("numeric_y")
    elif branch == "year_first":
        expr.day, expr.month, expr.year = num("yf_d"), num("yf_m"), num("yf_y")
        expr.extra["year_first"] = True
    elif branch == "month_year":
        expr.month, expr.year = month("month_year_m1"), num("month_year_year")
        expr.month2 = month("month_year_m2")
        expr.year_part = _group(m, "month_year_part")
    elif branch == "hijri_year":
        expr.calendar, expr.year = "hijri", num("hijri_year_y")
    elif branch == "year":
        expr.year = num("year_y") or num("year_y2") or num("year_y3") or num("year_y4") or num("year_y5")
        expr.year_part = _group(m, "year_part")
    elif branch == "relative":
        expr.relative = _lookup(lx.relatives, _group(m, "relative_phrase"))
        expr.weekday = _lookup(lx.weekdays, _group(m, "relative_wd"))
        expr.day_part = _group(m, "relative_part")
    elif branch == "weekday":
        expr.weekday = _lookup(lx.weekdays, _group(m, "weekday_wd"))
        expr.direction = word_value("direction", _group(m, "weekday_dir"))
        expr.day_part = _group(m, "weekday_part")
    elif branch == "month":
        for first, second, dname in (("month_a", "month_m2", "month_dir"), ("month_b", "month_b2", "month_bdir"),
                                     ("month_c", None, "month_cdir"), ("month_e", "month_e_m2", "month_edir"),
                                     ("month_f", None, None), ("month_d", None, None)):
            if m.group(first) is not None:
                expr.month = month(first)
                expr.month2 = month(second) if second else None
                expr.direction = word_value("direction", _group(m, dname)) if dname else None
                expr.year_part = _group(m, "month_part") if first == "month_e" else None
                break
    elif branch == "holiday":
        expr.holiday = _lookup(lx.holidays, _group(m, "holiday_name"))
    elif branch == "duration":
        _read_duration(m, expr, word_value)
    return expr


def _read_range(m: re.Match, expr: DateExpression, month, num, word_value) -> None:
    """Days (``بين 5 و7 شباط``, ``5-7 شباط``), years (``بين 2018 و2020``) or months of a range."""
    if m.group("rga_m") is not None:          # بين 5 [شباط] و7 آذار [2020]
        expr.day, expr.end_day = _day(m, "rga"), _day(m, "rgb")
        expr.end_month = month("rga_m")
        expr.month = month("rga_m1") or expr.end_month
        expr.end_year, expr.year = num("rga_year"), num("rga_y1")
        expr.month2 = month("rga_m2")
        expr.direction = word_value("direction", _group(m, "rga_dir"))
    elif m.group("rgd_m") is not None:        # 5-7 شباط
        expr.day, expr.end_day = int(m.group("rgd_a")), int(m.group("rgd_b"))
        expr.month = expr.end_month = month("rgd_m")
        expr.end_year = num("rgd_year")
        expr.month2 = month("rgd_m2")
        expr.direction = word_value("direction", _group(m, "rgd_dir"))
    elif m.group("rgm_a") is not None:        # من كانون الثاني إلى آذار 2020
        expr.month, expr.end_month = month("rgm_a"), month("rgm_b")
        expr.year, expr.end_year = num("rgm_ya"), num("rgm_yb")
    else:                                     # بين 2018 و2020, 2019-2020
        expr.year = num("rgy_a") or num("rgz_a")
        expr.end_year = num("rgy_b") or num("rgz_b")
    if expr.year is None and expr.end_year is not None and expr.month is not None:
        expr.year = expr.end_year - 1 if expr.month > (expr.end_month or expr.month) else expr.end_year


def _read_duration(m: re.Match, expr: DateExpression, word_value) -> None:
    lx = date_lexicon()
    cue = _group(m, "duration_cue") or _group(m, "duration_cue2")
    if cue is not None:
        expr.cue = next(role for role in COUNT_CUES if cue in lx.words[role])
    expr.extra["cue_form"] = cue
    approx = _group(m, "duration_approx") or _group(m, "duration_approx2")
    if approx is not None:
        expr.approx = word_value("approximator", approx)
        expr.extra["approx_form"] = approx
    unit_form = _group(m, "duration_unit") or _group(m, "duration_dual") or _group(m, "duration_plural") \
        or _group(m, "duration_single")
    expr.unit, grammar, _ = lx.units[unit_form]
    n = _group(m, "duration_n")
    if grammar == "dual":
        expr.count = 2
    elif n is not None:
        expr.count = int(n) if n.isdigit() else word_value("count_word", n)
    elif grammar == "singular":
        expr.count = 1
    expr.extra["unit_form"] = grammar
    if expr.cue == "ago_cue":
        expr.kind = "relative"
