"""Sentence splitting: on the seeds' own lines, on numbers, abbreviations, ellipses and quotations."""
from __future__ import annotations

import pytest

from helpers.compare.sentences import corpus_sentences, sentence_spans, split_sentences
from tests.conftest import para


@pytest.mark.parametrize(
    ("doc_id", "para_id", "expected"),
    [
        # 000 line 17: two sentences, the full stop after طبية ends the first
        ("000", 9, ["وزعمت إلى أنه تم العثور هناك على وسائل للحماية من الأسلحة الكيميائية، بما في ذلك الواقايات "
                    "من الغاز، وبدلات خاصة، ومعدات طبية.",
                    "ودعت المجتمع الدولي الأخذ على محمل الجد احتمال قيام الإرهابيين بتمثيلية جديدة باستخدام "
                    "الأسلحة الكيميائية."]),
        # 002 line 11: the stray closing quote stays with the first sentence
        ("002", 6, ["وأفاد الكرملين، في بيان، بأن بوتين شدد على ضرورة \"تحييد التهديد الإرهابي\" في ظل احترام "
                    "سيادة الجمهورية العربية السورية وسلامة أراضيها\".",
                    "من جانب آخر، أعرب كل من ماكرون وميركل عن استعدادهما للإسهام في التخفيف من حدة التوتر شمال "
                    "غربي سوريا."]),
        # 002 title: the ellipsis … does not end a sentence
        ("002", 1, ["خلال اتصال مع ماكرون وميركل… بوتين يؤكد على ضرورة تحييد التهديد الإرهابي في سوريا"]),
        # 003 subheading: nor does ..
        ("003", 9, ["بعد مقتل 5 جنود للاحتلال.. أردوغان يترأس اجتماعا أمنيا تقرر خلاله الرد بالمثل على الهجوم"]),
    ],
)
def test_seed_paragraphs_split_as_read(corpus, doc_id, para_id, expected):
    """Seed paragraphs split where a reader would split them, and nowhere else."""
    assert split_sentences(para(corpus, doc_id, para_id)["text"]) == expected


def test_quotation_spanning_a_full_stop_stays_one_sentence(corpus):
    """Zakharova's two-sentence quotation (000 line 9) is one sentence with its attribution and source."""
    text = para(corpus, "000", 5)["text"]
    sentences = split_sentences(text)
    assert len(sentences) == 1
    assert sentences[0].startswith("وقالت زاخاروفا:") and sentences[0].endswith("وفق وكالة سبوتنيك الروسية.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("بلغت النسبة 3.5 بالمئة. وارتفعت", ["بلغت النسبة 3.5 بالمئة.", "وارتفعت"]),
        ("قال د. أحمد إن الوضع صعب", ["قال د. أحمد إن الوضع صعب"]),
        ("نقلت أ. ف. ب. الخبر", ["نقلت أ. ف. ب. الخبر"]),
        ("موقع sputniknews.com ينشر", ["موقع sputniknews.com ينشر"]),
        ("هل انتهى؟! لا؛ لم ينته", ["هل انتهى؟!", "لا؛", "لم ينته"]),
        ("سطر أول\nسطر ثان", ["سطر أول", "سطر ثان"]),
        ('قال: "انتهى الأمر." ثم غادر', ['قال: "انتهى الأمر."', "ثم غادر"]),
        ("   ", []),
    ],
)
def test_numbers_abbreviations_and_punctuation(text, expected):
    """Dots inside numbers, abbreviations and web addresses do not split; ؟ ! ؛ and line ends do."""
    assert split_sentences(text) == expected


def test_spans_are_offsets_into_the_paragraph():
    """Each span cuts its sentence out of the paragraph, white space trimmed."""
    text = "أعلنت موسكو ذلك.  هل انتهى؟"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["أعلنت موسكو ذلك.", "هل انتهى؟"]


def test_corpus_sentences_cover_counted_lines(corpus):
    """83 counted lines (no boilerplate or teasers), three of which hold two sentences: 86 sentences."""
    frame = corpus_sentences(corpus)
    assert len(frame) == 86
    assert not frame.merge(corpus.paragraphs[corpus.paragraphs["role"].isin(["related", "boilerplate"])],
                           on=["doc_id", "para_id"]).shape[0]
    two = frame.groupby(["doc_id", "para_id"]).size()
    assert sorted(two[two == 2].index) == [("000", 9), ("002", 6), ("002", 9)]
