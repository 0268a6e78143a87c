"""Run a general-purpose date parser (``dateparser``) on the same lines, side by side with ours.

``dateparser.search_dates`` is called once per counted line without a ``RELATIVE_BASE`` (so it
resolves relative words, missing years and missing days against the machine's clock, which is
the problem this comparison shows), and once more with the article's reference date as
``RELATIVE_BASE`` when the article has one. Its findings are aligned with ours by overlapping
character spans. dateparser is slow (tens of milliseconds a line): call this once, in a notebook or a
benchmark, never inside the tables.
"""
from __future__ import annotations

import datetime as dt
import warnings

import pandas as pd

from ..loading import Corpus
from ..roles import COUNTED_ROLES
from .extract import date_mentions, reference_dates

COMPARE_COLUMNS = ("doc_id", "para_id", "surface", "kind", "value", "value_end", "precision", "dp_surface", "dp_value",
                   "dp_value_with_reference", "verdict", "verdict_with_reference")


def dateparser_spans(text: str, base: dt.date | None, clock: dt.date | None = None) -> list[tuple[int, int, str, str]]:
    """Return dateparser's findings in ``text`` as ``(start, end, surface, ISO date)``.

    ``base`` is the reference date given to dateparser as ``RELATIVE_BASE`` (None: it uses today's
    date). ``clock``, used only without a ``base``, stands in for today's date and nothing else:
    dateparser runs with its default settings as if the machine's clock said ``clock``, so a
    demonstration of what it does without a base gives the same values on any day. Offsets are into
    ``text``; a finding dateparser reports but that cannot be found in the text is left out.
    """
    from dateparser.search import search_dates

    settings = {"RETURN_AS_TIMEZONE_AWARE": False}
    if base is None and clock is not None:
        settings.update(RELATIVE_BASE=dt.datetime(clock.year, clock.month, clock.day))
    if base is not None:
        settings.update(RELATIVE_BASE=dt.datetime(base.year, base.month, base.day), PREFER_DATES_FROM="past")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = search_dates(text, languages=["ar"], settings=settings) or []
    spans, pos = [], 0
    for surface, when in found:
        start = text.find(surface, pos)
        if start < 0:
            start = text.find(surface)
        if start < 0:
            continue
        spans.append((start, start + len(surface), surface, when.date().isoformat()))
        pos = start + len(surface)
    return spans




def _overlapping(spans, start: int, end: int):
    return [s for s in spans if s[0] < end and start < s[1]]


def _verdict(value: str, precision: str, hits, value_end: str = "") -> str:
    if len(hits) > 1:
        return f"split into {len(hits)} pieces: " + " / ".join(_agreement(value, precision, h[3], value_end)
                                                                for h in hits)
    return _agreement(value, precision, hits[0][3] if hits else "", value_end)


def _agreement(value: str, precision: str, dp_value: str, value_end: str = "") -> str:
    if not dp_value:
        return "missed by dateparser" if value else "no date value in either (a span or no reference)"
    if not value:
        return "dateparser gives a date where the text states none"
    if value_end:
        ends = (value, value_end)
        return "one end of the range" if any(dp_value[:len(e)] == e for e in ends) else "outside the range"
    if precision == "day":
        return "same date" if dp_value == value else "different date"
    if precision == "month":
        return "same month, dateparser adds a day" if dp_value[:7] == value else "different month"
    return "same year, dateparser adds month and day" if dp_value[:4] == value else "different year"


def compare_with_dateparser(corpus: Corpus, with_reference: bool = True,
                            mentions: pd.DataFrame | None = None, clock: dt.date | None = None,
                            doc_ids=None) -> pd.DataFrame:
    """Return our date mentions next to what ``dateparser.search_dates`` finds in the same lines.

    One row per mention of ours (with the dateparser findings that overlap it, joined by `` ; ``) and
    one row per dateparser finding that overlaps none of ours. Columns: ``doc_id, para_id, surface,
    kind, value, value_end, precision`` (ours), ``dp_surface, dp_value`` (dateparser without a base date: it uses
    today's date), ``dp_value_with_reference`` (with the article's reference date as
    ``RELATIVE_BASE``; empty when the article has none or ``with_reference`` is False), ``verdict`` and
    ``verdict_with_reference`` (how dateparser's value compares with ours, in each run).
    The ``dp_value`` column depends on the day the code runs, unless ``clock`` states that day (see
    :func:`dateparser_spans`): it is not written to the tables. ``doc_ids`` limits the comparison to
    those articles (dateparser takes tens of milliseconds a line).
    """
    mentions = date_mentions(corpus) if mentions is None else mentions
    refs = dict(zip(*reference_dates(corpus)[["doc_id", "reference_date"]].T.values))
    par = corpus.paragraphs[corpus.paragraphs["role"].isin(COUNTED_ROLES)]
    if doc_ids is not None:
        par = par[par["doc_id"].isin(set(doc_ids))]
    mentions = mentions[mentions["doc_id"].isin(set(par["doc_id"]))]  # grouping all of 10,000 articles' took 9 s
    by_para = {key: group for key, group in mentions.groupby(["doc_id", "para_id"], sort=False)}
    rows = []
    for doc_id, para_id, text in zip(par["doc_id"], par["para_id"], par["text"]):
        ref = refs.get(doc_id, "")
        plain = dateparser_spans(text, None, clock=clock)
        based = dateparser_spans(text, dt.date.fromisoformat(ref)) if (with_reference and ref) else []
        used = set()
        ours = by_para.get((doc_id, para_id))
        for m in ([] if ours is None else ours.itertuples(index=False)):
            hits, hits_ref = _overlapping(plain, m.start, m.end), _overlapping(based, m.start, m.end)
            used.update(hits)
            dp_value, with_ref = " ; ".join(h[3] for h in hits), " ; ".join(h[3] for h in hits_ref)
            value_end = getattr(m, "value_end", "")
            verdict = _verdict(m.value, m.precision, hits, value_end)
            if hits and with_ref and with_ref != dp_value:
                verdict += "; the value comes from today's date"
            verdict_ref = _verdict(m.value, m.precision, hits_ref, value_end) if based or (with_reference and ref) \
                else ""
            rows.append((doc_id, para_id, m.surface, m.kind, m.value, value_end, m.precision,
                         " ; ".join(h[2] for h in hits), dp_value, with_ref, verdict, verdict_ref))
        for hit in plain:
            if hit not in used:
                with_ref = " ; ".join(h[3] for h in _overlapping(based, hit[0], hit[1]))
                rows.append((doc_id, int(para_id), "", "", "", "", "", hit[2], hit[3], with_ref,
                             "found only by dateparser", "found only by dateparser" if with_ref else ""))
    return pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))
