"""Arabic in charts: the right string for the installed matplotlib, checked on the pixels."""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers.charts import figure_description, for_matplotlib, matplotlib_shapes_text, outlet_colors  # noqa: E402
from helpers.errors import WorkbookError  # noqa: E402

LONG_FIRST = "المستشفيات في"  # logical order: the long word first, so it belongs on the right


def _ink_segments(label: str) -> tuple[int, int]:
    """Render ``label`` alone; return the ink widths (pixels) left and right of the widest gap."""
    fig = plt.figure(figsize=(6, 1.2), dpi=100)
    fig.text(0.5, 0.5, label, fontsize=40, ha="center", va="center")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    buf.seek(0)
    image = plt.imread(buf)[..., :3].mean(axis=2)
    columns = np.where((image < 0.5).any(axis=0))[0]
    gaps = np.diff(columns)
    cut = int(np.argmax(gaps))
    return columns[cut] - columns[0] + 1, columns[-1] - columns[cut + 1] + 1


def test_native_mode_returns_text_unchanged():
    """Where matplotlib shapes text itself, the label is passed through as stored."""
    assert for_matplotlib(LONG_FIRST, shaping="native") == LONG_FIRST


def test_fallback_reshapes_and_reorders():
    """The fallback joins letters (presentation forms) and puts them in visual order."""
    shaped = for_matplotlib("إدلب", shaping="reshape")
    assert shaped == "\ufe90\ufedf\ufea9\ufe87"  # beh final, lam initial, dal, alef-hamza: right to left
    words = for_matplotlib("روسيا تركيا", shaping="reshape").split(" ")
    assert len(words) == 2 and all(all("\ufe70" <= ch <= "\ufeff" for ch in w) for w in words)


def test_auto_mode_follows_the_version():
    """Auto mode uses the fallback only before matplotlib 3.11."""
    expected = LONG_FIRST if matplotlib_shapes_text() else for_matplotlib(LONG_FIRST, shaping="reshape")
    assert for_matplotlib(LONG_FIRST) == expected
    assert matplotlib_shapes_text("3.11.0") and not matplotlib_shapes_text("3.10.8")
    assert matplotlib_shapes_text("4.0.0rc1")


def test_bad_mode_lists_the_choices():
    """An unknown shaping mode is refused with the allowed values."""
    with pytest.raises(WorkbookError, match="'auto', 'native', 'reshape'"):
        for_matplotlib("إدلب", shaping="rtl")


def test_first_word_is_drawn_on_the_right():
    """On the pixels: the first word in logical order (the long one) is drawn on the right."""
    left, right = _ink_segments(for_matplotlib(LONG_FIRST))
    assert right > 2 * left, (left, right)


@pytest.mark.skipif(not matplotlib_shapes_text(), reason="the old recipe is right before matplotlib 3.11")
def test_old_recipe_reverses_text_on_new_matplotlib():
    """The classic reshape+bidi recipe draws the words in the wrong order on matplotlib 3.11+."""
    left, right = _ink_segments(for_matplotlib(LONG_FIRST, shaping="reshape"))
    assert left > 2 * right, (left, right)


def test_outlet_colors_are_stable():
    """The same outlet gets the same colour whatever order it arrives in."""
    assert outlet_colors(["b", "a"]) == outlet_colors(["a", "b", "a"])


def test_figure_description_lists_the_titles_once():
    """A chart's alt text is its figure title, then each panel's title, repeated titles once."""
    fig, axes = plt.subplots(1, 3)
    fig.suptitle("Most named actors per outlet · أكثر الفاعلين ذكراً في كل منبر")
    for ax, name in zip(axes, ["Al-Waseela", "Awtan Post", "Al-Waseela"]):
        ax.set_title(name)
    try:
        assert figure_description(fig) == (
            "Chart: Most named actors per outlet · أكثر الفاعلين ذكراً في كل منبر; Al-Waseela; Awtan Post")
        plt.close(fig)
        assert figure_description(plt.figure()) == "Chart"
    finally:
        plt.close("all")


def test_figure_description_drops_reordered_arabic_on_old_matplotlib(monkeypatch):
    """Before 3.11 Arabic titles are stored in visual order; read aloud they would be backwards, so they are left out."""
    import helpers.charts as charts

    monkeypatch.setattr(charts, "matplotlib_shapes_text", lambda version=None: False)
    fig, ax = plt.subplots()
    fig.suptitle(for_matplotlib("الفاعلون حسب المنبر", shaping="reshape"))
    ax.set_title("Actors by outlet")
    try:
        assert charts.figure_description(fig) == "Chart: Actors by outlet"
    finally:
        plt.close(fig)


def test_labels_from_data_are_not_mathematics(tmp_path):
    """An outlet called 'Price $\\foo{x}$ News' is drawn as written in every comparison chart, not parsed as math."""
    import matplotlib

    matplotlib.use("Agg")
    from helpers.charts import save_figure
    from helpers.compare import comparison_tables
    from helpers.compare.plots import plot_coverage, plot_distancing
    from helpers.cleaning_report import plot_obfuscations
    from helpers.loading import read_corpus
    from helpers.paths import SEEDS

    corpus = read_corpus(SEEDS)
    arts = corpus.articles.copy()
    arts.loc[0, "outlet_short"] = "Price $\\foo{x}$ News"
    corpus.articles = arts
    tables = comparison_tables(corpus)
    for name, fig in (("coverage", plot_coverage(tables["event_coverage.csv"], arts)),
                      ("obfuscations", plot_obfuscations(arts))):
        labels = [t.get_text() for ax in fig.axes for t in ax.get_xticklabels() + ax.get_yticklabels()]
        assert any("Price $\\foo{x}$ News" in label for label in labels), name
        save_figure(fig, name, tmp_path)
        assert (tmp_path / "figures" / f"{name}.png").stat().st_size > 1000
