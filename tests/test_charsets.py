"""Each named character set holds the characters its name promises, and matching treats them so."""
from __future__ import annotations

import unicodedata

import pytest

from helpers import charsets as cs
from helpers.actors import find_actor_mentions
from helpers.cleaning import clean_text
from helpers.matching import OffsetMap, matching_form_with_map, normalize_for_matching, normalize_many


def _names(chars: str) -> list[str]:
    return [unicodedata.name(c, f"U+{ord(c):04X}") for c in cs.class_chars(chars)]


def test_format_controls_are_invisible_format_characters():
    """FORMAT_CONTROLS: every one is a format character (Cf) or the soft hyphen, none a joiner."""
    chars = cs.class_chars(cs.FORMAT_CONTROLS)
    assert {unicodedata.category(c) for c in chars} == {"Cf"}
    for name in ("LEFT-TO-RIGHT MARK", "RIGHT-TO-LEFT MARK", "ARABIC LETTER MARK", "ZERO WIDTH NO-BREAK SPACE",
                 "SOFT HYPHEN", "LEFT-TO-RIGHT EMBEDDING", "RIGHT-TO-LEFT OVERRIDE", "FIRST STRONG ISOLATE",
                 "POP DIRECTIONAL ISOLATE", "ZERO WIDTH SPACE", "WORD JOINER"):
        assert name in _names(cs.FORMAT_CONTROLS)
    assert "\u200c" not in chars and "\u200d" not in chars


def test_joiner_controls_and_invisible_format():
    """JOINER_CONTROLS are ZWNJ and ZWJ; INVISIBLE_FORMAT is them plus the format controls."""
    assert _names(cs.JOINER_CONTROLS) == ["ZERO WIDTH NON-JOINER", "ZERO WIDTH JOINER"]
    assert set(cs.class_chars(cs.INVISIBLE_FORMAT)) == set(cs.class_chars(cs.FORMAT_CONTROLS)) | {"\u200c", "\u200d"}


@pytest.mark.parametrize(
    ("constant", "letter", "names"),
    [
        ("YEH_LOOKALIKES", "\u064a", ["FARSI YEH", "YEH BARREE", "E", "YEH WITH TAIL", "YEH WITH SMALL V",
                                       "KASHMIRI YEH"]),
        ("YEH_HAMZA_LOOKALIKES", "\u064a", ["YEH BARREE WITH HAMZA ABOVE", "HIGH HAMZA YEH"]),
        ("HEH_LOOKALIKES", "\u0647", ["HEH GOAL", "HEH DOACHASHMEE", "AE", "HEH WITH YEH ABOVE",
                                       "HEH GOAL WITH HAMZA ABOVE", "HEH WITH INVERTED V"]),
        ("TEH_MARBUTA_LOOKALIKES", "\u0647", ["TEH MARBUTA GOAL"]),
        ("KAF_LOOKALIKES", "\u0643", ["KEHEH", "SWASH KAF"]),
        ("ALEF_LOOKALIKES", "\u0627", ["ALEF WITH WAVY HAMZA ABOVE", "ALEF WITH WAVY HAMZA BELOW", "HIGH HAMZA ALEF"]),
        ("WAW_LOOKALIKES", "\u0648", ["HIGH HAMZA WAW"]),
        ("NOON_LOOKALIKES", "\u0646", ["NOON GHUNNA"]),
        ("HAMZA_LOOKALIKES", "\u0621", ["HIGH HAMZA"]),
    ],
)
def test_lookalike_sets_fold_to_their_letter(constant, letter, names):
    """Each look-alike set holds exactly the named Arabic-script letters, and each folds to its Arabic letter."""
    chars = getattr(cs, constant)
    assert _names(chars) == ["ARABIC LETTER " + n for n in names]
    assert normalize_for_matching(chars) == letter * len(chars)


def test_farsi_yeh_and_keheh_constants():
    """FARSI_YEH and KEHEH are the two most common look-alikes, and part of their sets."""
    assert cs.FARSI_YEH in cs.YEH_LOOKALIKES and cs.KEHEH in cs.KAF_LOOKALIKES


def test_other_persian_letters_are_not_lookalikes():
    """Letters with their own sound (peh, tcheh, jeh, gaf, veh) keep their identity in the matching form."""
    for c in "پچژگڤ":
        assert normalize_for_matching(c) == c


def test_class_chars_expands_ranges():
    """A class body with a range gives every character of the range, in order."""
    assert cs.class_chars("a-cx") == "abcx"


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("قال بو\u200cتين إن", "putin"),  # ZWNJ after waw
        ("قال أردو\u200dغان إن", "erdogan"),  # ZWJ
        ("وصل إلى أنقرۃ أمس", "ankara"),  # teh marbuta goal
        ("وصل إلى أنقرہ أمس", "ankara"),  # heh goal
        ("وصل إلى أنقرھ أمس", "ankara"),  # heh doachashmee
        ("قال \u200fأردوغان\u200e إن", "erdogan"),  # RLM, LRM around the name
        ("قال أر\u00adدوغان", "erdogan"),  # soft hyphen
        ("قال أردو\u2067غان", "erdogan"),  # an isolate control
    ],
)
def test_invisible_and_lookalike_spellings_are_found(text, actor):
    """Names written with invisible joiners or Persian/Urdu letters are found, spans in the clean text."""
    clean = clean_text(text)
    found = find_actor_mentions(clean)
    assert [m.actor_id for m in found] == [actor]
    m = found[0]
    assert normalize_for_matching(clean[m.start:m.end]) in ("بوتين", "اردوغان", "انقره")


def test_offsets_skip_invisible_characters():
    """A span in the matching form maps back over the ZWNJ it dropped."""
    text = "قال بو\u200cتين وأردو\u200dغان"
    form, omap = matching_form_with_map(text)
    assert form == "قال بوتين واردوغان"
    start = form.index("اردوغان")
    s, e = omap.span_to_source(start, start + 7)
    assert text[s:e] == "أردو\u200dغان"
    assert OffsetMap.for_text(text).removed == (6, 16)


def test_bulk_and_single_matching_forms_agree_on_new_characters():
    """The array path and str.translate fold and drop the same characters (BOM above U+3000 included)."""
    texts = ["\ufeffبو\u200cتين", "أنقرۃ ہ ے ې ں", "\u2066نص\u2069", "ٲ ٶ ٴ ۓ"]
    assert normalize_many(texts) == [normalize_for_matching(t) for t in texts]
    assert normalize_for_matching("\ufeffبو\u200cتين") == "بوتين"
