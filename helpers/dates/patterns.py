"""Find date expressions: one regular expression, built once from the lexicons, run on the matching form.

:func:`date_regex` compiles a single alternation of named branches (tried in this order at each word
start; the first that matches wins, so longer forms come first):

======================  ==================================================  =========
branch                  examples                                            kind
======================  ==================================================  =========
``hijri``               ``5 شوال 1440 هـ``, ``رمضان 1441``                   absolute / month
``absolute``            ``الأربعاء 5 حزيران/يونيو 2019``, ``17 فبراير الجاري``  absolute
``numeric``, ``iso``    ``5/6/2019`` (day first), ``2019-06-05``              absolute
``month_year``          ``يونيو 2019``, ``أيلول 2018``                        month
``hijri_year``          ``1440 هـ``                                           year
``year``                ``عام 2019``, ``2019م``                               year
``relative``            ``اليوم``, ``مساء أمس``, ``أمس الاثنين``, ``الشهر الجاري``  relative
``weekday``             ``الأربعاء``, ``مساء الاثنين``, ``يوم السبت الماضي``     weekday
``month``               ``شهر آب``, ``آب الماضي``, ``حزيران (يونيو)``, ``يونيو``  month
``holiday``             ``عيد الفطر``                                         absolute
``duration``            ``خلال أسبوعين``, ``3 أيام``, ``قبل يومين``              duration / relative
======================  ==================================================  =========

Every branch sits between word boundaries; a clitic ``و ف ب ل ك`` (or ``وب``, ``فل`` ...) may be
attached in front and is left out of the surface. A bare number is never a date (``5 جنود``,
``سو-24``, ``ب13 كم``), nor is a bare four-digit number without ``عام``/``سنة``/``م``.

:func:`parse_date_expressions` turns each match into a :class:`DateExpression` (what the text says,
before any resolution); offsets are mapped back to the clean text, so ``text[start:end] == surface``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import charsets as cs
from ..matching import OffsetMap, normalize_for_matching
from .lexicons import date_lexicon

BRANCHES = ("hijri", "absolute", "numeric", "iso", "month_year", "hijri_year", "year", "relative", "weekday",
            "month", "holiday", "duration")
BRANCH_KINDS = {"hijri": "absolute", "absolute": "absolute", "numeric": "absolute", "iso": "absolute",
                "month_year": "month", "hijri_year": "year", "year": "year", "relative": "relative",
                "weekday": "weekday", "month": "month", "holiday": "absolute", "duration": "duration"}

CLITICS = r"(?:[\u0648\u0641][\u0628\u0644\u0643]?|[\u0628\u0644\u0643])"  # و ف, then ب ل ك
LAM = "\u0644"
AL = "\u0627\u0644"  # ال
SEP = r"(?:\s*[\u060C,]\s*|\s+)"  # a space or an Arabic/Latin comma between the parts of a date
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?!\d)"
YEAR = r"(?:19|20)\d\d(?!\d)"
HIJRI_YEAR = r"1[345]\d\d(?!\d)"
MIN = "\u0645\u0646"  # من
_TRAILING_MARKS = frozenset(cs.DIACRITICS + cs.TATWEEL)


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


@lru_cache(maxsize=1)
def branch_sources() -> dict[str, str]:
    """Return the regular expression of each branch, by name, in the order they are tried."""
    lx = date_lexicon()
    w = lx.words
    month_all = _alternation(lx.months)
    month_safe = _alternation(lx.safe_months)
    hmonth = _alternation(lx.hijri_months)
    weekday = _alternation(lx.weekdays, lx.weekday_not_after, lx.weekday_not_before, lam_form=True)
    relative = _alternation(lx.relatives, lx.relative_not_after, lx.relative_not_before, lam_form=True)
    holiday = _alternation(lx.holidays, lam_form=True)
    part = _alternation(w["day_part"])
    direction = _alternation(w["direction"])
    day_word = _alternation(w["day_word"])
    month_word = _alternation(w["month_word"])
    year_word = _alternation(w["year_word"])
    agreeing = _alternation(w["agreeing"])
    ysuffix = _alternation(w["year_suffix"])
    hsuffix = _alternation(w["hijri_suffix"])
    dcue = _alternation(w["duration_cue"])
    agocue = _alternation(w["ago_cue"])
    count = _alternation(w["count_word"])
    by_form = {form: set() for form in ("singular", "dual", "plural")}
    for spelling, (_, form, _) in lx.units.items():
        by_form[form].add(spelling)
    sing, dual, plural = (_alternation(by_form[f]) for f in ("singular", "dual", "plural"))
    sing_not_day = _alternation(s for s, (unit, form, _) in lx.units.items() if form == "singular" and unit != "day")

    def pair(p):
        return rf"(?:\s*[/(\-]\s*(?P<{p}_m2>{month_all})(?:\s*\))?)?"

    year_tail = lambda p: rf"(?:{SEP}(?:(?:{MIN}\s+)?{year_word}\s+)?(?P<{p}_year>{YEAR})(?:\s*{ysuffix})?)"  # noqa: E731
    not_a_date_next = rf"(?!\s*(?:\d|{month_all}|{weekday}|{direction}|{relative}))"
    branches = {
        "hijri": rf"(?:(?P<hijri_day>{DAY})\s*(?:{MIN}\s+)?)?(?:{month_word}\s+)?(?P<hijri_m>{hmonth})\s+"
                 rf"(?:{year_word}\s+)?(?P<hijri_y>{HIJRI_YEAR})(?:\s*{hsuffix})?",
        "absolute": rf"(?:(?P<absolute_part>{part})\s+)?(?:{day_word}\s+)?"
                    rf"(?:(?P<absolute_wd>{weekday}){SEP}(?:{agreeing}\s+)?)?"
                    rf"(?P<absolute_day>{DAY})\s*(?:{MIN}\s+)?(?:{month_word}\s+)?(?P<absolute_m1>{month_all})"
                    rf"{pair('absolute')}{year_tail('absolute')}?(?:\s+(?P<absolute_dir>{direction}))?",
        "numeric": r"(?P<numeric_d>\d{1,2})(?P<numeric_sep>[/.\-])(?P<numeric_m>\d{1,2})(?P=numeric_sep)"
                   rf"(?P<numeric_y>{YEAR})",
        "iso": r"(?P<iso_y>(?:19|20)\d\d)-(?P<iso_m>\d\d)-(?P<iso_d>\d\d)(?!\d)",
        "month_year": rf"(?:{month_word}\s+)?(?P<month_year_m1>{month_all}){pair('month_year')}"
                      rf"{year_tail('month_year')}",
        "hijri_year": rf"(?:{year_word}\s+)?(?P<hijri_year_y>{HIJRI_YEAR})\s*{hsuffix}",
        "year": rf"{year_word}\s+(?P<year_y>{YEAR})(?:\s*{ysuffix})?|(?P<year_y2>{YEAR})\s*{ysuffix}",
        "relative": rf"(?:(?P<relative_part>{part})\s+)?(?:{day_word}\s+)?(?P<relative_phrase>{relative})"
                    rf"(?:{SEP}(?P<relative_wd>{weekday}))?",
        "weekday": rf"(?:(?P<weekday_part>{part})\s+)?(?:{day_word}\s+)?(?P<weekday_wd>{weekday})"
                   rf"(?:\s+(?P<weekday_dir>{direction}))?",
        "month": rf"(?P<month_word>{month_word})\s+(?P<month_a>{month_all}){pair('month')}"
                 rf"(?:\s+(?P<month_dir>{direction}))?"
                 rf"|(?P<month_b>{month_all})\s*[/(\-]\s*(?P<month_b2>{month_all})(?:\s*\))?"
                 rf"(?:\s+(?P<month_bdir>{direction}))?"
                 rf"|(?P<month_c>{month_all})\s+(?P<month_cdir>{direction})"
                 rf"|(?P<month_d>{month_safe})",
        "holiday": rf"(?P<holiday_name>{holiday})",
        "duration": rf"(?:(?P<duration_cue>{dcue}|{agocue})\s+)?"
                    rf"(?:(?P<duration_n>\d+|{count})\s+(?P<duration_unit>{sing}|{plural})|(?P<duration_dual>{dual}))"
                    rf"|(?P<duration_cue2>{dcue}|{agocue})\s+(?:(?P<duration_plural>{plural})"
                    rf"|(?P<duration_single>{sing_not_day}){not_a_date_next})",
    }
    return {name: branches[name] for name in BRANCHES}


@lru_cache(maxsize=1)
def date_pattern_source() -> str:
    """Return the source of the one date regular expression: every branch, between word boundaries."""
    body = "|".join(f"(?P<{name}>{source})" for name, source in branch_sources().items())
    return rf"(?<!\w)(?:{CLITICS})??(?={trigger_source()})(?P<expr>{body})(?!\w)"


@lru_cache(maxsize=1)
def trigger_source() -> str:
    """Return the regex of the words a date expression can start with (a digit or a lexicon word).

    Checked first at each word start: a word that cannot begin a date is rejected after one look-up
    in a character trie instead of trying every branch.
    """
    lx = date_lexicon()
    spellings = [*lx.months, *lx.hijri_months, *lx.weekdays, *lx.relatives, *lx.holidays, *lx.units]
    spellings += [form for role in lx.words.values() for form in role]
    return rf"(?:\d|{_alternation({s.split()[0] for s in spellings}, lam_form=True)})"


@lru_cache(maxsize=1)
def date_regex() -> re.Pattern:
    """Return the compiled date regular expression (built once from the lexicons, cached)."""
    return re.compile(date_pattern_source())


BRANCH_EXAMPLES = {
    "hijri": "5 شوال 1440 هـ", "absolute": "الأربعاء 5 حزيران/يونيو 2019", "numeric": "5/6/2019",
    "iso": "2019-06-05", "month_year": "أيلول 2018", "hijri_year": "1440 هـ", "year": "عام 2019",
    "relative": "مساء أمس", "weekday": "يوم السبت الماضي", "month": "آب الماضي", "holiday": "عيد الفطر",
    "duration": "خلال أسبوعين",
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


@dataclass
class DateExpression:
    """What one date expression says, before it is resolved against a reference date."""

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
    cue: str | None = None
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


def _read(m: re.Match, branch: str, expr: DateExpression) -> DateExpression | None:
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

    if branch == "hijri":
        expr.calendar = "hijri"
        expr.day, expr.month, expr.year = num("hijri_day"), lx.hijri_months[_group(m, "hijri_m")], num("hijri_y")
        expr.kind = "absolute" if expr.day else "month"
    elif branch == "absolute":
        expr.day, expr.month, expr.year = num("absolute_day"), lx.months[_group(m, "absolute_m1")], num("absolute_year")
        expr.month2 = lx.months.get(_group(m, "absolute_m2")) if m.group("absolute_m2") else None
        expr.weekday = _lookup(lx.weekdays, _group(m, "absolute_wd"))
        expr.direction = word_value("direction", _group(m, "absolute_dir"))
        expr.day_part = _group(m, "absolute_part")
    elif branch == "numeric":
        expr.day, expr.month, expr.year = num("numeric_d"), num("numeric_m"), num("numeric_y")
    elif branch == "iso":
        expr.day, expr.month, expr.year = num("iso_d"), num("iso_m"), num("iso_y")
        expr.extra["year_first"] = True
    elif branch == "month_year":
        expr.month, expr.year = lx.months[_group(m, "month_year_m1")], num("month_year_year")
        expr.month2 = lx.months.get(_group(m, "month_year_m2")) if m.group("month_year_m2") else None
    elif branch == "hijri_year":
        expr.calendar, expr.year = "hijri", num("hijri_year_y")
    elif branch == "year":
        expr.year = num("year_y") or num("year_y2")
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
                                     ("month_c", None, "month_cdir"), ("month_d", None, None)):
            if m.group(first) is not None:
                expr.month = lx.months[_group(m, first)]
                expr.month2 = lx.months[_group(m, second)] if second and m.group(second) else None
                expr.direction = word_value("direction", _group(m, dname)) if dname else None
                break
    elif branch == "holiday":
        expr.holiday = _lookup(lx.holidays, _group(m, "holiday_name"))
    elif branch == "duration":
        cue = _group(m, "duration_cue") or _group(m, "duration_cue2")
        expr.cue = (words["duration_cue"].get(cue) or words["ago_cue"].get(cue)) if cue else None
        expr.extra["cue_form"] = cue
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
    return expr


_IDENTITY = OffsetMap((), 0)  # no character removed: matching-form offsets are clean-text offsets


@lru_cache(maxsize=1)
def _core_automaton():
    """Return an Aho-Corasick automaton of what every date expression holds: a digit or a core word.

    Each branch of :func:`date_regex` needs a month, Hijri month, weekday, relative date, holiday or
    time unit (the core words), or else a year (``YEAR``, ``HIJRI_YEAR``: ``19``, ``20``, ``13``-``15``),
    written with ASCII digits. Every core spelling ends at a word boundary. So a text with neither an
    ASCII digit nor a core word followed by a non-word character holds no date expression.

    The automaton maps each ASCII digit to 0 and the last word of each core spelling to its length
    (it needs the boundary after it). A spelling that starts with ``ال`` and may follow the clitic
    ``ل`` without its alef (``لليوم``) is looked for without the alef (``ليوم``), which both forms hold.
    """
    import ahocorasick

    lx = date_lexicon()
    automaton = ahocorasick.Automaton()
    for table, lam_form in ((lx.months, False), (lx.hijri_months, False), (lx.units, False),
                            (lx.weekdays, True), (lx.relatives, True), (lx.holidays, True)):
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
        branch = next(name for name in BRANCHES if m.group(name) is not None)
        start, end = omap.span_to_source(m.start("expr"), m.end("expr"))
        while end < len(text) and text[end] in _TRAILING_MARKS:  # غداً, هـ: keep the marks on the last letter
            end += 1
        expr = DateExpression(start, end, text[start:end], branch, BRANCH_KINDS[branch])
        found.append(_read(m, branch, expr))
    return found
