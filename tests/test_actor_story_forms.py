"""Story-bound gazetteer forms: generic spellings (bare ``النظام``, ``القوات الحكومية``, ``المسلحين``) that name
a Syrian actor only in articles about Syria, and are set aside (with a recorded warning) everywhere else.

The gold values were read off the sentences by hand: the Sudan sentences come from coverage of the 2023
war (``النظام السابق`` is Bashir's former regime), the Syria one is seed 003 (``من قبل النظام في إدلب``).
"""
from __future__ import annotations

import csv

import pytest

from helpers.errors import WorkbookError

SUDAN = [
    "اشتباكات عنيفة في الخرطوم بين الجيش والدعم السريع",
    "اندلعت الاشتباكات بين الجيش السوداني وقوات الدعم السريع في الخرطوم صباح السبت 15 نيسان/أبريل 2023.",
    'وزعم حميدتي في تسجيل صوتي أن البرهان "مجرم" يريد إعادة النظام السابق.',
    "وقال مراقبون إن أنصار النظام السابق يقاتلون إلى جانب الجيش، فيما دعت الأمم المتحدة إلى هدنة.",
]
SYRIA = [
    "تصعيد في إدلب",
    "وجاء ذلك بالتزامن مع التصعيد العسكري الذي تشهده مناطق شمال غرب سوريا.",
    "وكانت وزارة الدفاع التركية قد أعلنت مقتل خمسة من جنودها في قصف مدفعي مكثف على مواقعهم من قبل النظام في إدلب.",
]
# Only gated forms and nothing else of Syria: they must not make the article about Syria themselves.
ONLY_GENERIC = [
    "بيان عن المعارك",
    "وقال مسؤول إن النظام لن يصمد طويلا، وإن قوات النظام انسحبت من المدينة.",
    "وأضاف أن المسلحين فروا نحو الجبال.",
]


def _corpus(folder, articles, exclusions=None):
    folder.mkdir()
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["doc_id", "file", "outlet", "outlet_short", "outlet_evidence", "published", "published_basis"])
        for i, (name, lines) in enumerate(articles):
            (folder / f"{i:03d}_{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
            w.writerow([f"{i:03d}", f"{i:03d}_{name}.txt", name, name, "test", "2023-05-20", "test"])
    if exclusions:
        (folder / "lexicons").mkdir()
        (folder / "lexicons" / "actor_exclusions.csv").write_text(
            "actor_id,context,note\n" + "".join(f"{a},{c},test\n" for a, c in exclusions), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    from helpers.tables import compute_tables

    folder = _corpus(tmp_path_factory.mktemp("story") / "corpus",
                     [("sudan", SUDAN), ("syria", SYRIA), ("generic", ONLY_GENERIC)])
    return compute_tables(folder)


def _actors(tables, doc_id, name="actor_mentions.csv"):
    m = tables[name]
    return [(a, s) for a, s in m.loc[m["doc_id"] == doc_id, ["actor_id", "surface"]].itertuples(index=False)]


def test_former_regime_in_sudan_is_not_the_syrian_government(mixed):
    """النظام السابق (Bashir's) twice: no Syrian government, in either view; the UN still counts."""
    assert _actors(mixed, "000") == [("un", "الأمم المتحدة")]
    assert ("syrian_government", "النظام") not in _actors(mixed, "000", "actor_mentions_broad.csv")
    counts = mixed["actor_counts.csv"]
    assert "syrian_government" not in set(counts.loc[counts["doc_id"] == "000", "actor_id"])


def test_the_regime_in_syria_coverage_stays_the_syrian_government(mixed):
    """Seed 003's من قبل النظام في إدلب, in an article naming Syria and Idlib: النظام is Damascus."""
    assert _actors(mixed, "001") == [("idlib", "إدلب"), ("syria", "سوريا"), ("turkish_mod", "وزارة الدفاع التركية"),
                                     ("syrian_government", "النظام"), ("idlib", "إدلب")]


def test_gated_forms_do_not_decide_the_story_themselves(mixed):
    """النظام, قوات النظام and المسلحين alone (four gated mentions, nothing else of Syria) count for nobody."""
    assert _actors(mixed, "002") == []


def test_set_aside_forms_are_a_recorded_warning(mixed):
    w = mixed["warnings.csv"]
    rows = w[w["kind"] == "actor_story_form"]
    assert list(rows["file"]) == ["000_sudan.txt", "002_generic.txt"]
    sudan, generic = rows["problem"].tolist()
    assert "النظام ×2 (syrian_government)" in sudan and "'syria'" in sudan
    assert "النظام ×1 (syrian_government)" in generic
    assert "قوات النظام ×1 (syrian_army)" in generic and "المسلحين ×1 (armed_opposition)" in generic
    assert "not counted" in rows["action"].iloc[0]


def test_framing_sees_no_label_in_the_former_regime(mixed):
    """framing_terms.csv has no label in the Sudan article's 'النظام السابق' (an exclude row), and keeps Syria's."""
    f = mixed["framing_terms.csv"]
    assert f[(f["doc_id"] == "000") & (f["term"] == "النظام")].empty
    syria = f[(f["doc_id"] == "001") & (f["term"] == "النظام")]
    assert syria[["referent", "count"]].values.tolist() == [["syrian_government", 1]]


def test_corpus_exclusion_of_a_gated_form(tmp_path):
    """An analyst's exclusion (النظام السابق) still works inside a Syria article, and an excluded span is not
    reported as set aside in an article about something else."""
    from helpers.tables import compute_tables

    syria_former = SYRIA + ["وقال إن النظام السابق في دمشق سقط، وإن النظام الجديد يفاوض."]
    folder = _corpus(tmp_path / "corpus", [("sudan", SUDAN), ("syria", syria_former)],
                     exclusions=[("syrian_government", "النظام السابق")])
    tables = compute_tables(folder)
    assert _actors(tables, "000") == [("un", "الأمم المتحدة")]
    assert [s for a, s in _actors(tables, "001") if a == "syrian_government"] == ["النظام", "النظام"]
    w = tables["warnings.csv"]
    assert (w["kind"] == "actor_story_form").sum() == 0


def test_seeds_keep_every_bare_regime(corpus):
    """Every seed article is about Syria: the four bare النظام of 003 (هجوم النظام على قواته, من قبل النظام في
    إدلب) and 004 (للاستسلام إلى النظام, بوقف مساندة النظام) all count, and nothing of the seeds is set aside."""
    from helpers.actors import actor_mentions, scan_corpus

    m = actor_mentions(corpus)
    bare = m[(m["actor_id"] == "syrian_government") & (m["surface"].str.endswith("النظام"))]
    assert sorted(bare["doc_id"]) == ["003", "003", "004", "004"]
    assert scan_corpus(corpus).set_aside == {}


# ---------------------------------------------------------------- validation


def _gaz(tmp_path, header_extra, row_extra):
    from helpers.actors import load_gazetteer

    path = tmp_path / "actors.csv"
    path.write_text(
        "actor_id,label_en,label_ar,type,parent,fold_into,forms,broad_forms,note" + header_extra + "\n"
        "syria,Syria,سوريا,state,,,سوريا,,,,\n"
        "syrian_government,Syrian government,النظام السوري,organization,syria,,النظام السوري|النظام,,"
        + row_extra + "\n", encoding="utf-8")
    return lambda: load_gazetteer(path)


@pytest.mark.parametrize("extra, message", [
    (",النظام,", "story_forms 'النظام' has no story"),
    (",النظام,lebanon", "story 'lebanon' is not an actor_id"),
    (",الحكومة,syria", "story_forms 'الحكومة' is not one of the row's forms"),
    (",,syria", "story 'syria' without story_forms"),
])
def test_bad_story_forms_name_file_and_line(tmp_path, extra, message):
    load = _gaz(tmp_path, ",story_forms,story", extra)
    with pytest.raises(WorkbookError) as err:
        load()
    assert "actors.csv, line 3" in str(err.value) and message in str(err.value)


def test_story_forms_loaded(tmp_path):
    gaz = _gaz(tmp_path, ",story_forms,story", ",النظام,syria")()
    assert gaz.stories == frozenset({"syria"})
    assert {k: v[1] for k, v in gaz.story_forms.items()} == {"النظام": frozenset({"syria"})}


def test_shipped_gazetteer_gates_generic_forms_only():
    from helpers.actors import load_gazetteer, matching_key

    gated = load_gazetteer().story_forms
    for form in ("النظام", "قوات النظام", "جيش النظام", "القوات الحكومية", "الجيش الحكومي", "المسلحين", "مسلحين",
                 "الفصائل", "المعارضة المسلحة", "الثوار"):
        assert matching_key(form) in gated, form
    for form in ("النظام السوري", "نظام الأسد", "الجيش السوري", "الحكومة السورية", "حكومة دمشق", "القوات السورية",
                 "المعارضة السورية", "الجيش السوري الحر", "قوات الأسد", "سوريا", "إدلب"):
        assert matching_key(form) not in gated, form
