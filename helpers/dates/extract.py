"""Date tables for a corpus: every mention, typed and resolved, and each article's reference date.

Reference date of an article (:func:`reference_dates`), in this order:

1. ``metadata``: its ``published`` date from ``metadata.csv``;
2. ``text``: otherwise the first full date (day, month and year all written) in its counted lines,
   in reading order: a dateline or "on Wednesday 5 June 2019" is usually the day of the news;
3. ``none``: otherwise there is none, and every mention that needs one stays unresolved, its note
   saying why. Today's date is never used.

Only counted lines are read (:data:`helpers.roles.COUNTED_ROLES`: every role except ``boilerplate``
and ``related``): a read-also teaser is another article's news.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..errors import WorkbookError
from ..loading import Corpus
from ..roles import COUNTED_ROLES
from .patterns import DateExpression, parse_date_expressions
from .resolve import Resolution, resolve_expression

MENTION_COLUMNS = ("doc_id", "para_id", "surface", "start", "end", "kind", "value", "precision", "note")
REFERENCE_COLUMNS = ("doc_id", "reference_date", "basis", "detail")
TEXT_COLUMNS = ("surface", "start", "end", "kind", "value", "precision", "note")
NO_REFERENCE = "the article has no published date in its metadata and no full date in its text"


def as_reference(reference: dt.date | str | None) -> dt.date | None:
    """Return ``reference`` as a date (``""`` and None mean none); a bad value is a WorkbookError.

    Examples
    --------
    >>> as_reference("2020-02-11")
    datetime.date(2020, 2, 11)
    >>> as_reference("11/02/2020")
    Traceback (most recent call last):
    ...
    helpers.errors.WorkbookError: reference='11/02/2020' is not a date of the form YYYY-MM-DD
    """
    if reference is None or reference == "":
        return None
    if isinstance(reference, dt.datetime):
        return reference.date()
    if isinstance(reference, dt.date):
        return reference
    try:
        return dt.date.fromisoformat(str(reference))
    except ValueError:
        raise WorkbookError(f"reference={reference!r} is not a date of the form YYYY-MM-DD") from None


def check_year_range(year_range) -> None:
    """Raise WorkbookError unless ``year_range`` is None or ``(first, last)`` whole years, first <= last.

    Examples
    --------
    >>> check_year_range((2016, 2022))
    >>> check_year_range((2022, 2016))
    Traceback (most recent call last):
    ...
    helpers.errors.WorkbookError: year_range=(2022, 2016) must be (first, last) years with first <= last, e.g. (2015, 2021)
    """
    if year_range is None:
        return
    ok = (isinstance(year_range, (tuple, list)) and len(year_range) == 2
          and all(isinstance(y, int) and 1 <= y <= 9998 for y in year_range) and year_range[0] <= year_range[1])
    if not ok:
        raise WorkbookError(f"year_range={year_range!r} must be (first, last) years with first <= last, e.g. (2015, 2021)")


def extract_dates(text: str, reference: dt.date | str | None = None, basis: str = "",
                  year_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Return the date mentions of one clean text, resolved against ``reference``.

    Columns: ``surface, start, end, kind, value, precision, note``, with ``text[start:end] == surface``.

    Examples
    --------
    >>> extract_dates("صرح يوم السبت الماضي", "2020-02-11")[["surface", "kind", "value"]].values.tolist()
    [['يوم السبت الماضي', 'weekday', '2020-02-08']]
    >>> extract_dates("قتل 5 جنود خلال أسبوعين")[["surface", "kind", "value"]].values.tolist()
    [['خلال أسبوعين', 'duration', '']]
    """
    reference = as_reference(reference)
    check_year_range(year_range)
    rows = []
    for expr in parse_date_expressions(text):
        res = resolve_expression(expr, reference, basis, year_range)
        rows.append((expr.surface, expr.start, expr.end, res.kind, res.value, res.precision, res.note))
    return pd.DataFrame(rows, columns=list(TEXT_COLUMNS))


def try_phrases(phrases, reference: dt.date | str | None = None,
                year_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Run :func:`extract_dates` on several short texts; one row per mention, or per text without one.

    Each item is a text, or a tuple ``(text, reference)`` or ``(text, reference, year_range)`` that
    overrides the defaults. Columns: ``text, reference`` and those of :func:`extract_dates`.

    Examples
    --------
    >>> try_phrases(["أمس", ("5 جنود", "2020-02-11")], "2020-02-11")[["text", "value", "note"]].values.tolist()
    [['أمس', '2020-02-10', 'yesterday: reference 2020-02-11 -1 day'], ['5 جنود', '', 'no date expression']]
    """
    frames = []
    for item in phrases:
        text, ref, years = (item, reference, year_range) if isinstance(item, str) else (*item, year_range)[:3]
        found = extract_dates(text, ref, year_range=years)
        if found.empty:
            found = pd.DataFrame([("", -1, -1, "", "", "none", "no date expression")], columns=list(TEXT_COLUMNS))
        found.insert(0, "reference", str(ref or ""))
        found.insert(0, "text", text)
        frames.append(found)
    return pd.concat(frames, ignore_index=True)


def _counted_paragraphs(corpus: Corpus) -> dict[str, list[tuple[int, str, list[DateExpression]]]]:
    """Parse every counted line once: ``{doc_id: [(para_id, text, expressions), ...]}``."""
    par = corpus.paragraphs
    par = par[par["role"].isin(COUNTED_ROLES)]
    parsed: dict[str, list] = {doc_id: [] for doc_id in corpus.articles["doc_id"]}
    forms = corpus.matching_forms()[par.index].tolist()
    for doc_id, para_id, text, form in zip(par["doc_id"].tolist(), par["para_id"].tolist(), par["text"].tolist(), forms):
        parsed.setdefault(doc_id, []).append((int(para_id), text, parse_date_expressions(text, form)))
    return parsed


def _first_full_date(paragraphs) -> tuple[dt.date, str] | None:
    for para_id, _, exprs in paragraphs:
        for expr in exprs:
            if expr.kind == "absolute" and expr.year is not None and expr.day is not None:
                res = resolve_expression(expr)
                if res.precision == "day":
                    return dt.date.fromisoformat(res.value), f'"{expr.surface}" (paragraph {para_id})'
    return None


def _references(corpus: Corpus, parsed) -> pd.DataFrame:
    rows = []
    for doc_id, published in zip(corpus.articles["doc_id"], corpus.articles["published"]):
        first = _first_full_date(parsed.get(doc_id, []))
        if published:
            detail = "published date in metadata.csv"
            if first:
                agree = "agrees" if first[0].isoformat() == published else "differs: CHECK"
                detail += f"; first full date in the text {first[0]} {first[1]} {agree}"
            rows.append((doc_id, published, "metadata", detail))
        elif first:
            rows.append((doc_id, first[0].isoformat(), "text", f"no published date; first full date in the text {first[1]}"))
        else:
            rows.append((doc_id, "", "none", NO_REFERENCE))
    return pd.DataFrame(rows, columns=list(REFERENCE_COLUMNS))


def reference_dates(corpus: Corpus) -> pd.DataFrame:
    """Return each article's reference date: ``doc_id, reference_date, basis, detail`` (see module docstring)."""
    return _references(corpus, _counted_paragraphs(corpus))


def _mentions(corpus: Corpus, parsed, refs: pd.DataFrame, year_range) -> pd.DataFrame:
    rows = []
    for doc_id, ref, basis, detail in refs.itertuples(index=False):
        reference = dt.date.fromisoformat(ref) if ref else None
        why = detail if basis == "none" else ""
        for para_id, _, exprs in parsed.get(doc_id, []):
            for expr in exprs:
                res: Resolution = resolve_expression(expr, reference, why, year_range)
                rows.append((doc_id, para_id, expr.surface, expr.start, expr.end, res.kind, res.value,
                             res.precision, res.note))
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


def date_mentions(corpus: Corpus, year_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Return every date mention of the corpus's counted lines, resolved against its article's reference.

    Columns ``doc_id, para_id, surface, start, end, kind, value, precision, note``; offsets are into
    the paragraph's clean ``text``. Rows in article, paragraph and text order.
    """
    check_year_range(year_range)
    parsed = _counted_paragraphs(corpus)
    return _mentions(corpus, parsed, _references(corpus, parsed), year_range)


def date_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Return ``{"date_mentions.csv": ..., "reference_dates.csv": ...}`` for ``python -m helpers tables``."""
    parsed = _counted_paragraphs(corpus)
    refs = _references(corpus, parsed)
    return {"date_mentions.csv": _mentions(corpus, parsed, refs, None), "reference_dates.csv": refs}


def date_summary(mentions: pd.DataFrame, articles: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return, per article, the number of mentions that are resolved (a value) and unresolved.

    Examples
    --------
    >>> m = pd.DataFrame({"doc_id": ["1", "1"], "kind": ["relative", "duration"], "value": ["2020-02-11", ""]})
    >>> date_summary(m).values.tolist()
    [['1', 2, 1, 1]]
    """
    frame = mentions.assign(resolved=mentions["value"] != "")
    out = frame.groupby("doc_id", sort=False).agg(mentions=("kind", "size"), resolved=("resolved", "sum"))
    out["unresolved"] = out["mentions"] - out["resolved"]
    if articles is not None:
        out = out.reindex(articles["doc_id"], fill_value=0)
    return out.reset_index().astype({"mentions": int, "resolved": int, "unresolved": int})
