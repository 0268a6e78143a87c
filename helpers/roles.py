"""Line roles: what each non-empty line of a scraped article is.

Roles: ``title``, ``dek`` (standfirst under the title), ``byline``, ``body``, ``subheading``,
``caption``, ``related`` (read-also teasers) and ``boilerplate`` (navigation, breadcrumbs, buttons).

Known phrases come from the lexicon ``boilerplate.csv`` (columns ``phrase``, ``match`` = exact /
prefix / suffix / contains, ``role``, ``note``), compared in matching form. Everything else is decided
by the structural rules in :func:`assign_roles`, in this order:

1. a line equal to a known ``exact`` phrase, or starting with a known ``prefix`` phrase, takes that
   phrase's role (``boilerplate`` or ``related``); a menu or breadcrumb line (:func:`is_menu`:
   ``الرئيسية | أخبار | اقتصاد``) is ``boilerplate``;
2. a *short* line (at most :data:`SHORT_LINE_WORDS` words, no final punctuation) containing a known
   ``contains``/``prefix``/``suffix`` byline or caption phrase takes that role;
3. the first remaining line is the ``title``;
4. a short line right after the title, before any body line, is the ``dek``;
5. a line ending in final punctuation, or longer than :data:`SHORT_LINE_WORDS` words, is ``body``;
6. any other short line is a ``subheading`` (without markup, a photo caption with no credit phrase
   cannot be told from a subheading: it lands here too).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import Lexicons, load_lexicon
from .matching import normalize_for_matching

ROLES = ("title", "dek", "byline", "body", "subheading", "caption", "related", "boilerplate")
COUNTED_ROLES = ("title", "dek", "byline", "body", "subheading", "caption")
SHORT_LINE_WORDS = 20
FINAL_PUNCTUATION = ".!?؟…:\"'»”)"
_WORD_RE = re.compile(r"\w+")
_HEAD_CHARS = 120
MENU_SEPARATORS = "|\u203a\u00bb>\u2022\u00b7"  # | › » > • ·
MENU_MIN_ITEMS = 3
MENU_MAX_ITEM_WORDS = 3
_MENU_SPLIT_RE = re.compile(f"\\s*[{re.escape(MENU_SEPARATORS)}]\\s*")


BOILERPLATE_COLUMNS = dict(required=["phrase", "match", "role"], optional=["note"], unique_matching=["phrase"],
                          allowed={"match": ["exact", "prefix", "suffix", "contains"],
                                   "role": ["boilerplate", "related", "byline", "caption"]})


def load_boilerplate(path: str = "boilerplate.csv", lexicons=None):
    """Load the known-phrase lexicon (``helpers/lexicons/boilerplate.csv`` by default).

    For the shipped file, ``lexicons`` (a corpus folder, a loaded corpus or a
    :class:`~helpers.lexicon.Lexicons`) may extend it with the corpus's own ``lexicons/boilerplate.csv``.
    """
    if isinstance(path, Lexicons):  # a Lexicons given in the place of the path
        path, lexicons = "boilerplate.csv", path
    return _load_boilerplate(path, Lexicons.of(lexicons) if path == "boilerplate.csv" else None).copy()


@lru_cache(maxsize=8)
def _load_boilerplate(path: str, lexicons):
    frame = load_lexicon(path, lexicons=lexicons, **BOILERPLATE_COLUMNS)
    frame["form"] = frame["phrase"].map(_phrase_form)
    return frame


class PhraseMatcher:
    """The known phrases compiled once: a dict for whole-line phrases, one regex per kind of match."""

    def __init__(self, lexicon):
        # first words of the phrases that can match a long line (prefix phrases of boilerplate/teasers)
        self.long_line_starts = {f.split(" ")[0] for f, m, r in zip(lexicon["form"], lexicon["match"], lexicon["role"])
                                 if m == "prefix" and r in ("boilerplate", "related")}
        self.exact = {}
        groups: dict[tuple[str, bool], list[tuple[str, str]]] = {}
        for phrase, match, role in zip(lexicon["form"], lexicon["match"], lexicon["role"]):
            if match == "exact":
                self.exact.setdefault(phrase, role)
            else:
                # prefix phrases with role boilerplate/related apply to any line; the rest to short lines
                needs_short = not (match == "prefix" and role in ("boilerplate", "related"))
                groups.setdefault((match, needs_short), []).append((phrase, role))
        self.patterns = []
        for (match, needs_short), items in groups.items():
            alternation = "|".join(f"(?P<g{i}>{re.escape(p)})" for i, (p, _) in enumerate(items))
            pattern = {"prefix": f"^(?:{alternation})(?: |$)", "suffix": f"(?:^| )(?:{alternation})$",
                       "contains": f"(?:^| )(?:{alternation})(?: |$)"}[match]
            self.patterns.append((re.compile(pattern), needs_short, [r for _, r in items]))

    def role(self, text: str, short: bool | None = None) -> str | None:
        """Return the role a known phrase gives the line ``text``, or None.

        ``short`` is :func:`is_short` of ``text``, when the caller has it already.
        """
        if short is None:
            short = is_short(text)
        whole = short or len(text) <= _HEAD_CHARS
        if not whole:  # a long line can only match a prefix phrase: look at its first word first
            first = _WORD_RE.search(normalize_for_matching(text[:24]))
            if first is None or first.group(0) not in self.long_line_starts:
                return None
        form = _phrase_form(text if whole else text[:_HEAD_CHARS])
        if whole and form in self.exact:
            return self.exact[form]
        for pattern, needs_short, roles in self.patterns:
            if needs_short and not short:
                continue
            m = pattern.search(form)
            if m:
                return roles[int(m.lastgroup[1:])]
        return None


def phrase_matcher(lexicon="boilerplate.csv") -> PhraseMatcher:
    """Return the compiled matcher for a known-phrase lexicon: a path, or a :class:`~helpers.lexicon.Lexicons`.

    Built once per path or per corpus lexicons.
    """
    if isinstance(lexicon, Lexicons):
        return _phrase_matcher("boilerplate.csv", lexicon)
    return _phrase_matcher(str(lexicon), Lexicons.of() if str(lexicon) == "boilerplate.csv" else None)


@lru_cache(maxsize=8)
def _phrase_matcher(path: str, lexicons) -> PhraseMatcher:
    return PhraseMatcher(_load_boilerplate(path, lexicons))


def _phrase_form(text: str) -> str:
    return " ".join(_WORD_RE.findall(normalize_for_matching(text)))


def is_short(text: str) -> bool:
    """Return True for a line of at most SHORT_LINE_WORDS words without final punctuation.

    Examples
    --------
    >>> is_short("اتصالات متوالية")
    True
    >>> is_short("أعلنت موسكو أن الاتصالات مستمرة.")
    False
    """
    text = text.rstrip()
    return bool(text) and text[-1] not in FINAL_PUNCTUATION and len(_WORD_RE.findall(text)) <= SHORT_LINE_WORDS


def is_menu(text: str) -> bool:
    """Return True for a navigation or breadcrumb line: short items between menu separators.

    At least :data:`MENU_MIN_ITEMS` items, each with a word and at most :data:`MENU_MAX_ITEM_WORDS`
    words, separated by one of :data:`MENU_SEPARATORS`. A title with one site name after a bar has
    two items and stays a title.

    Examples
    --------
    >>> is_menu("الرئيسية | أخبار | اقتصاد | رياضة"), is_menu("الرئيسية › سياسة › ليبيا")
    (True, True)
    >>> is_menu("حفتر يغادر موسكو دون توقيع | الجزيرة نت")
    False
    """
    if not any(sep in text for sep in MENU_SEPARATORS):
        return False
    items = [item for item in _MENU_SPLIT_RE.split(text.strip()) if item]
    if len(items) < MENU_MIN_ITEMS:
        return False
    return all(1 <= len(_WORD_RE.findall(item)) <= MENU_MAX_ITEM_WORDS for item in items)


def known_phrase_role(text: str, lexicon="boilerplate.csv") -> str | None:
    """Return the role a known phrase gives this line, or None.

    Examples
    --------
    >>> known_phrase_role("إقرأ أيضاً: أمريكا تصدر إعلاناً هاماً")
    'related'
    >>> known_phrase_role("اقرأ أيضا : الفصائل تحصل على سلاح")
    'related'
    >>> known_phrase_role("زر الذهاب إلى الأعلى")
    'boilerplate'
    >>> known_phrase_role("أوطان بوست – فريق التحرير")
    'byline'
    """
    return phrase_matcher(lexicon).role(text)


def assign_roles(lines: list[str], lexicon="boilerplate.csv") -> list[str]:
    """Return the role of each line of one article (clean text, in order; see the module docstring).

    ``lexicon`` is the known-phrase file (a path), or a :class:`~helpers.lexicon.Lexicons` whose corpus
    extends the shipped one.

    Examples
    --------
    >>> assign_roles(["تخطى إلى المحتوى", "روسيا ترفض طلب تركي", "لا يزال التصعيد مستمراً.",
    ...               "اتصالات متوالية", "هذا وقد توالت الاتصالات.", "مدونة هادي العبد الله"])
    ['boilerplate', 'title', 'body', 'subheading', 'body', 'byline']
    >>> assign_roles(["الرئيسية | أخبار | اقتصاد | رياضة", "حفتر يغادر موسكو", "غادر حفتر موسكو."])
    ['boilerplate', 'title', 'body']
    """
    roles: list[str] = []
    seen_title = seen_body = False
    matcher = phrase_matcher(lexicon)
    for text in lines:
        short = is_short(text)  # once per line: both the phrase rules and the structural ones ask
        role = matcher.role(text, short)
        if role is None and short and is_menu(text):
            role = "boilerplate"
        if role is None:
            if not seen_title:
                role = "title"
                seen_title = True
            elif short:
                role = "dek" if (not seen_body and roles and roles[-1] == "title") else "subheading"
            else:
                role = "body"
        seen_body = seen_body or role == "body"
        roles.append(role)
    return roles
