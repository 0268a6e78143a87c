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
Never all pairs: each sentence looks up the sentences that share one of its :data:`KEYS_PER_SENTENCE`
rarest content words (**blocking**, :func:`blocking`). For a dated sentence a key is a word in its
week (buckets of :data:`WINDOW_DAYS` days, looked up in its own bucket and the two next to it); for an
undated one, a word anywhere. A key found in more than ``max(64, 10 * log2(n))`` of the ``n``
sentences says little about which story a sentence tells and would make the look-up quadratic: it is
not used. So each look-up touches a bounded number of sentences and the work grows as ``n log n``.
Then a pair is kept when

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
KEYS_PER_SENTENCE = 6
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
    """Return TF-IDF rows of length 1 (sublinear tf, smoothed idf over these rows)."""
    from sklearn.feature_extraction.text import TfidfTransformer

    return TfidfTransformer(sublinear_tf=True).fit_transform(counts.astype(np.float64)).tocsr()


def key_limit(n_sentences: int) -> int:
    """Return the largest number of sentences a blocking key may occur in: ``max(64, 10 log2 n)``.

    Examples
    --------
    >>> key_limit(5), key_limit(100), key_limit(200_000)
    (64, 67, 177)
    """
    return max(MIN_KEY_LIMIT, math.ceil(10 * math.log2(max(n_sentences, 2))))


@dataclass
class Blocking:
    """Which sentences look up which: a query matrix and an index matrix over the same keys."""

    query: sparse.csr_matrix
    index: sparse.csr_matrix
    limit: int
    too_common: int  # distinct keys found in more sentences than the limit


def _lookup(sorted_keys: np.ndarray, values: np.ndarray, keys: np.ndarray) -> np.ndarray:
    """Return ``values`` at ``keys`` in ``sorted_keys`` (0 where a key is absent).

    Examples
    --------
    >>> _lookup(np.array([2, 5]), np.array([7, 9]), np.array([5, 3, 2, 8])).tolist()
    [9, 0, 7, 0]
    """
    if not len(sorted_keys):
        return np.zeros(len(keys), dtype=np.int64)
    at = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
    return np.where(sorted_keys[at] == keys, values[at], 0)


def _rarest(rows: np.ndarray, keys: np.ndarray, df: np.ndarray, per_sentence: int) -> np.ndarray:
    """Return a mask of the ``per_sentence`` rarest keys of each row (ties: by key)."""
    order = np.lexsort((keys, df, rows))
    ranked = rows[order]
    rank = np.arange(len(ranked)) - np.searchsorted(ranked, ranked, side="left")
    mask = np.zeros(len(rows), dtype=bool)
    mask[order[rank < per_sentence]] = True
    return mask


def blocking(words: sparse.csr_matrix, day: np.ndarray, window_days: int = WINDOW_DAYS,
             per_sentence: int = KEYS_PER_SENTENCE) -> Blocking:
    """Return the blocking of sentences: each looks up the sentences sharing one of its rarest words.

    A dated sentence's key is a word *in its week*: the days are cut into buckets of ``window_days``,
    and a sentence looks up the same word in its own bucket and the two next to it (any two dates
    within the window are in neighbouring buckets). A word is usable when it occurs in at least 2
    and at most :func:`key_limit` sentences of those three buckets; each sentence looks up its
    ``per_sentence`` rarest usable words, and is found through every usable word it has. An undated
    sentence's keys are its words over the whole corpus (an undated article may pair with any date),
    looked up in every sentence. So a word common over a year but rare in a week still links two
    reports of that week, and no look-up touches more than ``3 * key_limit`` sentences.

    Returns
    -------
    Blocking
        ``query @ index.T`` is non-zero exactly for the candidate pairs.
    """
    n, n_words = words.shape
    limit = key_limit(n)
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(words.indptr))
    cols = words.indices.astype(np.int64)
    dated = ~np.isnan(day)
    first = np.nanmin(day) if dated.any() else 0.0
    bucket = np.where(dated, np.floor((np.nan_to_num(day, nan=first) - first) / max(window_days, 1)), 0).astype(np.int64)
    n_buckets = int(bucket.max()) + 3
    # Keys 0 .. n_words-1: a word anywhere (undated look-ups); then word x bucket (bucket shifted by 1 so that
    # its neighbours stay in range): n_words + word * n_buckets + bucket + 1.
    global_df = np.bincount(cols, minlength=n_words)
    row_dated = dated[rows]
    week_key = n_words + cols * n_buckets + bucket[rows] + 1
    keys_here, week_df = np.unique(week_key[row_dated], return_counts=True)

    def df_of(k):
        return _lookup(keys_here, week_df, k)

    near_df = df_of(week_key - 1) + df_of(week_key) + df_of(week_key + 1)
    near_df = np.where(row_dated, near_df, 0)
    usable_week = row_dated & (near_df >= 2) & (near_df <= limit)
    usable_word = (global_df[cols] >= 2) & (global_df[cols] <= limit)
    too_common = int(np.count_nonzero(global_df > limit))
    # The index: every dated sentence under its usable week keys; every sentence under its usable words.
    index_rows = np.concatenate([rows[usable_week], rows[usable_word]])
    index_keys = np.concatenate([week_key[usable_week], cols[usable_word]])
    # The look-ups: a dated sentence's rarest usable week keys, each in three buckets; an undated
    # sentence's rarest usable words.
    chosen = usable_week & _rarest(rows, week_key, np.where(usable_week, near_df, np.iinfo(np.int64).max), per_sentence)
    undated_rows = ~row_dated & usable_word
    chosen_words = undated_rows & _rarest(rows, cols, np.where(undated_rows, global_df[cols], np.iinfo(np.int64).max),
                                          per_sentence)
    query_rows = np.concatenate([np.repeat(rows[chosen], 3), rows[chosen_words]])
    query_keys = np.concatenate([(week_key[chosen][:, None] + np.array([-1, 0, 1])).ravel(), cols[chosen_words]])
    # Compact the key space to the keys that are indexed.
    space, index_cols = np.unique(index_keys, return_inverse=True)
    at = np.searchsorted(space, query_keys)
    hit = _lookup(space, np.ones(len(space), dtype=np.int64), query_keys) > 0
    width = max(len(space), 1)

    def matrix(r, c):
        m = sparse.csr_matrix((np.ones(len(r), dtype=np.int32), (r, c)), shape=(n, width))
        m.sum_duplicates()
        m.data[:] = 1
        return m

    return Blocking(matrix(query_rows[hit], at[hit]), matrix(index_rows, index_cols.astype(np.int64)), limit, too_common)


def candidate_pairs(block_of: Blocking, block: int = ROW_BLOCK):
    """Yield ``(i, j)`` arrays (``i < j``) of candidate pairs, block by block of look-ups.

    A pair may come twice (each sentence found the other); :func:`align` keeps one.
    """
    transposed = block_of.index.T.tocsr()
    for start in range(0, block_of.query.shape[0], block):
        shared = (block_of.query[start:start + block] @ transposed).tocoo()
        i = shared.row.astype(np.int64) + start
        j = shared.col.astype(np.int64)
        other = i != j
        i, j = i[other], j[other]
        yield np.minimum(i, j), np.maximum(i, j)


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
    log.update({"candidate look-ups (a pair may be looked up from both sides)": n_candidates,
                "of them, different outlets": n_other,
                "of them, within the date window": n_window,
                "distinct pairs similar enough": len(i),
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
