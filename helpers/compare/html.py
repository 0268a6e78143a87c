"""The side-by-side view: for one event, one column per outlet, the sentences that report it.

Every piece of article text is HTML-escaped *before* any markup is added: :func:`highlight` walks
the text by offsets, escapes each stretch, and wraps the marked stretches in ``<mark>``; nothing from
an article can become a tag (``<script>`` in an article shows as text). Framing labels are marked by
leaning (hostile, neutral, sympathetic), attribution verbs by stance (neutral, distancing); the
``title`` of each mark (shown on hover) says what it is.
"""
from __future__ import annotations

import pandas as pd

from ..notebook import escape

STYLE = """<style>
.cmp-table {border-collapse: collapse; width: 100%; table-layout: fixed; direction: rtl;}
.cmp-table th, .cmp-table td {border: 1px solid #ccc; padding: 6px; vertical-align: top; text-align: right;}
.cmp-table th {background: #f4f4f4; font-weight: 600;}
.cmp-table p {margin: 0 0 .6em 0; line-height: 1.7; unicode-bidi: plaintext;}
.cmp-ref {color: #666; font-size: 80%; direction: ltr; unicode-bidi: isolate;}
.cmp-none {color: #999;}
mark.cmp-hostile {background: #f6c1c1;} mark.cmp-neutral {background: #e3e3e3;}
mark.cmp-sympathetic {background: #c5e8c7;}
mark.cmp-verb-neutral {background: none; border-bottom: 2px solid #0072B2;}
mark.cmp-verb-distancing {background: #ffd966; border-bottom: 2px solid #D55E00; font-weight: 600;}
.cmp-legend {direction: ltr; font-size: 85%; margin: .3em 0 .8em 0;}
</style>"""


def highlight(text: str, marks) -> str:
    """Return ``text`` HTML-escaped, with each ``(start, end, css_class, title)`` span in ``<mark>``.

    Marks are applied by offsets into the *unescaped* text; when two overlap, the one that starts
    first (the longer on a tie) is kept.

    Examples
    --------
    >>> highlight('قال "<b>" المسلحين', [(10, 18, "cmp-hostile", "armed_opposition")])
    'قال &quot;&lt;b&gt;&quot; <mark class="cmp-hostile" title="armed_opposition">المسلحين</mark>'
    """
    out, pos = [], 0
    for start, end, css, title in sorted(marks, key=lambda m: (m[0], -m[1])):
        if start < pos or end <= start or end > len(text):
            continue
        out.append(escape(text[pos:start]))
        out.append(f'<mark class="{escape(css)}" title="{escape(title)}">{escape(text[start:end])}</mark>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def sentence_marks(doc_id: str, para_id: int, start: int, end: int, framing: pd.DataFrame,
                   attributions: pd.DataFrame) -> list[tuple[int, int, str, str]]:
    """Return the marks of one sentence (``[start, end)`` of its paragraph), offsets in the sentence."""
    key = (doc_id, para_id)
    return _marks_in(start, end, by_paragraph(framing).get(key, []), by_paragraph(attributions).get(key, []))


def by_paragraph(frame: pd.DataFrame) -> dict[tuple[str, int], list[dict]]:
    """Group the rows of a framing or attribution table by ``(doc_id, para_id)``, in table order.

    Looking a sentence's marks up here costs one dictionary access, where filtering the whole table for
    every sentence of a side-by-side view cost a pass over the table each time.
    """
    groups: dict[tuple[str, int], list[dict]] = {}
    for rec in frame.to_dict("records"):
        groups.setdefault((rec["doc_id"], rec["para_id"]), []).append(rec)
    return groups


def _marks_in(start: int, end: int, framing: list[dict], attributions: list[dict]) -> list[tuple[int, int, str, str]]:
    """Return the marks of the rows lying inside ``[start, end)``, as offsets from ``start``."""
    marks = []
    for rec in framing:
        if rec["start"] >= start and rec["end"] <= end:
            where = "in a quotation" if rec["in_quotes"] else "the outlet's own words"
            marks.append((rec["start"] - start, rec["end"] - start, f"cmp-{rec['leaning']}",
                          f"{rec['referent']}: {rec['term_id']} ({rec['leaning']}; {where})"))
    for rec in attributions:
        if rec["start"] >= start and rec["end"] <= end:
            who = rec["speaker_actor_id"] or "speaker not found"
            marks.append((rec["start"] - start, rec["end"] - start, f"cmp-verb-{rec['stance']}",
                          f"{rec['verb_id']} ({rec['stance']}) - {who}, side {rec['side'] or 'unknown'}, {rec['link']}"))
    return marks


def legend_html() -> str:
    """Return the legend of the highlight colours."""
    items = [("cmp-hostile", "label, hostile"), ("cmp-neutral", "label, neutral"),
             ("cmp-sympathetic", "label, sympathetic"), ("cmp-verb-neutral", "attribution, neutral"),
             ("cmp-verb-distancing", "attribution, distancing")]
    return '<div class="cmp-legend">' + " ".join(f'<mark class="{c}">{escape(t)}</mark>' for c, t in items) + "</div>"


def side_by_side_html(event_id: str, event_sentences: pd.DataFrame, sentences: pd.DataFrame,
                      articles: pd.DataFrame, framing: pd.DataFrame, attributions: pd.DataFrame,
                      description: str = "", outlet: str = "outlet_short", style: bool = True) -> str:
    """Return the side-by-side table of one event: one column per article, right to left.

    Parameters
    ----------
    event_id
        The event to show.
    event_sentences
        The ``event_sentences`` table (which sentences report which event).
    sentences
        The sentence table (:func:`helpers.compare.sentences.corpus_sentences`), for the offsets.
    articles
        ``corpus.articles``: column order, outlet labels and dates; with a ``date_basis`` column
        (:func:`helpers.dates.dated_articles`), a date from the text is shown as such: ``2018-12-20 (text)``.
    framing, attributions
        The framing matches (:func:`helpers.compare.framing.framing_matches`) and the attribution
        table; their offsets are into the paragraphs' clean text.
    description
        Shown as the caption with the event id.
    style
        Include the ``<style>`` block (once per notebook is enough).

    Returns
    -------
    str
        An HTML fragment; every piece of article text in it is escaped.
    """
    rows = event_sentences[event_sentences["event_id"] == event_id]
    docs = set(articles["doc_id"])  # only the articles shown: the offsets of a large corpus are not needed
    sentences = sentences[sentences["doc_id"].isin(docs)]
    framing, attributions = framing[framing["doc_id"].isin(docs)], attributions[attributions["doc_id"].isin(docs)]
    offsets = {(d, p, s): (a, b) for d, p, s, a, b in
               zip(sentences["doc_id"], sentences["para_id"], sentences["sent_id"], sentences["start"], sentences["end"])}
    framing_at, attributions_at = by_paragraph(framing), by_paragraph(attributions)
    heads, cells = [], []
    for rec in articles.to_dict("records"):
        date = rec["published"] + (" (text)" if rec.get("date_basis") == "text" else "") or "undated"
        heads.append(f'<th dir="ltr">{escape(rec[outlet])}<br><span class="cmp-ref">{escape(rec["doc_id"])} · '
                     f'{escape(date)}</span></th>')
        mine = rows[rows["doc_id"] == rec["doc_id"]]
        if mine.empty:
            cells.append('<td dir="rtl"><span class="cmp-none">—</span></td>')
            continue
        paras = []
        for r in mine.itertuples(index=False):
            start, end = offsets.get((r.doc_id, r.para_id, r.sent_id), (0, len(r.sentence)))
            key = (r.doc_id, r.para_id)
            marks = _marks_in(start, end, framing_at.get(key, []), attributions_at.get(key, []))
            ref = f'<span class="cmp-ref">¶{r.para_id}.{r.sent_id}</span> '
            paras.append(f'<p dir="rtl">{ref}{highlight(r.sentence, marks)}</p>')
        cells.append('<td dir="rtl">' + "".join(paras) + "</td>")
    caption = escape(event_id + (f": {description}" if description else ""))
    table = (f'<table class="cmp-table" dir="rtl"><caption dir="ltr">{caption}</caption>'
             f'<thead><tr>{"".join(heads)}</tr></thead><tbody><tr>{"".join(cells)}</tr></tbody></table>')
    return (STYLE if style else "") + table


def articles_for_event(event_sentences: pd.DataFrame, articles: pd.DataFrame, event_id: str,
                       limit: int = 6) -> tuple[pd.DataFrame, str]:
    """Return the articles to show side by side for one event, and a note when some are left out.

    Up to ``limit`` articles in the corpus: all of them, in doc_id order (an article without a matching
    sentence shows a dash). Beyond: only articles that report the event, the first of each outlet
    first (by doc_id), then the next ones, up to ``limit``; the note says how many reported it.

    Examples
    --------
    >>> arts = pd.DataFrame({"doc_id": ["1", "2", "3", "4"], "outlet_short": ["A", "A", "B", "C"]})
    >>> ev = pd.DataFrame({"event_id": ["e"] * 3, "doc_id": ["1", "2", "3"]})
    >>> shown, note = articles_for_event(ev, arts, "e", limit=2)
    >>> list(shown["doc_id"]), note
    (['1', '3'], 'Showing 2 of the 3 articles that report this event (one per outlet first).')
    """
    if len(articles) <= limit:
        return articles, ""
    reporting = set(event_sentences.loc[event_sentences["event_id"] == event_id, "doc_id"])
    candidates = articles[articles["doc_id"].isin(reporting)].sort_values("doc_id", kind="stable")
    first = ~candidates.duplicated(subset=["outlet_short"])
    ordered = pd.concat([candidates[first], candidates[~first]])
    shown = ordered.head(limit).sort_values("doc_id", kind="stable")
    note = ""
    if len(shown) < len(candidates):
        note = (f"Showing {len(shown):,} of the {len(candidates):,} articles that report this event "
                "(one per outlet first).")
    return shown, note
