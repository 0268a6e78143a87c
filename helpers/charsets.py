"""Named character sets, written with ``\\u`` escapes, and the patterns built from them once."""
from __future__ import annotations

import re

TATWEEL = "\u0640"
# Harakat and other marks that sit on a letter: fathatan .. sukun, maddah/hamza above/below,
# superscript (dagger) alef, Quranic annotation marks.
DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0656)) + "\u0670" + "".join(
    chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06DD, 0x06DE, 0x06E9)
)
ALEF_VARIANTS = "\u0623\u0625\u0622\u0671"  # أ إ آ ٱ
ALEF = "\u0627"  # ا
ALEF_MAKSURA = "\u0649"  # ى
YEH = "\u064A"  # ي
FARSI_YEH = "\u06CC"  # ی
YEH_HAMZA = "\u0626"  # ئ
WAW_HAMZA = "\u0624"  # ؤ
WAW = "\u0648"  # و
TEH_MARBUTA = "\u0629"  # ة
HEH = "\u0647"  # ه
KEHEH = "\u06A9"  # ک
KAF = "\u0643"  # ك
ARABIC_INDIC_DIGITS = "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669"
PERSIAN_DIGITS = "\u06F0\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8\u06F9"

# Arabic letters proper (hamza .. yeh, plus the extended letters used in loanwords), no marks or digits.
ARABIC_LETTERS = "\u0621-\u063A\u0641-\u064A\u0671-\u06D3\u06FA-\u06FC"
ARABIC_LETTER_RE = re.compile(f"[{ARABIC_LETTERS}]")

# Presentation forms: what text copied from PDFs or pre-shaped labels contains instead of letters.
PRESENTATION_FORMS = "\uFB50-\uFDFF\uFE70-\uFEFE"
PRESENTATION_FORMS_RE = re.compile(f"[{PRESENTATION_FORMS}]+")

# Spaces other than U+0020: no-break, narrow no-break, figure space, the other Zs spaces, tab.
ODD_SPACES = "\u00A0\u202F\u2007\u2000-\u2006\u2008-\u200A\u205F\u3000\t\u000B\u000C"
# Invisible format controls seen in scraped text: zero-width space, zero-width no-break space / BOM,
# word joiner, soft hyphen, the bidi marks (LRM, RLM, ALM), embeddings and overrides (LRE .. RLO) and
# isolates (LRI .. PDI). The cleaning step removes them; ZWNJ (U+200C) and ZWJ (U+200D) stay in the clean
# text, since they change how letters join on screen.
FORMAT_CONTROLS = "\u200B\uFEFF\u2060\u00AD\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069"
JOINER_CONTROLS = "\u200C\u200D"  # zero-width non-joiner, zero-width joiner
# Everything invisible the matching form drops: the format controls and the joiners (``بو\u200cتين`` is
# ``بوتين`` to a reader, so it must be to a search too).
INVISIBLE_FORMAT = FORMAT_CONTROLS + JOINER_CONTROLS

# Arabic-script look-alikes: letters of the Persian, Urdu, Pashto and Kurdish alphabets that show (in
# some position) as an Arabic letter, typed on those keyboards or copied from such pages. The matching
# form writes each as the Arabic letter it looks like (one character for one: offsets do not move).
# Letters that only resemble an Arabic one with extra dots or strokes (``پ چ ژ گ ڤ``) are other
# letters, not look-alikes, and are left alone.
YEH_LOOKALIKES = "\u06CC\u06D2\u06D0\u06CD\u06CE\u0620"  # ی ے ې ۍ ێ ؠ
YEH_HAMZA_LOOKALIKES = "\u06D3\u0678"  # ۓ ٸ (yeh barree / yeh with hamza above)
HEH_LOOKALIKES = "\u06C1\u06BE\u06D5\u06C0\u06C2\u06FF"  # ہ ھ ە ۀ ۂ ۿ
TEH_MARBUTA_LOOKALIKES = "\u06C3"  # ۃ (teh marbuta goal)
KAF_LOOKALIKES = "\u06A9\u06AA"  # ک ڪ (keheh, swash kaf)
ALEF_LOOKALIKES = "\u0672\u0673\u0675"  # ٲ ٳ ٵ (alef with wavy or high hamza)
WAW_LOOKALIKES = "\u0676"  # ٶ (waw with high hamza)
NOON_LOOKALIKES = "\u06BA"  # ں (noon ghunna: a noon without its dot)
NOON = "\u0646"  # ن
HAMZA = "\u0621"  # ء
HAMZA_LOOKALIKES = "\u0674"  # ٴ (high hamza)

# Every double quotation mark we meet, and the single-quote look-alikes.
DOUBLE_QUOTES = "\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u0022\uFF02"
SINGLE_QUOTES = "\u2018\u2019\u201A\u201B\u2032"
NEUTRAL_DOUBLE_QUOTE = '"'
NEUTRAL_SINGLE_QUOTE = "'"

ARABIC_COMMA = "\u060C"
ARABIC_SEMICOLON = "\u061B"
ARABIC_QUESTION_MARK = "\u061F"


def class_chars(spec: str) -> str:
    """Return every character of a character-class body such as :data:`FORMAT_CONTROLS` (ranges expanded).

    The constants above are written for regex classes (``"\\u202A-\\u202E"``); a translation table needs
    the characters themselves.

    Examples
    --------
    >>> [hex(ord(c)) for c in class_chars("\\u00AD\\u202A-\\u202C")]
    ['0xad', '0x202a', '0x202b', '0x202c']
    """
    out, i = [], 0
    while i < len(spec):
        if i + 2 < len(spec) and spec[i + 1] == "-":
            out.extend(chr(c) for c in range(ord(spec[i]), ord(spec[i + 2]) + 1))
            i += 3
        else:
            out.append(spec[i])
            i += 1
    return "".join(out)
