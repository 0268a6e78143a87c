"""Small things every notebook needs: resolved folders, right-to-left display, the list of files written."""
from __future__ import annotations

import html
import re
import time
from pathlib import Path

import pandas as pd

from .charsets import ARABIC_LETTERS, PRESENTATION_FORMS
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


_LATIN_LETTERS = "A-Za-z\u00C0-\u024F"
# A run of Arabic inside English text: Arabic letters and what lies between them, and a number right after
# the last word (the year of "حزيران 2019" belongs to the Arabic date).
_ARABIC_RUN_RE = re.compile("(?:(?<![0-9\u0660-\u0669./:-])[0-9\u0660-\u0669]+[ \u00A0]+(?=[" + ARABIC_LETTERS + "]))?"
                            f"[{ARABIC_LETTERS}{PRESENTATION_FORMS}](?:[^{_LATIN_LETTERS}\\n]*[{ARABIC_LETTERS}{PRESENTATION_FORMS}])?"
                            "(?:[ \u00A0]*[0-9\u0660-\u0669]+)?")
_LATIN_RUN_RE = re.compile(f"[{_LATIN_LETTERS}](?:[^{ARABIC_LETTERS}{PRESENTATION_FORMS}\\n]*[{_LATIN_LETTERS}])?")
_LATIN_RE = re.compile(f"[{_LATIN_LETTERS}]")
_ARABIC_RE = re.compile(f"[{ARABIC_LETTERS}{PRESENTATION_FORMS}]")
_LETTER_RE = re.compile(f"[{_LATIN_LETTERS}{ARABIC_LETTERS}{PRESENTATION_FORMS}]")


def bidi_html(text) -> tuple[str, str]:
    """Return ``(dir, markup)`` for one block of text that may mix Arabic and Latin letters.

    The block reads left to right when its first letter is Latin or when most of its letters are,
    right to left otherwise; each run of the other script is escaped and wrapped in ``<bdi>``, which
    isolates it (an Arabic run takes a number just before it along: ``11 كانون الأول``). So the block's first strong
    character outside the isolates is of its own script: ``dir="auto"`` and the Unicode
    first-strong rule agree with the returned ``dir``, and an English note that starts with an Arabic
    word (``مارس is also the verb``) stays left-to-right. ``dir`` is ``"rtl"`` for an Arabic block,
    ``"auto"`` for any other (left-to-right, or no letters at all).

    Examples
    --------
    >>> bidi_html("مارس ('he practised') is also the verb")
    ('auto', '<bdi>مارس</bdi> (&#x27;he practised&#x27;) is also the verb')
    >>> bidi_html('the press conference is dated "الأربعاء 5 حزيران 2019"')
    ('auto', 'the press conference is dated &quot;<bdi>الأربعاء 5 حزيران 2019</bdi>&quot;')
    >>> bidi_html("قال RT إن")
    ('rtl', 'قال <bdi>RT</bdi> إن')
    >>> bidi_html("in text: 11 كانون الأول/ديسمبر 2018")
    ('auto', 'in text: <bdi>11 كانون الأول/ديسمبر 2018</bdi>')
    >>> bidi_html("2020-02-11")
    ('auto', '2020-02-11')
    """
    text = str(text)
    arabic, latin = len(_ARABIC_RE.findall(text)), len(_LATIN_RE.findall(text))
    if not (arabic and latin):
        return ("rtl" if arabic else "auto"), escape(text)
    first = _LETTER_RE.search(text).group()
    rtl = arabic >= latin and not _LATIN_RE.match(first)
    runs = _LATIN_RUN_RE if rtl else _ARABIC_RUN_RE
    out, pos = [], 0
    for m in runs.finditer(text):
        out.append(escape(text[pos:m.start()]) + f"<bdi>{escape(m.group())}</bdi>")
        pos = m.end()
    out.append(escape(text[pos:]))
    return ("rtl" if rtl else "auto"), "".join(out)


def _cell(value, tag: str = "td") -> str:
    """Return one table cell: escaped, its direction decided by its own text (see :func:`bidi_html`)."""
    if value is None or (not isinstance(value, (list, tuple, set, dict)) and pd.isna(value)):
        value = ""
    direction, markup = bidi_html(value)
    return f'<{tag} dir="{direction}">{markup}</{tag}>'


def rtl_table(frame: pd.DataFrame, caption: str | None = None) -> str:
    """Return ``frame`` as an HTML table in which every cell reads in its own direction; all cells escaped.

    Each cell (and each header) is laid out by :func:`bidi_html`: an Arabic cell right-to-left, an
    English one left-to-right, the other script's words isolated inside it. The direction is decided
    cell by cell, never by column, so an English note that quotes an Arabic word stays readable.
    """
    head = "".join(_cell(c, "th") for c in frame.columns)
    rows = ["<tr>" + "".join(_cell(value) for value in rec) + "</tr>" for rec in frame.itertuples(index=False)]
    cap = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f'<table class="rtl-table">{cap}<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'


def show_html(markup: str):
    """Display an HTML fragment in the notebook (and in the rendered report)."""
    from IPython.display import HTML, display

    display(HTML(markup))


_WRITTEN: dict[Path, float] = {}


def record_written(path: str | Path) -> Path:
    """Note that this process wrote ``path`` (for :func:`files_written`); return ``path`` unchanged.

    :func:`helpers.tables.write_csv` and :func:`helpers.charts.save_figure` call it, so a notebook
    lists the files it wrote itself, not those another notebook built at the same time wrote into the
    same folder.
    """
    _WRITTEN[Path(path).resolve()] = time.time()
    return path


def files_written(out_dir: str | Path, since: float = 0.0) -> pd.DataFrame:
    """Return the files this process wrote under ``out_dir`` since ``since`` (a :func:`now` value), by path.

    One row per file (``file`` relative to ``out_dir``, ``bytes``), sorted by path: the same list
    in the same order on every run, whatever other notebooks write into the folder meanwhile.
    """
    out = Path(out_dir).resolve()
    rows = [{"file": path.relative_to(out).as_posix(), "bytes": path.stat().st_size}
            for path, when in sorted(_WRITTEN.items())
            if when >= since and path.is_relative_to(out) and path.is_file()]
    return pd.DataFrame(rows, columns=["file", "bytes"])


def now() -> float:
    """Return the current time, to pass later to :func:`files_written`."""
    return time.time()


# --- tables for readers --------------------------------------------------------------------------------

STATIC_ROWS = 12  # a table this short is written out as plain HTML, readable without any script
MAX_ROWS = 500  # at most this many rows go into a report page per table; the CSV holds them all
PAGE_ROWS = 10
_ITABLES_STATE = {"ready": False, "count": 0}


def tidy_for_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Return ``frame`` as a reader should see it: no meaningless index, whole numbers as integers.

    * A default index (unnamed ``0..n-1``) is dropped; a named one (``doc_id`` after a ``groupby``)
      becomes an ordinary column.
    * Column labels of several levels (a pivot table's) are joined with `` · ``.
    * A float column whose values are all whole numbers (``2.0`` from a ``fill_value`` or a sum)
      becomes integers; other floats are rounded to 3 decimals.

    Examples
    --------
    >>> tidy_for_display(pd.DataFrame({"n": [2.0, 3.0], "rate": [0.12345, 1.0]}))
       n   rate
    0  2  0.123
    1  3  1.000
    """
    shown = frame.copy()
    if isinstance(shown, pd.Series):
        shown = shown.to_frame()
    if any(name is not None for name in shown.index.names):
        shown = shown.reset_index()
    else:
        shown = shown.reset_index(drop=True)
    if isinstance(shown.columns, pd.MultiIndex):
        shown.columns = [" · ".join(str(p) for p in col if str(p) != "") for col in shown.columns]
    shown.columns = [str(c) for c in shown.columns]
    for name in shown.columns:
        column = shown[name]
        if column.dtype.kind == "f":
            values = column.dropna()
            if len(values) and (values == values.round()).all() and values.abs().max() < 2**53:
                shown[name] = column.astype("Int64")
            else:
                shown[name] = column.round(3)
    return shown


def table_note(total: int, shown: int, csv: str | None) -> str:
    """Return the sentence under a table that says how much of it the page shows and where the rest is.

    The table shown may be a selection of the CSV's rows (one kind, one outlet), so the note gives the
    rows of the table shown and says the CSV holds the whole table, not that it holds these rows only.

    Examples
    --------
    >>> table_note(12345, 500, "paragraphs.csv")
    'The first 500 of 12,345 rows; the whole table is tables/paragraphs.csv.'
    >>> table_note(40, 40, "articles.csv")
    '40 rows; the whole table is tables/articles.csv.'
    """
    where = f"; the whole table is tables/{csv}." if csv else "."
    if shown < total:
        return f"The first {shown:,} of {total:,} rows{where}"
    return f"{total:,} row{'s' if total != 1 else ''}{where}"


def interactive_table_html(frame: pd.DataFrame, table_id: str, caption: str | None = None) -> str:
    """Return ``frame`` as a table that sorts and searches in the page, with no network (``itables``).

    The page must hold ``itables``' offline bundle once, before the first such table
    (:func:`show_table` displays it on first use). Every cell takes its direction from its own text
    (``dir="auto"``), so Arabic cells read right to left. ``table_id`` is the table's HTML id: give a
    stable one, so two builds of the same corpus write the same page.
    """
    from itables import JavascriptFunction, to_html_datatable

    return to_html_datatable(
        frame, caption=caption, table_id=table_id, connected=False, showIndex=False, maxBytes=0,
        display_logo_when_loading=False, pageLength=PAGE_ROWS, classes="display compact",
        style="table-layout:auto;width:auto;margin:0;caption-side:top",
        columnDefs=[{"targets": "_all", "createdCell": JavascriptFunction(
            "function (td) { td.setAttribute('dir', 'auto'); }")}],
    )


def _itables_offline_init() -> None:
    """Display, once per kernel, the JavaScript and style sheet the interactive tables need (offline)."""
    from itables import init_notebook_mode

    if not _ITABLES_STATE["ready"]:
        init_notebook_mode(all_interactive=False, connected=False)
        _ITABLES_STATE["ready"] = True


def show_table(frame: pd.DataFrame, caption: str | None = None, csv: str | None = None,
               max_rows: int = MAX_ROWS, interactive: bool | None = None, total: int | None = None) -> None:
    """Show a table in a notebook and its reports, at any corpus size.

    Parameters
    ----------
    frame
        The table (any index: see :func:`tidy_for_display`).
    caption
        Shown above the table.
    csv
        The file in ``tables/`` that holds the whole table, named in the note under it.
    max_rows
        At most this many rows go into the page (the first ones); the note says how many there are.
    interactive
        ``True``: sortable and searchable in the page (``itables``, offline), ``False``: plain HTML.
        Default: plain up to :data:`STATIC_ROWS` rows, interactive beyond.
    total
        The number of rows of the whole table when ``frame`` holds only its first rows (a view
        computed on the first articles of a large corpus); default ``len(frame)``.

    A short table is plain HTML; a long one is shown by ``itables`` (its JavaScript embedded in the
    page once, nothing loaded from the network). Either way each cell takes its own direction, and
    a note under the table says how many rows it has and where the full table is.
    """
    from IPython.display import HTML, display

    shown = tidy_for_display(frame)
    total = len(shown) if total is None else max(total, len(shown))
    shown = shown.head(max_rows)
    if interactive is None:
        interactive = len(shown) > STATIC_ROWS
    note = f'<p class="table-note">{escape(table_note(total, len(shown), csv))}</p>'
    if not interactive:
        display(HTML(rtl_table(shown, caption=caption) + note))
        return None
    _itables_offline_init()
    _ITABLES_STATE["count"] += 1
    display(HTML(interactive_table_html(shown, f"table-{_ITABLES_STATE['count']}", caption) + note))
    return None


def limit_note(total: int, shown: int, what: str, unit: str = "") -> str:
    """Return a sentence saying that a view shows ``shown`` of ``total`` items, or "" when it shows all.

    Examples
    --------
    >>> limit_note(10000, 6, "articles", " (the first ones by doc_id)")
    'Showing 6 of 10,000 articles (the first ones by doc_id).'
    >>> limit_note(5, 5, "articles")
    ''
    """
    return f"Showing {shown:,} of {total:,} {what}{unit}." if shown < total else ""
