"""The alignment thresholds, chosen on hand-labelled sentence pairs, and their precision and recall.

``benchmarks/gold_aligned_pairs.csv`` holds 50 pairs labelled by hand before the similarity was
written: 19 pairs of seed sentences from different articles (2 report the same thing, 17 do not: two
different soldier incidents, one speaker's two statements, Russian-American vs Russian-Turkish
contacts...) and 31 pairs of a seed sentence with a sentence written for the set, as another outlet
could report the same thing in other words and labels (16) or another thing in the same words (15).
``same`` is the label; ``note`` says why.

The similarity of each pair is computed as in :mod:`helpers.explore.align`, with the inverse document
frequencies of the corpus's sentences plus the labelled texts. Two thresholds are chosen from the
similarities of the labelled pairs:

``likely``
    the threshold with the largest Youden's J (recall minus false-positive rate), which does not
    depend on the share of same-story pairs in the set (an artefact of how the set was written);
``possible``
    the highest threshold that still finds at least 85% of the same-story pairs: in a side-by-side
    view read by a person, a wrong pair costs a glance, a missed one is never seen.

Both are rounded down to three decimals.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from ..errors import WorkbookError
from ..paths import ROOT
from .align import MIN_TOKENS
from .features import feature_matrices, tfidf
from .tokens import text_tokens

GOLD_FILE = ROOT / "benchmarks" / "gold_aligned_pairs.csv"
GOLD_COLUMNS = ("pair_id", "same", "doc_id_a", "para_id_a", "sent_id_a", "text_a", "doc_id_b", "para_id_b",
                "sent_id_b", "text_b", "note")
MIN_RECALL_POSSIBLE = 0.85


def load_alignment_gold(path=GOLD_FILE, sentences: pd.DataFrame | None = None) -> pd.DataFrame:
    """Read the labelled pairs; with ``sentences`` (:func:`helpers.compare.corpus_sentences`), check the seed texts.

    Raises
    ------
    WorkbookError
        For a missing column, a label other than 0 or 1, or a seed sentence whose text no longer
        matches the corpus (the file names the paragraph and sentence).
    """
    gold = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = [c for c in GOLD_COLUMNS if c not in gold.columns]
    if missing:
        raise WorkbookError(f"{path}: missing column(s) {', '.join(missing)}")
    bad = gold[~gold["same"].isin(["0", "1"])]
    if len(bad):
        raise WorkbookError(f"{path}: pair {bad['pair_id'].iloc[0]}: same must be 0 or 1")
    gold["same"] = gold["same"].astype("int64")
    if sentences is not None:
        text = {(d, int(p), int(s)): t for d, p, s, t in
                zip(sentences["doc_id"], sentences["para_id"], sentences["sent_id"], sentences["sentence"])}
        for rec in gold.to_dict("records"):
            for side in ("a", "b"):
                if rec[f"doc_id_{side}"]:
                    key = (rec[f"doc_id_{side}"], int(rec[f"para_id_{side}"]), int(rec[f"sent_id_{side}"]))
                    if text.get(key) != rec[f"text_{side}"]:
                        raise WorkbookError(f"{path}: pair {rec['pair_id']}: text_{side} is not sentence {key} "
                                            "of the corpus")
    return gold


def gold_similarities(gold: pd.DataFrame, corpus_texts: list[str]) -> np.ndarray:
    """Return the similarity of each labelled pair, with IDF over ``corpus_texts`` plus the labelled texts.

    ``corpus_texts`` are the corpus's sentences (those with fewer than :data:`MIN_TOKENS` content
    words are left out, as in the alignment).
    """
    texts = list(dict.fromkeys(list(corpus_texts) + list(gold["text_a"]) + list(gold["text_b"])))
    tokens = [text_tokens(t) for t in texts]
    keep = [i for i, t in enumerate(tokens) if len(t) >= MIN_TOKENS or texts[i] in set(gold["text_a"]) | set(gold["text_b"])]
    index = {texts[i]: row for row, i in enumerate(keep)}
    grams, _ = feature_matrices([tokens[i] for i in keep])
    vectors = tfidf(grams)
    a = vectors[[index[t] for t in gold["text_a"]]]
    b = vectors[[index[t] for t in gold["text_b"]]]
    return np.asarray(a.multiply(b).sum(axis=1)).ravel()


def precision_recall(similarity, same, thresholds=None) -> pd.DataFrame:
    """Return, per threshold, the pairs at or above it, precision, recall, false-positive rate and Youden's J.

    ``thresholds`` defaults to every observed similarity.

    Examples
    --------
    >>> precision_recall([0.9, 0.5, 0.2], [1, 0, 1], [0.5])[["pairs_above", "precision", "recall"]].values.tolist()
    [[2.0, 0.5, 0.5]]
    """
    sim, same = np.asarray(similarity, dtype=float), np.asarray(same, dtype=int)
    if thresholds is None:
        thresholds = np.unique(sim)
    rows = []
    for t in thresholds:
        above = sim >= t
        tp = int(np.count_nonzero(above & (same == 1)))
        fp = int(np.count_nonzero(above & (same == 0)))
        recall = tp / max(int(same.sum()), 1)
        fpr = fp / max(int((same == 0).sum()), 1)
        rows.append((float(t), int(above.sum()), tp, tp / above.sum() if above.any() else math.nan, recall, fpr,
                     recall - fpr))
    return pd.DataFrame(rows, columns=["threshold", "pairs_above", "same_found", "precision", "recall",
                                       "false_positive_rate", "youden_j"])


def _floor3(value: float) -> float:
    return math.floor(value * 1000) / 1000


def choose_thresholds(similarity, same) -> tuple[float, float]:
    """Return ``(possible, likely)`` chosen on labelled pairs (rules in the module docstring)."""
    table = precision_recall(similarity, same)
    best = table.sort_values(["youden_j", "threshold"], ascending=[False, False]).iloc[0]
    possible = table[table["recall"] >= MIN_RECALL_POSSIBLE]["threshold"].max()
    return _floor3(possible), _floor3(best["threshold"])


def leave_one_out(similarity, same) -> pd.DataFrame:
    """Return precision and recall of both thresholds when each pair is judged by thresholds chosen without it.

    An estimate less flattering than scoring the thresholds on the pairs that chose them: for each
    labelled pair, both thresholds are chosen on the other pairs, then applied to it.

    Returns
    -------
    pandas.DataFrame
        One row per level (``possible``, ``likely``): ``pairs_above``, ``same_found``, ``precision``,
        ``recall``.
    """
    sim, same = np.asarray(similarity, dtype=float), np.asarray(same, dtype=int)
    calls = {"possible": [], "likely": []}
    for k in range(len(sim)):
        others = np.arange(len(sim)) != k
        possible, likely = choose_thresholds(sim[others], same[others])
        calls["possible"].append(sim[k] >= possible)
        calls["likely"].append(sim[k] >= likely)
    rows = []
    for level, above in calls.items():
        above = np.array(above)
        tp = int(np.count_nonzero(above & (same == 1)))
        rows.append((level, int(above.sum()), tp, tp / above.sum() if above.any() else math.nan, tp / max(int(same.sum()), 1)))
    return pd.DataFrame(rows, columns=["level", "pairs_above", "same_found", "precision", "recall"])


def seed_evaluation() -> dict:
    """Score the thresholds on the labelled pairs, with the seed corpus's sentences for the IDF.

    The thresholds belong to the method, chosen once on the seeds' labelled pairs; this is the same
    evaluation whatever corpus a notebook is run on.

    Returns
    -------
    dict
        ``gold`` (the labelled pairs with a ``similarity`` column), ``curve`` (precision and recall at
        every threshold), ``at`` (at the two thresholds in use), ``leave_one_out``, ``chosen``
        (what :func:`choose_thresholds` picks now).
    """
    from ..compare import corpus_sentences
    from ..loading import read_corpus
    from ..paths import SEEDS
    from .align import THRESHOLD_LIKELY, THRESHOLD_POSSIBLE

    sentences = corpus_sentences(read_corpus(SEEDS))
    gold = load_alignment_gold(sentences=sentences)
    gold["similarity"] = gold_similarities(gold, list(sentences["sentence"]))
    at = precision_recall(gold["similarity"], gold["same"], [THRESHOLD_POSSIBLE, THRESHOLD_LIKELY])
    at.insert(0, "level", ["possible", "likely"])
    return {"gold": gold, "curve": precision_recall(gold["similarity"], gold["same"]), "at": at,
            "leave_one_out": leave_one_out(gold["similarity"], gold["same"]),
            "chosen": choose_thresholds(gold["similarity"], gold["same"])}


def labelled_pairs(aligned: pd.DataFrame, gold: pd.DataFrame) -> pd.DataFrame:
    """Return the aligned pairs that are also labelled seed pairs, with their label and note.

    Examples
    --------
    >>> aligned = pd.DataFrame({"story_id": ["S1"], "doc_id_a": ["002"], "para_id_a": [20], "sent_id_a": [1],
    ...                         "doc_id_b": ["004"], "para_id_b": [8], "sent_id_b": [1], "similarity": [0.17]})
    >>> labelled_pairs(aligned, load_alignment_gold())[["pair_id", "same"]].values.tolist()
    [['s01', 1]]
    """
    labels = {}
    for rec in gold[gold["doc_id_b"] != ""].to_dict("records"):
        a = (rec["doc_id_a"], int(rec["para_id_a"]), int(rec["sent_id_a"]))
        b = (rec["doc_id_b"], int(rec["para_id_b"]), int(rec["sent_id_b"]))
        labels[frozenset([a, b])] = (rec["pair_id"], int(rec["same"]), rec["note"])
    rows = []
    for rec in aligned.to_dict("records"):
        key = frozenset([(rec["doc_id_a"], rec["para_id_a"], rec["sent_id_a"]),
                         (rec["doc_id_b"], rec["para_id_b"], rec["sent_id_b"])])
        if key in labels:
            pair_id, same, note = labels[key]
            rows.append((rec["story_id"], f"{rec['doc_id_a']} ¶{rec['para_id_a']}.{rec['sent_id_a']}",
                         f"{rec['doc_id_b']} ¶{rec['para_id_b']}.{rec['sent_id_b']}", rec["similarity"], pair_id,
                         same, note))
    return pd.DataFrame(rows, columns=["story_id", "sentence_a", "sentence_b", "similarity", "pair_id", "same", "note"])
