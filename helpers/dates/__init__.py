"""Dates: find every date expression, type it, and resolve it against the article's own date.

* :mod:`helpers.dates.lexicons`: the data files (months, weekdays, relative dates, holidays, cues).
* :mod:`helpers.dates.patterns`: the one regular expression and :func:`parse_date_expressions`.
* :mod:`helpers.dates.resolve`: the resolution rules (:func:`resolve_expression`).
* :mod:`helpers.dates.extract`: per-text and per-corpus tables (:func:`extract_dates`,
  :func:`date_mentions`, :func:`reference_dates`, :func:`date_tables`).
* :mod:`helpers.dates.compare`: the same text through ``dateparser`` (:func:`compare_with_dateparser`,
  :func:`dateparser_spans`).
* :mod:`helpers.dates.display`: mentions in context (HTML) and the timeline figure.
"""
from .compare import compare_with_dateparser, dateparser_spans
from .display import date_table_html, date_timeline, dates_in_context_html, highlight_dates
from .extract import date_mentions, date_summary, date_tables, extract_dates, reference_dates, try_phrases
from .lexicons import date_lexicon, date_lexicon_tables, month_table
from .patterns import DateExpression, date_pattern_source, date_regex, parse_date_expressions, pattern_overview
from .resolve import Resolution, infer_year, resolve_expression, weekday_on_or_after, weekday_on_or_before

__all__ = [
    "compare_with_dateparser", "dateparser_spans",
    "date_table_html", "date_timeline", "dates_in_context_html", "highlight_dates",
    "date_mentions", "date_summary", "date_tables", "extract_dates", "reference_dates", "try_phrases",
    "date_lexicon", "date_lexicon_tables", "month_table",
    "DateExpression", "date_pattern_source", "date_regex", "parse_date_expressions", "pattern_overview",
    "Resolution", "infer_year", "resolve_expression", "weekday_on_or_after", "weekday_on_or_before",
]
