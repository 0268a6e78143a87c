"""Cleaning: small named steps, each testable alone, composed in one documented order.

Every step returns a new string and is counted: :func:`clean_with_audit` reports, per step, how many
changes it made, so a reader can see exactly what changed and why. The pipeline is idempotent
(cleaning clean text changes nothing) and linear in the length of the text.

Order (see :data:`PIPELINE`):

1. ``normalize_unicode``: NFKC only on Arabic presentation forms (``ﻻ`` -> ``لا``), NFC elsewhere.
   Full NFKC would also rewrite ``…`` as ``...``, superscripts, full-width and other compatibility
   characters that carry meaning, so it is not applied to the whole text.
2. ``remove_format_controls``: invisible zero-width and bidi control characters.
3. ``normalize_whitespace``: no-break and other odd spaces to a plain space, runs of spaces to one,
   no space at either end.
4. the censorship-evasion spelling (:data:`OBFUSCATION_STEPS`), one named step per variant so the
   cleaning log says which was repaired:

   * ``repair_obfuscation_repeated_dots``: two or more dots with tatweel inside a word
     (``الإرهـ..ـابيين``); one count per place;
   * ``repair_obfuscation_tatweel_dot``: one dot touching a tatweel inside a word (``التصـ.عيد``,
     ``الإرهـ.ـابـ.ـيين``); one count per dot;
   * ``repair_obfuscation_bare_dot``: one dot between letters, no tatweel (``الإر.هابيين``), only where
     every piece has two letters or more, the word has six or more, and no piece after the dot starts
     like a new word (``و``, ``ف``, ``ال``) or before it ends like a finished one (``ة``, ``ى``, ``ء``);
     one count per dot. Abbreviations (``أ.ف.ب``, ``د.``, ``م.``), numbers (``3.5``), a full stop
     missing its space before ``وقال`` and ellipses (``سوريا..أردوغان``) are left as they are.
5. ``remove_tatweel``: the remaining tatweel (``بأسـلحة`` -> ``بأسلحة``).
6. ``normalize_quotes``: every double quote mark (``“ ” « » „``) to ``"``, single ones to ``'``.
   Scraped Arabic often opens a quotation with a closing ``”``, so direction carries no information.
7. ``normalize_punctuation_spacing``: no space before ``، ؛ ؟ !`` or before a ``.`` / ``:`` that ends
   a phrase.

Diacritics and hamza forms stay in the clean text; searching uses
:func:`helpers.matching.normalize_for_matching` on top of it.
"""
from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable

from . import charsets as cs

_NEWLINE_RE = re.compile("\n")


class Tally:
    """Counts of changes per line of a multi-line text (lines separated by ``\\n``)."""

    def __init__(self, n_lines: int = 1):
        self.counts = [0] * n_lines

    def add(self, text: str, starts: list[int]) -> None:
        """Count one change at each position of ``starts`` (sorted positions in ``text``) on its line.

        The loop runs over the lines, not the changes: an article has a few dozen lines but can have
        hundreds of changes (every tatweel, every quote mark).
        """
        if not starts:
            return
        counts = self.counts
        if len(counts) == 1:
            counts[0] += len(starts)
            return
        done = line = 0
        for m in _NEWLINE_RE.finditer(text):
            upto = bisect.bisect_left(starts, m.start(), done)  # the changes before this line break
            counts[line] += upto - done
            done, line = upto, line + 1
        counts[line] += len(starts) - done


def _sub(pattern: re.Pattern, repl, text: str, tally: Tally, per_line: Callable[[str, str], int] | None = None) -> str:
    """Substitute ``pattern`` in ``text``, counting each match on its line.

    A plain replacement string goes through ``subn``, with no Python call per match. The count per
    line then comes from ``per_line(line before, line after)`` when the step can tell it from the
    lines alone (a removed character: the difference in length), else from the positions of the
    matches, found in a second pass (only when there are any: most steps change nothing in most
    articles).
    """
    if isinstance(repl, str) and "\\" not in repl:
        new, n = pattern.subn(repl, text)
        if not n:
            return new
        counts = tally.counts
        if len(counts) == 1:
            counts[0] += n
        elif per_line is not None:
            for i, (before, after) in enumerate(zip(text.split("\n"), new.split("\n"))):
                counts[i] += per_line(before, after)
        else:
            tally.add(text, [m.start() for m in pattern.finditer(text)])
        return new
    starts: list[int] = []

    def replace(m: re.Match) -> str:
        starts.append(m.start())
        return repl if isinstance(repl, str) else repl(m)

    new = pattern.sub(replace, text)
    tally.add(text, starts)
    return new


def _removed(before: str, after: str) -> int:
    """Count, on one line, the changes of a step that removes single characters."""
    return len(before) - len(after)


def _became(char: str) -> Callable[[str, str], int]:
    """Count, on one line, the changes of a step that turns other characters into ``char``."""
    return lambda before, after: after.count(char) - before.count(char)


def _may_hold(pattern: re.Pattern, rare: str | None) -> bool:
    """Return False when ``rare`` (see :func:`_rare_characters`) shows ``pattern``'s characters are absent."""
    return rare is None or pattern.search(rare) is not None


def _normalize_unicode_counted(text: str, tally: Tally, rare: str | None = None) -> str:
    folded = text
    if _may_hold(cs.PRESENTATION_FORMS_RE, rare):
        folded = _sub(cs.PRESENTATION_FORMS_RE, lambda m: unicodedata.normalize("NFKC", m.group(0)), text, tally)
    nfc = unicodedata.normalize("NFC", folded)
    if nfc != folded:  # rare: count the changed characters line by line
        for i, (a, b) in enumerate(zip(folded.split("\n"), nfc.split("\n"))):
            if a != b:
                tally.counts[i] += sum(1 for x, y in zip(a, b) if x != y) or 1
    return nfc


_FORMAT_RE = re.compile(f"[{cs.FORMAT_CONTROLS}]")
_ODD_SPACE_RE = re.compile(f"[{cs.ODD_SPACES}]")
# The patterns about spaces start with a literal space ("  +", not " {2,}"), so the regex engine
# skips ahead to the spaces instead of trying the whole pattern at every character.
_MULTI_SPACE_RE = re.compile("  +")
# Spaces opening a line or running to its end (the same matches as "^ +| +$").
_EDGE_SPACE_RE = re.compile(" (?:(?<=^ ) *| *$)", re.MULTILINE)
# A dot touching a tatweel, between two Arabic letters. Each branch starts with its literal character
# (so the regex engine can skip ahead to it) and then looks back one character for the letter.
_OBFUSCATION_RE = re.compile(
    f"(?:{cs.TATWEEL}(?<=[{cs.ARABIC_LETTERS}]{cs.TATWEEL}){cs.TATWEEL}*\\.{cs.TATWEEL}*"
    f"|\\.(?<=[{cs.ARABIC_LETTERS}]\\.){cs.TATWEEL}+)(?=[{cs.ARABIC_LETTERS}])"
)
# A short run (at most REPEATED_DOTS_MAX_RUN characters) of dots and tatweel between two letters holding
# two dots or more and a tatweel (``ـ..ـ``, ``ـ.ـ.ـ``). The look-behind checks the character before the
# run's first one, so a match always starts a run; the look-aheads read at most the run: linear time.
REPEATED_DOTS_MAX_RUN = 8
_RUN = f"[{cs.TATWEEL}.]"
_REPEATED_DOTS_RE = re.compile(
    f"{_RUN}(?<=[{cs.ARABIC_LETTERS}]{_RUN})(?={_RUN}{{0,6}}\\.{_RUN}{{0,6}}\\.)(?={_RUN}{{0,7}}{cs.TATWEEL})"
    f"{_RUN}{{1,{REPEATED_DOTS_MAX_RUN}}}(?=[{cs.ARABIC_LETTERS}])"
)
# A word of letter pieces joined by single dots (``الإر.هابيين``, ``أ.ف.ب``); :func:`_bare_dots` decides.
_WORD_PIECE = f"[{cs.ARABIC_LETTERS}{cs.DIACRITICS}]"
_DOTTED_WORD_RE = re.compile(f"(?<![{cs.ARABIC_LETTERS}{cs.DIACRITICS}.]){_WORD_PIECE}+(?:\\.{_WORD_PIECE}+)+")
_DIACRITIC_RE = re.compile(f"[{cs.DIACRITICS}]")
_WORD_STARTS = ("\u0648", "\u0641", "\u0627\u0644")  # و ف ال: a new word after a missing space
_WORD_ENDS = ("\u0629", "\u0649", "\u0621")  # ة ى ء: letters that end a word
BARE_DOT_MIN_PIECE = 2  # letters in each piece: abbreviations have one
BARE_DOT_MIN_WORD = 6  # letters in the joined word: two short words run together are not one
_TATWEEL_RE = re.compile(cs.TATWEEL)
_DQUOTE_RE = re.compile(f"[{cs.DOUBLE_QUOTES.replace(cs.NEUTRAL_DOUBLE_QUOTE, '')}]")
_SQUOTE_RE = re.compile(f"[{cs.SINGLE_QUOTES}]")
_SPACE_BEFORE_PUNCT_RE = re.compile(  # a run of spaces before ، ؛ ؟ ! or before a . or : that ends a phrase
    f"  *(?=[{cs.ARABIC_COMMA}{cs.ARABIC_SEMICOLON}{cs.ARABIC_QUESTION_MARK}!]|[.:](?: |$))", re.MULTILINE
)


def _remove_format_controls_counted(text: str, tally: Tally, rare: str | None = None) -> str:
    return _sub(_FORMAT_RE, "", text, tally, _removed) if _may_hold(_FORMAT_RE, rare) else text


def _normalize_whitespace_counted(text: str, tally: Tally, rare: str | None = None) -> str:
    if _may_hold(_ODD_SPACE_RE, rare):
        text = _sub(_ODD_SPACE_RE, " ", text, tally, _became(" "))
    text = _sub(_MULTI_SPACE_RE, " ", text, tally)
    if text.startswith(" ") or text.endswith(" ") or " \n" in text or "\n " in text:
        text = _sub(_EDGE_SPACE_RE, "", text, tally)
    return text


def _repair_obfuscation_counted(text: str, tally: Tally, rare: str | None = None) -> str:
    if cs.TATWEEL not in text:
        return text
    # every match holds exactly one dot: count the dots gone from each line
    return _sub(_OBFUSCATION_RE, "", text, tally, lambda before, after: before.count(".") - after.count("."))


def _repair_repeated_dots_counted(text: str, tally: Tally, rare: str | None = None) -> str:
    if cs.TATWEEL not in text or "." not in text:
        return text
    return _sub(_REPEATED_DOTS_RE, "", text, tally)


def _bare_dots(word: str) -> bool:
    """Return True when the dots of a dotted word (pieces of letters joined by single dots) are obfuscation."""
    pieces = _DIACRITIC_RE.sub("", word).split(".")
    if min(map(len, pieces)) < BARE_DOT_MIN_PIECE or sum(map(len, pieces)) < BARE_DOT_MIN_WORD:
        return False
    return not any(p.startswith(_WORD_STARTS) for p in pieces[1:]) and not any(
        p.endswith(_WORD_ENDS) for p in pieces[:-1])


def _repair_bare_dot_counted(text: str, tally: Tally, rare: str | None = None) -> str:
    if "." not in text:
        return text
    out, starts, done = [], [], 0
    for m in _DOTTED_WORD_RE.finditer(text):
        if _bare_dots(m.group()):
            out.append(text[done:m.start()])
            out.append(m.group().replace(".", ""))
            starts.extend(m.start() + i for i, ch in enumerate(m.group()) if ch == ".")
            done = m.end()
    if not starts:
        return text
    out.append(text[done:])
    tally.add(text, starts)
    return "".join(out)


def _remove_tatweel_counted(text: str, tally: Tally, rare: str | None = None) -> str:
    return _sub(_TATWEEL_RE, "", text, tally, _removed) if cs.TATWEEL in text else text


def _normalize_quotes_counted(text: str, tally: Tally, rare: str | None = None) -> str:
    if _may_hold(_DQUOTE_RE, rare):
        text = _sub(_DQUOTE_RE, cs.NEUTRAL_DOUBLE_QUOTE, text, tally, _became(cs.NEUTRAL_DOUBLE_QUOTE))
    if _may_hold(_SQUOTE_RE, rare):
        text = _sub(_SQUOTE_RE, cs.NEUTRAL_SINGLE_QUOTE, text, tally, _became(cs.NEUTRAL_SINGLE_QUOTE))
    return text


_SPACE_PUNCT_PAIRS = tuple(" " + p for p in f"{cs.ARABIC_COMMA}{cs.ARABIC_SEMICOLON}{cs.ARABIC_QUESTION_MARK}!.:")


def _normalize_punctuation_spacing_counted(text: str, tally: Tally, rare: str | None = None) -> str:
    if not any(pair in text for pair in _SPACE_PUNCT_PAIRS):  # cheap test before the regex
        return text
    return _sub(_SPACE_BEFORE_PUNCT_RE, "", text, tally)


# The characters some steps act on and that are absent from most articles: presentation forms,
# format controls, odd spaces and quote marks other than " and '. One pass finds which of them an
# article holds (:func:`_rare_characters`); each step then skips the regex passes that could find
# nothing. No step adds one of these characters, except that normalize_unicode can turn a
# presentation form into anything, so the pipeline looks again after it changed something.
_RARE_RE = re.compile(
    f"[{cs.PRESENTATION_FORMS}{cs.FORMAT_CONTROLS}{cs.ODD_SPACES}"
    f"{cs.DOUBLE_QUOTES.replace(cs.NEUTRAL_DOUBLE_QUOTE, '')}{cs.SINGLE_QUOTES}]"
)


def _rare_characters(text: str) -> str:
    """Return the distinct characters of ``text`` that :data:`_RARE_RE` matches."""
    return "".join(set(_RARE_RE.findall(text)))


@dataclass(frozen=True)
class Step:
    """One named cleaning step: its name, what it does, and the function that applies and counts it."""

    name: str
    description: str
    # (text, tally, rare=None) -> new text; ``rare``, when known, is _rare_characters(text)
    apply_tallied: Callable[..., str]

    def apply_counted(self, text: str) -> tuple[str, int]:
        """Apply the step to one line; return the new line and the number of changes."""
        tally = Tally(1)
        return self.apply_tallied(text, tally), tally.counts[0]

    def __call__(self, text: str) -> str:
        return self.apply_tallied(text, Tally(1))


PIPELINE: tuple[Step, ...] = (
    Step("normalize_unicode", "Arabic presentation forms folded to letters (NFKC), NFC elsewhere", _normalize_unicode_counted),
    Step("remove_format_controls", "invisible zero-width and bidi control characters removed", _remove_format_controls_counted),
    Step("normalize_whitespace", "no-break/odd spaces to a plain space, runs collapsed, ends trimmed", _normalize_whitespace_counted),
    Step("repair_obfuscation_repeated_dots", "censorship-evasion dots with tatweel (ـ..ـ) removed inside a word (one per place)",
         _repair_repeated_dots_counted),
    Step("repair_obfuscation_tatweel_dot", "censorship-evasion dot with tatweel removed inside a word (one per dot)",
         _repair_obfuscation_counted),
    Step("repair_obfuscation_bare_dot", "censorship-evasion dot between letters, no tatweel, removed (one per dot)",
         _repair_bare_dot_counted),
    Step("remove_tatweel", "remaining tatweel (kashida) removed", _remove_tatweel_counted),
    Step("normalize_quotes", "all double quote marks to \", single ones to '", _normalize_quotes_counted),
    Step("normalize_punctuation_spacing", "space removed before ، ؛ ؟ ! and before a phrase-final . or :", _normalize_punctuation_spacing_counted),
)
STEP_NAMES: tuple[str, ...] = tuple(s.name for s in PIPELINE)
# The steps that repair the censorship-evasion spelling, one per variant: together they are the
# article's ``n_obfuscations``.
OBFUSCATION_STEPS: tuple[str, ...] = tuple(name for name in STEP_NAMES if name.startswith("repair_obfuscation"))
_STEPS = {s.name: s for s in PIPELINE}


def normalize_unicode(text: str) -> str:
    """Fold Arabic presentation forms to letters (NFKC on them only) and apply NFC to the rest.

    Examples
    --------
    >>> normalize_unicode("\\ufe87\\ufea9\\ufedf\\ufe90 …")  # 'إدلب' in presentation forms
    'إدلب …'
    """
    return _STEPS["normalize_unicode"](text)


def remove_format_controls(text: str) -> str:
    """Remove zero-width spaces, BOMs, soft hyphens and bidi marks (keep ZWNJ/ZWJ).

    Examples
    --------
    >>> remove_format_controls("\\u200fإدلب\\u200b")
    'إدلب'
    """
    return _STEPS["remove_format_controls"](text)


def normalize_whitespace(text: str) -> str:
    """Turn no-break and other odd spaces into plain spaces, collapse runs and trim the ends.

    Examples
    --------
    >>> normalize_whitespace("حيث صرح\\u00a0 وزير ")
    'حيث صرح وزير'
    """
    return _STEPS["normalize_whitespace"](text)


def repair_obfuscation(text: str) -> str:
    """Remove the censorship-evasion dots (with their tatweel) from inside Arabic words: every variant.

    Runs the three steps of :data:`OBFUSCATION_STEPS` in order. Ordinary full stops, ``..`` between
    sentences, abbreviations and numbers are left alone. Other tatweel stays for :func:`remove_tatweel`.

    Examples
    --------
    >>> repair_obfuscation("لوقف التصـ.عيد في إدلب.")
    'لوقف التصعيد في إدلب.'
    >>> repair_obfuscation("الإرهـ.ـابـ.ـيين والإرهـ..ـابيين والإر.هابيين")
    'الإرهابيين والإرهابيين والإرهابيين'
    >>> repair_obfuscation("(أ.ف.ب) قال د.محمد: 3.5 م.")
    '(أ.ف.ب) قال د.محمد: 3.5 م.'
    """
    for name in OBFUSCATION_STEPS:
        text = _STEPS[name](text)
    return text


def count_obfuscations(text: str) -> int:
    """Return how many censorship-evasion breaks :func:`repair_obfuscation` would repair.

    Examples
    --------
    >>> count_obfuscations("الإرهـ.ـابـ.ـيين والتصـ.عيد")
    3
    """
    total = 0
    for name in OBFUSCATION_STEPS:
        text, n = _STEPS[name].apply_counted(text)
        total += n
    return total


def remove_tatweel(text: str) -> str:
    """Remove tatweel (kashida), the letter-stretching character.

    Examples
    --------
    >>> remove_tatweel("بأسـلحة")
    'بأسلحة'
    """
    return _STEPS["remove_tatweel"](text)


def normalize_quotes(text: str) -> str:
    """Write every double quote mark as ``"`` and every single one as ``'``.

    Examples
    --------
    >>> normalize_quotes("يقوم بها “الإرهابيون” و«بشار الأسد»")
    'يقوم بها "الإرهابيون" و"بشار الأسد"'
    """
    return _STEPS["normalize_quotes"](text)


def normalize_punctuation_spacing(text: str) -> str:
    """Remove the space before ``، ؛ ؟ !`` and before a ``.`` or ``:`` that ends a phrase.

    Examples
    --------
    >>> normalize_punctuation_spacing("في قرية شيرك ، ودخلت")
    'في قرية شيرك، ودخلت'
    """
    return _STEPS["normalize_punctuation_spacing"](text)


def clean_with_audit(text: str) -> tuple[str, dict[str, int]]:
    """Run the whole pipeline and return the clean text with each step's count of changes.

    Examples
    --------
    >>> clean, counts = clean_with_audit("العسـ.ـكريين\\u00a0الروس")
    >>> clean
    'العسكريين الروس'
    >>> counts["repair_obfuscation_tatweel_dot"], counts["normalize_whitespace"]
    (1, 1)
    """
    counts: dict[str, int] = {}
    for step in PIPELINE:
        text, counts[step.name] = step.apply_counted(text)
    return text, counts


def clean_lines_with_audit(lines: list[str]) -> tuple[list[str], list[dict[str, int]]]:
    """Clean many lines at once (one pass per step over the joined text); return lines and per-line counts.

    Gives the same result as :func:`clean_with_audit` on each line, faster for a whole article.

    Examples
    --------
    >>> clean, counts = clean_lines_with_audit(["التصـ.عيد ", "“إدلب”"])
    >>> clean
    ['التصعيد', '"إدلب"']
    >>> counts[0]["repair_obfuscation_tatweel_dot"], counts[1]["normalize_quotes"]
    (1, 2)
    """
    clean, per_step = clean_lines_by_step(lines)
    counts = [{name: per_step[name][i] for name in STEP_NAMES} for i in range(len(lines))]
    return clean, counts


def clean_lines_by_step(lines: list[str]) -> tuple[list[str], dict[str, list[int]]]:
    """Clean many lines at once, as :func:`clean_lines_with_audit`; return lines and, per step, a count per line.

    The counts come by step (``{step: [count of line 1, count of line 2, ...]}``), as the pipeline
    makes them: the loader reads them so, without a dictionary per line.

    Examples
    --------
    >>> clean, counts = clean_lines_by_step(["التصـ.عيد ", "“إدلب”"])
    >>> counts["normalize_quotes"]
    [0, 2]
    """
    if not lines:
        return [], {name: [] for name in STEP_NAMES}
    if any("\n" in line for line in lines):
        raise ValueError("clean_lines_with_audit takes lines without line breaks")
    text = "\n".join(lines)
    rare = _rare_characters(text)
    per_step = {}
    for step in PIPELINE:
        tally = Tally(len(lines))
        new = step.apply_tallied(text, tally, rare)
        if step.name == "normalize_unicode" and new != text:
            rare = _rare_characters(new)
        text = new
        per_step[step.name] = tally.counts
    return text.split("\n"), per_step


def clean_text(text: str) -> str:
    """Run the whole pipeline on ``text`` and return the clean text.

    Examples
    --------
    >>> clean_text("  وقالت زاخاروفا: “على الرغم من استفزازات وهجـ.مات المسـ.لحين” ")
    'وقالت زاخاروفا: "على الرغم من استفزازات وهجمات المسلحين"'
    """
    return clean_with_audit(text)[0]


def trace_pipeline(text: str) -> list[tuple[str, str, str, int]]:
    """Return, for each step, ``(step, text before, text after, count)``: what the pipeline did, in order.

    Examples
    --------
    >>> [(s, n) for s, _, _, n in trace_pipeline("التصـ.عيد") if n]
    [('repair_obfuscation_tatweel_dot', 1)]
    """
    trace = []
    for step in PIPELINE:
        after, count = step.apply_counted(text)
        trace.append((step.name, text, after, count))
        text = after
    return trace
