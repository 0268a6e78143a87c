"""Show dates to a reader: each article's mentions highlighted in context, and one timeline figure."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from ..charts import chart_groups, for_matplotlib, outlet_colors, plain_text_labels
from ..notebook import RTL_STYLE, escape, rtl_table

KIND_COLORS = {"absolute": "#cce5ff", "month": "#d4edda", "year": "#e2e3e5", "weekday": "#fff3cd",
               "relative": "#fde2cf", "range": "#e8dcf5", "duration": "#eeeeee"}
MAX_TIMELINE_ARTICLES = 20  # one timeline row per article up to this many; beyond, counts per outlet
GAP_DAYS = 45  # resolved dates further apart than this go to separate panels of the timeline
def date_table_html(frame: pd.DataFrame, caption: str | None = None) -> str:
    """Return ``frame`` as an escaped HTML table in which every cell reads in its own direction.

    An Arabic cell reads right-to-left; an English note that quotes Arabic words stays left-to-right
    (see :func:`helpers.notebook.rtl_table`).

    Examples
    --------
    >>> html = date_table_html(pd.DataFrame({"surface": ["أمس"], "note": ["yesterday (أمس)"]}))
    >>> html.count('dir="rtl"')
    1
    """
    return rtl_table(frame, caption=caption)


def kind_legend_html() -> str:
    """Return a one-line HTML legend of the highlight colour of each kind."""
    items = "".join(f'<mark style="background:{color}">{escape(kind)}</mark> ' for kind, color in KIND_COLORS.items())
    return f"<p>{items}</p>"


def highlight_dates(text: str, mentions: pd.DataFrame) -> str:
    """Return ``text`` as escaped HTML with each mention marked, its value written after it.

    ``mentions`` has ``start, end, kind, value, note`` (offsets into ``text``), and optionally
    ``value_end`` (a range is written ``start–end``).

    Examples
    --------
    >>> m = pd.DataFrame({"start": [4], "end": [9], "kind": ["relative"], "value": ["2020-02-11"], "note": ["<x>"]})
    >>> html = highlight_dates("صرح اليوم", m)
    >>> "<mark" in html and "اليوم</mark>" in html and "&lt;x&gt;" in html
    True
    """
    out, pos = [], 0
    for m in mentions.sort_values("start", kind="stable").itertuples(index=False):
        if m.start < pos:
            continue
        value = (f"{m.value}\u2013{m.value_end}" if getattr(m, "value_end", "") else m.value) or "?"
        title = escape(f"{m.kind}: {value}. {m.note}")
        out.append(escape(text[pos:m.start]))
        out.append(f'<mark style="background:{KIND_COLORS.get(m.kind, "#eeeeee")}" title="{title}">'
                   f"{escape(text[m.start:m.end])}</mark>"
                   f'<sub dir="ltr" style="unicode-bidi: isolate; white-space: nowrap; color: #555;">{escape(value)}</sub>')
        pos = m.end
    out.append(escape(text[pos:]))
    return "".join(out)


def dates_in_context_html(corpus, mentions: pd.DataFrame, references: pd.DataFrame,
                          max_articles: int | None = None) -> str:
    """Return one HTML block per article: its reference date and every line with a date, highlighted.

    ``max_articles`` shows only the first articles (by doc_id) and says how many are left out.
    """
    texts = {(d, p): t for d, p, t in zip(corpus.paragraphs["doc_id"], corpus.paragraphs["para_id"],
                                           corpus.paragraphs["text"])}
    refs = references.set_index("doc_id")
    blocks = []
    shown = corpus.articles if max_articles is None else corpus.articles.head(max_articles)
    if len(shown) < len(corpus.articles):
        blocks.append(f"<p><em>The first {len(shown):,} of {len(corpus.articles):,} articles; every mention is in "
                      "tables/date_mentions.csv.</em></p>")
    for art in shown.itertuples(index=False):
        ref = refs.loc[art.doc_id]
        flag = f" · <strong>{escape(ref['flag'])}</strong>" if ref.get("flag") else ""
        head = (f"<h4>{escape(art.doc_id)} · {escape(art.outlet_short)}: reference date "
                f"{escape(ref['reference_date'] or 'none')} ({escape(ref['basis'])}){flag}</h4>"
                f"<p><small>{escape(ref['detail'])}</small></p>")
        mine = mentions[mentions["doc_id"] == art.doc_id]
        lines = []
        for para_id, group in mine.groupby("para_id", sort=False):
            text = texts[(art.doc_id, para_id)]
            lines.append(f'<p dir="rtl" style="{RTL_STYLE}"><small dir="ltr">[{int(para_id)}]</small> '
                         f"{highlight_dates(text, group)}</p>")
        if not lines:
            lines.append("<p><em>no date expression in the counted lines</em></p>")
        blocks.append(f'<section style="margin-bottom: 1em">{head}{"".join(lines)}</section>')
    return kind_legend_html() + "".join(blocks)


def _span(value: str, precision: str, value_end: str = "") -> tuple[dt.date, dt.date]:
    """Return the first day and the day after the last day that a resolved value (or range) covers.

    Examples
    --------
    >>> _span("2020-02", "month"), _span("2018", "year", "2020")[1]
    ((datetime.date(2020, 2, 1), datetime.date(2020, 3, 1)), datetime.date(2021, 1, 1))
    """
    if value_end:
        return _span(value, precision)[0], _span(value_end, precision)[1]
    if precision == "day":
        start = dt.date.fromisoformat(value)
        return start, start + dt.timedelta(days=1)
    if precision == "month":
        year, month = map(int, value.split("-"))
        return dt.date(year, month, 1), dt.date(year + month // 12, month % 12 + 1, 1)
    year = int(value)
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def _clusters(spans: list[tuple[dt.date, dt.date]], gap: int) -> list[tuple[dt.date, dt.date]]:
    merged: list[list[dt.date]] = []
    for start, end in sorted(spans):
        if merged and (start - merged[-1][1]).days <= gap:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(a, b) for a, b in merged]


@plain_text_labels
def date_timeline(mentions: pd.DataFrame, articles: pd.DataFrame, references: pd.DataFrame | None = None,
                  gap_days: int = GAP_DAYS):
    """Return a matplotlib figure: every resolved date of every article on one time axis.

    One row per article, coloured by outlet (:func:`helpers.charts.outlet_colors`): a dot for a day,
    a bar for a month, a year or a range (``value`` to ``value_end``), the Arabic words next to it (``(n)``: said n times). Periods with no
    dates longer than ``gap_days`` are cut out (one panel per period), so events months apart stay
    readable. The reference date of each article is a grey triangle under its row; the row label
    counts the unresolved mentions.

    A corpus of more than :data:`MAX_TIMELINE_ARTICLES` articles gets :func:`date_counts_by_outlet`
    instead: one row per article would be taller than any page.
    """
    if len(articles) > MAX_TIMELINE_ARTICLES:
        return date_counts_by_outlet(mentions, articles)
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    colors = outlet_colors(articles["outlet_short"])
    rows = {doc: i for i, doc in enumerate(articles["doc_id"])}
    outlet = dict(zip(articles["doc_id"], articles["outlet_short"]))
    resolved = mentions[(mentions["value"] != "") & mentions["doc_id"].isin(rows)]
    unresolved = mentions[mentions["value"] == ""].groupby("doc_id").size()
    refs = {} if references is None else {d: dt.date.fromisoformat(r) for d, r in
                                          zip(references["doc_id"], references["reference_date"]) if r}
    ends = resolved["value_end"] if "value_end" in resolved else [""] * len(resolved)
    items = [(doc, *_span(v, p, e), "range" if e else p, s) for doc, v, e, p, s in
             zip(resolved["doc_id"], resolved["value"], ends, resolved["precision"], resolved["surface"])]
    spans = [(a, b) for _, a, b, _, _ in items] + [(r, r + dt.timedelta(days=1)) for r in refs.values()]
    if not spans:
        fig, ax = plt.subplots(figsize=(8, 2))
        ax.text(0.5, 0.5, for_matplotlib("No resolved dates / لا تواريخ محددة"), ha="center", va="center")
        ax.axis("off")
        return fig
    panels = _clusters(spans, gap_days)
    labels: dict[tuple, list[str]] = {}
    for doc, start, end, precision, surface in items:
        labels.setdefault((doc, start, end, precision), []).append(surface)
    # Panel widths follow how many labelled events they hold, not how many days they span.
    widths = [1.5 + sum(lo <= key[1] < hi for key in labels) for lo, hi in panels]
    fig, axes = plt.subplots(1, len(panels), sharey=True, figsize=(min(5 + 1.3 * sum(widths), 16), 1.4 + 1.0 * len(rows)),
                             gridspec_kw={"width_ratios": widths, "wspace": 0.06}, squeeze=False)
    axes = axes[0]
    offsets = (9, -17, 21, -29)  # points above / below the marker, alternating along a row
    for ax, (lo, hi) in zip(axes, panels):
        pad = dt.timedelta(days=max(2, (hi - lo).days // 8))
        ax.set_xlim(lo - pad, hi + pad)
        seen_in_row: dict[str, int] = {}
        for (doc, start, end, precision), surfaces in sorted(labels.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            if not (lo <= start < hi):
                continue
            y, color = rows[doc], colors[outlet[doc]]
            if precision == "day":
                ax.plot([start + (end - start) / 2], [y], "o", color=color, markersize=8, zorder=3)
            else:
                ax.barh(y, (end - start).days, left=start, height=0.35, color=color,
                        alpha=0.3 if precision == "year" else 0.55, zorder=2)
            words = list(dict.fromkeys(surfaces))
            text = "، ".join(words) + (f" ({len(surfaces)})" if len(surfaces) > len(words) else "")
            level = seen_in_row.get(doc, 0)
            seen_in_row[doc] = level + 1
            lift = offsets[level % 4] + (0 if precision == "day" else 4 if offsets[level % 4] > 0 else -4)  # clear a bar
            ax.annotate(for_matplotlib(text), (start + (end - start) / 2, y), xytext=(0, lift),
                        textcoords="offset points", ha="center", fontsize=8, color="#222222")
        for doc, ref in refs.items():
            if lo <= ref < hi:
                ax.plot([ref + dt.timedelta(hours=12)], [rows[doc] + 0.36], marker="^", markersize=7, color="#888888",
                        zorder=1)
        ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=2, maxticks=4))
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator(), show_offset=False))
        last = hi - dt.timedelta(days=1)
        period = f"{lo:%b %Y}" if (lo.year, lo.month) == (last.year, last.month) else f"{lo:%b %Y} – {last:%b %Y}"
        ax.set_title(period, fontsize=9)
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(axis="x", color="#eeeeee")
        ax.set_ylim(len(rows) - 0.4, -0.7)
    for left, right in zip(axes[:-1], axes[1:]):
        left.spines["right"].set_visible(False)
        right.spines["left"].set_visible(False)
        right.tick_params(axis="y", left=False)
        for ax, x in ((left, 1), (right, 0)):
            ax.plot([x, x], [0, 1], transform=ax.transAxes, color="white", lw=3, clip_on=False)
            ax.text(x, 0, "//", transform=ax.transAxes, ha="center", va="center", fontsize=9, color="#555555")
    axes[0].set_yticks(range(len(rows)))
    axes[0].set_yticklabels([f"{doc} · {outlet[doc]}" + (f"\n({unresolved[doc]} unresolved)" if doc in unresolved else "")
                             for doc in rows], fontsize=8)
    handles = [Patch(color=c, label=name) for name, c in colors.items()]
    handles += [Line2D([], [], marker="o", ls="", color="#555555", label="day"),
                Patch(color="#555555", alpha=0.55, label="month, year or range"),
                Line2D([], [], marker="^", ls="", markersize=7, color="#888888", label="reference date")]
    # Margins in inches, so the row labels, the x label and the legend fit inside the figure at any size.
    width, height = fig.get_size_inches()
    legend_rows = -(-len(handles) // 5)
    bottom = 0.75 + 0.22 * legend_rows
    fig.subplots_adjust(left=2.0 / width, right=1 - 0.2 / width, bottom=bottom / height, top=1 - 0.75 / height)
    fig.supxlabel(for_matplotlib("date (panels skip empty months) / التاريخ"), fontsize=9,
                  y=(0.12 + 0.22 * legend_rows) / height, va="bottom")
    fig.suptitle(for_matplotlib("Resolved date mentions per article / التواريخ المحددة في كل مقال"), fontsize=11)
    fig.legend(handles=handles, loc="lower center", ncol=min(len(handles), 5), fontsize=8, frameon=False,
               bbox_to_anchor=(0.5, 0.02 / height))
    return fig


def date_counts_by_outlet(mentions: pd.DataFrame, articles: pd.DataFrame):
    """Return a matplotlib figure: resolved date mentions per month, one line per outlet.

    The view of a corpus too large for one timeline row per article. Mentions resolved to a day or a
    month count in their month; those resolved to a year only are left out, and the title says how
    many. Outlets are grouped as :func:`helpers.charts.chart_groups` does (the largest one by one,
    the rest summed).
    """
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    groups = chart_groups(articles, max_articles=0)
    dated = mentions[(mentions["value"] != "") & mentions["precision"].isin(["day", "month"])]
    year_only = int(((mentions["value"] != "") & (mentions["precision"] == "year")).sum())
    per_month = (dated.assign(group=dated["doc_id"].map(groups.of), month=dated["value"].str[:7])
                 .groupby(["group", "month"]).size())
    fig, ax = plt.subplots(figsize=(11, 4.6))
    colors = outlet_colors(articles["outlet_short"])
    months = sorted(set(per_month.index.get_level_values("month")))
    axis = pd.period_range(months[0], months[-1], freq="M") if months else []
    for row in groups.articles.to_dict("records"):
        counts = per_month.get(row["doc_id"]) if row["doc_id"] in per_month.index.get_level_values("group") else None
        values = [int(counts.get(str(m), 0)) if counts is not None else 0 for m in axis]
        ax.plot([m.to_timestamp() for m in axis], values, marker="o", markersize=3, linewidth=1.2,
                color=colors.get(row["doc_id"], "#999999"), label=f"{row['outlet_short']} ({row['n_articles']:,} articles)")
    ax.xaxis.set_major_locator(mdates.AutoDateLocator())
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))
    ax.set_xlabel("month the mention refers to")
    ax.set_ylabel("resolved date mentions")
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1))
    ax.set_title(for_matplotlib("Resolved date mentions per month, per outlet / التواريخ المحددة حسب الشهر")
                 + f"\n{len(articles):,} articles, too many for one row each"
                 + (f"; {year_only:,} mentions resolved to a year only are left out" if year_only else ""), fontsize=10)
    fig.tight_layout()
    return fig
