"""Views of the cleaning for notebook 01: before/after examples, per-article counts, charts."""
from __future__ import annotations

import difflib

import pandas as pd

from .charts import for_matplotlib, outlet_colors, plain_text_labels
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


def step_examples(paragraphs: pd.DataFrame, step: str, n: int = 3) -> pd.DataFrame:
    """Return up to ``n`` paragraphs where ``step`` changed something: the text just before and after it."""
    if step not in STEP_NAMES:
        raise ValueError(f"unknown step {step!r}; steps are: {', '.join(STEP_NAMES)}")
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


def article_label(row) -> str:
    """Return the chart label of an article: its doc_id and outlet short name."""
    return f"{row.doc_id} · {row.outlet_short}"


@plain_text_labels
def plot_obfuscations(articles: pd.DataFrame):
    """Bar chart of censorship-evasion dots repaired per article, and per 1,000 words."""
    import matplotlib.pyplot as plt

    colors = outlet_colors(articles["outlet_short"])
    labels = [article_label(r) for r in articles.itertuples()]
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.6))
    rate = 1000 * articles["n_obfuscations"] / articles["n_words"].where(articles["n_words"] > 0)
    for ax, values, title in ((axes[0], articles["n_obfuscations"], "dots repaired"),
                              (axes[1], rate.fillna(0), "per 1,000 words")):
        bars = ax.barh(labels, values, color=[colors[o] for o in articles["outlet_short"]])
        ax.bar_label(bars, fmt="%.0f" if title == "dots repaired" else "%.1f", padding=3)
        ax.invert_yaxis()
        ax.set_title(title)
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(for_matplotlib("Censorship-evasion spelling (e.g. الإرهـ.ـابيين) per article"))
    fig.tight_layout()
    return fig


@plain_text_labels
def plot_step_counts(counts: pd.DataFrame, articles: pd.DataFrame):
    """Heatmap of changes per cleaning step (rows) and article (columns), with the numbers written in."""
    import matplotlib.pyplot as plt

    data = counts.T
    fig, ax = plt.subplots(figsize=(8, 3.8))
    ax.imshow(data.values, cmap="Blues", aspect="auto")
    ax.set_yticks(range(len(data.index)), data.index)
    short = dict(zip(articles["doc_id"], articles["outlet_short"]))
    ax.set_xticks(range(len(data.columns)), [f"{d}\n{short.get(d, '')}" for d in data.columns], fontsize=8)
    top = data.values.max() if data.size else 0
    for (i, j), value in pd.DataFrame(data.values).stack().items():
        ax.text(j, i, str(value), ha="center", va="center", color="white" if value > top / 2 else "black")
    ax.set_title("Changes made by each cleaning step, per article")
    fig.tight_layout()
    return fig


def pipeline_table() -> pd.DataFrame:
    """Return the cleaning steps in order with what each does."""
    return pd.DataFrame([(i + 1, s.name, s.description) for i, s in enumerate(PIPELINE)],
                        columns=["order", "step", "what it does"])
