"""Line roles on the seeds: boilerplate, teasers, bylines, captions and the structural rules."""
from __future__ import annotations

import pytest

from helpers.roles import assign_roles, is_menu, is_short, known_phrase_role
from tests.conftest import para


@pytest.mark.parametrize(
    ("doc_id", "para_id", "role"),
    [
        ("000", 1, "boilerplate"),   # أخبار سوريا
        ("000", 2, "title"),
        ("000", 10, "related"),      # إقرأ أيضاً: أمريكا تصدر ...
        ("000", 22, "related"),
        ("000", 24, "boilerplate"),  # زر الذهاب إلى الأعلى
        ("001", 1, "boilerplate"),   # تخطى إلى المحتوى
        ("001", 6, "related"),       # إقرأ أيضاً : الفصائل ...
        ("001", 8, "subheading"),    # هاون أكار التركي الصنع (a caption without credit: see roles docs)
        ("001", 11, "subheading"),   # اتصالات متوالية
        ("001", 18, "byline"),       # مدونة هادي العبد الله
        ("002", 1, "title"),
        ("002", 2, "dek"),           # تركيا لم تنفذ عددا من التزاماتها ...
        ("002", 22, "boilerplate"),  # مقالات ذات صلة
        ("003", 6, "subheading"),    # الكرملين: يجب التصدي ...
        ("003", 13, "boilerplate"),  # اظهر المزيد
        ("004", 1, "boilerplate"),   # الأخبارتركياسورياعالمي
        ("004", 3, "byline"),        # أوطان بوست – فريق التحرير
        ("004", 7, "caption"),       # ... صورة من الإنترنت
        ("004", 13, "related"),      # اقرأ أيضاً: النوم في سلام ...
        ("004", 18, "boilerplate"),  # اترك تعليقاً
    ],
)
def test_seed_line_roles(corpus, doc_id, para_id, role):
    """Known boilerplate, teasers, bylines and captions of the seeds get their role."""
    assert para(corpus, doc_id, para_id)["role"] == role


def test_every_seed_article_has_one_title_and_body(corpus):
    """Each article has exactly one title and some body."""
    counts = corpus.paragraphs.groupby("doc_id")["role"].value_counts().unstack(fill_value=0)
    assert (counts["title"] == 1).all()
    assert (counts["body"] >= 7).all()


@pytest.mark.parametrize(
    ("line", "role"),
    [
        ("اقرأ أيضا: خبر آخر", "related"),
        ("اقرا ايضا خبر آخر", "related"),
        ("شاهد أيضاً: فيديو", "related"),
        ("زر الذهاب الى الاعلى", "boilerplate"),
        ("صورة أرشيفية لجنود أتراك صورة أرشيفية", "caption"),
        ("مدونة السلوك التي وقعتها الأطراف كانت واضحة في هذا الشأن ولم يلتزم بها أحد من الموقعين عليها.", None),
        ("قال إن فريق التحرير في الوكالة نشر الخبر أمس بعد تأكيده من مصادر متعددة في المنطقة.", None),
    ],
)
def test_known_phrases(line, role):
    """Known phrases are found in their spelling variants, and only where their rule allows."""
    assert known_phrase_role(line) == role


def test_structure_rules():
    """Short unpunctuated lines are a dek right after the title, subheadings later."""
    lines = ["عنوان الخبر", "خلاصة قصيرة", "فقرة أولى من المتن.", "عنوان فرعي", "فقرة ثانية.", "مقالات ذات صلة"]
    assert assign_roles(lines) == ["title", "dek", "body", "subheading", "body", "boilerplate"]
    assert not is_short("كلمة " * 21)


@pytest.mark.parametrize("line, expected", [
    ("الرئيسية | أخبار | اقتصاد | رياضة", True),  # a site menu
    ("الرئيسية › أخبار عربية › ليبيا", True),  # a breadcrumb
    ("أخبار • تقارير • حوارات • مقالات رأي", True),
    ("حفتر يغادر موسكو دون توقيع اتفاق وقف إطلاق النار | الجزيرة نت", False),  # a title and its site
    ("روسيا وتركيا | اتفاق جديد بشأن إدلب | موسكو تتحدث عن تقدم ملموس في المحادثات", False),  # long items
    ("أردوغان: سنرد على أي هجوم", False),
])
def test_menu_lines(line, expected):
    """A line of short items between menu separators is navigation; a title with its site name is not."""
    assert is_menu(line) is expected


def test_menu_line_before_the_title_is_boilerplate():
    """A scraped page that starts with the site menu still gets its real title."""
    lines = ["الرئيسية | أخبار | اقتصاد | رياضة", "حفتر يغادر موسكو دون توقيع اتفاق وقف إطلاق النار",
             "غادر المشير خليفة حفتر العاصمة الروسية موسكو صباح اليوم."]
    assert assign_roles(lines) == ["boilerplate", "title", "body"]
