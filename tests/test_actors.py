"""Tests for helpers.actors: the gazetteer, the matching rules, the two views and the seed counts."""
from __future__ import annotations

import pytest

from helpers.actors import (VIEWS, actor_counts, actor_mentions, actor_tables, apply_view, cooccurrence,
                            find_actor_mentions, kwic, kwic_html, load_gazetteer, outlet_matrix, proclitics,
                            scan_mentions)
from helpers.errors import WorkbookError
from helpers.loading import read_corpus
from helpers.paths import SEEDS

HEADER = "actor_id,label_en,label_ar,type,parent,fold_into,forms,broad_forms,note\n"


@pytest.fixture(scope="module")
def corpus():
    return read_corpus(SEEDS)


@pytest.fixture(scope="module")
def strict(corpus):
    return actor_mentions(corpus, "strict")


@pytest.fixture(scope="module")
def broad(corpus):
    return actor_mentions(corpus, "broad")


def found(text, view="strict", gazetteer=None):
    return [(m.actor_id, m.surface) for m in find_actor_mentions(text, view, gazetteer)]


@pytest.mark.parametrize("text, expected", [
    ("قال أردوغان", [("erdogan", "أردوغان")]),
    ("قال اردوغان", [("erdogan", "اردوغان")]),
    ("الرئيس رجب طيب أردوغان", [("erdogan", "رجب طيب أردوغان")]),
    ("دميتري بيسكوف", [("peskov", "دميتري بيسكوف")]),
    ("ديميتري بيسكوف", [("peskov", "ديميتري بيسكوف")]),
    ("وقال بيسكوف", [("peskov", "بيسكوف")]),
    ('"خلوصي أكار"', [("akar", "خلوصي أكار")]),
    ("الوزير آكار", [("akar", "آكار")]),
    ("ياشار غيولير", [("guler", "ياشار غيولير")]),
    ("زاخاروفا", [("zakharova", "زاخاروفا")]),
    ("إدلبُ", [("idlib", "إدلبُ")]),
])
def test_surface_variants(text, expected):
    """Every listed spelling (hamza, ya, full name or surname) finds its actor, with exact offsets."""
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("لافروف", [("lavrov", "لافروف")]),
    ("ولافروف", [("lavrov", "لافروف")]),
    ("فلافروف", [("lavrov", "لافروف")]),
    ("وبإدلب", [("idlib", "إدلب")]),
    ("بالكرملين", [("kremlin", "الكرملين")]),
    ("وبالكرملين", [("kremlin", "الكرملين")]),
    ("للكرملين", [("kremlin", "لكرملين")]),
    ("وللأسد", [("assad", "لأسد")]),
    ("للأسد", [("assad", "لأسد")]),
    ("لتركيا", [("turkey", "تركيا")]),
    ("ولتركيا", [("turkey", "تركيا")]),
    ("كتركيا", [("turkey", "تركيا")]),
    ("والناتو", [("nato", "الناتو")]),
    ("للفصائل", [("armed_opposition", "لفصائل")]),
    ("فالنظام السوري", [("syrian_government", "النظام السوري")]),
])
def test_proclitics_on_known_forms(text, expected):
    """Conjunction, preposition and article proclitics attach to known forms, l + al written ll."""
    assert found(text) == expected


@pytest.mark.parametrize("clitic", proclitics())
def test_every_proclitic_sequence(clitic):
    """Each of the 23 sequences attaches to a name; the span keeps an article (ال, or ل after ل)."""
    article = "ال" if clitic.endswith("ال") else "ل" if clitic.endswith("لل") else ""
    assert found(clitic + "تركيا") == [("turkey", article + "تركيا")]


@pytest.mark.parametrize("text, expected", [
    ("للأتراك", [("turkey", "لأتراك")]),
    ("والروس", [("russia", "الروس")]),
    ("طلب تركي", [("turkey", "تركي")]),
    ("القاعدة الروسية", [("russia", "الروسية")]),
    ("القوات السورية", [("syrian_army", "القوات السورية")]),
])
def test_demonyms_count_only_in_broad_view(text, expected):
    """Demonyms and adjectives are mentions in the broad view and nothing in the strict one."""
    assert found(text, "strict") == [m for m in expected if m[0] == "syrian_army"]
    assert found(text, "broad") == expected


@pytest.mark.parametrize("text", ["دروس", "إدلبي", "بوتينية", "الأسدي", "التركيات", "أكارت", "مسلحة"])
def test_no_match_inside_longer_words(text):
    """A form never matches inside a longer word (only proclitics may precede it)."""
    assert found(text, "broad") == []


def test_letters_are_never_stripped():
    """Proclitics are only tried on known forms: a word that merely starts with one is not cut."""
    assert proclitics()[:5] == ("ب", "ف", "ك", "ل", "و")
    assert found("لبنان وفرنسا") == [("france", "فرنسا")]


@pytest.mark.parametrize("text, expected", [
    ("هاون أكار التركي الصنع", []),
    ("مدافع هاون أكار", []),
    ('وزير الدفاع التركي "خلوصي أكار" صرح', [("akar", "خلوصي أكار")]),
    ("وقال أكار", [("akar", "أكار")]),
    ("مؤتمر برلين حول ليبيا", [("libya", "ليبيا")]),
    ("النظام الدولي", []),
    ("من قبل النظام", [("syrian_government", "النظام")]),
])
def test_exclusion_contexts(text, expected):
    """Exclusion contexts in the data stop same-letter words that are not the actor."""
    assert found(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("سيرغي لافروف", [("lavrov", "سيرغي لافروف")]),
    ("مجلس الأمن الروسي", [("russian_security_council", "مجلس الأمن الروسي")]),
    ("مجلس الأمن الدولي", [("unsc", "مجلس الأمن الدولي")]),
    ("بيان مجلس الأمن من", [("unsc", "مجلس الأمن")]),
    ("قناة روسيا اليوم", [("rt", "قناة روسيا اليوم")]),
    ("نظام الأسد", [("syrian_government", "نظام الأسد")]),
    ("حلف شمال الأطلسي (ناتو)", [("nato", "حلف شمال الأطلسي (ناتو)")]),
    ("جيش الاحتلال التركي", [("turkish_forces", "جيش الاحتلال التركي")]),
])
def test_longest_match_wins_without_overlap(text, expected):
    """Full name and surname are one mention; a longer listed name beats the names inside it."""
    assert found(text, "broad") == expected


@pytest.mark.parametrize("text, strict, broad", [
    ("أعلنت موسكو", ["moscow"], ["russia"]),
    ("المتحدث باسم الكرملين", ["kremlin"], ["russia"]),
    ("أصرت أنقرة", ["ankara"], ["turkey"]),
    ("الرئيس الروسي فلاديمير بوتين", ["putin"], ["russia", "putin"]),
    ("وزارة الخارجية الروسية", ["russian_mfa"], ["russian_mfa"]),
])
def test_views(text, strict, broad):
    """Strict keeps names; broad adds demonyms and folds capitals and seats of power into the state."""
    ms = scan_mentions(text)
    assert [m.actor_id for m in apply_view(ms, "strict")] == strict
    assert [m.actor_id for m in apply_view(ms, "broad")] == broad


def test_bad_view_is_refused():
    """An unknown view is a WorkbookError listing the allowed ones."""
    with pytest.raises(WorkbookError, match="strict"):
        find_actor_mentions("بوتين", view="names")


def test_offsets_point_into_clean_text(corpus, strict, broad):
    """text[start:end] == surface for every mention of both views, diacritics included."""
    text = {(d, p): t for d, p, t in zip(corpus.paragraphs["doc_id"], corpus.paragraphs["para_id"],
                                          corpus.paragraphs["text"])}
    for frame in (strict, broad):
        assert len(frame) > 200
        assert all(text[(d, p)][s:e] == surf for d, p, s, e, surf in
                   zip(frame["doc_id"], frame["para_id"], frame["start"], frame["end"], frame["surface"]))
    assert find_actor_mentions("وحذّر بيان مجلس الأمنِ")[0].surface == "مجلس الأمنِ"


def count(frame, doc_id, actor_id):
    return int(((frame["doc_id"] == doc_id) & (frame["actor_id"] == actor_id)).sum())


@pytest.mark.parametrize("doc_id, actor_id, expected", [
    ("000", "zakharova", 4),  # 4: ماريا زاخاروفا, وقالت/وأضافت/زعمت زاخاروفا
    ("000", "erdogan", 4),  # 14, 16, 17, 20
    ("000", "assad", 0),  # only in a related teaser and inside نظام الأسد
    ("000", "russia", 4),  # 2, 5, 11, 12
    ("000", "unsc", 3),  # 11 الدولي, 12 لدى مجلس الأمن, 23 بيان مجلس الأمن
    ("001", "peskov", 1),
    ("001", "akar", 1),  # the 'هاون أكار' subheading is a mortar
    ("001", "russian_security_council", 2),
    ("002", "peskov", 1),
    ("002", "putin", 6),
    ("002", "merkel", 5),
    ("002", "kremlin", 5),  # الرئاسة الروسية twice, الكرملين three times
    ("003", "peskov", 2),
    ("003", "erdogan", 3),
    ("003", "idlib", 12),
    ("004", "lavrov", 4),  # title, 5, 8, 9
    ("004", "trump", 2),
    ("004", "erdogan", 0),  # only in a related teaser
])
def test_strict_counts_on_seeds(strict, doc_id, actor_id, expected):
    """Strict counts match a reading of the seeds (related and boilerplate lines not counted)."""
    assert count(strict, doc_id, actor_id) == expected


@pytest.mark.parametrize("doc_id, actor_id, expected", [
    ("000", "russia", 7),  # + القاعدة الروسية, موسكو, والروسي
    ("000", "turkey", 8),  # + وأتراك, الرئيس التركي twice, أنقرة
    ("000", "moscow", 0),  # folded into russia
    ("003", "russia", 8),  # موسكو x2, الكرملين x3, روسيا, وزير الخارجية الروسي, المنشآت العسكرية الروسية
])
def test_broad_counts_on_seeds(broad, doc_id, actor_id, expected):
    """Broad counts add demonyms and folded capitals, as read in the seeds."""
    assert count(broad, doc_id, actor_id) == expected


def test_counts_per_1000_words(corpus, strict):
    """actor_counts uses articles.n_words: 4 Zakharova mentions in 483 words of 000."""
    counts = actor_counts(strict, corpus.articles)
    row = counts[(counts["doc_id"] == "000") & (counts["actor_id"] == "zakharova")].iloc[0]
    n_words = int(corpus.articles.set_index("doc_id").loc["000", "n_words"])
    assert row["count"] == 4
    assert row["per_1000_words"] == pytest.approx(4000 / n_words)
    assert list(counts.columns) == ["doc_id", "actor_id", "count", "per_1000_words"]


def test_only_counted_lines_are_scanned(corpus, strict):
    """No mention comes from a related teaser or a boilerplate line."""
    roles = dict(zip(zip(corpus.paragraphs["doc_id"], corpus.paragraphs["para_id"]), corpus.paragraphs["role"]))
    assert {roles[k] for k in zip(strict["doc_id"], strict["para_id"])} <= {
        "title", "dek", "byline", "body", "subheading", "caption"}


def test_actor_added_through_csv_alone(tmp_path):
    """A new actor and a new spelling in a gazetteer CSV of one's own are found, nothing else changed."""
    path = tmp_path / "actors.csv"
    path.write_text(HEADER + "putin,Vladimir Putin,بوتين,person,,,بوتين|بوتن,,\n"
                    "sohr,Syrian Observatory,المرصد السوري,organization,,,المرصد السوري|المرصد,,\n",
                    encoding="utf-8")
    assert found("وقال المرصد السوري إن بوتن", gazetteer=path) == [("sohr", "المرصد السوري"), ("putin", "بوتن")]
    assert found("أكار", gazetteer=path) == []


@pytest.mark.parametrize("rows, message", [
    ("a,A,أ,person,,,بوتين,,\nb,B,ب,person,,,بوتين,,\n", "already listed on line 2"),
    ("a,A,أ,people,,,بوتين,,\n", "type='people'"),
    ("a,A,أ,person,russia,,بوتين,,\n", "parent 'russia' is not an actor_id"),
    ("Putin,A,أ,person,,,بوتين,,\n", "lower-case"),
    ("a,A,أ,person,,,بوتين,روسي,\nb,B,ب,state,,,روسيا,بوتين,\n", "already listed on line 2"),
    ("a,A,أ,person,,,,,\n", "empty 'forms'"),
])
def test_bad_gazetteer_rows_are_named(tmp_path, rows, message):
    """A bad row is a WorkbookError naming the file, the line and the value."""
    path = tmp_path / "actors.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    with pytest.raises(WorkbookError, match=message) as err:
        load_gazetteer(path)
    assert "actors.csv" in str(err.value)


def test_exclusion_must_contain_its_name(tmp_path):
    """An exclusion context that does not contain a form of its actor is refused, with its line."""
    (tmp_path / "actors.csv").write_text(HEADER + "akar,Akar,أكار,person,,,أكار,,\n", encoding="utf-8")
    (tmp_path / "actor_exclusions.csv").write_text("actor_id,context,note\nakar,هاون تركي,\n", encoding="utf-8")
    with pytest.raises(WorkbookError, match="line 2.*no form of 'akar'"):
        load_gazetteer(tmp_path / "actors.csv")


def test_shipped_lexicons_load():
    """The shipped gazetteer and exclusions load and name the seeds' officials and states."""
    gaz = load_gazetteer()
    for actor_id in ("putin", "erdogan", "lavrov", "peskov", "zakharova", "akar", "ryabkov", "assad", "trump",
                     "macron", "merkel", "seibert", "polyanskiy", "gerasimov", "guler", "shoigu", "cavusoglu",
                     "russia", "turkey", "syria", "usa", "france", "germany", "iran"):
        assert gaz.info(actor_id)["actor_id"] == actor_id
    assert len(gaz.exclusions) >= 1
    assert gaz.fold("moscow") == "russia" and gaz.top_parent("zakharova") == "russia"


def test_tables_are_stable(corpus):
    """actor_tables gives the documented columns and identical CSV text on a re-run."""
    first, second = actor_tables(corpus), actor_tables(corpus)
    assert list(first["actor_mentions.csv"].columns) == ["doc_id", "para_id", "actor_id", "surface", "start", "end"]
    assert list(first["voices.csv"].columns)[:4] == ["doc_id", "para_id", "actor_id", "verb"]
    for name in first:
        assert first[name].to_csv(index=False) == second[name].to_csv(index=False)


def test_kwic_html_escapes_and_reads_right_to_left(corpus):
    """The keyword-in-context view lists each mention, highlighted, escaped, right to left."""
    frame = kwic(corpus, "zakharova")
    assert len(frame) == 4 and set(frame["match"]) == {"ماريا زاخاروفا", "زاخاروفا"}
    html = kwic_html(frame)
    assert html.count("<mark>") == 4 and 'dir="rtl"' in html
    assert "&quot;" in kwic_html(frame.assign(after='<b>"'))


def test_cooccurrence_counts_shared_paragraphs(strict):
    """Two actors named in one paragraph make one pair; Putin and Merkel share 5 paragraphs of 002."""
    pairs = cooccurrence(strict[strict["doc_id"] == "002"])
    row = pairs[(pairs["actor_a"] == "merkel") & (pairs["actor_b"] == "putin")]
    assert int(row["paragraphs"].iloc[0]) == 5  # title, 3, 6, 8, 9


def test_outlet_matrix_per_1000_words(corpus, strict):
    """The actor x outlet table divides by the outlet's words."""
    table = outlet_matrix(strict, corpus.articles, ["lavrov"], value="count")
    assert table.loc["lavrov", "Awtan Post"] == 4
    assert set(VIEWS) == {"strict", "broad"}


def test_chart_labels_are_bilingual(strict):
    """Chart labels give English and Arabic, the Arabic passed through for_matplotlib."""
    import matplotlib.pyplot as plt

    from helpers.actors import chart_label, plot_top_actors
    from helpers.charts import for_matplotlib

    fig = plot_top_actors(strict, n=3)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    plt.close(fig)
    assert chart_label("idlib") == for_matplotlib("Idlib · إدلب")
    assert chart_label("idlib") in labels


def test_view_changes_the_ranking(corpus, strict, broad):
    """In 000 (Al-Waseela) Syria leads on names (5 vs 4 and 4) but Turkey leads in the broad view (8, 7, 6)."""
    from helpers.actors import compare_views_by_outlet

    table = compare_views_by_outlet(strict, broad, corpus.articles, ["russia", "turkey", "syria"])
    waseela = table[table["outlet"] == "Al-Waseela"].set_index("actor_id")
    assert waseela["rank_strict"].to_dict() == {"russia": 2, "turkey": 2, "syria": 1}
    assert waseela["rank_broad"].to_dict() == {"russia": 2, "turkey": 1, "syria": 3}


@pytest.mark.parametrize("text, expected", [
    # 003/005 of tests/corpora/yemen_hodeidah: the coalition's spokesman, Turki al-Maliki
    ("وأكد المتحدث باسم التحالف العقيد تركي المالكي أن قوات التحالف ملتزمة بالهدنة", []),
    ("وقال الأمير تركي الفيصل", []),
    ("واستقبل الشيخ تركي بن عبدالله", []),
    ("أعلن تركي آل الشيخ", []),
    ("والسيد تركي", []),
    # the adjective keeps counting, also after a title without the article (a Turkish minister)
    ("وقال وزير تركي إن", [("turkey", "تركي")]),
    ("وقال الرئيس التركي", [("turkey", "التركي")]),
    ("في طلب تركي رسمي", [("turkey", "تركي")]),
    ("وقال مسؤول تركي للصحفيين", [("turkey", "تركي")]),
])
def test_turki_is_a_first_name_after_a_title(text, expected):
    """تركي after a title with the article, or before بن/آل, is the first name Turki, not the adjective."""
    assert found(text, "broad") == expected


def test_title_placeholder_in_exclusions(tmp_path):
    """An exclusion context may start with {title}: one context per title of name_cues.csv with the article."""
    (tmp_path / "actors.csv").write_text(HEADER + "turkey,Turkey,تركيا,state,,,تركيا,تركي,\n", encoding="utf-8")
    (tmp_path / "actor_exclusions.csv").write_text("actor_id,context,note\nturkey,{title} تركي,a first name\n",
                                                  encoding="utf-8")
    gaz = load_gazetteer(tmp_path / "actors.csv")
    assert found("العقيد تركي واللواء تركي ووزير تركي", "broad", gaz) == [("turkey", "تركي")]
    (tmp_path / "actor_exclusions.csv").write_text("actor_id,context,note\nturkey,{titel} تركي,typo\n",
                                                  encoding="utf-8")
    with pytest.raises(WorkbookError, match=r"actor_exclusions.csv, line 2: .*\{titel\}.*only \{title\}"):
        load_gazetteer(tmp_path / "actors.csv")
