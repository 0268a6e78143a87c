"""The actor tables: counts per article and outlet, the two views compared, co-occurrence, labels.

All take the mentions tables of :mod:`helpers.actors.scan` (one row per counted mention) and the
articles table; :func:`actor_tables` writes the files of ``python -m helpers tables``.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from ..errors import check_choice
from ..lexicon import for_display, split_list
from .gazetteer import ACTOR_TYPES, COUNT_COLUMNS, VIEWS, as_gazetteer, corpus_gazetteer, matching_key
from .scan import apply_view, mentions_frame, scan_corpus, scan_mentions

def actor_counts(mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Return mentions per article and actor, raw and per 1,000 words (``articles.n_words``).

    Rows: articles in ``articles`` order, then by count (highest first), then actor_id.
    """
    counts = mentions.groupby(["doc_id", "actor_id"], sort=False).size().rename("count").reset_index()
    words = articles.set_index("doc_id")["n_words"].astype("float64")
    n_words = counts["doc_id"].map(words)
    counts["per_1000_words"] = (counts["count"] * 1000 / n_words.where(n_words > 0)).astype("float64")
    counts["_doc"] = counts["doc_id"].map(pd.Series(range(len(articles)), index=articles["doc_id"]))
    counts = counts.sort_values(["_doc", "count", "actor_id"], ascending=[True, False, True], kind="stable")
    return counts.drop(columns="_doc").reset_index(drop=True)[list(COUNT_COLUMNS)]


def outlet_counts(mentions: pd.DataFrame, articles: pd.DataFrame, outlet: str = "outlet_short") -> pd.DataFrame:
    """Return mentions per outlet and actor, raw and per 1,000 words of that outlet's articles.

    Columns: ``outlet, actor_id, count, per_1000_words``; sorted by outlet, then count.
    """
    words = articles.groupby(outlet)["n_words"].sum()
    doc_outlet = dict(zip(articles["doc_id"], articles[outlet]))
    frame = mentions.assign(outlet=mentions["doc_id"].map(doc_outlet))
    counts = frame.groupby(["outlet", "actor_id"]).size().rename("count").reset_index()
    counts["per_1000_words"] = [c * 1000 / words[o] if words[o] else float("nan")
                                for o, c in zip(counts["outlet"], counts["count"])]
    return counts.sort_values(["outlet", "count", "actor_id"], ascending=[True, False, True],
                              kind="stable").reset_index(drop=True)


def outlet_matrix(mentions: pd.DataFrame, articles: pd.DataFrame, actors: list[str] | None = None,
                  value: str = "per_1000_words", outlet: str = "outlet_short") -> pd.DataFrame:
    """Return an actor x outlet table of ``value`` (``count`` or ``per_1000_words``), 0 where absent.

    ``actors`` picks and orders the rows; by default every actor named, most mentioned first.
    """
    check_choice("value", value, ("count", "per_1000_words"))
    counts = outlet_counts(mentions, articles, outlet)
    table = counts.pivot_table(index="actor_id", columns="outlet", values=value, aggfunc="sum", fill_value=0)
    table = table.reindex(columns=sorted(articles[outlet].unique()), fill_value=0)
    if actors is None:
        totals = mentions["actor_id"].value_counts()
        actors = sorted(totals.index, key=lambda a: (-totals[a], a))
    return table.reindex(list(actors), fill_value=0)


def top_actors(mentions: pd.DataFrame, n: int = 15, types: Iterable[str] | None = None,
               gazetteer=None) -> pd.DataFrame:
    """Return the ``n`` most mentioned actors: ``actor_id, label_ar, label_en, type, count``.

    ``types`` keeps only actors of those types (e.g. ``["person"]``). Ties are broken by actor_id.
    """
    gaz = as_gazetteer(gazetteer)
    info = gaz.actors.set_index("actor_id")
    counts = mentions["actor_id"].value_counts()
    frame = pd.DataFrame({"actor_id": counts.index, "count": counts.values})
    frame["type"] = frame["actor_id"].map(info["type"])
    if types is not None:
        types = list(types)
        for t in types:
            check_choice("type", t, ACTOR_TYPES)
        frame = frame[frame["type"].isin(types)]
    frame["label_ar"] = frame["actor_id"].map(info["label_ar"])
    frame["label_en"] = frame["actor_id"].map(info["label_en"])
    frame = frame.sort_values(["count", "actor_id"], ascending=[False, True], kind="stable").head(n)
    return frame[["actor_id", "label_ar", "label_en", "type", "count"]].reset_index(drop=True)


def compare_views(strict: pd.DataFrame, broad: pd.DataFrame, gazetteer=None) -> pd.DataFrame:
    """Return, per actor, its mentions and rank in each view and the change (``broad - strict``).

    Columns: ``actor_id, label_ar, label_en, strict, broad, change, rank_strict, rank_broad``; rows
    sorted by the broad count. Ranks are dense (ties share a rank).
    """
    gaz = as_gazetteer(gazetteer)
    s = strict["actor_id"].value_counts()
    b = broad["actor_id"].value_counts()
    ids = sorted(set(s.index) | set(b.index))
    frame = pd.DataFrame({"actor_id": ids})
    frame["label_ar"] = [gaz.label(a, "ar") for a in ids]
    frame["label_en"] = [gaz.label(a, "en") for a in ids]
    frame["strict"] = frame["actor_id"].map(s).fillna(0).astype("int64")
    frame["broad"] = frame["actor_id"].map(b).fillna(0).astype("int64")
    frame["change"] = frame["broad"] - frame["strict"]
    frame["rank_strict"] = frame["strict"].rank(method="dense", ascending=False).astype("int64")
    frame["rank_broad"] = frame["broad"].rank(method="dense", ascending=False).astype("int64")
    return frame.sort_values(["broad", "strict", "actor_id"], ascending=[False, False, True],
                             kind="stable").reset_index(drop=True)


def surface_counts(mentions: pd.DataFrame, articles: pd.DataFrame, actor_id: str,
                   outlet: str = "outlet_short") -> pd.DataFrame:
    """Return how each outlet names one actor: ``surface`` x outlet mention counts.

    Surfaces are compared in matching form (``أردوغان`` and ``اردوغان`` are one row, shown as the
    first spelling met).
    """
    sub = mentions[mentions["actor_id"] == actor_id]
    doc_outlet = dict(zip(articles["doc_id"], articles[outlet]))
    keys = sub["surface"].map(matching_key)
    shown = dict(zip(keys[::-1], sub["surface"][::-1]))
    frame = pd.DataFrame({"surface": keys.map(shown), "outlet": sub["doc_id"].map(doc_outlet)})
    table = pd.crosstab(frame["surface"], frame["outlet"])
    table = table.reindex(columns=sorted(articles[outlet].unique()), fill_value=0)
    return table.loc[table.sum(axis=1).sort_values(ascending=False, kind="stable").index]


def cooccurrence(mentions: pd.DataFrame) -> pd.DataFrame:
    """Return pairs of actors named in the same paragraph: ``actor_a, actor_b, paragraphs``.

    ``paragraphs`` counts the paragraphs where both are named (each pair once, ``actor_a <
    actor_b``); rows sorted by that count, then by the ids.
    """
    named = mentions[["doc_id", "para_id", "actor_id"]].drop_duplicates()
    both = named.merge(named, on=["doc_id", "para_id"], suffixes=("_a", "_b"))  # every pair within a paragraph
    both = both[both["actor_id_a"] < both["actor_id_b"]]
    frame = (both.groupby(["actor_id_a", "actor_id_b"]).size().rename("paragraphs").reset_index()
             .rename(columns={"actor_id_a": "actor_a", "actor_id_b": "actor_b"}).astype({"paragraphs": "int64"}))
    return frame.sort_values(["paragraphs", "actor_a", "actor_b"], ascending=[False, True, True],
                             kind="stable").reset_index(drop=True)


def cooccurrence_matrix(pairs: pd.DataFrame, actors: list[str]) -> pd.DataFrame:
    """Return a symmetric actor x actor table of shared paragraphs for ``actors`` (diagonal 0)."""
    table = pd.DataFrame(0, index=list(actors), columns=list(actors), dtype="int64")
    keep = set(actors)
    for a, b, n in zip(pairs["actor_a"], pairs["actor_b"], pairs["paragraphs"]):
        if a in keep and b in keep:
            table.loc[a, b] = table.loc[b, a] = n
    return table


def gazetteer_table(gazetteer=None) -> pd.DataFrame:
    """Return the gazetteer as a display table (forms with ``|`` shown as ``، ``)."""
    gaz = as_gazetteer(gazetteer)
    frame = for_display(gaz.actors).copy()
    for col in ("forms", "broad_forms", "story_forms"):
        frame[col] = frame[col].map(lambda cell: "، ".join(split_list(cell)))
    return frame


def add_labels(frame: pd.DataFrame, column: str = "actor_id", gazetteer=None) -> pd.DataFrame:
    """Return ``frame`` with the Arabic and English labels of ``column`` inserted after it.

    Examples
    --------
    >>> import pandas as pd
    >>> add_labels(pd.DataFrame({"actor_id": ["putin"], "count": [6]})).columns.tolist()
    ['actor_id', 'actor_id_ar', 'actor_id_en', 'count']
    """
    gaz = as_gazetteer(gazetteer)
    out = frame.copy()
    at = out.columns.get_loc(column) + 1
    out.insert(at, f"{column}_en", [gaz.label(a, "en") for a in out[column]])
    out.insert(at, f"{column}_ar", [gaz.label(a, "ar") for a in out[column]])
    return out


def explain_mentions(texts: Iterable[str], gazetteer=None) -> pd.DataFrame:
    """Return, for each text, what each view finds in it (``actor_id: surface``, ``; ``-separated).

    Examples
    --------
    >>> explain_mentions(["أعلنت موسكو"]).iloc[0].tolist()
    ['أعلنت موسكو', 'moscow: موسكو', 'russia: موسكو']
    """
    gaz = as_gazetteer(gazetteer)
    rows = []
    for text in texts:
        ms = scan_mentions(text, gaz)
        rows.append((text, *("; ".join(f"{m.actor_id}: {m.surface}" for m in apply_view(ms, v, gaz)) or "-"
                             for v in VIEWS)))
    return pd.DataFrame(rows, columns=["text", *VIEWS])


def compare_views_by_outlet(strict: pd.DataFrame, broad: pd.DataFrame, articles: pd.DataFrame,
                            actors: Iterable[str], outlet: str = "outlet_short") -> pd.DataFrame:
    """Return, per outlet and actor, mentions per 1,000 words and rank in each view.

    Columns: ``outlet, actor_id, strict, broad, rank_strict, rank_broad``; ranks are among
    ``actors`` within the outlet (1 = most named, ties share a rank).
    """
    actors = list(actors)
    parts = []
    for view, frame in (("strict", strict), ("broad", broad)):
        table = outlet_matrix(frame, articles, actors, outlet=outlet)
        parts.append(table.rename_axis(index="actor_id", columns="outlet").stack().rename(view))
    out = pd.concat(parts, axis=1).reset_index()
    for view in VIEWS:
        out[f"rank_{view}"] = out.groupby("outlet")[view].rank(method="dense", ascending=False).astype("int64")
    order = {a: i for i, a in enumerate(actors)}
    out = out.sort_values(["outlet", "actor_id"], key=lambda c: c.map(order) if c.name == "actor_id" else c,
                          kind="stable")
    return out[["outlet", "actor_id", "strict", "broad", "rank_strict", "rank_broad"]].reset_index(drop=True)



# ---------------------------------------------------------------- tables for the command line


def actor_tables(corpus, gazetteer=None, verbs=None) -> dict[str, pd.DataFrame]:
    """Return the actor tables of a corpus, keyed by file name.

    ``actor_mentions.csv`` and ``actor_counts.csv`` (strict view), their ``_broad`` twins, and
    ``voices.csv`` (who speaks; see :mod:`helpers.actors.voices`). One scan of the corpus feeds them all.
    """
    from .voices import voices_frame

    gaz = corpus_gazetteer(corpus, gazetteer)
    scanned = scan_corpus(corpus, gaz)
    strict = mentions_frame(scanned, "strict", gaz)
    broad = mentions_frame(scanned, "broad", gaz)
    return {
        "actor_mentions.csv": strict,
        "actor_counts.csv": actor_counts(strict, corpus.articles),
        "actor_mentions_broad.csv": broad,
        "actor_counts_broad.csv": actor_counts(broad, corpus.articles),
        "voices.csv": voices_frame(scanned, "strict", gaz, verbs),
    }


