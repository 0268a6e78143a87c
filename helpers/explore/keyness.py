"""Keyness: the words and two-word phrases that set each outlet apart from the rest of the corpus.

For each outlet (the *target*), every term is compared with its use in all other articles (the
*reference*: the rest of the corpus). Terms are tokens and two-word phrases
(:mod:`helpers.explore.tokens`); corpus sizes are running words (stop words included).

``log_likelihood``
    Dunning's G² on the 2 × 2 table (term, other words) × (target, reference): the **evidence** that
    the term's rate differs between them. It grows with frequency: a common word used a little more
    often gets a large G².
``log_ratio``
    ``log2`` of the ratio of the term's relative frequencies (target / reference), a zero count
    taken as 0.5 (Hardie 2014): the **effect size**. +1 is twice as frequent, -1 half. It ignores
    how much evidence there is: a word used twice by the outlet and never elsewhere gets a large one.

A term is listed for an outlet when the outlet uses it at least ``min_freq`` times. Rows are sorted by
outlet, then over-used terms (``log_ratio`` > 0) before under-used ones, each by ``log_likelihood``;
at most ``top`` of each per outlet. G² of 3.84 corresponds to p < 0.05 and 10.83 to p < 0.001 for one
term; with hundreds of terms tested, read the ranking, not the p-values.
"""
from __future__ import annotations

import math
from collections import Counter

import numpy as np
import pandas as pd

from ..loading import UNKNOWN_OUTLET
from .frames import typed_table
from .tokens import phrases

MIN_FREQ = 3
TOP_TERMS = 250
KEYNESS_COLUMNS = ("outlet", "term", "kind", "use", "n_outlet", "n_rest", "per_10k_outlet", "per_10k_rest",
                   "log_likelihood", "log_ratio", "words_outlet", "words_rest")


def log_likelihood(a, b, n_target, n_reference):
    """Return Dunning's G² for counts ``a`` (target) and ``b`` (reference) in corpora of the given sizes.

    Works on numbers or numpy arrays. ``2 Σ O ln(O / E)`` over the four cells of the 2 × 2 table.

    Examples
    --------
    >>> round(float(log_likelihood(10, 10, 1000, 1000)), 3), round(float(log_likelihood(20, 5, 1000, 1000)), 2)
    (0.0, 9.75)
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    c, d = n_target - a, n_reference - b
    total = n_target + n_reference

    def term(observed, expected):
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.where(observed > 0, observed * np.log(observed / expected), 0.0)

    e_a = n_target * (a + b) / total
    e_b = n_reference * (a + b) / total
    e_c = n_target * (c + d) / total
    e_d = n_reference * (c + d) / total
    return 2 * (term(a, e_a) + term(b, e_b) + term(c, e_c) + term(d, e_d))


def log_ratio(a, b, n_target, n_reference):
    """Return ``log2`` of the relative-frequency ratio, a zero count taken as 0.5 (Hardie's log ratio).

    Examples
    --------
    >>> float(log_ratio(20, 5, 1000, 1000)), float(log_ratio(4, 0, 1000, 1000))
    (2.0, 3.0)
    """
    a, b = np.asarray(a, dtype=float), np.asarray(b, dtype=float)
    a, b = np.where(a == 0, 0.5, a), np.where(b == 0, 0.5, b)
    return np.log2((a / n_target) / (b / n_reference))


def outlet_counts(sentences, outlet_of: dict[str, str]) -> dict[str, list]:
    """Count words and phrases per outlet: ``{outlet: [running words, Counter(words), Counter(phrases)]}``.

    ``sentences`` are :class:`helpers.explore.scan.SentenceTokens`; ``outlet_of`` maps doc_id to outlet.
    """
    counts: dict[str, list] = {}
    for s in sentences:
        entry = counts.get(outlet_of[s.doc_id])
        if entry is None:
            entry = counts[outlet_of[s.doc_id]] = [0, Counter(), Counter()]
        for clause in s.clauses:
            entry[0] += len(clause)
            entry[1].update(t for t in clause if t)
            entry[2].update(phrases(clause))
    return counts


def pack_counts(counts: dict[str, list]) -> dict[str, tuple]:
    """Return per-outlet counts in a compact form for the trip to the reducing process.

    Each Counter becomes its terms joined into one string and their counts in one array: a few
    objects per outlet instead of a dictionary entry and a string object per term.

    Examples
    --------
    >>> packed = pack_counts({"X": [5, Counter({"ادلب": 2}), Counter({"قوات النظام": 1})]})
    >>> unpack_counts(packed)["X"][1]
    Counter({'ادلب': 2})
    """
    def pack(counter):
        terms = list(counter)
        return "\n".join(terms), np.array([counter[t] for t in terms], dtype=np.int64)

    return {outlet: (n, *pack(words), *pack(pairs)) for outlet, (n, words, pairs) in counts.items()}


def unpack_counts(packed: dict[str, tuple]) -> dict[str, list]:
    """Return the per-outlet Counters of :func:`pack_counts`."""
    def unpack(joined, values):
        return Counter(dict(zip(joined.split("\n"), values.tolist()))) if joined else Counter()

    return {outlet: [n, unpack(w, wc), unpack(p, pc)] for outlet, (n, w, wc, p, pc) in packed.items()}


def merge_counts(parts, into: dict[str, list] | None = None) -> dict[str, list]:
    """Add up per-outlet counts from several partitions into ``into`` (a new dict by default); the order does not matter."""
    total: dict[str, list] = {} if into is None else into
    for part in parts:
        for outlet, (n, words, pairs) in part.items():
            entry = total.setdefault(outlet, [0, Counter(), Counter()])
            entry[0] += n
            entry[1].update(words)
            entry[2].update(pairs)
    return total


def keyness_table(counts: dict[str, list], min_freq: int = MIN_FREQ, top: int = TOP_TERMS) -> pd.DataFrame:
    """Return the keyness of every outlet against the rest of the corpus (columns :data:`KEYNESS_COLUMNS`).

    Parameters
    ----------
    counts
        ``{outlet: [running words, Counter(words), Counter(phrases)]}`` (:func:`outlet_counts`).
    min_freq
        Smallest number of uses by the outlet for a term to be listed.
    top
        Most terms listed per outlet, for each of over-use and under-use.

    The outlet ``unknown`` (articles without metadata) is part of every reference corpus but is not a
    target. With fewer than two outlets the table is empty.
    """
    outlets = sorted(counts)
    rows = []
    if len(outlets) >= 2:
        corpus_words = sum(counts[o][0] for o in outlets)
        for kind, slot in (("word", 1), ("phrase", 2)):
            total: Counter = Counter()
            for o in outlets:
                total.update(counts[o][slot])
            for o in outlets:
                if o == UNKNOWN_OUTLET:
                    continue
                n_target = counts[o][0]
                n_reference = corpus_words - n_target
                if n_target == 0 or n_reference == 0:
                    continue
                terms = sorted(t for t, n in counts[o][slot].items() if n >= min_freq)
                if not terms:
                    continue
                a = np.array([counts[o][slot][t] for t in terms], dtype=float)
                b = np.array([total[t] for t in terms], dtype=float) - a
                ll = log_likelihood(a, b, n_target, n_reference)
                lr = log_ratio(a, b, n_target, n_reference)
                for t, x, y, g, r in zip(terms, a, b, ll, lr):
                    rows.append((o, t, kind, "over" if r > 0 else "under", int(x), int(y), x * 1e4 / n_target,
                                 y * 1e4 / n_reference, float(g), float(r), n_target, n_reference))
    table = typed_table(rows, KEYNESS_COLUMNS, ints=("n_outlet", "n_rest", "words_outlet", "words_rest"),
                        floats=("per_10k_outlet", "per_10k_rest", "log_likelihood", "log_ratio"))
    if table.empty:
        return table
    table["_order"] = (table["use"] == "under").astype(int)
    table = table.sort_values(["outlet", "_order", "log_likelihood", "term"], ascending=[True, True, False, True],
                              kind="stable")
    table = table.groupby(["outlet", "_order"], sort=False).head(top)
    return table.drop(columns="_order").reset_index(drop=True)


def top_terms(keyness: pd.DataFrame, outlet: str, n: int = 10, kind: str | None = None) -> list[str]:
    """Return the ``n`` over-used terms of ``outlet`` with the largest log-likelihood (optionally one kind)."""
    rows = keyness[(keyness["outlet"] == outlet) & (keyness["use"] == "over")]
    if kind is not None:
        rows = rows[rows["kind"] == kind]
    return rows.head(n)["term"].tolist()


def significance(g2: float) -> str:
    """Return the p-value band of a single G² with one degree of freedom.

    Examples
    --------
    >>> significance(2.0), significance(4.0), significance(12.0)
    ('not significant', 'p < 0.05', 'p < 0.001')
    """
    for limit, label in ((10.83, "p < 0.001"), (6.63, "p < 0.01"), (3.84, "p < 0.05")):
        if g2 >= limit:
            return label
    return "not significant" if not math.isnan(g2) else ""
