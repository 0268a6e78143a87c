"""Render the reports: run every notebook in a fresh kernel, export HTML, write the landing page.

``python -m helpers build [--seeds DIR] [--out DIR]``:

1. computes the tables (``OUT/tables/``) first, so bad input stops the build before any kernel starts;
2. executes each ``notebooks/NN_*.ipynb`` in its own fresh kernel, with ``seeds_dir`` and ``out_dir``
   injected after the cell tagged ``parameters``; notebooks do not depend on each other, so up to
   ``jobs`` run at once, the longest first (:func:`run_order`); one progress line per notebook; kernel
   output goes to ``OUT/logs/``;
3. writes two renderings per notebook: ``OUT/<name>.html`` (the workbook: code and output) and
   ``OUT/<name>.reader.html`` (the reader report: narrative, tables and figures, no code); both are
   self-contained (images embedded, nothing loaded from the network) and show Arabic right-to-left;
4. writes ``OUT/index.html``, which introduces the corpus and links every report.

A failing cell stops the build with the notebook and the cell named.
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import nbformat

from .errors import WorkbookError
from .outputs import ignore_interrupts
from .paths import NOTEBOOKS, OUTPUTS, PACKAGE_DIR, SEEDS

PARAMETERS_TAG = "parameters"
INJECTED_TAG = "injected-parameters"
HIDE_INPUT_TAG = "remove-input"
TEMPLATE_DIR = PACKAGE_DIR / "templates"
TEMPLATE_NAME = "offline"
CELL_TIMEOUT = 600
_ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
_DIR_AUTO_RE = re.compile(r"<(p|li|td|th|h[1-6]|blockquote|caption)(?=[\s>])(?![^>]*\sdir=)")


class BuildError(WorkbookError):
    """A notebook failed while the reports were being built."""


@dataclass
class NotebookResult:
    """What building one notebook produced."""

    name: str
    seconds: float
    html: Path
    reader_html: Path
    summary: str


def list_notebooks(notebooks_dir: Path = NOTEBOOKS) -> list[Path]:
    """Return the workbook notebooks (``NN_*.ipynb``) in order."""
    return sorted(p for p in Path(notebooks_dir).glob("[0-9][0-9]_*.ipynb"))


TIMES_FILE = "notebook_seconds.json"


def run_order(notebooks: list[Path], seconds: dict[str, float]) -> list[Path]:
    """Return ``notebooks`` in the order to start them: longest expected run first.

    With a few notebooks on a few processes, starting the longest last leaves one process working alone
    at the end; longest-first keeps the processes evenly busy. ``seconds`` holds each notebook's time
    from the previous build. A notebook not in it has not been timed yet: it goes before the timed ones,
    and among untimed notebooks the one with more code cells goes first. Ties keep notebook order.
    """
    def key(path: Path):
        if path.stem in seconds:
            return (1, -seconds[path.stem])
        return (0, -code_cell_count(path))

    return sorted(notebooks, key=key)


def code_cell_count(path: Path) -> int:
    """Return the number of code cells in the notebook at ``path`` (0 if it cannot be read)."""
    try:
        cells = json.loads(Path(path).read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError, AttributeError):
        return 0
    return sum(1 for c in cells if isinstance(c, dict) and c.get("cell_type") == "code")


def read_times(out_dir: Path) -> dict[str, float]:
    """Return the per-notebook seconds recorded by the previous build in ``out_dir`` (empty if none or unreadable)."""
    try:
        times = json.loads((out_dir / "logs" / TIMES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: float(v) for k, v in times.items() if isinstance(v, (int, float))} if isinstance(times, dict) else {}


def write_times(out_dir: Path, results) -> Path:
    """Record each notebook's seconds in ``OUT/logs/`` so the next build can start the longest first."""
    path = out_dir / "logs" / TIMES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({r.name: round(r.seconds, 2) for r in results}, indent=1) + "\n", encoding="utf-8")
    return path


def inject_parameters(nb, params: dict, name: str):
    """Insert a cell setting ``params`` right after the cell tagged ``parameters``; return ``nb``."""
    for index, cell in enumerate(nb.cells):
        if PARAMETERS_TAG in cell.get("metadata", {}).get("tags", []):
            source = "# Parameters injected by the build\n" + "\n".join(f"{k} = {v!r}" for k, v in params.items())
            new = nbformat.v4.new_code_cell(source, metadata={"tags": [INJECTED_TAG]})
            nb.cells.insert(index + 1, new)
            return nb
    raise BuildError(f"{name}: no cell tagged {PARAMETERS_TAG!r}, so seeds_dir/out_dir cannot be set")


def notebook_summary(nb) -> str:
    """Return the one-line summary of a notebook: the first plain paragraph of its first markdown cell."""
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        for para in re.split(r"\n\s*\n", cell.source):
            para = para.strip()
            if para and not para.startswith(("#", "-", "*", "|", ">")):
                return " ".join(para.split())
        break
    return ""


def add_dir_auto(markup: str) -> str:
    """Give paragraphs, list items and table cells ``dir="auto"`` so Arabic ones read right-to-left.

    Examples
    --------
    >>> add_dir_auto('<p>إدلب</p><td dir="rtl">x</td><pre>y</pre>')
    '<p dir="auto">إدلب</p><td dir="rtl">x</td><pre>y</pre>'
    """
    return _DIR_AUTO_RE.sub(lambda m: f'<{m.group(1)} dir="auto"', markup)


_FOCUSABLE_RE = re.compile(r'<div class="(?:jp-Cell-inputWrapper|[^"]*\bjp-OutputArea-output\b[^"]*)"(?![^>]*\stabindex=)')
_IMG_WITHOUT_ALT_RE = re.compile(r"<img(?=[\s>/])(?![^>]*\salt=)")
MISSING_ALT = "Image (no description was given)"


def add_accessibility(markup: str) -> str:
    """Make code and output areas reachable with the keyboard, and give every image an ``alt`` text.

    Charts saved with :func:`helpers.charts.save_figure` carry their own description (the template
    writes it); any other image gets :data:`MISSING_ALT`, so a screen reader says what is missing.

    Examples
    --------
    >>> add_accessibility('<div class="jp-Cell-inputWrapper"><img src="a.png"><img alt="x" src="b.png">')
    '<div class="jp-Cell-inputWrapper" tabindex="0"><img alt="Image (no description was given)" src="a.png"><img alt="x" src="b.png">'
    """
    markup = _FOCUSABLE_RE.sub(lambda m: m.group(0) + ' tabindex="0"', markup)
    return _IMG_WITHOUT_ALT_RE.sub(f'<img alt="{MISSING_ALT}"', markup)


@lru_cache(maxsize=2)
def _exporter(reader: bool):
    """Return the HTML exporter for one rendering (built once per process: loading templates is slow)."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class ReportExporter(HTMLExporter):
        """nbconvert's HTML exporter without its closing pass through BeautifulSoup.

        That pass parses and re-serialises the whole page (about 60% of the export time for a report
        with many tables) only to add ``alt`` to images and ``tabindex`` to cells, which
        :func:`add_accessibility` does on the markup directly. The filters are set up as nbconvert does.
        """

        def from_notebook_node(self, nb, resources=None, **kw):
            language = nb.metadata.get("language_info", {})
            lexer = language.get("pygments_lexer", language.get("name"))
            self.register_filter("highlight_code", self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)))
            resources = self._init_resources(resources)
            self.register_filter("filter_data_type", WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources))
            return TemplateExporter.from_notebook_node(self, nb, resources, **kw)

    exporter = ReportExporter(
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATE_DIR)],
        exclude_input=reader,
        exclude_input_prompt=reader,
        exclude_output_prompt=reader,
        embed_images=True,
    )
    exporter.register_preprocessor(_hide_tagged_inputs, enabled=True)
    return exporter


def export_html(nb, path: Path, reader: bool) -> Path:
    """Write ``nb`` as a self-contained HTML file; ``reader=True`` drops all code (inputs and prompts)."""
    body, _ = _exporter(reader).from_notebook_node(nb)  # nbconvert works on its own copy
    path.write_text(add_dir_auto(add_accessibility(body)), encoding="utf-8")
    return path


def _hide_tagged_inputs(nb, resources):
    for cell in nb.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if cell.cell_type == "code" and (HIDE_INPUT_TAG in tags or INJECTED_TAG in tags):
            cell.metadata.setdefault("transient", {})["remove_source"] = True
            cell.metadata["jupyter"] = {**cell.metadata.get("jupyter", {}), "source_hidden": True}
            cell.source = "" if INJECTED_TAG in tags else cell.source
    return nb, resources


def _cell_label(nb, index: int) -> str:
    """Name a cell as the author sees it: its number among the notebook's own code cells."""
    code_cells = [i for i, c in enumerate(nb.cells)
                  if c.cell_type == "code" and INJECTED_TAG not in c.metadata.get("tags", [])]
    first = nb.cells[index].source.strip().splitlines()[:1]
    number = code_cells.index(index) + 1 if index in code_cells else index + 1
    return f"code cell {number} ({first[0][:60] if first else 'empty'})"


def kernel_transport(folder: Path, posix: bool = os.name == "posix"):
    """Return the kernel configuration for one notebook: Unix sockets in ``folder`` where the system has them.

    Over TCP, each kernel picks free ports just before it binds them, so two kernels started at the same
    moment (as the parallel build does) can pick the same port, and one dies with "Address already in
    use". Sockets in a folder of the notebook's own cannot collide, and nothing is exposed on the network.
    Windows keeps TCP.
    """
    from traitlets.config import Config

    if not posix:
        return Config()
    return Config({"KernelManager": {"transport": "ipc", "ip": str(Path(folder) / "kernel")}})


def run_notebook(path: Path, seeds_dir: Path, out_dir: Path) -> NotebookResult:
    """Execute one notebook in a fresh kernel and write its two HTML renderings."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    started = time.perf_counter()
    name = path.stem
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, {"seeds_dir": str(seeds_dir), "out_dir": str(out_dir)}, path.name)
    logs = out_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1", "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    with open(logs / f"{name}.kernel.log", "w", encoding="utf-8") as log, \
            tempfile.TemporaryDirectory(prefix="workbook-kernel-") as sockets:
        # Every output has been collected when the last cell returns, so the kernel is stopped at once
        # rather than asked to shut itself down (which waits about 0.4 s per notebook for nothing used).
        client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", shutdown_kernel="immediate",
                                resources={"metadata": {"path": str(path.parent)}},
                                config=kernel_transport(Path(sockets)))
        try:
            client.execute(stdout=log, stderr=log, env=env)
        except CellExecutionError as exc:
            index = next((i for i, c in enumerate(nb.cells) for o in c.get("outputs", [])
                          if o.get("output_type") == "error"), None)
            where = _cell_label(nb, index) if index is not None else "a cell"
            message = str(exc).strip().splitlines()
            last = _ANSI_RE.sub("", next((ln for ln in reversed(message) if ln.strip()), "error"))
            raise BuildError(f"{path.name}, {where}: {last}") from None
    html = export_html(nb, out_dir / f"{name}.html", reader=False)
    reader = export_html(nb, out_dir / f"{name}.reader.html", reader=True)
    return NotebookResult(name, time.perf_counter() - started, html, reader, notebook_summary(nb))


def build(seeds_dir: str | Path = SEEDS, out_dir: str | Path = OUTPUTS, notebooks_dir: str | Path = NOTEBOOKS,
          jobs: int = 2, progress=sys.stderr) -> list[NotebookResult]:
    """Build every report; return one :class:`NotebookResult` per notebook (in notebook order)."""
    from .index import write_index
    from .loading import read_corpus
    from .tables import write_tables

    seeds_dir, out_dir = Path(seeds_dir).resolve(), Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    corpus = read_corpus(seeds_dir)
    write_tables(seeds_dir, out_dir, corpus=corpus)
    notebooks = list_notebooks(Path(notebooks_dir))
    if not notebooks:
        raise BuildError(f"{notebooks_dir}: no notebooks (NN_*.ipynb) to build")
    print(f"tables written to {out_dir / 'tables'}; running {len(notebooks)} notebooks", file=progress, flush=True)
    results: dict[str, NotebookResult] = {}
    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(notebooks))), initializer=ignore_interrupts) as pool:
        futures = {pool.submit(run_notebook, nb, seeds_dir, out_dir): nb
                   for nb in run_order(notebooks, read_times(out_dir))}
        try:
            for done, future in enumerate(as_completed(futures), start=1):
                result = future.result()
                results[result.name] = result
                print(f"[{done}/{len(notebooks)}] {result.name}: {result.seconds:.1f} s -> {result.html.name}, "
                      f"{result.reader_html.name}", file=progress, flush=True)
        except BaseException:
            for f in futures:
                f.cancel()
            raise
    ordered = [results[nb.stem] for nb in notebooks]
    write_times(out_dir, ordered)
    index = write_index(corpus, ordered, out_dir)
    print(f"done: open {index}", file=progress, flush=True)
    return ordered
