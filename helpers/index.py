"""The landing page ``OUT/index.html``: the corpus at a glance and a link to every report."""
from __future__ import annotations

from pathlib import Path

from .errors import summarise_notes
from .lexicon import load_lexicon
from .notebook import escape, rtl_table


def load_glossary():
    """Return the glossary of Arabic terms (term, transliteration, meaning, where)."""
    frame = load_lexicon("glossary.csv", required=["term", "transliteration", "meaning", "where"], unique=["term"])
    return frame.drop(columns=["line"])

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
<p class="muted">Tables (CSV) are in <code>tables/</code>, figures (PNG) in <code>figures/</code>.
{warnings}</p>
<h2>Glossary</h2>
<p class="muted">The Arabic terms the reports use, with a transliteration (from <code>helpers/lexicons/glossary.csv</code>).</p>
{glossary}
</body></html>
"""


def write_index(corpus, results, out_dir: str | Path) -> Path:
    """Write ``OUT/index.html`` for ``corpus`` and the built notebooks ``results``; return its path."""
    arts = corpus.articles
    dates = sorted(d for d in arts["published"] if d)
    intro = (f"{len(arts)} articles from {arts['outlet'].nunique()} sources, "
             f"{int(arts['n_words'].sum()):,} words"
             + (f", published between {dates[0]} and {dates[-1]}" if dates else "")
             + (f" ({(arts['published'] == '').sum()} with no known date)" if (arts['published'] == '').any() else "")
             + ".")
    reports = "".join(
        f'<li><strong>{escape(r.name)}</strong>: {escape(r.summary)}<br>'
        f'<a href="{escape(r.reader_html.name)}">reader report</a> · '
        f'<a href="{escape(r.html.name)}">workbook with code</a></li>'
        for r in results
    )
    shown = arts[["doc_id", "outlet", "published", "title", "n_words", "n_obfuscations", "encoding"]].rename(
        columns={"n_words": "words", "n_obfuscations": "obfuscated words"})
    shown = shown.assign(published=shown["published"].replace("", "unknown"))
    warnings = ""
    if corpus.warnings:
        warnings = "Loading warnings (all in <code>tables/warnings.csv</code>): " + "; ".join(
            escape(line) for line in summarise_notes(corpus.warnings))
    page = PAGE.format(intro=escape(intro), reports=reports, articles=rtl_table(shown), warnings=warnings,
                       glossary=rtl_table(load_glossary(), rtl_columns=["term"]))
    path = Path(out_dir) / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
