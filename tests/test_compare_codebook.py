"""The event codebook: each rule on the sentences it is for, and on the near-misses it must leave out."""
from __future__ import annotations

import datetime as dt

import pytest

from helpers.compare import event_coverage, match_events, scan_for_comparison
from helpers.compare.codebook import load_codebook
from helpers.compare.terms import TermIndex
from helpers.errors import WorkbookError


@pytest.fixture(scope="module")
def events(corpus):
    """The event_sentences table of the seeds, as a set of (event, doc, para, sentence)."""
    frame = match_events(scan_for_comparison(corpus), corpus.articles)
    return frame, set(zip(frame["event_id"], frame["doc_id"], frame["para_id"], frame["sent_id"]))


TARGETS = [
    ("ru_tr_military_contacts", "000", 3, 1),  # اتصالات بين عسكريين روس وأتراك
    ("ru_tr_military_contacts", "000", 2, 1),  # the headline: اتصالات عسكرية مع تركيا (second rule)
    ("ru_tr_military_contacts", "001", 12, 1),  # الاتصالات الهاتفية ... بين رئيسي أركان
    ("ru_tr_military_contacts", "002", 15, 1),  # Akar: "حوارا جيدا" with العسكريين الروس
    ("ru_tr_military_contacts", "004", 2, 1),  # التواصل المستمر بين العسكريين الروس والأتراك
    ("hmeimim_attacks", "000", 6, 1),  # "الإرهابيون" ... وتهدد القاعدة الروسية حميميم
    ("hmeimim_attacks", "001", 5, 1),  # بحجة حماية قاعدتهم في "حميميم"
    ("hmeimim_attacks", "003", 8, 1),  # ضد قوات النظام ومنشآتنا العسكرية
    ("hmeimim_attacks", "004", 9, 1),  # قصف ... وقاعدة حميميم الروسية
    ("tr_soldiers_killed_feb10", "003", 9, 1),  # بعد مقتل 5 جنود للاحتلال..
    ("tr_soldiers_killed_feb10", "003", 12, 1),  # مقتل خمسة من جنودها
    ("tr_soldiers_killed_feb10", "003", 5, 1),  # مقتل جنود لجيش الاحتلال التركي: no number, dated 11 Feb
    ("tr_soldiers_killed_feb20", "002", 14, 1),  # جنديين تركيين قتلا
    ("lavrov_separation_claim", "002", 20, 1),  # بفصل المعارضة المسلحة المعتدلة عن الإرهابيين
    ("lavrov_separation_claim", "004", 8, 1),  # الفصل بين المسلحين ... و الإرهابيين
    ("lavrov_separation_claim", "002", 2, 1),  # the dek: تركيا لم تنفذ عددا من التزاماتها
    ("lavrov_separation_claim", "002", 21, 1),  # Ankara's answer: نفذت كل التزاماتها
    ("kremlin_on_idlib", "001", 15, 1),  # بيسكوف counts for the Kremlin
    ("kremlin_on_idlib", "002", 4, 1),  # الرئاسة الروسية is the Kremlin
    ("kremlin_on_idlib", "003", 6, 1),  # الكرملين: يجب التصدي
    ("erdogan_statements", "000", 19, 1),  # لفت الرئيس التركي (second rule)
    ("erdogan_statements", "002", 17, 1),
    ("ceasefire_agreements", "000", 23, 1),  # وقف إطلاق النار المتفق عليه ... في أيلول 2018
    ("ceasefire_agreements", "004", 14, 1),  # اجتماعات "سوتشي"
    ("ceasefire_agreements", "004", 16, 1),  # "خفض التصعيد"
    ("chemical_provocation", "000", 8, 1),  # ل"الخوذ البيضاء"
    ("chemical_provocation", "000", 9, 2),  # بتمثيلية جديدة باستخدام الأسلحة الكيميائية
    ("unsc_statement_blocked", "000", 11, 1),
    ("unsc_statement_blocked", "000", 12, 1),  # بوليانسكي (third rule)
    ("unsc_statement_blocked", "000", 13, 1),  # عدم توازن البيان (second rule)
    ("joint_patrols", "004", 7, 1),  # the caption: دوريات مشتركة
    ("us_russia_contacts", "003", 1, 1),  # العسكريين الروس والأمريكيين
    ("us_russia_contacts", "004", 15, 1),  # بوتين يرد على طلب ترامب
    ("putin_macron_merkel_call", "002", 8, 1),  # لميركل
    ("putin_macron_merkel_call", "002", 10, 1),  # زعيما ألمانيا وفرنسا (third rule)
    ("tr_reinforcements_posts", "001", 17, 1),
    ("tr_reinforcements_posts", "002", 18, 1),
    ("russia_rejects_turkish_requests", "001", 2, 1),  # روسيا ترفض طلب تركي
    ("russia_rejects_turkish_requests", "002", 18, 1),  # طلب من ... بوتين، ممارسة الضغط (second rule)
    ("opposition_offensive", "002", 11, 1),  # مسلحين موالين لأنقرة ... هجوما
    ("opposition_offensive", "004", 16, 1),  # الهجوم المضاد
]

NEAR_MISSES = [
    ("ru_tr_military_contacts", "003", 2, 1),  # Russian-American contacts; Erdogan is named later on
    ("ru_tr_military_contacts", "002", 17, 1),  # talks with Russia and a military operation: not military contacts
    ("ru_tr_military_contacts", "001", 3, 1),  # المحادثات التركية الروسية: political talks
    ("tr_soldiers_killed_feb10", "002", 14, 1),  # خمسة آخرون are the wounded of the two-soldier incident
    ("tr_soldiers_killed_feb20", "003", 12, 1),  # five killed, five wounded: the 10 February incident
    ("lavrov_separation_claim", "002", 13, 1),  # التخلي عن تقديم الدعم للإرهابيين: no separation
    ("kremlin_on_idlib", "002", 7, 1),  # the Kremlin on Libya
    ("kremlin_on_idlib", "002", 1, 1),  # Putin is not the Kremlin's spokesman
    ("erdogan_statements", "002", 10, 1),  # رئيس النظام التركي: a meeting with him, not his words
    ("erdogan_statements", "003", 10, 1),  # وكان أردوغان قد ترأس اجتماعا: he chairs a meeting, he says nothing
    ("ceasefire_agreements", "002", 7, 1),  # the Libya ceasefire
    ("unsc_statement_blocked", "001", 13, 1),  # مجلس الأمن الروسي is not the UN Security Council
    ("unsc_statement_blocked", "002", 4, 1),  # في بيان: a Kremlin statement
    ("us_russia_contacts", "001", 4, 1),  # روسيا ترفض طلب تركيا: no American
    ("us_russia_contacts", "000", 17, 1),  # Erdogan ready to talk to Trump and Putin: not US-Russia
    ("opposition_offensive", "003", 10, 1),  # هجوم شنه قوات النظام: the other side attacks
    ("chemical_provocation", "000", 6, 1),  # Hmeimim and "terrorists", no chemical weapons
]


@pytest.mark.parametrize("key", TARGETS, ids=[f"{e}-{d}-{p}.{s}" for e, d, p, s in TARGETS])
def test_rule_finds_its_target(events, key):
    """The sentence, read as reporting the event, is matched."""
    assert key in events[1]


@pytest.mark.parametrize("key", NEAR_MISSES, ids=[f"{e}-{d}-{p}.{s}" for e, d, p, s in NEAR_MISSES])
def test_rule_leaves_out_near_miss(events, key):
    """The sentence that shares words with the event but does not report it is not matched."""
    assert key not in events[1]


def test_known_pairings(events):
    """Lavrov's claim is in 002 and 004 only; the two soldier incidents stay apart (five in 003, two in 002)."""
    frame = events[0]
    docs = lambda e: sorted(set(frame.loc[frame["event_id"] == e, "doc_id"]))  # noqa: E731
    assert docs("lavrov_separation_claim") == ["002", "004"]
    assert docs("tr_soldiers_killed_feb10") == ["003"]
    assert docs("tr_soldiers_killed_feb20") == ["002"]
    assert docs("joint_patrols") == ["004"]
    assert docs("putin_macron_merkel_call") == ["002"]


def test_outlet_003_has_no_erdogan_statement(events, corpus):
    """Outlet 003 names Erdogan three times (chairing a meeting, in a headline) but never quotes him.

    Naming the actor used to be enough for erdogan_statements; the rule now needs him as the speaker
    of an attribution in the sentence, so 003 has none and 000 and 002, which quote him, keep theirs.
    """
    frame = events[0]
    erdogan = frame[frame["event_id"] == "erdogan_statements"]
    assert "003" not in set(erdogan["doc_id"])
    assert sorted(set(erdogan["doc_id"])) == ["000", "002"]
    from helpers.actors import actor_mentions

    mentions = actor_mentions(corpus)
    assert ((mentions["doc_id"] == "003") & (mentions["actor_id"] == "erdogan")).sum() == 3


def test_rows_trace_to_rules_and_sentences(events, corpus):
    """Each row names the codebook lines that matched, and its sentence is a piece of its paragraph."""
    frame = events[0]
    row = frame[(frame["event_id"] == "unsc_statement_blocked") & (frame["para_id"] == 11)].iloc[0]
    assert row["rules"] == "15|16"  # the statement rule and the 'unbalanced' rule both match
    text = corpus.paragraphs.set_index(["doc_id", "para_id"]).loc[("000", 11), "text"]
    assert row["sentence"] == text


def test_coverage_is_the_full_matrix(events, corpus):
    """event_coverage has one row per event and article, zeros included, in article order."""
    cov = event_coverage(events[0], corpus.articles)
    assert len(cov) == 16 * 5
    assert list(cov["doc_id"][:16]) == ["000"] * 16
    got = cov.set_index(["event_id", "doc_id"])["n_sentences"]
    assert got[("lavrov_separation_claim", "002")] == 3 and got[("lavrov_separation_claim", "000")] == 0


CODEBOOK = """event_id,description,date,within_days,terms_1,terms_2,actors,exclude
killed,Soldiers killed,2020-02-10,2,جنود,مقتل|قتل,turkey,جنديين
claim,A claim,,,فصل|الفصل,الإرهابيين,lavrov,
claim,,,,التزاماتها,,turkey,
kremlin,Kremlin,,,,,kremlin,ليبيا
"""


@pytest.fixture()
def small_codebook(tmp_path):
    """A four-rule codebook written to a temporary file."""
    path = tmp_path / "events.csv"
    path.write_text(CODEBOOK, encoding="utf-8")
    return load_codebook(path, actor_ids=["turkey", "lavrov", "kremlin", "peskov", "russia"])


@pytest.mark.parametrize(
    ("terms", "actors", "published", "expected"),
    [
        ({"جنود", "مقتل"}, {"turkey"}, dt.date(2020, 2, 11), {"killed"}),
        ({"جنود", "مقتل"}, {"turkey"}, dt.date(2020, 2, 20), set()),  # outside the date window
        ({"جنود", "مقتل"}, {"turkey"}, None, set()),  # an undated article never meets a window
        ({"جنود", "مقتل", "جنديين"}, {"turkey"}, dt.date(2020, 2, 11), set()),  # excluded term
        ({"جنود"}, {"turkey"}, dt.date(2020, 2, 11), set()),  # the second set is missing
        ({"الفصل", "الارهابيين"}, {"lavrov", "russia"}, None, {"claim"}),
        ({"الفصل", "الارهابيين"}, {"russia"}, None, set()),  # actor missing
        ({"التزاماتها"}, {"turkey"}, None, {"claim"}),  # the alternative rule
        (set(), {"kremlin", "peskov", "russia"}, None, {"kremlin"}),  # actor-only rule
        ({"ليبيا"}, {"kremlin", "russia"}, None, set()),
    ],
)
def test_rule_logic(small_codebook, terms, actors, published, expected):
    """All sets must meet, every actor must be there, no excluded term, and the date window holds."""
    assert set(small_codebook.events_of(terms, actors, published)) == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("event_id,description,terms_1\nbad id,X,قال\n", "line 2: event_id 'bad id' must be lower-case"),
        ("event_id,description,terms_1\na,,قال\n", "line 2: empty 'description' on the first row"),
        ("event_id,description,terms_1\na,X,\n", "line 2: the rule needs terms_1, actors or speakers"),
        ("event_id,description,terms_1,terms_2\na,X,,قال\n", "line 2: terms_2 is set but the set before it is empty"),
        ("event_id,description,date,terms_1\na,X,2020-02-30,قال\n", "line 2: date '2020-02-30' does not exist"),
        ("event_id,description,within_days,terms_1\na,X,3,قال\n", "line 2: within_days needs the event's date"),
        ("event_id,description,terms_1,actors\na,X,قال,nobody\n", "line 2: actor 'nobody' is not an actor_id"),
        ("event_id,description,terms_1\na,X,قال\na,Y,قالت\n", "line 3: description 'Y' differs from line 2"),
        ("event_id,description,colour\na,X,red\n", r"unknown column\(s\) colour"),
    ],
)
def test_codebook_validation(tmp_path, content, message):
    """Bad rows fail with a message naming the file and the line."""
    path = tmp_path / "events.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(WorkbookError, match=message) as info:
        load_codebook(path, actor_ids=["turkey"])
    assert "events.csv" in str(info.value)


def test_rules_are_compiled_once_and_searched_once_per_paragraph(corpus, monkeypatch):
    """Matching reuses the cached codebook (no automaton is built) and searches each paragraph once."""
    scans = scan_for_comparison(corpus)
    load_codebook()  # warm the cache
    built, searched = [], []
    original_init, original_find = TermIndex.__init__, TermIndex.find_all
    monkeypatch.setattr(TermIndex, "__init__", lambda self, *a, **k: built.append(1) or original_init(self, *a, **k))
    monkeypatch.setattr(TermIndex, "find_all", lambda self, form: searched.append(1) or original_find(self, form))
    match_events(scans, corpus.articles)
    assert built == []
    assert len(searched) == len(scans)


def test_every_rule_is_used_on_the_seeds(events):
    """Each row of events.csv matches at least one seed sentence: no dead rule in the shipped codebook."""
    used = {int(line) for cell in events[0]["rules"] for line in cell.split("|")}
    assert used == {rule.line for rule in load_codebook().rules}
