"""Date tables for a corpus: every mention, typed and resolved, and each article's reference date.

The reference date of an article comes from ``metadata.csv``, else from a dateline-like date in its
text, else there is none (the rule: :mod:`helpers.dates.article`). Today's date is never used.

Only counted lines are read (:data:`helpers.roles.COUNTED_ROLES`: every role except ``boilerplate``
and ``related``): a read-also teaser is another article's news.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..errors import WorkbookError
from ..loading import Corpus
from ..roles import COUNTED_ROLES
from .article import NO_REFERENCE, reference_for_article, resolve_article
from .lexicons import using_lexicons
from .patterns import DateExpression, parse_date_expressions

MENTION_COLUMNS = ("doc_id", "para_id", "surface", "start", "end", "kind", "value", "value_end", "precision", "note")
REFERENCE_COLUMNS = ("doc_id", "reference_date", "basis", "detail", "flag")
TEXT_COLUMNS = ("surface", "start", "end", "kind", "value", "value_end", "precision", "note")

__all__ = ["MENTION_COLUMNS", "NO_REFERENCE", "REFERENCE_COLUMNS", "TEXT_COLUMNS", "as_reference", "check_year_range",
           "date_mentions", "date_summary", "date_tables", "dated_articles", "extract_dates", "reference_dates",
           "reference_notes",
           "try_phrases", "try_references"]


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

    The text is read as one article (:func:`helpers.dates.article.resolve_article`): ``نفس الشهر``
    takes the month of the last date before it, and a weekday that contradicts ``reference`` leaves
    the mentions counted from it unresolved.

    Columns: ``surface, start, end, kind, value, value_end, precision, note``, with
    ``text[start:end] == surface``; ``value_end`` is the last day (month, year) of a range, else empty.

    Examples
    --------
    >>> extract_dates("صرح يوم السبت الماضي", "2020-02-11")[["surface", "kind", "value"]].values.tolist()
    [['يوم السبت الماضي', 'weekday', '2020-02-08']]
    >>> extract_dates("قتل 5 جنود خلال أسبوعين")[["surface", "kind", "value"]].values.tolist()
    [['خلال أسبوعين', 'duration', '']]
    >>> extract_dates("بين 5 و7 شباط", "2020-02-20")[["kind", "value", "value_end"]].values.tolist()
    [['range', '2020-02-05', '2020-02-07']]
    """
    reference = as_reference(reference)
    check_year_range(year_range)
    exprs = parse_date_expressions(text)
    rows = [(e.surface, e.start, e.end, r.kind, r.value, r.value_end, r.precision, r.note)
            for e, r in zip(exprs, resolve_article(exprs, reference, basis, year_range))]
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
            found = pd.DataFrame([("", -1, -1, "", "", "", "none", "no date expression")], columns=list(TEXT_COLUMNS))
        found.insert(0, "reference", str(ref or ""))
        found.insert(0, "text", text)
        frames.append(found)
    return pd.concat(frames, ignore_index=True)


def try_references(cases, year_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Apply the reference-date rule to small made-up articles; one row per article.

    ``cases`` maps a label to ``(lines, published)``: ``lines`` a list of ``(role, text)`` in reading
    order (roles as in ``paragraphs.csv``: ``title``, ``byline``, ``body`` ...), ``published`` the
    metadata date or ``""``. Columns: ``case, reference_date, basis, flag, detail``, then for each
    article ``relative`` (its relative mentions as ``surface = value``, ``?`` when unresolved).

    Examples
    --------
    >>> cases = {"an earlier event": ([("title", "الهدنة لم تصمد"), ("body", "تجدد القصف أمس."),
    ...                                ("body", "وكانت الهدنة قد أعلنت في 9 كانون الثاني 2020.")], "")}
    >>> try_references(cases)[["basis", "relative"]].values.tolist()
    [['none', 'أمس = ?']]
    """
    check_year_range(year_range)
    rows = []
    for label, (lines, published) in cases.items():
        parsed = [(i, role, text, parse_date_expressions(text)) for i, (role, text) in enumerate(lines, 1)]
        ref = reference_for_article(parsed, published, year_range)
        exprs = [e for *_, line_exprs in parsed for e in line_exprs]
        resolved = resolve_article(exprs, ref.reference, "" if ref.reference else ref.detail, year_range)
        relative = [f"{e.surface} = {r.value or '?'}" for e, r in zip(exprs, resolved) if e.kind in ("relative", "weekday")]
        rows.append((label, ref.reference.isoformat() if ref.reference else "", ref.basis, ref.flag, ref.detail,
                     " ; ".join(relative)))
    return pd.DataFrame(rows, columns=["case", "reference_date", "basis", "flag", "detail", "relative"])


def _counted_paragraphs(corpus: Corpus) -> dict[str, list[tuple[int, str, str, list[DateExpression]]]]:
    """Parse every counted line once: ``{doc_id: [(para_id, role, text, expressions), ...]}``."""
    par = corpus.paragraphs
    par = par[par["role"].isin(COUNTED_ROLES)]
    parsed: dict[str, list] = {doc_id: [] for doc_id in corpus.articles["doc_id"]}
    forms = corpus.matching_forms()[par.index].tolist()
    for doc_id, para_id, role, text, form in zip(par["doc_id"].tolist(), par["para_id"].tolist(),
                                                 par["role"].tolist(), par["text"].tolist(), forms):
        parsed.setdefault(doc_id, []).append((int(para_id), role, text, parse_date_expressions(text, form)))
    return parsed


def _references(corpus: Corpus, parsed, year_range=None) -> pd.DataFrame:
    rows = []
    for doc_id, published in zip(corpus.articles["doc_id"], corpus.articles["published"]):
        ref = reference_for_article(parsed.get(doc_id, []), published, year_range)
        rows.append((doc_id, ref.reference.isoformat() if ref.reference else "", ref.basis, ref.detail, ref.flag))
    return pd.DataFrame(rows, columns=list(REFERENCE_COLUMNS))


def reference_dates(corpus: Corpus, year_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Return each article's reference date: ``doc_id, reference_date, basis, detail, flag``.

    ``basis`` is ``metadata``, ``text`` (a dateline-like date) or ``none``; ``flag`` is
    ``weekday_contradiction`` when a weekday in the text contradicts the reference (its relative dates
    are then left unresolved), else empty. The rule: :mod:`helpers.dates.article`.
    """
    check_year_range(year_range)
    with using_lexicons(corpus):
        return _references(corpus, _counted_paragraphs(corpus), year_range)


def _mentions(corpus: Corpus, parsed, refs: pd.DataFrame, year_range) -> pd.DataFrame:
    rows = []
    for doc_id, ref, basis, detail, _ in refs.itertuples(index=False):
        reference = dt.date.fromisoformat(ref) if ref else None
        why = detail if basis == "none" else ""
        lines = parsed.get(doc_id, [])
        exprs = [(para_id, e) for para_id, _, _, line_exprs in lines for e in line_exprs]
        resolved = resolve_article([e for _, e in exprs], reference, why, year_range)
        for (para_id, expr), res in zip(exprs, resolved):
            rows.append((doc_id, para_id, expr.surface, expr.start, expr.end, res.kind, res.value, res.value_end,
                         res.precision, res.note))
    return pd.DataFrame(rows, columns=list(MENTION_COLUMNS))


def date_mentions(corpus: Corpus, year_range: tuple[int, int] | None = None) -> pd.DataFrame:
    """Return every date mention of the corpus's counted lines, resolved against its article's reference.

    Columns ``doc_id, para_id, surface, start, end, kind, value, value_end, precision, note``; offsets
    are into the paragraph's clean ``text``; ``value_end`` is the last day (month, year) of a range.
    Rows in article, paragraph and text order.
    """
    check_year_range(year_range)
    with using_lexicons(corpus):
        parsed = _counted_paragraphs(corpus)
        return _mentions(corpus, parsed, _references(corpus, parsed, year_range), year_range)


def date_tables(corpus: Corpus) -> dict[str, pd.DataFrame]:
    """Return ``{"date_mentions.csv": ..., "reference_dates.csv": ...}`` for ``python -m helpers tables``.

    Both read the corpus's own date lexicons (``DIR/lexicons/months.csv``...) where it has them.
    """
    with using_lexicons(corpus):
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


def reference_notes(references: pd.DataFrame, articles: pd.DataFrame, notes=()) -> list:
    """Return the warnings about the articles' reference dates, one :class:`~helpers.errors.CorpusNote` per article.

    Parameters
    ----------
    references
        :func:`reference_dates` (``reference_dates.csv``).
    articles
        The articles table (``doc_id``, ``file``).
    notes
        The loading warnings already recorded: an article without a metadata row (or a corpus
        without ``metadata.csv``) is already said to have no date, and gets no second note about it.

    Returns
    -------
    list of CorpusNote
        In article order, of kind ``weekday_contradiction`` (a weekday in the text contradicts the
        reference date: the article's relative dates are left unresolved) or ``date_from_text`` (no
        published date: the reference date is a dateline-like date in the text, which the workbook
        chose). An article with neither date gets no note: nothing was guessed, its relative dates
        say why they are unresolved, and the reports list it as undated.
    """
    from ..errors import CorpusNote
    from .article import CONTRADICTION_FLAG

    files = dict(zip(articles["doc_id"], articles["file"]))
    without_row = {n.file for n in notes if n.kind == "no_metadata_row"}
    no_metadata = any(n.kind == "no_metadata_file" for n in notes)
    out = []
    for doc_id, ref, basis, detail, flag in references[list(REFERENCE_COLUMNS)].itertuples(index=False):
        file = files.get(doc_id, doc_id)
        if flag == CONTRADICTION_FLAG:
            said = detail.partition("CHECK: ")[2].removesuffix(": relative dates left unresolved") or detail
            source = "published date in metadata.csv" if basis == "metadata" else "date from the text"
            out.append(CorpusNote(CONTRADICTION_FLAG, file, f"reference date {ref} ({source}) contradicted: {said}",
                                  "its relative dates (أمس, weekdays, الجاري...) are left unresolved; check the "
                                  "published date in metadata.csv"))
        elif basis == "text" and not no_metadata and file not in without_row:
            why = detail.removeprefix("no published date; ")
            out.append(CorpusNote("date_from_text", file, f"no published date in metadata.csv; reference date "
                                  f"{ref} from the text: {why}",
                                  "relative dates resolved against it; put the date in metadata.csv to confirm it"))
    return out


def dated_articles(articles: pd.DataFrame, references: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``articles`` whose ``published`` is each article's reference date, with its ``date_basis``.

    For charts and views that show or compare an article's date: an article without a published date
    but with a dateline shows that date (``date_basis`` ``text``), as the index does, not "undated".

    Parameters
    ----------
    articles
        The articles table (``doc_id``, ``published``...); not modified.
    references
        :func:`reference_dates` (``reference_dates.csv``): ``doc_id, reference_date, basis``.

    Returns
    -------
    pandas.DataFrame
        The same rows and columns, ``published`` replaced by the reference date (``""`` when there is
        none), plus ``date_basis`` (``metadata``, ``text`` or ``""``).

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["009"], "published": [""]})
    >>> refs = pd.DataFrame({"doc_id": ["009"], "reference_date": ["2018-12-20"], "basis": ["text"]})
    >>> dated_articles(arts, refs)[["published", "date_basis"]].values.tolist()
    [['2018-12-20', 'text']]
    """
    dates = dict(zip(references["doc_id"], references["reference_date"]))
    bases = dict(zip(references["doc_id"], references["basis"]))
    out = articles.copy()
    out["published"] = [dates.get(d, p) or "" for d, p in zip(out["doc_id"], out["published"])]
    out["date_basis"] = [bases.get(d, "metadata") if p else "" for d, p in zip(out["doc_id"], out["published"])]
    return out
