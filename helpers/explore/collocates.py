"""Collocates: the words that keep company with an actor or a word.

The **node** is an actor id of the gazetteer (every counted mention of it: ``turkey`` is met by
``تركيا``, ``أنقرة``... under the ``broad`` view, names only under ``strict``) or any word or phrase
(matched as in :mod:`helpers.explore.kwic`). Its **window** is ``window`` running words to the left
and to the right of each occurrence (stop words count as running words), inside the paragraph. A
**collocate** is a content word (:mod:`helpers.explore.tokens`) inside a window; the node's own words
are not collocates of it.

For each collocate ``y``: ``n_together`` (its occurrences inside the windows; a word inside two
overlapping windows counts once), ``n_left``/``n_right`` (before/after a node in reading order; a
word between two close occurrences counts as before the second), and
``n_collocate`` (its frequency in the corpus). Two measures:

``log_dice``
    ``14 + log2(2 n_together / (n_node + n_collocate))`` (Rychlý 2008): at most 14; +1 is twice as
    exclusive a pairing. It does not grow with corpus size, so it compares across corpora.
``log_likelihood``
    Dunning's G² of the collocate's rate inside the windows against the rest of the corpus: the
    evidence that the pairing is more than chance. Only collocates more frequent inside the windows
    than outside are listed.

Collocates seen fewer than ``min_count`` times together are left out.
"""
from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd

from ..actors import VIEWS, apply_view, corpus_gazetteer
from ..compare import scan_for_comparison
from ..errors import check_choice
from .frames import typed_table
from .keyness import log_likelihood
from .kwic import query_index
from .tokens import clitic_splits, load_stoplist, token_spans

WINDOW = 5
MIN_COUNT = 2
COLLOCATE_COLUMNS = ("collocate", "n_together", "n_left", "n_right", "n_collocate", "log_dice", "log_likelihood")


def _node_spans(p, node: str, index, view: str, gaz) -> list[tuple[int, int]]:
    """Return the node's occurrences in one paragraph as matching-form spans (proclitics included)."""
    if index is None:
        return [(m.mstart - len(m.clitic), m.mend) for m in apply_view(p.mentions, view, gaz) if m.actor_id == node]
    return [(m.start - len(m.clitic), m.end) for m in index.find_all(p.form)]


def collocates(corpus, node: str, window: int = WINDOW, min_count: int = MIN_COUNT, view: str = "broad",
               gaz=None) -> pd.DataFrame:
    """Return the collocates of an actor or a word (columns :data:`COLLOCATE_COLUMNS`), by log-Dice.

    Parameters
    ----------
    corpus
        A loaded :class:`helpers.loading.Corpus`.
    node
        An actor id of the gazetteer (``turkey``), or a word or phrase (``الاحتلال``; several
        spellings separated by ``|``).
    window
        Running words on each side of the node.
    min_count
        Smallest ``n_together`` listed.
    view
        For an actor: ``"broad"`` (names, demonyms and capitals folded in) or ``"strict"`` (names).

    Returns
    -------
    pandas.DataFrame
        Sorted by ``log_dice``, then ``n_together`` (both descending), then the word. ``attrs`` holds
        ``node``, ``n_node`` (occurrences), ``window``, ``min_count`` and ``corpus_words``.
    """
    check_choice("view", view, VIEWS)
    gaz = corpus_gazetteer(corpus, gaz)
    index = None if node in set(gaz.ids) else query_index(node)
    stop = load_stoplist(lexicons=corpus)
    frequency: Counter = Counter()
    together: Counter = Counter()
    left: Counter = Counter()
    n_node = corpus_words = window_words = 0
    for p in scan_for_comparison(corpus, gaz):
        tokens = token_spans(p.form, stop, clitic_splits(p.form, p.mentions) if p.mentions else None)
        corpus_words += len(tokens)
        frequency.update(t for t, _, _ in tokens if t)
        spans = _node_spans(p, node, index, view, gaz)
        if not spans:
            continue
        starts = np.array([s for _, s, _ in tokens])
        ends = np.array([e for _, _, e in tokens])
        inside: dict[int, bool] = {}  # token position in a window -> it is before a node
        node_tokens = set()
        for start, end in spans:
            first = int(np.searchsorted(ends, start, side="right"))
            last = int(np.searchsorted(starts, end, side="left")) - 1
            if last < first:
                continue
            n_node += 1
            node_tokens.update(range(first, last + 1))
            for k in range(max(0, first - window), first):
                inside[k] = True
            for k in range(last + 1, min(len(tokens), last + 1 + window)):
                inside.setdefault(k, False)
        positions = [k for k in sorted(inside) if k not in node_tokens]
        window_words += len(positions)
        for k in positions:
            term = tokens[k][0]
            if term:
                together[term] += 1
                left[term] += inside[k]
    rows = []
    outside_words = corpus_words - window_words
    for term, n in together.items():
        if n < min_count:
            continue
        f_y = frequency[term]
        if outside_words > 0 and n / window_words <= (f_y - n) / outside_words:
            continue  # not more frequent near the node than elsewhere
        dice = 14 + np.log2(2 * n / (n_node + f_y))
        g2 = float(log_likelihood(n, f_y - n, window_words, outside_words)) if outside_words > 0 else float("nan")
        rows.append((term, n, left[term], n - left[term], f_y, float(dice), g2))
    table = typed_table(rows, COLLOCATE_COLUMNS, ints=("n_together", "n_left", "n_right", "n_collocate"),
                        floats=("log_dice", "log_likelihood"))
    table = table.sort_values(["log_dice", "n_together", "collocate"], ascending=[False, False, True],
                              kind="stable").reset_index(drop=True)
    table.attrs.update(node=node, n_node=n_node, window=window, min_count=min_count, corpus_words=corpus_words)
    return table
