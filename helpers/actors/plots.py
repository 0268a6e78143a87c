"""Charts of the actor tables: most named actors, actors by outlet, the two views, co-occurrence, voices.

Labels go through :func:`helpers.charts.for_matplotlib`, which shapes Arabic only where matplotlib
cannot (before 3.11).
"""
from __future__ import annotations

import pandas as pd

from ..charts import empty_figure, plain_text_labels
from .counts import cooccurrence, cooccurrence_matrix, outlet_counts, outlet_matrix, top_actors
from .gazetteer import as_gazetteer

NO_MENTION = "No actor of the gazetteer is named in this corpus: nothing to chart."
NO_VOICE = "No attribution in this corpus is linked to an actor of the gazetteer: nothing to chart."

TYPE_COLORS = {"person": "#0072B2", "state": "#D55E00", "organization": "#009E73",
               "armed_group": "#CC79A7", "place": "#E69F00"}


def chart_label(actor_id: str, gazetteer=None) -> str:
    """Return an actor's chart label, English then Arabic, ready for matplotlib.

    Examples
    --------
    >>> chart_label("putin")
    'Vladimir Putin · فلاديمير بوتين'
    """
    from ..charts import for_matplotlib

    gaz = as_gazetteer(gazetteer)
    if actor_id not in gaz.label_pairs:
        return actor_id
    ar, en = gaz.label_pairs[actor_id]
    return for_matplotlib(f"{en} · {ar}")


@plain_text_labels
def plot_top_actors(mentions: pd.DataFrame, n: int = 15, title: str = "", gazetteer=None):
    """Return a horizontal bar chart of the ``n`` most mentioned actors, coloured by type."""
    if mentions.empty:
        return empty_figure(NO_MENTION)
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    from ..charts import for_matplotlib

    top = top_actors(mentions, n, gazetteer=gazetteer)[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(top) + 1.2))
    ax.barh([chart_label(a, gazetteer) for a in top["actor_id"]], top["count"],
            color=[TYPE_COLORS[t] for t in top["type"]])
    for y, value in enumerate(top["count"]):
        ax.text(value, y, f" {value}", va="center", fontsize=8)
    ax.set_xlabel(for_matplotlib("mentions · الإشارات"))
    ax.set_title(for_matplotlib(title or "Most named actors · أكثر الفاعلين ذكراً"))
    types = [t for t in TYPE_COLORS if t in set(top["type"])]
    ax.legend(handles=[Patch(color=TYPE_COLORS[t], label=t) for t in types], loc="lower right", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


@plain_text_labels
def plot_top_actors_by_outlet(mentions: pd.DataFrame, articles: pd.DataFrame, n: int = 8, gazetteer=None,
                              outlet: str = "outlet_short"):
    """Return one small bar chart per outlet: its ``n`` most named actors per 1,000 words.

    Beyond :data:`helpers.charts.MAX_GROUPS` outlets, the outlets with most articles get a chart each and
    the others one together (:func:`helpers.charts.outlet_groups`); the title says so.
    """
    if mentions.empty:
        return empty_figure(NO_MENTION)
    import matplotlib.pyplot as plt

    from ..charts import for_matplotlib, outlet_colors, outlet_groups

    groups = outlet_groups(articles, outlet=outlet)
    counts = outlet_counts(mentions, groups.articles, outlet)
    outlets = groups.order
    colors = outlet_colors(outlets)
    cols = min(3, len(outlets))
    rows = -(-len(outlets) // cols)
    # constrained layout makes room for a two-line title (tight_layout let it run into the first panels)
    fig, axes = plt.subplots(rows, cols, figsize=(4.6 * cols, 0.33 * n * rows + 1.4 * rows), squeeze=False,
                             layout="constrained")
    for ax, name in zip(axes.flat, outlets):
        sub = counts[counts["outlet"] == name].head(n)[::-1]
        ax.set_title(for_matplotlib(name), fontsize=10)
        if sub.empty:  # an outlet whose articles name no actor: say so, no empty axes
            ax.set_xticks([])
            ax.set_yticks([])
            ax.spines[:].set_visible(False)
            ax.text(0.5, 0.5, "no actor of the gazetteer named", ha="center", va="center", fontsize=8,
                    transform=ax.transAxes)
            continue
        ax.barh([chart_label(a, gazetteer) for a in sub["actor_id"]], sub["per_1000_words"], color=colors[name])
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in list(axes.flat)[len(outlets):]:
        ax.axis("off")
    fig.supxlabel(for_matplotlib("mentions per 1,000 words · إشارات لكل ألف كلمة"), fontsize=9)
    fig.suptitle(for_matplotlib("Most named actors per outlet · أكثر الفاعلين ذكراً في كل منبر"
                                + (f"\n{groups.note}" if groups.note else "")))
    return fig


@plain_text_labels
def plot_heatmap(table: pd.DataFrame, title: str, value_label: str, row_labels=None, col_labels=None,
                 fmt: str = "{:.1f}", cmap: str = "Blues", square: bool = False):
    """Return an annotated heat map of a numeric table (rows and columns labelled as given).

    Every label must already have gone through :func:`helpers.charts.for_matplotlib` (as
    :func:`chart_label` does); plain column names are passed through it here.
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from ..charts import for_matplotlib

    values = table.to_numpy(dtype=float)
    if square:
        side = 0.42 * max(table.shape) + 4
        size, rotation = (side + 1.5, side), 60
    else:
        size, rotation = (max(6.5, 1.3 * table.shape[1] + 3.5), max(3.5, 0.38 * table.shape[0] + 1.8)), 30
    fig, ax = plt.subplots(figsize=size, layout="constrained")  # constrained: it makes room for the colour bar's label
    image = ax.imshow(values, cmap=cmap, aspect="auto")
    ax.set_xticks(range(table.shape[1]), list(col_labels) if col_labels is not None
                  else [for_matplotlib(str(c)) for c in table.columns], rotation=rotation, ha="right", fontsize=8)
    ax.set_yticks(range(table.shape[0]), list(row_labels or map(str, table.index)), fontsize=8)
    top = values.max() if values.size else 0
    for i in range(values.shape[0]):
        for j in range(values.shape[1]):
            if values[i, j]:
                ax.text(j, i, fmt.format(values[i, j]), ha="center", va="center", fontsize=7,
                        color="white" if values[i, j] > 0.6 * top else "black", in_layout=False)
    bar = fig.colorbar(image, ax=ax, label=for_matplotlib(value_label.replace(" · ", "\n")), shrink=0.8)
    if fmt == "{:.0f}":
        bar.locator = MaxNLocator(integer=True)
        bar.update_ticks()
    ax.set_title(for_matplotlib(title.replace(" · ", "\n")))
    return fig


def plot_actor_outlet_heatmap(mentions: pd.DataFrame, articles: pd.DataFrame, n: int = 20, gazetteer=None):
    """Return a heat map of the ``n`` most named actors x outlet, in mentions per 1,000 words.

    Beyond :data:`helpers.charts.MAX_GROUPS` outlets, the columns are the outlets with most articles and
    one for the others together (:func:`helpers.charts.outlet_groups`); the title says so.
    """
    from ..charts import outlet_groups

    if mentions.empty:
        return empty_figure(NO_MENTION)
    actors = list(top_actors(mentions, n, gazetteer=gazetteer)["actor_id"])
    groups = outlet_groups(articles)
    table = outlet_matrix(mentions, groups.articles, actors)[groups.order]
    return plot_heatmap(table, "Actors by outlet · الفاعلون حسب المنبر" + (f" · {groups.note}" if groups.note else ""),
                        "mentions per 1,000 words · لكل ألف كلمة",
                        row_labels=[chart_label(a, gazetteer) for a in actors])


@plain_text_labels
def plot_view_comparison(comparison: pd.DataFrame, n: int = 12, gazetteer=None):
    """Return paired bars of mentions in the strict and broad views for the ``n`` actors that change most.

    Demonyms raise a state; folding lowers its capital and seat of power to zero.
    """
    import matplotlib.pyplot as plt

    from ..charts import for_matplotlib

    moved = comparison.assign(_size=comparison["change"].abs())
    moved = moved[moved["_size"] > 0].sort_values(["_size", "actor_id"], ascending=[False, True], kind="stable")
    if moved.empty:
        return empty_figure("The broad view changes no actor's count in this corpus: nothing to chart.")
    top = moved.head(n).sort_values(["broad", "strict", "actor_id"], ascending=[True, True, False], kind="stable")
    fig, ax = plt.subplots(figsize=(8, 0.42 * len(top) + 1.3))
    ys = range(len(top))
    ax.barh([y + 0.2 for y in ys], top["strict"], height=0.4, color="#56B4E9",
            label=for_matplotlib("strict: names only · الأسماء فقط"))
    ax.barh([y - 0.2 for y in ys], top["broad"], height=0.4, color="#D55E00",
            label=for_matplotlib("broad: + demonyms, capitals · مع النسبة والعواصم"))
    ax.set_yticks(list(ys), [chart_label(a, gazetteer) for a in top["actor_id"]], fontsize=8)
    ax.set_xlabel(for_matplotlib("mentions, all articles · الإشارات في كل المقالات"))
    ax.set_title(for_matplotlib("What the counting choice changes · أثر طريقة العد"))
    ax.legend(loc="lower right", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def plot_cooccurrence(mentions: pd.DataFrame, n: int = 15, gazetteer=None):
    """Return a heat map of how many paragraphs each pair of the ``n`` most named actors share."""
    if mentions.empty:
        return empty_figure(NO_MENTION)
    actors = list(top_actors(mentions, n, gazetteer=gazetteer)["actor_id"])
    table = cooccurrence_matrix(cooccurrence(mentions), actors)
    if not table.to_numpy().any():
        return empty_figure("No two actors of the gazetteer are named in the same paragraph: nothing to chart.")
    labels = [chart_label(a, gazetteer) for a in actors]
    return plot_heatmap(table, "Named in the same paragraph · في الفقرة نفسها",
                        "shared paragraphs · فقرات مشتركة", row_labels=labels, col_labels=labels,
                        fmt="{:.0f}", cmap="Greens", square=True)


@plain_text_labels
def plot_voices_by_outlet(voices: pd.DataFrame, articles: pd.DataFrame, n: int = 15, gazetteer=None,
                          outlet: str = "outlet_short"):
    """Return a heat map of who speaks in each outlet: linked voices, distancing ones in brackets.

    Beyond :data:`helpers.charts.MAX_GROUPS` outlets, the columns are the outlets with most articles and
    one for the others together (:func:`helpers.charts.outlet_groups`); the title says so.
    """
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    from ..charts import for_matplotlib, outlet_groups

    groups = outlet_groups(articles, outlet=outlet)
    linked = voices[voices["actor_id"] != ""]
    doc_outlet = dict(zip(groups.articles["doc_id"], groups.articles[outlet]))
    frame = linked.assign(outlet=linked["doc_id"].map(doc_outlet))
    if frame.empty:
        return empty_figure(NO_VOICE)
    totals = frame["actor_id"].value_counts()
    actors = sorted(totals.index, key=lambda a: (-totals[a], a))[:n]
    outlets = groups.order
    allv = pd.crosstab(frame["actor_id"], frame["outlet"]).reindex(index=actors, columns=outlets, fill_value=0)
    dist = frame[frame["stance"] == "distancing"]
    distv = pd.crosstab(dist["actor_id"], dist["outlet"]).reindex(index=actors, columns=outlets, fill_value=0)
    values = allv.to_numpy(dtype=float)
    fig, ax = plt.subplots(figsize=(max(6.5, 1.3 * len(outlets) + 3.5), max(3.5, 0.38 * len(actors) + 1.8)),
                           layout="constrained")
    image = ax.imshow(values, cmap="Purples", aspect="auto")
    ax.set_xticks(range(len(outlets)), [for_matplotlib(o) for o in outlets], rotation=30, ha="right", fontsize=8)
    ax.set_yticks(range(len(actors)), [chart_label(a, gazetteer) for a in actors], fontsize=8)
    top = values.max() if values.size else 0
    for i, a in enumerate(actors):
        for j, o in enumerate(outlets):
            if values[i, j]:
                d = int(distv.loc[a, o])
                ax.text(j, i, f"{int(values[i, j])}" + (f" ({d})" if d else ""), ha="center", va="center",
                        fontsize=7, color="white" if values[i, j] > 0.6 * top else "black")
    bar = fig.colorbar(image, ax=ax, label=for_matplotlib("voices\nمرات الإسناد"), shrink=0.8)
    bar.locator = MaxNLocator(integer=True)
    bar.update_ticks()
    ax.set_title(for_matplotlib("Who speaks, by outlet (distancing verbs in brackets)\nمن يتكلم في كل منبر"
                                + (f"\n{groups.note}" if groups.note else "")))
    return fig
