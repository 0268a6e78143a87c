"""Small things every notebook needs: resolved folders, right-to-left display, the list of files written."""
from __future__ import annotations

import html
import time
from pathlib import Path

import pandas as pd

from .paths import OUTPUTS, SEEDS

RTL_STYLE = "direction: rtl; text-align: right; unicode-bidi: plaintext;"


def resolve_dirs(seeds_dir: str | Path | None = None, out_dir: str | Path | None = None) -> tuple[Path, Path]:
    """Return the corpus and output folders as absolute paths (defaults: ``seeds/`` and ``outputs/``)."""
    seeds = Path(seeds_dir).resolve() if seeds_dir else SEEDS
    out = Path(out_dir).resolve() if out_dir else OUTPUTS
    out.mkdir(parents=True, exist_ok=True)
    return seeds, out


def open_corpus(seeds_dir: str | Path | None = None):
    """Load, clean and label the corpus for a notebook (see :func:`helpers.loading.read_corpus`).

    Warnings about the corpus are kept on it (``corpus.warnings``), for :func:`helpers.narrative.show_warnings`
    to list as a table, instead of reaching the report as Python warning boxes.
    """
    import warnings

    from .errors import CorpusWarning
    from .loading import read_corpus

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", CorpusWarning)
        return read_corpus(seeds_dir or SEEDS)


def escape(text) -> str:
    """Return ``text`` HTML-escaped (quotes too): article text never reaches a report unescaped.

    Examples
    --------
    >>> escape('<script>alert("إدلب")</script>')
    '&lt;script&gt;alert(&quot;إدلب&quot;)&lt;/script&gt;'
    """
    return html.escape(str(text), quote=True)


def rtl_table(frame: pd.DataFrame, rtl_columns=None, caption: str | None = None) -> str:
    """Return ``frame`` as an HTML table whose Arabic columns read right-to-left; all cells escaped.

    ``rtl_columns`` defaults to every column holding text with Arabic letters.
    """
    from .charsets import ARABIC_LETTER_RE

    if rtl_columns is None:
        rtl_columns = [c for c in frame.columns
                       if frame[c].astype(str).map(lambda s: bool(ARABIC_LETTER_RE.search(s))).any()]
    head = "".join(f"<th>{escape(c)}</th>" for c in frame.columns)
    rows = []
    for rec in frame.itertuples(index=False):
        cells = []
        for col, value in zip(frame.columns, rec):
            style = f' dir="rtl" style="{RTL_STYLE}"' if col in rtl_columns else ""
            cells.append(f"<td{style}>{escape('' if pd.isna(value) else value)}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f'<table class="rtl-table">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def show_html(markup: str):
    """Display an HTML fragment in the notebook (and in the rendered report)."""
    from IPython.display import HTML, display

    display(HTML(markup))


def files_written(out_dir: str | Path, since: float) -> pd.DataFrame:
    """List the files under ``out_dir`` modified at or after ``since`` (a ``time.time()`` value)."""
    out = Path(out_dir)
    rows = [
        {"file": str(p.relative_to(out)), "bytes": p.stat().st_size}
        for p in sorted(out.rglob("*")) if p.is_file() and p.stat().st_mtime >= since - 1
    ]
    return pd.DataFrame(rows, columns=["file", "bytes"])


def now() -> float:
    """Return the current time, to pass later to :func:`files_written`."""
    return time.time()
