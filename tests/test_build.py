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
    (tmp_path / "corpus" / "005_empty.txt").write_bytes(b"")
    proc = subprocess.run([sys.executable, "-m", "helpers", "tables", "--seeds", str(tmp_path / "corpus"),
                           "--out", str(tmp_path / "out")], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert "005_empty.txt: the file is empty" in proc.stderr
    assert "Traceback" not in proc.stderr
