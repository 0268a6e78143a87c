"""The landing page ``OUT/index.html``: the corpus at a glance and a link to every report."""
from __future__ import annotations

from pathlib import Path

from .lexicon import Lexicons, for_display, load_lexicon
from .notebook import MAX_ROWS, escape, rtl_table, table_note


def load_glossary(lexicons=None):
    """Return the glossary of Arabic terms (term, transliteration, meaning, where).

    ``lexicons`` (a corpus folder, a loaded corpus or a :class:`~helpers.lexicon.Lexicons`) may extend
    the shipped glossary with the corpus's own ``lexicons/glossary.csv``.
    """
    frame = load_lexicon("glossary.csv", required=["term", "transliteration", "meaning", "where"], unique=["term"],
                         lexicons=Lexicons.of(lexicons))
    return for_display(frame)

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
                       lexicons=lexicons_html(corpus), warnings=warnings, glossary=rtl_table(load_glossary(corpus)))
    path = Path(out_dir) / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
