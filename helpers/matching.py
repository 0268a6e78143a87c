"""The matching form of a text: what searches and lexicon look-ups run on.

The display text keeps diacritics and hamza forms. Searching needs one spelling for the variants
writers use interchangeably, so :func:`normalize_for_matching`

* removes diacritics, tatweel and every invisible format character (ZWNJ, ZWJ, LRM, RLM, ALM, BOM,
  soft hyphen, zero-width space, word joiner, bidi embeddings, overrides and isolates:
  :data:`~helpers.charsets.INVISIBLE_FORMAT`),
* writes alef with hamza or madda (``أ إ آ ٱ``) as bare alef ``ا``,
* writes alef maksura ``ى`` and Farsi yeh ``ی`` as ``ي``, ``ئ`` as ``ي`` and ``ؤ`` as ``و``,
* writes teh marbuta ``ة`` as ``ه``, keheh ``ک`` as ``ك``,
* writes the other Arabic-script look-alikes from Persian, Urdu and Pashto keyboards as the Arabic
  letter they show as (``ہ ھ ە`` as ``ه``, ``ۃ`` as ``ة`` hence ``ه``, ``ے ې`` as ``ي``, ``ں`` as ``ن``...;
  the sets are named in :mod:`helpers.charsets`),
* writes Arabic-Indic and Persian digits as ASCII digits, and lower-cases Latin letters.

Every change is one character for one character except the removals, so positions found in the
matching form map back to the clean text with :class:`OffsetMap`.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator

import numpy as np

from . import charsets as cs

REMOVED_CHARS = cs.DIACRITICS + cs.TATWEEL + cs.class_chars(cs.INVISIBLE_FORMAT)
_TABLE: dict[int, str | None] = {ord(c): None for c in REMOVED_CHARS}
_TABLE.update({ord(c): cs.ALEF for c in cs.ALEF_VARIANTS + cs.ALEF_LOOKALIKES})
for _chars, _letter in ((cs.YEH_LOOKALIKES, cs.YEH), (cs.YEH_HAMZA_LOOKALIKES, cs.YEH), (cs.HEH_LOOKALIKES, cs.HEH),
                        (cs.TEH_MARBUTA_LOOKALIKES, cs.HEH), (cs.KAF_LOOKALIKES, cs.KAF),
                        (cs.WAW_LOOKALIKES, cs.WAW), (cs.NOON_LOOKALIKES, cs.NOON), (cs.HAMZA_LOOKALIKES, cs.HAMZA)):
    _TABLE.update({ord(c): _letter for c in _chars})
_TABLE.update(
    {
        ord(cs.ALEF_MAKSURA): cs.YEH,
        ord(cs.FARSI_YEH): cs.YEH,
        ord(cs.YEH_HAMZA): cs.YEH,
        ord(cs.WAW_HAMZA): cs.WAW,
        ord(cs.TEH_MARBUTA): cs.HEH,
        ord(cs.KEHEH): cs.KAF,
    }
)
_TABLE.update({ord(d): str(i) for i, d in enumerate(cs.ARABIC_INDIC_DIGITS)})
_TABLE.update({ord(d): str(i) for i, d in enumerate(cs.PERSIAN_DIGITS)})
_TABLE.update({c: chr(c).lower() for c in range(ord("A"), ord("Z") + 1)})

del _chars, _letter

# The same table as a list indexed by code point, every character of the Basic Multilingual Plane
# listed (most as itself; the BOM, U+FEFF, is the highest one removed). ``str.translate`` looks each character up in its table: in a dict, an unlisted character
# (nearly every Arabic letter) costs a raised and cleared KeyError, which made translating the corpus
# twice as slow. A character past the end of the list (emoji and other astral characters) is left as it is.
_TABLE_SIZE = 0x10000
_TABLE_LIST: list[str | None] = [_TABLE.get(c, chr(c)) for c in range(_TABLE_SIZE)]

_REMOVED_RE = re.compile(f"[{cs.DIACRITICS}{cs.TATWEEL}{cs.INVISIBLE_FORMAT}]")

# The table once more as an array over the same code points, for :func:`normalize_many`:
# the code point each one becomes, _GONE (not a code point) for a removed one.
_GONE = 0xFFFFFFFF
_CODE_TABLE = np.arange(_TABLE_SIZE, dtype=np.uint32)
for _code, _to in _TABLE.items():
    _CODE_TABLE[_code] = _GONE if _to is None else ord(_to)
del _code, _to


def normalize_for_matching(text: str) -> str:
    """Return the matching form of ``text`` (see the module docstring for each change).

    Examples
    --------
    >>> normalize_for_matching("أردوغان")
    'اردوغان'
    >>> normalize_for_matching("إدلبُ الشمالية")
    'ادلب الشماليه'
    >>> normalize_for_matching("الإرهـابيين ٥")
    'الارهابيين 5'
    """
    return text.translate(_TABLE_LIST)


def normalize_many(texts: list[str]) -> list[str]:
    """Return the matching form of each of ``texts`` (as :func:`normalize_for_matching` on each).

    ``str.translate`` looks every character up one by one, allocating as it goes; for a whole corpus
    the characters are looked up at once in an array instead (code points in, code points out, the
    removed ones dropped), several times faster. The texts go by batches of about a million
    characters, so the arrays stay small whatever the size of the corpus.

    Examples
    --------
    >>> normalize_many(["أردوغان", "", "إدلبُ ٥"])
    ['اردوغان', '', 'ادلب 5']
    """
    return [form for batch in text_batches(texts) for form in _normalize_batch(batch)]


def text_batches(texts: list[str], max_chars: int = 1 << 20) -> Iterator[list[str]]:
    """Yield ``texts`` in order, in consecutive lists of about ``max_chars`` characters (at least one text each)."""
    batch: list[str] = []
    size = 0
    for text in texts:
        batch.append(text)
        size += len(text)
        if size >= max_chars:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def code_points(text: str) -> np.ndarray:
    """Return the code points of ``text`` as an array (a lone surrogate comes through as it is)."""
    try:
        data = text.encode("utf-32-le")
    except UnicodeEncodeError:
        data = text.encode("utf-32-le", "surrogatepass")
    return np.frombuffer(data, dtype=np.uint32)


def _normalize_batch(texts: list[str]) -> list[str]:
    codes = code_points("".join(texts))
    mapped = np.take(_CODE_TABLE, codes, mode="clip")
    if codes.max(initial=0) >= len(_CODE_TABLE):  # past the table: unchanged
        mapped = np.where(codes < len(_CODE_TABLE), mapped, codes)
    keep = mapped != _GONE
    ends = np.cumsum([len(t) for t in texts])
    ends = (ends - np.searchsorted(np.flatnonzero(~keep), ends)).tolist()  # where each text ends once mapped
    joined = mapped[keep].tobytes().decode("utf-32-le", "surrogatepass")
    return [joined[start:end] for start, end in zip([0] + ends[:-1], ends)]


@dataclass(frozen=True)
class OffsetMap:
    """Map positions in the matching form back to positions in the text it was made from."""

    removed: tuple[int, ...]  # sorted positions, in the source text, of removed characters
    length: int  # length of the source text

    def __post_init__(self):
        # ``kept_before``: for each removed character, how many characters the matching form keeps
        # before it. The list never decreases, so a position maps back with one binary search:
        # matching-form position ``pos`` sits in the source after every removed character whose
        # count is ``<= pos``. (Set here, not as a cached_property: maps are made per paragraph and
        # the property's lock cost more than the list.)
        object.__setattr__(self, "kept_before", [r - i for i, r in enumerate(self.removed)])

    @classmethod
    def for_text(cls, text: str) -> "OffsetMap":
        """Build the map for ``text`` (cheap when nothing is removed, the usual case)."""
        return cls(tuple([m.start() for m in _REMOVED_RE.finditer(text)]), len(text))

    def to_source(self, pos: int) -> int:
        """Return the source position of matching-form position ``pos`` (a start offset)."""
        if not self.removed:
            return pos
        return min(pos + bisect.bisect_right(self.kept_before, pos), self.length)

    def span_to_source(self, start: int, end: int) -> tuple[int, int]:
        """Return the source span covering matching-form span ``[start, end)``.

        Marks removed after the last character (a shadda, tanween) belong to the span.
        """
        if not self.removed:
            return start, end
        source_start = self.to_source(start)
        if end <= start:
            return source_start, source_start
        if end >= self.length - len(self.removed):
            return source_start, self.length
        return source_start, self.to_source(end)


def matching_form_with_map(text: str) -> tuple[str, OffsetMap]:
    """Return the matching form of ``text`` and the map of its positions back to ``text``.

    Examples
    --------
    >>> form, omap = matching_form_with_map("قالَ أردوغانُ")
    >>> form
    'قال اردوغان'
    >>> start = form.index("اردوغان")
    >>> s, e = omap.span_to_source(start, start + len("اردوغان"))
    >>> "قالَ أردوغانُ"[s:e]
    'أردوغانُ'
    """
    return normalize_for_matching(text), OffsetMap.for_text(text)
