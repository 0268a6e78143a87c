"""The side-by-side HTML: article text is escaped before it is highlighted; one column per article."""
from __future__ import annotations

import pandas as pd

from helpers.compare import (attributions_frame, corpus_sentences, framing_matches, match_events,
                             scan_for_comparison)
from helpers.compare.html import highlight, side_by_side_html


def test_hostile_text_shows_as_text():
    """<script> and quotes in an article become entities; only our <mark> tags are markup."""
    text = 'قال <script>alert("x")</script> إن المسلحين & "الإرهابيين"'
    start = text.index("المسلحين")
    out = highlight(text, [(start, start + len("المسلحين"), "cmp-hostile", 'a "title" <b>')])
    assert "<script>" not in out and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert '<mark class="cmp-hostile" title="a &quot;title&quot; &lt;b&gt;">المسلحين</mark>' in out
    assert "&amp; &quot;الإرهابيين&quot;" in out


def test_overlapping_marks_keep_the_first():
    """Two marks over the same letters: the first (longer on a tie) wins; no nested or broken tags."""
    out = highlight("جيش الاحتلال التركي", [(0, 19, "a", "x"), (4, 19, "b", "y")])
    assert out.count("<mark") == 1 and 'class="a"' in out


def _pieces(corpus):
    scans = scan_for_comparison(corpus)
    return (match_events(scans, corpus.articles), corpus_sentences(corpus), framing_matches(scans),
            attributions_frame(scans))


def test_side_by_side_columns_and_marks(corpus):
    """One column per article, right to left; absent outlets show a dash; labels and verbs are marked."""
    events, sentences, framing, attributions = _pieces(corpus)
    out = side_by_side_html("lavrov_separation_claim", events, sentences, corpus.articles, framing, attributions)
    assert out.count("<th ") == 5 and '<table class="cmp-table" dir="rtl">' in out
    assert out.count('<span class="cmp-none">—</span>') == 3  # 000, 001, 003 do not report it
    assert '<mark class="cmp-neutral" title="armed_opposition: moderate_opposition' in out
    assert ">المعارضة المسلحة المعتدلة</mark>" in out
    assert '<mark class="cmp-verb-neutral"' in out and ">وأكد</mark>" in out


def test_side_by_side_escapes_a_hostile_article(corpus):
    """An article sentence carrying markup is shown as text in the table."""
    events, sentences, framing, attributions = _pieces(corpus)
    bad = pd.DataFrame([{"event_id": "x", "doc_id": "001", "para_id": 99, "sent_id": 1,
                         "sentence": '<script>alert("المسلحين")</script>', "rules": "2"}])
    out = side_by_side_html("x", bad, sentences, corpus.articles, framing, attributions)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "undated" in out  # 001 has no date


def test_a_date_from_the_text_is_shown_as_such(corpus):
    """An article dated from its text (as helpers.dates.dated_articles gives it) is not shown 'undated'."""
    events, sentences, framing, attributions = _pieces(corpus)
    dated = corpus.articles.assign(date_basis="metadata")
    dated.loc[dated["doc_id"] == "001", ["published", "date_basis"]] = ["2019-06-05", "text"]
    out = side_by_side_html("lavrov_separation_claim", events, sentences, dated, framing, attributions)
    assert "001 · 2019-06-05 (text)" in out and "undated" not in out
