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
# word joiner, soft hyphen, bidi marks and embeddings. ZWNJ (U+200C) and ZWJ (U+200D) are kept:
# they change how letters join.
FORMAT_CONTROLS = "\u200B\uFEFF\u2060\u00AD\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069"

# Every double quotation mark we meet, and the single-quote look-alikes.
DOUBLE_QUOTES = "\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u0022\uFF02"
SINGLE_QUOTES = "\u2018\u2019\u201A\u201B\u2032"
NEUTRAL_DOUBLE_QUOTE = '"'
NEUTRAL_SINGLE_QUOTE = "'"

ARABIC_COMMA = "\u060C"
ARABIC_SEMICOLON = "\u061B"
ARABIC_QUESTION_MARK = "\u061F"
