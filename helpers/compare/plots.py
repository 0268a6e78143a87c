"""Charts of the comparison: coverage matrix, labels heatmap, distancing verbs by speaker's side.

Every Arabic string goes through :func:`helpers.charts.for_matplotlib`; each function returns the
figure (save it with :func:`helpers.charts.save_figure`).
"""
from __future__ import annotations

import pandas as pd

from ..charsets import ARABIC_LETTER_RE
from ..charts import chart_groups, empty_figure, for_matplotlib, group_label, plain_text_labels

LEANING_COLORS = {"hostile": "#B2182B", "neutral": "#4D4D4D", "sympathetic": "#1B7837"}
SIDE_COLORS = {"russia": "#D55E00", "turkey": "#0072B2", "other": "#999999", "unlinked": "#DDDDDD"}
SIDE_LABELS = {"russia": "Russian speakers", "turkey": "Turkish speakers", "other": "other speakers",
               "unlinked": "speaker not found"}


def _article_labels(articles: pd.DataFrame, unit: str = "article") -> dict[str, str]:
    """Return ``doc_id -> "000 · Al-Waseela\\nالوسيلة\\n2020-02-11"`` (the Arabic name when the outlet has one).

    ``articles`` may be the groups of :func:`helpers.charts.chart_groups` (``unit="outlet"``): then
    ``"Al-Waseela (2,000 articles)"`` and the months the articles span. Pass
    :func:`helpers.dates.dated_articles` to show each article's reference date (``(text)`` after a
    date from a dateline).
    """
    out = {}
    for rec in articles.to_dict("records"):
        label = group_label(rec, unit).replace(" (", "\n(")
        if ARABIC_LETTER_RE.search(str(rec.get("outlet", ""))):
            label += "\n" + for_matplotlib(rec["outlet"])
        label += "\n" + (rec["published"] or "undated")
        if rec["published"] and rec.get("date_basis") == "text":
            label += " (text)"  # a dateline's date, not the metadata's
        out[rec["doc_id"]] = label
    return out


def event_labels(events: pd.DataFrame | None, width: int = 48) -> dict[str, str]:
    """Return ``event_id -> "Russian-Turkish military contacts over Idlib (2020-02-10)"`` for chart axes.

    The label is the event's description in ``events.csv`` (wrapped at ``width`` characters), with its
    date when it has one; an event without a description keeps its id.

    Examples
    --------
    >>> ev = pd.DataFrame({"event_id": ["a_b"], "description": ["Five Turkish soldiers killed"], "date": ["2020-02-10"]})
    >>> event_labels(ev)
    {'a_b': 'Five Turkish soldiers killed (2020-02-10)'}
    """
    import textwrap

    if events is None:
        return {}
    out = {}
    for rec in events.to_dict("records"):
        text = str(rec.get("description") or "").strip() or rec["event_id"]
        if rec.get("date"):
            text += f" ({rec['date']})"
        out[rec["event_id"]] = for_matplotlib("\n".join(textwrap.wrap(text, width)))
    return out


@plain_text_labels
def plot_coverage(coverage: pd.DataFrame, articles: pd.DataFrame, events: pd.DataFrame | None = None):
    """Heatmap of sentences per event (rows) and article (columns); zero cells left blank.

    ``coverage`` is the long table (``event_id, doc_id, n_sentences``); ``events`` (the codebook's
    event table) adds each event's date to its label.
    """
    import matplotlib.pyplot as plt

    if not (coverage["n_sentences"] > 0).any():
        return empty_figure("Coverage: no sentence of this corpus matches an event of the codebook")
    groups = chart_groups(articles)
    coverage = groups.sum(coverage, ["n_sentences"], by=["event_id"])
    articles = groups.articles
    wide = coverage.pivot(index="event_id", columns="doc_id", values="n_sentences")
    wide = wide.reindex(index=list(dict.fromkeys(coverage["event_id"])), columns=list(articles["doc_id"])).fillna(0)
    names = event_labels(events)
    labels = _article_labels(articles, groups.unit)
    rows = [names.get(e, e) for e in wide.index]
    fig, ax = plt.subplots(figsize=(4.0 + 1.6 * wide.shape[1], 0.2 * sum(r.count("\n") + 1 for r in rows) + 0.25 * len(rows) + 2.4))
    ax.imshow((wide.values > 0) * (0.25 + wide.values / max(1, wide.values.max())), cmap="Greens",
              vmin=0, vmax=1.3, aspect="auto")
    ax.set_yticks(range(len(wide.index)), rows, fontsize=8)
    ax.set_xticks(range(len(wide.columns)), [labels[d] for d in wide.columns], fontsize=8)
    ax.xaxis.tick_top()
    top = wide.values.max() if wide.size else 0
    for (i, j), value in pd.DataFrame(wide.values).stack().items():
        if value:
            ax.text(j, i, f"{int(value):,}", ha="center", va="center", fontsize=9,
                    color="white" if value > 0.6 * top else "black")
    shared = int(((wide > 0).sum(axis=1) >= 2).sum())
    ax.set_title(f"Coverage: sentences reporting each event, per {groups.unit}\n" + for_matplotlib("التغطية")
                 + (f"\n{groups.note}" if groups.note else "")
                 + f"\n{shared} of {len(wide)} events are reported by two or more {groups.unit}s", fontsize=10, pad=12)
    ax.set_xlim(-0.5, wide.shape[1] - 0.5)
    fig.tight_layout()
    return fig


@plain_text_labels
def plot_labels(matrix: pd.DataFrame, framing, articles: pd.DataFrame):
    """Heatmap of framing labels (rows, grouped by referent) per article; label colour = leaning.

    ``matrix`` comes from :func:`helpers.compare.framing.label_matrix` (rows ``referent · term``),
    ``framing`` is the loaded framing lexicon (for the leanings).
    """
    import matplotlib.pyplot as plt

    if matrix.empty:
        return empty_figure("Labels for the same referent: no framing label found in this corpus")
    by_term = dict(zip(framing.terms["term"], framing.terms["leaning"]))  # a label counted for another actor
    leaning = {i: by_term.get(i.split(" · ")[1], "neutral") for i in matrix.index}
    groups = chart_groups(articles)
    if groups.unit == "outlet":  # the matrix's columns are "doc_id · outlet" labels: sum them per group
        key = {f"{d} · {o}": groups.of[d] for d, o in zip(articles["doc_id"], articles["outlet_short"])}
        matrix = matrix.T.groupby(matrix.columns.map(lambda c: key.get(c, c)), sort=False).sum().T
        matrix = matrix.reindex(columns=[g for g in groups.articles["doc_id"] if g in matrix.columns])
        articles = groups.articles
    doc_labels = _article_labels(articles, groups.unit)
    by_label = {group_label(r, groups.unit): doc_labels[r["doc_id"]] for r in articles.to_dict("records")}
    by_label.update({r["doc_id"]: doc_labels[r["doc_id"]] for r in articles.to_dict("records")})
    fig, ax = plt.subplots(figsize=(max(7.0, 2.5 + 1.5 * matrix.shape[1]), 0.3 * matrix.shape[0] + 2.2))
    ax.imshow(matrix.values, cmap="Purples", aspect="auto", vmin=0, vmax=max(1, matrix.values.max()) * 1.3)
    ax.set_yticks(range(len(matrix.index)),
                  [for_matplotlib(f"{i.split(' · ')[1]}   ({i.split(' · ')[0]})") for i in matrix.index], fontsize=8)
    for tick, index in zip(ax.get_yticklabels(), matrix.index):
        tick.set_color(LEANING_COLORS.get(leaning.get(index, "neutral"), "#000000"))
    ax.set_xticks(range(len(matrix.columns)), [by_label.get(c, c) for c in matrix.columns], fontsize=8)
    ax.xaxis.tick_top()
    for (i, j), value in pd.DataFrame(matrix.values).stack().items():
        if value:
            ax.text(j, i, f"{int(value):,}", ha="center", va="center", fontsize=8)
    referents = [i.split(" · ")[0] for i in matrix.index]
    for k in range(1, len(referents)):
        if referents[k] != referents[k - 1]:
            ax.axhline(k - 0.5, color="#888888", linewidth=0.8)
    ax.set_title(f"Labels for the same referent, per {groups.unit}\n" + for_matplotlib("التسميات")
                 + (f"\n{groups.note}" if groups.note else "")
                 + "\nlabel colour: red hostile, grey neutral, green sympathetic", fontsize=10, pad=12)
    fig.tight_layout()
    return fig


OTHER_SIDE_PALETTE = ("#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")  # Okabe-Ito, not above


def chart_sides(sides) -> list[str]:
    """Return the speaker sides to draw, in a stable order: the seed story's first, then any other side
    of the corpus alphabetically, then ``other`` and ``unlinked``.

    Examples
    --------
    >>> chart_sides(["unlinked", "lebanon", "russia", "france", "unlinked"])
    ['russia', 'france', 'lebanon', 'unlinked']
    """
    present = set(sides)
    first = [s for s in ("russia", "turkey") if s in present]
    last = [s for s in ("other", "unlinked") if s in present]
    return first + sorted(present - set(first) - set(last)) + last


def side_colors(sides) -> dict[str, str]:
    """Return a colour per side: the fixed ones of :data:`SIDE_COLORS`, then the palette in order."""
    extra = iter(OTHER_SIDE_PALETTE * (1 + len(sides) // len(OTHER_SIDE_PALETTE)))
    return {s: SIDE_COLORS[s] if s in SIDE_COLORS else next(extra) for s in sides}


@plain_text_labels
def plot_distancing(rates: pd.DataFrame, articles: pd.DataFrame):
    """Grouped bars: share of distancing attributions per article and speaker side, ``k/n`` written on top.

    ``rates`` is :func:`helpers.compare.attribution.distancing_rates` (with ``keep_sides`` the corpus's
    main sides); every side in it gets its bars (:func:`chart_sides`), in a colour of its own.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    if rates.empty:
        return empty_figure("Distancing attributions: no attribution verb found in this corpus")
    sides = chart_sides(rates["side"])
    colors = side_colors(sides)
    groups = chart_groups(articles)
    if groups.unit == "outlet":
        rates = groups.sum(rates, ["distancing", "attributions"], by=["side"])
        rates = rates.assign(distancing_rate=(rates["distancing"] / rates["attributions"].where(rates["attributions"] > 0)).fillna(0.0))
        articles = groups.articles
    docs = list(articles["doc_id"])
    labels = _article_labels(articles, groups.unit)
    fig, ax = plt.subplots(figsize=(2 + 1.9 * len(docs), 4.4))
    width = 0.8 / max(1, len(sides))
    x = np.arange(len(docs))
    for k, side in enumerate(sides):
        sub = rates[rates["side"] == side].set_index("doc_id")
        values = [float(sub["distancing_rate"].get(d, 0.0)) for d in docs]
        counts = [(int(sub["distancing"].get(d, 0)), int(sub["attributions"].get(d, 0))) for d in docs]
        bars = ax.bar(x + (k - (len(sides) - 1) / 2) * width, values, width, color=colors[side],
                      label=SIDE_LABELS.get(side, f"{side.replace('_', ' ').capitalize()} speakers"),
                      edgecolor="#555555", linewidth=0.5)
        ax.bar_label(bars, [f"{a:,}/{n:,}" if n else "" for a, n in counts], fontsize=7, padding=2)
    ax.set_xticks(x, [labels[d] for d in docs], fontsize=8)
    ax.set_ylim(0, 1.1)
    ax.set_ylabel("distancing / all attributions")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, frameon=False, loc="upper right")
    ax.set_title(f"Distancing attributions by the speaker's side, per {groups.unit}\n"
                 + for_matplotlib("التشكيك في كلام المتحدث: زعم، ادعى، بذريعة، على حد تعبيرهم")
                 + (f"\n{groups.note}" if groups.note else ""), fontsize=10)
    fig.tight_layout()
    return fig
