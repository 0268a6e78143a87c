"""Keyness, the stop-list, collocates and the KWIC of any word."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from helpers.errors import WorkbookError
from helpers.explore import keyness_frame, top_terms
from helpers.explore.collocates import collocates
from helpers.explore.keyness import keyness_table, log_likelihood, log_ratio
from helpers.explore.kwic import word_kwic
from helpers.explore.tokens import load_stoplist, text_tokens
from helpers.loading import read_corpus

LIBYA = Path(__file__).parent / "corpora" / "libya_berlin"


def test_log_likelihood_and_log_ratio_by_hand():
    """G² = 2 Σ O ln(O/E) over the 2x2 table; log ratio = log2 of the rate ratio, zero as 0.5."""
    # 30 of 1,000 words vs 10 of 3,000: E = 10 and 30; the other cells 970/990 and 2990/2970.
    import math

    expected = 2 * (30 * math.log(30 / 10) + 10 * math.log(10 / 30) + 970 * math.log(970 / 990)
                    + 2990 * math.log(2990 / 2970))
    assert float(log_likelihood(30, 10, 1000, 3000)) == pytest.approx(expected)
    assert float(log_ratio(30, 10, 1000, 3000)) == pytest.approx(math.log2(9))
    assert float(log_ratio(3, 0, 1000, 1000)) == pytest.approx(math.log2(6))


def test_outlet_labels_for_the_syrian_government_and_the_turkish_army_surface(corpus):
    """Outlet 003 writes قوات النظام and جيش/دولة الاحتلال التركي: both among its ten key terms."""
    keyness = keyness_frame(corpus)
    top = top_terms(keyness, "Outlet 003", 10)
    assert "قوات النظام" in top
    assert "الاحتلال التركي" in top


def test_second_corpus_labels_surface_for_their_outlet():
    """Libya corpus: Outlet B writes ميليشيات حفتر (3 times), Outlet D الجيش الوطني الليبي (3 times)."""
    keyness = keyness_frame(read_corpus(LIBYA))
    assert "ميليشيات حفتر" in top_terms(keyness, "Outlet B", 5)
    assert "الوطني الليبي" in top_terms(keyness, "Outlet D", 5)


def test_keyness_table_order_minimum_and_stop_words(corpus):
    """Rows by outlet, over-use first by G²; every term used min_freq times; no stop word is a term."""
    keyness = keyness_frame(corpus)
    stop = load_stoplist()
    assert (keyness["n_outlet"] >= 3).all()
    assert not any(stop.is_stop(w) for term in keyness["term"] for w in term.split())
    for outlet, rows in keyness.groupby("outlet", sort=False):
        over = rows[rows["use"] == "over"]
        assert list(over["log_likelihood"]) == sorted(over["log_likelihood"], reverse=True)
        assert (rows["use"].tolist() == sorted(rows["use"].tolist()))  # "over" before "under"
    assert list(keyness["outlet"]) == sorted(keyness["outlet"])
    words = keyness.drop_duplicates("outlet").set_index("outlet")
    assert (words["words_outlet"] + words["words_rest"]).nunique() == 1  # one corpus size


def test_keyness_needs_two_outlets():
    """A corpus of one outlet has no reference corpus: an empty table with its columns."""
    table = keyness_table({"X": [100, Counter({"ادلب": 5}), Counter()]})
    assert table.empty and "log_ratio" in table.columns


def test_proclitics_split_only_where_a_list_says():
    """وفي is a stop word; ولافروف is Lavrov and والمسلحين the gazetteer's المسلحين; والمدنيين stays whole."""
    assert text_tokens("وفي إدلب قال ولافروف إن والمسلحين والمدنيين") == [
        "ادلب", "قال", "لافروف", "المسلحين", "والمدنيين"]
    assert text_tokens("لافروف") == ["لافروف"]  # the ل of his name is no preposition


def test_stoplist_rejects_a_form_listed_twice(tmp_path):
    """Two spellings with one matching form (إن, أن) are one entry: the file names the line."""
    path = tmp_path / "stop.csv"
    path.write_text("word,kind,note\nأن,particle,\nإن,particle,\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match="line 3"):
        load_stoplist(path)


def test_kwic_of_any_word_is_clitic_aware(corpus):
    """الإرهابيين is found in للإرهابيين and والإرهابيين-like forms, never inside a longer word."""
    rows = word_kwic(corpus, "الإرهابيين")
    # 000 ¶9, 002 ¶3 ¶13 (للإرهابيين) ¶20, 003 ¶6 (للإرهابيين), 004 ¶8 (و الإرهابيين) ¶9 ¶14
    assert list(zip(rows["doc_id"], rows["para_id"])) == [("000", 9), ("002", 3), ("002", 13), ("002", 20),
                                                          ("003", 6), ("004", 8), ("004", 9), ("004", 14)]
    # after لل the match starts at the article's ل, as an actor mention does (للأسد -> لأسد)
    assert rows["match"].tolist().count("لإرهابيين") == 2
    # إرهابي alone or after the article (الإرهابي), never inside إرهابية (000 ¶20) or الإرهابيين
    single = word_kwic(corpus, "إرهابي")
    assert list(zip(single["doc_id"], single["para_id"])) == [("000", 16), ("002", 1), ("002", 6), ("003", 2),
                                                              ("003", 6), ("003", 7)]
    assert list(rows.columns) == ["doc_id", "para_id", "outlet", "before", "match", "after"]


def test_kwic_of_a_phrase_and_of_two_spellings(corpus):
    """A phrase matches across one space; several spellings are separated by |."""
    assert word_kwic(corpus, "جيش الاحتلال")["doc_id"].tolist() == ["003", "003"]
    both = word_kwic(corpus, "الإرهابيين|الإرهابيون")
    assert len(both) == len(word_kwic(corpus, "الإرهابيين")) + len(word_kwic(corpus, "الإرهابيون"))
    with pytest.raises(WorkbookError):
        word_kwic(corpus, " | ")


def test_collocates_of_a_word(corpus):
    """الاحتلال in 003: جنود is within five words before it three times (¶5, ¶9, ¶10)."""
    table = collocates(corpus, "الاحتلال").set_index("collocate")
    assert table.loc["جنود", "n_together"] == 3 and table.loc["جنود", "n_left"] == 3
    assert table.attrs["window"] == 5 and table.attrs["n_node"] == 6


def test_collocates_of_an_actor(corpus):
    """Lavrov (names only): وزير and الخارجيه come before his name twice (002 ¶20, 004 ¶5)."""
    table = collocates(corpus, "lavrov", view="strict").set_index("collocate")
    assert table.loc["وزير", "n_left"] == 2 and table.loc["الخارجيه", "n_left"] == 2
    assert (table["n_together"] >= 2).all()
