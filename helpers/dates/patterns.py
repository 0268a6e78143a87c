"""Find date expressions: one regular expression, built once from the lexicons, run on the matching form.

:func:`date_regex` compiles a single alternation of named branches (tried in this order at each word
start; the first that matches wins, so longer forms come first):

==================  =========================================================  =========
branch              examples                                                   kind
==================  =========================================================  =========
``hijri``           ``5 شوال 1440 هـ``, ``رمضان 1441``                          absolute / month
``range``           ``بين 5 و7 شباط``, ``من 5 إلى 7 شباط``, ``5-7 شباط``,         range
                    ``بين 2018 و2020``, ``من كانون الثاني إلى آذار 2020``
``absolute``        ``الأربعاء 5 حزيران/يونيو 2019``, ``17 فبراير الجاري``,       absolute
                    ``العاشر من شباط``, ``الـ10 من شباط``
``day_of_month``    ``الثالث من الشهر الجاري``, ``13 من نفس الشهر``               absolute
``numeric``         ``5/6/2019`` (day first)                                    absolute
``year_first``      ``2019-06-05``, ``2020/2/20``, ``2020.3.1``                 absolute
``month_year``      ``يونيو 2019``, ``أيلول 2018``                               month
``hijri_year``      ``1440 هـ``                                                  year
``year``            ``عام 2019``, ``2019م``, ``نهاية 2016``, ``مطلع العام 2020``   year
``relative``        ``اليوم``, ``مساء أمس``, ``أمس الاثنين``, ``الشهر الجاري``     relative
``weekday``         ``الأربعاء``, ``مساء الاثنين``, ``يوم السبت الماضي``          weekday
``month``           ``شهر آب``, ``آب الماضي``, ``حزيران (يونيو)``, ``نهاية شباط``,   month
                    ``في نيسان``, ``يونيو``
``holiday``         ``عيد الفطر``                                                absolute
``duration``        ``خلال أسبوعين``, ``3 أيام``, ``قبل يومين``, ``منذ نحو شهرين``  duration / relative
==================  =========================================================  =========

Every branch sits between word boundaries; a clitic ``و ف ب ل ك`` (or ``وب``, ``فل`` ...) may be
attached in front and is left out of the surface. A bare number is never a date (``5 جنود``,
``سو-24``, ``ب13 كم``), nor is a bare four-digit number unless ``عام``/``سنة``/``م``, a part of a year
(``نهاية``) or ``منذ``/``بحلول`` stands next to it, or ``حتى``/``قبل``/``بعد``/``خلال`` stands before it
with nothing but punctuation or a connector (``و``, ``في``) after it. An ordinal day word counts only before a month.

:func:`parse_date_expressions` turns each match into a :class:`~helpers.dates.expression.DateExpression`
(what the text says, before any resolution), with the tense or aspect cue of its clause
(:mod:`helpers.dates.context`) where its value depends on one; offsets are mapped back to the clean
text, so ``text[start:end] == surface``.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import charsets as cs
from ..lexicon import Lexicons
from ..matching import OffsetMap, normalize_for_matching
from .context import clause_cue, follows_event_word
from .expression import AL, BRANCH_KINDS, DateExpression, read_match
from .lexicons import active_lexicons, date_lexicon

BRANCHES = ("hijri", "range", "absolute", "day_of_month", "numeric", "year_first", "month_year", "hijri_year",
            "year", "relative", "weekday", "month", "holiday", "duration")

CLITICS = r"(?:[\u0648\u0641][\u0628\u0644\u0643]?|[\u0628\u0644\u0643])"  # و ف, then ب ل ك
LAM = "\u0644"
SEP = r"(?:\s*[\u060C,]\s*|\s+)"  # a space or an Arabic/Latin comma between the parts of a date
DASH = r"[\-\u2013]"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"
YEAR = r"(?:19|20)\d\d(?!\d)"
HIJRI_YEAR = r"1[345]\d\d(?!\d)"
_TRAILING_MARKS = frozenset(cs.DIACRITICS + cs.TATWEEL)
# Roles of date_words.csv that can open an expression (the others only follow another word).
OPENING_ROLES = ("day_part", "direction", "day_word", "month_word", "year_word", "years_word", "year_suffix",
                 "hijri_suffix", "year_part", "duration_cue", "since_cue", "after_cue", "ago_cue", "range_open",
                 "count_word")


def _token(form: str) -> str:
    """Regex for one spelling (matching form): escaped, any run of spaces between its words."""
    return r"\s+".join(re.escape(word) for word in form.split())


def _trie(forms: dict[str, str]) -> str:
    """Regex matching any key of ``forms`` (text -> regex to append at its end), as a character trie.

    Sharing prefixes (``ال`` + ``اثنين`` | ``ثلاثاء`` ...) lets a failing word be rejected after a
    character or two instead of trying every spelling in turn. Longer spellings are tried first.
    """
    root: dict = {}
    for text, leaf in forms.items():
        node = root
        for ch in text:
            node = node.setdefault(ch, {})
        node[None] = leaf

    def build(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + build(node[ch])
                for ch in sorted(k for k in node if k is not None)]
        if None in node:
            alts.append(node[None])
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return build(root)


def _alternation(forms, not_after=None, not_before=None, lam_form=False) -> str:
    """Regex alternation of spellings (matching form) built as a trie, each with its own look-arounds.

    A spelling ends at a word boundary. ``not_after`` / ``not_before`` map a spelling to words that
    must not stand right before / after it. ``lam_form``: a spelling starting with ``ال`` also matches
    without its alef after the clitic ``ل`` (``لليوم`` = ``ل`` + ``اليوم``).
    """
    forms = sorted(set(forms))

    def leaf(form: str) -> str:
        literal = r"\s".join(re.escape(word) for word in form.split())  # fixed width, for a look-behind
        behind = "".join(rf"(?<!{re.escape(w)}\s{literal})" for w in (not_after or {}).get(form, ()) if " " not in w)
        ahead = "".join(rf"(?!\s+{_token(w)}(?!\w))" for w in (not_before or {}).get(form, ()))
        return rf"(?!\w){behind}{ahead}"

    with_al = {f[len(AL):]: leaf(f) for f in forms if lam_form and f.startswith(AL) and len(f) > len(AL)}
    plain = {f: leaf(f) for f in forms if not (lam_form and f.startswith(AL) and len(f) > len(AL))}
    parts = [_trie(plain)] if plain else []
    if with_al:
        parts.insert(0, f"(?:{re.escape(AL)}|(?<={LAM}){LAM}){_trie(with_al)}")
    return "(?:" + "|".join(parts) + ")"


def branch_sources() -> dict[str, str]:
    """Return the regular expression of each branch, by name, in the order they are tried."""
    return _branch_sources_of(active_lexicons())


@lru_cache(maxsize=8)
def _branch_sources_of(lexicons: Lexicons) -> dict[str, str]:
    lx = date_lexicon(lexicons)
    w = lx.words
    month_all = _alternation(lx.months)
    month_safe = _alternation(lx.safe_months)
    hmonth = _alternation(lx.hijri_months)
    weekday = _alternation(lx.weekdays, lx.weekday_not_after, lx.weekday_not_before, lam_form=True)
    relative = _alternation(lx.relatives, lx.relative_not_after, lx.relative_not_before, lam_form=True)
    rel_month = _alternation(f for f, (_, unit, _) in lx.relatives.items() if unit == "month")
    holiday = _alternation(lx.holidays, lam_form=True)
    ordinal = _alternation(lx.ordinals)
    part, direction, day_word, month_word, year_word, years_word, agreeing, ysuffix, hsuffix, year_part, of, \
        same_month, approx, count, opener = (
            _alternation(w[role]) for role in (
                "day_part", "direction", "day_word", "month_word", "year_word", "years_word", "agreeing",
                "year_suffix", "hijri_suffix", "year_part", "of_word", "same_month", "approximator", "count_word",
                "range_open"))
    count_cue = _alternation([*w["duration_cue"], *w["since_cue"], *w["after_cue"], *w["ago_cue"]])
    year_cue = "|".join(rf"(?<={_token(c)}\s)" for c in sorted(w["year_cue"]) if " " not in c) or "(?!)"
    guarded_cue = "|".join(rf"(?<={_token(c)}\s)" for c in sorted(w["guarded_year_cue"]) if " " not in c) or "(?!)"
    attached_follow = "|".join(re.escape(f) for f in w["year_follow"] if len(f) == 1) or "(?!)"
    year_follow = rf"(?=\s*(?:$|[^\w\s]|{attached_follow}|{_alternation(w['year_follow'])}))"
    month_cue = "|".join(rf"(?<={_token(c)}\s)" for c in sorted(w["month_cue"]) if " " not in c) or "(?!)"
    attached = [f for f in w["range_link"] if len(f) == 1]   # و7: a one-letter link may touch the next word
    link_words = _alternation([f for f in w["range_link"] if len(f) > 1])
    waw = "|".join(map(re.escape, attached)) or "(?!)"
    link = rf"\s*(?:{DASH}|(?:(?:{waw})\s*)?{link_words}|(?:{waw}))\s*"
    by_form = {form: set() for form in ("singular", "dual", "plural")}
    for spelling, (_, form, _) in lx.units.items():
        by_form[form].add(spelling)
    sing, dual, plural = (_alternation(by_form[f]) for f in ("singular", "dual", "plural"))
    any_unit = _alternation(lx.units)
    sing_not_day = _alternation(s for s, (unit, form, _) in lx.units.items() if form == "singular" and unit != "day")

    def dayx(p):
        """A day of the month: digits, الـ + digits, or an ordinal word."""
        return rf"(?:(?:{AL}\s*)?(?P<{p}_day>{DAY})|(?P<{p}_ord>{ordinal}))"

    def pair(p):
        return rf"(?:\s*[/(\-]\s*(?P<{p}_m2>{month_all})(?:\s*\))?)?"

    def year_tail(p):
        return rf"(?:{SEP}(?:(?:{of}\s+)?{year_word}\s+)?(?P<{p}_year>{YEAR})(?:\s*{ysuffix})?)"

    def lead(p):
        """An optional part of the day, يوم and weekday before a day number."""
        return rf"(?:(?P<{p}_part>{part})\s+)?(?:{day_word}\s+)?(?:(?P<{p}_wd>{weekday}){SEP}(?:{agreeing}\s+)?)?"

    not_a_date_next = rf"(?!\s*(?:\d|{month_all}|{weekday}|{direction}|{relative}))"
    month_tail = rf"\s*(?:{of}\s+)?(?:{month_word}\s+)?"
    branches = {
        "hijri": rf"(?:(?P<hijri_day>{DAY})\s*(?:{of}\s+)?)?(?:{month_word}\s+)?(?P<hijri_m>{hmonth})\s+"
                 rf"(?:{year_word}\s+)?(?P<hijri_y>{HIJRI_YEAR})(?:\s*{hsuffix})?",
        "range": rf"{opener}\s+(?:"
                 rf"{dayx('rga')}(?:\s*(?:{of}\s+)?(?P<rga_m1>{month_all})(?:{SEP}(?P<rga_y1>{YEAR}))?)?{link}"
                 rf"{dayx('rgb')}{month_tail}(?P<rga_m>{month_all}){pair('rga')}{year_tail('rga')}?"
                 rf"(?:\s+(?P<rga_dir>{direction}))?"
                 rf"|(?:(?:{years_word}|{year_word})\s+)?(?P<rgy_a>{YEAR}){link}(?:{year_word}\s+)?(?P<rgy_b>{YEAR})"
                 rf"|(?:{month_word}\s+)?(?P<rgm_a>{month_all})(?:{SEP}(?P<rgm_ya>{YEAR}))?{link}"
                 rf"(?:{month_word}\s+)?(?P<rgm_b>{month_all})(?:{SEP}(?P<rgm_yb>{YEAR}))?)"
                 rf"|(?P<rgd_a>{DAY})\s*{DASH}\s*(?P<rgd_b>{DAY}){month_tail}(?P<rgd_m>{month_all}){pair('rgd')}"
                 rf"{year_tail('rgd')}?(?:\s+(?P<rgd_dir>{direction}))?"
                 rf"|(?P<rgz_a>{YEAR})\s*[\-\u2013/]\s*(?P<rgz_b>{YEAR})(?![/.\-]\d)",
        "absolute": rf"{lead('absolute')}{dayx('absolute')}{month_tail}(?P<absolute_m1>{month_all})"
                    rf"{pair('absolute')}{year_tail('absolute')}?(?:\s+(?P<absolute_dir>{direction}))?",
        "day_of_month": rf"{lead('dom')}{dayx('dom')}\s*{of}\s+(?:(?P<dom_same>{same_month})|(?P<dom_rel>{rel_month}))",
        "numeric": r"(?P<numeric_d>\d{1,2})(?P<numeric_sep>[/.\-])(?P<numeric_m>\d{1,2})(?P=numeric_sep)"
                   rf"(?P<numeric_y>{YEAR})",
        "year_first": r"(?P<yf_y>(?:19|20)\d\d)(?P<yf_sep>[/.\-])(?P<yf_m>\d{1,2})(?P=yf_sep)(?P<yf_d>\d{1,2})(?![\d.])",
        "month_year": rf"(?:(?P<month_year_part>{year_part})\s+)?(?:{month_word}\s+)?(?P<month_year_m1>{month_all})"
                      rf"{pair('month_year')}"
                      rf"{year_tail('month_year')}",
        "hijri_year": rf"(?:{year_word}\s+)?(?P<hijri_year_y>{HIJRI_YEAR})\s*{hsuffix}",
        "year": rf"(?P<year_part>{year_part})\s+(?:{year_word}\s+)?(?P<year_y3>{YEAR})(?:\s*{ysuffix})?"
                rf"|{year_word}\s+(?P<year_y>{YEAR})(?:\s*{ysuffix})?|(?P<year_y2>{YEAR})\s*{ysuffix}"
                rf"|(?:{year_cue})(?P<year_y4>{YEAR})(?!\s*{any_unit})(?![/.\-]\d)"
                rf"|(?:{guarded_cue})(?P<year_y5>{YEAR})(?![/.\-]\d){year_follow}",
        "relative": rf"(?:(?P<relative_part>{part})\s+)?(?:{day_word}\s+)?(?P<relative_phrase>{relative})"
                    rf"(?:{SEP}(?P<relative_wd>{weekday}))?",
        "weekday": rf"(?:(?P<weekday_part>{part})\s+)?(?:{day_word}\s+)?(?P<weekday_wd>{weekday})"
                   rf"(?:\s+(?P<weekday_dir>{direction}))?",
        "month": rf"(?P<month_word>{month_word})\s+(?P<month_a>{month_all}){pair('month')}"
                 rf"(?:\s+(?P<month_dir>{direction}))?"
                 rf"|(?P<month_b>{month_all})\s*[/(\-]\s*(?P<month_b2>{month_all})(?:\s*\))?"
                 rf"(?:\s+(?P<month_bdir>{direction}))?"
                 rf"|(?P<month_c>{month_all})\s+(?P<month_cdir>{direction})"
                 rf"|(?P<month_part>{year_part})\s+(?P<month_e>{month_all}){pair('month_e')}(?:\s+(?P<month_edir>{direction}))?"
                 rf"|(?:{month_cue})(?P<month_f>{month_all})"
                 rf"|(?P<month_d>{month_safe})",
        "holiday": rf"(?P<holiday_name>{holiday})",
        "duration": rf"(?:(?P<duration_cue>{count_cue})\s+(?:(?P<duration_approx>{approx})\s+)?)?"
                    rf"(?:(?P<duration_n>\d+|{count})\s+(?P<duration_unit>{sing}|{plural})|(?P<duration_dual>{dual}))"
                    rf"|(?P<duration_cue2>{count_cue})\s+(?:(?P<duration_approx2>{approx})\s+)?"
                    rf"(?:(?P<duration_plural>{plural})|(?P<duration_single>{sing_not_day}){not_a_date_next})",
    }
    return {name: branches[name] for name in BRANCHES}


def date_pattern_source() -> str:
    """Return the source of the one date regular expression: every branch, between word boundaries."""
    return _date_pattern_source_of(active_lexicons())


@lru_cache(maxsize=8)
def _date_pattern_source_of(lexicons: Lexicons) -> str:
    body = "|".join(f"(?P<{name}>{source})" for name, source in _branch_sources_of(lexicons).items())
    return rf"(?<!\w)(?:{CLITICS})??(?={_trigger_source_of(lexicons)})(?:{body})(?!\w)"


def trigger_source() -> str:
    """Return the regex of what a date expression can start with: a digit, ``ال`` + a digit, or a lexicon word.

    Checked first at each word start: a word that cannot begin a date is rejected after one look-up
    in a character trie instead of trying every branch. A spelling of several words is looked for whole
    (``على مدى``, not every ``على``), and the frequent words that open a range (``من``, ``بين``) only
    before a digit, ``ال`` (an ordinal, ``الـ10``), a year word or a month name.
    """
    return _trigger_source_of(active_lexicons())


@lru_cache(maxsize=8)
def _trigger_source_of(lexicons: Lexicons) -> str:
    lx = date_lexicon(lexicons)
    w = lx.words
    openers = set(w["range_open"])
    spellings = [*lx.months, *lx.hijri_months, *lx.weekdays, *lx.relatives, *lx.holidays, *lx.units, *lx.ordinals]
    spellings += [form for role in OPENING_ROLES for form in w[role] if form not in openers]
    after_opener = _alternation({*lx.months, *w["month_word"], *w["year_word"], *w["years_word"]})
    range_start = rf"{_alternation(openers)}\s+(?:\d|{AL}|{after_opener})"
    return rf"(?:\d|{AL}\s*\d|{range_start}|{_alternation(set(spellings), lam_form=True)})"


def date_regex() -> re.Pattern:
    """Return the compiled date regular expression (built once from the lexicons, cached)."""
    return _date_regex_of(active_lexicons())


@lru_cache(maxsize=8)
def _date_regex_of(lexicons: Lexicons) -> re.Pattern:
    return re.compile(_date_pattern_source_of(lexicons))


BRANCH_EXAMPLES = {
    "hijri": "5 شوال 1440 هـ", "range": "بين 5 و7 شباط", "absolute": "الأربعاء 5 حزيران/يونيو 2019",
    "day_of_month": "13 من نفس الشهر", "numeric": "5/6/2019", "year_first": "2020/02/20", "month_year": "أيلول 2018",
    "hijri_year": "1440 هـ", "year": "مطلع العام 2020", "relative": "مساء أمس", "weekday": "يوم السبت الماضي",
    "month": "آب الماضي", "holiday": "عيد الفطر", "duration": "منذ يومين",
}


def pattern_overview():
    """Return one row per branch of the date regex: ``branch, kind, example, regex_chars``.

    Examples
    --------
    >>> pattern_overview().loc[0, ["branch", "kind"]].tolist()
    ['hijri', 'absolute']
    """
    import pandas as pd

    sources = branch_sources()
    return pd.DataFrame([(b, BRANCH_KINDS[b], BRANCH_EXAMPLES[b], len(sources[b])) for b in BRANCHES],
                        columns=["branch", "kind", "example", "regex_chars"])


_IDENTITY = OffsetMap((), 0)  # no character removed: matching-form offsets are clean-text offsets


def _core_automaton():
    """Return an Aho-Corasick automaton of what every date expression holds: a digit or a core word.

    Each branch of :func:`date_regex` needs a month, Hijri month, weekday, relative date, holiday,
    time unit or "same month" phrase (the core words), or else a day or year number written with ASCII
    digits. Every core spelling ends at a word boundary. So a text with neither an
    ASCII digit nor a core word followed by a non-word character holds no date expression.

    The automaton maps each ASCII digit to 0 and the last word of each core spelling to its length
    (it needs the boundary after it). A spelling that starts with ``ال`` and may follow the clitic
    ``ل`` without its alef (``لليوم``) is looked for without the alef (``ليوم``), which both forms hold.
    """
    return _core_automaton_of(active_lexicons())


@lru_cache(maxsize=8)
def _core_automaton_of(lexicons: Lexicons):
    import ahocorasick

    lx = date_lexicon(lexicons)
    automaton = ahocorasick.Automaton()
    for table, lam_form in ((lx.months, False), (lx.hijri_months, False), (lx.units, False),
                            (lx.words["same_month"], False), (lx.weekdays, True), (lx.relatives, True),
                            (lx.holidays, True)):
        for spelling in table:
            words = spelling.split()
            last = words[-1]
            if lam_form and len(words) == 1 and last.startswith(AL) and len(last) > len(AL):
                last = last[1:]
            automaton.add_word(last, len(last))
    for digit in "0123456789":
        automaton.add_word(digit, 0)
    automaton.make_automaton()
    return automaton


def may_hold_date(form: str) -> bool:
    """Return False when the matching form ``form`` cannot hold a date expression (``_core_automaton``).

    Most lines hold no date; this one pass of an automaton rules them out faster than the date
    regular expression, which tries every branch at each word start. True does not mean a date is
    there, only that the regular expression has to look.

    Examples
    --------
    >>> may_hold_date("قال المتحدث باسم الوزارة"), may_hold_date("قال امس"), may_hold_date("5 جنود")
    (False, True, True)
    """
    n = len(form)
    for last, length in _core_automaton().iter(form):
        if not length:
            return True  # a digit
        after = last + 1
        if after == n or not (form[after].isalnum() or form[after] == "_"):
            return True
    return False


def parse_date_expressions(text: str, form: str | None = None) -> list[DateExpression]:
    """Return the date expressions in ``text`` (clean text), in order, unresolved.

    Examples
    --------
    >>> [(e.surface, e.kind) for e in parse_date_expressions("الأربعاء 5 حزيران/يونيو 2019")]
    [('الأربعاء 5 حزيران/يونيو 2019', 'absolute')]
    >>> [(e.surface, e.kind) for e in parse_date_expressions("قناة روسيا اليوم، ومساء أمس قتل 5 جنود")]
    [('مساء أمس', 'relative')]
    """
    if form is None:
        form = normalize_for_matching(text)
    if not may_hold_date(form):
        return []
    omap = None  # built at the first expression found: most lines have none
    found = []
    for m in date_regex().finditer(form):
        if omap is None:
            omap = OffsetMap.for_text(text) if len(form) != len(text) else _IDENTITY
        branch = m.lastgroup   # the branch's group encloses all others, so it closes last
        start, end = omap.span_to_source(m.start(branch), m.end(branch))
        while end < len(text) and text[end] in _TRAILING_MARKS:  # غداً, هـ: keep the marks on the last letter
            end += 1
        expr = read_match(m, branch, DateExpression(start, end, text[start:end], branch, BRANCH_KINDS[branch]))
        add_clause_cues(expr, text, form, m.end(branch))
        found.append(expr)
    return found


def needs_tense(expr: DateExpression) -> bool:
    """Whether the value of ``expr`` depends on the tense of its clause (no year and no direction).

    A weekday, a day and month, a month or a range of days or months without a year, and a holiday:
    their year (or week) comes from the reference date, forwards or backwards.
    """
    if expr.calendar == "hijri" or expr.direction is not None or expr.same_month:
        return False
    if expr.branch == "weekday" or expr.branch == "holiday":
        return True
    if expr.branch in ("absolute", "month", "range"):
        return expr.year is None and expr.end_year is None and expr.month is not None \
            and not (expr.branch == "absolute" and expr.weekday is not None)
    return False


def add_clause_cues(expr: DateExpression, text: str, form: str, form_end: int) -> None:
    """Set the tense or aspect cue of ``expr`` from the words of its clause, where its value needs one."""
    counted = expr.branch == "duration" and expr.cue in ("since_cue", "after_cue", "ago_cue") and expr.count
    if not (counted or needs_tense(expr)):
        return
    cue = clause_cue(text, expr.start, expr.end)
    if cue is not None:
        expr.tense, expr.tense_cue = cue.tense, cue.word
        expr.aspect = {"punctual": "punctual", "ongoing": "ongoing"}.get(cue.role)
        expr.aspect_cue = cue.word if expr.aspect else ""
    if counted and expr.cue in ("after_cue", "ago_cue"):
        expr.from_event = follows_event_word(form, form_end) is not None
