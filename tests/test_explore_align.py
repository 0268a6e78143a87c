"""Aligned sentences and stories: the seed checks, the labelled pairs, the date window, the cap, blocking."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from helpers.compare import corpus_sentences
from helpers.explore import story_frames
from helpers.explore.align import THRESHOLD_LIKELY, THRESHOLD_POSSIBLE, align
from helpers.explore.blocking import blocking, candidate_pairs, key_limit
from helpers.explore.features import feature_matrices
from helpers.explore.gold import choose_thresholds, gold_similarities, load_alignment_gold, precision_recall
from helpers.explore.stage import reduce_stories, summarise_stories
from helpers.explore.tokens import text_tokens
from helpers.loading import load_entries, plan_corpus, read_corpus

LIBYA = Path(__file__).parent / "corpora" / "libya_berlin"


@pytest.fixture(scope="module")
def seed_stories(corpus):
    return story_frames(corpus)


def _story_of(tables, doc_id, para_id, sent_id=1):
    """Return the story_id holding a sentence, or None."""
    aligned = tables["aligned_sentences.csv"]
    for side in ("a", "b"):
        rows = aligned[(aligned[f"doc_id_{side}"] == doc_id) & (aligned[f"para_id_{side}"] == para_id)
                       & (aligned[f"sent_id_{side}"] == sent_id)]
        if len(rows):
            return rows["story_id"].iloc[0]
    return None


def test_lavrov_claim_in_002_and_004_is_one_story(seed_stories, corpus):
    """002 ¶20 and 004 ¶8 both report Lavrov's claim on separating the opposition from terrorists."""
    sentences = corpus_sentences(corpus).set_index(["doc_id", "para_id", "sent_id"])["sentence"]
    assert "بفصل المعارضة المسلحة المعتدلة عن الإرهابيين" in sentences[("002", 20, 1)]
    assert "الفصل بين المسلحين" in sentences[("004", 8, 1)]
    story = _story_of(seed_stories, "002", 20)
    assert story is not None and story == _story_of(seed_stories, "004", 8)


def test_the_two_soldier_incidents_are_not_one_story(seed_stories):
    """Five soldiers killed on 10 Feb (003) and two on 20 Feb (002): never the same story."""
    soldiers_003 = {_story_of(seed_stories, "003", p) for p in (5, 9, 12)}
    soldiers_002 = _story_of(seed_stories, "002", 14)
    assert soldiers_002 is None or soldiers_002 not in soldiers_003


def test_soldier_sentences_are_kept_apart_by_the_date_window_not_by_luck(corpus):
    """Without the window the two soldier sentences are similar enough to pair: the window is what separates them."""
    gold = load_alignment_gold()
    row = gold[gold["pair_id"] == "s03"].iloc[0]  # 003 ¶12 vs 002 ¶14, labelled 0
    assert (row["doc_id_a"], row["doc_id_b"]) == ("003", "002") and row["same"] == 0
    sim = gold_similarities(gold[gold["pair_id"] == "s03"], list(corpus_sentences(corpus)["sentence"]))[0]
    assert sim >= THRESHOLD_POSSIBLE  # lexically they look alike (خمسة آخرين، وزارة الدفاع، إصابة)
    dates = corpus.articles.set_index("doc_id")["published"]
    days = (pd.Timestamp(dates["002"]) - pd.Timestamp(dates["003"])).days
    assert days == 9


def test_thresholds_are_those_the_labelled_pairs_choose(corpus):
    """The constants in align.py are what choose_thresholds returns on the hand-labelled pairs."""
    sentences = corpus_sentences(corpus)
    gold = load_alignment_gold(sentences=sentences)
    assert len(gold) == 50 and int(gold["same"].sum()) == 18
    sim = gold_similarities(gold, list(sentences["sentence"]))
    assert choose_thresholds(sim, gold["same"]) == (THRESHOLD_POSSIBLE, THRESHOLD_LIKELY)
    at = precision_recall(sim, gold["same"], [THRESHOLD_POSSIBLE, THRESHOLD_LIKELY])
    assert at["recall"].iloc[0] >= 0.85 and at["recall"].iloc[1] < at["recall"].iloc[0]


def test_gold_file_rejects_a_seed_text_that_no_longer_matches(tmp_path, corpus):
    """A labelled seed sentence must be the corpus's sentence, word for word."""
    from helpers.errors import WorkbookError
    from helpers.explore.gold import GOLD_FILE

    gold = pd.read_csv(GOLD_FILE, dtype=str, keep_default_na=False)
    gold.loc[0, "text_a"] = gold.loc[0, "text_a"].replace("لافروف", "بوتين")
    path = tmp_path / "gold.csv"
    gold.to_csv(path, index=False)
    with pytest.raises(WorkbookError, match="pair s01: text_a"):
        load_alignment_gold(path, sentences=corpus_sentences(corpus))


def _pairs(tables, doc_a, doc_b):
    aligned = tables["aligned_sentences.csv"]
    rows = aligned[((aligned["doc_id_a"] == doc_a) & (aligned["doc_id_b"] == doc_b))
                   | ((aligned["doc_id_a"] == doc_b) & (aligned["doc_id_b"] == doc_a))]
    return {frozenset([(r.doc_id_a, r.para_id_a), (r.doc_id_b, r.para_id_b)]) for r in rows.itertuples()}


def test_second_corpus_same_reports_by_two_outlets_are_aligned():
    """The six pairs written as the same report by two outlets (Libya corpus) are all found."""
    tables = story_frames(read_corpus(LIBYA))
    expected = [("100", 3, "101", 2),  # the embargo pledge, lead of each
                ("100", 4, "101", 3),  # Merkel: no military solution
                ("100", 5, "101", 4),  # the joint military committee, five officers a side
                ("103", 2, "104", 2),  # Haftar leaves Moscow without signing
                ("103", 3, "104", 3),  # the Russian foreign ministry: he asked for more time
                ("103", 5, "104", 5)]  # Erdogan's threat to teach Haftar a lesson
    for a, pa, b, pb in expected:
        assert frozenset([(a, pa), (b, pb)]) in _pairs(tables, a, b), (a, pa, b, pb)


def test_story_counts_say_how_many_outlets_were_independent():
    """A story carried by a repost counts its outlet, but not as an independent one."""
    tables = story_frames(read_corpus(LIBYA))
    story = _story_of(tables, "100", 5)  # the committee sentence, copied word for word by 102
    row = tables["stories.csv"].set_index("story_id").loc[story]
    assert row["reposted_in"] == "102"
    assert (row["n_outlets"], row["n_independent_outlets"]) == (3, 2)
    lead = _story_of(tables, "100", 3)  # 102 rewrote the lead: it carries no copy of it
    assert tables["stories.csv"].set_index("story_id").loc[lead, "reposted_in"] == ""


def test_same_outlet_and_distant_dates_are_never_paired():
    """Two sentences with the same words pair only across outlets and within the window (7 days)."""
    text = "اختتم مؤتمر برلين حول ليبيا أعماله بتعهد الدول المشاركة باحترام حظر توريد السلاح"
    tokens = [text_tokens(text)] * 4
    grams, words = feature_matrices(tokens)
    article = np.array([0, 1, 2, 3])
    outlet = np.array([0, 0, 1, 2])  # 0 and 1: one outlet
    day = np.array([0.0, 0.0, 30.0, np.nan])  # 2 is a month later, 3 undated
    found = align(grams, words, article, outlet, day)
    pairs = set(zip(found.i.tolist(), found.j.tolist()))
    assert (0, 1) not in pairs and (0, 2) not in pairs and (1, 2) not in pairs
    assert {(0, 3), (1, 3)} <= pairs  # the undated sentence pairs with the dated ones of day 0...
    assert (2, 3) not in pairs  # ...and then not with day 30: its story would span 30 days
    assert found.log["of them, within the date window"] == 3


def test_blocking_compares_only_sentences_sharing_a_rare_word():
    """Candidates share a key; a word found in more sentences than the key limit is never a key."""
    common = "ادلب"
    n = 300
    assert key_limit(n + 2) < n
    # ادلب in every sentence, beside a word of its own (each once: no key either)
    token_lists = [[common, "كلمة" + chr(0x0628 + k // 20) + chr(0x0628 + k % 20)] for k in range(n)]
    token_lists.append(["لافروف", "الفصل", "الارهابيين"])
    token_lists.append(["لافروف", "بفصل", "المعتدله"])
    grams, words = feature_matrices(token_lists)
    undated = np.full(n + 2, np.nan)
    found = blocking(words, undated)
    assert found.too_common >= 1
    pairs = {(int(a), int(b)) for i, j in candidate_pairs(found) for a, b in zip(i, j)}
    assert pairs == {(n, n + 1)}  # لافروف is shared and rare; ادلب alone links nobody


def test_blocking_by_week_links_a_word_common_over_the_year():
    """A word in too many sentences over the corpus is still a key within one week."""
    n = 400
    token_lists = [["الهدنه", "كلمة" + chr(0x0628 + k // 20) + chr(0x0628 + k % 20)] for k in range(n)]
    day = np.arange(n, dtype=float)  # one sentence a day: الهدنه is in all 400, but in 7 a week
    grams, words = feature_matrices(token_lists)
    assert blocking(words, np.full(n, np.nan)).too_common == 1
    pairs = {(int(a), int(b)) for i, j in candidate_pairs(blocking(words, day)) for a, b in zip(i, j)}
    assert (0, 1) in pairs and (0, 13) in pairs  # neighbouring weeks
    assert all(b - a < 21 for a, b in pairs)  # never further than the neighbouring week


def test_partitions_give_the_same_story_tables():
    """Summaries of two partitions reduce to the tables of one: the split does not matter."""
    entries, _ = plan_corpus(LIBYA)
    whole = reduce_stories([summarise_stories(load_entries(entries, LIBYA))])
    parts = [summarise_stories(load_entries(entries[:2], LIBYA)), summarise_stories(load_entries(entries[2:5], LIBYA)),
             summarise_stories(load_entries(entries[5:], LIBYA))]
    split = reduce_stories(parts)
    for name in whole:
        pd.testing.assert_frame_equal(whole[name], split[name])


def test_sentence_records_give_back_every_text_whatever_it_holds():
    """Texts travel compressed and come back one by one, control characters and all."""
    from helpers.explore.stories import SentenceRecords

    texts = ["قال لافروف\x1fإن", "", "وزارة الدفاع\u200c التركية"]
    records = SentenceRecords.build(["a", "a", "b"], [1, 2, 1], [1, 1, 1], texts, [["لافروف"], [], ["الدفاع"]])
    assert records.text_list() == texts
    assert records.counts.shape == (3, 2) and records.words == ["لافروف", "الدفاع"]


def test_two_outlets_datelines_of_one_day_are_not_one_story(tmp_path):
    """Datelines are bylines, and the views leave bylines out: a dateline never makes a story.

    Two outlets the boilerplate lexicon does not list, each opening with a dateline of the same day and
    otherwise reporting different things.
    """
    (tmp_path / "1_a.txt").write_text(
        "اشتباكات في الخرطوم\n\nالخرطوم - صحيفة النيل - السبت 20 أيار/مايو 2023\n\n"
        "تجددت الاشتباكات العنيفة بين الجيش وقوات الدعم السريع في أحياء جنوب العاصمة صباح اليوم.\n", encoding="utf-8")
    (tmp_path / "2_b.txt").write_text(
        "محادثات جدة\n\nالخرطوم - إذاعة الفجر - السبت 20 أيار/مايو 2023\n\n"
        "أعلن الوسطاء السعوديون والأمريكيون تمديد الهدنة الإنسانية لمدة أسبوع إضافي في مدينة جدة.\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text("doc_id,file,outlet,published\n1,1_a.txt,صحيفة النيل,2023-05-20\n"
                                           "2,2_b.txt,إذاعة الفجر,2023-05-20\n", encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert corpus.paragraphs.set_index(["doc_id", "para_id"]).loc[("1", 2), "role"] == "byline"
    tables = reduce_stories([summarise_stories(corpus)])
    assert tables["aligned_sentences.csv"].empty
