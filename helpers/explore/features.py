"""Sentence features for the alignment: content words counted, their character 4-grams, TF-IDF.

A partition counts its sentences' content words over its own vocabulary (:func:`token_counts`); the
reduction stacks the partitions over one sorted vocabulary (:func:`merge_token_counts`), so the columns
do not depend on how the corpus was split, and spells each distinct word once into its 4-grams
(:func:`gram_counts`, a sparse product). :func:`tfidf` weights them with ``scikit-learn``.
"""
from __future__ import annotations

import zlib

import numpy as np
from scipy import sparse

GRAM = 4


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
