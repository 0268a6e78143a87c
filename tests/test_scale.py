"""Reports that adapt to corpus size: per article on a small corpus, per outlet on a large one, labels that fit.

These tests check the adaptation logic on small corpora (the synthetic benchmark corpus of 40 articles
is "large" for a chart); build time and memory are measured by ``python -m helpers bench``.
"""
from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from helpers import cleaning_report as report  # noqa: E402
from helpers.actors import (actor_mentions, actor_tables, compare_views, load_gazetteer,  # noqa: E402
                            plot_actor_outlet_heatmap, plot_cooccurrence, plot_top_actors,
                            plot_top_actors_by_outlet, plot_view_comparison, plot_voices_by_outlet)
from helpers.bench import make_corpus  # noqa: E402
from helpers.charts import MAX_ARTICLES, chart_groups, labels_outside  # noqa: E402
from helpers.compare import (attributions_frame, distancing_rates, event_coverage, framing_counts,  # noqa: E402
                             framing_matches, label_matrix, load_codebook, load_framing, match_events,
                             scan_for_comparison)
from helpers.compare.html import articles_for_event  # noqa: E402
from helpers.compare.plots import plot_coverage, plot_distancing, plot_labels  # noqa: E402
from helpers.dates import date_mentions, date_timeline, reference_dates  # noqa: E402
from helpers.loading import read_corpus  # noqa: E402
from helpers.notebook import table_note, tidy_for_display  # noqa: E402
from helpers.paths import SEEDS  # noqa: E402


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    """A synthetic corpus of 40 articles from the five seed outlets: more than a chart shows one by one."""
    return read_corpus(make_corpus(MAX_ARTICLES + 10, tmp_path_factory.mktemp("synthetic")))


@pytest.fixture(scope="module")
def many_outlets(tmp_path_factory):
    """45 synthetic articles from 15 outlets (3 each, one outlet with 5): more outlets than a chart shows."""
    folder = make_corpus(45, tmp_path_factory.mktemp("outlets"))
    meta = pd.read_csv(folder / "metadata.csv", dtype=str, keep_default_na=False)
    names = [f"Outlet {1 + i % 14:02d}" if i < 40 else "Outlet 15" for i in range(45)]
    meta["outlet"], meta["outlet_short"] = names, names
    meta.to_csv(folder / "metadata.csv", index=False, lineterminator="\n")
    return read_corpus(folder)


@pytest.fixture(scope="module")
def pair(tmp_path_factory):
    """Two seed articles (001 and 003): few actors, few outlets, short labels to lay out."""
    folder = tmp_path_factory.mktemp("pair")
    for path in sorted(SEEDS.glob("00[13]_*.txt")):
        (folder / path.name).write_bytes(path.read_bytes())
    lines = (SEEDS / "metadata.csv").read_text(encoding="utf-8").splitlines()
    (folder / "metadata.csv").write_text("\n".join([lines[0]] + [ln for ln in lines[1:] if ln.startswith(("001,", "003,"))]) + "\n",
                                         encoding="utf-8")
    return read_corpus(folder)


@pytest.fixture(scope="module")
def other_story():
    """Six articles on the Renaissance Dam talks: not one person, armed group or event the shipped lexicons know."""
    return read_corpus(Path(__file__).parent / "corpora" / "renaissance_dam")


def all_charts(corpus):
    """Draw every chart of the four notebooks on ``corpus``; return {name: figure}."""
    arts, gaz = corpus.articles, load_gazetteer()
    strict, broad = actor_mentions(corpus), actor_mentions(corpus, view="broad")
    scans = scan_for_comparison(corpus)
    events = match_events(scans, arts)
    return {
        "01_obfuscations": report.plot_obfuscations(arts),
        "01_cleaning_steps": report.plot_step_counts(report.step_counts(corpus.cleaning_log, arts), arts),
        "02_top_actors": plot_top_actors(strict, n=15, gazetteer=gaz),
        "02_top_actors_by_outlet": plot_top_actors_by_outlet(strict, arts, n=8, gazetteer=gaz),
        "02_actor_outlet_heatmap": plot_actor_outlet_heatmap(strict, arts, n=20, gazetteer=gaz),
        "02_strict_vs_broad": plot_view_comparison(compare_views(strict, broad, gaz), n=12, gazetteer=gaz),
        "02_voices_by_outlet": plot_voices_by_outlet(actor_tables(corpus, gaz)["voices.csv"], arts, n=15, gazetteer=gaz),
        "02_cooccurrence": plot_cooccurrence(strict, n=15, gazetteer=gaz),
        "date_timeline": date_timeline(date_mentions(corpus), arts, reference_dates(corpus)),
        "04_coverage": plot_coverage(event_coverage(events, arts), arts, load_codebook().events),
        "04_labels": plot_labels(label_matrix(framing_counts(framing_matches(scans)), arts), load_framing(), arts),
        "04_distancing": plot_distancing(distancing_rates(attributions_frame(scans), arts, keep_sides=("russia", "turkey")), arts),
    }


def _tick_texts(ax, axis="x"):
    return [t.get_text() for t in (ax.get_xticklabels() if axis == "x" else ax.get_yticklabels())]


def test_groups_are_articles_on_a_small_corpus_and_outlets_on_a_large_one(corpus, large):
    """Up to the limit each article is its own group; beyond, each outlet, its articles counted."""
    small = chart_groups(corpus.articles)
    assert small.unit == "article" and small.note == "" and list(small.articles["doc_id"]) == ["000", "001", "002", "003", "004"]
    big = chart_groups(large.articles)
    assert big.unit == "outlet" and big.note.startswith("40 articles, too many to show one by one")
    assert sorted(big.articles["doc_id"]) == ["Al-Waseela", "Awtan Post", "Hadi al-Abdallah", "Outlet 002", "Outlet 003"]
    assert big.articles["n_articles"].sum() == 40 and set(big.articles["n_articles"]) == {8}
    assert big.articles["n_words"].sum() == large.articles["n_words"].sum()


def test_beyond_the_group_limit_the_smallest_outlets_are_summed():
    """Six outlets, room for four: the three largest one by one, the other three summed and named as such."""
    arts = pd.DataFrame({"doc_id": [f"{i:03d}" for i in range(21)],
                         "outlet": list("AAAAAABBBBBCCCCDDDEEF"), "outlet_short": list("AAAAAABBBBBCCCCDDDEEF"),
                         "published": [""] * 21, "n_words": [100] * 21})
    groups = chart_groups(arts, max_articles=10, max_groups=4)
    assert list(groups.articles["doc_id"]) == ["A", "B", "C", "3 other outlets"]
    assert list(groups.articles["n_articles"]) == [6, 5, 4, 6]
    assert groups.of["020"] == "3 other outlets" and "3 others summed" in groups.note
    summed = groups.sum(pd.DataFrame({"doc_id": list(arts["doc_id"]), "n": [1] * 21}), ["n"])
    assert dict(zip(summed["doc_id"], summed["n"])) == {"A": 6, "B": 5, "C": 4, "3 other outlets": 6}


def test_per_outlet_charts_show_twelve_outlets_at_most_and_say_so(corpus, many_outlets):
    """15 outlets: 02's small multiples and heat-map columns show the 11 with most articles and the rest summed."""
    from helpers.charts import outlet_groups

    arts = many_outlets.articles
    groups = outlet_groups(arts)
    assert len(groups.order) == 12 and groups.order[-1] == "4 other outlets" and "Outlet 15" in groups.order
    assert groups.note == "the 11 outlets with most articles; 4 others summed"
    assert outlet_groups(corpus.articles).note == "" and outlet_groups(corpus.articles).order == sorted(
        corpus.articles["outlet_short"])
    gaz = load_gazetteer()
    tables = actor_tables(many_outlets, gaz)
    strict = tables["actor_mentions.csv"]
    small = plot_top_actors_by_outlet(strict, arts, n=8, gazetteer=gaz)
    titles = [ax.get_title() for ax in small.axes if ax.axison]
    assert len(titles) == 12 and titles[-1] == "4 other outlets"
    assert "4 others summed" in small.get_suptitle()
    heat = plot_actor_outlet_heatmap(strict, arts, n=20, gazetteer=gaz)
    assert len(heat.axes[0].get_xticklabels()) == 12 and "4 others summed" in heat.axes[0].get_title()
    voices = plot_voices_by_outlet(tables["voices.csv"], arts, n=15, gazetteer=gaz)
    assert [t.get_text() for t in voices.axes[0].get_xticklabels()][-1] == "4 other outlets"
    assert "4 others summed" in voices.axes[0].get_title()
    for fig in (small, heat, voices):
        assert labels_outside(fig) == []
        plt.close(fig)


def test_per_article_charts_become_per_outlet_charts_and_say_so(corpus, large):
    """The coverage chart has a column per article on the seeds, per outlet on 40 articles, and its title says so."""
    codebook = load_codebook()

    def coverage_chart(c):
        return plot_coverage(event_coverage(match_events(scan_for_comparison(c), c.articles), c.articles),
                             c.articles, codebook.events)

    seeds_fig, large_fig = coverage_chart(corpus), coverage_chart(large)
    seeds_ax, large_ax = seeds_fig.axes[0], large_fig.axes[0]
    assert [t.split(" · ")[0] for t in _tick_texts(seeds_ax)] == ["000", "001", "002", "003", "004"]
    assert [t.split("\n")[0] for t in _tick_texts(large_ax)] == ["Al-Waseela", "Awtan Post", "Hadi al-Abdallah",
                                                                  "Outlet 002", "Outlet 003"]
    assert "per article" in seeds_ax.get_title() and "too many" not in seeds_ax.get_title()
    assert "per outlet" in large_ax.get_title() and "40 articles, too many to show one by one" in large_ax.get_title()
    # rows are the events' descriptions from events.csv, not their ids
    rows = [t.replace("\n", " ") for t in _tick_texts(seeds_ax, "y")]
    assert any(r.startswith("Russian-Turkish military contacts over Idlib") for r in rows)
    assert not any("_" in r for r in rows)
    plt.close("all")


def test_the_timeline_becomes_counts_per_outlet(large):
    """Forty timeline rows would not fit a page: the chart counts resolved mentions per month and outlet."""
    fig = date_timeline(date_mentions(large), large.articles, reference_dates(large))
    (ax,) = fig.axes
    assert [t.get_text().split(" (")[0] for t in ax.get_legend().get_texts()] == [
        "Al-Waseela", "Awtan Post", "Hadi al-Abdallah", "Outlet 002", "Outlet 003"]
    assert "too many for one row each" in ax.get_title()
    plt.close(fig)


@pytest.mark.parametrize("which", ["seeds", "pair", "large", "other_story"])
def test_every_chart_label_fits_in_its_figure(which, corpus, pair, large, other_story):
    """On the seeds, on two articles, on 40 and on another story, no label of any chart leaves the figure."""
    data = {"seeds": corpus, "pair": pair, "large": large, "other_story": other_story}[which]
    for name, fig in all_charts(data).items():
        assert labels_outside(fig) == [], (which, name, labels_outside(fig))
        plt.close(fig)


def test_charts_of_a_corpus_with_nothing_to_draw_say_so_without_a_warning(other_story):
    """No voice of the Renaissance Dam corpus is linked to a known actor: the chart says so, with no warning.

    (An empty heat map made matplotlib warn about identical axis limits, and the warning reached the report.)
    """
    import warnings

    plt.close("all")  # figures other tests left open would set off matplotlib's too-many-figures warning
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        charts = all_charts(other_story)
    voices = charts["02_voices_by_outlet"]
    assert [t.get_text() for ax in voices.axes for t in ax.texts] == [
        "No attribution in this corpus is linked to an actor of the gazetteer: nothing to chart."]
    texts = {name: [t.get_text() for ax in fig.axes for t in ax.texts] for name, fig in charts.items()}
    assert texts["02_cooccurrence"] == [
        "No two actors of the gazetteer are named in the same paragraph: nothing to chart."]
    assert texts["01_obfuscations"] == ["No censorship-evasion spelling was repaired in this corpus: nothing to chart."]
    assert texts["02_top_actors_by_outlet"].count("no actor of the gazetteer named") == 3  # 3 of 4 outlets
    no_mentions = plot_cooccurrence(actor_mentions(other_story).iloc[:0], gazetteer=load_gazetteer())
    assert [t.get_text() for ax in no_mentions.axes for t in ax.texts] == [
        "No actor of the gazetteer is named in this corpus: nothing to chart."]
    for fig in [*charts.values(), no_mentions]:
        plt.close(fig)


def test_the_label_check_catches_a_label_that_sticks_out():
    """A long tick label on a narrow figure is reported (the check can fail)."""
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.set_yticks([0], ["a label far too long for a figure two inches wide"])
    assert "a label far too long for a figure two inches wide" in labels_outside(fig)
    plt.close(fig)


def test_side_by_side_shows_all_articles_when_few_and_one_per_outlet_first_when_many(corpus, large):
    """Five articles: all five columns. Forty: six columns, one per reporting outlet first, and a note."""
    scans = scan_for_comparison(corpus)
    events = match_events(scans, corpus.articles)
    shown, note = articles_for_event(events, corpus.articles, "ru_tr_military_contacts")
    assert list(shown["doc_id"]) == ["000", "001", "002", "003", "004"] and note == ""
    big_events = match_events(scan_for_comparison(large), large.articles)
    shown, note = articles_for_event(big_events, large.articles, "ru_tr_military_contacts")
    reporting = big_events.loc[big_events["event_id"] == "ru_tr_military_contacts", "doc_id"].nunique()
    assert len(shown) == 6 and shown["outlet_short"].nunique() == 4  # four outlets report it (not 003)
    assert note == f"Showing 6 of the {reporting} articles that report this event (one per outlet first)."


def test_long_tables_are_cut_with_a_note_and_tidied():
    """A table shows no default index, integers as integers, and says where the rows it leaves out are."""
    frame = pd.DataFrame({"count": [2.0, 3.0]}, index=pd.Index(["000", "001"], name="doc_id"))
    assert list(tidy_for_display(frame).columns) == ["doc_id", "count"]
    assert str(tidy_for_display(frame)["count"].dtype) == "Int64"
    assert list(tidy_for_display(pd.DataFrame({"a": [1]})).columns) == ["a"]
    assert table_note(10_000, 500, "date_mentions.csv") == "The first 500 of 10,000 rows; the whole table is tables/date_mentions.csv."


def test_the_distancing_chart_draws_every_side_of_the_corpus(corpus):
    """Lebanese speakers (a side the seeds never have) get their own bars and legend entry, beside 'not found'."""
    rates = pd.DataFrame({"doc_id": ["000", "000", "002"], "side": ["lebanon", "unlinked", "lebanon"],
                          "distancing": [1, 1, 0], "attributions": [2, 1, 1]})
    rates["distancing_rate"] = rates["distancing"] / rates["attributions"]
    fig = plot_distancing(rates, corpus.articles)
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert legend == ["Lebanon speakers", "speaker not found"]
    assert "1/2" in [t.get_text() for t in fig.axes[0].texts] and labels_outside(fig) == []
    plt.close(fig)
