"""Same story, different outlets: pairs of sentences from different outlets that report the same thing.

Similarity
----------
A sentence is represented by the **character 4-grams of its content words** (matching form, stop
words out, each word padded with a space at both ends: `` فصل `` gives `` فص``, ``فصل``, ``صل ``).
A word and its forms with proclitics (``فصل``, ``بفصل``, ``الفصل``) share most of their 4-grams, so
nothing is stripped off a word and no lexicon is needed. The 4-gram counts are weighted by TF-IDF
(``scikit-learn``: sublinear term frequency, smoothed inverse document frequency over the corpus's
sentences, each vector scaled to length 1) and two sentences are compared by cosine similarity.
Sentences with fewer than :data:`MIN_TOKENS` content words (short headings, datelines) are left out.

Which pairs are compared
------------------------
Never all pairs: each sentence looks up the sentences that share one of its :data:`~helpers.explore.blocking.KEYS_PER_SENTENCE`
rarest content words (**blocking**, :func:`helpers.explore.blocking.blocking`). For a dated sentence a key is a word in its
week (buckets of :data:`~helpers.explore.blocking.WINDOW_DAYS` days, looked up in its own bucket and the two next to it); for an
undated one, a word anywhere. A key found in more than ``max(64, 10 * log2(n))`` of the ``n``
sentences says little about which story a sentence tells and would make the look-up quadratic: it is
not used. So each look-up touches a bounded number of sentences and the work grows as ``n log n``.
Then a pair is kept when

* the two articles are from different outlets (an article whose outlet is unknown may pair with any);
* both are dated and at most :data:`~helpers.explore.blocking.WINDOW_DAYS` days apart, or either date is unknown;
* the similarity is at least :data:`THRESHOLD_POSSIBLE`; a pair at :data:`THRESHOLD_LIKELY` or more
  is ``likely``, below it ``possible`` (both thresholds chosen on hand-labelled pairs, see
  :mod:`helpers.explore.gold`);
* it is among the best pairs of one of its sentences: each sentence keeps at most one partner per
  other article (its most similar sentence there) and at most :data:`MAX_PARTNERS` partners in all.
  Pairs dropped by this cap are counted in the log.

**Stories** are connected groups of kept pairs, joined from the most similar pair down; a pair does not
join two stories when the story would then span more than :data:`~helpers.explore.blocking.WINDOW_DAYS` days, nor when it is
only ``possible`` and both of its sentences are already in stories of their own (:func:`stories`).
Articles found to be reposts of an earlier article (:mod:`helpers.explore.reposts`) are not aligned
again: they are the same report.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from .blocking import WINDOW_DAYS, blocking, candidate_pairs
from .features import tfidf

MIN_TOKENS = 5
MAX_PARTNERS = 5
THRESHOLD_POSSIBLE = 0.145  # chosen on the hand-labelled pairs (helpers.explore.gold.choose_thresholds)
THRESHOLD_LIKELY = 0.264


def row_dots(matrix: sparse.csr_matrix, i: np.ndarray, j: np.ndarray, chunk: int = 100_000) -> np.ndarray:
    """Return the dot products of rows ``i[k]`` and ``j[k]`` of ``matrix`` (cosines for unit rows)."""
    out = np.empty(len(i), dtype=np.float64)
    for start in range(0, len(i), chunk):
        a = matrix[i[start:start + chunk]]
        b = matrix[j[start:start + chunk]]
        out[start:start + chunk] = np.asarray(a.multiply(b).sum(axis=1)).ravel()
    return out


@dataclass
class Alignment:
    """The kept pairs (indices into the aligned sentences), their similarity, story labels and a log."""

    i: np.ndarray
    j: np.ndarray
    similarity: np.ndarray
    story: np.ndarray  # per sentence: story number (0, 1, ...) or -1 when in no pair
    log: dict = field(default_factory=dict)


def cap_pairs(i: np.ndarray, j: np.ndarray, sim: np.ndarray, article: np.ndarray,
              max_partners: int = MAX_PARTNERS) -> np.ndarray:
    """Return a mask of the pairs kept by the cap: one partner per other article, ``max_partners`` in all.

    Each sentence ranks its pairs: within each other article only its most similar sentence, then the
    ``max_partners`` most similar of those (ties: by the partner's index). A pair is kept when either
    of its sentences keeps it.

    Examples
    --------
    Sentence 0 pairs with 1 and 2 (both in article 1) and 3: within article 1 it keeps only 1, but
    2 keeps its pair with 0 from its own side. With one partner each, the pair (3, 4) goes: 3 keeps
    0 and 4 keeps 5.

    >>> i, j = np.array([0, 0, 0, 3, 4]), np.array([1, 2, 3, 4, 5])
    >>> sim, article = np.array([0.9, 0.8, 0.7, 0.6, 0.95]), np.array([0, 1, 1, 2, 3, 4])
    >>> cap_pairs(i, j, sim, article, max_partners=1).tolist()
    [True, True, True, False, True]
    """
    n_pairs = len(i)
    if n_pairs == 0:
        return np.zeros(0, dtype=bool)
    own = np.concatenate([i, j])
    other = np.concatenate([j, i])
    pair = np.concatenate([np.arange(n_pairs), np.arange(n_pairs)])
    score = np.concatenate([sim, sim])
    order = np.lexsort((other, -score, article[other], own))  # by sentence, other article, best first
    own, other, pair, score = own[order], other[order], pair[order], score[order]
    group = np.r_[True, (own[1:] != own[:-1]) | (article[other][1:] != article[other][:-1])]
    own, other, pair, score = own[group], other[group], pair[group], score[group]
    order = np.lexsort((other, -score, own))  # by sentence, best first
    own, pair = own[order], pair[order]
    rank = np.arange(len(own)) - np.searchsorted(own, own, side="left")
    kept = np.zeros(n_pairs, dtype=bool)
    kept[pair[rank < max_partners]] = True
    return kept


def align(gram_counts: sparse.csr_matrix, word_counts: sparse.csr_matrix, article: np.ndarray, outlet: np.ndarray,
          day: np.ndarray, unknown_outlet: int = -1, threshold: float = THRESHOLD_POSSIBLE,
          window_days: int = WINDOW_DAYS, max_partners: int = MAX_PARTNERS,
          likely: float = THRESHOLD_LIKELY) -> Alignment:
    """Find the aligned pairs and stories among sentences (see the module docstring for each rule).

    Parameters
    ----------
    gram_counts, word_counts
        The sentences' feature counts (:func:`helpers.explore.features.feature_matrices`), one row per sentence.
    article, outlet
        Integer codes per sentence: its article, its outlet (``unknown_outlet`` for an unknown one).
    day
        Publication day per sentence (days since 1970-01-01, float), NaN when the article is undated.

    Returns
    -------
    Alignment
        Pairs ``i < j`` in the order of ``(i, j)``, with their similarity, and each sentence's story.
    """
    n = gram_counts.shape[0]
    log = {"sentences": n}
    if n < 2:
        return Alignment(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), np.full(n, -1), log)
    vectors = tfidf(gram_counts)
    blocks = blocking(word_counts, day, window_days)
    log.update({"key limit": blocks.limit, "words too common to block on": blocks.too_common})
    found_i, found_j, found_sim = [], [], []
    n_candidates = n_other = n_window = 0
    for i, j in candidate_pairs(blocks):
        n_candidates += len(i)
        ok = (article[i] != article[j]) & ((outlet[i] != outlet[j]) | (outlet[i] == unknown_outlet)
                                            | (outlet[j] == unknown_outlet))
        n_other += int(np.count_nonzero(ok))
        gap = np.abs(day[i] - day[j])
        ok &= ~(gap > window_days)  # NaN (a date unknown) is never greater: the pair stays
        n_window += int(np.count_nonzero(ok))
        i, j = i[ok], j[ok]
        sim = row_dots(vectors, i, j)
        above = sim >= threshold
        found_i.append(i[above])
        found_j.append(j[above])
        found_sim.append(sim[above])
    i, j, sim = (np.concatenate(found_i), np.concatenate(found_j), np.concatenate(found_sim))
    pair_key, first = np.unique(i * n + j, return_index=True)  # one of each pair found from both sides
    i, j, sim = i[first], j[first], sim[first]
    kept = cap_pairs(i, j, sim, article, max_partners)
    log.update({"candidate look-ups (a pair can come twice)": n_candidates,
                "of them, different outlets": n_other,
                "of them, within the date window": n_window,
                "distinct pairs similar enough": len(i),
                "dropped by the cap on partners": int(len(i) - kept.sum())})
    i, j, sim = i[kept], j[kept], sim[kept]
    joined, story = stories(i, j, sim, day, n, window_days, likely)
    log["pairs left out of stories (span, weak link)"] = int(len(i) - joined.sum())
    i, j, sim = i[joined], j[joined], sim[joined]
    log["pairs kept"] = len(i)
    log["stories"] = int(story.max() + 1) if len(i) else 0
    return Alignment(i, j, sim, story, log)


def stories(i: np.ndarray, j: np.ndarray, sim: np.ndarray, day: np.ndarray, n: int,
            max_span: float = WINDOW_DAYS, likely: float = THRESHOLD_LIKELY) -> tuple[np.ndarray, np.ndarray]:
    """Group sentences into stories: connected pairs, joined most similar first, with two limits.

    Pairs are taken from the most similar down (ties: by ``i``, then ``j``); a pair joins the stories
    of its two sentences unless

    * the dated sentences of the joined story would be more than ``max_span`` days apart (without
      this, an undated article, which every date window lets through, could chain reports of
      different months into one story), or
    * the pair is only ``possible`` (similarity below ``likely``) and both its sentences already
      belong to stories of two or more sentences: a weak pair may add a sentence to a story or make
      a new one, but only a likely pair merges two stories. Without this, single weak links chain
      every report of one busy week into one story.

    Returns
    -------
    (numpy.ndarray, numpy.ndarray)
        A mask of the pairs that joined (or were already inside one story), and each sentence's
        story number (0, 1, ... in order of their first sentence; -1 for a sentence in no pair).

    Examples
    --------
    Sentence 1 is undated; 0 is dated day 0 and 2 day 30: 1 joins 0 (the closer pair) but not 2.

    >>> joined, story = stories(np.array([0, 1]), np.array([1, 2]), np.array([0.5, 0.4]),
    ...                         np.array([0.0, np.nan, 30.0]), 3)
    >>> joined.tolist(), story.tolist()
    ([True, False], [0, 0, -1])
    """
    parent = list(range(n))
    size = [1] * n
    low = [d if d == d else np.inf for d in day.tolist()]  # NaN: undated
    high = [d if d == d else -np.inf for d in day.tolist()]

    def root(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    joined = np.zeros(len(i), dtype=bool)
    for k in np.lexsort((j, i, -sim)).tolist():
        a, b = root(int(i[k])), root(int(j[k]))
        if a == b:
            joined[k] = True
            continue
        lo, hi = min(low[a], low[b]), max(high[a], high[b])
        if hi - lo > max_span or (sim[k] < likely and size[a] > 1 and size[b] > 1):
            continue
        keep, other = min(a, b), max(a, b)
        parent[other] = keep
        low[keep], high[keep], size[keep] = lo, hi, size[a] + size[b]
        joined[k] = True
    story = np.full(n, -1, dtype=np.int64)
    linked = np.zeros(n, dtype=bool)
    linked[i[joined]] = linked[j[joined]] = True
    numbers: dict[int, int] = {}
    for node in np.flatnonzero(linked).tolist():
        story[node] = numbers.setdefault(root(node), len(numbers))
    return joined, story
