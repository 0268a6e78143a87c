"""The landing page ``OUT/index.html``: the corpus at a glance and a link to every report."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .lexicon import Lexicons, for_display, load_lexicon, split_list
from .notebook import MAX_ROWS, escape, rtl_table, table_note


def load_glossary(lexicons=None, about=None):
    """Return the glossary of Arabic terms (term, transliteration, meaning, where).

    ``lexicons`` (a corpus folder, a loaded corpus or a :class:`~helpers.lexicon.Lexicons`) may extend
    the shipped glossary with the corpus's own ``lexicons/glossary.csv``. A row may name a ``story``
    (gazetteer actor ids, ``|``-separated: ``syria`` for ``قوات النظام``), as in the event codebook;
    with ``about`` (the story actors the corpus's articles are about, :func:`glossary_about`), a row
    whose story no article is about is left out (see :func:`glossary_set_aside`).
    """
    frame = _glossary(lexicons)
    if about is not None:
        frame = frame[[not ids or bool(ids & about) for ids in _story_ids(frame)]]
    return for_display(frame.drop(columns=["story"]).reset_index(drop=True))


def _glossary(lexicons=None) -> pd.DataFrame:
    return load_lexicon("glossary.csv", required=["term", "transliteration", "meaning", "where"], optional=["story"],
                        unique=["term"], lexicons=Lexicons.of(lexicons))


def _story_ids(frame: pd.DataFrame) -> list[frozenset]:
    return [frozenset(split_list(s)) for s in frame["story"].fillna("")]


@dataclass(frozen=True)
class GlossaryStories:
    """The story actor ids of the glossary's rows (an object with ``stories``, as the codebook has)."""

    stories: frozenset


def glossary_about(tables, lexicons=None) -> frozenset:
    """Return the glossary's story actors that at least one article of the corpus is about.

    Parameters
    ----------
    tables
        The corpus's tables (``actor_mentions.csv`` and ``actor_mentions_broad.csv``), read as for the
        event codebook's ``story`` (:func:`helpers.compare.codebook.article_stories_from_tables`).
    lexicons
        The corpus folder (its gazetteer and glossary).
    """
    from .actors import corpus_gazetteer
    from .compare.codebook import article_stories_from_tables

    wanted = frozenset(a for ids in _story_ids(_glossary(lexicons)) for a in ids)
    if not wanted:
        return frozenset()
    stories = article_stories_from_tables(tables, GlossaryStories(wanted), corpus_gazetteer(lexicons))
    return frozenset(a for ids in stories.values() for a in ids)


def glossary_set_aside(lexicons=None, about=frozenset()) -> tuple[int, list[str]]:
    """Return how many glossary rows ``about`` leaves out, and their stories (sorted)."""
    frame = _glossary(lexicons)
    out = [ids for ids in _story_ids(frame) if ids and not ids & about]
    return len(out), sorted({a for ids in out for a in ids})

PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Arabic news analysis workbook: reports</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em; line-height: 1.5; }}
table {{ border-collapse: collapse; }} td, th {{ border: 1px solid #ccc; padding: 4px 8px; vertical-align: top; }}
td[dir="rtl"] {{ text-align: right; unicode-bidi: plaintext; }}
.reports li {{ margin-bottom: 0.6em; }} .muted {{ color: #555; }}
</style></head>
<body>
<h1>Arabic news analysis workbook</h1>
<p>{intro}</p>
<h2>Reports</h2>
<p class="muted">Each notebook has two renderings: the <em>reader report</em> (narrative, tables and figures)
and the <em>workbook</em> (the same with every line of code that produced it).</p>
<ol class="reports">{reports}</ol>
<h2>The corpus</h2>
{articles}
<p class="muted">Tables (CSV) are in <code>tables/</code>, figures (PNG) in <code>figures/</code>. An article's
reference date is the date its relative dates resolve against: its published date (metadata), else a dateline in
its text (text), else none.</p>
<h2>Lexicons</h2>
{lexicons}
<h2>Warnings</h2>
{warnings}
<h2>Glossary</h2>
<p class="muted">The Arabic terms the reports use, with a transliteration (from <code>helpers/lexicons/glossary.csv</code>).</p>
{glossary}
</body></html>
"""


def lexicons_html(corpus) -> str:
    """Return what the index says about the lexicons used: shipped only, or which files the corpus extends."""
    lexicons = Lexicons.of(corpus)
    used = lexicons.used()
    own = used[used["corpus_file"] != ""]
    if own.empty:
        return ("<p>The shipped lexicons of <code>helpers/lexicons/</code>, unchanged: this corpus has no "
                "<code>lexicons/</code> folder of its own (<code>tables/lexicons_used.csv</code>).</p>")
    return ("<p>The shipped lexicons of <code>helpers/lexicons/</code>, extended by the corpus's own "
            "<code>lexicons/</code> folder for these files (every file read is in "
            "<code>tables/lexicons_used.csv</code>):</p>" + rtl_table(own.drop(columns=["corpus_file"])))


def write_index(corpus, results, out_dir: str | Path) -> Path:
    """Write ``OUT/index.html`` for ``corpus`` and the built notebooks ``results``; return its path.

    The introduction counts outlets only where they are known and reference dates by basis
    (:func:`helpers.narrative.corpus_summary`); the lexicons used and the warnings (loading and
    lexicons) are listed as tables.
    """
    from .dates import reference_dates
    from .narrative import corpus_summary, warning_rows

    arts = corpus.articles
    references = getattr(corpus, "references", None)  # the build reads them back from tables/reference_dates.csv
    if references is None:
        references = reference_dates(corpus)
    intro = corpus_summary(corpus, references)
    reports = "".join(
        f'<li><strong>{escape(r.name)}</strong>: {escape(r.summary)}<br>'
        f'<a href="{escape(r.reader_html.name)}">reader report</a> · '
        f'<a href="{escape(r.html.name)}">workbook with code</a></li>'
        for r in results
    )
    refs = dict(zip(references["doc_id"], zip(references["reference_date"], references["basis"])))
    shown = arts[["doc_id", "outlet", "published", "title", "n_words", "n_obfuscations", "encoding"]].rename(
        columns={"n_words": "words", "n_obfuscations": "obfuscated words"})
    shown = shown.assign(published=shown["published"].replace("", "unknown"))
    shown.insert(3, "reference date", [f"{refs[d][0]} ({refs[d][1]})" if refs[d][0] else "none"
                                       for d in shown["doc_id"]])
    warnings = (rtl_table(warning_rows(corpus.warnings)) + "<p class=\"muted\">Every warning, one per file, is in "
                "<code>tables/warnings.csv</code>.</p>" if corpus.warnings
                else "<p>None: every article has its metadata row, and the lexicons are the shipped ones or extend them "
                     "cleanly.</p>")
    # a large corpus: the first articles, and where every one is (the page stays small enough to open)
    note = f'<p class="muted">{escape(table_note(len(shown), min(len(shown), MAX_ROWS), "articles.csv"))}</p>'
    shown = shown.head(MAX_ROWS)
    page = PAGE.format(intro=escape(intro), reports=reports, articles=rtl_table(shown) + note,
                       lexicons=lexicons_html(corpus), warnings=warnings, glossary=glossary_html(corpus))
    path = Path(out_dir) / "index.html"
    path.write_text(page, encoding="utf-8")
    return path


def glossary_html(corpus) -> str:
    """Return the glossary table for the index, without the rows of a story no article is about (and say so).

    ``corpus.about`` (when the build read it from the tables: :func:`glossary_about`) holds the story
    actors the articles are about; without it every row is shown.
    """
    about = getattr(corpus, "about", None)
    table = rtl_table(load_glossary(corpus, about))
    if about is None:
        return table
    n, stories = glossary_set_aside(corpus, about)
    if not n:
        return table
    story = ", ".join(f"<code>{escape(s)}</code>" for s in stories)
    return table + (f'<p class="muted">{n} terms of the glossary belong to the story of {story}, which no article of '
                    "this corpus names at least twice: they are left out.</p>")
