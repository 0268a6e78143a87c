"""Charts with Arabic labels.

matplotlib 3.11 and newer shape Arabic and apply the bidi algorithm to text themselves; older versions
draw the letters unjoined and left-to-right. :func:`for_matplotlib` returns the string to hand to
matplotlib on the installed version: unchanged on 3.11+, reshaped (arabic-reshaper) and put in visual
order (python-bidi) before that. Applying the old recipe on 3.11+ reverses the text silently, so every
chart label goes through this one function.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .charsets import ARABIC_LETTERS, PRESENTATION_FORMS
from .errors import check_choice
from .notebook import record_written
from .paths import figures_dir

SHAPING_MODES = ("auto", "native", "reshape")


def matplotlib_shapes_text(version: str | None = None) -> bool:
    """Return True when this matplotlib version shapes Arabic and applies bidi itself (3.11+).

    Examples
    --------
    >>> matplotlib_shapes_text("3.11.2"), matplotlib_shapes_text("3.10.8")
    (True, False)
    """
    if version is None:
        import matplotlib  # here, not at module level: the tables command needs no plotting library

        version = matplotlib.__version__
    major, minor = (int("".join(ch for ch in part if ch.isdigit()) or 0) for part in version.split(".")[:2])
    return (major, minor) >= (3, 11)


def for_matplotlib(text: str, shaping: str = "auto") -> str:
    """Return ``text`` ready for a matplotlib label on the installed version.

    Parameters
    ----------
    text
        The label in logical order, as stored.
    shaping
        ``"auto"`` (decide from the matplotlib version), ``"native"`` (matplotlib shapes: return
        ``text`` unchanged) or ``"reshape"`` (older matplotlib: join letters and reorder).

    Examples
    --------
    >>> for_matplotlib("إدلب", shaping="native")
    'إدلب'
    >>> for_matplotlib("إدلب", shaping="reshape")  # joined forms, last letter first
    '\\ufe90\\ufedf\\ufea9\\ufe87'
    """
    check_choice("shaping", shaping, SHAPING_MODES)
    if shaping == "native" or (shaping == "auto" and matplotlib_shapes_text()):
        return text
    import arabic_reshaper
    from bidi import get_display

    return get_display(arabic_reshaper.reshape(text))


FIGURE_DPI = 150


def plain_text_labels(plot):
    """Decorate a plotting function so every text it draws is shown as written, never as mathematics.

    matplotlib reads ``$...$`` in any label as mathematics, and a label from data (an outlet called
    ``Price $\\foo{x}$ News``, a scraped title with two prices in dollars) either shows wrong or stops
    the chart with an error. Inside the decorated function ``text.parse_math`` is off; each text keeps
    that setting, so the figure is also saved as written (:func:`save_figure` checks it again).
    """
    @functools.wraps(plot)
    def wrapper(*args, **kwargs):
        import matplotlib

        with matplotlib.rc_context({"text.parse_math": False}):
            return plot(*args, **kwargs)

    return wrapper


_ARABIC_RE = re.compile(f"[{ARABIC_LETTERS}{PRESENTATION_FORMS}]")


def figure_description(fig) -> str:
    """Return a short text description of ``fig`` from its titles: the figure's, then each panel's.

    Used as the chart's alt text in the HTML reports. Titles drawn through the pre-3.11 recipe are in
    visual order and would read backwards, so on such matplotlib versions only the titles without
    Arabic letters are kept.
    """
    titles = [fig.get_suptitle()] if hasattr(fig, "get_suptitle") else []  # matplotlib 3.8+
    titles += [ax.get_title() for ax in fig.axes]
    native = matplotlib_shapes_text()
    kept = []
    for title in (" ".join(t.split()) for t in titles):
        if title and title not in kept and (native or not _ARABIC_RE.search(title)):
            kept.append(title)
    return "Chart: " + "; ".join(kept) if kept else "Chart"


def save_figure(fig, name: str, out_dir: str | Path, description: str | None = None) -> None:
    """Save ``fig`` as ``OUT/figures/<name>.png`` (150 dpi), show that same PNG in the notebook, close it.

    The figure is drawn once: the file written is the image the notebook and its report show (the
    inline backend would otherwise draw it a second time). ``description`` is the chart's alt text in
    the reports (default: :func:`figure_description`). Returns None, so a notebook cell ending with
    this call shows the chart and nothing else.
    """
    import io
    import struct

    import matplotlib.pyplot as plt

    import matplotlib
    from matplotlib.text import Text

    if description is None:
        description = figure_description(fig)
    for text in fig.findobj(Text):  # texts made outside a plain_text_labels function, too
        text.set_parse_math(False)
    buf = io.BytesIO()
    with matplotlib.rc_context({"text.parse_math": False}):
        fig.savefig(buf, format="png", dpi=FIGURE_DPI, bbox_inches="tight", metadata={"Software": None})
    png = buf.getvalue()
    path = figures_dir(out_dir) / f"{name}.png"
    path.write_bytes(png)
    record_written(path)
    plt.close(fig)
    try:
        from IPython import get_ipython
        from IPython.display import Image, display
    except ImportError:
        return None
    if get_ipython() is not None:
        width = struct.unpack(">I", png[16:20])[0]  # the PNG header's width, in pixels
        display(Image(data=png, format="png", width=round(width * 100 / FIGURE_DPI), metadata={"alt": description}))
    return None


@plain_text_labels
def empty_figure(message: str):
    """Return a small figure that says, in ``message``, why there is nothing to draw.

    A chart of a corpus that has nothing of the kind (no voice linked to an actor, no event of the
    codebook) is this figure, so the report says so where the chart would be.
    """
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.5, 1.2))
    ax.axis("off")
    ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True)
    return fig


# Okabe-Ito colours: distinguishable with the common colour-vision deficiencies.
OUTLET_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")


def outlet_colors(outlets) -> dict[str, str]:
    """Return a fixed colour per outlet label (sorted order), the same in every chart of the workbook.

    Examples
    --------
    >>> outlet_colors(["Awtan Post", "Al-Waseela"])
    {'Al-Waseela': '#0072B2', 'Awtan Post': '#D55E00'}
    """
    names = sorted(set(outlets))
    return {name: OUTLET_PALETTE[i % len(OUTLET_PALETTE)] for i, name in enumerate(names)}


# --- charts that adapt to the corpus size ---------------------------------------------------------------

MAX_ARTICLES = 30  # a chart has one bar, row or column per article up to this many articles
MAX_GROUPS = 12  # beyond that, one per outlet: the outlets with most articles, the others summed in one


@dataclass(frozen=True)
class ChartGroups:
    """How a chart groups the articles: one per article on a small corpus, one per outlet on a large one.

    Attributes
    ----------
    unit
        ``"article"`` or ``"outlet"``.
    of
        ``doc_id -> group key`` (the doc_id itself, or the outlet's group).
    articles
        One row per group with the columns the charts read: ``doc_id`` (the group key), ``outlet``,
        ``outlet_short``, ``published``, ``n_articles``, and ``n_words`` and ``n_obfuscations`` summed
        where the articles table has them. Per article it is the articles table itself.
    note
        What the chart shows instead of single articles, for its title ("" per article).
    """

    unit: str
    of: dict
    articles: pd.DataFrame
    note: str

    def sum(self, frame: pd.DataFrame, columns, by=()) -> pd.DataFrame:
        """Return ``frame`` (with a ``doc_id`` column) summed per group (and ``by``), ``doc_id`` the group key."""
        if self.unit == "article":
            return frame
        keys = ["doc_id", *by]
        grouped = frame.assign(doc_id=frame["doc_id"].map(self.of))
        return grouped.groupby(keys, sort=False, as_index=False)[list(columns)].sum()


def chart_groups(articles: pd.DataFrame, max_articles: int = MAX_ARTICLES, max_groups: int = MAX_GROUPS,
                 outlet: str = "outlet_short") -> ChartGroups:
    """Decide how a chart of ``articles`` is grouped: per article up to ``max_articles``, else per outlet.

    Per outlet, the ``max_groups - 1`` outlets with the most articles are shown one by one (ties by
    name) and the others are summed into one group, ``"k other outlets"``, when there are more than
    ``max_groups``. ``note`` says so, to be written on the chart.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["1", "2", "3"], "outlet": ["A", "A", "B"], "outlet_short": ["A", "A", "B"],
    ...                      "published": ["2020-01-02", "", "2020-03-04"], "n_words": [10, 20, 30]})
    >>> chart_groups(arts).unit
    'article'
    >>> g = chart_groups(arts, max_articles=2)
    >>> g.unit, g.of, list(g.articles["n_words"]), g.note
    ('outlet', {'1': 'A', '2': 'A', '3': 'B'}, [30, 30], '3 articles, too many to show one by one: one per outlet')
    """
    if len(articles) <= max_articles:
        return ChartGroups("article", dict(zip(articles["doc_id"], articles["doc_id"])), articles, "")
    kept, others, other_key = _largest_outlets(articles, max_groups, outlet)
    key = {o: (o if o in kept else other_key) for o in articles[outlet].unique()}
    of = dict(zip(articles["doc_id"], articles[outlet].map(key)))
    frame = articles.assign(_group=articles[outlet].map(key))
    rows = []
    for group in kept + ([other_key] if others else []):
        part = frame[frame["_group"] == group]
        dates = sorted(d for d in part["published"] if d) if "published" in part else []
        row = {"doc_id": group, "outlet": part["outlet"].iloc[0] if group in kept else other_key,
               "outlet_short": group, "n_articles": len(part),
               "published": f"{dates[0][:7]} to {dates[-1][:7]}" if dates else ""}
        for column in ("n_words", "n_obfuscations", "n_paragraphs"):
            if column in part:
                row[column] = int(part[column].sum())
        rows.append(row)
    note = f"{len(articles):,} articles, too many to show one by one: one per outlet"
    if others:
        note += f" (the {len(kept)} with most articles; {others} others summed)"
    return ChartGroups("outlet", of, pd.DataFrame(rows), note)


def _largest_outlets(articles: pd.DataFrame, max_groups: int, outlet: str) -> tuple[list, int, str]:
    """Return (the outlets shown one by one, most articles first, ties by name; how many others; their group's name)."""
    sizes = articles[outlet].value_counts()
    ranked = sorted(sizes.index, key=lambda o: (-sizes[o], str(o)))
    kept = ranked if len(ranked) <= max_groups else ranked[:max_groups - 1]
    others = len(ranked) - len(kept)
    return kept, others, f"{others} other outlets"


@dataclass(frozen=True)
class OutletGroups:
    """The outlets a per-outlet chart shows: all of them up to a limit, else the largest and the rest summed.

    Attributes
    ----------
    articles
        The articles table with the outlet column replaced by each article's group (its outlet, or
        ``"k other outlets"``): per-outlet sums and rates computed on it count the others together.
    order
        The groups in the order to draw them: outlets by name, the summed group last.
    note
        What the chart leaves out, for its title ("" when every outlet is shown).
    """

    articles: pd.DataFrame
    order: list
    note: str


def outlet_groups(articles: pd.DataFrame, max_groups: int = MAX_GROUPS, outlet: str = "outlet_short") -> OutletGroups:
    """Decide which outlets a per-outlet chart (small multiples, heat-map columns) shows one by one.

    Up to ``max_groups`` outlets, all of them; beyond, the ``max_groups - 1`` with most articles and one
    group summing the others, as :func:`chart_groups` does.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": list("123456"), "outlet_short": ["A", "A", "B", "C", "D", "D"]})
    >>> g = outlet_groups(arts, max_groups=3)
    >>> g.order, list(g.articles["outlet_short"]), g.note
    (['A', 'D', '2 other outlets'], ['A', 'A', '2 other outlets', '2 other outlets', 'D', 'D'], 'the 2 outlets with most articles; 2 others summed')
    >>> outlet_groups(arts).note
    ''
    """
    kept, others, other_key = _largest_outlets(articles, max_groups, outlet)
    if not others:
        return OutletGroups(articles, sorted(kept), "")
    grouped = articles.assign(**{outlet: articles[outlet].where(articles[outlet].isin(kept), other_key)})
    return OutletGroups(grouped, sorted(kept) + [other_key],
                        f"the {len(kept)} outlets with most articles; {others} others summed")


def group_label(row: dict, unit: str) -> str:
    """Return the first line of a chart label for one group: ``doc_id · outlet`` or ``outlet (n articles)``."""
    if unit == "article":
        return f"{row['doc_id']} · {row['outlet_short']}"
    return f"{row['outlet_short']} ({row['n_articles']:,} articles)"


def labels_outside(fig, margin_px: float = 1.0) -> list[str]:
    """Return the texts drawn on ``fig`` (titles, tick and axis labels, legends, notes) that do not fit in it.

    Each text's drawn extent is compared with the figure's own area: a label that sticks out is cut
    off when the figure is shown at its own size, and silently widens one saved with a tight box.
    Tick labels count only for ticks inside the axis's view. An empty list means every label fits.
    Used by the tests on every chart of the workbook.
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    texts = list(fig.texts) + [t for legend in fig.legends for t in legend.get_texts()]
    for name in ("_suptitle", "_supxlabel", "_supylabel"):
        if getattr(fig, name, None) is not None:
            texts.append(getattr(fig, name))
    for ax in fig.axes:
        texts += [ax.title, ax._left_title, ax._right_title, ax.xaxis.label, ax.yaxis.label, *ax.texts]
        if ax.get_legend() is not None:
            texts += list(ax.get_legend().get_texts())
        for axis in (ax.xaxis, ax.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                if low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                    texts += [label for label in (tick.label1, tick.label2) if label.get_visible()]
    box = fig.bbox
    outside = []
    for text in texts:
        if not text.get_visible() or not text.get_text().strip():
            continue
        extent = text.get_window_extent(renderer)
        if (extent.x0 < box.x0 - margin_px or extent.x1 > box.x1 + margin_px
                or extent.y0 < box.y0 - margin_px or extent.y1 > box.y1 + margin_px):
            outside.append(text.get_text())
    return outside
