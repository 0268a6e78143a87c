"""Line roles on the seeds and on scraped pages of another story: boilerplate, teasers, bylines and datelines,
captions and the structural rules."""
from __future__ import annotations

from pathlib import Path

import pytest

from helpers.errors import WorkbookError
from helpers.lexicon import Lexicons
from helpers.roles import assign_roles, is_menu, is_short, known_phrase_role, load_boilerplate
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


# A scraped page shaped like a Yemen article of December 2018: a vertical site menu before the
# headline, a dateline, the body, a read-also box of three teasers, then the source and copyright.
SCRAPED_PAGE = [
    ("الرئيسية", "boilerplate"),
    ("أخبار", "boilerplate"),
    ("سياسة", "boilerplate"),
    ("اقتصاد", "boilerplate"),
    ("رياضة", "boilerplate"),
    ("بث مباشر", "boilerplate"),
    ("هدنة الحديدة.. هل تصمد أمام اختبار الأيام الأولى؟", "title"),
    ("الجزيرة نت - صنعاء", "byline"),
    ("بدأ سريان وقف إطلاق النار في مدينة الحديدة منتصف الليل بعد أيام من اتفاق الطرفين في السويد.", "body"),
    ("وقال سكان إن الهدوء ساد أحياء المدينة الجنوبية حتى ساعات الصباح.", "body"),
    ("اقرأ أيضا", "related"),
    ("غريفيث: الهدنة اختبار لنوايا الطرفين", "related"),
    ("الأمم المتحدة: ملايين اليمنيين يحتاجون إلى المساعدة", "related"),
    ("هل يعود الطرفان إلى طاولة المفاوضات؟", "related"),
    ("المصدر: الجزيرة + وكالات", "boilerplate"),
    ("جميع الحقوق محفوظة © 2018 شبكة الجزيرة الإعلامية", "boilerplate"),
]


def test_scraped_page_roles():
    """Menu words before the headline are navigation, the headline is the title, the dateline a byline,
    every teaser after a bare read-also marker is related, and the source and copyright lines are boilerplate."""
    lines, gold = zip(*SCRAPED_PAGE)
    assert assign_roles(list(lines)) == list(gold)


@pytest.mark.parametrize("marker", ["اقرأ أيضا", "إقرأ أيضاً:", "اقرأ المزيد", "مواضيع ذات صلة", "أخبار ذات صلة"])
def test_teasers_after_a_read_also_marker_are_related(marker):
    """Each teaser after a marker line is related, up to the next body paragraph, which is body again."""
    lines = ["عنوان الخبر", "فقرة أولى من المتن.", marker, "عنوان خبر آخر", "عنوان خبر ثالث؟",
             "ويأتي هذا بعد أسبوع من المشاورات في السويد.", "عنوان فرعي", "فقرة أخرى."]
    roles = assign_roles(lines)
    assert roles[3:] == ["related", "related", "body", "subheading", "body"]


def test_related_articles_heading_keeps_its_role_and_opens_a_block():
    """The seeds' `مقالات ذات صلة` stays boilerplate; the teasers after it are related."""
    lines = ["عنوان الخبر", "فقرة أولى من المتن.", "مقالات ذات صلة", "عنوان خبر آخر", "زر الذهاب إلى الأعلى"]
    assert assign_roles(lines) == ["title", "body", "boilerplate", "related", "boilerplate"]


@pytest.mark.parametrize("line", [
    "عدن: «الشرق الأوسط»",
    "ستوكهولم: «الشرق الأوسط»",
    "سبأنت - الرياض - الخميس 20 كانون الأول/ديسمبر 2018",
    "صنعاء - المسيرة نت:",
    "المسيرة نت | الحديدة",
    "سبأنت - عدن",
    "الجزيرة نت - صنعاء",
])
def test_datelines_are_bylines(line):
    """A house dateline under the title (place, outlet, date) gets the role byline, and the body stays body."""
    assert assign_roles(["عنوان الخبر", line, "فقرة أولى من المتن."]) == ["title", "byline", "body"]


@pytest.mark.parametrize("lines, roles", [
    # a one-line quote or a "place: topic" dek under the title is not a dateline
    (["عنوان الخبر", "غريفيث: «الاتفاق فرصة حقيقية للسلام»", "فقرة."], ["title", "body", "body"]),
    (["عنوان الخبر", "إدلب: هدنة هشة", "فقرة."], ["title", "dek", "body"]),
    # a dateline shape inside the body is not a dateline
    (["عنوان الخبر", "فقرة.", "صنعاء - المسيرة نت", "فقرة."], ["title", "body", "subheading", "body"]),
    # a short body line, a one-line quote and a subheading inside an article stay what they are
    (["عنوان الخبر", "فقرة.", "وقال: «لن نقبل».", "أخبار اليمن اليوم", "المصدر الأمني يكشف التفاصيل", "فقرة."],
     ["title", "body", "body", "subheading", "subheading", "body"]),
    # the source phrase without its colon, inside the body, is body
    (["عنوان الخبر", "فقرة.", "المصدر الذي طلب عدم ذكر اسمه قال إن الهدنة لن تصمد طويلا."],
     ["title", "body", "body"]),
    # two short lines before the headline are not a menu: the first is the title
    (["هدنة هشة", "سبأنت - عدن", "فقرة."], ["title", "byline", "body"]),
    (["عاجل", "هدنة هشة في الحديدة", "فقرة."], ["title", "dek", "body"]),
])
def test_rules_that_must_not_be_greedy(lines, roles):
    """Short body lines, quotes, subheadings and short titles keep their roles."""
    assert assign_roles(lines) == roles


def test_read_also_heading_above_the_title_does_not_swallow_the_headline():
    """A sidebar heading before the headline keeps its role; the headline is still the title."""
    lines = ["اقرأ أيضا", "هدنة الحديدة تصمد في يومها الأول", "بدأ سريان وقف إطلاق النار منتصف الليل."]
    assert assign_roles(lines) == ["related", "title", "body"]


def test_an_outlet_added_in_the_corpus_lexicon_makes_its_dateline_a_byline(tmp_path):
    """A house name the shipped file lacks is a dek until the analyst lists it with match=dateline."""
    lines = ["هدنة إدلب تصمد", "إدلب - عنب بلدي", "صمدت الهدنة في يومها الأول."]
    assert assign_roles(lines) == ["title", "dek", "body"]
    (tmp_path / "lexicons").mkdir()
    (tmp_path / "lexicons" / "boilerplate.csv").write_text(
        "phrase,match,role,note\nعنب بلدي,dateline,byline,outlet in its datelines\n", encoding="utf-8")
    assert assign_roles(lines, Lexicons.of(tmp_path)) == ["title", "byline", "body"]


def test_a_dateline_name_must_be_a_byline(tmp_path):
    """A dateline row with another role stops with the file and line."""
    path = tmp_path / "boilerplate.csv"
    path.write_text("phrase,match,role\nعنب بلدي,dateline,boilerplate\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"boilerplate.csv, line 2: 'عنب بلدي' has match=dateline"):
        load_boilerplate(str(path))


@pytest.mark.parametrize("line, role", [
    ("المصدر: وكالات", "boilerplate"),
    ("المصدر : الجزيرة + وكالات", "boilerplate"),
    ("المصدر الأمني: الهدنة صامدة", None),  # the colon must follow the phrase itself
    ("المصدر", None),
])
def test_source_line_needs_its_colon(line, role):
    """The source label is boilerplate only when the colon follows it."""
    assert known_phrase_role(line) == role


def test_dateline_byline_still_gives_the_reference_date(tmp_path):
    """An undated article under a site menu: the dateline is a byline and its date is the reference date."""
    from helpers.dates import reference_dates
    from helpers.loading import read_corpus

    (tmp_path / "001_saba.txt").write_text("\n".join([
        "الرئيسية", "محليات", "سياسة", "رياضة",
        "الحكومة تدعو إلى تنفيذ اتفاق الحديدة دون تأخير",
        "سبأنت - الرياض - الخميس 20 كانون الأول/ديسمبر 2018",
        "دعت الحكومة اليوم الأمم المتحدة إلى الضغط من أجل تنفيذ الاتفاق في موعده.",
        "وأشارت إلى خروقات متكررة منذ يوم الثلاثاء الماضي.",
    ]) + "\n", encoding="utf-8")
    (tmp_path / "metadata.csv").write_text(
        "doc_id,file,outlet,outlet_short,outlet_evidence,published,published_basis\n"
        "001,001_saba.txt,سبأنت,Saba,byline,,unknown\n", encoding="utf-8")
    corpus = read_corpus(tmp_path)
    assert corpus.paragraphs["role"].tolist() == ["boilerplate"] * 4 + ["title", "byline", "body", "body"]
    assert corpus.articles.loc[0, "title"] == "الحكومة تدعو إلى تنفيذ اتفاق الحديدة دون تأخير"
    ref = reference_dates(corpus).iloc[0]
    assert (str(ref["reference_date"]), ref["basis"]) == ("2018-12-20", "text")
    assert "the byline" in ref["detail"]


YEMEN = Path(__file__).parent / "corpora" / "yemen_hodeidah"

# 002 as scraped from Al Jazeera, line by line (gold written by reading the file)
YEMEN_002_GOLD = (["boilerplate"] * 6          # الرئيسية, أخبار, سياسة, اقتصاد, رياضة, بث مباشر
                  + ["title", "byline"]        # اتفاق السويد.. هل يصمد ...؟, الجزيرة نت - صنعاء
                  + ["body"] * 6
                  + ["related"] * 4            # اقرأ أيضا and its three teasers
                  + ["boilerplate"] * 2)       # المصدر: الجزيرة + وكالات, جميع الحقوق محفوظة ©


@pytest.fixture(scope="module")
def yemen():
    from helpers.loading import read_corpus

    return read_corpus(YEMEN)


def test_yemen_scraped_page_roles(yemen):
    """Al Jazeera's page: menu, headline, dateline, body, read-also box, source and copyright."""
    par = yemen.paragraphs[yemen.paragraphs["doc_id"] == "002"]
    assert par["role"].tolist() == YEMEN_002_GOLD
    assert yemen.articles.set_index("doc_id").loc["002", "title"].startswith("اتفاق السويد.. هل يصمد")


@pytest.mark.parametrize("doc_id, dateline", [
    ("000", "المسيرة نت | ستوكهولم"), ("001", "سبأنت - ستوكهولم"), ("002", "الجزيرة نت - صنعاء"),
    ("003", 'عدن: "الشرق الأوسط"'), ("004", "المسيرة نت | الحديدة"), ("005", "سبأنت - عدن"),
    ("007", 'ستوكهولم: "الشرق الأوسط"'), ("008", "المسيرة نت | صنعاء"),
    ("009", "سبأنت - الرياض - الخميس 20 كانون الأول/ديسمبر 2018"),
])
def test_yemen_datelines_are_bylines(yemen, doc_id, dateline):
    """Each house dateline (clean text: « » become straight quotes) is the article's only byline."""
    par = yemen.paragraphs[yemen.paragraphs["doc_id"] == doc_id]
    assert par.loc[par["role"] == "byline", "text"].tolist() == [dateline]


def test_yemen_roles_by_count(yemen):
    """Across the ten articles: one title each, no dek or subheading left (each was a dateline or a menu item)."""
    assert yemen.paragraphs["role"].value_counts().to_dict() == {
        "body": 53, "title": 10, "byline": 9, "boilerplate": 8, "related": 4}


def test_share_and_follow_lines_are_boilerplate():
    """Share and follow buttons scraped with a page are not news; a sentence about following talks is."""
    lines = ["اشتباكات في الخرطوم", "تجددت الاشتباكات في الخرطوم اليوم.", "شارك هذا الخبر", "تابعونا على تويتر",
             "وتابع الوسطاء على مدى أسبوع سير المحادثات.", "شارك هذا المقال عبر فيسبوك"]
    assert assign_roles(lines) == ["title", "body", "boilerplate", "boilerplate", "body", "boilerplate"]
