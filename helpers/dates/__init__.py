"""Dates: find every date expression, type it, and resolve it against the article's own date.

* :mod:`helpers.dates.lexicons`: the data files (months, weekdays, relative dates, holidays, cues, ordinals).
* :mod:`helpers.dates.patterns`: the one regular expression and :func:`parse_date_expressions`;
  :mod:`helpers.dates.expression` what one match says; :mod:`helpers.dates.context` the tense and
  aspect cues of its clause.
* :mod:`helpers.dates.resolve`: the resolution rules (:func:`resolve_expression`), with
  :mod:`helpers.dates.rules` (calendar helpers), :mod:`helpers.dates.ranges` and
  :mod:`helpers.dates.counts` (``منذ``/``قبل``/``بعد`` + a count).
* :mod:`helpers.dates.article`: an article as a whole: its reference date, a contradicting weekday,
  ``نفس الشهر`` (:func:`reference_for_article`, :func:`resolve_article`).
* :mod:`helpers.dates.extract`: per-text and per-corpus tables (:func:`extract_dates`,
  :func:`date_mentions`, :func:`reference_dates`, :func:`date_tables`).
* :mod:`helpers.dates.compare`: the same text through ``dateparser`` (:func:`compare_with_dateparser`,
  :func:`dateparser_spans`); :mod:`helpers.dates.battery`: both scored on the hand-written battery.
* :mod:`helpers.dates.display`: mentions in context (HTML) and the timeline figure.
"""
from .article import reference_for_article, resolve_article
from .battery import battery_scores, load_battery, score_battery
from .compare import compare_with_dateparser, dateparser_spans
from .display import date_table_html, date_timeline, dates_in_context_html, highlight_dates
from .extract import (date_mentions, date_summary, date_tables, dated_articles, extract_dates, reference_dates,
                      reference_notes, try_phrases, try_references)
from .lexicons import date_lexicon, date_lexicon_tables, month_table
from .patterns import date_pattern_source, date_regex, parse_date_expressions, pattern_overview
from .expression import DateExpression
from .resolve import Resolution, infer_year, resolve_expression, weekday_on_or_after, weekday_on_or_before

__all__ = [
    "reference_for_article", "resolve_article",
    "battery_scores", "load_battery", "score_battery",
    "compare_with_dateparser", "dateparser_spans",
    "date_table_html", "date_timeline", "dates_in_context_html", "highlight_dates",
    "date_mentions", "date_summary", "date_tables", "dated_articles", "extract_dates", "reference_dates",
    "reference_notes", "try_phrases", "try_references",
    "date_lexicon", "date_lexicon_tables", "month_table",
    "DateExpression", "date_pattern_source", "date_regex", "parse_date_expressions", "pattern_overview",
    "Resolution", "infer_year", "resolve_expression", "weekday_on_or_after", "weekday_on_or_before",
]
