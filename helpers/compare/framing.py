"""Framing labels: the words each outlet uses for the same referent.

The lexicon ``helpers/lexicons/framing_terms.csv`` has one row per label:

``term_id``
    Canonical id (lower-case English, ``regime_forces``).
``referent``
    Who or what the label names: ``syrian_government``, ``armed_opposition``, ``turkey``, ``russia``,
    ``territory`` (any lower-case id may be added).
``term``
    The label as it is displayed in tables and charts (it is matched too).
``variants``
    Other spellings and inflections (``|``-separated): ``الإرهابيين|الإرهابيون``; optional.
``leaning``
    What the word says about the referent: ``hostile`` (``جيش الاحتلال التركي``), ``neutral``
    (``الجيش التركي``) or ``sympathetic`` (``الثوار``); for territory, about the side that holds it
    (``الأراضي المحررة``). ``exclude`` rows are contexts that are *not* the label (``النظام الدولي``,
    ``روسيا اليوم``): they swallow their span, so nothing inside them is counted.
``note``
    English gloss or remark; optional.

Matching follows :mod:`helpers.compare.terms`: matching form, optional proclitics (``و ف ب ل ك ال
لل``), whole words, and the longest label wins, so ``جيش الاحتلال التركي`` is counted once, as itself,
and not also as ``الاحتلال التركي`` or ``الاحتلال``. One spelling under two ids is an error.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from ..errors import WorkbookError
from ..lexicon import file_stamp, load_lexicon, split_list
from ..matching import OffsetMap, matching_form_with_map
from ..paths import lexicon as lexicon_path
from ..loading import frame_from_rows
from .quotes import inside_quotes
from .terms import TermIndex, longest_matches, term_key

FRAMING_FILE = "framing_terms.csv"
LEANINGS = ("hostile", "neutral", "sympathetic", "exclude")
_ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
_NOTHING_REMOVED = OffsetMap((), 0)  # the matching form has the text's offsets
_new_tuple = tuple.__new__  # builds a FramingMatch without the named tuple's Python-level __new__


@dataclass(frozen=True)
class FramingLexicon:
    """The loaded framing lexicon and its automaton (build it with :func:`load_framing`)."""

    terms: pd.DataFrame  # one row per label: the CSV columns plus ``line``
    index: TermIndex
    path: str
    rows: dict  # term_id -> the row as a dict

    def row(self, term_id: str) -> dict:
        """Return the lexicon row of ``term_id`` as a dict."""
        return self.rows[term_id]

    @cached_property
    def labels(self) -> dict[str, tuple[str, str, str]]:
        """Return ``{term_id: (referent, term, leaning)}`` of the labels; ``exclude`` rows left out."""
        return {t: (rec["referent"], rec["term"], rec["leaning"]) for t, rec in self.rows.items()
                if rec["leaning"] != "exclude"}


class FramingMatch(NamedTuple):
    """One label found in a text: ``text[start:end] == surface`` (clitics not included)."""

    term_id: str
    referent: str
    term: str
    leaning: str
    surface: str
    start: int
    end: int


def _resolve(path) -> Path:
    if path is None:
        return lexicon_path(FRAMING_FILE)
    p = Path(path)
    return p if p.is_absolute() or p.exists() else lexicon_path(str(path))


def load_framing(path: str | Path | None = None) -> FramingLexicon:
    """Load, validate and compile the framing lexicon; cached until the file changes.

    Raises
    ------
    WorkbookError
        Naming file and line: a bad id, an unknown leaning, a spelling under two ids.
    """
    p = _resolve(path)
    stamp = file_stamp(p)
    return _load_framing(str(p), stamp)


@lru_cache(maxsize=8)
def _load_framing(path: str, _stamp) -> FramingLexicon:
    terms = load_lexicon(path, required=["term_id", "referent", "term", "leaning"], optional=["variants", "note"],
                         unique=["term_id"], allowed={"leaning": LEANINGS})
    seen: dict[str, int] = {}
    entries = []
    for rec in terms.to_dict("records"):
        for col in ("term_id", "referent"):
            if not _ID_RE.match(rec[col]):
                raise WorkbookError(f"{path}, line {rec['line']}: {col} {rec[col]!r} must be lower-case letters, digits and _")
        for spelling in [rec["term"]] + split_list(rec["variants"]):
            key = term_key(spelling)
            if key in seen:
                raise WorkbookError(f"{path}, line {rec['line']}: {spelling!r} is already listed on line {seen[key]}")
            seen[key] = rec["line"]
            entries.append((rec["term_id"], spelling))
    rows = {rec["term_id"]: rec for rec in terms.to_dict("records")}
    return FramingLexicon(terms, TermIndex(entries, source=path), path, rows)


def find_framing_terms(text: str, lexicon: FramingLexicon | None = None, form: str | None = None,
                       omap=None) -> list[FramingMatch]:
    """Return the framing labels in ``text`` (longest match wins; ``exclude`` rows dropped).

    Parameters
    ----------
    text
        Clean text (a paragraph or sentence); offsets refer to it.
    lexicon
        A loaded lexicon; default: the shipped one.
    form, omap
        The matching form of ``text`` and its :class:`~helpers.matching.OffsetMap`, when at hand.

    Examples
    --------
    >>> [(m.term, m.leaning) for m in find_framing_terms("ضد جنود جيش الاحتلال التركي في إدلب")]
    [('جيش الاحتلال التركي', 'hostile')]
    >>> [m.surface for m in find_framing_terms("بعد مقتل 5 جنود للاحتلال")]
    ['لاحتلال']
    >>> [m.term for m in find_framing_terms("وفقاً لقناة روسيا اليوم وقوات النظام")]
    ['قوات النظام']
    """
    lex = lexicon or load_framing()
    if form is None or omap is None:
        form, omap = matching_form_with_map(text)
    found = lex.index.find_all(form)
    if not found:
        return []
    out = []
    labels = lex.labels
    to_source = omap.span_to_source if omap.removed else None  # None: form offsets are text offsets
    for m in longest_matches(found):
        label = labels.get(m.term_id)
        if label is None:
            continue  # an exclude row: it only keeps its span from being counted
        s, e = to_source(m.start, m.end) if to_source else (m.start, m.end)
        out.append(_new_tuple(FramingMatch, (m.term_id, *label, text[s:e], s, e)))
    return out


def is_framing_label(text: str, lexicon: FramingLexicon | None = None) -> bool:
    """Return True when ``text`` is exactly one framing label (clitics and edge punctuation allowed).

    Examples
    --------
    >>> is_framing_label("الإرهابيون"), is_framing_label("الجيش السوري"), is_framing_label("زمان الوصل")
    (True, True, False)
    """
    text = text.strip(" \u060C,.:")
    found = find_framing_terms(text, lexicon)
    if len(found) != 1:
        return False
    m = found[0]
    return m.end == len(text) and not any(ch.isspace() for ch in text[:m.start])


# ---------------------------------------------------------------- framing on a corpus

FRAMING_MATCH_COLUMNS = ("doc_id", "para_id", "sent_id", "term_id", "referent", "term", "leaning", "surface",
                         "start", "end", "in_quotes")
FRAMING_COUNT_COLUMNS = ("doc_id", "referent", "term", "count", "term_id", "leaning", "in_quotes")


def paragraph_framing(p, lexicon: FramingLexicon | None = None) -> list[FramingMatch]:
    """Return the framing labels of a scanned paragraph, found once and kept on the scan."""
    lex = lexicon or load_framing()
    key = ("framing", lex.path)
    found = p.cache.get(key)
    if found is None:
        omap = p.omap if p.removed else _NOTHING_REMOVED  # most paragraphs: no map to build
        found = p.cache[key] = find_framing_terms(p.text, lex, p.form, omap)
    return found


def framing_matches(scans, lexicon: FramingLexicon | None = None) -> pd.DataFrame:
    """Return one row per framing label found in the scanned paragraphs.

    ``start``/``end`` are offsets into the paragraph's clean text; ``in_quotes`` is 1 when the label
    stands inside a quotation (the speaker's word, not the outlet's). Rows in text order.
    """
    lex = lexicon or load_framing()
    rows = []
    for p in scans:
        for m in paragraph_framing(p, lex):
            rows.append((p.doc_id, p.para_id, p.sentence_at(m.start) + 1, m.term_id, m.referent, m.term,
                         m.leaning, m.surface, m.start, m.end, _in_quotes(p, m)))
    frame = pd.DataFrame(rows, columns=list(FRAMING_MATCH_COLUMNS))
    return frame.astype({c: "int64" for c in ("para_id", "sent_id", "start", "end", "in_quotes")})


def _in_quotes(p, m: FramingMatch) -> int:
    """Return 1 when label ``m`` of scanned paragraph ``p`` stands inside one of its quotations."""
    return int(inside_quotes(p.quotes, m.start, m.end)) if p.quotes else 0


def framing_counts(matches: pd.DataFrame, lexicon: FramingLexicon | None = None) -> pd.DataFrame:
    """Return the label counts per article: ``doc_id, referent, term, count, term_id, leaning, in_quotes``.

    ``in_quotes`` counts the occurrences inside quotations. Only labels found appear; rows in article
    order, then lexicon order.
    """
    lex = lexicon or load_framing()
    order = {t: i for i, t in enumerate(lex.terms["term_id"])}
    if matches.empty:
        return pd.DataFrame(columns=list(FRAMING_COUNT_COLUMNS)).astype({"count": "int64", "in_quotes": "int64"})
    grouped = (matches.groupby(["doc_id", "term_id"], sort=False)
               .agg(count=("term_id", "size"), in_quotes=("in_quotes", "sum")).reset_index())
    found = {t: lex.row(t) for t in grouped["term_id"].unique()}
    for col in ("referent", "term", "leaning"):
        grouped[col] = grouped["term_id"].map({t: rec[col] for t, rec in found.items()})
    grouped["_order"] = grouped["term_id"].map(order)
    grouped = grouped.sort_values(["doc_id", "_order"], kind="stable").reset_index(drop=True)
    return grouped[list(FRAMING_COUNT_COLUMNS)].astype({"count": "int64", "in_quotes": "int64"})


def scan_framing_counts(scans, lexicon: FramingLexicon | None = None) -> pd.DataFrame:
    """Return ``framing_counts(framing_matches(scans))``, counted straight from the scanned paragraphs.

    The same table as :func:`framing_counts`, without building the table of every label first (the
    comparison tables only keep the counts).
    """
    lex = lexicon or load_framing()
    counts: dict[tuple[str, str], list[int]] = {}  # (doc_id, term_id) -> [count, in_quotes]
    for p in scans:
        found = paragraph_framing(p, lex)
        if not found:
            continue
        doc_id, quotes = p.doc_id, p.quotes
        for m in found:
            key = (doc_id, m.term_id)
            count = counts.get(key)
            if count is None:
                count = counts[key] = [0, 0]
            count[0] += 1
            if quotes and inside_quotes(quotes, m.start, m.end):
                count[1] += 1
    if not counts:
        return framing_counts(pd.DataFrame(columns=list(FRAMING_MATCH_COLUMNS)), lex)
    order = {t: i for i, t in enumerate(lex.terms["term_id"])}
    rows = []
    for doc_id, term_id in sorted(counts, key=lambda k: (k[0], order[k[1]])):
        rec = lex.row(term_id)
        n, quoted = counts[(doc_id, term_id)]
        rows.append((doc_id, rec["referent"], rec["term"], n, term_id, rec["leaning"], quoted))
    return frame_from_rows(rows, FRAMING_COUNT_COLUMNS, ("count", "in_quotes"))


def label_matrix(counts: pd.DataFrame, articles: pd.DataFrame, outlet: str = "outlet_short",
                 lexicon: FramingLexicon | None = None) -> pd.DataFrame:
    """Return labels x articles: rows ``referent · term`` in lexicon order, one column per article."""
    lex = lexicon or load_framing()
    terms = lex.terms[lex.terms["leaning"] != "exclude"]
    index = [f"{r} · {t}" for r, t in zip(terms["referent"], terms["term"])]
    labels = {d: f"{d} · {o}" for d, o in zip(articles["doc_id"], articles[outlet])}
    wide = pd.DataFrame(0, index=index, columns=[labels[d] for d in articles["doc_id"]], dtype="int64")
    for rec in counts.itertuples(index=False):
        if rec.doc_id in labels:
            wide.loc[f"{rec.referent} · {rec.term}", labels[rec.doc_id]] = rec.count
    return wide[wide.sum(axis=1) > 0]


def labels_in_context(matches: pd.DataFrame, sentences: pd.DataFrame, articles: pd.DataFrame,
                      referent: str | None = None, outlet: str = "outlet_short") -> pd.DataFrame:
    """Return the label rows (of one ``referent``, or all) with their outlet and sentence, in text order.

    Columns ``doc_id, outlet, para_id, sent_id, term, leaning, in_quotes, sentence``: the words behind
    each cell of the labels heatmap.
    """
    rows = matches if referent is None else matches[matches["referent"] == referent]
    merged = rows.merge(sentences[["doc_id", "para_id", "sent_id", "sentence"]], on=["doc_id", "para_id", "sent_id"],
                        how="left")
    merged.insert(1, "outlet", merged["doc_id"].map(dict(zip(articles["doc_id"], articles[outlet]))))
    return merged[["doc_id", "outlet", "para_id", "sent_id", "term", "leaning", "in_quotes", "sentence"]]
