"""The story tables: aligned sentence pairs, stories, and the log of how they were found.

:func:`story_tables` takes the sentences of a whole corpus (from one or many partitions) and the
articles' signatures, finds the reposts (:mod:`.reposts`), aligns the sentences of the other articles
(:mod:`.align`) and writes

``duplicates.csv``
    one row per article that is a near-copy of an earlier one (:data:`.reposts.DUPLICATE_COLUMNS`);
``aligned_sentences.csv``
    one row per kept pair of sentences: :data:`ALIGNED_COLUMNS`, by story then sentence order.
    ``published_a``/``published_b`` are the articles' reference dates (the published date, else a
    dateline in the text: every date the story view shows or compares is this one), and
    ``date_basis_a``/``date_basis_b`` say which (``metadata`` or ``text``);
``stories.csv``
    one row per story: :data:`STORY_COLUMNS`. ``n_outlets`` counts every outlet carrying a sentence
    of the story, reposts included (a repost carries a sentence when it has one with the same
    content words); ``n_independent_outlets`` counts only the outlets of articles that are not
    reposts;
``stories_log.csv``
    ``step, count``: sentences compared, candidate pairs and why pairs were dropped, the reposts.
"""
from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

from ..loading import UNKNOWN_OUTLET
from .align import THRESHOLD_LIKELY, THRESHOLD_POSSIBLE, align
from .features import gram_counts, merge_token_counts, sentence_key, token_counts
from .frames import typed_table
from .reposts import ArticleSignature, find_reposts

ALIGNED_COLUMNS = ("story_id", "doc_id_a", "para_id_a", "sent_id_a", "outlet_a", "published_a", "date_basis_a",
                   "text_a", "doc_id_b", "para_id_b", "sent_id_b", "outlet_b", "published_b", "date_basis_b", "text_b",
                   "days_apart", "similarity", "level")
STORY_COLUMNS = ("story_id", "n_pairs", "n_sentences", "n_articles", "n_outlets", "n_independent_outlets",
                 "outlets", "reposted_in", "first_published", "last_published", "best_similarity", "level",
                 "first_sentence")
LOG_COLUMNS = ("step", "count")


@dataclass
class SentenceRecords:
    """Sentences of one partition, ready for alignment: ids, fingerprints, word counts, texts (compressed).

    ``counts`` is sentence x word (``words``, the partition's own vocabulary); ``texts`` is every
    sentence's text, one after the other, zlib-compressed (``lengths`` cuts them apart): the summary
    that travels to the reducing process stays a fraction of the partition's text.
    """

    doc_id: list[str]
    para_id: np.ndarray
    sent_id: np.ndarray
    key: np.ndarray
    counts: sparse.csr_matrix
    words: list[str]
    texts: bytes
    lengths: np.ndarray

    @classmethod
    def build(cls, doc_id, para_id, sent_id, texts: list[str], token_lists: list[list[str]]) -> "SentenceRecords":
        """Return the records of sentences given their ids, texts and content words."""
        counts, words = token_counts(token_lists)
        packed = zlib.compress("".join(texts).encode("utf-8"), 6)
        return cls(list(doc_id), np.array(para_id, dtype=np.int64), np.array(sent_id, dtype=np.int64),
                   np.array([sentence_key(t) for t in token_lists], dtype=np.int64), counts, words, packed,
                   np.array([len(t) for t in texts], dtype=np.int64))

    def text_list(self) -> list[str]:
        """Return the sentences' texts."""
        joined = zlib.decompress(self.texts).decode("utf-8")
        ends = np.cumsum(self.lengths).tolist()
        return [joined[a:b] for a, b in zip([0] + ends[:-1], ends)]


@dataclass
class _Selected:
    """The sentences kept for alignment, from every partition, in corpus order."""

    doc_id: list[str]
    para_id: list[int]
    sent_id: list[int]
    text: list[str]
    key: list[int]
    counts: sparse.csr_matrix
    words: list[str]


def _select(parts: list[SentenceRecords], skip: set[str]) -> _Selected:
    """Keep the sentences of articles not in ``skip`` (the reposts), and merge the partitions."""
    columns: dict[str, list] = {"doc_id": [], "para_id": [], "sent_id": [], "text": [], "key": []}
    matrices = []
    for part in parts:
        rows = [k for k, d in enumerate(part.doc_id) if d not in skip]
        if not rows:
            continue
        texts = part.text_list()
        for name, values in (("doc_id", part.doc_id), ("para_id", part.para_id), ("sent_id", part.sent_id),
                             ("text", texts), ("key", part.key)):
            if isinstance(values, np.ndarray):
                columns[name].extend(values[rows].tolist())
            else:
                columns[name].extend(values[k] for k in rows)
        matrices.append((part.counts[rows], part.words))
    counts, words = merge_token_counts(matrices)
    return _Selected(**columns, counts=counts, words=words)


def _day(published: str) -> float:
    return float(dt.date.fromisoformat(published).toordinal()) if published else float("nan")


def story_tables(signatures: list[ArticleSignature], parts: list[SentenceRecords],
                 threshold: float = THRESHOLD_POSSIBLE, likely: float = THRESHOLD_LIKELY, **options) -> dict[str, pd.DataFrame]:
    """Return ``duplicates.csv``, ``aligned_sentences.csv``, ``stories.csv`` and ``stories_log.csv``.

    Parameters
    ----------
    signatures
        Every article's signature, in corpus order.
    parts
        The sentence records of the partitions, in partition order.
    threshold, likely
        Similarity of a ``possible`` and of a ``likely`` pair.
    options
        Passed to :func:`helpers.explore.align.align` (``window_days``, ``max_partners``).
    """
    duplicates, repost_counts = find_reposts(signatures)
    info = {s.doc_id: s for s in signatures}
    original_of = dict(zip(duplicates["doc_id"], duplicates["duplicate_of"]))
    n_all = sum(len(p.doc_id) for p in parts)
    sents = _select(parts, set(original_of))
    docs = sents.doc_id
    article_code = {d: k for k, d in enumerate(dict.fromkeys(docs))}
    outlets = sorted({info[d].outlet for d in docs} - {UNKNOWN_OUTLET})
    outlet_code = {o: k for k, o in enumerate(outlets)}
    article = np.array([article_code[d] for d in docs], dtype=np.int64)
    outlet = np.array([outlet_code.get(info[d].outlet, -1) for d in docs], dtype=np.int64)
    day = np.array([_day(info[d].published) for d in docs], dtype=np.float64)
    found = align(gram_counts(sents.counts, sents.words), sents.counts, article, outlet, day, -1, threshold,
                  likely=likely, **options)
    log = [("articles", len(signatures)), ("articles that are reposts of an earlier one", len(duplicates)),
           ("repost candidates compared (LSH)", repost_counts["candidates"]),
           ("sentences with enough content words", n_all), ("of them, in articles that are not reposts", len(docs))]
    log += [(step, int(value)) for step, value in found.log.items() if step != "sentences"]
    aligned, stories = _tables(found, sents, info, likely, _carriers(parts, original_of))
    return {"duplicates.csv": duplicates, "aligned_sentences.csv": aligned, "stories.csv": stories,
            "stories_log.csv": typed_table(log, LOG_COLUMNS, ints=("count",))}


def _tables(found, sents, info, likely, carriers):
    """Build the pair and story tables from an :class:`~helpers.explore.align.Alignment`."""
    n_stories = int(found.story.max() + 1) if len(found.i) else 0
    members: list[list[int]] = [[] for _ in range(n_stories)]
    for local in np.flatnonzero(found.story >= 0):
        members[found.story[local]].append(local)
    pairs_of: list[list[int]] = [[] for _ in range(n_stories)]
    for k, a in enumerate(found.i):
        pairs_of[found.story[a]].append(k)

    def ref(r):
        return sents.doc_id[r], sents.para_id[r], sents.sent_id[r], sents.text[r], sents.key[r]

    # Stories in order: most outlets, then best similarity, then first sentence.
    summary = []
    for s in range(n_stories):
        docs = list(dict.fromkeys(ref(m)[0] for m in members[s]))
        best = float(found.similarity[pairs_of[s]].max())
        summary.append((-len({info[d].outlet for d in docs}), -best, members[s][0], s))
    order = [s for *_, s in sorted(summary)]
    width = max(3, len(str(n_stories)))
    story_id = {s: f"S{k + 1:0{width}d}" for k, s in enumerate(order)}
    pair_rows, story_rows = [], []
    for s in order:
        for k in pairs_of[s]:
            a, b = ref(found.i[k]), ref(found.j[k])
            pa, pb = info[a[0]].published, info[b[0]].published
            gap = abs(_day(pa) - _day(pb)) if pa and pb else float("nan")
            sim = float(found.similarity[k])
            pair_rows.append((story_id[s], a[0], a[1], a[2], info[a[0]].outlet, pa, info[a[0]].date_basis, a[3],
                              b[0], b[1], b[2], info[b[0]].outlet, pb, info[b[0]].date_basis, b[3], gap, sim,
                              "likely" if sim >= likely else "possible"))
        refs = [ref(m) for m in members[s]]
        docs = list(dict.fromkeys(r[0] for r in refs))
        reposts = sorted({c for r in refs for c in carriers.get((r[0], r[4]), ())})
        every = {info[d].outlet for d in docs + reposts}
        independent = {info[d].outlet for d in docs}
        dates = sorted(info[d].published for d in docs if info[d].published)
        best = float(found.similarity[pairs_of[s]].max())
        story_rows.append((story_id[s], len(pairs_of[s]), len(refs), len(docs), len(every), len(independent),
                           " | ".join(sorted(every)), " | ".join(reposts), dates[0] if dates else "",
                           dates[-1] if dates else "", best, "likely" if best >= likely else "possible", refs[0][3]))
    aligned = typed_table(pair_rows, ALIGNED_COLUMNS, ints=("para_id_a", "sent_id_a", "para_id_b", "sent_id_b"),
                          floats=("days_apart", "similarity"))
    stories = typed_table(story_rows, STORY_COLUMNS, ints=("n_pairs", "n_sentences", "n_articles", "n_outlets",
                                                           "n_independent_outlets"), floats=("best_similarity",))
    return aligned, stories


def _carriers(parts: list[SentenceRecords], original_of: dict[str, str]) -> dict[tuple[str, int], list[str]]:
    """Return ``{(original doc_id, sentence fingerprint): [reposts carrying that sentence]}``."""
    found: dict[tuple[str, int], dict[str, None]] = {}
    for part in parts:
        for doc_id, key in zip(part.doc_id, part.key.tolist()):
            original = original_of.get(doc_id)
            if original is not None:
                found.setdefault((original, key), {})[doc_id] = None
    return {k: list(v) for k, v in found.items()}
