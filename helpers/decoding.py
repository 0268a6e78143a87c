"""Decode an article file's bytes without guessing silently.

The decision, in order (the first that applies):

1. a byte-order mark: UTF-16 (``utf-16``), decoded strictly, or UTF-8 (``utf-8-sig``), where a few
   invalid byte sequences are replaced and reported as in 4;
2. NUL bytes or many ``06`` bytes (the high byte of every Arabic letter in UTF-16) and no mark: UTF-16
   without a byte-order mark if, read so, exactly one byte order (little- or big-endian) gives
   plausible Arabic (:func:`plausible_arabic`); read the other way, Arabic letters become CJK, box
   drawing or control characters, so the two cannot be confused; otherwise not a text file;
3. valid UTF-8: ``utf-8``;
4. UTF-8 with a few invalid byte sequences (at most one for every :data:`MIN_VALID_PER_INVALID`
   well-formed non-ASCII characters, as a file cut in the middle of a character or damaged in transit):
   ``utf-8``, each bad sequence replaced by U+FFFD, and the count and byte offsets reported;
5. otherwise a single-byte Arabic code page, Windows-1256 (``cp1256``) or ISO-8859-6 (``iso8859-6``),
   as ``charset-normalizer`` tells them apart, accepted only if the text is plausible Arabic.

Anything else is a :class:`~helpers.errors.WorkbookError` naming the file: a French page in Latin-1 no
longer loads as "Arabic" because ``É`` and ``Ç`` happen to be ``ة`` and ``ا`` in Windows-1256. Text that
looks like UTF-8 that was read through a single-byte code page and saved again (``ط§ظ„`` or ``Ø§Ù„`` for
``ال``, :func:`mojibake_sample`) is an error too, whatever the encoding: it cannot be analysed, and
the fix is to re-save the original.
"""
from __future__ import annotations

import codecs
import re
import threading
from dataclasses import dataclass

from . import charsets as cs
from .errors import WorkbookError

MIN_VALID_PER_INVALID = 20  # well-formed non-ASCII characters needed for each invalid UTF-8 sequence
MAX_OFFSETS_SHOWN = 5  # byte offsets named in a warning
SINGLE_BYTE_ARABIC = ("cp1256", "iso8859_6")  # the code pages Arabic pages use, for charset-normalizer
UTF16_WITHOUT_BOM = ("utf-16-le", "utf-16-be")
MIN_ARABIC_SHARE = 0.5  # Arabic letters among all letters, for a guessed encoding to be accepted
MAX_MIXED_WORD_SHARE = 0.01  # words mixing Arabic and accented Latin letters (a sign of the wrong code page)
_CONTROL_RE = re.compile("[\x01-\x08\x0e-\x1f\x7f]")
_C1_RE = re.compile("[\x80-\x9f]")
_ARABIC_RE = re.compile(f"[{cs.ARABIC_LETTERS}]")
_LATIN_RE = re.compile("[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]")
_MIXED_WORD_RE = re.compile(
    f"[{cs.ARABIC_LETTERS}][^\\s]*?[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]"
    f"|[\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f][^\\s]*?[{cs.ARABIC_LETTERS}]"
)
_WORD_RE = re.compile(r"\S+")

# UTF-8 read through a code page: the lead bytes of Arabic letters (D8-DB) and then a continuation byte
# (80-BF) as that code page shows them. Two such pairs in a row never occur in real text.
_CONTINUATION = bytes(range(0x80, 0xC0))
_CP1256_CONT = re.escape(_CONTINUATION.decode("cp1256"))
_LATIN_CONT = re.escape("".join(sorted(set(_CONTINUATION.decode("latin-1") + _CONTINUATION.decode("cp1252", "ignore")))))
MOJIBAKE_RE = re.compile(
    f"(?:[\u0637\u0638\u0639\u063a][{_CP1256_CONT}]){{2,}}|(?:[\u00d8\u00d9\u00da\u00db][{_LATIN_CONT}]){{2,}}"
)

_record = threading.local()


def _recording_replace(exc: UnicodeDecodeError):
    """Error handler: replace a bad sequence with U+FFFD, as ``errors="replace"``, and note its byte offset."""
    _record.offsets.append(exc.start)
    return "\ufffd", exc.end


codecs.register_error("workbook-record-replace", _recording_replace)


@dataclass(frozen=True)
class DecodedText:
    """The text of a file with how it was decoded.

    Attributes
    ----------
    text
        The decoded text, line ends as in the file.
    encoding
        The codec used (``utf-8``, ``utf-8-sig``, ``utf-16``, ``utf-16-le``, ``utf-16-be``, ``cp1256``,
        ``iso8859-6``).
    bad_offsets
        Byte offsets of the invalid UTF-8 sequences replaced by U+FFFD (empty for a clean file).
    """

    text: str
    encoding: str
    bad_offsets: tuple[int, ...] = ()

    @property
    def n_replaced(self) -> int:
        """How many invalid byte sequences were replaced by U+FFFD."""
        return len(self.bad_offsets)


def plausible_arabic(text: str) -> bool:
    """Return True when ``text`` reads as Arabic, as a text decoded with the right code page does.

    At least half of its letters are Arabic, it holds no C0 or C1 control character (other than tab and
    line ends), and at most 1% of its words mix Arabic letters with accented Latin ones (what a Latin-1
    page read as Windows-1256, or an ISO-8859-6 page read as Windows-1256, looks like).

    Examples
    --------
    >>> plausible_arabic("قال الرئيس إن الاتفاق صامد")
    True
    >>> plausible_arabic("Le président a déclaré".encode("latin-1").decode("cp1256"))
    False
    """
    arabic = len(_ARABIC_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    if arabic == 0 or arabic < MIN_ARABIC_SHARE * (arabic + latin):
        return False
    if _CONTROL_RE.search(text) or _C1_RE.search(text) or "\x00" in text:
        return False
    words = _WORD_RE.findall(text)
    mixed = sum(1 for w in words if _MIXED_WORD_RE.search(w))
    return mixed <= MAX_MIXED_WORD_SHARE * len(words)


def mojibake_sample(text: str) -> str | None:
    """Return the first stretch of ``text`` that is UTF-8 read through a single-byte code page, or None.

    Examples
    --------
    >>> mojibake_sample("ط§ظ„ظˆط³ظٹظ„ط©")
    'ط§ظ„ظˆط³ظٹظ„ط©'
    >>> mojibake_sample("Ø§Ù„Ø±Ø¦ÙŠØ³")
    'Ø§Ù„Ø±Ø¦ÙŠØ³'
    >>> mojibake_sample("فقط، ثم") is None
    True
    """
    m = MOJIBAKE_RE.search(text)
    return m.group() if m else None


def _detect(data: bytes, candidates: tuple[str, ...]) -> tuple[str, str] | None:
    """Ask charset-normalizer which of ``candidates`` ``data`` is in; return (codec, text) or None."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(candidates)).best()
    if best is None:
        return None
    return best.encoding.replace("_", "-"), str(best)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Return (codec, text) when exactly one UTF-16 byte order reads ``data`` as Arabic, else None."""
    if len(data) % 2:
        return None
    readings = []
    for codec in UTF16_WITHOUT_BOM:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if plausible_arabic(text):
            readings.append((codec, text))
    return readings[0] if len(readings) == 1 else None


def _utf8_recorded(data: bytes) -> tuple[str, list[int]]:
    _record.offsets = []
    try:
        text = data.decode("utf-8", "workbook-record-replace")
        return text, _record.offsets
    finally:
        _record.offsets = []


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise WorkbookError(
            f"{name}: cannot be read as {encoding} (bad byte at position {exc.start}); "
            "save it as UTF-8 or Windows-1256"
        ) from None


def decode_bytes(data: bytes, name: str) -> DecodedText:
    """Decode an article file's bytes (see the module docstring for the order of decisions).

    Parameters
    ----------
    data
        The file's bytes.
    name
        The file's name or path, for messages.

    Returns
    -------
    DecodedText
        Text (line ends as in the file), codec, and the byte offsets of any replaced sequence.

    Raises
    ------
    WorkbookError
        Naming ``name``: empty, binary, not Arabic, an encoding that cannot be told with confidence, or
        UTF-8 that was read through a code page and saved again.

    Examples
    --------
    >>> decode_bytes("إدلب".encode("cp1256"), "a.txt").encoding
    'cp1256'
    >>> d = decode_bytes(("قال الرئيس إن الاتفاق صامد في إدلب " * 3).encode() + "إدلب".encode()[:-1], "a.txt")
    >>> d.encoding, d.n_replaced, d.bad_offsets
    ('utf-8', 1, (195,))
    """
    if not data.strip():
        raise WorkbookError(f"{name}: the file is empty")
    offsets: list[int] = []
    if data.startswith(b"\xef\xbb\xbf"):  # the mark says UTF-8: a few bad bytes are replaced, many are an error
        text, offsets = _utf8_recorded(data[3:])
        offsets = [o + 3 for o in offsets]
        encoding = "utf-8-sig"
        if offsets and sum(1 for ch in text if ord(ch) > 0x7F) - len(offsets) < MIN_VALID_PER_INVALID * len(offsets):
            raise WorkbookError(f"{name}: starts with a UTF-8 byte-order mark but is not UTF-8 ({len(offsets)} invalid "
                                f"byte sequence(s), the first at byte {offsets[0]}); save it as UTF-8 again")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = _strict(data, "utf-16", name), "utf-16"
    elif b"\x00" in data or data.count(b"\x06") * 4 > len(data):
        found = _utf16_without_bom(data)
        if found is None:
            raise WorkbookError(f"{name}: not a text file (it contains NUL or control bytes, and read as UTF-16 "
                                "it is not Arabic text)")
        encoding, text = found
    else:
        text, offsets = _utf8_recorded(data)
        encoding = "utf-8"
        if offsets:
            valid = sum(1 for ch in text if ord(ch) > 0x7F) - len(offsets)
            if valid < MIN_VALID_PER_INVALID * len(offsets):
                found = _detect(data, SINGLE_BYTE_ARABIC)
                if found is None or not plausible_arabic(found[1]):
                    raise WorkbookError(
                        f"{name}: cannot tell its encoding with confidence: it is not UTF-8 ({len(offsets)} invalid "
                        f"byte sequence(s), the first at byte {offsets[0]}), and read as Windows-1256 or "
                        "ISO-8859-6 it is not Arabic text; save it as UTF-8")
                (encoding, text), offsets = found, []
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    sample = mojibake_sample(text)
    if sample is not None:
        raise WorkbookError(
            f"{name}: the text is UTF-8 that was read as a single-byte code page and saved again (it shows "
            f"{sample[:12]!r} where Arabic letters should be); re-save the original file as UTF-8")
    if "\x00" in text or len(_CONTROL_RE.findall(text)) > len(text) // 100 + 1:
        raise WorkbookError(f"{name}: not a text file (it is full of control characters)")
    if not text.strip():
        raise WorkbookError(f"{name}: the file is empty (only white space)")
    if not cs.ARABIC_LETTER_RE.search(text):
        raise WorkbookError(f"{name}: no Arabic letters found (decoded as {encoding}); is this an Arabic article?")
    return DecodedText(text, encoding, tuple(offsets))


def replacement_message(decoded: DecodedText) -> str:
    """Return the problem of a text with replaced bytes: how many, and the first few byte offsets."""
    shown = ", ".join(map(str, decoded.bad_offsets[:MAX_OFFSETS_SHOWN]))
    more = ", ..." if decoded.n_replaced > MAX_OFFSETS_SHOWN else ""
    return f"{decoded.n_replaced} invalid UTF-8 byte sequence(s) at byte offset(s) {shown}{more}"
