"""The one-command build: notebooks execute, reports are self-contained, failures name the cell."""
from __future__ import annotations

import io
import json
import re
import subprocess
import sys

import nbformat
import pytest

from helpers.build import (MISSING_ALT, TIMES_FILE, BuildError, add_accessibility, build, kernel_transport,
                           list_notebooks, read_times, run_order)
from helpers.paths import NOTEBOOKS, ROOT, SEEDS

EXTERNAL_LOAD = re.compile(
    r"""(?:<(?:script|img|iframe|link|source|video|audio|embed)\b[^>]*\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?//)"""
    r"""|@import\s+(?:url\()?\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//""",
    re.IGNORECASE,
)


def test_every_notebook_renders_two_reports(built):
    """Each notebook gives a workbook and a reader report; the index links both."""
    out, results, log = built
    names = [p.stem for p in list_notebooks()]
    assert [r.name for r in results] == names
    index = (out / "index.html").read_text(encoding="utf-8")
    for name in names:
        assert (out / f"{name}.html").stat().st_size > 10_000
        assert (out / f"{name}.reader.html").exists()
        assert f'href="{name}.html"' in index and f'href="{name}.reader.html"' in index
        assert re.search(rf"\[\d+/{len(names)}\] {name}: [\d.]+ s", log)


def test_build_records_times_for_the_next_run_order(built):
    """The build records each notebook's seconds; the next build starts the longest one first."""
    out, results, _ = built
    times = read_times(out)
    assert sorted(times) == [r.name for r in results] and all(t > 0 for t in times.values())
    order = [p.stem for p in run_order(list_notebooks(), times)]
    assert [times[name] for name in order] == sorted(times.values(), reverse=True)


def test_run_order_without_times_starts_the_notebook_with_most_code():
    """Untimed notebooks go first, more code cells first (04 has 41, 02 has 32, 03 has 29, 01 has 23)."""
    assert [p.stem[:2] for p in run_order(list_notebooks(), {})] == ["04", "02", "03", "01"]
    timed = run_order(list_notebooks(), {"02_actor_frequency": 6.0, "01_cleaning": 9.0, "04_outlet_comparison": 2.0})
    assert [p.stem[:2] for p in timed] == ["03", "01", "02", "04"]


@pytest.mark.parametrize("content", ["not json", "[1, 2]", '{"01_cleaning": "fast"}'])
def test_unreadable_times_are_ignored(tmp_path, content):
    """A damaged times file only loses the ordering hint; it never stops a build."""
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / TIMES_FILE).write_text(content, encoding="utf-8")
    assert read_times(tmp_path) == {}


def test_reports_load_nothing_from_the_network(built):
    """No script, style, image or font is loaded from a URL; figures are embedded."""
    out, _, _ = built
    for page in out.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not EXTERNAL_LOAD.search(html), (page.name, EXTERNAL_LOAD.search(html).group(0))
        assert "cdnjs" not in html and "require.js" not in html and "mathjax" not in html.lower()


def test_cleaning_report_content(built):
    """The cleaning report embeds its charts, has Arabic paragraphs marked for direction, and the reader version no code."""
    out, _, _ = built
    full = (out / "01_cleaning.html").read_text(encoding="utf-8")
    reader = (out / "01_cleaning.reader.html").read_text(encoding="utf-8")
    assert full.count("data:image/png;base64") >= 2
    assert "resolve_dirs" in full and "files_written" in full
    assert "resolve_dirs" not in reader and "files_written" not in reader and 'class="jp-CodeMirrorEditor' not in reader
    assert reader.count("data:image/png;base64") >= 2
    assert re.search(r'<td dir="rtl"[^>]*>روسيا قلقة وتعلن عن اتصالات عسكرية مع تركيا بشأن إدلب</td>', reader)
    assert '<p dir="auto">' in reader
    for figure in ("01_obfuscations.png", "01_cleaning_steps.png"):
        assert (out / "figures" / figure).stat().st_size > 5_000


def test_report_images_are_described_and_cells_reachable_by_keyboard(built):
    """Every chart's alt text is its titles; code and output areas take the keyboard focus."""
    out, _, _ = built
    reader = (out / "02_actor_frequency.reader.html").read_text(encoding="utf-8")
    alts = re.findall(r'<img alt="([^"]*)"', reader)
    assert len(alts) == reader.count("<img") == 6
    assert "Chart: Most named actors · أكثر الفاعلين ذكراً" in alts
    assert "Chart: Most named actors per outlet · أكثر الفاعلين ذكراً في كل منبر; Al-Waseela; Awtan Post" in alts[1]
    for page in out.glob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "No description" not in html and MISSING_ALT not in html, page.name
    full = (out / "02_actor_frequency.html").read_text(encoding="utf-8")
    assert full.count('<div class="jp-Cell-inputWrapper" tabindex="0">') > 20
    assert '<div class="jp-RenderedImage jp-OutputArea-output " tabindex="0">' in full


def test_an_image_without_description_says_so():
    """An image from elsewhere (a user's own display) is marked as undescribed, not left silent."""
    html = add_accessibility('<div class="jp-OutputArea-output foo"><img src="data:," /><img alt="" src="x"></div>')
    assert html == (f'<div class="jp-OutputArea-output foo" tabindex="0"><img alt="{MISSING_ALT}" src="data:," />'
                    '<img alt="" src="x"></div>')


def test_kernels_use_their_own_sockets_on_posix(tmp_path, built):
    """Kernels started together cannot race for a TCP port: each talks over sockets in its own folder."""
    config = kernel_transport(tmp_path, posix=True)
    assert config.KernelManager.transport == "ipc" and config.KernelManager.ip == str(tmp_path / "kernel")
    assert "KernelManager" not in kernel_transport(tmp_path, posix=False)
    out, _, _ = built
    for log in (out / "logs").glob("*.kernel.log"):
        assert "over TCP" not in log.read_text(encoding="utf-8"), log.name


def test_build_writes_the_tables(built):
    """The build writes the tables with the documented columns."""
    out, _, _ = built
    header = (out / "tables" / "articles.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == ("doc_id,file,outlet,outlet_short,published,published_basis,encoding,n_replaced,title,"
                      "n_paragraphs,n_words,n_obfuscations")


def test_failing_cell_is_named(tmp_path):
    """A failing cell stops the build with the notebook and the cell named."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("seeds_dir = None\nout_dir = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_code_cell("counts = {}\ncounts['بوتين']"),
    ])
    folder = tmp_path / "nbs"
    folder.mkdir()
    nbformat.write(nb, folder / "01_broken.ipynb")
    with pytest.raises(BuildError, match=r"01_broken.ipynb, code cell 3 \(counts = \{\}\): KeyError: 'بوتين'"):
        build(SEEDS, tmp_path / "out", notebooks_dir=folder, progress=io.StringIO())


def test_notebook_without_parameters_cell_is_refused(tmp_path):
    """A notebook must have a cell tagged 'parameters' so the build can point it at a corpus."""
    folder = tmp_path / "nbs"
    folder.mkdir()
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")]), folder / "01_x.ipynb")
    with pytest.raises(BuildError, match="01_x.ipynb: no cell tagged 'parameters'"):
        build(SEEDS, tmp_path / "out", notebooks_dir=folder, progress=io.StringIO())


@pytest.mark.parametrize("path", list_notebooks(), ids=lambda p: p.name)
def test_notebooks_are_committed_without_outputs(path):
    """Notebooks in the repository carry no outputs or execution counts (the build renders them)."""
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, cell["source"][:1]


@pytest.mark.parametrize("path", list_notebooks(), ids=lambda p: p.name)
def test_notebooks_share_the_skeleton(path):
    """Every notebook has the parameters cell, a 'Your turn' section and ends listing the files written."""
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1 and tagged[0].source == "seeds_dir = None\nout_dir = None"
    assert any(c.cell_type == "markdown" and "Your turn" in c.source for c in nb.cells)
    assert "files_written(OUT, started)" in nb.cells[-1].source
    assert "../" not in "".join(c.source for c in nb.cells if c.cell_type == "code")


def test_notebook_folder_has_the_four_steps():
    """The workbook's notebooks come in their teaching order."""
    assert [p.name[:3] for p in list_notebooks(NOTEBOOKS)][:1] == ["01_"]


def test_cli_reports_bad_input_without_traceback(tmp_path):
    """A user error prints one plain line naming the problem and exits with status 2."""
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "005_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    proc = subprocess.run([sys.executable, "-m", "helpers", "tables", "--seeds", str(tmp_path / "corpus"),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert "005_binary.txt: not a text file" in proc.stderr
    assert "Traceback" not in proc.stderr


def one_cell_notebook(tmp_path, name: str, source: str):
    """Write a notebook of a parameters cell and one code cell into ``tmp_path/nbs``; return that folder."""
    nb = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell("seeds_dir = None\nout_dir = None", metadata={"tags": ["parameters"]}),
        nbformat.v4.new_code_cell(source),
    ])
    folder = tmp_path / "nbs"
    folder.mkdir()
    nbformat.write(nb, folder / name)
    return folder


def test_a_killed_kernel_ends_the_build_with_one_line_naming_notebook_and_cause(tmp_path):
    """A kernel killed mid-cell (as the system does when memory runs out) is named, with the signal."""
    folder = one_cell_notebook(tmp_path, "01_greedy.ipynb", "import os, signal\nos.kill(os.getpid(), signal.SIGKILL)")
    with pytest.raises(BuildError) as caught:
        build(SEEDS, tmp_path / "out", notebooks_dir=folder, progress=io.StringIO())
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("01_greedy.ipynb: the kernel died during code cell 2 (import os, signal)")
    assert "SIGKILL" in message and "memory" in message


def test_progress_shows_each_notebook_starting_and_ending(built):
    """Each notebook has a line when it starts, before the line when it ends."""
    _, results, log = built
    lines = log.splitlines()
    for r in results:
        start = next(i for i, ln in enumerate(lines) if ln == f"started {r.name}")
        end = next(i for i, ln in enumerate(lines) if re.match(rf"\[\d+/\d+\] {r.name}: ", ln))
        assert start < end


EXPECTED_FILES = {  # in a build the tables are written by the build, before any notebook: each lists its figures
    "01_cleaning": ["figures/01_cleaning_steps.png", "figures/01_obfuscations.png"],
    "02_actor_frequency": ["figures/02_actor_outlet_heatmap.png", "figures/02_cooccurrence.png",
                           "figures/02_strict_vs_broad.png", "figures/02_top_actors.png",
                           "figures/02_top_actors_by_outlet.png", "figures/02_voices_by_outlet.png"],
    "03_date_extraction": ["figures/date_timeline.png"],
    "04_outlet_comparison": ["figures/04_alignment_threshold.png", "figures/04_coverage.png", "figures/04_distancing.png",
                             "figures/04_keyness.png", "figures/04_labels.png"],
}


def files_listed(html: str) -> list[str]:
    """Return the files a report's last table ("Files written") lists."""
    return re.findall(r"<td[^>]*>((?:figures|tables)/[^<]+)</td>", html.rsplit("<table", 1)[1])


@pytest.mark.parametrize("name", sorted(EXPECTED_FILES))
def test_files_written_lists_exactly_the_notebooks_own_files(built, name):
    """The last cell lists the files this notebook wrote, sorted by path, none written by a notebook alongside."""
    out, _, _ = built
    assert files_listed((out / f"{name}.reader.html").read_text(encoding="utf-8")) == EXPECTED_FILES[name]


def test_notebooks_read_the_tables_the_build_wrote(built):
    """No notebook computes or rewrites a table in a build: each says it read them back."""
    out, _, _ = built
    for name in EXPECTED_FILES:
        html = (out / f"{name}.reader.html").read_text(encoding="utf-8")
        assert "read back" in html and "by this notebook" not in html, name


def test_a_notebook_run_alone_computes_and_lists_the_tables(tmp_path):
    """Run alone on an output folder without tables, a notebook computes them first and lists them as its own."""
    from nbclient import NotebookClient

    from helpers.build import inject_parameters

    nb = nbformat.read(NOTEBOOKS / "03_date_extraction.ipynb", as_version=4)
    inject_parameters(nb, {"seeds_dir": str(SEEDS), "out_dir": str(tmp_path)}, "03")
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}).execute()
    listed = re.findall(r"'((?:figures|tables)/[^']+)'|>((?:figures|tables)/[^<]+)<", json.dumps(nb.cells[-1].outputs))
    listed = [a or b for a, b in listed]
    assert "tables/date_mentions.csv" in listed and "tables/actor_mentions.csv" in listed
    assert "tables/manifest.json" in listed and "figures/date_timeline.png" in listed
    assert (tmp_path / "tables" / "manifest.json").is_file()


def test_two_builds_of_the_same_corpus_write_the_same_bytes(built):
    """Rebuilding into the same folder writes byte-identical pages, figures, tables and workbook (no random ids, no date)."""
    out, _, _ = built
    files = sorted(p for p in out.rglob("*") if p.is_file() and p.parent.name in (out.name, "figures", "tables")
                   and p.suffix in (".html", ".png", ".csv", ".xlsx"))
    before = {p: p.read_bytes() for p in files}
    build(SEEDS, out, progress=io.StringIO())
    changed = [p.relative_to(out).as_posix() for p in files if p.read_bytes() != before[p]]
    assert changed == []


def test_each_notebook_logs_the_time_and_memory_of_each_cell(built):
    """logs/NN.cells.csv: one row per code cell, numbered as in error messages, with seconds and memory."""
    import csv

    out, results, _ = built
    for r in results:
        nb = nbformat.read(NOTEBOOKS / f"{r.name}.ipynb", as_version=4)
        n_code = sum(1 for c in nb.cells if c.cell_type == "code")
        with open(out / "logs" / f"{r.name}.cells.csv", encoding="utf-8") as fh:
            rows = list(csv.DictReader(fh))
        assert [int(row["cell"]) for row in rows] == list(range(1, n_code + 1))
        assert all(float(row["seconds"]) >= 0 for row in rows)
        # the same build's own record (a later test rebuilds into this folder): cells add up to less
        total = json.loads((out / "logs" / TIMES_FILE).read_text(encoding="utf-8"))[r.name]
        assert 0 < sum(float(row["seconds"]) for row in rows) < total + 0.01 * len(rows)
        if sys.platform.startswith("linux"):
            peaks = [float(row["peak_mb"]) for row in rows]
            assert peaks == sorted(peaks) and all(float(row["resident_mb"]) <= float(row["peak_mb"]) for row in rows)
        assert rows[0]["source"] == "seeds_dir = None"


def test_printed_text_cut_by_the_kernel_s_flush_timer_is_one_block(tmp_path):
    """A cell that prints, works for longer than the kernel's flush interval, then prints, gives one block.

    The kernel sends printed text every 0.2 s: without joining, the same cell gave one block or two
    depending on timing, and two builds of the same corpus could differ.
    """
    folder = one_cell_notebook(tmp_path, "01_printer.ipynb",
                               "import time\nprint('first line')\ntime.sleep(0.6)\nprint('second line')")
    build(SEEDS, tmp_path / "out", notebooks_dir=folder, progress=io.StringIO())
    page = (tmp_path / "out" / "01_printer.reader.html").read_text(encoding="utf-8")
    assert re.search(r"<pre[^>]*>first line\nsecond line\n</pre>", page)


def test_index_summarises_every_notebook(built):
    """Every notebook has a one-line description on the index (02 and 03 open with lists, not a paragraph)."""
    _, results, _ = built
    summaries = {r.name: r.summary for r in results}
    assert all(len(s) > 20 for s in summaries.values()), summaries
    assert summaries["02_actor_frequency"] == "Who is named, how often, and who speaks."


def test_reports_build_on_a_story_the_shipped_lexicons_do_not_know(tmp_path):
    """The Renaissance Dam corpus names no person, armed group or event of the shipped lexicons: every
    notebook still runs, and notebook 02 shows the actor it can (no example of a person to pick)."""
    corpus = ROOT / "tests" / "corpora" / "renaissance_dam"
    results = build(corpus, tmp_path, progress=io.StringIO())
    assert [r.name for r in results] == [p.stem for p in list_notebooks()]
    page = (tmp_path / "02_actor_frequency.reader.html").read_text(encoding="utf-8")
    assert "no actor None" not in page and "UserWarning" not in page
    assert "unsc: مجلس الأمن الدولي (UN Security Council)." in page  # the actor named most, in context
