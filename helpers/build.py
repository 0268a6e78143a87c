"""Render the reports: run every notebook in a fresh kernel, export HTML, write the landing page.

``python -m helpers build [--seeds DIR] [--out DIR]``:

1. computes the tables (``OUT/tables/``) first, so bad input stops the build before any kernel starts
   (a large corpus in partitions over ``jobs`` processes, as ``python -m helpers tables --jobs``);
2. executes each ``notebooks/NN_*.ipynb`` in its own fresh kernel, with ``seeds_dir`` and ``out_dir``
   injected after the cell tagged ``parameters``; notebooks do not depend on each other, so up to
   ``jobs`` run at once, the longest first (:func:`run_order`); a progress line when each notebook
   starts and when it ends; kernel output goes to ``OUT/logs/``;
3. writes two renderings per notebook: ``OUT/<name>.html`` (the workbook: code and output) and
   ``OUT/<name>.reader.html`` (the reader report: narrative, tables and figures, no code and no exercises); both are
   self-contained (images embedded, nothing loaded from the network) and show Arabic right-to-left;
4. writes ``OUT/index.html``, which introduces the corpus and links every report.

A failing cell stops the build with the notebook and the cell named; a kernel that dies (killed for
memory, or by a signal) stops it with one line naming the notebook and the cause. Two builds of the
same corpus write byte-identical pages.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import queue
import re
import signal
import sys
import tempfile
import time
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
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
EXERCISE_TAG = "exercise"  # a "Your turn" cell: in the workbook page, left out of the reader page
TEMPLATE_DIR = PACKAGE_DIR / "templates"
TEMPLATE_NAME = "offline"
CELL_TIMEOUT = 600
_ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
_DIR_AUTO_RE = re.compile(r"<(p|li|td|th|h[1-6]|blockquote|caption|dt|dd|code|bdi)(?=[\s>])(?![^>]*\sdir=)")
_SCRIPT_RE = re.compile(r"(<script\b.*?</script>)", re.DOTALL | re.IGNORECASE)


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
            # A fixed id (nbformat would draw a random one): two builds must write the same page.
            new = nbformat.v4.new_code_cell(source, id=INJECTED_TAG, metadata={"tags": [INJECTED_TAG]})
            nb.cells.insert(index + 1, new)
            return nb
    raise BuildError(f"{name}: no cell tagged {PARAMETERS_TAG!r}, so seeds_dir/out_dir cannot be set")


def notebook_summary(nb) -> str:
    r"""Return the one-line summary of a notebook for the index.

    It is the first plain paragraph of the first markdown cell; a notebook that opens with its title
    and then headed lists (``**What you will learn**``) has none, and its title's subtitle (what
    follows the colon) is used instead.

    Examples
    --------
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(
    ...     "# 02 · Actors: who is named, and who speaks\n\n**What you will learn**\n\n* counts")])
    >>> notebook_summary(nb)
    'Who is named, and who speaks.'
    """
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            continue
        title = ""
        for para in re.split(r"\n\s*\n", cell.source):
            para = para.strip()
            if para.startswith("# ") and not title:
                title = para[2:].splitlines()[0].strip()
            if para and not para.startswith(("#", "-", "*", "|", ">")):
                return " ".join(para.split())
        if ":" in title:
            subtitle = title.split(":", 1)[1].strip().rstrip(".")
            return subtitle[:1].upper() + subtitle[1:] + "." if subtitle else ""
        break
    return ""


def add_dir_auto(markup: str) -> str:
    """Give every block and inline code span ``dir="auto"``: each takes its direction from its own text.

    Paragraphs, list items, headings and table cells read right-to-left when their first strong
    character is Arabic, left-to-right otherwise. Inline ``<code>`` spans get ``dir="auto"`` too,
    which isolates them: a browser looking for a block's first strong character skips them, so the
    bullet "`ل` + `ال` is written `لل`" stays an English, left-to-right line with its Arabic words
    intact. Elements that already have a ``dir`` keep it; scripts are left untouched.

    Examples
    --------
    >>> add_dir_auto('<li><code>لل</code> is written</li><td dir="rtl">x</td><pre>y</pre>')
    '<li dir="auto"><code dir="auto">لل</code> is written</li><td dir="rtl">x</td><pre>y</pre>'
    >>> add_dir_auto('<script>x = "<p>"</script><p>a</p>')
    '<script>x = "<p>"</script><p dir="auto">a</p>'
    """
    parts = _SCRIPT_RE.split(markup)
    return "".join(part if i % 2 else _DIR_AUTO_RE.sub(lambda m: f'<{m.group(1)} dir="auto"', part)
                   for i, part in enumerate(parts))


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
    if reader:  # exercises and their self-checks are for people running the notebook
        from nbconvert.preprocessors import TagRemovePreprocessor

        exporter.register_preprocessor(TagRemovePreprocessor(remove_cell_tags={EXERCISE_TAG}), enabled=True)
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


def merge_streams(nb):
    r"""Join each run of consecutive printed outputs of a cell into one per stream, standard output first; return ``nb``.

    The kernel sends what a cell prints in pieces, cut wherever its flush timer (every 0.2 s) happens
    to fall, and standard error travels apart from standard output. So the same cell could give one
    printed block on one build and two on the next, and the page would differ. Joined, the printed
    text is the same on every build; its place among the cell's tables and figures is kept.

    Examples
    --------
    >>> out = nbformat.v4.new_output
    >>> cell = nbformat.v4.new_code_cell("", outputs=[
    ...     out("stream", name="stdout", text="a\n"), out("stream", name="stderr", text="w\n"),
    ...     out("stream", name="stdout", text="b\n"), out("display_data", data={"text/plain": "t"}),
    ...     out("stream", name="stdout", text="c\n")])
    >>> [o.get("name", o.output_type) + ":" + o.get("text", "") for o in merge_streams(
    ...     nbformat.v4.new_notebook(cells=[cell])).cells[0].outputs]
    ['stdout:a\nb\n', 'stderr:w\n', 'display_data:', 'stdout:c\n']
    """
    for cell in nb.cells:
        outputs = cell.get("outputs")
        if not outputs:
            continue
        merged, run = [], {}
        for output in outputs:
            if output.get("output_type") != "stream":
                merged.extend(run[name] for name in ("stdout", "stderr") if name in run)
                merged.append(output)
                run = {}
            elif output["name"] in run:
                run[output["name"]]["text"] += output["text"]
            else:
                run[output["name"]] = output
        merged.extend(run[name] for name in ("stdout", "stderr") if name in run)
        cell.outputs = merged
    return nb


def process_memory(pid: int | None) -> tuple[float, float]:
    """Return (resident MB now, peak resident MB so far) of process ``pid``, or NaNs where the system cannot say.

    Read from ``/proc/PID/status`` (``VmRSS``, ``VmHWM``) on Linux.
    """
    values = {}
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                key, _, rest = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    values[key] = int(rest.split()[0]) / 1024
    except (OSError, ValueError, TypeError):
        pass
    return values.get("VmRSS", float("nan")), values.get("VmHWM", float("nan"))


def write_cell_log(nb, cells, path: Path) -> Path:
    """Write where a notebook's time and memory went: one row per code cell run, in order.

    Columns ``cell`` (its number among the notebook's own code cells, as in error messages),
    ``seconds``, ``resident_mb`` and ``peak_mb`` (the kernel's resident memory when the cell ended and
    its peak so far: the cell whose peak jumps is the one that needed the memory), ``source`` (its first
    line). The log varies from run to run; the pages do not.
    """
    import csv

    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and INJECTED_TAG not in c.metadata.get("tags", [])]
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(["cell", "seconds", "resident_mb", "peak_mb", "source"])
        for index, seconds, rss, peak in cells:
            if index in code:
                first = nb.cells[index].source.strip().splitlines()[:1]
                writer.writerow([code.index(index) + 1, f"{seconds:.2f}", f"{rss:.0f}", f"{peak:.0f}",
                                 first[0][:80] if first else ""])
    return path


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


def death_cause(returncode: int | None) -> str:
    """Say in words why a kernel process ended, from its exit status (negative: the signal that ended it).

    Examples
    --------
    >>> death_cause(-9)
    'killed by signal SIGKILL, which is how the system ends a process when memory runs out'
    >>> death_cause(-11), death_cause(1), death_cause(None)
    ('killed by signal SIGSEGV', 'exited with status 1', 'it stopped answering')
    """
    if returncode is None:
        return "it stopped answering"
    if returncode >= 0:
        return f"exited with status {returncode}"
    try:
        name = signal.Signals(-returncode).name
    except ValueError:
        name = f"number {-returncode}"
    cause = f"killed by signal {name}"
    if -returncode == getattr(signal, "SIGKILL", 9):
        cause += ", which is how the system ends a process when memory runs out"
    return cause


_EVENTS = None  # in a build worker: the queue on which it says which notebook it starts


def _init_worker(events) -> None:
    """Start a build worker: Ctrl-C reaches only the main process, and the worker reports starts on ``events``."""
    global _EVENTS
    ignore_interrupts()
    _EVENTS = events


def run_notebook(path: Path, seeds_dir: Path, out_dir: Path) -> NotebookResult:
    """Execute one notebook in a fresh kernel and write its two HTML renderings."""
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError

    if _EVENTS is not None:
        _EVENTS.put(path.stem)
    started = time.perf_counter()
    name = path.stem
    nb = nbformat.read(path, as_version=4)
    inject_parameters(nb, {"seeds_dir": str(seeds_dir), "out_dir": str(out_dir)}, path.name)
    logs = out_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYDEVD_DISABLE_FILE_VALIDATION": "1", "MPLBACKEND": "module://matplotlib_inline.backend_inline"}
    running: dict = {}  # the kernel's process and the cell it is running, for a message if it dies

    cells: list[tuple] = []  # (cell index, seconds, resident MB, peak MB) of each cell run, for logs/

    def on_cell_execute(cell, cell_index, **_):
        running["cell"] = cell_index
        running["since"] = time.perf_counter()
        if "process" not in running and client.km is not None:
            running["process"] = getattr(getattr(client.km, "provisioner", None), "process", None)

    def on_cell_executed(cell, cell_index, **_):
        process = running.get("process")
        cells.append((cell_index, time.perf_counter() - running["since"],
                      *process_memory(getattr(process, "pid", None))))

    with open(logs / f"{name}.kernel.log", "w", encoding="utf-8") as log, \
            tempfile.TemporaryDirectory(prefix="workbook-kernel-") as sockets:
        # Every output has been collected when the last cell returns, so the kernel is stopped at once
        # rather than asked to shut itself down (which waits about 0.4 s per notebook for nothing used).
        client = NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3", shutdown_kernel="immediate",
                                resources={"metadata": {"path": str(path.parent)}},
                                config=kernel_transport(Path(sockets)), on_cell_execute=on_cell_execute,
                                on_cell_executed=on_cell_executed)
        try:
            client.execute(stdout=log, stderr=log, env=env)
            write_cell_log(nb, cells, logs / f"{name}.cells.csv")
        except CellExecutionError as exc:
            index = next((i for i, c in enumerate(nb.cells) for o in c.get("outputs", [])
                          if o.get("output_type") == "error"), None)
            where = _cell_label(nb, index) if index is not None else "a cell"
            message = str(exc).strip().splitlines()
            last = _ANSI_RE.sub("", next((ln for ln in reversed(message) if ln.strip()), "error"))
            raise BuildError(f"{path.name}, {where}: {last}") from None
        except DeadKernelError:
            process = running.get("process")
            code = process.poll() if process is not None else None
            where = _cell_label(nb, running["cell"]) if "cell" in running else "start-up"
            raise BuildError(f"{path.name}: the kernel died during {where}: {death_cause(code)}") from None
        except CellTimeoutError:
            where = _cell_label(nb, running["cell"]) if "cell" in running else "a cell"
            raise BuildError(f"{path.name}, {where}: still running after {CELL_TIMEOUT} s, stopped") from None
    merge_streams(nb)
    html = export_html(nb, out_dir / f"{name}.html", reader=False)
    reader = export_html(nb, out_dir / f"{name}.reader.html", reader=True)
    return NotebookResult(name, time.perf_counter() - started, html, reader, notebook_summary(nb))


PARALLEL_TABLES_FROM = 500  # articles: from this size on, the build computes the tables in ``jobs`` processes


def build(seeds_dir: str | Path = SEEDS, out_dir: str | Path = OUTPUTS, notebooks_dir: str | Path = NOTEBOOKS,
          jobs: int = 2, progress=sys.stderr) -> list[NotebookResult]:
    """Build every report; return one :class:`NotebookResult` per notebook (in notebook order).

    Raises :class:`BuildError` naming the notebook when a cell fails or a kernel dies.
    """
    from .index import write_index
    from .tables import write_tables

    seeds_dir, out_dir = Path(seeds_dir).resolve(), Path(out_dir).resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    write_tables(seeds_dir, out_dir, jobs=table_jobs(seeds_dir, jobs))
    notebooks = list_notebooks(Path(notebooks_dir))
    if not notebooks:
        raise BuildError(f"{notebooks_dir}: no notebooks (NN_*.ipynb) to build")
    print(f"tables written to {out_dir / 'tables'}; running {len(notebooks)} notebooks", file=progress, flush=True)
    ordered = run_notebooks(notebooks, seeds_dir, out_dir, jobs, progress)
    write_times(out_dir, ordered)
    index = write_index(corpus_overview(seeds_dir, out_dir), ordered, out_dir)
    print(f"done: open {index}", file=progress, flush=True)
    return ordered


def table_jobs(seeds_dir: Path, jobs: int) -> int:
    """Return how many processes compute the tables: ``jobs`` for a large corpus, one for a small one.

    In one process the whole corpus is held in memory at once; in partitions each process holds at
    most :data:`helpers.tables.CHUNK_ARTICLES` articles. Starting the processes costs about a second,
    which a small corpus does not repay.
    """
    n_files = sum(1 for _ in Path(seeds_dir).glob("*.txt"))
    return jobs if n_files >= PARALLEL_TABLES_FROM else 1


def run_notebooks(notebooks: list[Path], seeds_dir: Path, out_dir: Path, jobs: int, progress) -> list[NotebookResult]:
    """Run the notebooks, up to ``jobs`` at once; print a line when each starts and ends; return them in order."""
    results: dict[str, NotebookResult] = {}
    context = multiprocessing.get_context()
    events = context.Queue()
    running: list[str] = []

    def report_starts():
        while True:
            try:
                name = events.get_nowait()
            except queue.Empty:
                return
            running.append(name)
            print(f"started {name}", file=progress, flush=True)  # numbered only when done: [k/n] counts finished ones

    with ProcessPoolExecutor(max_workers=max(1, min(jobs, len(notebooks))), mp_context=context,
                             initializer=_init_worker, initargs=(events,)) as pool:
        futures = {pool.submit(run_notebook, nb, seeds_dir, out_dir): nb
                   for nb in run_order(notebooks, read_times(out_dir))}
        pending = set(futures)
        try:
            while pending:
                done, pending = wait(pending, timeout=0.2, return_when=FIRST_COMPLETED)
                report_starts()
                for future in sorted(done, key=lambda f: futures[f].name):
                    try:
                        result = future.result()
                    except BrokenProcessPool:
                        names = ", ".join(running) or futures[future].name
                        raise BuildError(f"{names}: the build process running it was killed "
                                         "(the system does this when memory runs out)") from None
                    results[result.name] = result
                    running.remove(result.name) if result.name in running else None
                    print(f"[{len(results)}/{len(notebooks)}] {result.name}: {result.seconds:.1f} s -> "
                          f"{result.html.name}, {result.reader_html.name}", file=progress, flush=True)
        except BaseException:
            for f in futures:
                f.cancel()
            raise
    return [results[nb.stem] for nb in notebooks]


@dataclass
class CorpusOverview:
    """What the landing page needs to know of the corpus, read back from the tables the build wrote.

    The build never holds the whole corpus in its own process: the tables are computed in
    partitions, and the index reads ``articles.csv`` and ``warnings.csv``.
    """

    seeds_dir: Path
    articles: "object"
    warnings: list
    references: "object"
    about: frozenset | None = None  # the glossary's story actors some article is about (helpers.index.glossary_about)


def corpus_overview(seeds_dir: Path, out_dir: Path) -> CorpusOverview:
    """Return the articles, the warnings (:class:`~helpers.errors.CorpusNote`) and the reference dates from ``OUT/tables/``."""
    from .saved import SavedTables

    from .index import glossary_about

    saved = SavedTables(seeds_dir, out_dir, compute=False)
    return CorpusOverview(Path(seeds_dir), saved["articles.csv"], saved.notes(), saved["reference_dates.csv"],
                          glossary_about(saved, seeds_dir))
