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
Never all pairs: each sentence is looked up through **blocking keys**, its :data:`KEYS_PER_SENTENCE`
rarest content words among those found in at least two sentences and in at most
``max(64, 20 * log2(n))`` of the ``n`` sentences (a word in more sentences than that says little
about which story a sentence tells, and would make the look-up quadratic). Two sentences are compared
only when they share a key, so the work grows as ``n log n``. Then a pair is kept when

* the two articles are from different outlets (an article whose outlet is unknown may pair with any);
* both are dated and at most :data:`WINDOW_DAYS` days apart, or either date is unknown;
* the similarity is at least :data:`THRESHOLD_POSSIBLE`; a pair at :data:`THRESHOLD_LIKELY` or more
  is ``likely``, below it ``possible`` (both thresholds chosen on hand-labelled pairs, see
  :mod:`helpers.explore.gold`);
* it is among the best pairs of one of its sentences: each sentence keeps at most one partner per
  other article (its most similar sentence there) and at most :data:`MAX_PARTNERS` partners in all.
  Pairs dropped by this cap are counted in the log.

**Stories** are connected groups of kept pairs, joined from the most similar pair down; a pair does not
join two stories when the story would then span more than :data:`WINDOW_DAYS` days, nor when it is
only ``possible`` and both of its sentences are already in stories of their own (:func:`stories`).
Articles found to be reposts of an earlier article (:mod:`helpers.explore.reposts`) are not aligned
again: they are the same report.
"""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

GRAM = 4
MIN_TOKENS = 5
KEYS_PER_SENTENCE = 10
MIN_KEY_LIMIT = 64
WINDOW_DAYS = 7
MAX_PARTNERS = 5
THRESHOLD_POSSIBLE = 0.145  # chosen on the hand-labelled pairs (helpers.explore.gold.choose_thresholds)
THRESHOLD_LIKELY = 0.264
ROW_BLOCK = 2000  # sentences per block of candidate look-ups: bounds memory


def word_grams(token: str, n: int = GRAM) -> list[str]:
    """Return the character n-grams of a word padded with a space on both sides.

    Examples
    --------
    >>> word_grams("بفصل"), word_grams("فصل")
    ([' بفص', 'بفصل', 'فصل '], [' فصل', 'فصل '])
    """
    padded = f" {token} "
    if len(padded) <= n:
        return [padded]
    return [padded[i:i + n] for i in range(len(padded) - n + 1)]


def sentence_key(tokens: list[str]) -> int:
    """Return a fingerprint of a sentence's content words (equal for two sentences with the same words)."""
    return zlib.crc32("\x1f".join(tokens).encode("utf-8"))


def token_counts(token_lists: list[list[str]]) -> tuple[sparse.csr_matrix, list[str]]:
    """Count the content words of sentences: a sparse matrix (sentence x word) and its words.

    The words are those of these sentences, in order of first use: a partition's own vocabulary,
    merged with the others' by :func:`merge_token_counts`.

    Examples
    --------
    >>> counts, words = token_counts([["بفصل", "المعارضه", "بفصل"], ["الفصل"]])
    >>> counts.toarray().tolist(), words
    ([[2, 1, 0], [0, 0, 1]], ['بفصل', 'المعارضه', 'الفصل'])
    """
    vocabulary: dict[str, int] = {}
    ids = [vocabulary.setdefault(t, len(vocabulary)) for tokens in token_lists for t in tokens]
    rows = np.repeat(np.arange(len(token_lists)), [len(tokens) for tokens in token_lists])
    counts = sparse.csr_matrix((np.ones(len(ids), dtype=np.int32), (rows, np.array(ids, dtype=np.int64))),
                               shape=(len(token_lists), len(vocabulary)))
    counts.sum_duplicates()
    return counts, list(vocabulary)


def merge_token_counts(parts: list[tuple[sparse.csr_matrix, list[str]]]) -> tuple[sparse.csr_matrix, list[str]]:
    """Stack the word counts of several partitions over one vocabulary, sorted (so the split does not matter)."""
    words = sorted({w for _, vocab in parts for w in vocab})
    index = {w: k for k, w in enumerate(words)}
    stacked = []
    for counts, vocab in parts:
        remap = np.array([index[w] for w in vocab], dtype=np.int64)
        counts = counts.tocsr()
        stacked.append(sparse.csr_matrix((counts.data, remap[counts.indices], counts.indptr),
                                         shape=(counts.shape[0], len(words))))
    if not stacked:
        return sparse.csr_matrix((0, 0), dtype=np.int32), words
    merged = sparse.vstack(stacked, format="csr")
    merged.sort_indices()
    return merged, words


def gram_counts(counts: sparse.csr_matrix, words: list[str]) -> sparse.csr_matrix:
    """Return the character 4-gram counts of sentences from their word counts (a sparse product).

    Examples
    --------
    >>> counts, words = token_counts([["بفصل", "المعارضه"], ["الفصل"]])
    >>> grams = gram_counts(counts, words)
    >>> grams.shape[0], int(grams[0].sum()), int(grams[1].sum())
    (2, 10, 4)
    """
    gram_index: dict[str, int] = {}
    cols, indptr = [], [0]
    for w in words:
        cols.extend(gram_index.setdefault(g, len(gram_index)) for g in word_grams(w))
        indptr.append(len(cols))
    spelled = sparse.csr_matrix((np.ones(len(cols), dtype=np.int32), np.array(cols, dtype=np.int64), indptr),
                                shape=(len(words), max(1, len(gram_index))))
    grams = (counts @ spelled).tocsr()
    grams.sort_indices()
    return grams


def feature_matrices(token_lists: list[list[str]]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Return the 4-gram counts and the word counts of sentences (one vocabulary, sorted).

    Examples
    --------
    >>> grams, words = feature_matrices([["بفصل", "المعارضه"], ["الفصل"]])
    >>> grams.shape, words.shape
    ((2, 13), (2, 3))
    """
    counts, words = merge_token_counts([token_counts(token_lists)])
    return gram_counts(counts, words), counts


def tfidf(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """Return TF-IDF rows of length 1 (sublinear tf, smoothed idf over these rows), unused columns dropped."""
    from sklearn.feature_extraction.text import TfidfTransformer

    used, inverse = np.unique(counts.indices, return_inverse=True)
    compact = sparse.csr_matrix((counts.data, inverse.astype(np.int64), counts.indptr), shape=(counts.shape[0], len(used)))
    return TfidfTransformer(sublinear_tf=True).fit_transform(compact).tocsr()


def key_limit(n_sentences: int) -> int:
    """Return the largest number of sentences a blocking key may occur in: ``max(64, 20 log2 n)``.

    Examples
    --------
    >>> key_limit(5), key_limit(100), key_limit(200_000)
    (64, 133, 353)
    """
    return max(MIN_KEY_LIMIT, math.ceil(20 * math.log2(max(n_sentences, 2))))


def blocking_keys(words: sparse.csr_matrix, per_sentence: int = KEYS_PER_SENTENCE) -> tuple[sparse.csr_matrix, int, int]:
    """Return each sentence's blocking keys as a 0/1 matrix, the key limit, and how many words were too common.

    A key is a word in at least 2 and at most :func:`key_limit` sentences; each sentence keeps its
    ``per_sentence`` rarest ones (ties: by column).
    """
    n = words.shape[0]
    limit = key_limit(n)
    binary = words.copy()
    binary.data[:] = 1.0
    df = np.bincount(binary.indices, minlength=binary.shape[1])
    rows = np.repeat(np.arange(n), np.diff(binary.indptr))
    cols = binary.indices
    col_df = df[cols]
    too_common = int(np.count_nonzero(df > limit))
    usable = (col_df >= 2) & (col_df <= limit)
    rows, cols, col_df = rows[usable], cols[usable], col_df[usable]
    order = np.lexsort((cols, col_df, rows))
    rows, cols = rows[order], cols[order]
    starts = np.searchsorted(rows, rows, side="left")
    keep = (np.arange(len(rows)) - starts) < per_sentence
    keys = sparse.csr_matrix((np.ones(int(keep.sum())), (rows[keep], cols[keep])), shape=binary.shape)
    return keys, limit, too_common


def candidate_pairs(keys: sparse.csr_matrix, block: int = ROW_BLOCK):
    """Yield ``(i, j)`` arrays (``i < j``) of sentences sharing at least one blocking key, block by block."""
    transposed = keys.T.tocsr()
    for start in range(0, keys.shape[0], block):
        shared = (keys[start:start + block] @ transposed).tocoo()
        i = shared.row.astype(np.int64) + start
        j = shared.col.astype(np.int64)
        upper = i < j
        yield i[upper], j[upper]


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
        The sentences' feature counts (:func:`feature_matrices`), one row per sentence.
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
    keys, limit, too_common = blocking_keys(word_counts)
    log.update({"key limit": limit, "words too common to block on": too_common})
    found_i, found_j, found_sim = [], [], []
    n_candidates = n_other = n_window = 0
    for i, j in candidate_pairs(keys):
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
    order = np.lexsort((j, i))
    i, j, sim = i[order], j[order], sim[order]
    kept = cap_pairs(i, j, sim, article, max_partners)
    log.update({"candidate pairs (sharing a key)": n_candidates,
                "of them, different outlets": n_other,
                "of them, within the date window": n_window,
                "of them, similar enough": len(i),
                "dropped by the cap on partners": int(len(i) - kept.sum())})
    i, j, sim = i[kept], j[kept], sim[kept]
    joined, story = stories(i, j, sim, day, n, window_days, likely)
    log["pairs left out of the stories (span over the window, or a weak link between two stories)"] = int(len(i) - joined.sum())
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
