"""The date lexicons: month, weekday, relative-date, holiday and building-block words, loaded once.

Every file lives in ``helpers/lexicons/`` and is read through :func:`helpers.lexicon.load_lexicon`, so a
missing or unknown column, an empty required cell or one spelling under two ids is a
:class:`~helpers.errors.WorkbookError` naming the file and line. On top of that, this module checks
what is particular to dates (month numbers 1-12, weekday numbers 1-7, integer offsets, a
``context_only`` spelling that is not one of the month's names, one spelling under two columns).

Files (``|`` separates the spellings of one cell):

``months.csv``
    ``month_id, number, levantine, gregorian, maghrebi, context_only, note``: one row per Gregorian
    month, keyed by a canonical id (``june``); its Levantine (``حزيران``), Egyptian/Gulf (``يونيو``)
    and Maghrebi (``جوان``) spellings are entries of the same row. ``context_only`` lists spellings
    that are other words too (``آب``, ``مارس``): they count only with a day, a year, ``شهر`` or
    ``الماضي``/``الجاري``/``المقبل`` next to them.
``hijri_months.csv``
    ``month_id, number, names, note``: read only before a Hijri year (``5 شوال 1440 هـ``).
``weekdays.csv``
    ``weekday_id, number (1 = Monday), names, not_after, not_before, note``.
``relative_dates.csv``
    ``relative_id, phrases, unit (day/week/month/year/vague), offset, not_after, not_before, note``.
``holidays.csv``
    ``holiday_id, phrases, calendar (hijri/gregorian), month, day, note``.
``date_words.csv``
    ``word_id, role, phrases, value, note``: day parts (``مساء``), directions (``الماضي`` = -1),
    ``يوم``/``شهر``/``عام``, year suffixes (``م``, ``هـ``), parts of a year (``نهاية``, ``مطلع``),
    duration, ``منذ``, ``بعد`` and "ago" cues, approximators (``نحو``, ``أكثر من``), the words of a
    range (``بين``, ``من``, ``و``, ``إلى``, ``حتى``), ``نفس الشهر`` and count words (``ثلاثة``,
    ``خمسة عشر``). A word may play several roles (``من`` opens a range and links a day to its month),
    so a spelling must be unique within its role, not within the file.
``time_units.csv``
    ``unit_id, days, singular, dual, plural, note`` (``أسبوع``, ``أسبوعين``, ``أسابيع``).
``ordinal_days.csv``
    ``day, masculine, feminine, note``: the ordinal words of the days of a month (``العاشر``,
    ``الحادي والعشرين``, ``الحادية عشرة``), read only before a month (``العاشر من شباط``).
``tense_cues.csv``
    ``cue_id, role, phrases, note``: the words of a clause that say when its event happens. ``future``
    (``سوف``, ``من المقرر``, ``يعتزم``, ``المقبلة``) and ``future_prefix`` (``س`` + an imperfect prefix:
    ``سيلتقي``) send a weekday or a date without a year forward; ``punctual`` (one-off past verbs:
    ``أعلن``, ``قتل``) and ``past`` keep it back, and make ``منذ`` + a count a point in time;
    ``ongoing`` (``تشهد``, ``مستمر``, ``لا يزال``) keeps ``منذ`` + a count a span. ``not_future``
    lists words that begin like a future verb but are not one (``سيارة``, ``سيرغي``).

``not_after`` / ``not_before`` list words that, right before / right after a spelling, mean it is not
a date (``روسيا اليوم`` is the channel RT, ``الأحد عشر`` is "the eleven").
"""
from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .. import charsets as cs
from ..errors import WorkbookError
from ..lexicon import Lexicons, for_display, load_lexicon, split_list
from ..matching import normalize_for_matching
from ..paths import lexicon as lexicon_path

MONTH_COLUMNS = ("levantine", "gregorian", "maghrebi")
RELATIVE_UNITS = ("day", "week", "month", "year", "vague")
WORD_ROLES = ("day_part", "direction", "day_word", "month_word", "year_word", "years_word", "agreeing", "year_suffix",
              "hijri_suffix", "year_part", "year_cue", "guarded_year_cue", "year_follow", "month_cue", "duration_cue", "since_cue", "after_cue", "ago_cue", "from_event",
              "approximator", "range_open", "range_link", "of_word", "same_month", "count_word")
CUE_ROLES = ("future", "future_prefix", "not_future", "punctual", "past", "ongoing")
UNIT_FORMS = ("singular", "dual", "plural")


def spelling_form(text: str) -> str:
    """Return the matching form of a lexicon spelling, with single spaces between words.

    Examples
    --------
    >>> spelling_form("كانون  الأول")
    'كانون الاول'
    >>> spelling_form("غداً")
    'غدا'
    """
    return " ".join(normalize_for_matching(text).split())


_MARKS = str.maketrans("", "", cs.DIACRITICS + cs.TATWEEL)


def light_form(text: str) -> str:
    """Return ``text`` without diacritics and tatweel, every letter kept (``سَأزور`` -> ``سأزور``).

    Used where the hamza matters: ``سأ`` is the future prefix, ``سا`` begins ``ساعة`` and ``سابق``.

    Examples
    --------
    >>> light_form("سَأزورُ")
    'سأزور'
    """
    return text.translate(_MARKS)


def _int(frame: pd.DataFrame, col: str, path, lo=None, hi=None, allow_empty=False) -> None:
    for value, line in zip(frame[col], frame["line"]):
        if allow_empty and value == "":
            continue
        try:
            number = int(value)
        except ValueError:
            raise WorkbookError(f"{path}, line {line}: {col} {value!r} is not a whole number") from None
        if (lo is not None and number < lo) or (hi is not None and number > hi):
            raise WorkbookError(f"{path}, line {line}: {col} {value!r} is not between {lo} and {hi}")


def _where(path) -> Path:
    path = Path(path)
    return path if path.is_absolute() or path.exists() else lexicon_path(str(path))


def _unique_across(frame: pd.DataFrame, columns, path) -> None:
    """One spelling (matching form) under two rows or two columns of one file is an error."""
    seen: dict[str, tuple[int, str]] = {}
    for _, rec in frame.iterrows():
        for col in columns:
            for item in split_list(rec[col]):
                form = spelling_form(item)
                line, other = seen.setdefault(form, (rec["line"], col))
                if line != rec["line"]:
                    raise WorkbookError(f"{path}, line {rec['line']}: {col} {item!r} is already listed on line {line}")
                if other != col:
                    raise WorkbookError(f"{path}, line {line}: {item!r} is listed under both {other} and {col}")


@lru_cache(maxsize=4)
def load_months(path: str = "months.csv", lexicons=None) -> pd.DataFrame:
    """Load and check the Gregorian month lexicon (see the module docstring)."""
    frame = load_lexicon(path, lexicons=Lexicons.of(lexicons), required=["month_id", "number", "gregorian"],
                         optional=["levantine", "maghrebi", "context_only", "note"], unique=["month_id", "number"])
    where = _where(path)
    _int(frame, "number", where, 1, 12)
    _unique_across(frame, MONTH_COLUMNS, where)
    for _, rec in frame.iterrows():
        names = {spelling_form(n) for col in MONTH_COLUMNS for n in split_list(rec[col])}
        for item in split_list(rec["context_only"]):
            if spelling_form(item) not in names:
                raise WorkbookError(f"{where}, line {rec['line']}: context_only {item!r} is not one of the "
                                    f"spellings of {rec['month_id']}")
    return frame


@lru_cache(maxsize=4)
def load_hijri_months(path: str = "hijri_months.csv", lexicons=None) -> pd.DataFrame:
    """Load and check the Hijri month lexicon."""
    frame = load_lexicon(path, lexicons=Lexicons.of(lexicons), required=["month_id", "number", "names"], optional=["note"],
                         unique=["month_id", "number"], unique_matching=["names"])
    _int(frame, "number", _where(path), 1, 12)
    return frame


@lru_cache(maxsize=4)
def load_weekdays(path: str = "weekdays.csv", lexicons=None) -> pd.DataFrame:
    """Load and check the weekday lexicon (``number``: 1 = Monday .. 7 = Sunday, as ISO 8601)."""
    frame = load_lexicon(path, lexicons=Lexicons.of(lexicons), required=["weekday_id", "number", "names"],
                         optional=["not_after", "not_before", "note"], unique=["weekday_id", "number"],
                         unique_matching=["names"])
    _int(frame, "number", _where(path), 1, 7)
    return frame


@lru_cache(maxsize=4)
def load_relative_dates(path: str = "relative_dates.csv", lexicons=None) -> pd.DataFrame:
    """Load and check the relative-date lexicon (``offset`` in units of ``unit`` from the reference)."""
    frame = load_lexicon(path, lexicons=Lexicons.of(lexicons), required=["relative_id", "phrases", "unit", "offset"],
                         optional=["not_after", "not_before", "note"], unique=["relative_id"],
                         unique_matching=["phrases"], allowed={"unit": RELATIVE_UNITS})
    _int(frame, "offset", _where(path))
    return frame


@lru_cache(maxsize=4)
def load_holidays(path: str = "holidays.csv", lexicons=None) -> pd.DataFrame:
    """Load and check the holiday lexicon (fixed days of the Hijri or Gregorian calendar)."""
    frame = load_lexicon(path, lexicons=Lexicons.of(lexicons), required=["holiday_id", "phrases", "calendar", "month", "day"], optional=["note"],
                         unique=["holiday_id"], unique_matching=["phrases"],
                         allowed={"calendar": ["hijri", "gregorian"]})
    _int(frame, "month", _where(path), 1, 12)
    _int(frame, "day", _where(path), 1, 31)
    return frame


def _unique_within(frame: pd.DataFrame, group: str, column: str, path) -> None:
    """One spelling (matching form) twice within the same ``group`` value is an error."""
    seen: dict[tuple[str, str], int] = {}
    for _, rec in frame.iterrows():
        for item in split_list(rec[column]):
            key = (rec[group], spelling_form(item))
            line = seen.setdefault(key, rec["line"])
            if line != rec["line"]:
                raise WorkbookError(f"{path}, line {rec['line']}: {column} {item!r} is already listed for "
                                    f"{group} {rec[group]!r} on line {line}")


@lru_cache(maxsize=4)
def load_date_words(path: str = "date_words.csv", lexicons=None) -> pd.DataFrame:
    """Load and check the building-block words (day parts, directions, cues, range words, count words).

    A spelling must be unique within its role (``من`` both opens a range and links a day to its month).
    """
    frame = load_lexicon(path, lexicons=Lexicons.of(lexicons), required=["word_id", "role", "phrases"],
                         optional=["value", "note"], unique=["word_id"], allowed={"role": WORD_ROLES})
    _int(frame, "value", _where(path), allow_empty=True)
    _unique_within(frame, "role", "phrases", _where(path))
    return frame


@lru_cache(maxsize=4)
def load_ordinal_days(path: str = "ordinal_days.csv", lexicons=None) -> pd.DataFrame:
    """Load and check the ordinal day words (``day`` 1-31; one spelling may serve both genders of a day)."""
    frame = load_lexicon(path, lexicons=Lexicons.of(lexicons), required=["day", "masculine"],
                         optional=["feminine", "note"], unique=["day"])
    where = _where(path)
    _int(frame, "day", where, 1, 31)
    seen: dict[str, int] = {}
    for _, rec in frame.iterrows():
        for col in ("masculine", "feminine"):
            for item in split_list(rec[col]):
                line = seen.setdefault(spelling_form(item), rec["line"])
                if line != rec["line"]:
                    raise WorkbookError(f"{where}, line {rec['line']}: {col} {item!r} is already listed on line {line}")
    return frame


@lru_cache(maxsize=4)
def load_tense_cues(path: str = "tense_cues.csv", lexicons=None) -> pd.DataFrame:
    """Load and check the tense and aspect cues of a clause (roles: see the module docstring)."""
    return load_lexicon(path, lexicons=Lexicons.of(lexicons), required=["cue_id", "role", "phrases"],
                        optional=["note"], unique=["cue_id"], unique_matching=["phrases"], allowed={"role": CUE_ROLES})


@lru_cache(maxsize=4)
def load_time_units(path: str = "time_units.csv", lexicons=None) -> pd.DataFrame:
    """Load and check the time units used in durations (``days``: approximate length in days)."""
    frame = load_lexicon(path, lexicons=Lexicons.of(lexicons), required=["unit_id", "days", "singular", "dual", "plural"], optional=["note"],
                         unique=["unit_id"])
    _int(frame, "days", _where(path), 0)
    _unique_across(frame, UNIT_FORMS, _where(path))
    return frame


@dataclass(frozen=True)
class DateLexicon:
    """Look-up tables from a spelling's matching form to what it means, built once from the files."""

    months: dict[str, int]            # every Gregorian month spelling -> 1..12
    month_ids: dict[int, str]         # 1..12 -> month_id
    safe_months: tuple[str, ...]      # spellings that count as a month on their own
    hijri_months: dict[str, int]
    weekdays: dict[str, int]          # spelling -> Python weekday (0 = Monday)
    weekday_not_after: dict[str, tuple[str, ...]]
    weekday_not_before: dict[str, tuple[str, ...]]
    relatives: dict[str, tuple[str, str, int]]   # spelling -> (relative_id, unit, offset)
    relative_not_after: dict[str, tuple[str, ...]]
    relative_not_before: dict[str, tuple[str, ...]]
    holidays: dict[str, tuple[str, str, int, int]]  # spelling -> (holiday_id, calendar, month, day)
    words: dict[str, dict[str, str]]  # role -> {spelling: word_id}
    word_values: dict[str, int | None]  # word_id -> value
    units: dict[str, tuple[str, str, int]]  # spelling -> (unit_id, form, days)
    ordinals: dict[str, int]          # ordinal day word -> 1..31
    cues: dict[tuple[str, ...], tuple[str, str]]  # words of a cue phrase -> (role, cue_id)
    future_prefixes: tuple[tuple[str, str], ...]  # ``س`` + imperfect prefix: (matching form, hamza kept)


def _spellings(cell: str) -> list[str]:
    return list(dict.fromkeys(spelling_form(s) for s in split_list(cell)))


# The lexicons the date functions read while a corpus is analysed: set by :func:`using_lexicons` for
# the length of one call (a corpus's date table), the shipped files otherwise. A context variable, so
# two corpora analysed one after the other, or in two threads, never see each other's files.
_ACTIVE: ContextVar[Lexicons | None] = ContextVar("date_lexicons", default=None)


@contextmanager
def using_lexicons(source):
    """Make the date functions read ``source``'s lexicons (a corpus, its folder or a Lexicons) inside a ``with``.

    Examples
    --------
    >>> with using_lexicons(None):
    ...     active_lexicons() == Lexicons()
    True
    """
    token = _ACTIVE.set(Lexicons.of(source))
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def active_lexicons() -> Lexicons:
    """Return the lexicons the date functions read now: those of :func:`using_lexicons`, else the shipped ones."""
    return _ACTIVE.get() or Lexicons()


def date_lexicon(lexicons=None) -> DateLexicon:
    """Return the look-up tables built from every date lexicon (loaded and checked once, cached).

    ``lexicons`` (a corpus folder, a loaded corpus or a :class:`~helpers.lexicon.Lexicons`) may extend
    the shipped files with the corpus's own (see :mod:`helpers.lexicon`); None: the files of
    :func:`active_lexicons` (the shipped ones outside :func:`using_lexicons`).
    """
    return _date_lexicon(Lexicons.of(lexicons) if lexicons is not None else active_lexicons())


@lru_cache(maxsize=4)
def _date_lexicon(lexicons: Lexicons) -> DateLexicon:
    months, safe, month_ids = {}, [], {}
    for _, rec in load_months(lexicons=lexicons).iterrows():
        number = int(rec["number"])
        month_ids[number] = rec["month_id"]
        risky = set(_spellings(rec["context_only"]))
        for col in MONTH_COLUMNS:
            for form in _spellings(rec[col]):
                months[form] = number
                if form not in risky:
                    safe.append(form)
    hijri = {form: int(rec["number"]) for _, rec in load_hijri_months(lexicons=lexicons).iterrows() for form in _spellings(rec["names"])}
    weekdays, wd_after, wd_before = {}, {}, {}
    for _, rec in load_weekdays(lexicons=lexicons).iterrows():
        for form in _spellings(rec["names"]):
            weekdays[form] = int(rec["number"]) - 1
            wd_after[form] = tuple(_spellings(rec["not_after"]))
            wd_before[form] = tuple(_spellings(rec["not_before"]))
    relatives, rel_after, rel_before = {}, {}, {}
    for _, rec in load_relative_dates(lexicons=lexicons).iterrows():
        for form in _spellings(rec["phrases"]):
            relatives[form] = (rec["relative_id"], rec["unit"], int(rec["offset"]))
            rel_after[form] = tuple(_spellings(rec["not_after"]))
            rel_before[form] = tuple(_spellings(rec["not_before"]))
    holidays = {form: (rec["holiday_id"], rec["calendar"], int(rec["month"]), int(rec["day"]))
                for _, rec in load_holidays(lexicons=lexicons).iterrows() for form in _spellings(rec["phrases"])}
    words: dict[str, dict[str, str]] = {role: {} for role in WORD_ROLES}
    values: dict[str, int | None] = {}
    for _, rec in load_date_words(lexicons=lexicons).iterrows():
        values[rec["word_id"]] = int(rec["value"]) if rec["value"] else None
        for form in _spellings(rec["phrases"]):
            words[rec["role"]][form] = rec["word_id"]
    units = {form: (rec["unit_id"], col, int(rec["days"]))
             for _, rec in load_time_units(lexicons=lexicons).iterrows() for col in UNIT_FORMS for form in _spellings(rec[col])}
    ordinals = {form: int(rec["day"]) for _, rec in load_ordinal_days(lexicons=lexicons).iterrows()
                for col in ("masculine", "feminine") for form in _spellings(rec[col])}
    cues, prefixes = {}, []
    for _, rec in load_tense_cues(lexicons=lexicons).iterrows():
        if rec["role"] == "future_prefix":
            prefixes += [(spelling_form(p), light_form(p)) for p in split_list(rec["phrases"])]
            continue
        for form in _spellings(rec["phrases"]):
            cues[tuple(form.split())] = (rec["role"], rec["cue_id"])
    return DateLexicon(months, month_ids, tuple(safe), hijri, weekdays, wd_after, wd_before, relatives,
                       rel_after, rel_before, holidays, words, values, units, ordinals, cues,
                       tuple(dict.fromkeys(prefixes)))


def month_table() -> pd.DataFrame:
    """Return the month lexicon for display: one row per month, spellings by region.

    Examples
    --------
    >>> month_table().loc[5, ["month_id", "levantine", "gregorian"]].tolist()
    ['june', 'حزيران', 'يونيو | يونيه']
    """
    frame = for_display(load_months()).copy()
    for col in (*MONTH_COLUMNS, "context_only"):
        frame[col] = frame[col].map(lambda cell: " | ".join(split_list(cell)))
    return frame.reset_index(drop=True)


DATE_LEXICON_FILES = {
    "months.csv": load_months, "hijri_months.csv": load_hijri_months, "weekdays.csv": load_weekdays,
    "relative_dates.csv": load_relative_dates, "holidays.csv": load_holidays, "date_words.csv": load_date_words,
    "time_units.csv": load_time_units, "ordinal_days.csv": load_ordinal_days, "tense_cues.csv": load_tense_cues,
}


def date_lexicon_tables(lexicons=None) -> dict[str, pd.DataFrame]:
    """Return every date lexicon for display, keyed by file name (lists shown as ``a | b``).

    ``lexicons``: a corpus, its folder or a :class:`~helpers.lexicon.Lexicons`, whose own date files
    extend the shipped ones; None: the shipped files.

    Examples
    --------
    >>> sorted(date_lexicon_tables())[:3]
    ['date_words.csv', 'hijri_months.csv', 'holidays.csv']
    """
    tables = {}
    for name, loader in DATE_LEXICON_FILES.items():
        frame = for_display(loader(lexicons=Lexicons.of(lexicons))).copy()
        for col in frame.columns:
            frame[col] = frame[col].map(lambda cell: " | ".join(split_list(cell)) if "|" in cell else cell)
        tables[name] = frame.reset_index(drop=True)
    return tables
