"""Reposts: a copy with an edited lead is flagged with its original; same-event articles are not."""
from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.explore import story_frames
from helpers.explore.reposts import ArticleSignature, find_reposts, shingle_hashes
from helpers.explore.tokens import TOKEN_RE
from helpers.loading import read_corpus
from helpers.paths import SEEDS

LIBYA = Path(__file__).parent / "corpora" / "libya_berlin"


def _repost_corpus(tmp_path) -> Path:
    """The seeds plus 005: seed 004 reposted two days later by another outlet, its lead rewritten."""
    folder = tmp_path / "corpus"
    shutil.copytree(SEEDS, folder)
    lines = (SEEDS / "004_f1a3fc8eec69bc50.txt").read_text(encoding="utf-8").split("\n")
    lead = next(i for i, line in enumerate(lines) if line.startswith("أكدت روسيا"))
    lines[lead] = ("قالت موسكو إن جنودها في سوريا يتواصلون بشكل دائم مع القوات التركية، وإن الدوريات المشتركة "
                   "عادت إلى العمل في أكثر من منطقة.")
    lines[2] = "موسكو: تواصل دائم مع الأتراك في إدلب"  # a new title
    (folder / "005_repost.txt").write_text("\n".join(lines), encoding="utf-8")
    with open(folder / "metadata.csv", "a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerow(
            ["005", "005_repost.txt", "موقع آخر", "Other site", "written for the test", "2020-02-19", "test"])
    return folder


def test_a_repost_with_an_edited_lead_is_flagged_with_its_original(tmp_path):
    """005 copies 004 (lead and title rewritten, another outlet, two days later): a repost of 004."""
    duplicates = story_frames(read_corpus(_repost_corpus(tmp_path)))["duplicates.csv"]
    assert duplicates[["doc_id", "duplicate_of", "outlet", "outlet_of_original", "first_by"]].values.tolist() == [
        ["005", "004", "Other site", "Awtan Post", "published"]]
    row = duplicates.iloc[0]
    assert row["shared_share"] >= 0.7 and 0.5 < row["similarity"] < 1.0


def test_seed_articles_are_not_reposts_of_each_other(corpus):
    """Five different articles (002 and 004 both report Lavrov's claim): no repost."""
    assert story_frames(corpus)["duplicates.csv"].empty


def test_second_corpus_flags_the_copy_and_not_the_same_event_articles():
    """Libya corpus: 102 copies 100; 101 (same conference) and 104 (same Moscow talks as 103) are their own."""
    duplicates = story_frames(read_corpus(LIBYA))["duplicates.csv"]
    assert duplicates[["doc_id", "duplicate_of"]].values.tolist() == [["102", "100"]]


def test_the_earlier_article_is_the_original_whatever_the_doc_ids():
    """Order is by publication date; undated articles come after dated ones, by doc_id."""
    hashes = shingle_hashes([TOKEN_RE.findall("روسيا ترفض طلب تركي بخصوص مدينة ادلب وتركيا ترد على ذلك سريعا في بيان رسمي")])
    from helpers.explore.reposts import minhash

    sig = minhash(hashes).hashvalues.tobytes()
    sigs = [ArticleSignature("a", "X", "2020-02-20", sig, len(hashes)),
            ArticleSignature("b", "Y", "2020-02-18", sig, len(hashes)),
            ArticleSignature("c", "Z", "", sig, len(hashes))]
    table, counts = find_reposts(sigs)
    assert table[["doc_id", "duplicate_of", "first_by"]].values.tolist() == [
        ["a", "b", "published"], ["c", "b", "repost undated: the dated article is taken as first"]]
    assert counts["originals"] == 1


def test_shingles_ignore_paragraph_order():
    """Reordered paragraphs give the same shingles: no shingle crosses a paragraph."""
    paras = ["اختتم مؤتمر برلين حول ليبيا أعماله مساء الأحد", "وقالت المستشارة الألمانية أنجيلا ميركل إن الحل سياسي"]
    words = [TOKEN_RE.findall(p) for p in paras]
    assert np.array_equal(shingle_hashes(words), shingle_hashes(words[::-1]))


def test_no_text_no_signature_match():
    """An article without counted words is never a repost nor an original."""
    from helpers.explore.reposts import minhash

    empty = ArticleSignature("e", "X", "2020-01-01", minhash(np.zeros(0, dtype=np.uint64)).hashvalues.tobytes(), 0)
    table, counts = find_reposts([empty, empty.__class__("f", "Y", "2020-01-02", empty.hashvalues, 0)])
    assert table.empty and counts["originals"] == 0
    assert list(table.columns)[:4] == ["doc_id", "outlet", "published", "duplicate_of"]
    assert isinstance(table, pd.DataFrame)
