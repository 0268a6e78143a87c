"""Reposts: articles that are near-copies of an earlier article, found with MinHash and LSH.

An article is represented by the set of its **5-word shingles**: every run of five consecutive words
of a counted paragraph (matching form, every word: stop words and numbers too), never across two
paragraphs, so an outlet that reorders paragraphs still shares them. Each set becomes a
MinHash signature of 128 values (``datasketch``, seed 1); signatures are small and computed
partition by partition.

Articles are then taken in publication order (dated articles by date, then doc_id; undated ones after
them, by doc_id). Each is looked up in a MinHash LSH index (candidate Jaccard similarity 0.3 or more)
holding only the articles already found to be originals, so every look-up compares against a handful
of candidates, never the whole corpus. An article is a **repost** of the candidate with which it
shares the largest estimated share of its own shingles, when that share is at least 0.7; otherwise it
becomes an original itself.

``similarity`` is the estimated Jaccard similarity of the two shingle sets; ``shared_share`` is the
estimated share of the repost's shingles that are also in the original (``|A ∩ B| / |A|``, from the
Jaccard estimate and both set sizes). With 128 permutations the Jaccard estimate has a standard error
of about ``sqrt(J (1 - J) / 128)``: 0.04 around 0.5.
"""
from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .frames import typed_table
from .tokens import TOKEN_RE

SHINGLE_WORDS = 5
NUM_PERM = 128
MINHASH_SEED = 1
LSH_THRESHOLD = 0.3
MIN_SHARED_SHARE = 0.7
DUPLICATE_COLUMNS = ("doc_id", "outlet", "published", "duplicate_of", "outlet_of_original", "published_of_original",
                     "similarity", "shared_share", "first_by")
_MULTIPLIERS = np.array([pow(1_000_003, k, 2**64) for k in range(SHINGLE_WORDS - 1, -1, -1)], dtype=np.uint64)
_word_hashes: dict[str, int] = {"": 0}


@dataclass(frozen=True)
class ArticleSignature:
    """One article's MinHash signature and what the reduction needs to order and label it."""

    doc_id: str
    outlet: str
    published: str  # the article's reference date, YYYY-MM-DD, or ""
    hashvalues: bytes  # NUM_PERM uint32 values
    n_shingles: int
    date_basis: str = ""  # how ``published`` is known: metadata, text (a dateline) or "" (see helpers.dates)


def _word_codes(words: list[str]) -> list[int]:
    """Return the CRC-32 of each word, remembered per word (a corpus repeats its words)."""
    get = _word_hashes.get
    codes = [get(w) for w in words]
    if None in codes:
        for k, w in enumerate(words):
            if codes[k] is None:
                codes[k] = _word_hashes[w] = zlib.crc32(w.encode("utf-8"))
    return codes


def shingle_hashes(paragraph_words: list[list[str]], size: int = SHINGLE_WORDS) -> np.ndarray:
    """Return the sorted, distinct 32-bit hashes of the word shingles of an article's paragraphs.

    ``paragraph_words`` holds each counted paragraph's running words (matching form). A paragraph
    shorter than ``size`` words gives one shingle of all its words. All paragraphs go through numpy at
    once; no shingle crosses from one paragraph into the next.

    Examples
    --------
    >>> a = shingle_hashes([TOKEN_RE.findall("روسيا ترفض طلب تركي بخصوص مدينة ادلب")])
    >>> b = shingle_hashes([TOKEN_RE.findall(t) for t in ("وفي خبر آخر", "روسيا ترفض طلب تركي بخصوص مدينة ادلب")])
    >>> len(a), len(b), len(np.intersect1d(a, b))
    (3, 4, 3)
    """
    words: list[str] = []
    starts: list[int] = []  # where each shingle may start: not within size-1 words of a paragraph end
    for found in paragraph_words:
        if not found:
            continue
        if len(found) < size:  # one shingle, padded with empty words (hash 0)
            found = list(found) + [""] * (size - len(found))
        starts.extend(range(len(words), len(words) + len(found) - size + 1))
        words.extend(found)
    if not starts:
        return np.zeros(0, dtype=np.uint64)
    codes = np.array(_word_codes(words), dtype=np.uint64)
    at = np.array(starts, dtype=np.int64)
    mixed = np.zeros(len(at), dtype=np.uint64)
    for k in range(size):  # a polynomial of the word hashes, wrapping modulo 2**64
        mixed += codes[at + k] * _MULTIPLIERS[k]
    return np.unique((mixed ^ (mixed >> np.uint64(32))) & np.uint64(0xFFFFFFFF))


def _template():
    from datasketch import MinHash

    global _TEMPLATE
    try:
        return _TEMPLATE
    except NameError:
        _TEMPLATE = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashfunc=int)
        return _TEMPLATE


def minhash(hashes: np.ndarray):
    """Return the ``datasketch.MinHash`` (128 permutations, seed 1) of a set of shingle hashes."""
    from datasketch import MinHash

    template = _template()
    m = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, hashfunc=int, permutations=template.permutations,
                scheme=template.scheme)
    if len(hashes):
        m.update_batch(hashes.tolist())
    return m


def article_signature(doc_id: str, outlet: str, published: str, paragraph_words: list[list[str]],
                      date_basis: str = "") -> ArticleSignature:
    """Return the signature of one article from the running words of its counted paragraphs.

    ``published`` is the article's reference date (its published date, else a dateline) and
    ``date_basis`` how it is known (``metadata``, ``text``).
    """
    hashes = shingle_hashes(paragraph_words)
    return ArticleSignature(doc_id, outlet, published or "", minhash(hashes).hashvalues.tobytes(), len(hashes),
                            date_basis if published else "")


def text_signature(doc_id: str, outlet: str, published: str, paragraphs: list[str]) -> ArticleSignature:
    """Return the signature of an article given as clean paragraphs (for an article outside the corpus).

    Examples
    --------
    >>> a = text_signature("x", "X", "2020-01-19", ["اختتم مؤتمر برلين حول ليبيا أعماله مساء الأحد بتعهد الدول المشاركة"])
    >>> a.n_shingles
    7
    """
    from ..matching import normalize_for_matching

    return article_signature(doc_id, outlet, published, [TOKEN_RE.findall(normalize_for_matching(p)) for p in paragraphs])


def _restore(sig: ArticleSignature):
    from datasketch import MinHash

    template = _template()
    return MinHash(seed=MINHASH_SEED, hashfunc=int, hashvalues=np.frombuffer(sig.hashvalues, dtype=np.uint32),
                   permutations=template.permutations, scheme=template.scheme)


def shared_share(jaccard: float, n_self: int, n_other: int) -> float:
    """Estimate the share of one set found in another, from their Jaccard similarity and sizes.

    ``|A ∩ B| = J (|A| + |B|) / (1 + J)``; the share is ``|A ∩ B| / |A|``, at most 1.

    Examples
    --------
    >>> round(shared_share(0.5, 100, 100), 3), shared_share(0.5, 50, 100)
    (0.667, 1.0)
    """
    if n_self == 0:
        return 0.0
    return min(1.0, jaccard * (n_self + n_other) / (1.0 + jaccard) / n_self)


def publication_order(sig: ArticleSignature) -> tuple:
    """Sort key: dated articles first, by date, then doc_id; undated ones after, by doc_id."""
    return (0, sig.published, sig.doc_id) if sig.published else (1, "", sig.doc_id)


def _first_by(copy: ArticleSignature, original: ArticleSignature) -> str:
    if copy.published and original.published:
        if original.published == copy.published:
            return "same day: doc_id order"
        return "published" if "text" not in (copy.date_basis, original.date_basis) else "date (one from the text)"
    if original.published:
        return "repost undated: the dated article is taken as first"
    return "both undated: doc_id order"


def find_reposts(signatures: list[ArticleSignature], min_share: float = MIN_SHARED_SHARE,
                 lsh_threshold: float = LSH_THRESHOLD) -> tuple[pd.DataFrame, dict[str, int]]:
    """Return the reposts among ``signatures`` (table ``duplicates.csv``) and counts of the work done.

    Parameters
    ----------
    signatures
        One per article, any order (they are put in publication order here).
    min_share
        Smallest estimated share of an article's shingles found in an earlier article for it to be a
        repost of it.
    lsh_threshold
        Jaccard similarity at which the LSH index is tuned to return candidates.

    Returns
    -------
    (pandas.DataFrame, dict)
        The table (columns :data:`DUPLICATE_COLUMNS`, one row per repost, by doc_id) and
        ``{"articles": ..., "originals": ..., "candidates": ...}``.
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=lsh_threshold, num_perm=NUM_PERM)
    originals: dict[str, tuple[ArticleSignature, object]] = {}
    rows, n_candidates = [], 0
    for sig in sorted(signatures, key=publication_order):
        if sig.n_shingles == 0:
            continue
        m = _restore(sig)
        best = None
        for key in sorted(lsh.query(m), key=lambda k: publication_order(originals[k][0])):
            other, other_m = originals[key]
            n_candidates += 1
            jaccard = m.jaccard(other_m)
            share = shared_share(jaccard, sig.n_shingles, other.n_shingles)
            if best is None or share > best[0]:
                best = (share, jaccard, other)
        if best is not None and best[0] >= min_share:
            share, jaccard, other = best
            rows.append((sig.doc_id, sig.outlet, sig.published, other.doc_id, other.outlet, other.published,
                         jaccard, share, _first_by(sig, other)))
        else:
            originals[sig.doc_id] = (sig, m)
            lsh.insert(sig.doc_id, m)
    rows.sort(key=lambda r: r[0])
    table = typed_table(rows, DUPLICATE_COLUMNS, floats=("similarity", "shared_share"))
    counts = {"articles": len(signatures), "originals": len(originals), "candidates": n_candidates}
    return table, counts


def independent_outlets(doc_ids, duplicates: pd.DataFrame, articles: pd.DataFrame,
                        outlet: str = "outlet_short") -> tuple[int, int]:
    """Return (outlets, independent outlets) among the articles ``doc_ids``.

    An outlet counts as independent when at least one of its articles among ``doc_ids`` is not a
    repost (per ``duplicates``) of another article.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["a", "b", "c"], "outlet_short": ["X", "Y", "Z"]})
    >>> dups = pd.DataFrame({"doc_id": ["c"], "duplicate_of": ["a"]})
    >>> independent_outlets(["a", "b", "c"], dups, arts)
    (3, 2)
    """
    outlet_of = dict(zip(articles["doc_id"], articles[outlet]))
    reposts = set(duplicates["doc_id"])
    docs = list(dict.fromkeys(doc_ids))
    every = {outlet_of.get(d, "") for d in docs}
    independent = {outlet_of.get(d, "") for d in docs if d not in reposts}
    return len(every), len(independent)
