"""Showing the views: a story side by side (right to left), terms as written, and the keyness chart."""
from __future__ import annotations

from collections import Counter

import pandas as pd

from ..charts import for_matplotlib, outlet_colors, plain_text_labels
from ..compare import scan_for_comparison
from ..compare.html import side_by_side_html
from ..compare.terms import TermIndex
from ..actors import source_span

_MARK_COLUMNS = ("doc_id", "para_id", "start", "end")


def story_sentences(aligned: pd.DataFrame, story_id: str) -> pd.DataFrame:
    """Return the sentences of one story, once each, in article order: ``event_id, doc_id, para_id, sent_id, sentence``.

    The shape of the codebook's ``event_sentences`` table, so the side-by-side view shows a story as
    it shows an event.
    """
    rows = aligned[aligned["story_id"] == story_id]
    sides = [rows[[f"doc_id_{s}", f"para_id_{s}", f"sent_id_{s}", f"text_{s}"]].set_axis(
        ["doc_id", "para_id", "sent_id", "sentence"], axis=1) for s in ("a", "b")]
    out = pd.concat(sides, ignore_index=True).drop_duplicates(["doc_id", "para_id", "sent_id"])
    out = out.sort_values(["doc_id", "para_id", "sent_id"], kind="stable").reset_index(drop=True)
    out.insert(0, "event_id", story_id)
    return out


def story_caption(stories: pd.DataFrame, story_id: str) -> str:
    """Return a one-line description of a story for the side-by-side caption."""
    rec = stories.set_index("story_id").loc[story_id]
    dates = rec["first_published"] + (f" to {rec['last_published']}" if rec["last_published"] != rec["first_published"] else "")
    reposts = f"; also in reposts {rec['reposted_in']}" if rec["reposted_in"] else ""
    return (f"{rec['n_outlets']} outlets ({rec['n_independent_outlets']} independent), {rec['n_sentences']} sentences, "
            f"{dates or 'undated'}; best similarity {rec['best_similarity']:.2f} ({rec['level']}){reposts}")


def story_side_by_side(story_id: str, aligned: pd.DataFrame, stories: pd.DataFrame, sentences: pd.DataFrame,
                       articles: pd.DataFrame, framing: pd.DataFrame | None = None,
                       attributions: pd.DataFrame | None = None, style: bool = True) -> str:
    """Return one story as the side-by-side HTML view: one column per article, right to left.

    Parameters
    ----------
    story_id
        A ``story_id`` of ``stories.csv``.
    aligned, stories
        The ``aligned_sentences`` and ``stories`` tables.
    sentences
        :func:`helpers.compare.corpus_sentences` (the offsets of each sentence in its paragraph).
    articles
        ``corpus.articles``; only the story's articles become columns.
    framing, attributions
        Optional framing matches and attributions to highlight (as in the codebook's view).
    """
    members = story_sentences(aligned, story_id)
    shown = articles[articles["doc_id"].isin(set(members["doc_id"]))]
    empty = pd.DataFrame({c: pd.Series(dtype="int64" if c != "doc_id" else "str") for c in _MARK_COLUMNS})
    return side_by_side_html(story_id, members, sentences, shown, empty if framing is None else framing,
                             empty if attributions is None else attributions,
                             description=story_caption(stories, story_id), style=style)


def display_forms(corpus, terms, gaz=None) -> dict[str, str]:
    """Return, for terms in matching form, their most frequent spelling as written in the corpus.

    One pass over the corpus. A term written with a proclitic is shown without its conjunction and
    preposition (as in the KWIC); a term never found is shown as it is.

    Examples
    --------
    >>> from helpers.loading import read_corpus
    >>> display_forms(read_corpus(), ["الكيمياييه", "قوات النظام"])
    {'الكيمياييه': 'الكيميائية', 'قوات النظام': 'قوات النظام'}
    """
    terms = list(dict.fromkeys(terms))
    index = TermIndex([(t, t) for t in terms], source="terms shown")
    seen: dict[str, Counter] = {t: Counter() for t in terms}
    for p in scan_for_comparison(corpus, gaz):
        matches = index.find_all(p.form)
        if matches:
            omap = p.omap
            for m in matches:
                start, end = source_span(p.text, omap, m.start, m.end)
                seen[m.term_id][p.text[start:end]] += 1
    return {t: (min(seen[t].items(), key=lambda kv: (-kv[1], kv[0]))[0] if seen[t] else t) for t in terms}


CRITICAL_G2 = 3.84  # log-likelihood at p = 0.05, one degree of freedom


def keyness_sentences(over: pd.DataFrame, written: dict[str, str] | None = None) -> str:
    """Return Markdown naming the over-used term with the strongest evidence, and the one used most out of
    proportion on evidence too thin to trust (G² under :data:`CRITICAL_G2`), or "" when there is none.

    Parameters
    ----------
    over : DataFrame
        Rows of ``keyness.csv`` with ``direction`` "over": ``outlet, term, n_outlet, n_rest,
        log_likelihood, log_ratio``.
    written : dict, optional
        Terms as written (:func:`display_forms`); a term not in it is shown in its matching form.

    Examples
    --------
    >>> over = pd.DataFrame({"outlet": ["A", "B"], "term": ["الحديده", "مدينه"], "n_outlet": [30, 8],
    ...                      "n_rest": [2, 525], "log_likelihood": [80.2, 1.1], "log_ratio": [4.2, 1.1]})
    >>> print(keyness_sentences(over, {"الحديده": "الحديدة", "مدينه": "مدينة"}))
    **Strongest evidence**: A writes `الحديدة` 30 times, the rest of the corpus 2 times (G² 80.2, log ratio +4.2).
    <BLANKLINE>
    **Most over-used on thin evidence**: B writes `مدينة` 8 times, the rest 525 times: log ratio +1.1, but G² only 1.1, under 3.84 (p = 0.05).
    """
    if over.empty:
        return ""
    written = written or {}
    strong, t = _highlights(over)
    lines = [f"**Strongest evidence**: {strong['outlet']} writes `{written.get(strong['term'], strong['term'])}` "
             f"{strong['n_outlet']} times, the rest of the corpus {strong['n_rest']} times "
             f"(G² {strong['log_likelihood']:.1f}, log ratio {strong['log_ratio']:+.1f})."]
    if t is not None:
        lines.append(f"**Most over-used on thin evidence**: {t['outlet']} writes `{written.get(t['term'], t['term'])}` "
                     f"{t['n_outlet']} times, the rest {t['n_rest']} times: log ratio {t['log_ratio']:+.1f}, but G² "
                     f"only {t['log_likelihood']:.1f}, under {CRITICAL_G2} (p = 0.05).")
    return "\n\n".join(lines)


def highlighted_terms(over: pd.DataFrame) -> list[str]:
    """Return the terms :func:`keyness_sentences` names (to look up as written with :func:`display_forms`)."""
    return [] if over.empty else [row["term"] for row in _highlights(over) if row is not None]


def _highlights(over: pd.DataFrame):
    strong = over.sort_values(["log_likelihood", "term"], ascending=[False, True]).iloc[0]
    thin = over[over["log_likelihood"] < CRITICAL_G2].sort_values(["log_ratio", "term"], ascending=[False, True])
    return strong, (thin.iloc[0] if len(thin) else None)


@plain_text_labels
def plot_keyness(keyness: pd.DataFrame, n: int = 10, display: dict[str, str] | None = None, outlets=None):
    """Bar chart: each outlet's ``n`` most over-used terms by log-likelihood, the log ratio written at each bar.

    Parameters
    ----------
    keyness
        The ``keyness`` table (:func:`helpers.explore.keyness.keyness_table`).
    display
        Terms as written (:func:`display_forms`); default: the matching form.
    outlets
        The outlets to draw (default: every outlet with an over-used term).
    """
    import matplotlib.pyplot as plt

    over = keyness[keyness["use"] == "over"]
    outlets = [o for o in (outlets or sorted(set(over["outlet"]))) if (over["outlet"] == o).any()]
    if not outlets:
        fig, ax = plt.subplots(figsize=(6, 1.2))
        ax.axis("off")
        ax.text(0.5, 0.5, "Keyness: fewer than two outlets, or no term used often enough", ha="center", va="center")
        return fig
    display = display or {}
    colors = outlet_colors(outlets)
    cols = min(2, len(outlets))
    rows = -(-len(outlets) // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(6.2 * cols, 0.33 * n * rows + 1.4 * rows), squeeze=False)
    for ax, outlet in zip(axes.flat, outlets):
        top = over[over["outlet"] == outlet].head(n).iloc[::-1]
        labels = [for_matplotlib(display.get(t, t)) for t in top["term"]]
        bars = ax.barh(range(len(top)), top["log_likelihood"], color=colors[outlet], alpha=0.85)
        ax.bar_label(bars, [f"LR {r:+.1f}" for r in top["log_ratio"]], fontsize=7, padding=2)
        ax.set_yticks(range(len(top)), labels, fontsize=9)
        ax.set_xlim(0, top["log_likelihood"].max() * 1.25 if len(top) else 1)
        ax.set_xlabel("log-likelihood G² (evidence)", fontsize=8)
        ax.set_title(f"{outlet}: {int(top['words_outlet'].iloc[0]) if len(top) else 0:,} words", fontsize=9)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in list(axes.flat)[len(outlets):]:
        ax.axis("off")
    fig.suptitle("Words and phrases each outlet over-uses against the rest of the corpus\n"
                 "bar: log-likelihood (evidence); LR: log ratio (effect size, +1 = twice as frequent)", fontsize=10)
    fig.tight_layout()
    return fig


@plain_text_labels
def plot_threshold_choice(table: pd.DataFrame, possible: float, likely: float):
    """Line chart: precision and recall on the labelled pairs at each threshold, the two thresholds marked.

    ``table`` is :func:`helpers.explore.gold.precision_recall` over every observed similarity.
    """
    import matplotlib.pyplot as plt

    table = table.sort_values("threshold")
    fig, ax = plt.subplots(figsize=(7, 3.6))
    ax.plot(table["threshold"], table["recall"], drawstyle="steps-post", color="#0072B2", label="recall")
    ax.plot(table["threshold"], table["precision"], drawstyle="steps-post", color="#D55E00", label="precision")
    for value, name in ((possible, "possible"), (likely, "likely")):
        ax.axvline(value, color="#555555", linestyle="--", linewidth=0.8)
        ax.text(value, 1.02, f"{name} {value:.3f}", ha="center", va="bottom", fontsize=8)
    ax.set_xlabel("similarity threshold (TF-IDF cosine of character 4-grams)")
    ax.set_ylim(0, 1.1)
    ax.spines[["top", "right"]].set_visible(False)
    ax.legend(fontsize=8, frameon=False, loc="lower left")
    n, same = int(table["pairs_above"].max()), int(table["same_found"].max())  # at the lowest threshold: all pairs
    ax.set_title(f"Choosing the thresholds on hand-labelled sentence pairs ({same} same, {n - same} different)",
                 fontsize=10, pad=16)
    fig.tight_layout()
    return fig


def stories_overview(stories: pd.DataFrame, n: int = 20, width: int = 120) -> pd.DataFrame:
    """Return the first ``n`` stories in a few readable columns: outlets, dates, similarity, the first sentence.

    The first sentence is cut at ``width`` characters between words (``…``); the side-by-side view
    shows every sentence whole.

    Examples
    --------
    >>> s = pd.DataFrame({"story_id": ["S001"], "outlets": ["A | B"], "n_outlets": [2], "n_independent_outlets": [1],
    ...                   "first_published": ["2020-01-19"], "last_published": ["2020-01-20"], "best_similarity": [0.3834],
    ...                   "level": ["likely"], "first_sentence": ["ودعا البيان الختامي إلى وقف دائم لإطلاق النار"]})
    >>> stories_overview(s, width=20).iloc[0].tolist()
    ['S001', 'A | B', '2 (1)', '2020-01-19 to 2020-01-20', '0.38 (likely)', 'ودعا البيان الختامي …']
    """
    def cut(text: str) -> str:
        if len(text) <= width:
            return text
        return text[:width].rsplit(" ", 1)[0] + " …"

    rows = []
    for rec in stories.head(n).to_dict("records"):
        dates = rec["first_published"] or "undated"
        if rec["last_published"] and rec["last_published"] != rec["first_published"]:
            dates += f" to {rec['last_published']}"
        rows.append((rec["story_id"], rec["outlets"], f"{rec['n_outlets']} ({rec['n_independent_outlets']})", dates,
                     f"{rec['best_similarity']:.2f} ({rec['level']})", cut(rec["first_sentence"])))
    return pd.DataFrame(rows, columns=["story", "outlets", "outlets (independent)", "published",
                                       "best similarity", "first sentence"])
