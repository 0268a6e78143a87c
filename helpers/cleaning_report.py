"""Views of the cleaning for notebook 01: before/after examples, per-article counts, charts."""
from __future__ import annotations

import difflib

import pandas as pd

from .charts import chart_groups, empty_figure, for_matplotlib, group_label, outlet_colors, plain_text_labels
from .cleaning import PIPELINE, STEP_NAMES, trace_pipeline
from .notebook import RTL_STYLE, escape
from .roles import ROLES


def diff_html(before: str, after: str) -> tuple[str, str]:
    """Return ``before`` and ``after`` as escaped HTML with removed text in ``<del>`` and added in ``<ins>``.

    Examples
    --------
    >>> diff_html("التصـ.عيد", "التصعيد")
    ('التص<del>ـ.</del>عيد', 'التصعيد')
    """
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    left, right = [], []
    for op, a0, a1, b0, b1 in matcher.get_opcodes():
        if op == "equal":
            left.append(escape(before[a0:a1]))
            right.append(escape(after[b0:b1]))
            continue
        if a1 > a0:
            left.append(f"<del>{escape(_visible(before[a0:a1]))}</del>")
        if b1 > b0:
            right.append(f"<ins>{escape(_visible(after[b0:b1]))}</ins>")
    return "".join(left), "".join(right)


def _visible(text: str) -> str:
    """Show invisible characters that a step removed or changed (spaces, controls) as their code point."""
    shown = []
    for ch in text:
        if ch == " ":
            shown.append("␣")
        elif ch.isspace() or not ch.isprintable():
            shown.append(f"[U+{ord(ch):04X}]")
        else:
            shown.append(ch)
    return "".join(shown)


def step_examples(paragraphs: pd.DataFrame, step: str, n: int = 3,
                  cleaning_log: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return up to ``n`` paragraphs where ``step`` changed something: the text just before and after it.

    The first such lines in corpus order. Given the corpus's ``cleaning_log`` (which lists every line
    each step changed), only the first ``n`` lines it lists for ``step`` are traced through the
    pipeline, instead of every line until ``n`` are found: on 10,000 articles a step that rarely fires
    took seconds to look for, and a step that never fires made every line be traced.
    """
    if step not in STEP_NAMES:
        raise ValueError(f"unknown step {step!r}; steps are: {', '.join(STEP_NAMES)}")
    if cleaning_log is not None:
        changed = cleaning_log.loc[cleaning_log["step"] == step, ["doc_id", "para_id"]].drop_duplicates().head(n)
        keys = set(zip(changed["doc_id"], changed["para_id"]))
        paragraphs = paragraphs[paragraphs["doc_id"].isin(set(changed["doc_id"]))]
        paragraphs = paragraphs[[key in keys for key in zip(paragraphs["doc_id"], paragraphs["para_id"])]]
    rows = []
    for rec in paragraphs.itertuples(index=False):
        for name, before, after, count in trace_pipeline(rec.text_raw):
            if name == step and count:
                rows.append({"doc_id": rec.doc_id, "para_id": rec.para_id, "count": count,
                             "before": before, "after": after})
        if len(rows) >= n:
            break
    return pd.DataFrame(rows, columns=["doc_id", "para_id", "count", "before", "after"])


def examples_html(examples: pd.DataFrame, max_chars: int = 220) -> str:
    """Return an HTML table of before/after examples, changes marked, Arabic right-to-left, all escaped."""
    head = "<tr><th>doc</th><th>para</th><th>changes</th><th>before</th><th>after</th></tr>"
    rows = []
    for rec in examples.itertuples(index=False):
        before, after = _window(rec.before, rec.after, max_chars)
        left, right = diff_html(before, after)
        rows.append(f"<tr><td>{escape(rec.doc_id)}</td><td>{rec.para_id}</td><td>{rec.count}</td>"
                    f'<td dir="rtl" style="{RTL_STYLE}">{left}</td><td dir="rtl" style="{RTL_STYLE}">{right}</td></tr>')
    return f'<table class="rtl-table">{head}{"".join(rows)}</table>'


def _window(before: str, after: str, max_chars: int) -> tuple[str, str]:
    """Cut long lines around the first change so the example stays readable."""
    if len(before) <= max_chars:
        return before, after
    first = next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), 0)
    start = max(0, first - max_chars // 3)
    return "…" + before[start:start + max_chars] + "…", "…" + after[start:start + max_chars] + "…"


def role_counts(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Return a doc_id x role table of line counts (every role as a column, in a fixed order)."""
    table = pd.crosstab(paragraphs["doc_id"], paragraphs["role"])
    return table.reindex(columns=[r for r in ROLES], fill_value=0)


def step_counts(cleaning_log: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """Return a doc_id x step table: how many changes each cleaning step made in each article."""
    table = cleaning_log.pivot_table(index="doc_id", columns="step", values="count", aggfunc="sum", fill_value=0)
    return table.reindex(index=articles["doc_id"], columns=list(STEP_NAMES), fill_value=0).astype(int)


@plain_text_labels
def plot_obfuscations(articles: pd.DataFrame):
    """Bar chart of censorship-evasion dots repaired per article, and per 1,000 words.

    On a corpus of more than :data:`helpers.charts.MAX_ARTICLES` articles, one bar per outlet
    (:func:`helpers.charts.chart_groups`), and the title says so.
    """
    import matplotlib.pyplot as plt

    if not articles["n_obfuscations"].astype(int).any():
        return empty_figure("No censorship-evasion spelling was repaired in this corpus: nothing to chart.")
    groups = chart_groups(articles)
    shown = groups.articles
    colors = outlet_colors(articles["outlet_short"])
    bar_colors = [colors.get(o, "#999999") for o in shown["outlet_short"]]
    labels = [group_label(r, groups.unit) for r in shown.to_dict("records")]
    fig, axes = plt.subplots(1, 2, figsize=(10, 1.2 + 0.48 * len(shown)))
    rate = 1000 * shown["n_obfuscations"] / shown["n_words"].where(shown["n_words"] > 0)
    for ax, values, title in ((axes[0], shown["n_obfuscations"], "dots repaired"),
                              (axes[1], rate.fillna(0), "per 1,000 words")):
        bars = ax.barh(labels, values, color=bar_colors)
        ax.bar_label(bars, fmt="{:,.0f}" if title == "dots repaired" else "{:,.1f}", padding=3)
        ax.invert_yaxis()
        ax.set_title(title)
        ax.set_xlabel("dots (tatweel + '.') repaired" if title == "dots repaired" else "dots per 1,000 words")
        ax.margins(x=0.15)
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(for_matplotlib(f"Censorship-evasion spelling (e.g. الإرهـ.ـابيين) per {groups.unit}"
                                + (f"\n{groups.note}" if groups.note else "")))
    fig.tight_layout()
    return fig


@plain_text_labels
def plot_step_counts(counts: pd.DataFrame, articles: pd.DataFrame):
    """Heatmap of changes per cleaning step (rows) and article (columns), with the numbers written in.

    On a corpus of more than :data:`helpers.charts.MAX_ARTICLES` articles, one column per outlet
    (:func:`helpers.charts.chart_groups`), and the title says so.
    """
    import matplotlib.pyplot as plt

    groups = chart_groups(articles)
    if groups.unit == "outlet":
        counts = counts.groupby(counts.index.map(groups.of), sort=False).sum().reindex(groups.articles["doc_id"])
    data = counts.T
    labels = {r["doc_id"]: group_label(r, groups.unit).replace(" · ", "\n").replace(" (", "\n(")
              for r in groups.articles.to_dict("records")}
    fig, ax = plt.subplots(figsize=(max(8, 2.5 + 1.1 * data.shape[1]), 3.8))
    ax.imshow(data.values, cmap="Blues", aspect="auto")
    ax.set_yticks(range(len(data.index)), [s.replace("_", " ") for s in data.index])
    ax.set_xticks(range(len(data.columns)), [labels.get(d, d) for d in data.columns], fontsize=8)
    top = data.values.max() if data.size else 0
    for (i, j), value in pd.DataFrame(data.values).stack().items():
        ax.text(j, i, f"{int(value):,}", ha="center", va="center", fontsize=8,
                color="white" if value > top / 2 else "black")
    ax.set_title(f"Changes made by each cleaning step, per {groups.unit}"
                 + (f"\n{groups.note}" if groups.note else ""))
    fig.tight_layout()
    return fig


def pipeline_table() -> pd.DataFrame:
    """Return the cleaning steps in order with what each does."""
    return pd.DataFrame([(i + 1, s.name, s.description) for i, s in enumerate(PIPELINE)],
                        columns=["order", "step", "what it does"])
