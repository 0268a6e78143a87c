"""Blocking: which sentences are compared at all, so that the work grows as n log n and never with all pairs.

See :func:`blocking`. The key limit grows with the logarithm of the number of sentences, and each
sentence looks up a fixed number of keys, so no sentence is compared with more than a bounded number
of others.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from scipy import sparse

KEYS_PER_SENTENCE = 6
MIN_KEY_LIMIT = 64
WINDOW_DAYS = 7
ROW_BLOCK = 2000  # sentences per block of candidate look-ups: bounds memory


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
