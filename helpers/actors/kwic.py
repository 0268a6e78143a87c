"""Keyword in context (KWIC) for an actor: every counted mention with the words around it."""
from __future__ import annotations

import pandas as pd

from ..errors import check_choice
from .gazetteer import VIEWS, corpus_gazetteer
from .scan import apply_view, scan_corpus


def kwic(corpus, actor_id: str, view: str = "strict", width: int = 60, gazetteer=None) -> pd.DataFrame:
    """Return every counted mention of ``actor_id`` with its context.

    Columns: ``doc_id, para_id, outlet, before, match, after``; ``before``/``after`` hold up to
    ``width`` characters of the paragraph on each side, cut between words (``…`` marks a cut);
    ``before`` precedes the match in reading order, so it sits to its right on screen.
    """
    gaz = corpus_gazetteer(corpus, gazetteer)
    check_choice("view", view, VIEWS)
    gaz.info(actor_id)
    outlets = dict(zip(corpus.articles["doc_id"], corpus.articles["outlet_short"]))
    rows = []
    for doc_id, para_id, text, _, ms in scan_corpus(corpus, gaz):
        for m in apply_view(ms, view, gaz):
            if m.actor_id == actor_id:
                before, after = text[max(0, m.start - width):m.start], text[m.end:m.end + width]
                if m.start > width and " " in before:  # do not show half a word at the cut
                    before = "… " + before.split(" ", 1)[1]
                if m.end + width < len(text) and " " in after:
                    after = after.rsplit(" ", 1)[0] + " …"
                rows.append((doc_id, para_id, outlets.get(doc_id, ""), before, m.surface, after))
    return pd.DataFrame(rows, columns=["doc_id", "para_id", "outlet", "before", "match", "after"])


def kwic_html(frame: pd.DataFrame, caption: str | None = None) -> str:
    """Return a keyword-in-context table as HTML: right-to-left, match highlighted, every cell escaped.

    Columns in reading order (right to left): where, the text before, the match, the text after;
    the contexts hug the match so the matches line up.

    Examples
    --------
    >>> import pandas as pd
    >>> row = pd.DataFrame([("000", 5, "X", 'وقالت <b>"', "زاخاروفا", ": على")],
    ...                    columns=["doc_id", "para_id", "outlet", "before", "match", "after"])
    >>> html = kwic_html(row)
    >>> "<mark>زاخاروفا</mark>" in html, "&lt;b&gt;&quot;" in html, 'dir="rtl"' in html
    (True, True, True)
    """
    from ..notebook import escape

    cell = "padding:2px 6px; white-space:nowrap; unicode-bidi:isolate;"
    rows = []
    for rec in frame.itertuples(index=False):
        where = f"{rec.doc_id}/{rec.para_id}" + (f" {rec.outlet}" if getattr(rec, "outlet", "") else "")
        rows.append(
            "<tr>"
            f'<td style="{cell} color:#666; text-align:right;">{escape(where)}</td>'
            f'<td style="{cell} text-align:left;">{escape(rec.before)}</td>'
            f'<td style="{cell} text-align:center;"><mark>{escape(rec.match)}</mark></td>'
            f'<td style="{cell} text-align:right;">{escape(rec.after)}</td>'
            "</tr>"
        )
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    if not rows:
        rows.append('<tr><td colspan="4">(no mention)</td></tr>')
    return f'<table class="kwic" dir="rtl" style="direction:rtl;">{cap}<tbody>{"".join(rows)}</tbody></table>'




NO_ACTOR = ("<p>No actor of the gazetteer is named in this corpus, so there is no mention to read in context. "
            "Add the corpus's own actors to <code>lexicons/actors.csv</code> in the corpus folder "
            "(<code>helpers.lexicon.add_actor</code>; <code>tables/actor_candidates.csv</code> lists names worth "
            "adding), then run the notebook again.</p>")


def actor_kwic_view(saved, mentions: pd.DataFrame, actor_id: str | None, gazetteer, limit: int = 40) -> str:
    """Return the KWIC table of ``actor_id``'s first ``limit`` mentions as HTML, or a note when there is no actor.

    Parameters
    ----------
    saved : helpers.saved.SavedTables
        The corpus's tables; only the articles holding the first ``limit`` mentions are loaded.
    mentions : DataFrame
        Actor mentions (``actor_mentions.csv`` rows: ``doc_id``, ``actor_id``...), in article order.
    actor_id : str or None
        The actor to show; ``None`` (as :func:`helpers.narrative.pick_actor` returns on a corpus that
        names no actor of the gazetteer) gives a paragraph saying so and how to add actors.
    gazetteer : Gazetteer
    limit : int
        Mentions shown; a sentence under the caption gives the total when there are more.

    Returns
    -------
    str
        HTML (a right-to-left table, or one paragraph).
    """
    from ..notebook import limit_note

    if actor_id is None:
        return NO_ACTOR
    rows = mentions[mentions["actor_id"] == actor_id]
    hits = kwic(saved.articles_of(rows, limit), actor_id, gazetteer=gazetteer)
    caption = f"{actor_id}: {gazetteer.label(actor_id)}. {limit_note(len(rows), limit, 'mentions')}".strip()
    return kwic_html(hits.head(limit), caption=caption)
