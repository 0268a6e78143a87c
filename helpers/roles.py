"""Line roles: what each non-empty line of a scraped article is.

Roles: ``title``, ``dek`` (standfirst under the title), ``byline``, ``body``, ``subheading``,
``caption``, ``related`` (read-also teasers) and ``boilerplate`` (navigation, breadcrumbs, buttons).

Known phrases come from the lexicon ``boilerplate.csv`` (columns ``phrase``, ``match``, ``role``,
``opens``, ``note``), compared in matching form. ``match`` says where the phrase must stand: ``exact``
(the whole line), ``prefix``, ``suffix``, ``contains``, ``label`` (opening a short line, followed by a
colon: ``المصدر: الجزيرة + وكالات``) or ``dateline`` (a whole segment of a dateline: an outlet or agency
name such as ``سبأنت``; role ``byline``). ``opens`` = ``related`` marks a heading over a read-also box:
alone on its line, the lines after it are teasers. Everything else is decided by the structural rules
in :func:`assign_roles`, in this order:

1. a line equal to a known ``exact`` phrase, or starting with a known ``prefix`` phrase, takes that
   phrase's role (``boilerplate`` or ``related``); a menu or breadcrumb line (:func:`is_menu`:
   ``الرئيسية | أخبار | اقتصاد``) is ``boilerplate``; so is a site menu scraped one item per line
   before the headline (:func:`leading_navigation`: ``الرئيسية``, ``أخبار``, ``سياسة``…);
2. a *short* line (at most :data:`SHORT_LINE_WORDS` words, no final punctuation) containing a known
   ``contains``/``prefix``/``suffix``/``label`` phrase takes that role, and one with a copyright sign
   (``©``) is ``boilerplate``;
3. after a read-also heading below the title (``اقرأ أيضا``, ``مواضيع ذات صلة``…: ``opens`` = ``related``;
   above the title it may head a sidebar, and the headline must not be lost to it), every line is
   ``related`` up to the next body paragraph (:func:`ends_teasers`: a sentence ending in a full stop,
   or a line longer than :data:`SHORT_LINE_WORDS` words; a subheading right after the box cannot be
   told from one more teaser, and is ``related`` too);
4. the first remaining line is the ``title``;
5. between the title and the first body line, a dateline (:meth:`PhraseMatcher.is_dateline`:
   ``سبأنت - عدن``, ``عدن: «الشرق الأوسط»``) is a ``byline``: it names an outlet listed with
   ``match`` = ``dateline`` (add your outlets' house names to the corpus's ``lexicons/boilerplate.csv``);
   a date in it still counts as the article's dateline date (bylines are read by the date extractor);
6. a short line right after the title, before any body line, is the ``dek``;
7. a line ending in final punctuation, or longer than :data:`SHORT_LINE_WORDS` words, is ``body``;
8. any other short line is a ``subheading`` (without markup, a photo caption with no credit phrase
   cannot be told from a subheading: it lands here too).
"""
from __future__ import annotations

import re
from functools import lru_cache

from .errors import WorkbookError
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
COPYRIGHT_SIGN = "\u00a9"  # ©
DATELINE_MAX_WORDS = 12
DATELINE_SEGMENT_WORDS = 3   # a place or an outlet name
DATELINE_DATE_WORDS = 7      # a segment holding a digit: الخميس 20 كانون الأول/ديسمبر 2018
# a dateline's segments: split at a bar, a colon, an Arabic comma, a dash or an en/em dash with a space beside it
_DATELINE_SPLIT_RE = re.compile("\\s*[|:\u060c\u2013\u2014]\\s*|\\s+-\\s*|\\s*-\\s+")
_SEGMENT_STRIP = " \u00ab\u00bb\"'\u201c\u201d()"  # spaces, « » " ' “ ” and brackets around a segment
_YEAR_RE = re.compile("(?<![0-9\u0660-\u0669])(?:19|20|\u0661\u0669|\u0662\u0660)[0-9\u0660-\u0669]{2}(?![0-9\u0660-\u0669])")
_SENTENCE_END = ".!?\u061f"  # . ! ? ؟
_CLOSING = "\"'\u00bb\u201d)"  # closing quotes and brackets after a full stop
_ITEM_EXCLUDED = MENU_SEPARATORS + "-:\u060c\u2013\u2014"  # a line holding one of these is not one menu item


BOILERPLATE_COLUMNS = dict(required=["phrase", "match", "role"], optional=["opens", "note"], unique_matching=["phrase"],
                          allowed={"match": ["exact", "prefix", "suffix", "contains", "label", "dateline"],
                                   "role": ["boilerplate", "related", "byline", "caption"],
                                   "opens": ["related"]})


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
    for rec in frame[(frame["match"] == "dateline") & (frame["role"] != "byline")].to_dict("records"):
        raise WorkbookError(f"{rec['file']}, line {rec['line']}: {rec['phrase']!r} has match=dateline and "
                            f"role={rec['role']!r}: a dateline is a byline")
    frame["form"] = frame["phrase"].map(_phrase_form)
    return frame


class PhraseMatcher:
    """The known phrases compiled once: a dict for whole-line phrases, one regex per kind of match."""

    def __init__(self, lexicon):
        # first words of the phrases that can match a long line (prefix phrases of boilerplate/teasers)
        self.long_line_starts = {f.split(" ")[0] for f, m, r in zip(lexicon["form"], lexicon["match"], lexicon["role"])
                                 if m == "prefix" and r in ("boilerplate", "related")}
        self.exact = {}
        self.dateline_names = set(lexicon.loc[lexicon["match"] == "dateline", "form"])
        self.openers = set(lexicon.loc[lexicon["opens"] == "related", "form"])
        labels = [(f, r) for f, m, r in zip(lexicon["form"], lexicon["match"], lexicon["role"]) if m == "label"]
        alternation = "|".join(f"(?P<g{i}>{_spaced(f)})" for i, (f, _) in enumerate(labels))
        self.label_pattern = re.compile(f"^\\W*(?:{alternation})\\s*:") if labels else None
        self.label_roles = [r for _, r in labels]
        groups: dict[tuple[str, bool], list[tuple[str, str]]] = {}
        for phrase, match, role in zip(lexicon["form"], lexicon["match"], lexicon["role"]):
            if match in ("dateline", "label"):
                continue
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
        if short and self.label_pattern is not None and ":" in text:
            m = self.label_pattern.match(normalize_for_matching(text))
            if m:
                return self.label_roles[int(m.lastgroup[1:])]
        return None

    def opens_teasers(self, text: str) -> bool:
        """Return True when ``text`` is, alone on its line, a heading over read-also teasers (``اقرأ أيضا``)."""
        return len(text) <= _HEAD_CHARS and _phrase_form(text) in self.openers

    def is_dateline(self, text: str) -> bool:
        """Return True for a dateline: a few short segments (place, outlet, date), one a known outlet or a date.

        The segments are split at ``|``, ``:``, ``،`` or a spaced dash; there are two or more, none longer
        than :data:`DATELINE_SEGMENT_WORDS` words (:data:`DATELINE_DATE_WORDS` when it holds a digit), and one
        is a ``dateline`` name of the lexicon (with or without a ``ل`` before it), quotes aside, or holds a
        year (``السبت 20 أيار/مايو 2023``): an outlet the lexicon does not list still dates its datelines.

        Examples
        --------
        >>> m = phrase_matcher()
        >>> m.is_dateline("عدن: «الشرق الأوسط»"), m.is_dateline("سبأنت - الرياض - الخميس 20 كانون الأول/ديسمبر 2018")
        (True, True)
        >>> m.is_dateline("غريفيث: «الاتفاق فرصة»"), m.is_dateline("أزمة الشرق الأوسط")
        (False, False)
        >>> m.is_dateline("الخرطوم - العربي الجديد - السبت 20 أيار/مايو 2023"), m.is_dateline("الخرطوم - العربي الجديد")
        (True, False)
        """
        text = text.strip()
        if not text or text[-1] in _SENTENCE_END or len(_WORD_RE.findall(text)) > DATELINE_MAX_WORDS:
            return False
        segments = [seg.strip(_SEGMENT_STRIP) for seg in _DATELINE_SPLIT_RE.split(text)]
        segments = [seg for seg in segments if seg]
        if len(segments) < 2:
            return False
        for seg in segments:
            n = len(_WORD_RE.findall(seg))
            limit = DATELINE_DATE_WORDS if any(c.isdigit() for c in seg) else DATELINE_SEGMENT_WORDS
            if not 1 <= n <= limit:
                return False
        if any(_YEAR_RE.search(seg) for seg in segments):  # a place or an outlet, then the date with its year
            return True
        forms = [_phrase_form(seg) for seg in segments]
        return any(f in self.dateline_names or (f.startswith("ل") and f[1:] in self.dateline_names) for f in forms)


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


def _spaced(form: str) -> str:
    """A regex for the words of ``form`` with any run of spaces between them."""
    return r"\s+".join(re.escape(word) for word in form.split(" "))


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


def ends_teasers(text: str) -> bool:
    """Return True for a line that ends a read-also box: a body paragraph, not one more teaser.

    That is a line of more than :data:`SHORT_LINE_WORDS` words, or one ending in a full stop (closing
    quotes and brackets aside). A teaser is a headline: it may end in ``؟``, ``!`` or a quote, rarely in
    a full stop.

    Examples
    --------
    >>> ends_teasers("هل يصمد اتفاق الحديدة؟"), ends_teasers("وقال إن الهدنة صامدة.")
    (False, True)
    >>> ends_teasers("وأضاف: «لن نقبل بذلك».")
    True
    """
    text = text.rstrip().rstrip(_CLOSING)
    return text.endswith(".") or len(_WORD_RE.findall(text)) > SHORT_LINE_WORDS


def leading_navigation(lines: list[str], lexicon="boilerplate.csv") -> int:
    """Return how many lines at the top of the page are a site menu scraped one item per line.

    The page starts with at least :data:`MENU_MIN_ITEMS` menu items (short lines of at most
    :data:`MENU_MAX_ITEM_WORDS` words, no final punctuation, no known phrase, no separator), possibly
    between known boilerplate lines. When the line after them is a dateline or a sentence ending in a
    full stop, the last item is the headline and is not counted. Fewer items are a title and a dek.

    Examples
    --------
    >>> leading_navigation(["الرئيسية", "أخبار", "سياسة", "بث مباشر", "هدنة الحديدة على المحك", "بدأ سريان الهدنة."])
    4
    >>> leading_navigation(["عاجل", "هدنة هشة", "بدأ سريان الهدنة."])
    0
    """
    matcher = phrase_matcher(lexicon)
    shorts = [is_short(text) for text in lines]
    return _leading_navigation(lines, shorts, [matcher.role(t, sh) for t, sh in zip(lines, shorts)], matcher)


def _leading_navigation(lines, shorts, known, matcher) -> int:
    """:func:`leading_navigation`, given each line's :func:`is_short` and known-phrase role."""
    items, end = [], 0
    for i, text in enumerate(lines):
        short, role = shorts[i], known[i]
        if role == "boilerplate" or (role is None and short and is_menu(text)):
            end = i + 1
            continue
        if (role is None and short and len(_WORD_RE.findall(text)) <= MENU_MAX_ITEM_WORDS
                and not any(sep in text for sep in _ITEM_EXCLUDED)):
            items.append(i)
            end = i + 1
            continue
        break
    if items and end < len(lines) and end == items[-1] + 1 and (
            matcher.is_dateline(lines[end]) or ends_teasers(lines[end])):
        items.pop()  # the last item is the headline: a dateline or the body follows it
        end = items[-1] + 1 if items else 0
    if len(items) < MENU_MIN_ITEMS or end >= len(lines):
        return 0
    return end


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
    >>> assign_roles(["الهدنة تصمد", "سبأنت - عدن", "صمدت الهدنة.", "اقرأ أيضا", "هل تصمد الهدنة؟", "فقرة."])
    ['title', 'byline', 'body', 'related', 'related', 'body']
    """
    roles: list[str] = []
    seen_title = seen_body = in_teasers = False
    matcher = phrase_matcher(lexicon)
    shorts = [is_short(text) for text in lines]  # once per line: the phrase rules and the structural ones ask
    known = [matcher.role(text, short) for text, short in zip(lines, shorts)]
    navigation = _leading_navigation(lines, shorts, known, matcher)
    for i, text in enumerate(lines):
        short, role = shorts[i], known[i]
        if role is None and short and (i < navigation or COPYRIGHT_SIGN in text or is_menu(text)):
            role = "boilerplate"
        if role is None and in_teasers and not ends_teasers(text):
            role = "related"
        if role is None and seen_title and not seen_body and matcher.is_dateline(text):
            role = "byline"
        if role is None:
            if not seen_title:
                role = "title"
                seen_title = True
            elif short:
                role = "dek" if (not seen_body and roles and roles[-1] == "title") else "subheading"
            else:
                role = "body"
        if role == "body":
            seen_body, in_teasers = True, False
        if seen_title and role in ("related", "boilerplate") and matcher.opens_teasers(text):
            in_teasers = True
        roles.append(role)
    return roles
