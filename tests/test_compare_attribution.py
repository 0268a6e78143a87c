"""Distance from the speaker: distancing verbs and markers, whose words they qualify, and which side."""
from __future__ import annotations

import pytest

from helpers.compare import attributions_frame, distancing_rates, scan_for_comparison
from helpers.compare.attribution import pronoun_subject
from helpers.matching import normalize_for_matching as nf


@pytest.fixture(scope="module")
def table(corpus):
    """The attribution table of the seeds."""
    return attributions_frame(scan_for_comparison(corpus))


# Every distancing form in the five articles, found by reading: (doc, para, verb as written, speaker, side).
DISTANCING = [
    ("000", 7, "زعمت", "zakharova", "russia"),  # كما زعمت زاخاروفا
    ("000", 7, "بحسب زعمها", "zakharova", "russia"),  # echoes the speaker of زعمت
    ("000", 8, "وإدعت", "russian_mfa", "russia"),  # وإدعت المتحدثة باسم الخارجية الروسية
    ("000", 9, "وزعمت", "russian_mfa", "russia"),  # pronoun subject: carried over from line 15
    ("000", 11, "بذريعة", "russia", "russia"),  # ومنعت روسيا ... بذريعة
    ("001", 5, "بحجة", "russia", "russia"),  # وأن الروس مستمرون بالتصعيد بحجة
    ("001", 15, "على حد تعبيرهم", "peskov", "russia"),  # the Kremlin spokesman reporting the council
    ("001", 16, "وزعموا", "peskov", "russia"),  # pronoun subject, carried over
    ("004", 9, "وزعم", "lavrov", "russia"),  # وزعم لافروف
    ("004", 14, "وادعت", "", ""),  # روسيا ... وادعت: the subject is three clauses back; left unlinked
]


def test_every_distancing_form_and_its_speaker(table):
    """The distancing rows are exactly those read in the articles, each with its speaker and side."""
    rows = table[table["stance"] == "distancing"]
    got = list(zip(rows["doc_id"], rows["para_id"], rows["verb"], rows["speaker_actor_id"], rows["side"]))
    assert got == DISTANCING


def test_no_turkish_speaker_is_distanced(table):
    """In these five articles no Turkish official's words get a distancing verb."""
    turkish = table[table["side"] == "turkey"]
    assert len(turkish) > 0 and set(turkish["stance"]) == {"neutral"}


@pytest.mark.parametrize(
    ("doc_id", "para_id", "verb", "speaker", "link"),
    [
        ("000", 13, "وقال", "polyanskiy", "carried_over"),  # وقال فيها: after على لسان ... بوليانسكي
        ("000", 21, "وأضاف", "erdogan", "carried_over"),  # وأضاف "هذا الدعم ...
        ("004", 6, "وأضاف", "lavrov", "carried_over"),  # وأضاف في تصريحاته
        ("001", 5, "وقالت", "", "unlinked"),  # وقالت الصحيفة: a noun the gazetteer does not know
        ("002", 9, "وقال", "", "unlinked"),  # وقال المتحدث إن
        ("000", 14, "قال", "erdogan", "after_verb"),  # from helpers.actors.voices
    ],
)
def test_carry_over_only_for_pronoun_subjects(table, doc_id, para_id, verb, speaker, link):
    """A verb with a pronoun subject takes the last speaker; one with an unknown noun subject does not."""
    row = table[(table["doc_id"] == doc_id) & (table["para_id"] == para_id) & (table["verb"] == verb)].iloc[0]
    assert (row["speaker_actor_id"], row["link"]) == (speaker, link)


@pytest.mark.parametrize(
    ("text", "end", "expected"),
    [("وزعمت إلى أنه", 5, True), ("وقال فيها: إن", 4, True), ('وأضاف "هذا', 5, True), ("وأضاف", 5, True),
     ("وقالت الصحيفة بأن", 5, False), ("وقال المتحدث إن", 4, False)],
)
def test_pronoun_subject(text, end, expected):
    """Next word a clause word, a preposition (with or without a pronoun), punctuation or nothing."""
    assert pronoun_subject(nf(text), end) is expected


def test_rates_by_side(table, corpus):
    """Distancing shares per article and side, from the rows above: 000 5 of 11 Russian attributions."""
    rates = distancing_rates(table, corpus.articles, keep_sides=("russia", "turkey"))
    get = rates.set_index(["doc_id", "side"])
    assert tuple(get.loc[("000", "russia"), ["distancing", "attributions"]]) == (5, 11)
    assert tuple(get.loc[("001", "russia"), ["distancing", "attributions"]]) == (3, 4)
    assert get.loc[("002", "russia"), "distancing"] == 0 and get.loc[("003", "russia"), "distancing"] == 0
    assert tuple(get.loc[("004", "unlinked"), ["distancing", "attributions"]]) == (1, 4)
    assert set(rates["side"]) <= {"russia", "turkey", "other", "unlinked"}
    assert ("004", "turkey") not in get.index  # 004 gives no Turkish official a voice
